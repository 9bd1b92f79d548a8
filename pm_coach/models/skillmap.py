"""Skill maps: gaps, behavioural levels, evidence-producing actions, resources.

The format is documented for map authors in ``docs/skill-maps.md``; keep the two in step.
"""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from pm_coach.models.common import OneLine, Short, Slug

LEVEL_COUNT = 5
# The generic meaning of each level; a gap's own statements make it concrete.
LEVEL_LABELS: tuple[str, ...] = (
    "not yet",
    "emerging",
    "consistent in my own area",
    "beyond my own team",
    "role model for others",
)

ResourceKind = Literal[
    "book", "article", "talk", "course", "podcast", "newsletter", "tool", "letter"
]
RESOURCE_KINDS: tuple[str, ...] = get_args(ResourceKind)

Statement = Annotated[OneLine, StringConstraints(min_length=1)]


class Resource(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Short
    author: Short  # the author, or the publisher when there is no single author
    kind: ResourceKind


class Action(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: Slug
    title: Short
    how: list[Statement] = Field(min_length=1)
    evidence: Statement
    type: Literal["experience", "relationship", "learning"]
    effort_hours: float = Field(gt=0, le=200)
    weeks: int = Field(ge=1, le=26)


class Gap(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: Slug
    name: Short
    summary: Statement
    levels: list[Statement] = Field(min_length=LEVEL_COUNT, max_length=LEVEL_COUNT)
    actions: list[Action] = Field(min_length=4)
    resources: list[Resource] = Field(min_length=2)
    keywords: list[Short] = Field(min_length=1)
    prompts: list[Statement] = Field(min_length=1)

    @field_validator("levels")
    @classmethod
    def _distinct_levels(cls, levels: list[str]) -> list[str]:
        seen: dict[str, int] = {}
        for i, text in enumerate(levels, start=1):
            key = " ".join(text.split()).casefold()
            if key in seen:
                raise ValueError(
                    f"level {i} repeats level {seen[key]} word for word; "
                    "each of the five statements must describe a different behaviour"
                )
            seen[key] = i
        return levels


class SkillMap(BaseModel):
    model_config = ConfigDict(extra="forbid")

    schema_version: int = Field(default=1, ge=1, le=1)
    id: Slug
    name: Short
    description: Statement
    from_role: Short
    to_role: Short
    gaps: list[Gap] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> SkillMap:
        problems = duplicate_ids(
            [{"id": g.id, "actions": [{"id": a.id} for a in g.actions]} for g in self.gaps]
        )
        if problems:
            where, msg = problems[0]
            raise PydanticCustomError(
                "duplicate_id", "{where}: {msg}", {"where": where, "msg": msg}
            )
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


def duplicate_ids(gaps: object) -> list[tuple[str, str]]:
    """Every repeated gap id, and every action id used twice anywhere in the map.

    Works on raw TOML data as well as on validated gaps, so a map with other problems still gets
    its duplicates reported. Returns ``(field path, problem)`` pairs.
    """
    problems: list[tuple[str, str]] = []
    if not isinstance(gaps, list):
        return problems
    seen_gaps: dict[str, int] = {}
    seen_actions: dict[str, str] = {}
    for i, gap in enumerate(gaps):
        if not isinstance(gap, dict):
            continue
        gid = gap.get("id")
        if isinstance(gid, str):
            if gid in seen_gaps:
                problems.append(
                    (f"gaps[{i}].id", f"duplicate gap id {gid!r} (also gaps[{seen_gaps[gid]}])")
                )
            else:
                seen_gaps[gid] = i
        actions = gap.get("actions")
        if not isinstance(actions, list):
            continue
        for j, action in enumerate(actions):
            aid = action.get("id") if isinstance(action, dict) else None
            if not isinstance(aid, str):
                continue
            where = f"gaps[{i}].actions[{j}].id"
            if aid in seen_actions:
                problems.append(
                    (
                        where,
                        f"duplicate action id {aid!r} (also {seen_actions[aid]}); "
                        "action ids must be unique in the whole map",
                    )
                )
            else:
                seen_actions[aid] = where
    return problems
