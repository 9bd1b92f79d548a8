"""What ``maps list`` knows about each skill map file it finds: where it is, and whether it is
valid (a broken file is listed with its problems, not raised)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pm_coach.models.skillmap import SkillMap


@dataclass(frozen=True)
class MapSource:
    id: str
    path: Path
    builtin: bool


@dataclass(frozen=True)
class MapEntry:
    source: MapSource
    skill_map: SkillMap | None
    problems: list[str] = field(default_factory=list)
    overrides_builtin: bool = False
