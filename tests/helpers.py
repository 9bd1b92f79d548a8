"""Small set-up helpers shared by several test files."""

from __future__ import annotations

from pathlib import Path

from pm_coach.models import Profile
from pm_coach.store.profile import update_profile


def save_profile(folder: Path, profile: Profile) -> None:
    """Write ``profile`` as the saved profile, through the same path ``profile set`` takes."""
    update_profile(folder, lambda _old: profile)
