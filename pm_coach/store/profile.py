"""``profile.toml``: who the user is and what they aim for (name, roles, hours, active map)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from pm_coach.errors import DataFileError
from pm_coach.models import Profile
from pm_coach.store import files

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
        lines = files.table_lines(text, "roles")
        if loc[1] < len(lines):
            return lines[loc[1]]
    pattern = re.compile(rf"^\s*{re.escape(str(loc[0]))}\s*=")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return None


def load_profile(folder: Path) -> Profile:
    """The profile, or the defaults when there is none yet."""
    path = profile_path(folder)
    text = files.read_text(path)
    if text is None:
        return Profile()
    doc = files.parse_toml(path, text)
    files.check_schema_version(path, doc)
    body = {k: v for k, v in doc.items() if k != "schema_version"}
    from pydantic import ValidationError

    try:
        return Profile.model_validate(body)
    except ValidationError as exc:
        line = _line_of(text, tuple(exc.errors()[0]["loc"]))
        where = f"{path}, line {line}" if line else str(path)
        raise DataFileError(
            f"{where}: {files.describe_validation(exc)}.", hint=files.FIX_HINT
        ) from None


def _write(folder: Path, profile: Profile) -> None:
    import tomli_w

    body = profile.to_record()
    text = f"# {COMMENT}\nschema_version = {files.SCHEMA_VERSION}\n\n" + tomli_w.dumps(body)
    files.atomic_write(profile_path(folder), text)


def update_profile(folder: Path, change: Callable[[Profile], Profile]) -> Profile:
    """Load, change and save the profile under the data folder's lock; returns the new one.

    A profile file that does not read cleanly raises before anything is written.
    """
    with files.locked(folder):
        updated = change(load_profile(folder))
        _write(folder, updated)
    return updated
