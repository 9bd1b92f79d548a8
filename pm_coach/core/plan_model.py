"""What a plan holds: the gaps it works on, their actions with dates and statuses, the people
who help, and what to do when nothing fits. Made by :mod:`pm_coach.core.plan`, read back from a
saved plan by :mod:`pm_coach.core.tracking`, shown by :mod:`pm_coach.render.plan`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pm_coach.core.priorities import GapStanding
from pm_coach.models import Resource

# Roles a gap can play in a plan.
FOCUS = "focus"
PROVE_IT = "prove-it"
LATER = "later"
ON_TRACK = "on-track"

# The status of an action: the four words of `plan --json`.
OPEN = "open"
DONE = "done"
SKIPPED = "skipped"
OVERDUE = "overdue"
STATUSES = (OPEN, DONE, SKIPPED, OVERDUE)

Away = tuple[dt.date, dt.date]  # first and last day away, both included


@dataclass(frozen=True)
class PlannedAction:
    id: str
    title: str
    type: str
    effort_hours: float
    evidence: str
    how: list[str]
    status: str  # one of STATUSES
    gap: str = ""
    starts: dt.date | None = None
    due: dt.date | None = None  # None: done before the plan, or no room for it
    first_week: int | None = None  # 1-based week of the horizon the action starts in
    last_week: int | None = None
    weekly_hours: float | None = None
    done_on: dt.date | None = None  # done or skipped on
    done_by: list[str] = field(default_factory=list)  # ids of the evidence entries
    why: str = ""  # the reason given for a skip
    log: str = ""  # the command that records the evidence: worded in app/, not here

    @property
    def done(self) -> bool:
        return self.status == DONE

    @property
    def finished(self) -> bool:
        """Done or skipped: nothing more to do for it."""
        return self.status in (DONE, SKIPPED)

    @property
    def scheduled(self) -> bool:
        return self.due is not None


@dataclass(frozen=True)
class Person:
    """Someone in the support network, as the plan shows them."""

    name: str
    kind: str
    contact: str
    days_since_contact: int
    quiet: bool


@dataclass(frozen=True)
class FocusGap:
    """A gap the plan works on: a focus gap, or a gap that only needs proving."""

    gap: str
    name: str
    role: str
    rank: int
    current: int
    target: int
    actions: list[PlannedAction]
    resources: list[Resource]
    remaining: int  # actions of the gap neither done nor in this plan
    why: str = ""  # why it ranks where it does: as saved, or worded from ``standing``
    standing: GapStanding | None = None  # the figures of a new plan's ranking
    people: list[Person] = field(default_factory=list)  # who helps with it (see with_network)
    look_for: str = ""  # for a focus gap nobody helps with: what kind of person to find
    advice: list[str] = field(default_factory=list)  # background notes (see core.advice)


@dataclass(frozen=True)
class RankRow:
    """One rated gap in the plan's priorities."""

    gap: str
    name: str
    rank: int
    role: str
    current: int
    target: int
    score: int
    backed: bool
    why: str = ""  # why it ranks where it does: as saved, or worded from ``standing``
    supported: int = 0  # the level the evidence supports (core/calibration.py)
    others: float | None = None  # others' median rating; None when nobody rated the gap
    blind_spot: bool = False
    standing: GapStanding | None = None  # the figures of a new plan's ranking


@dataclass(frozen=True)
class NoFit:
    """Nothing could be scheduled: the smallest action, and what would make room for it."""

    action_id: str
    title: str
    effort_hours: float
    min_weeks: int
    weeks_needed: int | None  # at the same hours a week; None: not within MAX_WEEKS
    hours_needed: float | None  # in the same number of weeks; None: no hours would do


@dataclass(frozen=True)
class Offer:
    """Evidence logged without ``--action`` that looks like it finishes an open action."""

    action_id: str
    title: str
    evidence_id: str
    text: str


@dataclass(frozen=True)
class Plan:
    map_id: str
    map_name: str
    to_role: str
    assessed_on: dt.date
    start: dt.date
    weeks: int
    hours_per_week: float
    focus: list[FocusGap]
    prove_it: list[FocusGap]
    ranking: list[RankRow]
    unrated: list[tuple[str, str]]  # (gap id, name) of map gaps the assessment did not rate
    hours_by_type: dict[str, float]
    quiet: list[Person] = field(default_factory=list)  # relationships gone quiet (see with_network)
    away: list[Away] = field(default_factory=list)
    no_fit: NoFit | None = None  # set when not a single action fits the horizon
    # Set when a saved plan is read back (core.tracking):
    today: dt.date | None = None
    created: dt.datetime | None = None
    replan: str = ""  # "", NEWER_ASSESSMENT or ALL_FINISHED
    offers: list[Offer] = field(default_factory=list)
    silent_gaps: list[tuple[str, str]] = field(default_factory=list)  # no evidence for 90 days
    opening: str = ""  # what the PM said they want next, in a coach's words (see core.advice)

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=7 * self.weeks - 1)

    @property
    def planned_hours(self) -> float:
        return sum(self.hours_by_type.values())

    @property
    def gaps(self) -> list[FocusGap]:
        return [*self.focus, *self.prove_it]

    @property
    def actions(self) -> list[PlannedAction]:
        return [a for g in self.gaps for a in g.actions]


@dataclass(frozen=True)
class Mark:
    """What a person said about an action in an earlier plan: done (with when and the evidence)
    or skipped (with why). Re-planning carries these over."""

    status: str  # DONE or SKIPPED
    on: dt.date | None = None
    evidence: tuple[str, ...] = ()
    why: str = ""
