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

_LINE = re.compile(r"([A-Za-z0-9_-]+) = (.+)")
_STRING = re.compile(r'"([^"\\\x00-\x08\x0a-\x1f\x7f]*)"')
_STRINGS = re.compile(
    r'\[(?:"[^"\\\x00-\x08\x0a-\x1f\x7f]*"(?:, "[^"\\\x00-\x08\x0a-\x1f\x7f]*")*)?\]'
)
_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TABLES = ("levels", "targets")
_ARRAY_TABLES = ("evidence",)


class _NotFast(Exception):
    pass


def _value(raw: str) -> Any:
    if _STRING.fullmatch(raw):
        return raw[1:-1]
    if _INT.fullmatch(raw):
        return int(raw)
    if _DATE.fullmatch(raw):
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            raise _NotFast from None
    if _STRINGS.fullmatch(raw):
        inner = raw[1:-1]
        return [s[1:-1] for s in inner.split(", ")] if inner else []
    raise _NotFast


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
            m = _LINE.fullmatch(line)
            if m is None or m.group(1) in table:
                return None
            table[m.group(1)] = _value(m.group(2))
    except _NotFast:
        return None
    return doc
