"""The user's profile and the roles they have held."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from pm_coach.models.common import AwayText, Background, Market, OneLine, Record, Short, Slug
from pm_coach.models.roles import OPEN_END as OPEN_END
from pm_coach.models.roles import RoleMethods
from pm_coach.models.roles import sort_roles as sort_roles

MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _email(value: str) -> str:
    if value and not _EMAIL.match(value):
        raise ValueError(f"{value!r} does not look like an email address (name@example.com)")
    return value


# --- roles ------------------------------------------------------------------------------------


class Role(RoleMethods, BaseModel):
    """A job held, so evidence can be grouped under it on a CV."""

    model_config = ConfigDict(defer_build=True, extra="forbid")

    company: Short
    title: Short
    start: Annotated[str, StringConstraints(pattern=MONTH_PATTERN)]
    end: Annotated[str, StringConstraints(pattern=r"^(\d{4}-(0[1-9]|1[0-2]))?$")] = ""

    @model_validator(mode="after")
    def _ordered(self) -> Role:
        if self.end and self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


# --- profile ----------------------------------------------------------------------------------

# The command-line flag behind each field, for error messages.
PROFILE_FLAGS = {
    "name": "--name",
    "current_role": "--current-role",
    "target_role": "--target-role",
    "hours_per_week": "--hours-per-week",
    "map": "--map",
    "email": "--email",
    "location": "--location",
    "summary": "--summary",
    "goal": "--goal",
    "investment": "--investment",
    "personality": "--personality",
    "background": "--background",
    "market": "--market",
    "motivation": "--motivation",
}

# The answer to "do you want to manage PMs?", asked once in the first assessment.
Motivation = Literal["manage", "ic", "expert", "unsure"]
MOTIVATIONS: tuple[str, ...] = get_args(Motivation)


class Profile(Record):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    name: OneLine = ""
    current_role: OneLine = ""
    target_role: OneLine = ""
    hours_per_week: float = Field(default=3.0, gt=0, le=60)
    map: Slug = "leadership"
    email: Annotated[OneLine, AfterValidator(_email)] = ""
    location: OneLine = ""
    summary: OneLine = ""
    goal: OneLine = ""  # what the user is working towards, in their words
    investment: OneLine = ""  # the time and effort they will give to coaches and mentors
    personality: OneLine = ""  # how they work and like to be helped, in their words
    # Where the PM came from and the market they work in: advice and reading depend on both.
    background: Background | Literal[""] = ""
    market: Market | Literal[""] = ""
    motivation: Motivation | Literal[""] = ""
    away: list[AwayText] = Field(default_factory=list)  # standing periods away: FIRST..LAST
    roles: list[Role] = Field(default_factory=list)

    def to_record(self) -> dict[str, object]:
        """The profile for profile.toml: empty fields left out, whole hours written as integers."""
        data = self.model_dump(mode="json")
        roles = data.pop("roles")
        record: dict[str, Any] = {k: v for k, v in data.items() if v not in ("", None, [])}
        hours = record.get("hours_per_week")
        if isinstance(hours, float) and hours.is_integer():
            record["hours_per_week"] = int(hours)
        if roles:
            record["roles"] = [{k: v for k, v in r.items() if v != ""} for r in roles]
        return record

    def with_changes(self, changes: dict[str, object]) -> Profile:
        """A copy with ``changes`` applied and validated; a bad value raises InputError."""

        data = self.model_dump()
        data.update(changes)
        try:
            return Profile.model_validate(data)
        except ValidationError as exc:
            from pm_coach.models.validation import input_error

            raise input_error(exc, PROFILE_FLAGS, default="profile") from None

    def with_role(self, role: Role) -> Profile:
        return self.model_copy(update={"roles": sort_roles([*self.roles, role])})


def make_role(company: str, title: str, start: str, end: str = "") -> Role:
    """Validate the values of ``profile role add``; every problem is an InputError."""
    from pm_coach.errors import InputError

    flags = {"company": "COMPANY", "title": "TITLE", "start": "--start", "end": "--end"}
    for flag, value in (("--start", start), ("--end", end)):
        if value and not re.match(MONTH_PATTERN, value.strip()):
            raise InputError(
                f"{flag} {value!r} is not a month.", hint="Write it as YYYY-MM, e.g. 2024-03."
            )
    if end.strip() and start.strip() and end.strip() < start.strip():
        raise InputError(
            f"--end {end.strip()} is before --start {start.strip()}.",
            hint="Swap them, or check the years you typed.",
        )
    try:
        return Role(company=company, title=title, start=start.strip(), end=end.strip())
    except ValidationError as exc:
        from pm_coach.models.validation import input_error

        raise input_error(exc, flags, default="role") from None
