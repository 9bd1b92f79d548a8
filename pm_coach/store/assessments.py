"""``assessments.toml``: every self-assessment, oldest first (history is never dropped)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pm_coach.errors import DataFileError, NotFoundError
from pm_coach.models import Assessment
from pm_coach.store import files, tables

FILE_NAME = "assessments.toml"
KEY = "assessment"
COMMENT = "pm-coach self-assessments, oldest first. Safe to edit by hand."


def assessments_path(folder: Path) -> Path:
    return folder / FILE_NAME


def load_assessments(folder: Path) -> list[Assessment]:
    """Every assessment, sorted by date then creation time."""
    from pm_coach.store import model_cache

    path = assessments_path(folder)
    raw = files.read_bytes(path)
    if raw is None:
        return []

    def valid() -> list[Assessment]:
        items = tables.parse_tables(path, files.decode_text(path, raw), KEY, Assessment)
        return sorted(items, key=lambda a: (a.date, a.created))

    return model_cache.kept(folder, "assessments", raw, valid)


def add_assessment(folder: Path, assessment: Assessment) -> None:
    """Add one assessment; the file is validated first and rewritten atomically."""
    from pm_coach.store.splice import splice_tables

    path = assessments_path(folder)
    with files.locked(folder):
        before = files.read_text(path)
        # in file order, which is what the splice needs (load_assessments sorts)
        old = tables.parse_tables(path, before, KEY, Assessment) if before is not None else []
        items = sorted([*old, assessment], key=lambda a: (a.date, a.created))
        text = None
        if before is not None:  # keep the user's comments: only the new table is added
            text = splice_tables(
                before,
                KEY,
                old,
                items,
                ident=id,
                record=lambda a: a.to_record(),
                parse=lambda t: tables.parse_tables(path, t, KEY, Assessment),
            )
        if text is None:
            text = tables.dump_tables(KEY, [a.to_record() for a in items], COMMENT)
        files.atomic_write(path, text)


def read_answers(path: Path) -> dict[str, Any]:
    """Parse an ``--answers`` file (TOML) given on the command line.

    Missing: :class:`NotFoundError` (exit 4). Not UTF-8 or not TOML: :class:`DataFileError`
    (exit 3) with the line and column. What the tables mean is checked by ``core.assessment``.
    """
    hint = "Fix the file and run the command again; docs/assessment.md shows the format."
    raw = files.read_bytes(path, own=False, limit=files.MAX_INPUT)
    if raw is None:
        raise NotFoundError(
            f"the answers file {files.shown(path)} does not exist.",
            hint="Check the path; docs/assessment.md shows what the file looks like.",
        )
    text = files.decode_text(path, raw, hint=hint)
    try:
        return tables.parse_toml(path, text)
    except DataFileError as exc:
        raise DataFileError(exc.message, hint=hint) from None
