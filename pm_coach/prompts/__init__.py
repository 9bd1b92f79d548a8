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


# The kinds of evidence the form offers, as it words them.
KIND_CHOICES: tuple[tuple[str, str], ...] = (
    ("Work (your job)", "work"),
    ("Volunteer work", "volunteer"),
    ("A talk", "talk"),
    ("A publication (article, post, paper)", "publication"),
)


def log_form(
    gaps: Sequence[tuple[str, str]],
    today: dt.date,
    *,
    suggested: Sequence[str] | Callable[[str], Sequence[str]] = (),
    actions: Sequence[tuple[str, str]] = (),
    given: EvidenceInput | None = None,
    **io: Any,
) -> EvidenceInput:
    """Ask for one evidence entry: text, gaps, result, metrics, scope, date; then, if the person
    wants more, kind (and org when not work), goal, tags and the plan action (one of ``actions``,
    the active plan's open ones as ``(id, title)``).

    ``suggested`` gaps are pre-ticked; given as a function, it is called with the typed text.
    The scope is pre-selected from the words of the text and result when they show one.
    ``given`` holds values from the command line, used as the answers' defaults.
    Ctrl-C or Esc after the text asks once whether to keep what was typed so far.
    """
    raw = EvidenceInput(text="")
    if given is not None:
        raw.tags, raw.goal, raw.kind, raw.org = list(given.tags), given.goal, given.kind, given.org
        raw.action, raw.scope = given.action, given.scope
    text = ask(
        questionary.text(
            "What did you do?",
            validate=lambda v: bool(v.strip()) or "Say in one line what you did.",
            style=STYLE,
            **io,
        )
    )
    raw.text = text.strip()
    try:
        _rest_of_form(raw, gaps, today, suggested, actions, io)
    except Cancelled:
        if not confirm("Save what you typed so far?", default=True, **io):
            raise
    return raw


def _rest_of_form(
    raw: EvidenceInput,
    gaps: Sequence[tuple[str, str]],
    today: dt.date,
    suggested: Sequence[str] | Callable[[str], Sequence[str]],
    actions: Sequence[tuple[str, str]],
    io: dict[str, Any],
) -> None:
    """Every question after the text, each answer stored in ``raw`` as soon as it is given."""
    if callable(suggested):
        suggested = suggested(raw.text)
    raw.gaps = list(
        ask(
            questionary.checkbox(
                "Which gaps does it show progress on?",
                choices=[
                    questionary.Choice(f"{name} ({gid})", value=gid, checked=gid in suggested)
                    for gid, name in gaps
                ],
                instruction="(space ticks, enter goes on)",
                style=STYLE,
                **io,
            )
        )
    )
    raw.result = ask(questionary.text("What came of it? (optional)", style=STYLE, **io)).strip()
    metrics = ask(
        questionary.text(
            "Any numbers? (optional; separate several with ';', e.g. +12% activation; 3 teams)",
            style=STYLE,
            **io,
        )
    )
    raw.metrics = _split(metrics)
    guessed = guess_scope(raw.text, raw.result)
    raw.scope = ask(
        questionary.select(
            "How far did it reach?",
            choices=[questionary.Choice(title, value=value) for title, value in SCOPE_CHOICES],
            default=raw.scope or (guessed[0] if guessed else ""),
            style=STYLE,
            **io,
        )
    )
    raw.date = ask(
        questionary.text(
            "When did it happen?",
            default="today",
            validate=_validator(lambda v: parse_date(v, today)),
            instruction=f"({EXAMPLES})",
            style=STYLE,
            **io,
        )
    )
    more = "More: kind, goal, tags" + (", plan action" if actions else "") + "?"
    if not confirm(more, default=False, **io):
        return
    raw.kind = ask(
        questionary.select(
            "What kind of evidence is it?",
            choices=[questionary.Choice(title, value=value) for title, value in KIND_CHOICES],
            default=raw.kind if raw.kind in [v for _, v in KIND_CHOICES] else "work",
            style=STYLE,
            **io,
        )
    )
    if raw.kind != "work":
        raw.org = ask(
            questionary.text(
                "Which organisation? (optional: the charity, conference or publisher)",
                default=raw.org,
                style=STYLE,
                **io,
            )
        ).strip()
    raw.goal = ask(
        questionary.text(
            "Which business goal did it serve? (optional)", default=raw.goal, style=STYLE, **io
        )
    ).strip()
    tags = ask(
        questionary.text(
            "Tags? (optional; separate several with ';')",
            default="; ".join(raw.tags),
            style=STYLE,
            **io,
        )
    )
    raw.tags = _split(tags)
    if actions:
        choices = [questionary.Choice("None of them", value="")]
        choices += [questionary.Choice(f"{aid} · {title}", value=aid) for aid, title in actions]
        known = {aid for aid, _ in actions}
        raw.action = ask(
            questionary.select(
                "Does it finish an action of your plan?",
                choices=choices,
                default=raw.action if raw.action in known else "",
                style=STYLE,
                **io,
            )
        )


def confirm(message: str, *, default: bool = False, **io: Any) -> bool:
    return bool(ask(questionary.confirm(message, default=default, style=STYLE, **io)))
