"""One piece of evidence of progress."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StringConstraints

from pm_coach.models.common import OneLine, Record, Scope, Short, Slug

EvidenceKind = Literal["work", "volunteer", "talk", "publication"]


class Evidence(Record):
    """One piece of evidence of progress. Field order is the order written to evidence.toml."""

    model_config = ConfigDict(defer_build=True, extra="forbid")

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9]{3,12}$")]
    date: dt.date
    text: Annotated[OneLine, StringConstraints(min_length=1)]
    result: OneLine = ""
    metrics: list[Short] = Field(default_factory=list)
    gaps: list[Slug] = Field(default_factory=list)
    tags: list[Short] = Field(default_factory=list)
    goal: OneLine = ""
    kind: EvidenceKind = "work"
    org: OneLine = ""
    scope: Scope | None = None  # how far it reached; None: not said (files from before scope)
    bullet: OneLine = ""
    action: Annotated[str, StringConstraints(pattern=r"^([a-z0-9][a-z0-9-]{0,59})?$")] = ""
    created: dt.datetime

    def to_record(self) -> dict[str, object]:
        """The entry as a plain dict in file order, leaving out empty optional fields."""
        record: dict[str, object] = {}
        for name in type(self).model_fields:
            value = getattr(self, name)
            if name not in ("id", "date", "text", "kind", "created") and value in ("", [], None):
                continue
            record[name] = list(value) if isinstance(value, list) else value
        return record
