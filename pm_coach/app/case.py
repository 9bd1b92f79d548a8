"""``pm-coach export --format case``: the latest assessment, the evidence and others' ratings,
as a promotion case to hand to a manager."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from pm_coach.app.emit import Output
from pm_coach.app.workspace import Workspace
from pm_coach.core.case import PromotionCase, build_case
from pm_coach.errors import PreconditionError


@dataclass(frozen=True)
class CaseResult(Output):
    case: PromotionCase
    person: str

    formats: ClassVar[tuple[str, ...]] = ("case",)
    file_format: ClassVar[str] = "case"

    def render(self, fmt: str) -> str:
        from pm_coach.render.case import as_markdown

        return as_markdown(self.case, self.person)

    def written(self, path: Path, fmt: str) -> str:
        return f"Wrote the promotion case to {path}"


def promotion_case(ws: Workspace, today: dt.date, map_id: str | None = None) -> CaseResult:
    """The case from the latest assessment; stops when the map has never been assessed."""
    from pm_coach.core.progress import latest
    from pm_coach.store.assessments import load_assessments
    from pm_coach.store.profile import load_profile

    skill_map = ws.skill_map(map_id)
    current = latest(load_assessments(ws.folder), skill_map.id)
    if current is None:
        raise PreconditionError(
            f"a promotion case starts from a self-assessment, and the {skill_map.id!r} map has "
            "none yet.",
            hint="Run 'pm-coach assess' first.",
        )
    from pm_coach.app.feedback import raters

    case = build_case(
        skill_map, current, ws.evidence.load(), today, raters=raters(ws, skill_map.id)
    )
    return CaseResult(case=case, person=load_profile(ws.folder).name)
