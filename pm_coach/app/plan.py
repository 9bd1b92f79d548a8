"""The plan use cases: make a plan and save it, show the active plan on a given day, mark an
action done or skipped, the week ahead, and what a new log entry may have finished.

``active_plan_status(folder, today)`` is the entry point for other commands that need the active
plan with its statuses (it never makes or saves a plan).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from pm_coach.app.emit import Message, Output
from pm_coach.core import plan as core
from pm_coach.core import plan_model as model
from pm_coach.core import tracking
from pm_coach.core.calibration import Rater
from pm_coach.errors import NotFoundError, PreconditionError
from pm_coach.models import Assessment, Evidence, Profile, SkillMap
from pm_coach.models.network import Contact
from pm_coach.models.plan import SavedAction, SavedPlan

if TYPE_CHECKING:
    from rich.console import RenderableType


@dataclass(frozen=True)
class PlanResult(Output):
    plan: model.Plan
    profile: Profile
    made: bool = False  # a new plan was made (and saved, unless nothing fitted)
    saved: bool = False
    auto: bool = False  # made because there was no plan yet
    full: bool = False  # the terminal view with steps, evidence and resources

    formats: ClassVar[tuple[str, ...]] = ("terminal", "markdown", "json")
    file_format: ClassVar[str] = "markdown"

    def render(self, fmt: str) -> str | RenderableType:
        from pm_coach.app.hints import say
        from pm_coach.render import plan as render

        if self.plan.no_fit is not None:
            if fmt == "json":
                return render.no_fit_json(self.plan) + "\n"
            return render.no_fit_text(self.plan, say) + "\n"
        if fmt == "json":
            return render.as_json(self.plan) + "\n"
        if fmt == "markdown":
            return render.markdown(
                self.plan,
                say,
                name=self.profile.name,
                current_role=self.profile.current_role,
                target_role=self.profile.target_role,
            )
        return render.terminal(self.plan, say, full=self.full)

    def notes(self, fmt: str) -> list[str]:
        from pm_coach.app.hints import say
        from pm_coach.render.plan import made_notice

        if not self.made:
            return []
        return made_notice(self.plan, say, saved=self.saved, auto=self.auto, width=_err_width())

    def written(self, path: Path, fmt: str) -> str:
        if fmt != "markdown" or self.plan.no_fit is not None:
            return f"Wrote the plan to {path}."
        from pm_coach.render.words import count

        p = self.plan
        actions = sum(1 for a in p.actions if a.due)
        return (
            f"Wrote the plan to {path}: {count(len(p.focus), 'focus gap')}, "
            f"{count(actions, 'scheduled action')}, {count(p.weeks, 'week')} from {p.start}."
        )


@dataclass(frozen=True)
class WeekResult(Output):
    """What ``pm-coach next`` shows."""

    plan: model.Plan
    week: tracking.Week
    made: bool = False

    formats: ClassVar[tuple[str, ...]] = ("text", "json")
    file_format: ClassVar[str] = "text"

    def render(self, fmt: str) -> str:
        from pm_coach.app.hints import say
        from pm_coach.render import next as render
        from pm_coach.render.plan import no_fit_json, no_fit_text

        if self.plan.no_fit is not None:
            if fmt == "json":
                return no_fit_json(self.plan) + "\n"
            return no_fit_text(self.plan, say) + "\n"
        if fmt == "json":
            return render.as_json(self.plan, self.week) + "\n"
        import sys

        from pm_coach.render.plain import screen_width

        width = screen_width(sys.stdout)
        return "\n".join(render.lines(self.plan, self.week, say, width)) + "\n"

    def notes(self, fmt: str) -> list[str]:
        from pm_coach.app.hints import say
        from pm_coach.render.plan import made_notice

        if not self.made:
            return []
        return made_notice(
            self.plan, say, saved=self.plan.no_fit is None, auto=True, width=_err_width()
        )

    def written(self, path: Path, fmt: str) -> str:
        return f"Wrote the week ahead to {path}."


def _err_width() -> int:
    """The width of the screen the notes on stderr go to."""
    import sys

    from pm_coach.render.plain import screen_width

    return screen_width(sys.stderr)


def _map(folder: Path, map_id: str) -> SkillMap:
    from pm_coach.models.common import slug
    from pm_coach.store.maps import MapCatalog

    return MapCatalog(folder).load(slug(map_id))


def _log_map(skill_map: SkillMap, profile: Profile) -> str | None:
    return None if skill_map.id == profile.map else skill_map.id


def _contacts(folder: Path) -> list[Contact]:
    from pm_coach.store.network import load_contacts

    return load_contacts(folder)


def assess_command(map_id: str, profile_map: str) -> str:
    return "pm-coach assess" if map_id == profile_map else f"pm-coach assess --map {map_id}"


def new_plan(
    folder: Path,
    *,
    today: dt.date,
    start: dt.date | None = None,
    weeks: int = core.DEFAULT_WEEKS,
    hours: float | None = None,
    map_id: str | None = None,
    away: list[model.Away] | None = None,
    save: bool = True,
) -> PlanResult:
    """Make a plan from the latest assessment and save it as the active plan.

    When not a single action fits, nothing is saved and the result's plan carries ``no_fit``.
    """
    from pm_coach.core.progress import latest
    from pm_coach.store.assessments import load_assessments
    from pm_coach.store.evidence import EvidenceStore, now_utc
    from pm_coach.store.plans import add_plan, load_plans
    from pm_coach.store.profile import load_profile

    profile = load_profile(folder)
    skill_map = _map(folder, map_id or profile.map)
    assessments = load_assessments(folder)
    assessment = latest(assessments, skill_map.id)
    if assessment is None:
        raise PreconditionError(
            f"no self-assessment for the skill map {skill_map.id!r} yet: run "
            f"'{assess_command(skill_map.id, profile.map)}' first, then 'pm-coach plan'."
        )
    periods = [tracking.parse_away(t, "away in profile.toml") for t in profile.away]
    periods = tracking.merge_away([*periods, *(away or [])])
    entries = EvidenceStore(folder).load()
    plans = load_plans(folder)
    first_day = start or today
    built = in_words(
        core.build_plan(
            skill_map,
            assessment,
            entries,
            start=first_day,
            weeks=weeks,
            hours_per_week=profile.hours_per_week if hours is None else hours,
            away=[p for p in periods if p[1] >= first_day],
            carried=tracking.carried_marks(plans),
            raters=_raters(folder, skill_map.id),
        ),
        _log_map(skill_map, profile),
    )
    if built.no_fit is not None or not save:
        view = _fitted(core.with_network(built, _contacts(folder)), skill_map, profile)
        return PlanResult(view, profile, made=True)
    saved = tracking.to_saved(built, created=now_utc(), assessment_created=assessment.created)
    add_plan(folder, saved)
    return PlanResult(
        _tracked(folder, saved, skill_map, entries, assessments, profile, today),
        profile,
        made=True,
        saved=True,
    )


def new_from_options(
    folder: Path,
    today: dt.date,
    *,
    start: str,
    weeks: int,
    hours: float | None,
    map_id: str | None,
    away: list[str],
) -> PlanResult:
    """``pm-coach plan new`` with its options as typed: the dates are read here."""
    from pm_coach.core.dates import parse_date

    periods = [tracking.parse_away(a) for a in away]
    first_day = parse_date(start, today, allow_future=True, what="--start")
    return new_plan(
        folder, today=today, start=first_day, weeks=weeks, hours=hours, map_id=map_id, away=periods
    )


def _tracked(
    folder: Path,
    saved: SavedPlan,
    skill_map: SkillMap,
    entries: list[Evidence],
    assessments: list[Assessment],
    profile: Profile,
    today: dt.date,
    *,
    full: bool = True,
) -> model.Plan:
    tracked = tracking.track(saved, skill_map, entries, today, assessments=assessments)
    if not full:
        return tracked
    view = in_words(tracked, _log_map(skill_map, profile))
    view = _calibrated(view, skill_map, assessments, entries, _raters(folder, skill_map.id), today)
    return _fitted(core.with_network(view, _contacts(folder), today), skill_map, profile)


def in_words(plan: model.Plan, log_map: str | None = None) -> model.Plan:
    """``plan`` with what core leaves to words: why each gap of a new plan ranks where it does
    (as it is shown and saved), and the command that logs each action's evidence (``--map
    log_map`` when the plan's map is not the profile's)."""
    from dataclasses import replace

    from pm_coach.app.hints import log_command
    from pm_coach.render.reasons import gap_why

    def worded(row: Any) -> Any:
        return replace(row, why=gap_why(row.standing)) if row.standing else row

    def gap(g: model.FocusGap) -> model.FocusGap:
        actions = [replace(a, log=log_command(a.id, log_map)) for a in g.actions]
        return worded(replace(g, actions=actions))

    return replace(
        plan,
        focus=[gap(g) for g in plan.focus],
        prove_it=[gap(g) for g in plan.prove_it],
        ranking=[worded(r) for r in plan.ranking],
    )


def _fitted(plan: model.Plan, skill_map: SkillMap, profile: Profile) -> model.Plan:
    """The plan with the reading, background notes and opening that fit this person."""
    from pm_coach.core.advice import tailor

    return tailor(
        plan,
        skill_map,
        background=profile.background,
        market=profile.market,
        motivation=profile.motivation,
    )


def _raters(folder: Path, map_id: str) -> list[Rater]:
    """Others' latest ratings of the map (``pm-coach feedback``)."""
    from pm_coach.core.feedback import latest_raters
    from pm_coach.store.feedback import load_feedback

    return latest_raters(load_feedback(folder), map_id)


def _calibrated(
    view: model.Plan,
    skill_map: SkillMap,
    assessments: list[Assessment],
    entries: list[Evidence],
    raters: list[Rater],
    today: dt.date,
) -> model.Plan:
    """A kept plan's priorities with today's supported level and others' median beside each
    rating, by the same calibration rule the plan was ranked with."""
    import dataclasses

    from pm_coach.core.calibration import calibrate
    from pm_coach.core.progress import latest

    current = latest(assessments, skill_map.id)
    if current is None:
        return view
    cal = calibrate(skill_map, current.levels, entries, current.date, raters=raters, until=today)
    rows = []
    for row in view.ranking:
        g = cal.gap(row.gap)
        if g is not None:
            row = dataclasses.replace(
                row, supported=g.supported, others=g.others, blind_spot=g.blind_spot
            )
        rows.append(row)
    return dataclasses.replace(view, ranking=rows)


def active_plan_status(
    folder: Path,
    today: dt.date,
    *,
    entries: list[Evidence] | None = None,
    skill_map: SkillMap | None = None,
    full: bool = True,
) -> model.Plan | None:
    """The active (newest) saved plan with every action's status on ``today``; None if there is
    no saved plan. Reads only; never makes or saves a plan. A caller that has read the log
    already, or the plan's map, passes them (reading a big log twice is most of a report).
    ``full=False``: the gaps and their actions with their statuses only, without what ``plan``
    shows beside them (why each gap ranks where it does, the supported levels, the people and
    the reading), which costs another pass over the log."""
    from pm_coach.models.common import slug
    from pm_coach.store.assessments import load_assessments
    from pm_coach.store.evidence import EvidenceStore
    from pm_coach.store.plans import active_plan
    from pm_coach.store.profile import load_profile

    saved = active_plan(folder)
    if saved is None:
        return None
    profile = load_profile(folder)
    if skill_map is None or skill_map.id != slug(saved.map):
        skill_map = _map(folder, saved.map)
    return _tracked(
        folder,
        saved,
        skill_map,
        EvidenceStore(folder).views() if entries is None else entries,
        load_assessments(folder),
        profile,
        today,
        full=full,
    )


def show_plan(folder: Path, today: dt.date, *, entries: list[Evidence] | None = None) -> PlanResult:
    """The active plan on ``today``; with no saved plan yet, make one (12 weeks from today).
    ``entries``: the evidence log, when the caller has read it already."""
    from pm_coach.store.profile import load_profile

    current = active_plan_status(folder, today, entries=entries)
    if current is None:
        from dataclasses import replace

        return replace(new_plan(folder, today=today), auto=True)
    return PlanResult(current, load_profile(folder))


def week(folder: Path, today: dt.date) -> WeekResult:
    """What ``pm-coach next`` shows; makes the plan first when there is none."""
    result = show_plan(folder, today)
    plan = result.plan
    return WeekResult(plan, tracking.week_ahead(plan, today), made=result.made)


def _change_active(folder: Path, change: Callable[[SavedPlan], SavedPlan]) -> SavedPlan:
    from pm_coach.store.plans import change_plans

    holder: dict[str, SavedPlan] = {}

    def apply(plans: list[SavedPlan]) -> list[SavedPlan]:
        if not plans:
            raise PreconditionError(
                "there is no plan yet.",
                hint="Make one with: pm-coach plan new",
            )
        holder["plan"] = change(plans[-1])
        return [*plans[:-1], holder["plan"]]

    change_plans(folder, apply)
    return holder["plan"]


def mark_done(
    folder: Path, action_id: str, today: dt.date, evidence_id: str = ""
) -> tuple[SavedAction, bool]:
    """Mark an action of the active plan done (with the evidence that shows it, if given).
    Returns the action and False when it was already done (the file is not rewritten)."""
    from pm_coach.store.evidence import EvidenceStore
    from pm_coach.store.plans import active_plan

    eid = evidence_id.strip().lower()
    if eid:
        from pm_coach.core.evidence import entry_named

        found = entry_named(EvidenceStore(folder).load(), eid)  # a unique start is enough
        if found is None:
            raise NotFoundError(
                f"no evidence entry with id {evidence_id!r}.",
                hint="See the ids with: pm-coach evidence list",
            )
        eid = found.id
    saved = active_plan(folder)
    if saved is None:
        raise tracking.unknown_action(action_id, None)
    _, action, changed = tracking.mark_done(saved, action_id, today, eid)
    if not changed:
        return action, False
    result: dict[str, SavedAction] = {}

    def change(p: SavedPlan) -> SavedPlan:
        updated, result["a"], _ = tracking.mark_done(p, action_id, today, eid)
        return updated

    _change_active(folder, change)
    return result["a"], True


def mark_skipped(folder: Path, action_id: str, today: dt.date, why: str) -> SavedAction:
    from pm_coach.store.plans import active_plan

    saved = active_plan(folder)
    if saved is None:
        raise tracking.unknown_action(action_id, None)
    tracking.mark_skipped(saved, action_id, today, why)  # checks before taking the lock
    result: dict[str, SavedAction] = {}

    def change(p: SavedPlan) -> SavedPlan:
        updated, result["a"] = tracking.mark_skipped(p, action_id, today, why)
        return updated

    _change_active(folder, change)
    return result["a"]


def done(folder: Path, action_id: str, today: dt.date, evidence_id: str = "") -> Message:
    """``pm-coach plan done``: what was marked, or that it already was."""
    action, changed = mark_done(folder, action_id, today, evidence_id)
    proof = f" (evidence {', '.join(action.done_by)})" if action.done_by else ""
    if changed:
        return Message((f"Done: {action.id} · {action.title}{proof}",))
    return Message((f"{action.id} was already marked done{proof}; nothing changed.",))


def skip(folder: Path, action_id: str, today: dt.date, why: str) -> Message:
    """``pm-coach plan skip``."""
    action = mark_skipped(folder, action_id, today, why)
    return Message((f"Skipped: {action.id} · {action.title} ({action.why})",))


def action_gap(folder: Path, skill_map: SkillMap, action_id: str) -> str:
    """The gap of the action ``log --action`` names; an id not in the map is a usage error
    listing the active plan's action ids."""
    from pm_coach.core.evidence import map_action_id

    full = map_action_id(action_id, skill_map)
    found = skill_map.action(full) if full else None
    if found is None:
        from pm_coach.store.plans import active_plan

        raise tracking.unknown_action(action_id, active_plan(folder))
    return found[0].id


def open_actions(folder: Path, skill_map: SkillMap) -> list[tuple[str, str]]:
    """``(id, title)`` of the active plan's actions not yet marked done or skipped, for the log
    form to offer; empty without a plan or when the plan uses another map."""
    from pm_coach.store.plans import active_plan, plans_path

    if not plans_path(folder).exists():
        return []
    saved = active_plan(folder)
    if saved is None or saved.map != skill_map.id:
        return []
    return [(a.id, a.title) for a in saved.actions if not a.mark]


def offers_for(
    folder: Path, entry: Evidence, skill_map: SkillMap, today: dt.date
) -> list[model.Offer]:
    """Open actions of the active plan that ``entry`` (logged without ``--action``) looks like it
    finishes; empty when there is no plan or the plan uses another map."""
    from pm_coach.store.plans import active_plan, plans_path

    if entry.action or not plans_path(folder).exists():
        return []
    saved = active_plan(folder)
    if saved is None or saved.map != skill_map.id:
        return []
    from pm_coach.store.evidence import EvidenceStore

    view = tracking.track(saved, skill_map, EvidenceStore(folder).views(), today)
    return [o for o in view.offers if o.evidence_id == entry.id]
