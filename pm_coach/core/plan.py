"""Choosing what to work on next and fitting it into the weeks ahead (what a plan holds is in
:mod:`pm_coach.core.plan_model`, the weekly budget of hours in :mod:`pm_coach.core.schedule`).

The rules are documented for users in ``docs/planning.md``; keep the two in step.

Pure: the skill map, the latest assessment, the evidence log, the weekly hours, the horizon, the
days away and the start date go in; a :class:`Plan` comes out. There is no clock and no
randomness here, and every ordering is stable, so the same inputs always give the same plan. How a
saved plan is tracked afterwards (done, skipped, overdue) is in :mod:`pm_coach.core.tracking`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from pm_coach.core.assessment import DEFAULT_TARGET
from pm_coach.core.calibration import Rater
from pm_coach.core.plan_model import (
    DONE,
    FOCUS,
    LATER,
    ON_TRACK,
    OPEN,
    PROVE_IT,
    Away,
    FocusGap,
    Mark,
    NoFit,
    Person,
    Plan,
    PlannedAction,
    RankRow,
)
from pm_coach.core.priorities import GapStanding, rank_gaps
from pm_coach.core.schedule import EPS, MIX, Calendar, away_days, type_order
from pm_coach.errors import InputError
from pm_coach.models import ACTION_TYPES, Action, Assessment, Evidence, Gap, SkillMap
from pm_coach.models.network import Contact

__all__ = ["DEFAULT_TARGET", "GapStanding", "rank_gaps"]

DEFAULT_WEEKS = 12
MAX_WEEKS = 52
MAX_HOURS = 60.0
THREE_FOCUS_HOURS = 30.0  # from this many hours in the horizon, three focus gaps instead of two
TYPE_CAP = 2.5  # no action type takes more than 2.5 times its MIX share of the horizon's hours


# --- small helpers ----------------------------------------------------------------------------


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


def done_actions(entries: Iterable[Evidence]) -> dict[str, list[Evidence]]:
    """Evidence per action id it was logged against, oldest first."""
    out: dict[str, list[Evidence]] = {}
    for e in sorted(entries, key=lambda e: (e.date, e.created, e.id)):
        if e.action:
            out.setdefault(e.action, []).append(e)
    return out


# --- prioritisation ---------------------------------------------------------------------------


def focus_count(hours_per_week: float, weeks: int) -> int:
    """Three focus gaps when the horizon holds at least 30 hours, else two."""
    return 3 if hours_per_week * weeks >= THREE_FOCUS_HOURS - EPS else 2


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


@dataclass
class _Booking:
    gap: Gap
    action: Action
    first_week: int
    span: int


def _planned(gap: Gap, a: Action, status: str, **when: Any) -> PlannedAction:
    """The plan's view of a map action; ``when`` adds the dates that go with ``status``."""
    return PlannedAction(
        id=a.id,
        title=a.title,
        type=a.type,
        effort_hours=a.effort_hours,
        evidence=a.evidence,
        how=list(a.how),
        status=status,
        gap=gap.id,
        **when,
    )


def _scheduled(b: _Booking, start: dt.date, away: Sequence[set[dt.date]]) -> PlannedAction:
    first_day = start + dt.timedelta(days=7 * b.first_week)
    last_day = start + dt.timedelta(days=7 * (b.first_week + b.span) - 1)
    while first_day in away[b.first_week] and first_day < last_day:
        first_day += dt.timedelta(days=1)
    while last_day in away[b.first_week + b.span - 1] and last_day > first_day:
        last_day -= dt.timedelta(days=1)
    working = sum(1 for w in range(b.first_week, b.first_week + b.span) if len(away[w]) < 7)
    return _planned(
        b.gap,
        b.action,
        OPEN,
        starts=first_day,
        due=last_day,
        first_week=b.first_week + 1,
        last_week=b.first_week + b.span,
        weekly_hours=round(b.action.effort_hours / max(working, 1), 2),
    )


def _finished(gap: Gap, a: Action, mark: Mark) -> PlannedAction:
    return _planned(
        gap,
        a,
        mark.status,
        done_on=mark.on,
        done_by=list(mark.evidence),
        why=mark.why,
    )


def _marks_from(entries: Iterable[Evidence], carried: Mapping[str, Mark]) -> dict[str, Mark]:
    """Done by evidence logged against the action, else what an earlier plan recorded."""
    marks = dict(carried)
    for action_id, proof in done_actions(entries).items():
        marks[action_id] = Mark(DONE, proof[0].date, tuple(e.id for e in proof))
    return marks


def build_plan(
    skill_map: SkillMap,
    assessment: Assessment,
    entries: Sequence[Evidence],
    *,
    start: dt.date,
    weeks: int = DEFAULT_WEEKS,
    hours_per_week: float = 3.0,
    away: Sequence[Away] = (),
    carried: Mapping[str, Mark] | None = None,
    advise: bool = True,
    raters: Sequence[Rater] = (),
) -> Plan:
    """Rank the gaps, pick the focus, and schedule evidence-producing actions into the horizon.

    ``carried`` holds what earlier plans recorded as done or
    skipped; evidence logged against an action marks it done as well. ``raters`` (others'
    latest ratings) rank blind spots up. When not a single action
    fits, ``no_fit`` says what would (``advise=False`` skips working that out).
    """
    check_horizon(weeks, hours_per_week)
    standings = assign_roles(
        rank_gaps(skill_map, assessment, entries, start, raters),
        focus_count(hours_per_week, weeks),
    )
    marks = _marks_from(entries, carried or {})
    gaps = {g.id: g for g in skill_map.gaps}
    focus = [s for s in standings if s.role == FOCUS]
    proving = [s for s in standings if s.role == PROVE_IT]
    off_days = away_days(start, weeks, away)

    calendar = Calendar(weeks, hours_per_week, off_days)
    hours = {t: 0.0 for t in ACTION_TYPES}
    booked: dict[str, list[_Booking]] = {s.gap: [] for s in [*focus, *proving]}
    end_week: dict[str, int] = {}  # action id -> first week after it (0-based)
    open_actions = {
        s.gap: [a for a in gaps[s.gap].actions if a.id not in marks] for s in [*focus, *proving]
    }
    # Each focus gap may take an equal share of the horizon's hours, after the "prove it" steps.
    budget = sum(calendar.capacity)
    proof_hours = sum(
        min((a.effort_hours for a in open_actions[s.gap]), default=0.0) for s in proving
    )
    share = (budget - proof_hours) / len(focus) if focus else 0.0
    gap_hours = {g: 0.0 for g in booked}

    def ready_from(action: Action) -> int | None:
        """The first week the action may start in, or None while something it follows is not
        done, skipped or booked."""
        earliest = 0
        for before in action.after:
            if before in marks or skill_map.action(before) is None:
                continue
            if before not in end_week:
                return None
            earliest = max(earliest, end_week[before])
        return earliest

    def book(gap: Gap, action: Action, limit: float | None) -> bool:
        if limit is not None and gap_hours[gap.id] + action.effort_hours > limit + EPS:
            return False
        if hours[action.type] + action.effort_hours > TYPE_CAP * MIX[action.type] * budget + EPS:
            return False
        earliest = ready_from(action)
        if earliest is None:
            return False
        slot = calendar.place(action.effort_hours, action.weeks, earliest)
        if slot is None:
            return False
        booked[gap.id].append(_Booking(gap, action, slot[0], slot[1]))
        end_week[action.id] = slot[0] + slot[1]
        open_actions[gap.id].remove(action)
        hours[action.type] += action.effort_hours
        gap_hours[gap.id] += action.effort_hours
        return True

    def book_after_its_steps(gap: Gap, action: Action) -> bool:
        """Book ``action`` for a prove-it step, first booking the open actions of the same gap
        it follows (role-play before the leadership pitch)."""
        for before in action.after:
            found = skill_map.action(before)
            if before in marks or before in end_week or found is None:
                continue
            if found[0].id != gap.id or found[1] not in open_actions[gap.id]:
                return False
            if not book_after_its_steps(gap, found[1]):
                return False
        return book(gap, action, None)

    def next_for(gap: Gap, first: bool) -> bool:
        for kind in type_order(hours, first=first):
            for action in [a for a in open_actions[gap.id] if a.type == kind]:
                if book(gap, action, share):
                    return True
        return False

    # Round one: each focus gap's opening action, highest rank first.
    active = [s.gap for s in focus if next_for(gaps[s.gap], first=True)]
    # Then one "prove it" step per gap rated at or above target without recent evidence: the
    # smallest open action able to show the rated level that fits, after the steps it follows.
    missing_proof: dict[str, Action] = {}
    for s in proving:
        choices = proof_choices(open_actions[s.gap], s.current)
        if not any(book_after_its_steps(gaps[s.gap], a) for a in choices) and choices:
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
            (_finished(gap, a, marks[a.id]) for a in gap.actions if a.id in marks),
            key=lambda p: (p.done_on or start, order[p.id]),
        )
        planned = sorted(
            (_scheduled(b, start, off_days) for b in booked[s.gap]),
            key=lambda p: (p.due or start, p.starts or start, order[p.id]),
        )
        extra = [_planned(gap, missing_proof[s.gap], OPEN)] if s.gap in missing_proof else []
        in_plan = {p.id for p in [*finished, *planned, *extra]}
        return FocusGap(
            gap=s.gap,
            name=s.name,
            role=s.role,
            rank=s.rank,
            current=s.current,
            target=s.target,
            actions=[*finished, *planned, *extra],
            resources=list(gap.resources) if s.role == FOCUS else [],
            remaining=sum(1 for a in gap.actions if a.id not in in_plan),
            standing=s,
        )

    rated = set(assessment.levels)
    no_fit = None
    if not any(booked.values()) and (focus or proving):
        candidates = [a for s in [*focus, *proving] for a in open_actions[s.gap]]
        if not advise:
            no_fit = NoFit("", "", 0.0, 0, None, None)
        else:

            def again(n: int, h: float) -> Plan:
                return build_plan(
                    skill_map,
                    assessment,
                    entries,
                    start=start,
                    weeks=n,
                    hours_per_week=h,
                    away=away,
                    carried=carried,
                    advise=False,
                )

            no_fit = _no_fit(candidates, again, weeks, hours_per_week)
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
        ranking=[
            RankRow(
                s.gap,
                s.name,
                s.rank,
                s.role,
                s.current,
                s.target,
                s.score,
                s.backed,
                supported=s.supported,
                others=s.others,
                blind_spot=s.blind_spot,
                standing=s,
            )
            for s in standings
        ],
        unrated=[(g.id, g.name) for g in skill_map.gaps if g.id not in rated],
        hours_by_type={t: round(h, 2) for t, h in hours.items()},
        away=list(away),
        no_fit=no_fit,
    )


def proof_choices(open_actions: Sequence[Action], level: int) -> list[Action]:
    """Candidates for a "prove it" step, best first: the actions whose evidence can show at
    least ``level`` (the map's ``proves``), smallest effort first, map order on ties. When none
    can, the ones that prove the most, smallest first."""
    able = [a for a in open_actions if a.proves >= level]
    if not able and open_actions:
        top = max(a.proves for a in open_actions)
        able = [a for a in open_actions if a.proves == top]
    return sorted(able, key=lambda a: a.effort_hours)  # stable: map order


def _no_fit(
    candidates: Sequence[Action], again: Callable[[int, float], Plan], weeks: int, hours: float
) -> NoFit | None:
    """The smallest open action, the fewest weeks (at the same hours) and the fewest hours a
    week, in half hours (over the same weeks), with which the plan would hold any action."""
    if not candidates:
        return None
    smallest = min(candidates, key=lambda a: (a.effort_hours, a.weeks))
    weeks_needed = next(
        (n for n in range(weeks + 1, MAX_WEEKS + 1) if again(n, hours).no_fit is None), None
    )
    hours_needed = next(
        (
            h / 2
            for h in range(math.floor(hours * 2) + 1, int(MAX_HOURS * 2) + 1)
            if again(weeks, h / 2).no_fit is None
        ),
        None,
    )
    return NoFit(
        action_id=smallest.id,
        title=smallest.title,
        effort_hours=smallest.effort_hours,
        min_weeks=smallest.weeks,
        weeks_needed=weeks_needed,
        hours_needed=hours_needed,
    )


def with_network(plan: Plan, contacts: Sequence[Contact], today: dt.date | None = None) -> Plan:
    """Name, for each gap of the plan, the people who help with it; say what kind of person to
    look for when a focus gap has nobody; list the relationships with no conversation in the 60
    days before ``today`` (default: the plan's start, so a new plan stays deterministic)."""
    from pm_coach.core import network

    on = today or plan.start

    def person(c: Contact) -> Person:
        days = network.days_quiet(c, on)
        return Person(c.name, c.kind, c.contact, days, days >= network.QUIET_DAYS)

    def attach(g: FocusGap) -> FocusGap:
        people = [person(c) for c in network.people_for_gap(contacts, g.gap)]
        look_for = "" if people or g.role != FOCUS else network.who_to_look_for(g.gap)
        return replace(g, people=people, look_for=look_for)

    return replace(
        plan,
        focus=[attach(g) for g in plan.focus],
        prove_it=[attach(g) for g in plan.prove_it],
        quiet=[person(c) for c in network.quiet_contacts(contacts, on)],
    )
