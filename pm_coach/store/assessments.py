"""``assessments.toml``: every self-assessment, oldest first (history is never dropped)."""

from __future__ import annotations

from pathlib import Path

from pm_coach.models import Assessment
from pm_coach.store import files

FILE_NAME = "assessments.toml"
KEY = "assessment"
COMMENT = "pm-coach self-assessments, oldest first. Safe to edit by hand."


def assessments_path(folder: Path) -> Path:
    return folder / FILE_NAME


def load_assessments(folder: Path) -> list[Assessment]:
    """Every assessment, sorted by date then creation time."""
    items = files.load_tables(assessments_path(folder), KEY, Assessment)
    return sorted(items, key=lambda a: (a.date, a.created))


def add_assessment(folder: Path, assessment: Assessment) -> None:
    """Add one assessment; the file is validated first and rewritten atomically."""
    with files.locked(folder):
        items = load_assessments(folder)
        items.append(assessment)
        items.sort(key=lambda a: (a.date, a.created))
        text = files.dump_tables(KEY, [a.to_record() for a in items], COMMENT)
        files.atomic_write(assessments_path(folder), text)
