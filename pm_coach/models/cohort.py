"""A cohort member's shared file: what one PM agreed to share with their programme.

Written by ``pm-coach share``, read by the ``cohort`` commands. Only what is listed here can be
in the file (extra keys are refused), so a programme lead sees nothing beyond what was agreed.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from pm_coach.models.assessment import Level
from pm_coach.models.common import OneLine, Record, Short, Slug

MAX_MENTEES = 10  # a mentor takes a few mentees at most


class SharedEvidence(BaseModel):
    """One evidence line, shared only with ``--with-evidence``."""

    model_config = ConfigDict(defer_build=True, extra="forbid")

    date: dt.date
    text: OneLine = Field(min_length=1)
    gaps: list[Slug] = Field(default_factory=list)


class Member(Record):
    """Field order is the file order."""

    model_config = ConfigDict(defer_build=True, extra="forbid")

    name: Short
    map: Slug
    shared_on: dt.date  # the day the file was written: a stale date means the member went quiet
    assessed_on: dt.date
    levels: dict[Slug, Level] = Field(min_length=1)
    targets: dict[Slug, Level] = Field(default_factory=dict)
    focus: list[Slug] = Field(default_factory=list)
    strengths: list[Slug] = Field(default_factory=list)
    mentor: int = Field(default=0, ge=0, le=MAX_MENTEES)  # how many people they will mentor
    manager: OneLine = ""
    evidence: list[SharedEvidence] = Field(default_factory=list)

    def to_record(self) -> dict[str, object]:
        """The member file's body in file order; empty optional fields left out."""
        record: dict[str, object] = {
            "name": self.name,
            "map": self.map,
            "shared_on": self.shared_on,
            "assessed_on": self.assessed_on,
            "focus": list(self.focus),
            "strengths": list(self.strengths),
        }
        if self.mentor:
            record["mentor"] = self.mentor
        if self.manager:
            record["manager"] = self.manager
        record["levels"] = dict(self.levels)
        record["targets"] = dict(self.targets)
        if self.evidence:
            record["evidence"] = [e.model_dump() for e in self.evidence]
        return record


def unrated_gaps(data: dict[str, object]) -> list[tuple[str, str]]:
    """(key, what) for each list in a member file's data that names a gap with no level: the
    file contradicts itself. Works on raw data too, so it is reported alongside other
    problems of the same file."""
    levels = data.get("levels")
    if not isinstance(levels, dict):
        return []
    out = []
    for key in ("targets", "focus", "strengths"):
        value = data.get(key)
        if not isinstance(value, list | dict):
            continue
        unrated = [str(g) for g in value if g not in levels]
        if unrated:
            out.append((key, f"'{key}' names gaps with no level: {', '.join(unrated)}"))
    return out
