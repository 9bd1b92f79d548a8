"""``trash.toml``: the evidence entries removed most recently, so a removal can be undone.

The file holds ``[[evidence]]`` tables laid out as in ``evidence.toml``, oldest removal first,
at most :data:`KEEP` of them: a table can be read, or copied back, by hand. Like every data file
it is private (0600), written atomically under the folder's lock, and never rewritten when it
does not parse.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pm_coach.models import Evidence
from pm_coach.store import files, tables

FILE_NAME = "trash.toml"
KEY = "evidence"
KEEP = 50
COMMENT = (
    f"pm-coach trash: the last {KEEP} evidence entries removed with 'pm-coach evidence rm', "
    "oldest first. 'pm-coach evidence restore ID' puts one back."
)


def trash_path(folder: Path) -> Path:
    return folder / FILE_NAME


def load_trash(folder: Path) -> list[Evidence]:
    """The entries in the trash, oldest removal first; empty when there is no trash yet."""
    path = trash_path(folder)
    text = files.read_text(path)
    if text is None:
        return []
    return tables.parse_tables(path, text, KEY, Evidence)


def _new_text(folder: Path, change: Callable[[list[Evidence]], list[Evidence]]) -> str:
    """The trash file as it reads after ``change`` (call it under the lock)."""
    from pm_coach.store.evidence import rewritten

    old = load_trash(folder)
    return rewritten(trash_path(folder), old, change(list(old)), COMMENT)


def _rewrite(folder: Path, change: Callable[[list[Evidence]], list[Evidence]]) -> None:
    with files.locked(folder):
        files.atomic_write(trash_path(folder), _new_text(folder, change))


def _with(entry: Evidence) -> Callable[[list[Evidence]], list[Evidence]]:
    def change(entries: list[Evidence]) -> list[Evidence]:
        kept = [e for e in entries if e.id != entry.id]
        return [*kept, entry][-KEEP:]

    return change


def put_in_trash(folder: Path, entry: Evidence) -> None:
    """Keep ``entry`` as the newest in the trash (replacing an older copy with its id); the
    oldest go once there are more than :data:`KEEP`."""
    _rewrite(folder, _with(entry))


def move_to_trash(folder: Path, entry: Evidence, remove: Callable[[], object]) -> None:
    """Run ``remove`` (taking ``entry`` out of the log) and keep ``entry`` in the trash: both
    or neither, even on a full disk. The new trash is written aside first; it replaces the old
    one only once ``remove`` has succeeded."""
    with (
        files.locked(folder),
        files.staged_write(trash_path(folder), _new_text(folder, _with(entry))),
    ):
        remove()


def take_from_trash(folder: Path, entry_id: str) -> None:
    """Drop the entry with that id from the trash (it has been put back)."""
    _rewrite(folder, lambda entries: [e for e in entries if e.id != entry_id])
