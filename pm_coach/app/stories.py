"""The story bank use case: the active map's questions matched against the evidence log."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from pm_coach.app.emit import Output
from pm_coach.app.workspace import Workspace
from pm_coach.core.stories import StoryMatch, story_bank
from pm_coach.models import SkillMap


def gather(st: Workspace, today: dt.date, map_id: str | None) -> tuple[SkillMap, list[StoryMatch]]:
    skill_map = st.skill_map(map_id)
    return skill_map, story_bank(skill_map, st.evidence.load(), today)


@dataclass(frozen=True)
class StoriesResult(Output):
    skill_map: SkillMap
    matches: list[StoryMatch]

    formats: ClassVar[tuple[str, ...]] = ("terminal", "markdown", "json")
    file_format: ClassVar[str] = "terminal"
    screen_only: ClassVar[frozenset[str]] = frozenset()  # the terminal view is plain text

    def render(self, fmt: str) -> str:
        from pm_coach.render import stories as render

        if fmt == "json":
            text = render.as_json(self.matches, self.skill_map.id)
        elif fmt == "markdown":
            text = render.as_markdown(self.matches, self.skill_map.name)
        else:
            import sys

            from pm_coach.app.hints import say
            from pm_coach.render.plain import screen_width

            width = screen_width(sys.stdout)
            text = render.as_text(self.matches, self.skill_map.name, say, width)
        return text if text.endswith("\n") else text + "\n"


def stories(ws: Workspace, today: dt.date, map_id: str | None) -> StoriesResult:
    from pm_coach.errors import PreconditionError

    skill_map, matches = gather(ws, today, map_id)
    if not skill_map.stories:
        raise PreconditionError(
            f"the skill map {skill_map.id!r} has no story questions.",
            hint="Use a map that has them (pm-coach stories --map leadership), or add "
            "[[stories]] to your map (see docs/skill-maps.md).",
        )
    return StoriesResult(skill_map, matches)
