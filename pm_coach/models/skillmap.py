"""Skill maps: gaps, behavioural levels, evidence-producing actions, resources."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from pm_coach.models.common import OneLine, Short, Slug

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
