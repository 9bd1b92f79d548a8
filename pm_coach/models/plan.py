"""A saved plan: the dated actions a person committed to, and what became of each.

``plans.toml`` keeps every plan ever made, oldest first; the newest is the active one. Due dates
are fixed when the plan is saved. Only three things change afterwards, and only through
``pm-coach plan done`` and ``pm-coach plan skip``: an action's ``mark``, its date and its reason.
Whether an action is overdue, or done because evidence was logged against it, is worked out when
the plan is read (see ``pm_coach.core.tracking``).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from pm_coach.models.common import AwayText, OneLine, Short, Slug

ActionId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,59}$")]
EvidenceId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]{3,12}$")]
Mark = Literal["", "done", "skipped"]
Role = Literal["focus", "prove-it", "later", "on-track"]


class SavedGap(BaseModel):
    """One rated gap as the plan ranked it."""

    model_config = ConfigDict(defer_build=True, extra="forbid")

    gap: Slug
    name: Short
    rank: int = Field(ge=1)
    role: Role
    current: int = Field(ge=1, le=5)
    target: int = Field(ge=1, le=5)
    score: int = 0  # the priority the ranking rule gave it
    backed: bool = False  # recent evidence backed the rating when the plan was made
    why: OneLine = ""


class SavedAction(BaseModel):
    """One action of the plan. ``due`` is empty for an action there was no room for."""

    model_config = ConfigDict(defer_build=True, extra="forbid")

    id: ActionId
    gap: Slug
    title: Short
    type: Literal["experience", "relationship", "learning"]
    effort_hours: float = Field(gt=0, le=200)
    starts: dt.date | None = None
    due: dt.date | None = None
    first_week: int | None = Field(default=None, ge=1)
    last_week: int | None = Field(default=None, ge=1)
    weekly_hours: float | None = Field(default=None, gt=0)
    mark: Mark = ""  # "done" or "skipped" when the person said so
    marked_on: dt.date | None = None
    done_by: list[EvidenceId] = Field(default_factory=list)
    why: OneLine = ""  # the reason given for a skip

    @model_validator(mode="after")
    def _dates_in_order(self) -> SavedAction:
        if (self.starts is None) != (self.due is None):
            raise ValueError("'starts' and 'due' must both be set or both be left out")
        if self.starts and self.due and self.due < self.starts:
            raise ValueError(f"due {self.due} is before starts {self.starts}")
        return self

    def to_record(self) -> dict[str, object]:
        record: dict[str, object] = {}
        for name in type(self).model_fields:
            value = getattr(self, name)
            if value is None or value in ("", []):
                continue
            record[name] = list(value) if isinstance(value, list) else value
        return record


class SavedPlan(BaseModel):
    """A plan as saved: its horizon, its ranking and its actions."""

    model_config = ConfigDict(defer_build=True, extra="forbid", populate_by_name=True)

    created: dt.datetime
    map: Slug
    assessed_on: dt.date
    assessment_created: dt.datetime
    start: dt.date
    weeks: int = Field(ge=1, le=52)
    hours_per_week: float = Field(gt=0, le=60)
    away: list[AwayText] = Field(default_factory=list)
    ranking: list[SavedGap] = Field(default_factory=list, alias="gap")
    actions: list[SavedAction] = Field(default_factory=list, alias="action")

    @model_validator(mode="after")
    def _unique_actions(self) -> SavedPlan:
        seen: set[str] = set()
        for a in self.actions:
            if a.id in seen:
                raise ValueError(f"the action {a.id!r} appears twice in one plan")
            seen.add(a.id)
        return self

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=7 * self.weeks - 1)

    def action(self, action_id: str) -> SavedAction | None:
        return next((a for a in self.actions if a.id == action_id), None)

    def to_record(self) -> dict[str, object]:
        """Top-level keys only; the gap and action tables are written after them."""
        record: dict[str, object] = {
            "created": self.created,
            "map": self.map,
            "assessed_on": self.assessed_on,
            "assessment_created": self.assessment_created,
            "start": self.start,
            "weeks": self.weeks,
            "hours_per_week": self.hours_per_week,
        }
        if self.away:
            record["away"] = list(self.away)
        return record
