"""Where skill map files are, without reading them: light enough for shell completion, which
must answer before pydantic could even be imported (see store/names.py)."""

from __future__ import annotations

from pathlib import Path

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
