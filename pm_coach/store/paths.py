"""One function decides where pm-coach keeps its data."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "PM_COACH_HOME"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: ``--data-dir`` if given, else ``$PM_COACH_HOME``, else the platform's
    user data folder (e.g. ``~/.local/share/pm-coach`` on Linux)."""
    if override:
        folder = Path(override).expanduser()
    elif os.environ.get(ENV_VAR):
        folder = Path(os.environ[ENV_VAR]).expanduser()
    else:
        import platformdirs  # only needed when nothing overrides it

        folder = Path(platformdirs.user_data_dir("pm-coach", appauthor=False))
    in_use.add(folder)
    return folder


in_use: set[Path] = set()  # every data folder this process has resolved (see store/output.py)
