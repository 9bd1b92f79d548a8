"""The questions of ``export --review``: accept the draft, edit it, skip it, or stop.

Ctrl-C or Esc raise :class:`~pm_coach.errors.Cancelled`; the caller has saved every line
accepted before, so nothing is lost and nothing is half-saved.
"""

from __future__ import annotations

from typing import Any, Literal

import questionary

from pm_coach.models.common import TEXT_MAX
from pm_coach.prompts import STYLE, ask

Choice = Literal["accept", "edit", "skip", "stop"]


def _line_ok(value: str) -> bool | str:
    if not value.strip():
        return "Write the line, or press Esc and pick Skip."
    if len(value.strip()) > TEXT_MAX:
        return f"Keep it under {TEXT_MAX} characters."
    return True


def review_bullet(number: int, total: int, entry: str, draft: str, **io: Any) -> tuple[Choice, str]:
    """Show one entry and its draft; returns what the user chose and the line to store."""
    choice: Choice = ask(
        questionary.select(
            f"[{number}/{total}] {entry}\n  Draft: {draft}\n ",
            choices=[
                questionary.Choice("Accept the draft", value="accept"),
                questionary.Choice("Edit it", value="edit"),
                questionary.Choice("Skip for now", value="skip"),
                questionary.Choice("Stop (keep what you accepted)", value="stop"),
            ],
            instruction="(↑/↓, then Enter)",
            style=STYLE,
            **io,
        )
    )
    if choice == "accept":
        return choice, draft
    if choice != "edit":
        return choice, ""
    text = ask(
        questionary.text(
            "Your line:",
            default=draft,
            validate=_line_ok,
            instruction="(edit, then Enter)",
            style=STYLE,
            **io,
        )
    )
    return choice, " ".join(text.split())
