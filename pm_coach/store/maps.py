"""Skill maps: the ones shipped with pm-coach, and the user's own in ``<data>/skill_maps/``.

A map lives in ``<id>.toml``; a user file with the same name as a built-in one overrides it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from pm_coach.errors import DataFileError, NotFoundError
from pm_coach.models import SkillMap
from pm_coach.store import files

DEFAULT_MAP = "leadership"
USER_FOLDER = "skill_maps"


def builtin_dir() -> Path:
    """The shipped maps: inside the package when installed, the repo's top-level folder in a
    source checkout."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "skill_maps"
    if packaged.is_dir():
        return packaged
    return here.parent / "skill_maps"


def _loc(loc: tuple[int | str, ...], raw: dict[str, object]) -> str:
    out = ""
    node: object = raw
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
            if isinstance(node, list) and part < len(node):
                node = node[part]
                if isinstance(node, dict) and isinstance(node.get("id"), str):
                    out += f"({node['id']})"
            else:
                node = None
        else:
            out += f".{part}" if out else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return out or "(map)"


def check_map_file(path: Path) -> tuple[SkillMap | None, list[str]]:
    """Validate one map file; returns the map (if valid) and every problem found."""
    try:
        text = files.read_text(path)
    except DataFileError as exc:
        return None, [exc.message]
    if text is None:
        return None, [f"{path}: no such file."]
    try:
        raw = files.parse_toml(path, text)
    except DataFileError as exc:
        return None, [exc.message]
    try:
        skill_map = SkillMap.model_validate(raw)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            where = _loc(tuple(err["loc"]), raw)
            msg = err["msg"]
            if err["type"] == "extra_forbidden":
                msg = "unknown key (check its spelling against docs/skill-maps.md)"
            problems.append(f"{path}: {where}: {msg}")
        return None, problems
    if skill_map.id != path.stem:
        return skill_map, [
            f"{path}: id {skill_map.id!r} does not match the file name; "
            f"name the file {skill_map.id}.toml (pm-coach finds maps by file name)."
        ]
    return skill_map, []


@dataclass(frozen=True)
class MapSource:
    id: str
    path: Path
    builtin: bool


class MapCatalog:
    def __init__(self, data_folder: Path) -> None:
        self.user_dir = data_folder / USER_FOLDER
        self.builtin_dir = builtin_dir()

    def sources(self) -> list[MapSource]:
        found: dict[str, MapSource] = {}
        for p in sorted(self.builtin_dir.glob("*.toml")):
            found[p.stem] = MapSource(p.stem, p, True)
        if self.user_dir.is_dir():
            for p in sorted(self.user_dir.glob("*.toml")):
                found[p.stem] = MapSource(p.stem, p, False)
        return sorted(found.values(), key=lambda s: (s.id != DEFAULT_MAP, s.id))

    def path_of(self, map_id: str) -> Path | None:
        user = self.user_dir / f"{map_id}.toml"
        if user.is_file():
            return user
        builtin = self.builtin_dir / f"{map_id}.toml"
        return builtin if builtin.is_file() else None

    def load(self, map_id: str) -> SkillMap:
        path = self.path_of(map_id)
        if path is None:
            known = ", ".join(s.id for s in self.sources()) or "none"
            raise NotFoundError(
                f"no skill map called {map_id!r}.",
                hint=f"Known maps: {known}. See them with 'pm-coach maps list'.",
            )
        skill_map, problems = check_map_file(path)
        if skill_map is None or problems:
            shown = "\n  ".join(problems[:8])
            raise DataFileError(
                f"the skill map {map_id!r} is not valid:\n  {shown}",
                hint=f"Check it with 'pm-coach maps validate {path}'.",
            )
        return skill_map
