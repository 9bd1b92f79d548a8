"""The one seam to questionary. Imported only on interactive paths (never for --help or a
flagged ``log``), so start-up stays fast; tests drive it key by key through ``input``/``output``.

Every question here raises :class:`~pm_coach.errors.Cancelled` on Ctrl-C or Esc.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import questionary
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.keys import Keys

from pm_coach.core.dates import EXAMPLES, parse_date
from pm_coach.core.evidence import EvidenceInput, guess_scope
from pm_coach.errors import Cancelled, PmCoachError

STYLE = questionary.Style([("qmark", "fg:ansicyan bold"), ("answer", "fg:ansigreen")])


def _esc_cancels(question: questionary.Question) -> questionary.Question:
    extra = KeyBindings()

    @extra.add(Keys.Escape)
    def _(event: Any) -> None:
        event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

    application = question.application
    existing = application.key_bindings
    application.key_bindings = merge_key_bindings([existing, extra]) if existing else extra
    return question


def ask(question: questionary.Question) -> Any:
    """Run one question; Ctrl-C or Esc become :class:`Cancelled`."""
    try:
        answer = _esc_cancels(question).unsafe_ask()
    except (KeyboardInterrupt, EOFError):
        raise Cancelled() from None
    if answer is None:
        raise Cancelled()
    return answer


def _validator(check: Callable[[str], object]) -> Callable[[str], bool | str]:
    def validate(value: str) -> bool | str:
        try:
            check(value)
        except PmCoachError as exc:
            return exc.message
        return True

    return validate


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


# The scope question's choices, narrowest first; "" leaves the scope out.
SCOPE_CHOICES: tuple[tuple[str, str], ...] = (
    ("Just me", "self"),
    ("My team", "team"),
    ("Several teams", "teams"),
    ("The whole company", "company"),
    ("Outside the company (industry, community)", "external"),
    ("Not sure: leave it out", ""),
)


def log_form(
    gaps: Sequence[tuple[str, str]],
    today: dt.date,
    *,
    suggested: Sequence[str] | Callable[[str], Sequence[str]] = (),
    **io: Any,
) -> EvidenceInput:
    """Ask for one evidence entry: text, gaps, result, metrics, scope, date.

    ``suggested`` gaps are pre-ticked; given as a function, it is called with the typed text.
    The scope is pre-selected from the words of the text and result when they show one.
    """
    text = ask(
        questionary.text(
            "What did you do?",
            validate=lambda v: bool(v.strip()) or "Say in one line what you did.",
            style=STYLE,
            **io,
        )
    )
    if callable(suggested):
        suggested = suggested(text)
    chosen = ask(
        questionary.checkbox(
            "Which gaps does it show progress on? (space to tick, enter to go on)",
            choices=[
                questionary.Choice(f"{name} ({gid})", value=gid, checked=gid in suggested)
                for gid, name in gaps
            ],
            style=STYLE,
            **io,
        )
    )
    result = ask(questionary.text("What came of it? (optional)", style=STYLE, **io))
    metrics = ask(
        questionary.text(
            "Any numbers? (optional; separate several with ';', e.g. +12% activation; 3 teams)",
            style=STYLE,
            **io,
        )
    )
    guessed = guess_scope(text, result)
    scope = ask(
        questionary.select(
            "How far did it reach?",
            choices=[questionary.Choice(title, value=value) for title, value in SCOPE_CHOICES],
            default=guessed[0] if guessed else "",
            style=STYLE,
            **io,
        )
    )
    when = ask(
        questionary.text(
            "When did it happen?",
            default="today",
            validate=_validator(lambda v: parse_date(v, today)),
            instruction=f"({EXAMPLES})",
            style=STYLE,
            **io,
        )
    )
    return EvidenceInput(
        text=text.strip(),
        gaps=list(chosen),
        result=result.strip(),
        metrics=_split(metrics),
        date=when,
        scope=scope,
    )


def confirm(message: str, *, default: bool = False, **io: Any) -> bool:
    return bool(ask(questionary.confirm(message, default=default, style=STYLE, **io)))
