"""Where every ``pm-coach`` process starts (the console script and ``python -m pm_coach``).

``log TEXT`` with plain options appends without typer, pydantic or rich when the views of the
profile, map and plan match (see :mod:`pm_coach.app.lean_log`).
``--version``, ``evidence list`` (table or JSON) and ``export`` in text, Markdown or JSON, with
options this module knows, run on the lean read path (see :mod:`pm_coach.app.lean`): no typer,
pydantic or rich, when the view cache vouches for the data files. ``plan --json`` and ``report
--json`` run without typer or rich, on the evidence log from the view cache (their maps,
assessments and plans are read and validated as usual). Everything else, and anything
the lean path cannot answer before it prints (no cache, a stale one, an option it does not
know, a value the full command line would refuse), goes to the full command line in
:mod:`pm_coach.cli`, which prints the same bytes (``tests/test_lean_path.py`` compares both).

A shell asking what Tab should offer gets a quick answer when it asks for names (see
app/completion.py), before the command line and its libraries are loaded.
"""

from __future__ import annotations

import os
import sys
from typing import Any, NamedTuple


class Grammar(NamedTuple):
    """The words one lean command takes after its name. Short and long names map to one key."""

    flags: dict[str, str]  # options that take no value
    values: dict[str, str]  # options that take one
    multi: frozenset[str]  # keys that may be repeated (a list); others keep the last one given
    numbers: dict[str, int]  # keys that take a whole number, with its least value
    text: bool = False  # one positional TEXT, which must be there
    once: bool = False  # a single-valued option given twice: the full CLI decides


# Anything else on the command line (for log: --action, --map, ...) goes to the full CLI.
# ``log TEXT`` runs on the lean log path (app/lean_log.py); its keys are EvidenceInput's fields.
GRAMMARS = {
    "log": Grammar(
        flags={"--no-suggest": "no_suggest"},
        values={
            "--gap": "gaps", "-g": "gaps", "--result": "result", "-r": "result",
            "--metric": "metrics", "-m": "metrics", "--tag": "tags", "-t": "tags",
            "--goal": "goal", "--date": "date", "-d": "date", "--kind": "kind", "-k": "kind",
            "--org": "org", "--scope": "scope",
        },
        multi=frozenset({"gaps", "metrics", "tags"}),
        numbers={},
        text=True,
        once=True,
    ),
    "evidence list": Grammar(
        flags={"--json": "as_json", "--reverse": "reverse", "-r": "reverse", "--wide": "wide"},
        values={
            "--tag": "tag", "-t": "tag", "--since": "since", "--until": "until",
            "--search": "search", "-s": "search", "--limit": "limit", "-n": "limit",
        },
        multi=frozenset({"tag"}),
        numbers={"limit": 0},
    ),
    "export": Grammar(
        flags={"--json": "as_json", "--lint": "lint", "--approved": "approved"},
        values={
            "--format": "fmt", "-f": "fmt", "--tag": "tag", "-t": "tag", "--since": "since",
            "--until": "until", "--top": "top",
        },
        multi=frozenset({"tag"}),
        numbers={"top": 1},
    ),
    "plan": Grammar(flags={"--json": "as_json"}, values={}, multi=frozenset(), numbers={}),
    "report": Grammar(flags={"--json": "as_json"}, values={}, multi=frozenset(), numbers={}),
}  # fmt: skip


def main() -> None:
    if "_PM_COACH_COMPLETE" in os.environ:
        from pm_coach.app.completion import quick_answer

        answer = quick_answer(os.environ)
        if answer is not None:
            text, code = answer
            sys.stdout.write(text)
            sys.stdout.flush()
            sys.exit(code)
    if not _lean(sys.argv[1:]):
        from pm_coach.cli import main as full

        full()


def parse(argv: list[str]) -> tuple[str, str | None, dict[str, Any]] | None:
    """(command, --data-dir, options) when the lean path knows every word of ``argv``."""
    data_dir = None
    i = 0
    while i < len(argv) and argv[i].startswith("--data-dir"):
        if argv[i] == "--data-dir" and i + 1 < len(argv) and not argv[i + 1].startswith("-"):
            data_dir, i = argv[i + 1], i + 2
        elif argv[i].startswith("--data-dir="):
            data_dir, i = argv[i][len("--data-dir=") :], i + 1
        else:
            return None
    rest = argv[i:]
    if rest == ["--version"] and data_dir is None:
        return "version", None, {}
    for command, grammar in GRAMMARS.items():
        words = command.split()
        if rest[: len(words)] == words:
            options = _options(rest[len(words) :], grammar)
            if options is None or (command in ("plan", "report") and not options):
                return None  # plan and report: only --json (the others need rich)
            return (command, data_dir, options)
    return None


def _options(args: list[str], grammar: Grammar) -> dict[str, Any] | None:
    """The options in ``args`` as the full CLI reads them, or None when only it can tell (a word
    ``grammar`` does not take, ``--``, a value that looks like an option, a number out of range;
    with TEXT: none or two of them; with ``once``: a single-valued option given twice)."""
    flags, values = grammar.flags, grammar.values
    out: dict[str, Any] = {}
    i = 0
    while i < len(args):
        arg = args[i]
        if grammar.text and not arg.startswith("-"):
            if "text" in out:
                return None
            out["text"], i = arg, i + 1
            continue
        if arg in flags:
            out[flags[arg]], i = True, i + 1
            continue
        if arg in values and i + 1 < len(args) and not args[i + 1].startswith("-"):
            name, value, i = values[arg], args[i + 1], i + 2
        elif arg.startswith("--") and "=" in arg and arg.split("=", 1)[0] in values:
            flag, value = arg.split("=", 1)
            name, i = values[flag], i + 1
        else:
            return None
        if name in grammar.multi:
            out.setdefault(name, []).append(value)
        elif grammar.once and name in out:
            return None
        else:
            out[name] = value
    for name, least in grammar.numbers.items():
        number = out.get(name)
        if number is not None:
            if not (number.isascii() and number.isdigit() and int(number) >= least):
                return None
            out[name] = int(number)
    if grammar.text and "text" not in out:
        return None
    return out


def _lean(argv: list[str]) -> bool:
    """Run ``argv`` on the lean path; False (nothing printed) when the full CLI must run it."""
    request = parse(argv)
    if request is None:
        return False
    command, data_dir, options = request
    if command == "version":
        from pm_coach import __version__

        _emit(lambda: sys.stdout.write(f"pm-coach {__version__}\n"))
        return True
    import gc

    gc.disable()  # a read command makes many small objects and no cycles worth collecting
    from contextlib import nullcontext

    from pm_coach.app.lean import Fallback, LeanWorkspace, ViewsWorkspace, kept_models

    if command == "log":
        gc.enable()  # a write: nothing to gain
        return _log(data_dir, options)
    views = command in ("plan", "report")
    try:
        with kept_models() if views else nullcontext():
            ws = (ViewsWorkspace if views else LeanWorkspace)(data_dir_override=data_dir)
            if data_dir:  # checked before any work, as the full CLI's root callback does
                ws.folder  # noqa: B018
            show = COMMANDS[command](ws, options)
    except Fallback:
        gc.enable()
        return False
    except Exception:  # a refusal or an error: the full CLI reports it in its own words
        gc.enable()
        return False
    _emit(show)
    return True


def _evidence_list(ws: Any, o: dict[str, Any]) -> Any:
    import datetime as dt

    from pm_coach.app.emit import emit
    from pm_coach.app.evidence import list_entries

    result = list_entries(
        ws,
        dt.date.today(),
        _filters(o),
        reverse=bool(o.get("reverse")),
        limit=o.get("limit"),
        wide=bool(o.get("wide")),
    )
    return lambda: emit(result, as_json=bool(o.get("as_json")))


def _filters(o: dict[str, Any]) -> Any:
    """The filters the lean path takes: --tag, --since, --until (and the list's --search)."""
    from pm_coach.app.selection import Filters

    tags, search = o.get("tag", []), o.get("search", "")
    return Filters(tags=tags, since=o.get("since"), until=o.get("until"), search=search)


def _export(ws: Any, o: dict[str, Any]) -> Any:
    import datetime as dt

    from pm_coach.app.emit import check_options, choose_format, emit, format_name
    from pm_coach.app.export import ExportResult
    from pm_coach.app.export import export as build
    from pm_coach.app.lean import Fallback

    fmt, as_json = o.get("fmt"), bool(o.get("as_json"))
    if fmt is not None and format_name(fmt) == "case":
        raise Fallback
    check_options(ExportResult, fmt, None, as_json)
    if choose_format(ExportResult, fmt, None, as_json) not in ("text", "markdown", "json"):
        raise Fallback  # json-resume needs the whole profile
    result = build(
        ws,
        dt.date.today(),
        _filters(o),
        top_n=o.get("top"),
        lint=bool(o.get("lint")),
        approved=bool(o.get("approved")),
    )
    return lambda: emit(result, fmt, None, False, as_json=as_json)


def _plan(ws: Any, o: dict[str, Any]) -> Any:
    import datetime as dt

    from pm_coach.app.emit import emit
    from pm_coach.app.lean import saved_plan

    result = saved_plan(ws, dt.date.today())
    return lambda: emit(result, None, None, False, as_json=True)


def _report(ws: Any, o: dict[str, Any]) -> Any:
    import datetime as dt

    from pm_coach.app.emit import emit
    from pm_coach.app.report import report

    result = report(ws, dt.date.today(), since=None, map_id=None, window=365, raters=False)
    return lambda: emit(result, None, None, False, as_json=True)


def _log(data_dir: str | None, o: dict[str, Any]) -> bool:
    """``log`` on the lean path; False (nothing written or printed) to hand it over."""
    from pm_coach.app.lean import Fallback
    from pm_coach.app.lean_log import lean_log

    try:
        show = lean_log(data_dir, o)
    except Fallback:
        return False
    except Exception:  # a refusal or an error: the full CLI reports it in its own words
        return False
    _emit(show)
    return True


COMMANDS = {
    "evidence list": _evidence_list,
    "export": _export,
    "plan": _plan,
    "report": _report,
}


def _emit(show: Any) -> None:
    """Print as the full CLI's RootGroup does: the output, then the store's notes, then a flush
    that a reader who went away (``| head``) turns into a quiet exit 0."""
    import os

    try:
        show()
        files = sys.modules.get("pm_coach.store.files")
        if files is not None:
            from pm_coach.errors import printable

            for message in files.notices:
                print(f"pm-coach: note: {printable(message)}", file=sys.stderr)
            files.notices.clear()
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


if __name__ == "__main__":
    main()
