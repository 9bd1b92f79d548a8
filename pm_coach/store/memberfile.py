"""A fast reader for the member files ``pm-coach share`` writes, with tomllib as the judge.

A cohort report reads thousands of member files, and tomllib, written in Python, spends most
of the command's time on them. The files ``share`` writes use a small, fixed part of TOML: one
``key = value`` per line (quoted strings without escapes, whole numbers, dates, one-line arrays
of such strings), ``[levels]``, ``[targets]`` and ``[[evidence]]`` headers, comments and blank
lines. :func:`parse` reads exactly that and returns None for anything else (a backslash in a
string, a trailing comment, a repeated key, an inline table, a float...), and the caller then
hands the file to tomllib, which parses it or names the line that is wrong. So the fast path
never accepts a file tomllib would refuse, nor reads one differently.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

_CHARS = r'[^"\\\x00-\x08\x0a-\x1f\x7f]*'  # a basic string's characters, no escapes
# One line: a bare key, " = ", and one value: a string, a whole number, a date, or a one-line
# array of strings. One match per line tells both whether the line is plain and what it holds.
_ENTRY = re.compile(
    rf'(?P<key>[A-Za-z0-9_-]+) = (?:"(?P<str>{_CHARS})"|(?P<int>-?(?:0|[1-9][0-9]*))'
    rf"|(?P<date>[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}})"
    rf'|\[(?P<list>(?:"{_CHARS}"(?:, "{_CHARS}")*)?)\])'
)
_ITEM = re.compile(rf'"({_CHARS})"')
_TABLES = ("levels", "targets")
_ARRAY_TABLES = ("evidence",)


def _value(m: re.Match[str]) -> Any:
    kind = m.lastgroup
    raw = m.group(kind or "str")
    if kind == "str":
        return raw
    if kind == "int":
        return int(raw)
    if kind == "date":
        return dt.date.fromisoformat(raw)  # ValueError for a day that does not exist
    return _ITEM.findall(raw)  # an item may hold ", " itself, so it is never split on it


def parse(text: str) -> dict[str, Any] | None:
    """The document, or None when the text is not in the plain form ``share`` writes."""
    doc: dict[str, Any] = {}
    table = doc
    made: set[str] = set()  # arrays of tables opened by a [[header]], not by a key
    try:
        for line in text.split("\n"):
            if not line or line.startswith("#"):
                continue
            if line[0] == "[":
                name = line.strip("[]")
                if line == f"[{name}]" and name in _TABLES and name not in doc:
                    table = doc[name] = {}
                elif line == f"[[{name}]]" and name in _ARRAY_TABLES:
                    if name in doc and name not in made:
                        return None
                    made.add(name)
                    table = {}
                    doc.setdefault(name, []).append(table)
                else:
                    return None
                continue
            m = _ENTRY.fullmatch(line)
            if m is None:
                return None
            key = m.group("key")
            if key in table:
                return None
            table[key] = _value(m)
    except ValueError:
        return None
    return doc
