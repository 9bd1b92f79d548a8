"""Where skill map files are, without reading them: light enough for shell completion, which
must answer before pydantic could even be imported (see store/names.py)."""

from __future__ import annotations

import os
import re
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


_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


def map_file(data_folder: Path, map_id: str) -> Path | None:
    """The file of map ``map_id``: the user's own in ``<data>/skill_maps/`` if there is one
    (it overrides a built-in map of the same name), else the built-in one; None for neither."""
    if not _SLUG.match(map_id):
        return None
    user = data_folder / USER_FOLDER / f"{map_id}.toml"
    if os.path.lexists(user):  # a folder or FIFO there is reported as such, not as missing
        return user
    builtin = builtin_dir() / f"{map_id}.toml"
    return builtin if builtin.is_file() else None


WEIGHTS_FOLDER = "weights"


def weights_path(map_id: str) -> Path:
    """Where the trained gap-suggestion weights of a built-in map live (see core/gap_model.py)."""
    return builtin_dir() / WEIGHTS_FOLDER / f"{map_id}.txt"


def load_suggest_weights(map_id: str) -> str | None:
    """The text of the weights file shipped for ``map_id``, or None when there is none.

    Only built-in maps have one; a missing or unreadable file means "use the keyword rule", never
    an error, since suggestions are a convenience and the user cannot fix a shipped file.
    """
    if not _SLUG.match(map_id):
        return None
    try:
        return weights_path(map_id).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
