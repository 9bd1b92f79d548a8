"""Reading a file to import, and adding many evidence entries to the log in one write.

All or nothing: under the data folder's lock the existing log is loaded (and so validated),
duplicates are set aside, ids are drawn, and the whole log is rewritten atomically once. A
failure at any point leaves the log exactly as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pm_coach.core.importers import Candidate, ImportPlan, split_duplicates
from pm_coach.errors import NotFoundError, StorageError
from pm_coach.models import Evidence
from pm_coach.store import files
from pm_coach.store.evidence import EvidenceStore


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


@dataclass(frozen=True)
class ImportResult:
    added: list[Evidence]
    duplicates: list[Candidate]
    suggested: dict[str, str]  # entry id -> gap applied by suggestion


def preview(store: EvidenceStore, candidates: Sequence[Candidate]) -> ImportPlan:
    """What an import would add and skip, without writing (and without the lock)."""
    return split_duplicates(candidates, store.load())


def save(store: EvidenceStore, candidates: Sequence[Candidate]) -> ImportResult:
    """Add the candidates that are not duplicates, in one atomic rewrite of the log."""
    from pm_coach.core.ids import new_id

    before = preview(store, candidates)
    if not before.new:  # nothing new: leave the file untouched
        return ImportResult([], before.duplicates, {})
    outcome: list[ImportResult] = []

    def change(entries: list[Evidence]) -> list[Evidence]:
        plan = split_duplicates(candidates, entries)
        taken = {e.id for e in entries}
        added: list[Evidence] = []
        suggested: dict[str, str] = {}
        for c in plan.new:
            entry_id = new_id(lambda x: x in taken)
            taken.add(entry_id)
            added.append(c.entry.model_copy(update={"id": entry_id}))
            if c.suggested:
                suggested[entry_id] = c.suggested
        outcome.append(ImportResult(added, plan.duplicates, suggested))
        return [*entries, *added]

    store.rewrite(change)
    return outcome[0]
