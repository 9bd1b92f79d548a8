"""``pm-coach plan``: the plan for the coming weeks from the latest self-assessment."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from pm_coach.app.emit import Output
from pm_coach.app.workspace import Workspace
from pm_coach.errors import PreconditionError

if TYPE_CHECKING:
    from rich.console import RenderableType

    from pm_coach.core.plan import Plan
    from pm_coach.models import Profile


@dataclass(frozen=True)
class PlanResult(Output):
    plan: Plan
    profile: Profile

    formats: ClassVar[tuple[str, ...]] = ("terminal", "markdown", "json")
    file_format: ClassVar[str] = "markdown"

    def render(self, fmt: str) -> str | RenderableType:
        from pm_coach.render import plan as render

        if fmt == "json":
            return render.as_json(self.plan) + "\n"
        if fmt == "markdown":
            return render.markdown(
                self.plan,
                name=self.profile.name,
                current_role=self.profile.current_role,
                target_role=self.profile.target_role,
            )
        return render.terminal(self.plan)

    def written(self, path: Path, fmt: str) -> str:
        if fmt != "markdown":
            return f"Wrote the plan to {path}."
        from pm_coach.render.words import count

        p = self.plan
        actions = sum(1 for g in [*p.focus, *p.prove_it] for a in g.actions if a.due)
        return (
            f"Wrote the plan to {path}: {count(len(p.focus), 'focus gap')}, "
            f"{count(actions, 'scheduled action')}, {count(p.weeks, 'week')} from {p.start}."
        )


def plan(
    ws: Workspace,
    today: dt.date,
    *,
    start: str,
    weeks: int,
    hours: float | None,
    map_id: str | None,
) -> PlanResult:
    from pm_coach.core.dates import parse_date
    from pm_coach.core.plan import build_plan, with_network
    from pm_coach.core.progress import latest
    from pm_coach.store.assessments import load_assessments
    from pm_coach.store.network import load_contacts
    from pm_coach.store.profile import load_profile

    first_day = parse_date(start, today, allow_future=True, what="--start")
    profile = load_profile(ws.folder)
    skill_map = ws.skill_map(map_id or profile.map)
    assessment = latest(load_assessments(ws.folder), skill_map.id)
    if assessment is None:
        other = "" if skill_map.id == profile.map else f" --map {skill_map.id}"
        raise PreconditionError(
            f"no self-assessment for the skill map {skill_map.id!r} yet: run "
            f"'pm-coach assess{other}' first, then 'pm-coach plan'."
        )
    result = build_plan(
        skill_map,
        assessment,
        ws.evidence.load(),
        start=first_day,
        weeks=weeks,
        hours_per_week=profile.hours_per_week if hours is None else hours,
        log_map=None if skill_map.id == profile.map else skill_map.id,
    )
    return PlanResult(with_network(result, load_contacts(ws.folder)), profile)
