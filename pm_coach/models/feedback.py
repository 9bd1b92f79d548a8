"""Ratings from someone else (a manager, mentor, peer or report) on the same statements."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, get_args

from pydantic import ConfigDict, Field, StringConstraints

from pm_coach.models.common import OneLine, Record, Short, Slug

Relation = Literal["manager", "mentor", "peer", "report"]
RELATIONS: tuple[str, ...] = get_args(Relation)
Level = Annotated[int, Field(ge=1, le=5)]


class Feedback(Record):
    """One person's answers on one date. Field order is the order written to feedback.toml."""

    model_config = ConfigDict(defer_build=True, extra="forbid")
    json_exclude = frozenset({"created"})  # --json shows what was rated, not when typed

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9]{3,12}$")]
    name: Short
    relation: Relation | None = None
    date: dt.date
    map: Slug
    levels: dict[Slug, Level] = Field(min_length=1)
    notes: dict[Slug, OneLine] = Field(default_factory=dict)
    created: dt.datetime

    def to_record(self) -> dict[str, object]:
        record: dict[str, object] = {"id": self.id, "name": self.name}
        if self.relation:
            record["relation"] = self.relation
        record |= {"date": self.date, "map": self.map, "levels": dict(self.levels)}
        if self.notes:
            record["notes"] = dict(self.notes)
        record["created"] = self.created
        return record
