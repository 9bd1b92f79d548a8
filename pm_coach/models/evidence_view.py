"""An evidence entry read from the view cache: the fields of :class:`Evidence` as plain
attributes, without pydantic.

The cache only ever holds entries that were validated as :class:`Evidence` when it was written,
so a view needs no validation of its own. Read paths that only look at fields (listing,
filtering, drafting CV lines) take either kind of entry; nothing writes a view back.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

# The fields of Evidence in file order (tests/test_view_cache.py checks they agree).
FIELDS: tuple[str, ...] = (
    "id",
    "date",
    "text",
    "result",
    "metrics",
    "gaps",
    "tags",
    "goal",
    "kind",
    "org",
    "scope",
    "bullet",
    "action",
    "created",
)


class EvidenceView:
    """One cached entry. ``date`` and ``created`` are date and datetime objects, the lists are
    lists, as on :class:`Evidence`; ``created_json`` is ``created`` as ``to_json`` writes it."""

    __slots__ = (*FIELDS, "created_json")

    id: str
    date: dt.date
    text: str
    result: str
    metrics: list[str]
    gaps: list[str]
    tags: list[str]
    goal: str
    kind: str
    org: str
    scope: str | None
    bullet: str
    action: str
    created: dt.datetime
    created_json: str

    def __init__(self, row: tuple[Any, ...]) -> None:
        (self.id, date, self.text, self.result, metrics, gaps, tags, self.goal, self.kind,
         self.org, self.scope, self.bullet, self.action, created) = row  # fmt: skip
        self.date = dt.date.fromisoformat(date)
        self.metrics, self.gaps, self.tags = list(metrics), list(gaps), list(tags)
        self.created = dt.datetime.fromisoformat(created)
        self.created_json = created

    def to_json(self) -> dict[str, object]:
        """The same dict as ``Evidence.to_json``."""
        data: dict[str, object] = {name: getattr(self, name) for name in FIELDS}
        data["date"] = self.date.isoformat()
        data["created"] = self.created_json
        return data

    def fields(self) -> dict[str, object]:
        """Every field by name, for building an :class:`Evidence` without validating again."""
        return {name: getattr(self, name) for name in FIELDS}
