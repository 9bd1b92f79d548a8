"""``pm-coach import``: adding many evidence entries to the log in one write.

All or nothing: under the data folder's lock the existing log is loaded (and so validated),
duplicates are set aside, ids are drawn, and the whole log is rewritten atomically once. A
failure at any point leaves the log exactly as it was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pm_coach.app.emit import Message
from pm_coach.app.workspace import Workspace
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


def run(
    ws: Workspace,
    today: dt.date,
    kind: str,
    file: Path,
    *,
    dry_run: bool,
    suggest: bool,
    map_id: str | None,
) -> Message:
    """``pm-coach import jrnl|csv FILE``: read and check every entry, then add the new ones
    (or, with ``dry_run``, only say what would be added)."""
    from pm_coach.core import importers
    from pm_coach.errors import printable
    from pm_coach.render import imports as words
    from pm_coach.render.words import count
    from pm_coach.store.evidence import now_utc
    from pm_coach.store.imports import read_import_file

    skill_map = ws.skill_map(map_id)
    text = read_import_file(file)
    parse = importers.parse_jrnl if kind == "jrnl" else importers.parse_csv
    candidates = parse(
        text,
        source=printable(str(file)),
        skill_map=skill_map,
        today=today,
        created=now_utc(),
        suggest=suggest,
        model=ws.gap_model(skill_map) if suggest else None,
    )
    if dry_run:
        return Message(tuple(words.dry_run(preview(ws.evidence, candidates))))
    result = save(ws.evidence, candidates)
    lines = [
        f"Imported {words.entries(len(result.added))} from {printable(str(file))}"
        f"{words.by_gap(result.added, len(result.suggested))}"
        f", skipped {count(len(result.duplicates), 'duplicate')} already in your log."
    ]
    if result.suggested:
        entry_id, gap = next(iter(result.suggested.items()))
        other = next((f" --add-gap {g}" for g in skill_map.gap_ids if g != gap), "")
        lines.append(
            "  Suggested gaps are a guess from the words; check them with "
            "'pm-coach evidence list' and change one with: "
            f"pm-coach evidence edit {entry_id} --rm-gap {gap}{other}"
        )
    untagged = sum(1 for e in result.added if not e.gaps)
    if untagged:
        lines.append(
            f"  {untagged} entr{'y has' if untagged == 1 else 'ies have'} no gap; "
            "see them with 'pm-coach evidence list --untagged' and tag them with "
            "'pm-coach evidence tag'"
        )
    return Message(tuple(lines))
