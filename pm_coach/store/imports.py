"""Reading a file to import (the text only; parsing it is core's job)."""

from __future__ import annotations

from pathlib import Path

from pm_coach.errors import NotFoundError, StorageError
from pm_coach.store import files


def read_import_file(path: Path) -> str:
    """The text of a file named on the command line (UTF-8, a byte-order mark is allowed)."""
    if not path.exists():
        raise NotFoundError(
            f"{path}: no such file.", hint="Check the path; a relative path starts in this folder."
        )
    if path.is_dir():
        raise StorageError(f"{path} is a folder, not a file.", hint="Name the exported file.")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise StorageError(
            f"cannot read {path}: {exc.strerror or exc}.", hint="Check the file's permissions."
        ) from None
    return files.decode_text(
        path,
        raw,
        bom=True,  # spreadsheets often start a UTF-8 CSV with a byte-order mark
        hint="Save or export it as UTF-8 (in a spreadsheet: 'CSV UTF-8'), then import again; "
        "nothing was imported.",
    )
