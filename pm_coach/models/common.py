"""Field types shared by every model (slugs, one-line text, short labels) and the base of the
models whose records ``--json`` prints."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, ClassVar, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    StringConstraints,
)

from pm_coach.models.limits import EVIDENCE_KINDS as EVIDENCE_KINDS
from pm_coach.models.limits import NOT_ONE_LINE as _NOT_ONE_LINE
from pm_coach.models.limits import SCOPES as SCOPES
from pm_coach.models.limits import SHORT_MAX as SHORT_MAX
from pm_coach.models.limits import TEXT_MAX as TEXT_MAX
from pm_coach.models.names import slug as slug

ACTION_TYPES: tuple[str, ...] = ("experience", "relationship", "learning")

# How far a piece of work reached, narrowest first (SCOPES, in models/limits.py, lists them).
Scope = Literal["self", "team", "teams", "company", "external"]

# Where a PM came from before product, and the market they work in (the profile holds both).
Background = Literal["engineering", "design", "sales", "marketing", "data", "consulting", "other"]
BACKGROUNDS: tuple[str, ...] = get_args(Background)
Market = Literal["b2b", "b2c", "both"]
MARKETS: tuple[str, ...] = get_args(Market)


class Record(BaseModel):
    """A record of a data file. ``to_json`` is the one way a record becomes ``--json`` output:
    every field as pydantic dumps it in JSON mode (dates as YYYY-MM-DD), in field order, less
    the fields named in ``json_exclude``."""

    # Validators are built on first use, not when the class is made: the lean plan and report
    # read their models from pickles (store/model_cache.py) and never need one.
    model_config = ConfigDict(defer_build=True)
    json_exclude: ClassVar[frozenset[str]] = frozenset()

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude=set(self.json_exclude) or None)


def _one_line(value: str) -> str:
    """Reject line breaks and other control characters; the TOML file stays one line a field."""
    found = _NOT_ONE_LINE.search(value)
    if found:
        raise ValueError(
            f"must be a single line without control characters (found {found.group()!r}); "
            "use separate --metric/--tag values or keep it to one line"
        )
    return value


Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,39}$")]


OneLine = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=TEXT_MAX), AfterValidator(_one_line)
]
Short = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=SHORT_MAX),
    AfterValidator(_one_line),
]


def _period(value: str) -> str:
    """``FIRST..LAST`` with real dates, the last not before the first."""
    import datetime as dt

    first, _, last = value.partition("..")
    try:
        a, b = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    except ValueError:
        raise ValueError(f"{value!r} is not a period of real dates (FIRST..LAST)") from None
    if b < a:
        raise ValueError(f"{value!r} ends before it starts")
    return value


# A period away, both days included: "2026-12-21..2027-01-03".
AwayText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}$"),
    AfterValidator(_period),
]


def error_message(err: Mapping[str, Any]) -> str:
    """A pydantic error's message without pydantic's own prefixes ("Value error, ...")."""
    msg = str(err.get("msg", ""))
    for prefix in ("Value error, ", "Assertion failed, "):
        msg = msg.removeprefix(prefix)
    return msg
