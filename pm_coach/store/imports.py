"""Reading a file to import (the text only; parsing it is core's job)."""

from __future__ import annotations

from pathlib import Path

from pm_coach.errors import NotFoundError
from pm_coach.store import files


def read_import_file(path: Path) -> str:
    """The text of a file named on the command line (UTF-8, a byte-order mark is allowed)."""
    raw = files.read_bytes(path, own=False, limit=files.MAX_INPUT)
    if raw is None:
        raise NotFoundError(
            f"{files.shown(path)}: no such file.",
            hint="Check the path; a relative path starts in this folder.",
        )
    return files.decode_text(
        path,
        raw,
        bom=True,  # spreadsheets often start a UTF-8 CSV with a byte-order mark
        hint="Save or export it as UTF-8 (in a spreadsheet: 'CSV UTF-8'), then import again; "
        "nothing was imported.",
    )
