"""TOML data files: strict parsing, ``schema_version``, ``[[key]]`` tables read into validated
models (errors name the file, the line and the field) and written back in a fixed order.

The bytes themselves are read and written through store/files.py; a file that does not parse or
validate raises :class:`DataFileError` and is never written to.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pm_coach.errors import DataFileError
from pm_coach.store.files import FIX_HINT, read_text, shown

if TYPE_CHECKING:  # pydantic and tomllib are imported where a file is parsed, not to write one
    from pydantic import BaseModel, ValidationError

SCHEMA_VERSION = 1

M = TypeVar("M", bound="BaseModel")

_TOML_POS = re.compile(r"^(?P<msg>.*?)\s*\(at line (?P<line>\d+), column (?P<col>\d+)\)$")


def parse_toml(path: Path, text: str) -> dict[str, Any]:
    """Parse TOML text, turning a syntax error into a DataFileError with line and column."""
    import tomllib

    try:
        return tomllib.loads(text)
    except RecursionError:
        raise DataFileError(
            f"{shown(path)}: not valid TOML: arrays or tables are nested too deeply.",
            hint=FIX_HINT,
        ) from None
    except tomllib.TOMLDecodeError as exc:
        m = _TOML_POS.match(str(exc))
        if m:
            where = f"line {m.group('line')}, column {m.group('col')}"
            msg = m.group("msg")
        else:
            where, msg = "somewhere in the file", str(exc)
        raise DataFileError(
            f"{shown(path)}, {where}: not valid TOML: {msg}.", hint=FIX_HINT
        ) from None
    except ValueError:  # Python refuses to read an integer of more than 4,300 digits
        raise DataFileError(
            f"{shown(path)}: not valid TOML: a number has too many digits.", hint=FIX_HINT
        ) from None


def check_schema_version(path: Path, doc: dict[str, Any]) -> None:
    version = doc.get("schema_version")
    if version is None:
        raise DataFileError(
            f"{path}, line 1: 'schema_version' is missing.",
            hint=f"Add 'schema_version = {SCHEMA_VERSION}' as the first line of the file.",
        )
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DataFileError(
            f"{path}: 'schema_version' must be a whole number, not {version!r}.",
            hint=f"Set it to {SCHEMA_VERSION}.",
        )
    if version > SCHEMA_VERSION:
        raise DataFileError(
            f"{path} has schema_version {version}, but this pm-coach knows only up to "
            f"{SCHEMA_VERSION}: it was written by a newer pm-coach.",
            hint="Upgrade pm-coach (pip install -U pm-coach) before using this file.",
        )


def table_lines(text: str, key: str) -> list[int]:
    """Line numbers (1-based) of each ``[[key]]`` header, in order."""
    pattern = re.compile(rf"^\s*\[\[\s*{re.escape(key)}\s*\]\]")
    return [i for i, line in enumerate(text.splitlines(), start=1) if pattern.match(line)]


def describe_validation(exc: ValidationError, limit: int = 4) -> str:
    from pm_coach.models.validation import describe

    return describe(exc, limit)


def load_tables(path: Path, key: str, model: type[M], *, allowed: tuple[str, ...] = ()) -> list[M]:
    """Read a ``schema_version`` + ``[[key]]`` file into validated models (empty if absent).

    Validation is strict (pydantic's strict mode), for every model read through here: a value
    of the wrong type (``created = 2``, ``hours_per_week = true``, a level written ``"2"``) is
    an error naming the file, the line and the field, never quietly converted and then written
    back converted on the next save.

    Any syntax or validation problem raises a DataFileError naming the file, the line and the
    field, and the file is not touched.
    """
    text = read_text(path)
    if text is None:
        return []
    return parse_tables(path, text, key, model, allowed=allowed)


def parse_tables(
    path: Path, text: str, key: str, model: type[M], *, allowed: tuple[str, ...] = ()
) -> list[M]:
    from pydantic import ValidationError

    doc = parse_toml(path, text)
    check_schema_version(path, doc)
    unknown = sorted(set(doc) - {"schema_version", key, *allowed})
    if unknown:
        raise DataFileError(
            f"{path}: unknown top-level key(s) {', '.join(map(repr, unknown))}.",
            hint=f"Only 'schema_version' and [[{key}]] tables belong in this file. " + FIX_HINT,
        )
    raw = doc.get(key, [])
    if not isinstance(raw, list) or not all(isinstance(r, dict) for r in raw):
        raise DataFileError(f"{path}: '{key}' must be a list of [[{key}]] tables.", hint=FIX_HINT)
    items: list[M] = []
    lines: list[int] | None = None
    for i, record in enumerate(raw):
        try:
            items.append(model.model_validate(record, strict=True))
        except ValidationError as exc:
            lines = lines or table_lines(text, key)
            line: int | str = lines[i] if i < len(lines) else "?"
            if isinstance(line, int):  # the line of the field itself, when it can be found
                loc = exc.errors()[0]["loc"]
                end = lines[i + 1] if i + 1 < len(lines) else None
                line = field_line(text, line, end, str(loc[0])) if loc else line
            ident = f", id {record.get('id')!r}" if isinstance(record.get("id"), str) else ""
            raise DataFileError(
                f"{path}, line {line} (entry {i + 1}{ident}): {describe_validation(exc)}.",
                hint=FIX_HINT,
            ) from None
    return items


@dataclass(frozen=True)
class Unique(Generic[M]):
    """What must not repeat across a file's tables (an id, a name), and how a repeat is told:
    ``what`` names the repeated value, ``hint`` says how to fix it."""

    ident: Callable[[M], str]
    what: Callable[[M], str]
    hint: str

    def check(self, path: Path, text: str, key: str, items: list[M]) -> None:
        """Refuse the second ``[[key]]`` table whose ident repeats an earlier one's, naming
        both lines."""
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            found = self.ident(item)
            if found in seen:
                lines = table_lines(text, key)
                raise DataFileError(
                    f"{path}, line {lines[i] if i < len(lines) else '?'}: {self.what(item)} is "
                    f"used twice (first at line {lines[seen[found]]}).",
                    hint=f"{self.hint} {FIX_HINT}",
                )
            seen[found] = i


def load_unique_tables(path: Path, key: str, model: type[M], unique: Unique[M]) -> list[M]:
    """Like :func:`load_tables`, for files whose tables must not repeat ``unique.ident``."""
    text = read_text(path)
    if text is None:
        return []
    items = parse_tables(path, text, key, model)
    unique.check(path, text, key, items)
    return items


def field_line(text: str, start: int, end: int | None, name: str) -> int:
    """The line of ``name = …`` in the table that starts at line ``start`` (and ends before
    ``end``); ``start`` when it is not there (a missing field)."""
    pattern = re.compile(rf"^\s*[\"']?{re.escape(name)}[\"']?\s*=")
    for number, line in enumerate(text.splitlines()[start : end and end - 1], start=start + 1):
        if pattern.match(line):
            return number
    return start


def dump_tables(key: str, records: list[dict[str, Any]], comment: str = "") -> str:
    """Serialise records as ``schema_version`` then one ``[[key]]`` table each, keys in order."""
    from pm_coach.store.tomlfmt import table

    head = f"# {comment}\n" if comment else ""
    head += f"schema_version = {SCHEMA_VERSION}\n"
    body = "".join("\n" + table(key, r) for r in records)
    return head + body
