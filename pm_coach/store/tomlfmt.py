"""A small TOML writer for pm-coach's flat records: one table, one line per key, inline arrays.

tomli-w spreads every array over several lines; for an evidence log a person reads and diffs,
``gaps = ["strategy", "buy-in"]`` on one line is clearer. Values are strings, numbers, booleans,
dates, datetimes, flat lists of those and small inline tables; anything else is a programming error.
"""

from __future__ import annotations

import datetime as dt
import json
import re

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
# Characters TOML does not allow unescaped in a basic string beyond what json already escapes.
_EXTRA_ESCAPES = {"\x7f": "\\u007f"}


def value(v: object) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        out = json.dumps(v, ensure_ascii=False)
        for raw, esc in _EXTRA_ESCAPES.items():
            out = out.replace(raw, esc)
        return out
    if isinstance(v, int | float):
        return repr(v)
    if isinstance(v, dt.datetime):
        if v.tzinfo is not None and v.utcoffset() == dt.timedelta(0):
            return v.replace(tzinfo=None).isoformat() + "Z"
        return v.isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, dict):
        return (
            "{ " + ", ".join(f"{key(k)} = {value(x)}" for k, x in v.items()) + " }" if v else "{}"
        )
    if isinstance(v, list | tuple):
        return "[" + ", ".join(value(x) for x in v) + "]"
    raise TypeError(f"cannot write {type(v).__name__} as a TOML value")


def key(k: str) -> str:
    return k if _BARE_KEY.match(k) else json.dumps(k, ensure_ascii=False)


def table(header: str, record: dict[str, object]) -> str:
    """``[[header]]`` followed by ``key = value`` lines in the record's order."""
    lines = [f"[[{header}]]"]
    for k, v in record.items():
        if isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
            # a list of small tables (a conversation history): one per line, easy to diff
            rows = "".join(f"  {value(x)},\n" for x in v)
            lines.append(f"{key(k)} = [\n{rows}]")
        else:
            lines.append(f"{key(k)} = {value(v)}")
    return "\n".join(lines) + "\n"
