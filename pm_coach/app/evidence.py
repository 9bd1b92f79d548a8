"""``pm-coach evidence list`` and ``show``: the log, filtered, as a table or JSON."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from pm_coach.app.emit import Output
from pm_coach.app.workspace import Workspace
from pm_coach.errors import InputError
from pm_coach.models import Evidence

if TYPE_CHECKING:
    from rich.console import RenderableType


@dataclass(frozen=True)
class EvidenceList(Output):
    entries: list[Evidence]  # in the order shown
    filtered: bool  # a filter was given, so "nothing matches" rather than "nothing yet"
    total: int = -1  # how many matched before --limit; -1: all of them are shown
    wide: bool = False  # --wide: all six columns whatever the width

    formats: ClassVar[tuple[str, ...]] = ("terminal", "json")

    def render(self, fmt: str) -> str | Iterator[str]:
        from pm_coach.render import evidence as render

        if fmt == "json":
            return render.as_json(self.entries) + "\n"
        import sys

        from pm_coach.render.evidence_list import lines, title
        from pm_coach.render.plain import screen_width

        shown = len(self.entries)
        heading = title(shown, max(self.total, shown))
        rows = (render.row(e) for e in self.entries)
        return lines(rows, screen_width(sys.stdout), heading=heading, wide=self.wide)

    def empty(self, fmt: str) -> str | None:
        if self.entries:
            return None
        if self.filtered:
            return "No evidence matches."
        return 'No evidence yet. Log some with: pm-coach log "What you did" --gap strategy'


@dataclass(frozen=True)
class EvidenceEntry(Output):
    entry: Evidence

    formats: ClassVar[tuple[str, ...]] = ("terminal", "json")

    def render(self, fmt: str) -> str | RenderableType:
        if fmt == "json":
            return json.dumps(self.entry.to_json(), ensure_ascii=False, indent=2) + "\n"
        from pm_coach.render.evidence import detail

        return detail(self.entry)


def list_entries(
    ws: Workspace,
    today: dt.date,
    *,
    gaps: list[str],
    tags: list[str],
    since: str | None,
    until: str | None,
    search: str,
    reverse: bool = False,
    limit: int | None = None,
    wide: bool = False,
) -> EvidenceList:
    """The entries that match, oldest first (newest first with ``reverse``); with ``limit``,
    only the newest ``limit`` of them."""
    from pm_coach.core.dates import parse_date
    from pm_coach.core.evidence import EvidenceFilter, check_gaps, select

    def day(text: str | None, what: str) -> dt.date | None:
        return None if text is None else parse_date(text, today, allow_future=True, what=what)

    flt = EvidenceFilter(
        gaps=check_gaps(gaps, ws.skill_map()) if gaps else [],
        tags=tags,
        since=day(since, "--since"),
        until=day(until, "--until"),
        search=search,
    )
    if flt.since and flt.until and flt.since > flt.until:
        raise InputError(f"--since {flt.since} is after --until {flt.until}.", hint="Swap them.")
    if limit is not None and limit < 1:
        raise InputError(
            f"--limit {limit} shows nothing.", hint="Give 1 or more, or leave --limit out."
        )
    filtered = bool(gaps or tags or since or until or search)
    entries = select(ws.evidence.load(), flt)
    total = len(entries)
    if limit is not None:
        entries = entries[-limit:]
    if reverse:
        entries.reverse()
    return EvidenceList(entries, filtered, total, wide)


def show_entry(ws: Workspace, entry_id: str) -> EvidenceEntry:
    return EvidenceEntry(ws.evidence.get(entry_id.strip().lower()))
