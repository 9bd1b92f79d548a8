"""``pm-coach assess``: rate yourself (from a form or an answers file) and save it, or show the
history of your assessments."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from pm_coach.app import terminal
from pm_coach.app.emit import Output
from pm_coach.app.workspace import Workspace
from pm_coach.errors import InputError, PmCoachError, PreconditionError
from pm_coach.models import Assessment, Evidence, SkillMap

__all__ = ["AssessResult", "HistoryResult", "Output", "assess", "history"]

if TYPE_CHECKING:
    from rich.console import RenderableType

    from pm_coach.core.assessment import Ratings


def unicode_console() -> bool:
    """Whether the screen's encoding can show arrows and bars (else ASCII stands in)."""
    from pm_coach.render import console

    return console.out().encoding.lower().replace("-", "").startswith("utf")


@dataclass(frozen=True)
class AssessResult(Output):
    """The assessment just saved; on screen, each gap against its target, what changed and
    what the evidence and others' ratings say."""

    ws: Workspace
    skill_map: SkillMap
    saved: list[Assessment]  # the assessments before this one
    new: Assessment
    evidence: list[Evidence]
    only: list[str]
    today: dt.date
    window: int
    show_raters: bool

    formats: ClassVar[tuple[str, ...]] = ("terminal", "json")
    file_format: ClassVar[str] = "json"

    def render(self, fmt: str) -> str | RenderableType:
        if fmt == "json":
            from pm_coach.render.assess import assessment_json

            return assessment_json(self.new) + "\n"
        return self.view()

    def view(self) -> RenderableType:
        # Worked out only for the screen: --json prints the saved assessment and reads no more.
        from pm_coach.app.hints import say
        from pm_coach.core import assessment as core
        from pm_coach.core.calibration import calibrate
        from pm_coach.core.feedback import latest_raters
        from pm_coach.core.priorities import biggest_gaps
        from pm_coach.core.progress import previous
        from pm_coach.render.assess import result_view
        from pm_coach.store.feedback import load_feedback

        skill_map, new, evidence = self.skill_map, self.new, self.evidence
        everything = [*self.saved, new]
        results = core.gap_results(new, skill_map, everything, evidence, rerated=self.only or None)
        others = latest_raters(load_feedback(self.ws.folder), skill_map.id)
        calibration = calibrate(
            skill_map, new.levels, evidence, new.date, raters=others, days=self.window
        )
        biggest = biggest_gaps(skill_map, new, evidence, self.today, raters=others)
        return result_view(
            results,
            new,
            map_name=skill_map.name,
            has_previous=previous(everything, new) is not None,
            history_count=len(core.for_map(everything, skill_map.id)),
            calibration=calibration,
            show_raters=self.show_raters,
            unicode=unicode_console(),
            biggest=[s.gap for s in biggest],
            say=say,
        )


def assess(
    ws: Workspace,
    today: dt.date,
    *,
    gap: list[str],
    map_id: str | None,
    answers: str | None,
    date: str | None,
    window: int,
    show_raters: bool = False,
) -> AssessResult:
    """Rate each gap (or only ``gap``), from ``answers`` or the form, and save the assessment."""
    from pm_coach.core import assessment as core
    from pm_coach.core.calibration import check_window
    from pm_coach.store.assessments import add_assessment, load_assessments, read_answers
    from pm_coach.store.evidence import now_utc

    window = check_window(window)
    if answers is None and not terminal.interactive():
        raise PreconditionError(
            "assess asks its questions in a terminal, and this is not one.",
            hint="Give the ratings in a file instead: pm-coach assess --answers answers.toml "
            "(the format is in docs/assessment.md).",
        )
    when = core.assessment_date(date, today)
    doc = None
    if answers is not None:
        doc = read_answers(Path(answers))
        map_id = core.answers_map(doc, answers, map_id)
    skill_map = ws.skill_map(map_id)
    only = core.check_gap_ids(gap, skill_map)
    saved = load_assessments(ws.folder)
    base = core.base_for(saved, skill_map.id, when)
    core.check_carry_over(skill_map, base, only, when)
    evidence = ws.evidence.load()  # read before asking: a broken log stops us early

    if doc is not None:
        ratings = core.parse_answers(doc, skill_map, only=only, source=str(answers))
    else:
        ratings = _ask(ws, skill_map, saved, only, core.default_targets(skill_map, base))

    new = core.build_assessment(
        skill_map, ratings, date=when, created=now_utc(), base=base, only=only
    )
    add_assessment(ws.folder, new)
    if ratings.motivation:
        from pm_coach.store.profile import update_profile

        answer = ratings.motivation
        update_profile(ws.folder, lambda p: p.with_changes({"motivation": answer}))
    return AssessResult(ws, skill_map, saved, new, evidence, only, today, window, show_raters)


def _ask(
    ws: Workspace,
    skill_map: SkillMap,
    saved: list[Assessment],
    only: list[str],
    targets: dict[str, int],
) -> Ratings:
    from pm_coach.prompts.assess import assess_form
    from pm_coach.render import console
    from pm_coach.render.words import count
    from pm_coach.store.profile import load_profile

    gaps = [g for g in skill_map.gaps if not only or g.id in only]
    # The motivation check belongs to the very first assessment only, and only once.
    motivation = skill_map.ask_motivation and not saved and not load_profile(ws.folder).motivation
    console.err().print(
        f"{skill_map.name}: {count(len(gaps), 'gap')}, three questions each"
        + (", after one about what you want next" if motivation else "")
        + ". Pick what you actually do now, not what you could do on a good day. "
        "Ctrl-C or Esc cancels without saving.\n"
    )
    return assess_form(gaps, targets, ask_motivation=motivation)


@dataclass(frozen=True)
class HistoryResult(Output):
    """Every saved assessment (of one map, or of all), and on screen the trend per gap."""

    ws: Workspace
    items: list[Assessment]
    map_id: str | None

    formats: ClassVar[tuple[str, ...]] = ("terminal", "json")
    file_format: ClassVar[str] = "json"

    def render(self, fmt: str) -> str | RenderableType:
        if fmt == "json":
            from pm_coach.render.assess import history_json

            return history_json(self.items) + "\n"
        return self.view()

    def empty(self, fmt: str) -> str | None:
        if self.items:
            return None
        if self.map_id:
            return f"No assessments of the {self.map_id!r} map yet."
        return "No assessments yet. Start with: pm-coach assess"

    def view(self) -> RenderableType:
        from rich.console import Group
        from rich.text import Text

        from pm_coach.core import assessment as core
        from pm_coach.render.assess import history_view

        parts: list[RenderableType] = []
        active = self.map_id or self.ws.active_map_id()
        for number, mid in enumerate(core.maps_in(self.items, first=active)):
            of_map = core.for_map(self.items, mid)
            try:
                skill_map: SkillMap | None = self.ws.skill_map(mid)
            except PmCoachError:  # the map was removed or broken since: show the ids
                skill_map = None
            names = {g.id: g.name for g in skill_map.gaps} if skill_map else {}
            if number:
                parts.append(Text(""))
            parts.append(
                history_view(
                    of_map,
                    core.trends(of_map, skill_map.gap_ids if skill_map else ()),
                    map_id=mid,
                    map_name=skill_map.name if skill_map else mid,
                    names=names,
                    unicode=unicode_console(),
                )
            )
        return Group(*parts)


def history(
    ws: Workspace,
    map_id: str | None,
    *,
    gap: list[str],
    answers: str | None,
    date: str | None,
) -> HistoryResult:
    """``assess --history``: what is saved; options that would rate again are refused."""
    from pm_coach.store.assessments import load_assessments

    used = [f for f, v in (("--gap", gap), ("--answers", answers), ("--date", date)) if v]
    if used:
        raise InputError(
            f"--history only shows what is saved; it cannot be combined with {', '.join(used)}.",
            hint="Run 'pm-coach assess --history' alone (optionally with --map or --json).",
        )
    items = load_assessments(ws.folder)
    if map_id:
        map_id = ws.active_map_id(map_id)
        items = [a for a in items if a.map == map_id]
    return HistoryResult(ws, items, map_id)
