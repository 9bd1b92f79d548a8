"""The drafts of this process, kept by what they were written from, and the line to print for an
entry (the user's approved wording wins over the draft)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pm_coach.core.bullets.bullet import MAX_CHARS, Bullet
from pm_coach.core.bullets.write import write_bullet

if TYPE_CHECKING:
    from pm_coach.models import Evidence


DraftKey = tuple[str, str, tuple[str, ...], str, str, str, int]

# Every draft written (or handed in by known_drafts) in this process, by what it was written
# from: export, --top and --lint ask for the same entries' drafts, and the app keeps them
# between runs (see app/drafts.py), since drafting is most of the time of an export.
_drafts: dict[DraftKey, Bullet] = {}


def draft(entry: Evidence, limit: int = MAX_CHARS) -> Bullet:
    """The writer's bullet for an evidence entry (ignores the user's own wording)."""
    key = (entry.text, entry.result, tuple(entry.metrics), entry.goal, entry.kind, entry.org, limit)
    found = _drafts.get(key)
    if found is None:
        found = _drafts[key] = write_draft(entry, limit)
    return found


def write_draft(entry: Evidence, limit: int = MAX_CHARS) -> Bullet:
    """The writer's bullet for an entry, written now and not kept: for callers that draft every
    entry of a big log once (ranking with no kept scores, the drafts kept between runs), where
    the memo would hold them all (hundreds of megabytes at 100,000 entries)."""
    return write_bullet(
        entry.text,
        result=entry.result,
        metrics=tuple(entry.metrics),
        goal=entry.goal,
        kind=entry.kind,
        org=entry.org,
        limit=limit,
    )


def known_drafts() -> dict[DraftKey, Bullet]:
    """The drafts of this process so far, by what they were written from."""
    return _drafts


def add_drafts(drafts: dict[DraftKey, Bullet]) -> None:
    """Drafts written before from exactly these inputs, by this very writer (the caller's
    promise: app/drafts.py keys them on the writer's source)."""
    _drafts.update(drafts)


def bullet_text(entry: Evidence) -> str:
    """The line to print for an entry: the user's approved wording, else the draft."""
    return entry.bullet if entry.bullet else draft(entry).text
