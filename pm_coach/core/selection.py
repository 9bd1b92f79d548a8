"""Which entries a listing or an export shows: the filters of ``evidence list`` and ``export``.

Plain attribute access only, so it works on validated entries and on the cached views of the
lean read path alike (no pydantic here).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pm_coach.models import Evidence


@dataclass
class EvidenceFilter:
    gaps: Sequence[str] = ()
    tags: Sequence[str] = ()
    since: dt.date | None = None
    until: dt.date | None = None
    search: str = ""
    untagged: bool = False  # only entries with no gap

    def matches(self, e: Evidence) -> bool:
        if self.untagged and e.gaps:
            return False
        if self.gaps and not set(self.gaps) & set(e.gaps):
            return False
        if self.tags:
            wanted = {t.lstrip("#").lower() for t in self.tags}
            if not wanted & {t.lower() for t in e.tags}:
                return False
        if self.since and e.date < self.since:
            return False
        if self.until and e.date > self.until:
            return False
        if self.search:
            needle = self.search.casefold()
            hay = " ".join([e.text, e.result, e.goal, e.org, *e.metrics, *e.tags]).casefold()
            if needle not in hay:
                return False
        return True


def select(entries: Iterable[Evidence], flt: EvidenceFilter) -> list[Evidence]:
    """The entries that match, oldest first (by date, then by when they were logged)."""
    return sorted((e for e in entries if flt.matches(e)), key=lambda e: (e.date, e.created))
