"""The command line: parse options, call the core, render. No business rules, no file I/O.

Errors are caught in exactly one place, :class:`RootGroup.invoke`.
"""

from __future__ import annotations

import os
import sys
import traceback
from typing import Annotated, Any, NoReturn, get_args, get_origin

import typer
from typer.core import TyperGroup

from pm_coach import __version__
from pm_coach.cli.state import Workspace
from pm_coach.errors import ExitCode, PmCoachError, error_text, printable


def _debug_requested(ctx: typer.Context) -> bool:
    obj = ctx.obj
    return bool(isinstance(obj, Workspace) and obj.debug) or "--debug" in sys.argv[1:2]


def print_error(message: str, hint: str | None = None) -> None:
    sys.stderr.write(error_text(message, hint))


def _print_notices() -> None:
    """Notes the store collected while the command ran (a data file made private, say)."""
    from pm_coach.app.workspace import take_notices

    for message in take_notices():
        print(f"pm-coach: note: {printable(message)}", file=sys.stderr)


def _reader_went_away() -> NoReturn:
    """The reader of stdout went away (``pm-coach report | head -1``): stop quietly with exit 0,
    as the README promises; stdout goes to /dev/null so the final flush cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    raise typer.Exit(ExitCode.OK) from None


def usage_message(exc: typer.TyperException) -> tuple[str, str]:
    """A usage error Click found while parsing (an unknown option, a missing argument, a bad
    value) as pm-coach's own message and hint: the near miss Click suggests moves to the hint,
    which also says where the options are listed."""
    ctx = getattr(exc, "ctx", None)
    if ctx is None:  # Click did not say which command (an option missing its value)
        see = "Add --help to the command to see its options."
    else:
        listed = "commands" if hasattr(ctx.command, "list_commands") else "options"
        see = f"See the {listed} with: {ctx.command_path} --help"
    if hasattr(exc, "possibilities"):  # an option that does not exist
        near = sorted(exc.possibilities or [])
        path = ctx.command_path if ctx is not None else "pm-coach"
        message = f"'{path}' has no option {exc.option_name}."
        return message, (f"Did you mean {' or '.join(near)}? {see}" if near else see)
    text = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    text, _, suggestion = text.partition(" Did you mean ")
    hint = f"Did you mean {suggestion} {see}" if suggestion else see
    text = text.replace(": Input should be ", ": it should be ")
    return text[:1].lower() + text[1:], hint


def _usage_error(exc: typer.TyperException) -> NoReturn:
    """Every usage error reads like every other pm-coach error and exits 2. A group called
    without a command still prints its help (Click's NoArgsIsHelpError)."""
    if type(exc).__name__ == "NoArgsIsHelpError":
        raise exc
    message, hint = usage_message(exc)
    print_error(message, hint)
    raise typer.Exit(ExitCode.USAGE) from None


def _no_type(ctx: Any) -> None:
    return None


def readable_metavars(group: Any) -> None:
    """Help names what an option takes in words (``--gap GAP``, ``--since DATE``, ``--top N``),
    never Typer's Python types (``<list[str]>``, ``<str>``); an argument shows only its name."""
    for command in getattr(group, "commands", {}).values():
        readable_metavars(command)
    for param in getattr(group, "params", []):
        if getattr(param, "opts", None) and hasattr(param, "is_flag"):  # an option
            if param.is_flag or param.count or param.metavar is not None:
                continue
            param.metavar = _metavar(param)
        elif hasattr(param, "display_type_rich"):  # an argument
            if param.metavar is None:
                param.metavar = (param.name or "value").upper()
            param.display_type_rich = _no_type


def _metavar(option: Any) -> str:
    long_names = [o for o in option.opts if o.startswith("--")] or option.opts
    name = long_names[0].lstrip("-")
    described = getattr(option, "type_descriptor", None)
    annotation = getattr(described, "annotation", None)
    element = get_args(annotation)[0] if get_origin(annotation) is list else annotation
    if element is int:
        return "N"
    if element is float:
        return "NUMBER"
    if name in ("since", "until", "start", "date") or name.endswith("-date"):
        return "DATE"
    if getattr(described, "is_path", False) or name == "output":
        return "FILE"
    return name.upper().replace("-", "_")


class RootGroup(TyperGroup):
    """The only exit point: every PmCoachError becomes a message and a documented exit code."""

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        readable_metavars(self)
        # --help and --version print while the command line is parsed, before invoke().
        try:
            return super().make_context(*args, **kwargs)
        except BrokenPipeError:
            _reader_went_away()
        except typer.TyperException as exc:  # the root's own options, e.g. pm-coach --bogus
            _usage_error(exc)

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            result = super().invoke(ctx)
            _print_notices()
            sys.stdout.flush()  # a closed pipe shows here, not at exit where it would be exit 120
            return result
        except PmCoachError as exc:
            _print_notices()
            if _debug_requested(ctx):
                raise
            if exc.exit_code == ExitCode.CANCELLED:
                print(exc.message, file=sys.stderr)
            else:
                from pm_coach.app.hints import hint_text

                print_error(exc.message, hint_text(exc.hint))
            raise typer.Exit(exc.exit_code) from None
        except (KeyboardInterrupt, EOFError):
            if _debug_requested(ctx):
                raise
            print("Cancelled: nothing was saved.", file=sys.stderr)
            raise typer.Exit(ExitCode.CANCELLED) from None
        except BrokenPipeError:
            _reader_went_away()
        except (typer.Exit, typer.Abort):
            raise
        except typer.TyperException as exc:  # found while parsing a command's options
            _usage_error(exc)
        except Exception as exc:
            if _debug_requested(ctx):
                raise
            print_error(
                f"unexpected internal error: {type(exc).__name__}: {exc}",
                "This is a bug in pm-coach. Run the same command with --debug "
                "(pm-coach --debug …) to see the traceback, and report it.",
            )
            if "PM_COACH_TRACEBACK" in os.environ:  # for pm-coach's own tests
                traceback.print_exc()
            raise typer.Exit(ExitCode.INTERNAL) from None


app = typer.Typer(
    cls=RootGroup,
    name="pm-coach",
    help="A local-first career coach for product managers growing into product leaders.\n\n"
    "The loop: assess → plan → log → export → assess again. Your data stays in plain TOML "
    "files on this machine (see 'Where data lives' in the README).",
    no_args_is_help=True,
    add_completion=True,  # Typer's --install-completion / --show-completion
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"pm-coach {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data_dir: Annotated[
        str | None,
        typer.Option(
            "--data-dir",
            help="Folder for your data files. Overrides $PM_COACH_HOME and the platform default.",
            metavar="DIR",
        ),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the full traceback when something fails.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    ctx.obj = Workspace(data_dir_override=data_dir, debug=debug)
    if data_dir:  # known from the start, so -o can be checked against it before any work
        ctx.obj.folder  # noqa: B018 (resolving the folder is the point)


def _register() -> None:
    """Each command module adds its own commands; the order here is the order in --help."""
    from pm_coach.cli import (
        assess,
        cohort,
        evidence,
        export,
        feedback,
        importer,
        log,
        maps,
        network,
        next,
        plan,
        profile,
        report,
        share,
        stories,
    )

    for module in (
        assess, plan, next, log, evidence, export, report, feedback, stories, profile, maps,
        network,
        importer,
        share, cohort,
    ):  # fmt: skip
        module.register(app)


_register()


def _command_asked_for(argv: list[str]) -> str | None:
    """The command name on the command line, after the global options; None when there is
    none or anything else comes first (--help, --version, an option typer must judge)."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--data-dir":
            i += 2
        elif arg.startswith("--data-dir=") or arg == "--debug":
            i += 1
        elif arg.startswith("-"):
            return None
        else:
            return arg
    return None


def _keep_only(name: str) -> bool:
    """Leave only command ``name`` registered on the root app; False (nothing changed) unless
    exactly one registered command or group has that name."""
    from typer.main import get_command_name

    def named(info: Any) -> str | None:
        if info.name:
            return str(info.name)
        callback = getattr(info, "callback", None)
        return get_command_name(callback.__name__) if callback else None

    commands = [c for c in app.registered_commands if named(c) == name]
    groups = [g for g in app.registered_groups if named(g) == name]
    if len(commands) + len(groups) != 1:
        return False
    app.registered_commands[:] = commands
    app.registered_groups[:] = groups
    return True


# Commands that read far more than they write; the garbage collector stays off while they run
# (measured 0.8x the time at 100,000 entries; see docs/performance.md).
READ_COMMANDS = frozenset({"evidence", "export", "report", "plan", "next", "stories"})


def main() -> None:
    """The console script. Typer turns every registered command into a click command (reading
    each function's signature and type hints) before it parses anything: for the whole tree
    that is about a third of a second's start-up on a slow machine. When the command line names
    one command, only that one is built; with no command, --help, --version or a name that is
    not a command, the whole tree is built, so help, errors and suggestions are unchanged."""
    saved = app.registered_commands[:], app.registered_groups[:]
    completing = "_PM_COACH_COMPLETE" in os.environ  # a shell asks what Tab should offer
    if completing:
        from pm_coach.app.completion import shell_words

        name = _command_asked_for(shell_words(os.environ)[0])
    else:
        name = _command_asked_for(sys.argv[1:])
    if name is not None:
        _keep_only(name)
    if name in READ_COMMANDS:
        import gc

        gc.disable()  # loading a big log makes many objects and no cycles worth collecting
    try:
        if completing:
            from pm_coach.cli.completion import complete

            complete(app)
        else:
            app(prog_name="pm-coach")
    finally:
        app.registered_commands[:], app.registered_groups[:] = saved
