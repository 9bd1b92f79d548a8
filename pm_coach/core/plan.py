"""Choosing what to work on next and fitting it into the weeks ahead.

The rules are documented for users in ``docs/planning.md``; keep the two in step.

Pure: the skill map, the latest assessment, the evidence log, the weekly hours, the horizon and the
start date go in; a :class:`Plan` comes out. There is no clock and no randomness here, and every
ordering is stable, so the same inputs always give the same plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from pm_coach.core.progress import RECENT_DAYS, evidence_by_gap, is_unproven
from pm_coach.errors import InputError
from pm_coach.models import ACTION_TYPES, Action, Assessment, Evidence, Gap, Resource, SkillMap
from pm_coach.models.network import Contact

DEFAULT_WEEKS = 12
MAX_WEEKS = 52
MAX_HOURS = 60.0
DEFAULT_TARGET = 4  # used when an assessment gives no target for a gap
UNBACKED_RAISE = 1  # priority added to a gap whose rating has no recent evidence behind it
THREE_FOCUS_HOURS = 30.0  # from this many hours in the horizon, three focus gaps instead of two
MIX: dict[str, float] = {"experience": 0.7, "relationship": 0.2, "learning": 0.1}
TYPE_CAP = 2.5  # no action type takes more than 2.5 times its MIX share of the horizon's hours
_EPS = 1e-9

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# Roles a gap can play in a plan.
FOCUS = "focus"
PROVE_IT = "prove-it"
LATER = "later"
ON_TRACK = "on-track"

# States of an action in a plan.
DONE = "done"
SCHEDULED = "scheduled"
NO_ROOM = "no-room"


@dataclass(frozen=True)
class GapStanding:
    """Where one rated gap stands, and why it ranks where it does."""

    gap: str
    name: str
    map_index: int
    current: int
    target: int
    target_given: bool
    recent: int  # evidence entries for the gap dated inside the recency window
    total: int  # all evidence entries for the gap
    last_evidence: dt.date | None
    backed: bool
    score: int
    rank: int = 0
    role: str = ""
    why: str = ""

    @property
    def distance(self) -> int:
        """Levels below target (negative when above it)."""
        return self.target - self.current


@dataclass(frozen=True)
class PlannedAction:
    id: str
    title: str
    type: str
    effort_hours: float
    evidence: str
    how: list[str]
    log: str  # the exact command that records the evidence
    status: str  # DONE, SCHEDULED or NO_ROOM
    starts: dt.date | None = None
    due: dt.date | None = None
    first_week: int | None = None  # 1-based week of the horizon the action starts in
    last_week: int | None = None
    weekly_hours: float | None = None
    done_on: dt.date | None = None
    done_by: list[str] = field(default_factory=list)  # ids of the evidence entries

    @property
    def done(self) -> bool:
        return self.status == DONE


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
    why: str
    actions: list[PlannedAction]
    resources: list[Resource]
    remaining: int  # actions of the gap neither done nor in this plan
    people: list[Person] = field(default_factory=list)  # who helps with it (see with_network)
    look_for: str = ""  # for a focus gap nobody helps with: what kind of person to find


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
    ranking: list[GapStanding]
    unrated: list[tuple[str, str]]  # (gap id, name) of map gaps the assessment did not rate
    hours_by_type: dict[str, float]
    quiet: list[Person] = field(default_factory=list)  # relationships gone quiet (see with_network)

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=7 * self.weeks - 1)

    @property
    def planned_hours(self) -> float:
        return sum(self.hours_by_type.values())


# --- small helpers ----------------------------------------------------------------------------


def month_year(day: dt.date) -> str:
    """``May 2026``: fixed English names, whatever the locale."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _and(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def shell_quote(text: str) -> str:
    """Double-quote ``text`` for a POSIX shell (the form people expect to see and edit)."""
    escaped = "".join("\\" + ch if ch in '\\"$`' else ch for ch in text)
    return f'"{escaped}"'


def log_command(gap_id: str, action_id: str, map_id: str | None = None) -> str:
    """The line that records evidence for an action; ``…`` is where what you did goes."""
    line = f"pm-coach log {shell_quote('…')} --gap {gap_id} --action {action_id}"
    return f"{line} --map {map_id}" if map_id else line


def check_horizon(weeks: int, hours_per_week: float) -> None:
    if not 1 <= weeks <= MAX_WEEKS:
        raise InputError(
            f"--weeks {weeks} is out of range.",
            hint=f"Plan between 1 and {MAX_WEEKS} weeks ahead; 12 (about 90 days) works well.",
        )
    if not 0 < hours_per_week <= MAX_HOURS:
        raise InputError(
            f"{hours_per_week:g} hours a week is out of range.",
            hint=f"Give more than 0 and at most {MAX_HOURS:g} hours a week, e.g. --hours 3.",
        )


def _gap_evidence(entries: Iterable[Evidence], skill_map: SkillMap) -> dict[str, list[Evidence]]:
    """Evidence per gap; an entry recorded against a map action also counts for its gap."""
    widened: list[Evidence] = []
    for e in entries:
        found = skill_map.action(e.action) if e.action else None
        if found is not None and found[0].id not in e.gaps:
            e = e.model_copy(update={"gaps": [*e.gaps, found[0].id]})
        widened.append(e)
    return evidence_by_gap(widened, skill_map.gap_ids)


def done_actions(entries: Iterable[Evidence]) -> dict[str, list[Evidence]]:
    """Evidence per action id it was logged against, oldest first."""
    out: dict[str, list[Evidence]] = {}
    for e in sorted(entries, key=lambda e: (e.date, e.created, e.id)):
        if e.action:
            out.setdefault(e.action, []).append(e)
    return out


# --- prioritisation ---------------------------------------------------------------------------


def _level_words(s: GapStanding) -> str:
    d = s.distance
    if d > 0:
        words = f"{_plural(d, 'level')} below target"
    elif d == 0:
        words = "at target"
    else:
        words = f"{_plural(-d, 'level')} above target"
    if not s.target_given:
        words += f", target assumed to be {DEFAULT_TARGET}"
    return words


def _evidence_words(s: GapStanding) -> str:
    if s.backed:
        return f"{_plural(s.recent, 'piece')} of evidence in the last {RECENT_DAYS} days"
    if s.last_evidence is not None:
        return f"no evidence since {month_year(s.last_evidence)}"
    if is_unproven(s.current, []):
        return "no evidence logged yet, so the rating is still a claim"
    return "no evidence logged yet"


def rank_gaps(
    skill_map: SkillMap, assessment: Assessment, entries: Sequence[Evidence], start: dt.date
) -> list[GapStanding]:
    """Every gap the assessment rated, highest priority first (rules in docs/planning.md).

    priority = target − current, plus one when no evidence for the gap is dated on or after
    ``start`` − 180 days; ties keep the map's order.
    """
    window = start - dt.timedelta(days=RECENT_DAYS)
    by_gap = _gap_evidence(entries, skill_map)
    standings: list[GapStanding] = []
    for index, gap in enumerate(skill_map.gaps):
        if gap.id not in assessment.levels:
            continue
        current = assessment.levels[gap.id]
        given = gap.id in assessment.targets
        target = assessment.targets[gap.id] if given else DEFAULT_TARGET
        found = by_gap[gap.id]
        recent = sum(1 for e in found if e.date >= window)
        backed = recent > 0
        standings.append(
            GapStanding(
                gap=gap.id,
                name=gap.name,
                map_index=index,
                current=current,
                target=target,
                target_given=given,
                recent=recent,
                total=len(found),
                last_evidence=max((e.date for e in found), default=None),
                backed=backed,
                score=(target - current) + (0 if backed else UNBACKED_RAISE),
            )
        )
    standings.sort(key=lambda s: (-s.score, s.map_index))
    ranked: list[GapStanding] = []
    for rank, s in enumerate(standings, start=1):
        why = f"{_level_words(s)}; {_evidence_words(s)}"
        tied = [o.gap for o in standings if o.score == s.score and o.gap != s.gap]
        if tied:
            why += f"; tied with {_and(tied)}, map order decides"
        ranked.append(replace(s, rank=rank, why=why))
    return ranked


def focus_count(hours_per_week: float, weeks: int) -> int:
    """Three focus gaps when the horizon holds at least 30 hours, else two."""
    return 3 if hours_per_week * weeks >= THREE_FOCUS_HOURS - _EPS else 2


def assign_roles(ranking: Sequence[GapStanding], n_focus: int) -> list[GapStanding]:
    """Focus: the top ``n_focus`` gaps below target. Prove it: at or above target, no recent
    evidence. Later: below target but outside the focus. On track: the rest."""
    out: list[GapStanding] = []
    focused = 0
    for s in ranking:
        if s.distance > 0 and focused < n_focus:
            role = FOCUS
            focused += 1
        elif s.distance > 0:
            role = LATER
        elif not s.backed:
            role = PROVE_IT
        else:
            role = ON_TRACK
        out.append(replace(s, role=role))
    return out


# --- scheduling -------------------------------------------------------------------------------


class Calendar:
    """Hours booked per week of the horizon, never more than the weekly budget."""

    def __init__(self, weeks: int, hours_per_week: float) -> None:
        self.load = [0.0] * weeks
        self.capacity = hours_per_week

    def place(self, effort: float, min_weeks: int) -> tuple[int, int] | None:
        """Book ``effort`` hours spread evenly over at least ``min_weeks`` weeks.

        Returns (first week, number of weeks), 0-based, choosing the earliest finish and, for
        the same finish, the shortest span; None when it cannot fit inside the horizon.
        """
        for finish in range(1, len(self.load) + 1):
            for span in range(min_weeks, finish + 1):
                first = finish - span
                per_week = effort / span
                if all(
                    self.load[w] + per_week <= self.capacity + _EPS for w in range(first, finish)
                ):
                    for w in range(first, finish):
                        self.load[w] += per_week
                    return first, span
        return None


def type_order(hours_by_type: dict[str, float], *, first: bool) -> list[str]:
    """Action types, the one furthest below its 70/20/10 share of planned hours first.

    A focus gap's first action is always an experience one (stretch work produces the
    strongest evidence).
    """
    total = sum(hours_by_type.values())

    def deficit(t: str) -> float:
        return MIX[t] - (hours_by_type[t] / total if total else 0.0)

    order = sorted(ACTION_TYPES, key=lambda t: (-round(deficit(t), 9), ACTION_TYPES.index(t)))
    if first:
        order.remove("experience")
        order.insert(0, "experience")
    return order


@dataclass
class _Booking:
    gap: Gap
    action: Action
    first_week: int
    span: int


def _planned(gap: Gap, a: Action, log_map: str | None, status: str, **when: Any) -> PlannedAction:
    """The plan's view of a map action; ``when`` adds the dates that go with ``status``."""
    return PlannedAction(
        id=a.id,
        title=a.title,
        type=a.type,
        effort_hours=a.effort_hours,
        evidence=a.evidence,
        how=list(a.how),
        log=log_command(gap.id, a.id, log_map),
        status=status,
        **when,
    )


def _scheduled(b: _Booking, start: dt.date, log_map: str | None) -> PlannedAction:
    return _planned(
        b.gap,
        b.action,
        log_map,
        SCHEDULED,
        starts=start + dt.timedelta(days=7 * b.first_week),
        due=start + dt.timedelta(days=7 * (b.first_week + b.span) - 1),
        first_week=b.first_week + 1,
        last_week=b.first_week + b.span,
        weekly_hours=round(b.action.effort_hours / b.span, 2),
    )


def _unplaced(gap: Gap, a: Action, log_map: str | None) -> PlannedAction:
    return _planned(gap, a, log_map, NO_ROOM)


def _done(gap: Gap, a: Action, proof: list[Evidence], log_map: str | None) -> PlannedAction:
    return _planned(gap, a, log_map, DONE, done_on=proof[0].date, done_by=[e.id for e in proof])


def build_plan(
    skill_map: SkillMap,
    assessment: Assessment,
    entries: Sequence[Evidence],
    *,
    start: dt.date,
    weeks: int = DEFAULT_WEEKS,
    hours_per_week: float = 3.0,
    log_map: str | None = None,
) -> Plan:
    """Rank the gaps, pick the focus, and schedule evidence-producing actions into the horizon.

    ``log_map`` is added as ``--map`` to the log commands when the plan's map is not the one
    ``pm-coach log`` uses by default.
    """
    check_horizon(weeks, hours_per_week)
    ranking = assign_roles(
        rank_gaps(skill_map, assessment, entries, start), focus_count(hours_per_week, weeks)
    )
    done = done_actions(entries)
    gaps = {g.id: g for g in skill_map.gaps}
    focus = [s for s in ranking if s.role == FOCUS]
    proving = [s for s in ranking if s.role == PROVE_IT]

    calendar = Calendar(weeks, hours_per_week)
    hours = {t: 0.0 for t in ACTION_TYPES}
    booked: dict[str, list[_Booking]] = {s.gap: [] for s in [*focus, *proving]}
    open_actions = {
        s.gap: [a for a in gaps[s.gap].actions if a.id not in done] for s in [*focus, *proving]
    }
    # Each focus gap may take an equal share of the horizon's hours, after the "prove it" steps.
    budget = hours_per_week * weeks
    proof_hours = sum(
        min((a.effort_hours for a in open_actions[s.gap]), default=0.0) for s in proving
    )
    share = (budget - proof_hours) / len(focus) if focus else 0.0
    gap_hours = {g: 0.0 for g in booked}

    def book(gap: Gap, action: Action, limit: float | None) -> bool:
        if limit is not None and gap_hours[gap.id] + action.effort_hours > limit + _EPS:
            return False
        if hours[action.type] + action.effort_hours > TYPE_CAP * MIX[action.type] * budget + _EPS:
            return False
        slot = calendar.place(action.effort_hours, action.weeks)
        if slot is None:
            return False
        booked[gap.id].append(_Booking(gap, action, slot[0], slot[1]))
        open_actions[gap.id].remove(action)
        hours[action.type] += action.effort_hours
        gap_hours[gap.id] += action.effort_hours
        return True

    def next_for(gap: Gap, first: bool) -> bool:
        for kind in type_order(hours, first=first):
            for action in [a for a in open_actions[gap.id] if a.type == kind]:
                if book(gap, action, share):
                    return True
        return False

    # Round one: each focus gap's opening action, highest rank first.
    active = [s.gap for s in focus if next_for(gaps[s.gap], first=True)]
    # Then one "prove it" step per gap rated at or above target without recent evidence: the
    # smallest open action that fits.
    missing_proof: dict[str, Action] = {}
    for s in proving:
        choices = sorted(open_actions[s.gap], key=lambda a: a.effort_hours)  # stable: map order
        if not any(book(gaps[s.gap], a, None) for a in choices) and choices:
            missing_proof[s.gap] = choices[0]
    # Then make sure the plan mixes the three types: for a type with no hours yet, the first
    # action of that type (focus gaps in rank order, map order within a gap) that fits.
    for kind in ACTION_TYPES:
        if hours[kind] == 0:
            any(
                book(gaps[s.gap], a, share)
                for s in focus
                for a in list(open_actions[s.gap])
                if a.type == kind
            )
    # Then round after round, one more action per focus gap, until nothing else fits.
    while active:
        active = [g for g in active if next_for(gaps[g], first=False)]

    def focus_gap(s: GapStanding) -> FocusGap:
        gap = gaps[s.gap]
        order = {a.id: i for i, a in enumerate(gap.actions)}
        finished = sorted(
            (_done(gap, a, done[a.id], log_map) for a in gap.actions if a.id in done),
            key=lambda p: (p.done_on or start, order[p.id]),
        )
        planned = sorted(
            (_scheduled(b, start, log_map) for b in booked[s.gap]),
            key=lambda p: (p.due or start, p.starts or start, order[p.id]),
        )
        extra = [_unplaced(gap, missing_proof[s.gap], log_map)] if s.gap in missing_proof else []
        in_plan = {p.id for p in [*finished, *planned, *extra]}
        return FocusGap(
            gap=s.gap,
            name=s.name,
            role=s.role,
            rank=s.rank,
            current=s.current,
            target=s.target,
            why=s.why,
            actions=[*finished, *planned, *extra],
            resources=list(gap.resources) if s.role == FOCUS else [],
            remaining=sum(1 for a in gap.actions if a.id not in in_plan),
        )

    rated = set(assessment.levels)
    return Plan(
        map_id=skill_map.id,
        map_name=skill_map.name,
        to_role=skill_map.to_role,
        assessed_on=assessment.date,
        start=start,
        weeks=weeks,
        hours_per_week=hours_per_week,
        focus=[focus_gap(s) for s in focus],
        prove_it=[focus_gap(s) for s in proving],
        ranking=ranking,
        unrated=[(g.id, g.name) for g in skill_map.gaps if g.id not in rated],
        hours_by_type={t: round(h, 2) for t, h in hours.items()},
    )


def with_network(plan: Plan, contacts: Sequence[Contact]) -> Plan:
    """Name, for each gap of the plan, the people who help with it; say what kind of person to
    look for when a focus gap has nobody; list the relationships with no conversation in the 60
    days before the plan starts (counted from ``plan.start``, so the plan stays deterministic)."""
    from pm_coach.core import network

    def person(c: Contact) -> Person:
        days = network.days_quiet(c, plan.start)
        return Person(c.name, c.kind, c.contact, days, days >= network.QUIET_DAYS)

    def attach(g: FocusGap) -> FocusGap:
        people = [person(c) for c in network.people_for_gap(contacts, g.gap)]
        look_for = "" if people or g.role != FOCUS else network.who_to_look_for(g.gap)
        return replace(g, people=people, look_for=look_for)

    return replace(
        plan,
        focus=[attach(g) for g in plan.focus],
        prove_it=[attach(g) for g in plan.prove_it],
        quiet=[person(c) for c in network.quiet_contacts(contacts, plan.start)],
    )
