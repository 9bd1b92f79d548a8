"""The story bank use case: the active map's questions matched against the evidence log."""

from __future__ import annotations

import datetime as dt

from pm_coach.app.workspace import Workspace
from pm_coach.core.stories import StoryMatch, story_bank
from pm_coach.models import SkillMap


def gather(st: Workspace, today: dt.date, map_id: str | None) -> tuple[SkillMap, list[StoryMatch]]:
    skill_map = st.skill_map(map_id)
    return skill_map, story_bank(skill_map, st.evidence.load(), today)
