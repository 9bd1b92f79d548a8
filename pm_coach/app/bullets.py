"""Use cases behind the user's own bullet wording: ``evidence edit --bullet`` and
``export --review``.

A line the user approved is stored in the entry's ``bullet`` field and used by every export
from then on, word for word. Each approval is saved on its own, so stopping a review keeps every
line accepted before it and never leaves an entry half-written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pm_coach.app.emit import Message
from pm_coach.app.workspace import Workspace
from pm_coach.models import Evidence


@dataclass(frozen=True)
class Draft:
    """An entry waiting for review and the line the writer drafts for it."""

    entry: Evidence
    text: str


def review_queue(entries: Sequence[Evidence], today: dt.date) -> list[Draft]:
    """The entries without an approved line, strongest first, each with its draft."""
    from pm_coach.core.bullets import draft
    from pm_coach.core.ranking import top

    waiting = [e for e in entries if not e.bullet]
    return [Draft(e, draft(e).text) for e in top(waiting, len(waiting), today)]


def set_bullet(folder: Path, entry_id: str, text: str) -> Evidence:
    """Store ``text`` as the entry's own line ("" clears it); only that field changes."""
    from pm_coach.core.evidence import validate_entry
    from pm_coach.errors import NotFoundError
    from pm_coach.store.evidence import EvidenceStore

    line = " ".join(text.split())
    saved: list[Evidence] = []

    def change(entries: list[Evidence]) -> list[Evidence]:
        out = []
        for e in entries:
            if e.id == entry_id:
                e = validate_entry({**e.model_dump(), "bullet": line})
                saved.append(e)
            out.append(e)
        if not saved:
            raise NotFoundError(
                f"no evidence entry with id {entry_id!r}.",
                hint="See the ids with 'pm-coach evidence list'.",
            )
        return out

    EvidenceStore(folder).rewrite(change)
    return saved[0]


def review(ws: Workspace, entries: list[Evidence], today: dt.date) -> Message:
    """``export --review``: ask about each draft in turn; every accepted line is saved before
    the next question, so stopping keeps what was accepted."""
    from pm_coach.app import terminal
    from pm_coach.errors import Cancelled, PreconditionError
    from pm_coach.render.evidence import review_line
    from pm_coach.render.words import count

    queue = review_queue(entries, today)
    if not queue:
        return Message(
            ("Nothing to review: every line is approved (or there is no evidence yet).",)
        )
    if not terminal.interactive():
        raise PreconditionError(
            "--review asks about each line, and this is not an interactive terminal.",
            hint="Run it in a terminal, or set one line with: "
            f'pm-coach evidence edit {queue[0].entry.id} --bullet "…"',
        )
    from pm_coach.prompts.review import review_bullet

    saved = skipped = 0
    try:
        for number, item in enumerate(queue, start=1):
            choice, text = review_bullet(number, len(queue), review_line(item.entry), item.text)
            if choice == "stop":
                break
            if choice == "skip":
                skipped += 1
                continue
            set_bullet(ws.folder, item.entry.id, text)
            saved += 1
    except Cancelled:
        raise Cancelled(
            f"Stopped: kept the {count(saved, 'line')} accepted so far; nothing else was saved."
        ) from None
    left = len(queue) - saved
    return Message(
        (
            f"Saved {count(saved, 'line')}; {left} still to review"
            + (f" ({skipped} skipped)." if skipped else "."),
        )
    )
