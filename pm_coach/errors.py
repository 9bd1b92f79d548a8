"""The one error family of pm-coach.

Every failure a user can cause is raised as a :class:`PmCoachError` (or a subclass) anywhere in the
code and caught in exactly one place, the CLI's root group, which prints the message and the hint to
stderr and exits with the class's documented code. The table is repeated in the README.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# C0 and C1 control characters (ESC starts terminal escape sequences), line and paragraph
# separators, lone surrogates; a line feed is allowed where a message is laid out on lines.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_CONTROL_NOT_NL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def printable(text: str, *, lines: bool = False) -> str:
    """``text`` safe to print on a terminal: control characters are shown as escapes
    (``\\x1b``, ``\\x07``), so a file name cannot set the window title or hide text. With
    ``lines``, line feeds are kept."""
    pattern = _CONTROL_NOT_NL if lines else _CONTROL
    return pattern.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class ExitCode:
    OK = 0
    INTERNAL = 1  # a bug: rerun with --debug and report it
    USAGE = 2  # a bad option, argument or value on the command line
    DATA = 3  # a data file cannot be read, parsed or validated
    NOT_FOUND = 4  # an id, map or file named on the command line does not exist
    STORAGE = 5  # a data file or folder cannot be written (permissions, locks, links)
    PRECONDITION = 6  # something must happen first (no terminal for a form, no assessment yet)
    CANCELLED = 130  # the user pressed Ctrl-C or Esc; nothing was saved


class Hint:
    """A hint that names a pm-coach command, given by its key and the values it needs
    (``Hint("maps-list")``, ``Hint("map-validate", path=...)``). Its words live in
    ``pm_coach/app/hints.py``, so the rooms below app/ carry no command lines; the error
    boundary turns it into text."""

    def __init__(self, key: str, **values: object) -> None:
        self.key = key
        self.values = values

    def __repr__(self) -> str:
        return f"Hint({self.key!r}, **{self.values!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Hint) and (self.key, self.values) == (other.key, other.values)

    __hash__ = None  # type: ignore[assignment]


class PmCoachError(Exception):
    """An error the user can act on: a message, an optional hint, an exit code."""

    exit_code: int = ExitCode.USAGE

    def __init__(self, message: str, hint: str | Hint | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class InputError(PmCoachError):
    """A value given on the command line or in a form is not acceptable."""

    exit_code = ExitCode.USAGE


class DataFileError(PmCoachError):
    """A data file does not parse or validate; it is left untouched."""

    exit_code = ExitCode.DATA


class NotFoundError(PmCoachError):
    exit_code = ExitCode.NOT_FOUND


class StorageError(PmCoachError):
    """A data file or folder cannot be written or locked."""

    exit_code = ExitCode.STORAGE


class PreconditionError(PmCoachError):
    exit_code = ExitCode.PRECONDITION


class Cancelled(PmCoachError):
    exit_code = ExitCode.CANCELLED

    def __init__(self, message: str = "Cancelled: nothing was saved.") -> None:
        super().__init__(message)


def error_text(message: str, hint: str | None = None) -> str:
    """How an error reads on stderr: the message, then the hint on its own line; control
    characters (from a path, say) are shown escaped."""
    text = f"pm-coach: error: {printable(message, lines=True)}\n"
    return text + f"  hint: {printable(hint, lines=True)}\n" if hint else text


def did_you_mean(typed: str, known: Iterable[str]) -> str:
    """``Did you mean 'confidence'? `` when ``typed`` is a near miss of one or two of ``known``
    (any case), else an empty string: the start of a hint."""
    import difflib

    names = list(known)
    by_key = {name.casefold(): name for name in names}
    close = difflib.get_close_matches(typed.strip().casefold(), list(by_key), n=2, cutoff=0.7)
    if not close:
        return ""
    return f"Did you mean {' or '.join(repr(by_key[c]) for c in close)}? "
