"""One function decides where pm-coach keeps its data."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "PM_COACH_HOME"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: ``--data-dir`` if given, else ``$PM_COACH_HOME``, else the platform's
    user data folder (e.g. ``~/.local/share/pm-coach`` on Linux)."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    import platformdirs  # only needed when nothing overrides it

    return Path(platformdirs.user_data_dir("pm-coach", appauthor=False))
