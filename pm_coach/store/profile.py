"""``profile.toml``: who the user is and what they aim for (name, roles, hours, active map)."""

from __future__ import annotations

from pathlib import Path

from pm_coach.errors import DataFileError
from pm_coach.models import Profile
from pm_coach.store import files

FILE_NAME = "profile.toml"
COMMENT = "pm-coach profile. Safe to edit by hand."


def profile_path(folder: Path) -> Path:
    return folder / FILE_NAME


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
        raise DataFileError(
            f"{path}: {files.describe_validation(exc)}.", hint=files.FIX_HINT
        ) from None


def save_profile(folder: Path, profile: Profile) -> None:
    import tomli_w

    path = profile_path(folder)
    with files.locked(folder):
        load_profile(folder)  # never overwrite a file that does not read cleanly
        body = profile.to_record()
        text = f"# {COMMENT}\nschema_version = {files.SCHEMA_VERSION}\n\n" + tomli_w.dumps(body)
        files.atomic_write(path, text)
