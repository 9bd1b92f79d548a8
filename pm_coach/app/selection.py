"""The evidence filters as typed on the command line, checked once for every command that has
them (``evidence list``, ``export``, ``export --review``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pm_coach.app.workspace import Workspace
from pm_coach.errors import InputError

if TYPE_CHECKING:
    from pm_coach.core.selection import EvidenceFilter


@dataclass(frozen=True)
class Filters:
    """``--gap``, ``--tag``, ``--since`` and ``--until`` as given (dates still text); ``search``
    and ``untagged`` are ``evidence list``'s, ``role`` is ``export``'s."""

    gaps: Sequence[str] = ()
    tags: Sequence[str] = ()
    since: str | None = None
    until: str | None = None
    search: str = ""
    untagged: bool = False
    role: str | None = None

    @property
    def given(self) -> bool:
        """A filter was given, so an empty result means "nothing matches", not "nothing yet"."""
        return bool(
            self.gaps
            or self.tags
            or self.since
            or self.until
            or self.search
            or self.untagged
            or self.role
        )

    def checked(self, ws: Workspace, today: dt.date) -> EvidenceFilter:
        """The filter core applies: gap names checked against the skill map, dates read
        (relative to ``today``) and in order; a usage error otherwise."""
        from pm_coach.core.dates import parse_date
        from pm_coach.core.selection import EvidenceFilter

        def day(text: str | None, what: str) -> dt.date | None:
            return None if text is None else parse_date(text, today, allow_future=True, what=what)

        flt = EvidenceFilter(
            gaps=_checked_gaps(self.gaps, ws) if self.gaps else [],
            tags=self.tags,
            since=day(self.since, "--since"),
            until=day(self.until, "--until"),
            search=self.search,
            untagged=self.untagged,
        )
        if flt.since and flt.until and flt.since > flt.until:
            raise InputError(
                f"--since {flt.since} is after --until {flt.until}.", hint="Swap them."
            )
        return flt


def _checked_gaps(gaps: Sequence[str], ws: Workspace) -> list[str]:
    from pm_coach.core.evidence import check_gaps

    return check_gaps(list(gaps), ws.skill_map())
