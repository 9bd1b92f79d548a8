"""Writing an export to a file the user names with ``-o``: atomically, private (0600), and never
over an existing file unless ``--force`` was given."""

from __future__ import annotations

import os
from pathlib import Path

from pm_coach.errors import InputError, NotFoundError
from pm_coach.store import files


def write_output(path: Path, text: str, *, force: bool = False) -> None:
    """Write ``text`` to ``path`` in one atomic step (temp file, fsync, rename), mode 0600.

    An existing file is left untouched unless ``force``; a missing folder is not created (a
    typo in a path should not leave new folders behind).
    """
    if not path.parent.is_dir():
        raise NotFoundError(
            f"the folder {path.parent} does not exist, so {path.name} cannot be written there.",
            hint="Create the folder first, or give another path with -o.",
        )
    if path.is_dir():
        raise InputError(f"{path} is a folder.", hint="Give a file name with -o, e.g. -o cv.md")
    if os.path.lexists(path) and not force:
        raise InputError(
            f"{path} already exists; it was left as it is.",
            hint="Add --force to replace it, or choose another file name with -o.",
        )
    files.atomic_write(path, text)
