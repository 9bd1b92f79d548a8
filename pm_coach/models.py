"""Pydantic models for everything pm-coach stores or reads: evidence, skill maps, assessments.

Models validate shape and values only; they know nothing about files (see ``pm_coach.store``) or
about which skill map is active (see ``pm_coach.core``).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

EVIDENCE_KINDS: tuple[str, ...] = ("work", "volunteer", "talk", "publication")
ACTION_TYPES: tuple[str, ...] = ("experience", "relationship", "learning")

TEXT_MAX = 1000
SHORT_MAX = 200


def _one_line(value: str) -> str:
    """Reject line breaks and other control characters; the TOML file stays one line a field."""
    for ch in value:
        if unicodedata.category(ch) in ("Cc", "Cs") or ch in "\u2028\u2029":
            raise ValueError(
                f"must be a single line without control characters (found {ch!r}); "
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
EvidenceKind = Literal["work", "volunteer", "talk", "publication"]


class Evidence(BaseModel):
    """One piece of evidence of progress. Field order is the order written to evidence.toml."""

    model_config = ConfigDict(extra="forbid")

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
    action: Annotated[str, StringConstraints(pattern=r"^([a-z0-9][a-z0-9-]{0,59})?$")] = ""
    created: dt.datetime

    def to_record(self) -> dict[str, object]:
        """The entry as a plain dict in file order, leaving out empty optional fields."""
        record: dict[str, object] = {}
        for name in type(self).model_fields:
            value = getattr(self, name)
            if name not in ("id", "date", "text", "kind", "created") and value in ("", []):
                continue
            record[name] = list(value) if isinstance(value, list) else value
        return record

    def to_json(self) -> dict[str, object]:
        """The entry for --json output: every field, dates as YYYY-MM-DD."""
        data = self.model_dump(mode="json")
        data["date"] = self.date.isoformat()
        return data


# --- skill maps -------------------------------------------------------------------------------


class Resource(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Short
    author: Short
    kind: Literal["book", "article", "talk", "course", "podcast", "newsletter", "tool", "letter"]


class Action(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: Slug
    title: Short
    how: list[OneLine] = Field(min_length=1)
    evidence: OneLine = Field(min_length=1)
    type: Literal["experience", "relationship", "learning"]
    effort_hours: float = Field(gt=0, le=200)
    weeks: int = Field(ge=1, le=26)


class Gap(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: Slug
    name: Short
    summary: OneLine = Field(min_length=1)
    levels: list[OneLine] = Field(min_length=5, max_length=5)
    actions: list[Action] = Field(min_length=4)
    resources: list[Resource] = Field(min_length=2)
    keywords: list[Short] = Field(min_length=1)
    prompts: list[OneLine] = Field(min_length=1)


class SkillMap(BaseModel):
    model_config = ConfigDict(extra="forbid")

    schema_version: int = 1
    id: Slug
    name: Short
    description: OneLine = Field(min_length=1)
    from_role: Short
    to_role: Short
    gaps: list[Gap] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> SkillMap:
        seen_gaps: set[str] = set()
        seen_actions: set[str] = set()
        for i, gap in enumerate(self.gaps):
            if gap.id in seen_gaps:
                raise ValueError(f"gaps[{i}].id: duplicate gap id {gap.id!r}")
            seen_gaps.add(gap.id)
            for j, action in enumerate(gap.actions):
                if action.id in seen_actions:
                    raise ValueError(
                        f"gaps[{i}].actions[{j}].id: duplicate action id {action.id!r} "
                        "(action ids must be unique in the whole map)"
                    )
                seen_actions.add(action.id)
        return self

    def gap(self, gap_id: str) -> Gap | None:
        return next((g for g in self.gaps if g.id == gap_id), None)

    @property
    def gap_ids(self) -> list[str]:
        return [g.id for g in self.gaps]

    def action(self, action_id: str) -> tuple[Gap, Action] | None:
        for gap in self.gaps:
            for action in gap.actions:
                if action.id == action_id:
                    return gap, action
        return None


# --- profile ----------------------------------------------------------------------------------


class Role(BaseModel):
    """A job held, so evidence can be grouped under it on a CV."""

    model_config = ConfigDict(extra="forbid")

    company: Short
    title: Short
    start: Annotated[str, StringConstraints(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")]
    end: Annotated[str, StringConstraints(pattern=r"^(\d{4}-(0[1-9]|1[0-2]))?$")] = ""

    @model_validator(mode="after")
    def _ordered(self) -> Role:
        if self.end and self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


class Profile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: OneLine = ""
    current_role: OneLine = ""
    target_role: OneLine = ""
    hours_per_week: float = Field(default=3.0, gt=0, le=60)
    map: Slug = "leadership"
    email: OneLine = ""
    roles: list[Role] = Field(default_factory=list)

    def to_record(self) -> dict[str, object]:
        data = self.model_dump(mode="json")
        roles = data.pop("roles")
        record = {k: v for k, v in data.items() if v not in ("", None)}
        if roles:
            record["roles"] = roles
        return record
