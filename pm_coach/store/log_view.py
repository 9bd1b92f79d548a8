"""What ``log`` reads besides the log itself, as plain values, for its lean path.

``log`` checks an entry's gaps against the profile's skill map and, with a plan, looks at the
plan's actions. Reading those files validates them with pydantic models, which is most of the
cost of a ``log``. So after a ``log`` on the full command line, :func:`keep` stores what it needs
of them (``.log.cache``, 0600, beside the data): the map's id, its gap ids, and the active plan's
map and actions (gap, title). :func:`read` gives it back only for the very bytes it came from:
``profile.toml`` and ``plans.toml`` as they are now (a hand edit is always seen), the map file
the profile names as it is now (a built-in one; with a map of the user's own, the full command
line runs), and this pm-coach version. Anything else, and the full command line runs, validates
and keeps the view again. Deleting the file loses nothing.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from pm_coach.store import files, view_cache
from pm_coach.store.map_files import builtin_dir, map_file

LOG_VIEW = ".log.cache"
PROFILE = "profile.toml"
PLANS = "plans.toml"


@dataclass(frozen=True)
class LogView:
    map_id: str
    gap_ids: tuple[str, ...]
    plan_map: str | None  # the active plan's map; None: no plan
    actions: tuple[tuple[str, str], ...]  # (gap, title) of each action of the active plan


def _key(profile: bytes | None, plans: bytes | None) -> bytes:
    """One byte string standing for both files as they are (absent ones included)."""
    sizes = repr((None if profile is None else len(profile), None if plans is None else len(plans)))
    return sizes.encode() + (profile or b"") + (plans or b"")


def _map_bytes(path: Path) -> bytes | None:
    with open(path, "rb") as fh:  # a built-in map: part of pm-coach, not of the user's data
        return fh.read(files.MAX_READ + 1)


def read(folder: Path) -> LogView | None:
    """The view for the data files exactly as they are now, or None (the full path then runs).
    The profile and the plans are read as the full ``log`` reads them (a file others can read
    is made private, with a note)."""
    key = _key(files.read_bytes(folder / PROFILE), files.read_bytes(folder / PLANS))
    kept = view_cache.recall(folder, LOG_VIEW, key)
    if not isinstance(kept, tuple) or len(kept) != 7:
        return None
    map_id, shown_path, size, crc, gap_ids, plan_map, actions = kept
    path = map_file(folder, map_id)
    if path is None or str(path) != shown_path:
        return None
    raw = _map_bytes(path)
    if raw is None or len(raw) != size or view_cache.checksum(raw) != crc:
        return None
    return LogView(map_id, tuple(gap_ids), plan_map, tuple(tuple(a) for a in actions))


def keep(folder: Path) -> None:
    """After a ``log`` on the full path: store the view for the files as they are now, when the
    stored one does not match them. Every file is read once and validated from those very
    bytes, so the view can only vouch for bytes that were valid. Best effort: anything amiss
    (an invalid file, a map of the user's own, a full disk) leaves no view, never a wrong one."""
    with contextlib.suppress(Exception):
        _keep(folder)


def _keep(folder: Path) -> None:
    from pm_coach.store.maps import check_map_text
    from pm_coach.store.plans import parse_plans
    from pm_coach.store.profile import profile_of

    profile_raw = files.read_bytes(folder / PROFILE)
    plans_raw = files.read_bytes(folder / PLANS)
    key = _key(profile_raw, plans_raw)
    if read(folder) is not None:
        return
    if profile_raw is None:
        from pm_coach.models import Profile

        map_id = Profile().map
    else:
        map_id = profile_of(folder / PROFILE, profile_raw).map
    path = map_file(folder, map_id)
    if path is None or path.parent != builtin_dir():
        return
    map_raw = _map_bytes(path)
    if map_raw is None:
        return
    skill_map, problems = check_map_text(path, files.decode_text(path, map_raw))
    if skill_map is None or problems:
        return
    plan_map: str | None = None
    actions: tuple[tuple[str, str], ...] = ()
    if plans_raw is not None:
        plans = parse_plans(folder / PLANS, files.decode_text(folder / PLANS, plans_raw))
        if plans:
            plan_map = plans[-1].map
            actions = tuple((a.gap, a.title) for a in plans[-1].actions)
    value = (
        skill_map.id,
        str(path),
        len(map_raw),
        view_cache.checksum(map_raw),
        tuple(skill_map.gap_ids),
        plan_map,
        actions,
    )
    view_cache.remember(folder, LOG_VIEW, key, value)
