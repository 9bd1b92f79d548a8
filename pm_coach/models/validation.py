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


def _unknown_key(loc: tuple[int | str, ...]) -> str:
    import difflib

    from pm_coach.models.skillmap import (
        Action,
        EvidenceBar,
        Gap,
        Resource,
        SkillMap,
        StoryQuestion,
    )

    names = [p for p in loc if isinstance(p, str)]
    model: type[Any] = SkillMap
    if "actions" in names[:-1]:
        model = Action
    elif "resources" in names[:-1]:
        model = Resource
    elif "bars" in names[:-1]:
        model = EvidenceBar
    elif "stories" in names[:-1]:
        model = StoryQuestion
    elif "gaps" in names[:-1]:
        model = Gap
    key = str(loc[-1]) if loc else ""
    close = difflib.get_close_matches(key, list(model.model_fields), n=1)
    guess = f"did you mean {close[0]!r}? " if close else ""
    return f"unknown key ({guess}the allowed keys are in docs/skill-maps.md)"


def map_problem(err: Mapping[str, Any]) -> str:
    """One pydantic error of a skill map as a plain sentence a map author can act on."""
    from pm_coach.models.skillmap import LEVEL_COUNT, LEVEL_LABELS

    kind = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    loc = tuple(err["loc"])
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return _unknown_key(loc)
    if kind in ("too_short", "too_long") and isinstance(value, list):
        if loc and loc[-1] == "levels":
            return (
                f"must have exactly {LEVEL_COUNT} levels (1 {LEVEL_LABELS[0]} … "
                f"{LEVEL_COUNT} {LEVEL_LABELS[-1]}), found {len(value)}"
            )
        if kind == "too_short":
            return f"needs at least {ctx.get('min_length')} entries, found {len(value)}"
        return f"allows at most {ctx.get('max_length')} entries, found {len(value)}"
    if kind in ("string_too_short", "too_short") and isinstance(value, str):
        return "must not be empty"
    if kind == "literal_error":
        return f"must be {ctx.get('expected')}, not {value!r}"
    msg = str(err["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        if msg.startswith(prefix):
            msg = msg[len(prefix) :]
    if "must be a single line" in msg:
        return "must be a single line of text (no line breaks or control characters)"
    if kind == "string_pattern_mismatch" and loc and loc[-1] == "id":
        return (
            f"{value!r} is not a valid id: use lowercase letters, digits and '-', "
            "starting with a letter or digit, at most 40 characters"
        )
    return msg
