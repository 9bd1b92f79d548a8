"""The one output contract: ``--json``, ``--format`` and ``-o`` behave the same for every command.

A use case returns a result object (an :class:`Output`); the command hands it to :func:`emit`
with the options as typed, and emit decides the format, renders, and prints or writes:

- ``--json`` is ``--format json``; given with another ``--format`` it is an error (exit 2).
- Without ``--format``, ``-o FILE`` with a known extension (``.md``, ``.html``, ``.json``) takes
  its format from the name; another extension gets the command's file format. ``--format`` and
  an extension that disagree are an error (exit 2), and so is an extension naming a format the
  command has none of, so a file always holds what its name says.
- Without either, the command's screen format (a table, plain text).
- ``-o`` writes atomically, 0600, never over an existing file without ``--force``, and says what
  it wrote on stderr. Data goes to stdout, messages to stderr, so ``--json`` output is only JSON.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from pm_coach.errors import InputError, PmCoachError

if TYPE_CHECKING:
    from rich.console import RenderableType

# What a file's extension says it holds; the first is taken when --format is not given.
# ``case`` (the promotion case) is a Markdown document too.
EXTENSIONS: dict[str, tuple[str, ...]] = {
    ".md": ("markdown", "case"),
    ".markdown": ("markdown", "case"),
    ".html": ("html",),
    ".htm": ("html",),
    ".json": ("json", "json-resume"),
}
ALIASES = {"md": "markdown", "htm": "html", "txt": "text", "jsonresume": "json-resume"}
# The extension a file of each format is given when a hint suggests a name.
SUFFIXES = {"markdown": ".md", "case": ".md", "html": ".html", "json": ".json", "text": ".txt"}


def format_name(text: str) -> str:
    """A format as typed (any case, ``md``, ``JSON Resume``) as pm-coach names it."""
    from pm_coach.models.names import slug

    name = slug(text)
    return ALIASES.get(name, name)


class Output:
    """What a use case returns. A subclass names its formats and renders each one."""

    # Every format the result can be emitted as; the first is the screen default.
    formats: ClassVar[tuple[str, ...]] = ("text", "json")
    # The format for -o FILE when FILE's extension says nothing.
    file_format: ClassVar[str] = "text"
    # Formats made for the screen (rich tables): never written to a file.
    screen_only: ClassVar[frozenset[str]] = frozenset({"terminal"})

    def render(self, fmt: str) -> str | Iterator[str] | RenderableType:
        """The result in ``fmt`` (one of ``formats``): text, lines of text written as they come
        (a long list in constant memory), or a rich renderable for the terminal view."""
        raise NotImplementedError

    def notes(self, fmt: str) -> list[str]:
        """Lines for stderr that go with the output in ``fmt`` (never part of the data)."""
        return []

    def after(self, fmt: str) -> list[str]:
        """Lines for stderr that follow the output on the screen (a remark about what was
        shown); never said when the reader of stdout went away."""
        return []

    def empty(self, fmt: str) -> str | None:
        """When there is nothing to show in ``fmt``, the line that says so (on stderr, and
        nothing is printed or written); None otherwise. JSON is always emitted."""
        return None

    def written(self, path: Path, fmt: str) -> str:
        """The line that confirms -o wrote ``path``."""
        return f"Wrote {path}"

    def failure(self) -> PmCoachError | None:
        """An error to end with once the output is out (what was fine is shown, then what was
        not, with its exit code); None when all went well."""
        return None


@dataclass(frozen=True)
class Message(Output):
    """What a command that changes data says it did: ``lines`` on stdout, ``told`` (where
    files went, what to do next) on stderr."""

    lines: tuple[str, ...] = ()
    told: tuple[str, ...] = ()
    error: PmCoachError | None = None

    formats: ClassVar[tuple[str, ...]] = ("text",)

    def render(self, fmt: str) -> str:
        from pm_coach.render.plain import screen_width, wrap_message

        width = screen_width(sys.stdout)
        return "".join(f"{part}\n" for line in self.lines for part in wrap_message(line, width))

    def notes(self, fmt: str) -> list[str]:
        return list(self.told)

    def failure(self) -> PmCoachError | None:
        return self.error


def check_options(
    kind: type[Output], fmt: str | None, output: str | Path | None, as_json: bool
) -> None:
    """Refuse output options that cannot work (exit 2) before any data is read or written,
    an -o path into the data folder among them."""
    path = Path(output).expanduser() if output is not None else None
    choose_format(kind, fmt, path, as_json)
    if path is not None:
        from pm_coach.store.output import refuse_data_folder

        refuse_data_folder(path)


def check_named_for(path: str | Path, holds: str) -> None:
    """For a command whose -o file always holds ``holds`` (``markdown``, ``toml``…): a name whose
    extension says another format is refused (exit 2), as emit refuses a --format that disagrees."""
    said = EXTENSIONS.get(Path(path).suffix.lower(), ())
    if said and holds not in said:
        raise _misnamed(Path(path), said[0], holds)


def _misnamed(path: Path, said: str, writes: str) -> InputError:
    """The error for a file whose name says ``said`` while the command writes ``writes``."""
    return InputError(
        f"the file name {path.name} says {said}, but this command writes {writes}.",
        hint=f"Name the file for {writes}, e.g. {path.stem}{SUFFIXES.get(writes, '.' + writes)}",
    )


def choose_format(kind: type[Output], fmt: str | None, path: Path | None, as_json: bool) -> str:
    """The format to emit: from --json, --format, -o's extension, or the command's default."""
    allowed = kind.formats
    given = format_name(fmt) if fmt is not None else None
    if as_json:
        if given is not None and given != "json":
            raise InputError(
                f"--json and --format {fmt} ask for two different formats.",
                hint="Give one of them: --json is the same as --format json.",
            )
        given = "json"
    if given is not None and given not in allowed:
        raise InputError(f"unknown format {fmt!r}.", hint=f"Use one of: {', '.join(allowed)}.")
    named = EXTENSIONS.get(path.suffix.lower(), ()) if path is not None else ()
    said = tuple(f for f in named if f in allowed)
    if path is not None and given is not None and said and given not in said:
        raise InputError(
            f"the file name {path.name} says {said[0]}, but the format asked for is {given}.",
            hint=f"Name the file for {given}, or leave out --format (or --json) to write "
            f"{said[0]}.",
        )
    if given is None:
        given = said[0] if said else (kind.file_format if path is not None else allowed[0])
    if path is not None and named and not said and given not in kind.screen_only:
        # a name that says a format this command has none of: never JSON in a file named .html
        raise _misnamed(path, named[0], given)
    if path is not None and given in kind.screen_only:
        files = [f for f in allowed if f not in kind.screen_only]
        raise InputError(
            "the terminal view is for the screen; -o writes a document.",
            hint=f"Use --format {files[0]} -o FILE (or one of: {', '.join(files)}).",
        )
    return given


def emit(
    result: Output,
    fmt: str | None = None,
    output: str | Path | None = None,
    force: bool = False,
    *,
    as_json: bool = False,
) -> None:
    """Print ``result`` or write it to ``output``, in the format the options ask for."""
    path = Path(output).expanduser() if output is not None else None
    kind = choose_format(type(result), fmt, path, as_json)
    for line in result.notes(kind):
        _say(line)
    if kind != "json":
        nothing = result.empty(kind)
        if nothing is not None:
            print(nothing, file=sys.stderr)
            return
    body = result.render(kind)
    if path is None:
        _show(body)
        sys.stdout.flush()  # a reader that went away shows here, before any remark
        for line in result.after(kind):
            _say(line)
    else:
        _write(result, body, path, kind, force)
    failed = result.failure()
    if failed is not None:
        raise failed


def _say(line: str) -> None:
    """A line for stderr, wrapped to the screen with any pm-coach command in it kept whole."""
    from pm_coach.render.plain import screen_width, wrap_message

    for part in wrap_message(line, screen_width(sys.stderr)):
        print(part, file=sys.stderr)


def _write(result: Output, body: str | RenderableType, path: Path, kind: str, force: bool) -> None:
    if isinstance(body, Iterator):  # lines written one at a time on screen
        body = "".join(body)
    if not isinstance(body, str):  # choose_format keeps the terminal view off files
        raise TypeError(f"{kind} renders for the screen only")
    from pm_coach.store.output import write_output

    write_output(path, body, force=force)
    from pm_coach.errors import printable  # a path may hold escape sequences

    print(printable(result.written(path, kind)), file=sys.stderr)


def _show(body: Any) -> None:
    if isinstance(body, str):
        sys.stdout.write(body)
        return
    if isinstance(body, Iterator):
        write = sys.stdout.write
        for line in body:
            write(line)
        return
    from pm_coach.render import console

    # crop=False: a hint's pm-coach command may run past the width rather than be cut short.
    out = console.out()
    if out.is_terminal:
        out.print(body, crop=False)
        return
    with out.capture() as captured:  # piped: plain lines, none ending in spaces
        out.print(body, crop=False)
    sys.stdout.write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))
