"""``pm-coach export``: the evidence chosen by the filters, as CV bullets or a lint report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from pm_coach.app.emit import Output
from pm_coach.app.workspace import Workspace

if TYPE_CHECKING:
    from pm_coach.app.selection import Filters
    from pm_coach.core.bullets import Bullet
    from pm_coach.core.export import Item, LintReport
    from pm_coach.models import Evidence, Profile, Role


def lint_reports(
    items: Sequence[Item], bullet_of: Callable[[Evidence], Bullet] | None = None
) -> Iterator[LintReport]:
    """``export --lint``: the weak bullets, each finding with the command that fixes it
    (``bullet_of``: each entry's whole draft, by default the writer's), one at a time."""
    from pm_coach.app.hints import say
    from pm_coach.core.bullet_lint import EDIT
    from pm_coach.core.export import lint_each

    reports = lint_each(items) if bullet_of is None else lint_each(items, bullet_of=bullet_of)
    for r in reports:
        edit = say("evidence-edit", id=r.entry.id)
        found = [replace(f, message=f.message.replace(EDIT, edit)) for f in r.findings]
        yield replace(r, findings=found)


@dataclass(frozen=True)
class ExportResult(Output):
    items: list[Item]
    roles: list[Role]  # every role of the profile
    chosen_roles: list[Role]  # the roles --role picked (all of them without --role)
    profile: Profile
    filtered: bool  # a filter was given, so "nothing matches" rather than "nothing yet"
    lint: bool = False
    approved: bool = False  # only the user's approved lines were asked for
    # Each entry's whole draft, for --lint (from the drafts kept between runs); None: the writer.
    bullet_of: Callable[[Evidence], Bullet] | None = None

    formats: ClassVar[tuple[str, ...]] = ("text", "markdown", "json", "json-resume")
    file_format: ClassVar[str] = "text"

    def render(self, fmt: str) -> str | Iterator[str]:
        from pm_coach.render import export as render

        if self.lint:
            reports = lint_reports(self.items, self.bullet_of)
            if fmt == "json":
                return render.lint_json(reports)
            import sys

            from pm_coach.render.plain import screen_width

            return render.lint_text(reports, len(self.items), screen_width(sys.stdout))
        if fmt == "markdown":
            return render.as_markdown(self.items, self.roles)
        if fmt == "json":
            return render.as_json(self.items)
        if fmt == "json-resume":
            return render.as_json_resume(self.items, self.chosen_roles, self.profile)
        return render.as_text(self.items)

    def notes(self, fmt: str) -> list[str]:
        out: list[str] = []
        long = sum(1 for i in self.items if i.over and not i.approved)
        if long and not self.lint:
            out.append(
                f"Note: {long} line{'s' if long != 1 else ''} ran over 200 characters; see which "
                "and why with: pm-coach export --lint"
            )
        outside = [i.entry.date for i in self.items if i.section == "other"]
        left_out = len(outside)
        if fmt != "json-resume" or self.lint or not left_out:
            return out
        what = (
            "1 work entry falls outside every role and is"
            if left_out == 1
            else f"{left_out} work entries fall outside every role and are"
        )
        return [
            *out,
            f"Note: {what} not in the resume. Add the role (your company and title, from "
            "the month it started) with: "
            f'pm-coach profile role add "Acme" "Senior PM" --start {min(outside):%Y-%m}',
        ]

    def empty(self, fmt: str) -> str | None:
        if self.items or self.lint or fmt not in ("text", "markdown"):
            return None
        if self.approved:
            return "No approved lines yet. Approve some with: pm-coach export --review"
        if self.filtered:
            return "No evidence matches; nothing to export."
        return 'No evidence yet. Log some with: pm-coach log "What you did" --gap strategy'

    def written(self, path: Path, fmt: str) -> str:
        from pm_coach.render.words import count

        what = "lint report" if self.lint else count(len(self.items), "bullet")
        return f"Wrote {what} to {path}"


def chosen_entries(ws: Workspace, today: dt.date, filters: Filters) -> list[Evidence]:
    """The entries the filters pick, as export and export --review see them."""
    return _select(ws, today, filters, ws.evidence.load)[0]


def _select(
    ws: Workspace, today: dt.date, filters: Filters, read: Callable[[], list[Any]]
) -> tuple[list[Any], Profile, list[Role], list[Any]]:
    """The entries picked, the profile, the roles picked, and every entry of the log, as
    ``read`` gives them (models, or views for a command that only reads their fields)."""
    from pm_coach.core import export as core
    from pm_coach.core.selection import select

    flt = filters.checked(ws, today)
    profile = ws.profile()
    roles = list(profile.roles)
    role = filters.role
    chosen_roles = core.match_roles(roles, role) if role is not None else roles
    every = read()
    entries = select(every, flt)
    if role is not None:
        entries = [
            e for e in entries if e.kind == "work" and core.role_for(e.date, roles) in chosen_roles
        ]
    return entries, profile, chosen_roles, every


def export(
    ws: Workspace,
    today: dt.date,
    filters: Filters,
    *,
    top_n: int | None,
    lint: bool,
    approved: bool = False,
) -> ExportResult:
    from pm_coach.app import drafts
    from pm_coach.core import export as core

    # Views, not models: an export only reads the entries' fields.
    entries, profile, chosen_roles, every = _select(ws, today, filters, ws.evidence.views)
    roles = list(profile.roles)
    if approved:
        entries = [e for e in entries if e.bullet]
    kept = None
    if top_n is not None:  # --top reads the kept scores, and drafts only the entries it picks
        drafts.load(ws.folder)
        entries = core.top(entries, top_n, today)
        items = core.build_items(entries, roles)
    else:
        kept = drafts.KeptDrafts(ws.folder)
        items = core.build_items(entries, roles, kept.line)
    ws.keep_views(kept, every)
    return ExportResult(
        items=items,
        roles=roles,
        chosen_roles=chosen_roles,
        profile=profile,
        filtered=filters.given,
        lint=lint,
        approved=approved,
        bullet_of=None if kept is None else kept.bullet,
    )
