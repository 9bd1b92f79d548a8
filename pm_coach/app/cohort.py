"""Use cases behind ``share`` and the ``cohort`` commands."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from pm_coach.app.emit import Output
from pm_coach.core.cohort import CohortReport
from pm_coach.core.matching import Matching
from pm_coach.errors import DataFileError, InputError, PreconditionError
from pm_coach.models.cohort import MAX_MENTEES, Member, SharedEvidence

if TYPE_CHECKING:
    from rich.console import RenderableType

    from pm_coach.store.cohort import Problem

SHARED_EVIDENCE_DAYS = 365  # --with-evidence shares the last year's entries
SHARED_EVIDENCE_MAX = 20


def build_share(
    folder: Path,
    *,
    today: dt.date,
    mentor: int = 0,
    manager: str = "",
    with_evidence: bool = False,
    map_id: str | None = None,
) -> Member:
    """What the user agrees to share: their name, map, latest levels and targets, focus gaps,
    strengths, and only what the flags add."""
    from pydantic import ValidationError

    from pm_coach.app.network import load_situation
    from pm_coach.core.mentoring import strengths
    from pm_coach.core.plan import build_plan
    from pm_coach.core.progress import latest
    from pm_coach.store.assessments import load_assessments
    from pm_coach.store.maps import MapCatalog

    if not 0 <= mentor <= MAX_MENTEES:
        raise InputError(
            f"--mentor {mentor} is out of range.",
            hint=f"Offer to mentor between 1 and {MAX_MENTEES} people (0 or no flag: none).",
        )
    s = load_situation(folder)
    if not s.profile.name.strip():
        raise PreconditionError(
            "your profile has no name, and the cohort knows members by name.",
            hint='Set it first: pm-coach profile set --name "Your Name"',
        )
    skill_map = MapCatalog(folder).load(map_id) if map_id else s.skill_map
    assessment = latest(load_assessments(folder), skill_map.id)
    if assessment is None:
        command = "pm-coach assess" + (f" --map {skill_map.id}" if map_id else "")
        raise PreconditionError(
            f"no self-assessment with the skill map {skill_map.id!r} yet, so there is nothing "
            "to share.",
            hint=f"Run '{command}' first.",
        )
    from pm_coach.app.plan import active_plan_status

    saved = active_plan_status(folder, today)  # the plan being followed names the focus gaps
    plan = (
        saved
        if saved is not None and saved.map_id == skill_map.id
        else build_plan(
            skill_map, assessment, s.entries, start=today, hours_per_week=s.profile.hours_per_week
        )
    )
    shared: list[SharedEvidence] = []
    if with_evidence:
        since = today - dt.timedelta(days=SHARED_EVIDENCE_DAYS)
        recent = sorted(
            (e for e in s.entries if since <= e.date <= today),
            key=lambda e: (e.date, e.created),
            reverse=True,
        )[:SHARED_EVIDENCE_MAX]
        shared = [
            SharedEvidence(
                date=e.date,
                text=f"{e.text} — {e.result}" if e.result else e.text,
                gaps=[g for g in e.gaps if g in skill_map.gap_ids],
            )
            for e in recent
        ]
    try:
        return Member(
            name=s.profile.name,
            map=skill_map.id,
            shared_on=today,
            assessed_on=assessment.date,
            levels=dict(assessment.levels),
            targets=dict(assessment.targets),
            focus=[g.gap for g in plan.focus],
            strengths=[st.gap for st in strengths(skill_map, assessment, s.entries, today)],
            mentor=mentor,
            manager=" ".join(manager.split()),
            evidence=shared,
        )
    except ValidationError as exc:
        from pm_coach.models.validation import input_error

        field = str(exc.errors()[0]["loc"][0]) if exc.errors()[0]["loc"] else "manager"
        raise input_error(exc, {field: f"--{field}"}, default="manager") from None


@dataclass(frozen=True)
class ShareResult(Output):
    """The member file; as a ``preview`` of ``target``, shown before it is written."""

    member: Member
    target: Path | None = None

    formats: ClassVar[tuple[str, ...]] = ("toml",)
    file_format: ClassVar[str] = "toml"

    def render(self, fmt: str) -> str:
        from pm_coach.store.cohort import member_text

        text = member_text(self.member)
        return text + "\n" if self.target is not None else text

    def notes(self, fmt: str) -> list[str]:
        if self.target is None:
            return []
        from pm_coach.errors import printable

        return [printable(f"This is what {self.target} will hold:\n")]

    def written(self, path: Path, fmt: str) -> str:
        return f"Wrote {path} (readable only by you). Add it to the cohort's shared folder."

    def preview(self, target: Path) -> ShareResult:
        return replace(self, target=target)


def share(
    folder: Path,
    *,
    today: dt.date,
    mentor: int = 0,
    manager: str = "",
    with_evidence: bool = False,
    map_id: str | None = None,
) -> ShareResult:
    """``pm-coach share``: the member file, ready to preview and write."""
    return ShareResult(
        build_share(
            folder,
            today=today,
            mentor=mentor,
            manager=manager,
            with_evidence=with_evidence,
            map_id=map_id,
        )
    )


@dataclass(frozen=True)
class Cohort:
    members: list[Member]
    map_id: str
    left_out: list[Path]  # files skipped with --skip-bad


def _problem_line(problem: Problem) -> str:
    """A problem of a member file as listed: where, what, and its remark in brackets."""
    from pm_coach.app.hints import hint_text

    aside = hint_text(problem.aside)
    return f"{problem} ({aside})" if aside else str(problem)


def load_cohort(folder: Path, *, skip_bad: bool, map_id: str | None = None) -> Cohort:
    """Every member file in ``folder``. Any problem (in a file, or across files) stops the
    command with all of them listed, unless ``skip_bad``, which leaves those files out."""
    from pm_coach.core.cohort import cohort_map, cross_problems
    from pm_coach.models.names import slug
    from pm_coach.store.cohort import Problem, key_line, load_members

    loaded = load_members(folder)
    chosen = cohort_map(loaded.members, slug(map_id) if map_id else None)
    problems = list(loaded.problems)
    bad = list(loaded.bad_files)
    cross_bad: set[int] = set()
    for i, key, what, others in cross_problems(loaded.members, chosen):
        path = loaded.paths[i]
        if others:
            what += f" (also {', '.join(loaded.paths[j].name for j in others)})"
        problems.append(Problem(path, key_line(path.read_text(encoding="utf-8"), (key,)), what))
        cross_bad.add(i)
        if path not in bad:
            bad.append(path)
    problems.sort(key=lambda p: (p.path.name, p.line or 0))
    if problems and not skip_bad:
        listed = "\n".join(f"  {_problem_line(p)}" for p in problems)
        files = len(bad)
        raise DataFileError(
            f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in "
            f"{files} member file{'s' if files != 1 else ''}; nothing was written:\n{listed}",
            hint="Ask each member to fix their file (or share it again), or run with "
            "--skip-bad to leave those files out.",
        )
    members = [m for i, m in enumerate(loaded.members) if i not in cross_bad]
    if not members:
        raise PreconditionError(
            f"no member files in {folder}" + (" that read cleanly." if bad else "."),
            hint="Each member writes theirs, named after them, and adds it to the shared "
            "folder: pm-coach share -o sam-lee.toml",
        )
    return Cohort(members, chosen or members[0].map, sorted(bad))


def _gap_names(folder: Path, map_id: str) -> tuple[list[tuple[str, str]], int]:
    """The map's gaps (id, name) and default target; ids only when the map is not installed."""
    from pm_coach.core.assessment import map_target
    from pm_coach.core.plan import DEFAULT_TARGET
    from pm_coach.errors import NotFoundError
    from pm_coach.store.maps import MapCatalog

    try:
        skill_map = MapCatalog(folder).load(map_id)
    except NotFoundError:
        return [], DEFAULT_TARGET
    return [(g.id, g.name) for g in skill_map.gaps], map_target(skill_map)


def members(cohort: Cohort) -> MembersResult:
    return MembersResult(list(cohort.members), [p.name for p in cohort.left_out])


def report(data_folder: Path, cohort: Cohort, today: dt.date) -> CohortReportResult:

    from pm_coach.core.cohort import build_report

    names, default_target = _gap_names(data_folder, cohort.map_id)
    result = build_report(
        cohort.members,
        map_id=cohort.map_id,
        gap_names=names,
        default_target=default_target,
        today=today,
    )
    return CohortReportResult(replace(result, left_out=[p.name for p in cohort.left_out]))


def match(data_folder: Path, cohort: Cohort) -> MatchResult:
    from pm_coach.core.solver import linear_sum_assignment

    try:
        linear_sum_assignment()  # loaded here, so a missing scipy gets our message
    except ImportError:
        raise PreconditionError(
            "cohort match needs scipy, which is not installed.",
            hint="Install the cohort extra: pip install 'pm-coach[cohort]'",
        ) from None
    from pm_coach.core.matching import match as solve

    names, default_target = _gap_names(data_folder, cohort.map_id)
    found = solve(
        cohort.members,
        gap_ids=[g for g, _ in names],
        gap_names=dict(names),
        default_target=default_target,
    )
    return MatchResult(found, [p.name for p in cohort.left_out])


# --- results for emit() -------------------------------------------------------------------------


def _left_out_note(left_out: Sequence[str]) -> list[str]:
    if not left_out:
        return []
    return [f"Left out {len(left_out)} member file(s) with problems: {', '.join(left_out)}"]


@dataclass(frozen=True)
class MembersResult(Output):
    members: list[Member]
    left_out: list[str]

    formats: ClassVar[tuple[str, ...]] = ("terminal", "json")
    file_format: ClassVar[str] = "json"

    def render(self, fmt: str) -> str | RenderableType:
        from pm_coach.render import cohort as render

        if fmt == "json":
            return render.members_json(self.members) + "\n"
        return render.members_table(self.members)

    def notes(self, fmt: str) -> list[str]:
        return _left_out_note(self.left_out)

    def written(self, path: Path, fmt: str) -> str:
        return f"Wrote the member list to {path}"


@dataclass(frozen=True)
class CohortReportResult(Output):
    report: CohortReport

    formats: ClassVar[tuple[str, ...]] = ("terminal", "markdown", "html", "json")
    file_format: ClassVar[str] = "markdown"

    def render(self, fmt: str) -> str | RenderableType:
        from pm_coach.render import cohort as render

        if fmt == "json":
            return render.report_json(self.report) + "\n"
        if fmt == "markdown":
            return render.report_markdown(self.report)
        if fmt == "html":
            return render.report_html(self.report)
        return render.report_terminal(self.report)

    def notes(self, fmt: str) -> list[str]:
        return _left_out_note(self.report.left_out)

    def written(self, path: Path, fmt: str) -> str:
        return f"Wrote the cohort report to {path}"


@dataclass(frozen=True)
class MatchResult(Output):
    matching: Matching
    left_out: list[str]

    formats: ClassVar[tuple[str, ...]] = ("text", "json")
    file_format: ClassVar[str] = "json"

    def render(self, fmt: str) -> str | RenderableType:
        from pm_coach.render import cohort as render

        if fmt == "json":
            return render.matching_json(self.matching)
        return render.matching_text(self.matching)

    def notes(self, fmt: str) -> list[str]:
        return _left_out_note(self.left_out)

    def written(self, path: Path, fmt: str) -> str:
        return f"Wrote {len(self.matching.pairs)} pairs to {path}"
