"""The interactive assessment: three questions per gap (level, target, optional note).

The user picks the statement that describes what they do now, not a number; earlier ratings are
never shown here (the result table compares them once everything is answered). Ctrl-C or Esc at
any question raises :class:`~pm_coach.errors.Cancelled` before anything is saved.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

import questionary

from pm_coach.core.assessment import Ratings
from pm_coach.models import Gap
from pm_coach.models.common import TEXT_MAX
from pm_coach.models.skillmap import LEVEL_LABELS
from pm_coach.prompts import STYLE, ask

POINTER_WIDTH = 3  # questionary draws " » " (or three spaces) before every choice


class _Statement(questionary.Choice):
    """A choice that shows its full statement in the list and a short label once answered."""

    def __init__(self, statement: str, short: str, value: int) -> None:
        self._short = short
        super().__init__(title=statement, value=value)

    @property  # type: ignore[override]
    def title(self) -> str:
        from prompt_toolkit.application.current import get_app

        return self._short if get_app().is_done else self._long

    @title.setter
    def title(self, value: str) -> None:
        self._long = value


def wrap_statement(text: str, width: int) -> str:
    """Wrap a statement to the terminal, continuation lines indented under the first."""
    pad = " " * POINTER_WIDTH
    usable = max(width - 1, 30)
    return textwrap.fill(text, width=usable, initial_indent=pad, subsequent_indent=pad)[
        POINTER_WIDTH:
    ]


def level_label(level: int) -> str:
    return f"level {level} ({LEVEL_LABELS[level - 1]})"


def _note_ok(value: str) -> bool | str:
    if len(value.strip()) > TEXT_MAX:
        return f"Keep the note under {TEXT_MAX} characters."
    return True


# The motivation check: product leadership means managing PMs, and not every strong PM wants to.
MOTIVATION_QUESTION = "Before the gaps: what do you want your next role to be mostly about?"
MOTIVATION_CHOICES: tuple[tuple[str, str], ...] = (
    ("Leading a team of PMs: hiring them, coaching them and setting direction", "manage"),
    ("Staying hands-on as a principal or staff PM, with no one reporting to me", "ic"),
    ("Being the company's go-to expert in one product area or domain", "expert"),
    ("I am not sure yet", "unsure"),
    ("Skip this question", ""),
)


def motivation_form(width: int, **io: Any) -> str | None:
    """Ask the motivation check; returns manage, ic, expert or unsure, or None when skipped."""
    answer = ask(
        questionary.select(
            MOTIVATION_QUESTION,
            choices=[
                _Statement(wrap_statement(text, width), text.split(":")[0], value or "skip")
                for text, value in MOTIVATION_CHOICES
            ],
            instruction="(it shapes your plan; ↑/↓, then Enter)",
            style=STYLE,
            **io,
        )
    )
    return None if answer == "skip" else str(answer)


def assess_form(
    gaps: Sequence[Gap],
    default_targets: Mapping[str, int],
    *,
    width: int | None = None,
    ask_motivation: bool = False,
    **io: Any,
) -> Ratings:
    """Ask about each gap in turn (after the motivation check when ``ask_motivation``);
    returns the ratings once every question is answered."""
    cols = width or shutil.get_terminal_size((80, 24)).columns
    ratings = Ratings()
    if ask_motivation:
        ratings.motivation = motivation_form(cols, **io)
    total = len(gaps)
    for number, gap in enumerate(gaps, start=1):
        level = ask(
            questionary.select(
                f"[{number}/{total}] {gap.name} · what do you do now?",
                choices=[
                    _Statement(wrap_statement(text, cols), f"level {i}", i)
                    for i, text in enumerate(gap.levels, start=1)
                ],
                instruction="(pick the closest statement: ↑/↓, then Enter)",
                style=STYLE,
                **io,
            )
        )
        target = ask(
            questionary.select(
                f"[{number}/{total}] {gap.name} · level your target role needs?",
                choices=[_Statement(level_label(i), f"level {i}", i) for i in range(1, 6)],
                default=default_targets.get(gap.id, 4),
                instruction="(↑/↓, then Enter)",
                style=STYLE,
                **io,
            )
        )
        note = ask(
            questionary.text(
                f"[{number}/{total}] {gap.name} · a note?",
                instruction="(optional; Enter to skip)",
                validate=_note_ok,
                style=STYLE,
                **io,
            )
        )
        ratings.levels[gap.id] = int(level)
        ratings.targets[gap.id] = int(target)
        if note.strip():
            ratings.notes[gap.id] = " ".join(note.split())
    return ratings
