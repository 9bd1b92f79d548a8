"""Adding many evidence entries to the log in one write, for ``pm-coach import``.

All or nothing: under the data folder's lock the existing log is loaded (and so validated),
duplicates are set aside, ids are drawn, and the whole log is rewritten atomically once. A
failure at any point leaves the log exactly as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pm_coach.core.importers import Candidate, ImportPlan, split_duplicates
from pm_coach.models import Evidence
from pm_coach.store.evidence import EvidenceStore


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
    from pm_coach.store.ids import new_id

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
