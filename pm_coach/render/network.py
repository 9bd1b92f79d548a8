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


def detail(c: Contact, today: dt.date) -> RenderableType:
    """One contact: who they are, then each conversation, oldest first."""
    from rich.table import Table
    from rich.text import Text

    t = Table.grid(padding=(0, 2))
    t.add_column(style="bold")
    t.add_column()
    t.add_row("name", Text(c.name))
    t.add_row("kind", c.kind)
    if c.helps:
        t.add_row("helps with" if c.kind != "mentee" else "you help with", ", ".join(c.helps))
    if c.contact:
        t.add_row("contact", Text(c.contact))
    if c.note:
        t.add_row("note", Text(c.note))
    t.add_row("added", c.created.date().isoformat())
    days = network.days_quiet(c, today)
    if c.last_contact is None:
        last = "never"
    else:
        last = f"{c.last_contact.isoformat()} ({days} days ago)" if days else "today"
    if days >= network.QUIET_DAYS:
        last += " · gone quiet"
    t.add_row("last talked", last)
    if not c.conversations:
        t.add_row("conversations", "none recorded yet")
    for i, talk in enumerate(c.conversations):
        t.add_row(
            "conversations" if i == 0 else "",
            Text(f"{talk.date.isoformat()}  {talk.note}".rstrip()),
        )
    return t
