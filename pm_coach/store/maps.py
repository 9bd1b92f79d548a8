"""Skill maps: the ones shipped with pm-coach, and the user's own in ``<data>/skill_maps/``.

A map lives in ``<id>.toml``; a user file with the same name as a built-in one overrides it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from pm_coach.errors import DataFileError, Hint, NotFoundError, StorageError, did_you_mean
from pm_coach.models import SkillMap
from pm_coach.models.catalog import MapEntry, MapSource
from pm_coach.models.skillmap import LEVEL_COUNT, LEVEL_LABELS, duplicate_ids, reference_problems
from pm_coach.models.validation import map_problem
from pm_coach.store import files, tables
from pm_coach.store.map_files import DEFAULT_MAP, USER_FOLDER, builtin_dir
from pm_coach.store.map_files import WEIGHTS_FOLDER as WEIGHTS_FOLDER
from pm_coach.store.map_files import load_suggest_weights as load_suggest_weights
from pm_coach.store.map_files import weights_path as weights_path

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


TRAINING_FOLDER = "training"


def training_path(map_id: str) -> Path:
    """The labelled statements the weights of a built-in map are trained from."""
    return builtin_dir() / TRAINING_FOLDER / f"{map_id}.toml"


def _loc(loc: tuple[int | str, ...], raw: dict[str, Any]) -> str:
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


def validate_map_data(raw: dict[str, Any], source: str) -> tuple[SkillMap | None, list[str]]:
    """Validate parsed map data; every problem is ``"<source>: <field path>: <problem>"``."""
    problems: list[str] = []
    skill_map: SkillMap | None = None
    try:
        skill_map = SkillMap.model_validate(raw, context={"skip_references": True}, strict=True)
    except ValidationError as exc:
        for err in exc.errors():
            if err["type"] == "duplicate_id":
                continue  # reported below from the raw data, all of them, with their places
            problems.append(f"{source}: {_loc(tuple(err['loc']), raw)}: {map_problem(err)}")
    for where, msg in [*_list_sizes(raw), *duplicate_ids(raw.get("gaps"))]:
        line = f"{source}: {_loc_text(where, raw)}: {msg}"
        if not any(p.startswith(f"{source}: {_loc_text(where, raw)}: ") for p in problems):
            problems.append(line)
    if skill_map is not None and not problems:
        for where, msg in reference_problems(skill_map):
            problems.append(f"{source}: {_loc_text(where, raw)}: {msg}")
    if problems:
        return None, problems
    return skill_map, []


# Minimum (and for levels exact) list sizes per gap, checked on the raw data so they are reported
# even when pydantic stops at an error inside the list.
_GAP_LISTS = {"levels": LEVEL_COUNT, "actions": 4, "resources": 2, "keywords": 1, "prompts": 1}


def _list_sizes(raw: dict[str, Any]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    gaps = raw.get("gaps")
    if not isinstance(gaps, list):
        return out
    for i, gap in enumerate(gaps):
        if not isinstance(gap, dict):
            continue
        for key, size in _GAP_LISTS.items():
            items = gap.get(key)
            if not isinstance(items, list):
                continue
            if key == "levels" and len(items) != size:
                out.append(
                    (
                        f"gaps[{i}].{key}",
                        f"must have exactly {LEVEL_COUNT} levels (1 {LEVEL_LABELS[0]} … "
                        f"{LEVEL_COUNT} {LEVEL_LABELS[-1]}), found {len(items)}",
                    )
                )
            elif len(items) < size:
                out.append(
                    (f"gaps[{i}].{key}", f"needs at least {size} entries, found {len(items)}")
                )
    return out


def _loc_text(where: str, raw: dict[str, Any]) -> str:
    """``gaps[1].actions[0].id`` as a field path with the ids of the tables it passes through."""
    parts: list[int | str] = []
    for piece in where.replace("]", "").split("."):
        name, *indexes = piece.split("[")
        parts.append(name)
        parts.extend(int(i) for i in indexes)
    return _loc(tuple(parts), raw)


def check_map_file(path: Path, *, own: bool = False) -> tuple[SkillMap | None, list[str]]:
    """Validate one map file; returns the map (if valid) and every problem found.

    Each problem names the file, the field path (with the ids of the gaps and actions on the
    way, e.g. ``gaps[1](buy-in).actions[0](buy-in-interviews).how``) and what is wrong.
    ``own``: the file is in the data folder, so it must belong to the current user (a
    built-in map, or one named on the command line, need not).
    """
    try:
        text = files.read_text(path, own=own)
    except (DataFileError, StorageError) as exc:
        return None, [exc.message]
    if text is None:
        return None, [f"{path}: no such file."]
    return check_map_text(path, text)


def check_map_text(path: Path, text: str) -> tuple[SkillMap | None, list[str]]:
    """Validate the text of the map file ``path``, as :func:`check_map_file` does."""
    try:
        raw = tables.parse_toml(path, text)
    except DataFileError as exc:
        return None, [exc.message]
    skill_map, problems = validate_map_data(raw, str(path))
    if skill_map is not None and skill_map.id != path.stem:
        return skill_map, [
            f"{path}: id: {skill_map.id!r} does not match the file name; "
            f"name the file {skill_map.id}.toml (pm-coach finds maps by file name)."
        ]
    return skill_map, problems


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
        from pm_coach.store.map_files import map_file

        return map_file(self.user_dir.parent, map_id)

    def load(self, map_id: str) -> SkillMap:
        path = self.path_of(map_id)
        if path is None:
            ids = [s.id for s in self.sources()]
            raise NotFoundError(
                f"no skill map called {map_id!r}.",
                hint=Hint(
                    "maps-known", known=", ".join(ids) or "none", near=did_you_mean(map_id, ids)
                ),
            )
        own = path.parent == self.user_dir
        try:
            raw = files.read_bytes(path, own=own)
        except (DataFileError, StorageError):
            raw = None  # check_map_file reports it
        if raw is not None:
            from pm_coach.store import model_cache

            key = str(path).encode() + b"\0" + raw
            return model_cache.kept(
                self.user_dir.parent, "map", key, lambda: self._valid(map_id, path, raw)
            )
        return self._valid(map_id, path, None, own=own)

    @staticmethod
    def _valid(map_id: str, path: Path, raw: bytes | None, *, own: bool = False) -> SkillMap:
        """The map in ``path`` (its bytes ``raw``, or read here), or a DataFileError listing
        what is wrong with it."""
        if raw is None:
            skill_map, problems = check_map_file(path, own=own)
        else:
            try:
                skill_map, problems = check_map_text(path, files.decode_text(path, raw))
            except DataFileError as exc:
                skill_map, problems = None, [exc.message]
        if skill_map is None or problems:
            shown = "\n  ".join(problems[:8])
            raise DataFileError(
                f"the skill map {map_id!r} is not valid:\n  {shown}",
                hint=Hint("map-validate", path=path),
            )
        return skill_map

    def survey(self) -> list[MapEntry]:
        """Every map pm-coach can see, each checked; a broken file is listed, not raised."""
        builtin_ids = {p.stem for p in self.builtin_dir.glob("*.toml")}
        out: list[MapEntry] = []
        for source in self.sources():
            skill_map, problems = check_map_file(source.path, own=not source.builtin)
            out.append(
                MapEntry(
                    source=source,
                    skill_map=None if problems else skill_map,
                    problems=problems,
                    overrides_builtin=not source.builtin and source.id in builtin_ids,
                )
            )
        return out
