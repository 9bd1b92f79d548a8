"""Writing an export to a file the user names with ``-o``: atomically, private (0600), never
over an existing file unless ``--force`` was given, and never into the data folder."""

from __future__ import annotations

import os
from pathlib import Path

from pm_coach.errors import InputError, NotFoundError
from pm_coach.store import files


def write_output(path: Path, text: str, *, force: bool = False) -> str:
    """Write ``text`` to ``path`` in one atomic step (temp file, fsync, rename), mode 0600.

    An existing file is left untouched unless ``force``; a missing folder is not created (a
    typo in a path should not leave new folders behind). Returns the path as it may be
    printed (control characters escaped).
    """
    refuse_data_folder(path)
    if not path.parent.is_dir():
        raise NotFoundError(
            f"the folder {files.shown(path.parent)} does not exist, so "
            f"{files.shown(path.name)} cannot be written there.",
            hint="Create the folder first, or give another path with -o.",
        )
    if path.is_dir():
        raise InputError(
            f"{files.shown(path)} is a folder.", hint="Give a file name with -o, e.g. -o cv.md"
        )
    if os.path.lexists(path) and not force:
        raise InputError(
            f"{files.shown(path)} already exists; it was left as it is.",
            hint="Add --force to replace it, or choose another file name with -o.",
        )
    files.atomic_write(path, text, own=False)
    return files.shown(path)


def refuse_data_folder(path: Path) -> None:
    """An output file must not land in a data folder, whatever --force says: ``-o
    $PM_COACH_HOME/evidence.toml --force`` would replace the log with an export. Links are
    followed, so a link pointing into the data folder is refused too."""
    from pm_coach.store.paths import data_dir, in_use

    target = os.path.realpath(path)
    for folder in {*in_use, data_dir()}:
        root = os.path.realpath(folder)
        if target == root or os.path.commonpath([target, root]) == root:
            raise InputError(
                f"{files.shown(path)} is inside pm-coach's data folder {files.shown(folder)}; "
                "an export is never written there.",
                hint="Choose a path outside the data folder with -o, e.g. -o cv.md",
            )
