"""One self-assessment: the level picked for each gap, the level the target role needs, notes."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import ConfigDict, Field, model_validator

from pm_coach.models.common import OneLine, Record, Slug

Level = Annotated[int, Field(ge=1, le=5)]


class Assessment(Record):
    model_config = ConfigDict(defer_build=True, extra="forbid")
    json_exclude = frozenset({"created"})  # --json shows what was rated, not when typed

    date: dt.date
    map: Slug
    levels: dict[Slug, Level] = Field(min_length=1)
    targets: dict[Slug, Level] = Field(default_factory=dict)
    notes: dict[Slug, OneLine] = Field(default_factory=dict)
    created: dt.datetime

    @model_validator(mode="after")
    def _targets_for_rated_gaps(self) -> Assessment:
        extra = sorted(set(self.targets) - set(self.levels))
        if extra:
            raise ValueError(f"targets given for gaps with no level: {', '.join(extra)}")
        return self

    def to_record(self) -> dict[str, object]:
        record: dict[str, object] = {
            "date": self.date,
            "map": self.map,
            "levels": dict(self.levels),
            "targets": dict(self.targets),
        }
        if self.notes:
            record["notes"] = dict(self.notes)
        record["created"] = self.created
        return record
