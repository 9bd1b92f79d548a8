"""The question of ``evidence tag``: which gaps one untagged entry shows.

Ctrl-C or Esc raise :class:`~pm_coach.errors.Cancelled`; the caller has saved every entry
tagged before, so nothing is lost and nothing is half-saved.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import questionary

from pm_coach.prompts import STYLE, ask


def tag_entry(
    number: int,
    total: int,
    entry: str,
    gaps: Sequence[tuple[str, str]],
    ticked: Sequence[str],
    **io: Any,
) -> list[str]:
    """The gap ids ticked for one entry (the likely ones start ticked); empty: skip it."""
    chosen = ask(
        questionary.checkbox(
            f"[{number}/{total}] {entry}\n  Which gaps does it show?",
            choices=[
                questionary.Choice(f"{name} ({gid})", value=gid, checked=gid in ticked)
                for gid, name in gaps
            ],
            instruction="(space ticks, enter saves; nothing ticked skips it; Esc stops)",
            style=STYLE,
            **io,
        )
    )
    return list(chosen)
