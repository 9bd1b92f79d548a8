"""Facts about a user's progress that several commands share (assess, plan, report).

Pure functions: evidence and assessments in, plain values out; ``today`` is always passed in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from pm_coach.models import Assessment, Evidence

UNPROVEN_LEVEL = 3  # a self-rating at or above this needs evidence behind it
RECENT_DAYS = 180  # evidence older than this no longer backs a rating for planning


def evidence_by_gap(
    entries: Iterable[Evidence], gap_ids: Sequence[str]
) -> dict[str, list[Evidence]]:
    """Entries per gap id (an entry tagged with two gaps counts for both), oldest first."""
    out: dict[str, list[Evidence]] = {g: [] for g in gap_ids}
    for e in sorted(entries, key=lambda e: (e.date, e.created)):
        for g in e.gaps:
            if g in out:
                out[g].append(e)
    return out


def count_since(entries: Iterable[Evidence], since: dt.date | None) -> int:
    return sum(1 for e in entries if since is None or e.date >= since)


def last_date(entries: Sequence[Evidence]) -> dt.date | None:
    return max((e.date for e in entries), default=None)


def is_unproven(level: int, gap_entries: Sequence[Evidence]) -> bool:
    """A rating of 3 or more with no evidence logged for that gap is a claim, not a fact."""
    return level >= UNPROVEN_LEVEL and not gap_entries


def latest(assessments: Sequence[Assessment], map_id: str) -> Assessment | None:
    """The newest assessment made with the given map."""
    same = [a for a in assessments if a.map == map_id]
    return max(same, key=lambda a: (a.date, a.created), default=None)


def previous(assessments: Sequence[Assessment], current: Assessment) -> Assessment | None:
    """The assessment of the same map made just before ``current``."""
    earlier = [
        a
        for a in assessments
        if a.map == current.map and (a.date, a.created) < (current.date, current.created)
    ]
    return max(earlier, key=lambda a: (a.date, a.created), default=None)
