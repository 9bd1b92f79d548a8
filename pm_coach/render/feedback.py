"""Ratings from others as a table or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pm_coach.models.feedback import Feedback

if TYPE_CHECKING:
    from rich.console import RenderableType


def table(items: Sequence[Feedback]) -> RenderableType:
    from rich.table import Table

    t = Table(title=f"Ratings from others ({len(items)})", title_justify="left", expand=False)
    t.add_column("id", style="cyan", no_wrap=True)
    t.add_column("date", no_wrap=True)
    t.add_column("name")
    t.add_column("relation")
    t.add_column("map")
    t.add_column("levels")
    for f in items:
        levels = ", ".join(f"{gap} {level}" for gap, level in f.levels.items())
        t.add_row(f.id, f.date.isoformat(), f.name, f.relation or "", f.map, levels)
    return t


def as_json(items: Sequence[Feedback]) -> str:
    return json.dumps([f.to_json() for f in items], ensure_ascii=False, indent=2)
