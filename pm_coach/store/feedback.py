"""``feedback.toml``: ratings from other people, one ``[[feedback]]`` table per set of answers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from pm_coach.errors import DataFileError, Hint, NotFoundError, StorageError
from pm_coach.models.feedback import Feedback
from pm_coach.store import files, tables

FILE_NAME = "feedback.toml"
KEY = "feedback"
COMMENT = "pm-coach ratings from others: one [[feedback]] table per set of answers. Safe to edit."
UNIQUE_IDS: tables.Unique[Feedback] = tables.Unique(
    ident=lambda f: f.id,
    what=lambda f: f"id {f.id!r}",
    hint="Give one of the two another id (3-12 lowercase letters or digits).",
)


def feedback_path(folder: Path) -> Path:
    return folder / FILE_NAME


def load_feedback(folder: Path) -> list[Feedback]:
    """Every set of answers, validated, oldest first; ids must be unique."""
    from pm_coach.store import model_cache

    path = feedback_path(folder)
    raw = files.read_bytes(path)
    if raw is None:
        return []

    def valid() -> list[Feedback]:
        text = files.decode_text(path, raw)
        items = tables.parse_tables(path, text, KEY, Feedback)
        UNIQUE_IDS.check(path, text, KEY, items)
        return sorted(items, key=lambda f: (f.date, f.created))

    return model_cache.kept(folder, "feedback", raw, valid)


def _write(folder: Path, items: list[Feedback]) -> None:
    items = sorted(items, key=lambda f: (f.date, f.created))
    text = tables.dump_tables(KEY, [f.to_record() for f in items], COMMENT)
    files.atomic_write(feedback_path(folder), text)


def add_feedback(folder: Path, make: Callable[[str], Feedback]) -> Feedback:
    """Add the answers built by ``make(new_id)``; the file is validated first."""
    from pm_coach.store.ids import new_id

    with files.locked(folder):
        items = load_feedback(folder)
        taken = {f.id for f in items}
        item = make(new_id(lambda candidate: candidate in taken))
        _write(folder, [*items, item])
    return item


def remove_feedback(folder: Path, feedback_id: str) -> Feedback:
    """Remove one set of answers by id; NotFoundError when there is none."""
    with files.locked(folder):
        items = load_feedback(folder)
        found = next((f for f in items if f.id == feedback_id), None)
        if found is None:
            raise NotFoundError(
                f"no feedback with id {feedback_id!r}.",
                hint=Hint("feedback-ids"),
            )
        _write(folder, [f for f in items if f.id != feedback_id])
    return found


def read_answers_file(path: Path) -> tuple[dict[str, Any], str]:
    """A filled-in answers file: its TOML and its text (for naming lines). Missing: exit 4;
    not UTF-8 or not TOML: exit 3 with the line."""
    hint = "Fix the file and run the command again; nothing was saved."
    if not path.is_file():
        raise NotFoundError(
            f"the answers file {path} does not exist"
            + (" (it is a folder)." if path.is_dir() else "."),
            hint=Hint("answers-file"),
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise StorageError(f"cannot read {path}: {exc.strerror or exc}.") from None
    text = files.decode_text(path, raw, bom=True, hint=hint)
    try:
        return tables.parse_toml(path, text), text
    except DataFileError as exc:
        raise DataFileError(exc.message, hint=hint) from None
