"""The support network as a rich table or JSON rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pm_coach.core import network
from pm_coach.models.network import Contact

if TYPE_CHECKING:
    from rich.console import RenderableType


def rows(contacts: Sequence[Contact], today: dt.date) -> list[dict[str, Any]]:
    """Each contact for --json, with ``days_since_contact`` and ``quiet`` worked out."""
    out = []
    for c in contacts:
        row = c.to_json()
        row["days_since_contact"] = network.days_quiet(c, today)
        row["quiet"] = row["days_since_contact"] >= network.QUIET_DAYS
        out.append(row)
    return out


def table(contacts: Sequence[Contact], today: dt.date) -> RenderableType:
    from rich.table import Table

    t = Table(title=f"Network ({len(contacts)})", title_justify="left")
    t.add_column("name", style="cyan")
    t.add_column("kind")
    t.add_column("helps with", style="magenta")
    t.add_column("last talked", no_wrap=True)
    t.add_column("contact")
    t.add_column("note", style="dim")
    for c in contacts:
        days = network.days_quiet(c, today)
        when = c.last_contact.isoformat() if c.last_contact else "never"
        if days >= network.QUIET_DAYS:
            when += f" (quiet {days} days)"
        t.add_row(c.name, c.kind, ", ".join(c.helps), when, c.contact, c.note)
    return t
