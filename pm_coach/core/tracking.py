"""Keeping a plan: saving it once, then reading it back with each action's status on a given day.

Pure: a saved plan, the skill map, the evidence log and ``today`` go in. The due dates are the
ones saved; only the statuses move. An action is

- ``done`` when the person marked it done (``pm-coach plan done``) or evidence was logged against
  it (``--action ID``);
- ``skipped`` when the person skipped it, with a reason;
- ``overdue`` when it is neither and its due date is before ``today``;
- ``open`` otherwise (including an action there was no room for, which has no due date).

The rules are documented in ``docs/planning.md`` ("Keeping the plan").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from pm_coach.core.offers import content_words, shared_words
from pm_coach.core.plan import done_actions
from pm_coach.core.plan_model import (
    DONE,
    FOCUS,
    OPEN,
    OVERDUE,
    PROVE_IT,
    SKIPPED,
    Away,
    FocusGap,
    Mark,
    Offer,
    Plan,
    PlannedAction,
    RankRow,
)
from pm_coach.core.priorities import gap_evidence
from pm_coach.errors import InputError
from pm_coach.models import Assessment, Evidence, SkillMap
from pm_coach.models.plan import SavedAction, SavedGap, SavedPlan

NEWER_ASSESSMENT = "newer-assessment"
ALL_FINISHED = "all-finished"
SILENT_DAYS = 90  # a rated gap with no evidence for this long is worth a nudge
OFFER_WINDOW_DAYS = 90  # evidence this long before a plan starts may still finish its actions
NEXT_UP = 3


# --- away periods -----------------------------------------------------------------------------


def parse_away(text: str, what: str = "--away") -> Away:
    """``2026-12-21..2027-01-03`` as (first day, last day); both days are away."""
    raw = text.strip()
    parts = raw.split("..")
    hint = "Write it as FIRST..LAST with dates as YYYY-MM-DD, e.g. --away 2026-12-21..2027-01-03."
    if len(parts) != 2:
        raise InputError(f"{what} {text!r} is not a period.", hint=hint)
    days: list[dt.date] = []
    for part in parts:
        try:
            days.append(dt.date.fromisoformat(part.strip()))
        except ValueError:
            raise InputError(
                f"{what} {text!r}: {part.strip()!r} is not a date.", hint=hint
            ) from None
    first, last = days
    if last < first:
        raise InputError(
            f"{what} {text!r} ends before it starts.",
            hint=f"Swap the two dates: {what} {last.isoformat()}..{first.isoformat()}.",
        )
    return first, last


def away_text(period: Away) -> str:
    return f"{period[0].isoformat()}..{period[1].isoformat()}"


def merge_away(periods: Iterable[Away]) -> list[Away]:
    """Periods sorted, with overlapping or touching ones joined."""
    out: list[Away] = []
    for first, last in sorted(periods):
        if out and first <= out[-1][1] + dt.timedelta(days=1):
            out[-1] = (out[-1][0], max(out[-1][1], last))
        else:
            out.append((first, last))
    return out


# --- saving -----------------------------------------------------------------------------------


def to_saved(plan: Plan, *, created: dt.datetime, assessment_created: dt.datetime) -> SavedPlan:
    """The plan as it is written to plans.toml: horizon, ranking and every action's dates."""
    actions: list[SavedAction] = []
    for a in plan.actions:
        mark = a.status if a.status in (DONE, SKIPPED) else ""
        actions.append(
            SavedAction(
                id=a.id,
                gap=a.gap,
                title=a.title,
                type=a.type,
                effort_hours=a.effort_hours,
                starts=a.starts,
                due=a.due,
                first_week=a.first_week,
                last_week=a.last_week,
                weekly_hours=a.weekly_hours,
                mark=mark,
                marked_on=a.done_on if mark else None,
                done_by=list(a.done_by) if mark else [],
                why=a.why,
            )
        )
    return SavedPlan(
        created=created,
        map=plan.map_id,
        assessed_on=plan.assessed_on,
        assessment_created=assessment_created,
        start=plan.start,
        weeks=plan.weeks,
        hours_per_week=plan.hours_per_week,
        away=[away_text(p) for p in plan.away],
        ranking=[
            SavedGap(
                gap=r.gap,
                name=r.name,
                rank=r.rank,
                role=r.role,
                current=r.current,
                target=r.target,
                score=r.score,
                backed=r.backed,
                why=r.why,
            )
            for r in plan.ranking
        ],
        actions=actions,
    )


def carried_marks(plans: Sequence[SavedPlan]) -> dict[str, Mark]:
    """What every saved plan recorded as done or skipped; a later plan's word wins."""
    out: dict[str, Mark] = {}
    for p in plans:
        for a in p.actions:
            if a.mark == "done":
                out[a.id] = Mark(DONE, a.marked_on, tuple(a.done_by))
            elif a.mark == "skipped":
                out[a.id] = Mark(SKIPPED, a.marked_on, why=a.why)
    return out


# --- changing a saved plan --------------------------------------------------------------------


def find_action(saved: SavedPlan, action_id: str) -> SavedAction:
    """The plan's action with that id (or a unique start of it, 3+ characters); an unknown id
    is a usage error listing the plan's ids."""
    from pm_coach.core.short_ids import resolve_id

    wanted = resolve_id(action_id, {a.id: a.title for a in saved.actions}, what="action")
    found = saved.action(wanted) if wanted else None
    if found is None:
        raise unknown_action(action_id, saved)
    return found


def unknown_action(action_id: str, saved: SavedPlan | None) -> InputError:
    if saved is None or not saved.actions:
        return InputError(f"unknown action {action_id!r}: there is no plan with actions yet.")
    ids = ", ".join(a.id for a in saved.actions)
    return InputError(
        f"unknown action {action_id!r}.", hint=f"The actions of your active plan are: {ids}."
    )


def mark_done(
    saved: SavedPlan, action_id: str, today: dt.date, evidence_id: str = ""
) -> tuple[SavedPlan, SavedAction, bool]:
    """The plan with the action marked done; False when it already was (nothing changes)."""
    action = find_action(saved, action_id)
    if action.mark == "done" and (not evidence_id or evidence_id in action.done_by):
        return saved, action, False
    done_by = list(action.done_by)
    if evidence_id and evidence_id not in done_by:
        done_by.append(evidence_id)
    updated = action.model_copy(
        update={"mark": "done", "marked_on": action.marked_on or today, "done_by": done_by}
    )
    if action.mark == "skipped":
        updated = updated.model_copy(update={"marked_on": today, "why": ""})
    return _with(saved, updated), updated, True


def mark_skipped(
    saved: SavedPlan, action_id: str, today: dt.date, why: str
) -> tuple[SavedPlan, SavedAction]:
    action = find_action(saved, action_id)
    reason = " ".join(why.split())
    if not reason:
        raise InputError(
            "say why you skip it: --why cannot be empty.",
            hint='For example: --why "No conference before the summer"',
        )
    if action.mark == "done":
        raise InputError(
            f"{action.id} is already marked done; a done action cannot be skipped.",
            hint="Skip only what you decided not to do.",
        )
    updated = action.model_copy(
        update={"mark": "skipped", "marked_on": today, "why": reason, "done_by": []}
    )
    return _with(saved, updated), updated


def _with(saved: SavedPlan, action: SavedAction) -> SavedPlan:
    return saved.model_copy(
        update={"actions": [action if a.id == action.id else a for a in saved.actions]}
    )


# --- reading a saved plan back ----------------------------------------------------------------


def status_of(a: SavedAction, proof: Sequence[Evidence], today: dt.date) -> str:
    if a.mark == "skipped":
        return SKIPPED
    if a.mark == "done" or proof:
        return DONE
    if a.due is not None and a.due < today:
        return OVERDUE
    return OPEN


def track(
    saved: SavedPlan,
    skill_map: SkillMap,
    entries: Sequence[Evidence],
    today: dt.date,
    *,
    assessments: Sequence[Assessment] = (),
) -> Plan:
    """The saved plan as it stands on ``today``: statuses, what to re-plan, what looks done."""
    proof = done_actions(entries)
    gaps = {g.id: g for g in skill_map.gaps}

    def action_view(a: SavedAction) -> PlannedAction:
        found = skill_map.action(a.id)
        mine = proof.get(a.id, [])
        status = status_of(a, mine, today)
        done_on: dt.date | None = None
        done_by: list[str] = []
        if status == DONE:
            done_on = a.marked_on if a.mark == "done" and a.marked_on else mine[0].date
            done_by = list(dict.fromkeys([*a.done_by, *(e.id for e in mine)]))
        elif status == SKIPPED:
            done_on = a.marked_on
        return PlannedAction(
            id=a.id,
            title=a.title,
            type=a.type,
            effort_hours=a.effort_hours,
            evidence=found[1].evidence if found else "",
            how=list(found[1].how) if found else [],
            status=status,
            gap=a.gap,
            starts=a.starts,
            due=a.due,
            first_week=a.first_week,
            last_week=a.last_week,
            weekly_hours=a.weekly_hours,
            done_on=done_on,
            done_by=done_by,
            why=a.why if status == SKIPPED else "",
        )

    views = [action_view(a) for a in saved.actions]
    by_gap: dict[str, list[PlannedAction]] = {}
    for v in views:
        by_gap.setdefault(v.gap, []).append(v)
    finished_ids = {v.id for v in views if v.finished} | set(proof)

    def gap_view(r: SavedGap) -> FocusGap:
        gap = gaps.get(r.gap)
        mine = by_gap.get(r.gap, [])
        in_plan = {v.id for v in mine}
        remaining = (
            sum(1 for a in gap.actions if a.id not in in_plan and a.id not in finished_ids)
            if gap
            else 0
        )
        return FocusGap(
            gap=r.gap,
            name=r.name,
            role=r.role,
            rank=r.rank,
            current=r.current,
            target=r.target,
            why=r.why,
            actions=mine,
            resources=list(gap.resources) if gap and r.role == FOCUS else [],
            remaining=remaining,
        )

    hours: dict[str, float] = {"experience": 0.0, "relationship": 0.0, "learning": 0.0}
    for a in saved.actions:
        if a.due is not None:
            hours[a.type] = round(hours[a.type] + a.effort_hours, 2)
    ranked = {r.gap for r in saved.ranking}
    plan = Plan(
        map_id=saved.map,
        map_name=skill_map.name,
        to_role=skill_map.to_role,
        assessed_on=saved.assessed_on,
        start=saved.start,
        weeks=saved.weeks,
        hours_per_week=saved.hours_per_week,
        focus=[gap_view(r) for r in saved.ranking if r.role == FOCUS],
        prove_it=[gap_view(r) for r in saved.ranking if r.role == PROVE_IT],
        ranking=[
            RankRow(
                r.gap, r.name, r.rank, r.role, r.current, r.target, r.score, r.backed, why=r.why
            )
            for r in saved.ranking
        ],
        unrated=[(g.id, g.name) for g in skill_map.gaps if g.id not in ranked],
        hours_by_type=hours,
        away=[parse_away(t, "away") for t in saved.away],
        today=today,
        created=saved.created,
    )
    return replace(
        plan,
        replan=replan_reason(saved, plan, assessments),
        offers=offers(plan, entries, skill_map),
        silent_gaps=silent_gaps(saved, skill_map, entries, today),
    )


def replan_reason(saved: SavedPlan, plan: Plan, assessments: Sequence[Assessment]) -> str:
    """NEWER_ASSESSMENT when the map was assessed after the plan's assessment; ALL_FINISHED when
    every action the plan holds (scheduled or carried over) is done or skipped; else ""."""
    mine = (saved.assessed_on, saved.assessment_created)
    if any(a.map == saved.map and (a.date, a.created) > mine for a in assessments):
        return NEWER_ASSESSMENT
    counted = [a for a in plan.actions if a.scheduled or a.finished]
    if counted and all(a.finished for a in counted):
        return ALL_FINISHED
    return ""


def silent_gaps(
    saved: SavedPlan, skill_map: SkillMap, entries: Sequence[Evidence], today: dt.date
) -> list[tuple[str, str]]:
    """Rated gaps of the plan with no evidence dated in the last 90 days, in rank order."""
    since = today - dt.timedelta(days=SILENT_DAYS)
    by_gap = gap_evidence([e for e in entries if since <= e.date <= today], skill_map)
    return [(r.gap, r.name) for r in saved.ranking if not by_gap.get(r.gap)]


# --- "looks like it is done" ------------------------------------------------------------------


def offers(plan: Plan, entries: Sequence[Evidence], skill_map: SkillMap) -> list[Offer]:
    """Evidence logged without ``--action`` that clearly matches an open action of the plan:
    tagged with the action's gap and sharing at least two of the content words of its title
    (and at least a third of them). Each entry is offered for one action at most, each action
    once; never marked done here: the person decides."""
    since = plan.start - dt.timedelta(days=OFFER_WINDOW_DAYS)
    loose = [e for e in entries if not e.action and e.date >= since]
    taken: set[str] = set()
    out: list[Offer] = []
    for a in plan.actions:
        if a.finished:
            continue
        found = skill_map.action(a.id)
        words = content_words(a.title)
        if not words:
            continue
        best: tuple[int, Evidence] | None = None
        for e in loose:
            if a.gap not in e.gaps or e.id in taken:
                continue
            shared = shared_words(words, e.text, e.result)
            if shared and (best is None or shared > best[0]):
                best = (shared, e)
        if best is not None and found is not None:
            taken.add(best[1].id)
            out.append(Offer(a.id, a.title, best[1].id, best[1].text))
    return out


# --- the week ahead ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    gap: str
    name: str
    done: int
    total: int


@dataclass(frozen=True)
class Week:
    """What ``pm-coach next`` shows: overdue, due in the 7 days from ``today``, next up."""

    today: dt.date
    overdue: list[PlannedAction]
    due: list[PlannedAction]
    next: list[PlannedAction]
    progress: list[Progress]


def week_ahead(plan: Plan, today: dt.date) -> Week:
    week_end = today + dt.timedelta(days=6)
    live = [a for a in plan.actions if not a.finished and a.due is not None]
    by_due = sorted(live, key=lambda a: (a.due or today, a.starts or today))
    overdue = [a for a in by_due if a.status == OVERDUE]
    due = [a for a in by_due if a.status == OPEN and a.due is not None and a.due <= week_end]
    later = [a for a in by_due if a.status == OPEN and a.due is not None and a.due > week_end]
    later.sort(key=lambda a: (a.starts or today, a.due or today))
    progress = [
        Progress(
            g.gap,
            g.name,
            sum(1 for a in g.actions if a.done),
            sum(1 for a in g.actions if a.scheduled or a.finished),
        )
        for g in plan.focus
    ]
    return Week(today, overdue, due, later[:NEXT_UP], progress)
