"""``pm-coach log``: one evidence entry from the options or the form, tagged, saved, and what
the command says about it (the gap it guessed, the scope it read, plan actions it may finish)."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

from pm_coach.app import terminal
from pm_coach.app.emit import Message
from pm_coach.app.workspace import Workspace
from pm_coach.core.evidence_input import EvidenceInput
from pm_coach.errors import PreconditionError

__all__ = ["EvidenceInput", "log", "said"]

if TYPE_CHECKING:
    from pm_coach.core.gap_model import GapModel
    from pm_coach.core.suggest import Suggestion
    from pm_coach.models import SkillMap


class Saved(Protocol):
    """An entry as saved: an ``Evidence``, or on the lean path an ``EvidenceView``."""

    id: str
    date: dt.date
    text: str
    gaps: list[str]
    action: str


def log(
    ws: Workspace,
    today: dt.date,
    text: str | None,
    given: EvidenceInput,
    *,
    map_id: str | None,
    no_suggest: bool,
) -> Message:
    """Save a new entry: ``text`` and the other options as typed (``given``), or, with no
    ``text``, what the form asks for (the options fill what it does not ask)."""
    from pm_coach.core.evidence import build_entry
    from pm_coach.store.log_file import now_utc

    skill_map = ws.skill_map(map_id)
    typed = text is not None
    gap = list(given.gaps)
    if text is None:
        raw = ask(ws, skill_map, today, suggested=gap, no_suggest=no_suggest, given=given)
    else:
        raw = given
        raw.text = text
    if raw.action.strip():
        from pm_coach.app.plan import action_gap

        action_gap(ws.folder, skill_map, raw.action)  # an unknown id lists the plan's ids
    model = None if gap or no_suggest else ws.gap_model(skill_map)
    suggestion = None
    scope_guess = None
    if typed and not raw.scope and not no_suggest:
        from pm_coach.core.evidence import guess_scope

        scope_guess = guess_scope(raw.text, raw.result)
        if scope_guess is not None:
            raw.scope = scope_guess[0]
    if typed and not raw.gaps and not raw.action and not no_suggest:
        from pm_coach.core.suggest import suggest_gap

        suggestion = suggest_gap(raw.text, raw.result, skill_map, model)
        if suggestion is not None:
            raw.gaps = [suggestion.gap]
    entry = build_entry(raw, entry_id="new", skill_map=skill_map, today=today, created=now_utc())
    saved = ws.evidence.append(lambda new_id: entry.model_copy(update={"id": new_id}))
    lines = said(saved, raw, skill_map.gap_ids, gap, typed, suggestion, model, scope_guess)
    if not saved.action:
        from pm_coach.app.plan import offers_for

        lines += [
            f"  Looks like {o.action_id} is done: "
            f"pm-coach plan done {o.action_id} --evidence {o.evidence_id}"
            for o in offers_for(ws.folder, saved, skill_map, today)
        ]
    if map_id is None:
        ws.keep_log_view()
    return Message(tuple(lines))


def said(
    saved: Saved,
    raw: EvidenceInput,
    gap_ids: Sequence[str],
    gap: list[str],
    typed: bool,
    suggestion: Suggestion | None,
    model: GapModel | None,
    scope_guess: tuple[str, str] | None,
) -> list[str]:
    """What ``log`` says about the entry it saved, less the plan actions it may finish: the
    line it logged, the gap it guessed (or how to add one) and the scope it read. The full path
    and the lean one (app/lean_log.py) both say it with this."""
    edit = f"pm-coach evidence edit {saved.id}"
    from pm_coach.render.evidence import summary_line
    from pm_coach.render.plain import screen_width

    # as on an 80-column line (room for "Logged "), narrower when the screen is
    lines = [f"Logged {summary_line(saved, min(screen_width(sys.stdout), 80) - 9)}"]
    if suggestion is not None:
        words = ", ".join(f'"{w}"' for w in suggestion.matched[:3])
        guessed = suggestion.gap
        other = suggestion.also or next((g for g in gap_ids if g != guessed), None)
        change = f"--add-gap {other}" if other else ""
        lines.append(
            f"  Tagged {guessed} (suggested from {words}). If it shows another gap, "
            f"change it with: {edit} --rm-gap {guessed} {change}".rstrip()
        )
        if suggestion.also:
            also = suggestion.also
            lines.append(f"  It may show {also} too; add it with: {edit} --add-gap {also}")
    elif raw.action and not gap and saved.gaps:
        lines.append(f"  Tagged {', '.join(saved.gaps)}, the gap of action {saved.action}.")
    elif not saved.gaps:
        close: tuple[str, ...] = ()
        if model is not None and typed:
            from pm_coach.core.suggest import model_shortlist

            close = model_shortlist(raw.text, raw.result, model)
        reads = f": it reads like {close[0]} or {close[1]}" if close else ""
        first = close[0] if close else gap_ids[0]
        lines.append(f"  No gap tagged{reads}. Add one with: {edit} --add-gap {first}")
    if scope_guess is not None:
        from pm_coach.models.limits import SCOPES

        guessed = scope_guess[0]
        lines.append(
            f'  Scope {guessed} (from "{scope_guess[1]}"), one of {", ".join(SCOPES)}. '
            f"To change it: {edit} --scope {_nearest_scope(guessed)}"
        )
    return lines


def _nearest_scope(scope: str) -> str:
    """The scope one step narrower than ``scope`` (the widest but one for the narrowest):
    the likeliest fix when a word made the guess too wide."""
    from pm_coach.models.limits import SCOPES

    at = SCOPES.index(scope)
    return SCOPES[at - 1] if at > 0 else SCOPES[1]


def ask(
    ws: Workspace,
    skill_map: SkillMap,
    today: dt.date,
    *,
    suggested: list[str],
    no_suggest: bool,
    given: EvidenceInput | None = None,
) -> EvidenceInput:
    """The entry from the interactive form; it pre-ticks ``suggested``, else (unless
    ``no_suggest``) the gaps the typed text suggests. Its last, optional step offers the active
    plan's open actions; options from the command line (``given``) are the answers' defaults."""
    if not terminal.interactive():
        raise PreconditionError(
            "no TEXT given, and this is not an interactive terminal.",
            hint="Pass what you did as an argument: "
            'pm-coach log "Ran the pricing review" --gap strategy',
        )
    from pm_coach import prompts

    pretick = suggested or (
        [] if no_suggest else form_suggester(skill_map, ws.gap_model(skill_map))
    )
    from pm_coach.app.plan import open_actions

    return prompts.log_form(
        [(g.id, g.name) for g in skill_map.gaps],
        today,
        suggested=pretick,
        actions=open_actions(ws.folder, skill_map),
        given=given,
    )


def form_suggester(
    skill_map: SkillMap, model: GapModel | None = None
) -> Callable[[str], list[str]]:
    """The gaps the form pre-ticks, worked out from the text once it has been typed."""

    def suggested(text: str) -> list[str]:
        from pm_coach.core.suggest import pretick_gaps

        return pretick_gaps(text, "", skill_map, model)

    return suggested
