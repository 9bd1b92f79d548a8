"""What ``maps show`` needs besides the map: the PM's current levels and profile, so the reading
shown fits them."""

from __future__ import annotations

from dataclasses import dataclass, field

from pm_coach.app.workspace import Workspace
from pm_coach.models import SkillMap


@dataclass(frozen=True)
class Reader:
    levels: dict[str, int] = field(default_factory=dict)  # latest self-rating per gap
    market: str = ""  # b2b, b2c, both or "" (not set)
    background: str = ""


def reader(ws: Workspace, skill_map: SkillMap) -> Reader:
    from pm_coach.core.progress import latest
    from pm_coach.store.assessments import load_assessments
    from pm_coach.store.profile import load_profile

    current = latest(load_assessments(ws.folder), skill_map.id)
    profile = load_profile(ws.folder)
    return Reader(
        levels=dict(current.levels) if current else {},
        market=profile.market,
        background=profile.background,
    )
