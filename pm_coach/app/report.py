"""``pm-coach report``: what the report shows, gathered from the stores and the plan and export
cores, as a result ``emit`` prints in the terminal or writes as Markdown, HTML or JSON."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from pm_coach.app.emit import Output
from pm_coach.app.workspace import Workspace
from pm_coach.core.calibration import Rater
from pm_coach.core.report import NextAction, Report, build_report
from pm_coach.models import Assessment, Evidence, Profile, SkillMap

if TYPE_CHECKING:
    from rich.console import RenderableType

TOP_BULLETS = 5


@dataclass(frozen=True)
class ReportResult(Output):
    report: Report
    person: str
    show_raters: bool = False

    formats: ClassVar[tuple[str, ...]] = ("terminal", "markdown", "html", "json")
    file_format: ClassVar[str] = "markdown"

    def render(self, fmt: str) -> str | RenderableType:
        if fmt == "json":
            from pm_coach.render.report import as_json

            return as_json(self.report)
        if fmt == "html":
            from pm_coach.render.report_html import page

            return page(self.report, person=self.person, show_raters=self.show_raters)
        if fmt == "markdown":
            from pm_coach.render.report import markdown

            return markdown(self.report, show_raters=self.show_raters)
        from rich.console import Group

        from pm_coach.render.report import terminal

        return Group(*terminal(self.report, show_raters=self.show_raters))


def report(
    ws: Workspace,
    today: dt.date,
    *,
    since: str | None,
    map_id: str | None,
    window: int,
    raters: bool,
) -> ReportResult:
    """The report on ``map_id`` (default: the profile's map), measuring change from the first
    assessment on or after ``since``, counting evidence ``window`` days back."""
    from pm_coach.core.calibration import check_window
    from pm_coach.core.dates import parse_date
    from pm_coach.errors import PreconditionError

    window = check_window(window)
    since_date = None if since is None else parse_date(since, today, what="--since")
    data = gather(ws, today, since_date, map_id, window=window)
    if data is None:
        raise PreconditionError(
            "there is no assessment to report on yet.", hint="Run 'pm-coach assess' first."
        )
    return ReportResult(*data, show_raters=raters)


def gather(
    st: Workspace,
    today: dt.date,
    since: dt.date | None,
    map_id: str | None,
    *,
    window: int = 365,
) -> tuple[Report, str] | None:
    """The report and the person's name, or None when the map has never been assessed."""
    from pm_coach.core.progress import latest
    from pm_coach.store.assessments import load_assessments
    from pm_coach.store.profile import load_profile

    skill_map = st.skill_map(map_id)
    profile = load_profile(st.folder)
    entries = st.evidence.load()
    assessments = load_assessments(st.folder)
    from pm_coach.core.feedback import latest_raters
    from pm_coach.store.feedback import load_feedback

    raters = latest_raters(load_feedback(st.folder), skill_map.id)
    rep = build_report(
        skill_map, assessments, entries, today, since, raters=raters, window_days=window
    )
    current = latest(assessments, skill_map.id)
    if rep is None or current is None:
        return None
    from pm_coach.app import drafts

    drafts.load(st.folder)  # ranking needs the kept scores, not the drafts
    rep = dataclasses.replace(
        rep,
        next_actions=next_actions(st, skill_map, current, entries, profile, today, raters),
        bullets=top_bullets(entries, today),
    )
    drafts.save(st.folder, lambda: entries)
    return rep, profile.name


def next_actions(
    st: Workspace,
    skill_map: SkillMap,
    assessment: Assessment,
    entries: list[Evidence],
    profile: Profile,
    today: dt.date,
    rep_raters: Sequence[Rater] = (),
) -> tuple[NextAction, ...]:
    """The first open action of each focus (and prove-it) gap: from the saved plan when it is
    for this map, else from the plan ``pm-coach plan`` would make today (nothing is saved)."""
    from pm_coach.app.hints import log_command
    from pm_coach.app.plan import active_plan_status
    from pm_coach.core.plan import DEFAULT_WEEKS, build_plan

    plan = active_plan_status(st.folder, today, entries=entries, skill_map=skill_map, full=False)
    if plan is None or plan.map_id != skill_map.id:
        plan = build_plan(
            skill_map,
            assessment,
            entries,
            start=today,
            weeks=DEFAULT_WEEKS,
            hours_per_week=profile.hours_per_week,
            raters=rep_raters,
        )
    log_map = None if skill_map.id == profile.map else skill_map.id
    out = []
    for gap in [*plan.focus, *plan.prove_it]:
        open_ = sorted(
            (a for a in gap.actions if a.due is not None and not a.finished),
            key=lambda a: a.due or today,
        )
        if open_:
            a = open_[0]
            out.append(NextAction(gap.gap, a.id, a.title, a.due, log_command(a.id, log_map)))
    return tuple(out)


def top_bullets(entries: list[Evidence], today: dt.date) -> tuple[str, ...]:
    """The strongest entries as CV lines, chosen as ``pm-coach export --top`` chooses them."""
    from pm_coach.core.bullets import bullet_text
    from pm_coach.core.ranking import top

    return tuple(bullet_text(e) for e in top(entries, TOP_BULLETS, today))
