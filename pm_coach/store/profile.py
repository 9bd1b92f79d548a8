"""``profile.toml``: who the user is and what they aim for (name, roles, hours, active map)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pm_coach.errors import DataFileError
from pm_coach.models import Profile
from pm_coach.store import files, tables, view_cache

FILE_NAME = "profile.toml"
COMMENT = "pm-coach profile. Safe to edit by hand."


def profile_path(folder: Path) -> Path:
    return folder / FILE_NAME


def profile_exists(folder: Path) -> bool:
    return files.check_regular(profile_path(folder))


def _line_of(text: str, loc: tuple[int | str, ...]) -> int | None:
    """The line a validation error points at: a top-level key, or the n-th [[roles]] table."""
    if not loc:
        return None
    if loc[0] == "roles" and len(loc) > 1 and isinstance(loc[1], int):
        lines = tables.table_lines(text, "roles")
        if loc[1] < len(lines):
            return lines[loc[1]]
    pattern = re.compile(rf"^\s*{re.escape(str(loc[0]))}\s*=")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return None


def load_profile(folder: Path, *, keep_view: bool = False) -> Profile:
    """The profile, or the defaults when there is none yet.

    ``keep_view``: a read command that the lean path also serves (export): bring the profile's
    view cache up to date when it does not match, so the next run can skip pydantic."""
    path = profile_path(folder)
    raw = files.read_bytes(path)
    if raw is None:
        return Profile()
    from pm_coach.store import model_cache

    profile = model_cache.kept(folder, "profile", raw, lambda: profile_of(path, raw))
    if keep_view:
        _keep_view(folder, raw, profile)
    return profile


def profile_of(path: Path, raw: bytes) -> Profile:
    """The profile whose file ``path`` holds ``raw``, validated (a DataFileError names the
    line of the first problem)."""
    text = files.decode_text(path, raw)
    doc = tables.parse_toml(path, text)
    tables.check_schema_version(path, doc)
    body = {k: v for k, v in doc.items() if k != "schema_version"}
    from pydantic import ValidationError

    try:
        profile = Profile.model_validate(body, strict=True)  # as tables.parse_tables
    except ValidationError as exc:
        line = _line_of(text, tuple(exc.errors()[0]["loc"]))
        where = f"{path}, line {line}" if line else str(path)
        raise DataFileError(
            f"{where}: {tables.describe_validation(exc)}.", hint=files.FIX_HINT
        ) from None
    return profile


def _keep_view(folder: Path, raw: bytes, profile: Profile) -> None:
    """The roles, as the lean read path reads them (see store/view_cache.py)."""
    roles = tuple((r.company, r.title, r.start, r.end) for r in profile.roles)
    if view_cache.recall(folder, view_cache.PROFILE_VIEW, raw) != roles:
        view_cache.remember(folder, view_cache.PROFILE_VIEW, raw, roles)


def _write(folder: Path, profile: Profile) -> None:
    import tomli_w

    path = profile_path(folder)
    body = profile.to_record()
    before = files.read_text(path)
    text = _edit_in_place(path, before, body) if before is not None else None
    if text is None:
        text = f"# {COMMENT}\nschema_version = {tables.SCHEMA_VERSION}\n\n" + tomli_w.dumps(body)
    files.atomic_write(path, text)


def _edit_in_place(path: Path, before: str, body: dict[str, Any]) -> str | None:
    """``before`` with only the changed values replaced, so the user's comments and layout
    survive; None when that cannot be done faithfully (the caller then writes the file whole).

    tomlkit keeps comments but is slower to load than tomllib; the profile is a few lines and
    only ``profile set`` and friends write it, never ``log``.
    """
    import tomlkit

    try:
        doc = tomlkit.parse(before)
        for k in [k for k in doc if k != "schema_version" and k not in body]:
            del doc[k]
        for k, v in body.items():
            _update(doc, k, v)
        text = tomlkit.dumps(doc)
        fresh = tables.parse_toml(path, text)
    except Exception:  # noqa: BLE001 - anything odd: write the file whole instead
        return None
    fresh.pop("schema_version", None)
    return text if fresh == body else None


def _update(container: Any, k: str, v: object) -> None:
    """Set ``container[k] = v``, descending into tables and same-length lists of tables so that
    the comments inside them are kept; an equal value is left untouched."""
    if k in container:
        current = container[k]
        if _plain(current) == v:
            return
        if isinstance(v, dict) and isinstance(current, dict):
            for sub in [s for s in current if s not in v]:
                del current[sub]
            for sub, sv in v.items():
                _update(current, sub, sv)
            return
        if (
            isinstance(v, list)
            and isinstance(current, list)
            and len(v) == len(current)
            and all(isinstance(x, dict) for x in v)
            and all(isinstance(x, dict) for x in current)
        ):
            for old_item, new_item in zip(current, v, strict=True):
                for sub in [s for s in old_item if s not in new_item]:
                    del old_item[sub]
                for sub, sv in new_item.items():
                    _update(old_item, sub, sv)
            return
    container[k] = v


def _plain(item: Any) -> object:
    unwrap = getattr(item, "unwrap", None)
    return unwrap() if callable(unwrap) else item


def update_profile(folder: Path, change: Callable[[Profile], Profile]) -> Profile:
    """Load, change and save the profile under the data folder's lock; returns the new one.

    A profile file that does not read cleanly raises before anything is written.
    """
    with files.locked(folder):
        updated = change(load_profile(folder))
        _write(folder, updated)
    return updated
