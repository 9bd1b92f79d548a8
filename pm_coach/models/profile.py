"""The user's profile and the roles they have held."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from pm_coach.models.common import OneLine, Short, Slug

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
