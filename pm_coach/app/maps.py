"""``pm-coach maps list|show|validate``; what ``maps show`` needs besides the map is the PM's
current levels and profile, so the reading shown fits them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from pm_coach.app.emit import Message, Output
from pm_coach.app.workspace import Workspace
from pm_coach.models import SkillMap

if TYPE_CHECKING:
    from rich.console import RenderableType

    from pm_coach.models.catalog import MapEntry


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


@dataclass(frozen=True)
class MapList(Output):
    """Every map pm-coach knows, with the active one marked."""

    entries: list[MapEntry]
    active: str
    user_dir: Path

    formats: ClassVar[tuple[str, ...]] = ("terminal", "json")
    file_format: ClassVar[str] = "json"

    def render(self, fmt: str) -> str | RenderableType:
        from pm_coach.app.hints import say
        from pm_coach.render.maps import list_json, list_table

        if fmt == "json":
            return list_json(self.entries, self.active) + "\n"
        return list_table(self.entries, self.active, say)

    def after(self, fmt: str) -> list[str]:
        if fmt == "json" or not self.entries or self.user_dir.is_dir():
            return []
        from pm_coach.errors import printable

        return [f"Your own maps go in {printable(str(self.user_dir))} (see docs/skill-maps.md)."]


def listing(ws: Workspace) -> MapList:
    return MapList(ws.catalog.survey(), ws.active_map_id(), ws.catalog.user_dir)


@dataclass(frozen=True)
class MapView(Output):
    """One map in full; on screen, the reading fitted to the reader."""

    skill_map: SkillMap
    gap_id: str | None
    who: Reader

    formats: ClassVar[tuple[str, ...]] = ("terminal", "json")
    file_format: ClassVar[str] = "json"

    def render(self, fmt: str) -> str | RenderableType:
        from pm_coach.app.hints import say
        from pm_coach.render.maps import map_json, show

        if fmt == "json":
            return map_json(self.skill_map) + "\n"
        return show(
            self.skill_map,
            say,
            gap_id=self.gap_id,
            levels=self.who.levels,
            market=self.who.market,
            background=self.who.background,
        )


def show(ws: Workspace, map_id: str | None, gap: str | None, *, as_json: bool) -> MapView:
    skill_map = ws.skill_map(map_id)
    if as_json:  # the whole map: nothing else is read
        return MapView(skill_map, None, Reader())
    gap_id = None
    if gap:
        from pm_coach.core.assessment import check_gap_ids

        gap_id = check_gap_ids([gap], skill_map)[0]
    return MapView(skill_map, gap_id, reader(ws, skill_map))


def validate(paths: list[str]) -> Message:
    """Check map files (a folder: every .toml in it): one line per valid map, or every
    problem of every file in one error (exit 3)."""
    from pm_coach.errors import DataFileError, NotFoundError, printable
    from pm_coach.render.words import count
    from pm_coach.store.maps import check_map_file

    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(path.glob("*.toml"))
            if not found:
                raise NotFoundError(f"{path} holds no .toml files.")
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            raise NotFoundError(f"{path}: no such file.", hint="Check the path.")
    problems: list[str] = []
    lines: list[str] = []
    for path in files:
        skill_map, found_problems = check_map_file(path)
        if found_problems:
            problems.extend(found_problems)
        elif skill_map is not None:
            actions = sum(len(g.actions) for g in skill_map.gaps)
            lines.append(
                f"{printable(str(path))}: valid: map {skill_map.id!r}, "
                f"{count(len(skill_map.gaps), 'gap')}, {count(actions, 'action')}."
            )
    error = None
    if problems:
        bad = len({p.split(": ", 1)[0] for p in problems})
        error = DataFileError(
            f"{len(problems)} problem(s) in {bad} of {len(files)} file(s):\n  "
            + "\n  ".join(problems),
            hint="Fix each one; the format is in docs/skill-maps.md.",
        )
    return Message(tuple(lines), error=error)
