"""The one translator from pydantic's validation errors to messages a person can act on."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from pm_coach.errors import InputError
from pm_coach.models.common import error_message

FIX_VALUE = "Fix that value and run the command again."


def problem(err: Mapping[str, Any]) -> str:
    """What is wrong with one value, in plain words ("is empty", "is too long (…)")."""
    kind = err.get("type")
    if kind == "string_too_short" and (err.get("ctx") or {}).get("min_length") == 1:
        return "is empty"
    if kind == "string_too_long":
        return f"is too long (at most {(err.get('ctx') or {}).get('max_length')} characters)"
    return error_message(err) or "is not valid"


def field_of(err: Mapping[str, Any], default: str) -> str:
    loc = err.get("loc") or ()
    return str(loc[0]) if loc else default


def input_error(
    exc: ValidationError, flags: Mapping[str, str] | None = None, default: str = "value"
) -> InputError:
    """The first problem of ``exc`` as an InputError naming what the person typed: the flag
    ``flags`` gives for the field (``--result``, ``NAME``), else the field's name."""
    err = exc.errors()[0]
    name = field_of(err, default)
    path = ".".join(str(p) for p in err.get("loc") or ()) or default
    flag = (flags or {}).get(name, path)
    return InputError(f"{flag}: {problem(err)}.", hint=FIX_VALUE)


def describe(exc: ValidationError, limit: int = 4) -> str:
    """Every problem of ``exc`` (up to ``limit``) with its field path, for a data file."""
    parts = [
        f"field '{'.'.join(str(p) for p in err['loc']) or '(entry)'}': {problem(err)}"
        for err in exc.errors()[:limit]
    ]
    more = len(exc.errors()) - limit
    if more > 0:
        parts.append(f"and {more} more")
    return "; ".join(parts)
