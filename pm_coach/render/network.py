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


# network list: column widths by screen width, the last column taking what is left.
WIDE_FROM = 110  # name, kind, helps with, last talked, contact and note
MEDIUM_FROM = 72  # name, kind, last talked, details (helps, contact, note)
NARROW_FROM = 56  # name, last talked, details (kind too); narrower: one block per contact
NAME_W, KIND_W, HELPS_W, LAST_W = 18, 6, 18, 14
SEP = "  "


def _last_talked(c: Contact, today: dt.date) -> list[str]:
    if c.last_contact is None:
        return ["never"]
    days = network.days_quiet(c, today)
    quiet = [f"quiet {days} days"] if days >= network.QUIET_DAYS else []
    return [c.last_contact.isoformat(), *quiet]


def _blocks(contacts: Sequence[Contact], today: dt.date, width: int) -> list[str]:
    """Each contact as a heading line and its details indented below: for a very narrow screen."""
    from pm_coach.render.plain import wrap

    out = [f"Network ({len(contacts)})"]
    for c in contacts:
        label = "you help with" if c.kind == "mentee" else "helps"
        date, *quiet = _last_talked(c, today)
        when = f"{date} ({quiet[0]})" if quiet else date
        out += ["", *wrap(f"{c.name} · {c.kind} · last talked {when}", width)]
        for part in (f"{label} {', '.join(c.helps)}" if c.helps else "", c.contact, c.note):
            out += ["  " + line for line in wrap(part, width - 2)]
    return out


def list_lines(contacts: Sequence[Contact], today: dt.date, width: int) -> list[str]:
    """``network list`` in ``width`` columns: every word whole (text wraps at spaces inside its
    column), and as the screen narrows the gaps, contact and note move under one another in
    the last column, then the kind joins them; no line ends in a space."""
    from pm_coach.render.plain import join_columns, wrap

    if width < NARROW_FROM:
        return _blocks(contacts, today, width)
    if width >= WIDE_FROM:
        rest = width - (NAME_W + KIND_W + HELPS_W + LAST_W + 4 * len(SEP))
        widths = [NAME_W, KIND_W, HELPS_W, LAST_W, rest]
        head = ["name", "kind", "helps with", "last talked", "contact, note"]
    elif width >= MEDIUM_FROM:
        rest = width - (NAME_W + KIND_W + LAST_W + 3 * len(SEP))
        widths = [NAME_W, KIND_W, LAST_W, rest]
        head = ["name", "kind", "last talked", "helps with, contact, note"]
    else:
        name_w = NAME_W - 2
        rest = width - (name_w + LAST_W + 2 * len(SEP))
        widths = [name_w, LAST_W, rest]
        head = ["name", "last talked", "kind, helps, contact, note"]
    text_w = widths[-1]
    out = [f"Network ({len(contacts)})", *join_columns([[h] for h in head], widths, SEP)]
    for c in contacts:
        helps = ", ".join(c.helps)
        about = wrap(c.contact, text_w) + wrap(c.note, text_w)
        name = wrap(c.name, widths[0])
        when = _last_talked(c, today)
        if len(widths) == 5:
            columns = [name, [c.kind], wrap(helps, HELPS_W), when, about]
        else:
            label = "you help with" if c.kind == "mentee" else "helps"
            helps_line = wrap(f"{label} {helps}", text_w) if helps else []
            if len(widths) == 4:
                columns = [name, [c.kind], when, helps_line + about]
            else:
                kind_line = wrap(f"{c.kind}: {label} {helps}", text_w) if helps else [c.kind]
                columns = [name, when, kind_line + about]
        out += join_columns(columns, widths, SEP)
    return out


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
