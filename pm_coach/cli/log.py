"""``pm-coach log``: record a piece of evidence in seconds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from pm_coach.cli.state import interactive, state
from pm_coach.errors import PreconditionError

if TYPE_CHECKING:
    from pm_coach.core.gap_model import GapModel
    from pm_coach.models import SkillMap

HELP = """Record evidence of progress: what you did, what came of it, which gaps it shows.

Examples:

  pm-coach log "Ran the Q3 bet review with finance" --gap strategy
  --result "Dropped two bets" --metric "saves 3 eng-months"

  pm-coach log "Spoke on pricing at a meetup" --kind talk --org ProductTank
  --gap domain --date "last tuesday"

With --action ID and no --gap, the entry is tagged with that action's gap and the action counts
as done in your plan. Otherwise, without --gap, pm-coach suggests a gap from the words of TEXT
and --result and tags the entry with it when one clearly stands out (it says so; --no-suggest
turns this off).
Without --scope, words such as "board" or "exec" (company) and "meetup", "conference" or
"podcast" (external) set the scope, and it says so. Scope is how far the work reached; the
level your evidence supports depends on it (see docs/calibration.md).
With no TEXT on a terminal, a short form asks for each field and pre-ticks the suggestion.
"""


def register(app: typer.Typer) -> None:
    app.command("log", help=HELP)(log)


def log(
    ctx: typer.Context,
    text: Annotated[
        str | None, typer.Argument(help="What you did, in one line.", show_default=False)
    ] = None,
    gap: Annotated[
        list[str] | None,
        typer.Option("--gap", "-g", help="Gap id it shows progress on (repeatable)."),
    ] = None,
    result: Annotated[str, typer.Option("--result", "-r", help="What came of it.")] = "",
    metric: Annotated[
        list[str] | None,
        typer.Option(
            "--metric", "-m", help='A number that shows it, e.g. "+12% activation" (repeatable).'
        ),
    ] = None,
    tag: Annotated[
        list[str] | None, typer.Option("--tag", "-t", help="A free tag (repeatable).")
    ] = None,
    goal: Annotated[str, typer.Option("--goal", help="The business goal it served.")] = "",
    date: Annotated[
        str,
        typer.Option(
            "--date", "-d", help="When: YYYY-MM-DD, today, yesterday, 'N days ago', 'last friday'."
        ),
    ] = "today",
    kind: Annotated[
        str, typer.Option("--kind", "-k", help="work, volunteer, talk or publication.")
    ] = "work",
    org: Annotated[
        str,
        typer.Option("--org", help="The organisation, for volunteer work, talks and publications."),
    ] = "",
    action: Annotated[
        str,
        typer.Option(
            "--action",
            "-a",
            help="Id of the plan action this fulfils (tags its gap unless --gap is given).",
        ),
    ] = "",
    scope: Annotated[
        str,
        typer.Option(
            "--scope",
            help="How far it reached: self, team, teams (several), company or external.",
        ),
    ] = "",
    map_id: Annotated[
        str | None,
        typer.Option("--map", help="Skill map whose gaps to use (default: your profile's)."),
    ] = None,
    no_suggest: Annotated[
        bool,
        typer.Option(
            "--no-suggest", help="Without --gap, leave the entry untagged instead of suggesting."
        ),
    ] = False,
) -> None:
    from pm_coach.core.evidence import EvidenceInput, build_entry, summary_line
    from pm_coach.store.evidence import now_utc

    st = state(ctx)
    skill_map = st.skill_map(map_id)
    today = dt.date.today()
    if text is None:
        if not interactive():
            raise PreconditionError(
                "no TEXT given, and this is not an interactive terminal.",
                hint="Pass what you did as an argument: "
                'pm-coach log "Ran the pricing review" --gap strategy',
            )
        from pm_coach import prompts

        suggested = gap or (
            [] if no_suggest else form_suggester(skill_map, st.gap_model(skill_map))
        )
        raw = prompts.log_form([(g.id, g.name) for g in skill_map.gaps], today, suggested=suggested)
        raw.tags, raw.goal, raw.kind, raw.org, raw.action = tag or [], goal, kind, org, action
        if scope:
            raw.scope = scope
    else:
        raw = EvidenceInput(
            text=text,
            gaps=gap or [],
            result=result,
            metrics=metric or [],
            tags=tag or [],
            goal=goal,
            date=date,
            kind=kind,
            org=org,
            action=action,
            scope=scope,
        )
    if raw.action.strip():
        from pm_coach.app.plan import action_gap

        action_gap(st.folder, skill_map, raw.action)  # an unknown id lists the plan's ids
    model = None if gap or no_suggest else st.gap_model(skill_map)
    suggestion = None
    scope_guess = None
    if text is not None and not raw.scope and not no_suggest:
        from pm_coach.core.evidence import guess_scope

        scope_guess = guess_scope(raw.text, raw.result)
        if scope_guess is not None:
            raw.scope = scope_guess[0]
    if text is not None and not raw.gaps and not raw.action and not no_suggest:
        from pm_coach.core.suggest import suggest_gap

        suggestion = suggest_gap(raw.text, raw.result, skill_map, model)
        if suggestion is not None:
            raw.gaps = [suggestion.gap]
    entry = build_entry(raw, entry_id="new", skill_map=skill_map, today=today, created=now_utc())
    saved = st.evidence.append(lambda new_id: entry.model_copy(update={"id": new_id}))
    print(f"Logged {summary_line(saved)}")
    if suggestion is not None:
        words = ", ".join(f'"{w}"' for w in suggestion.matched[:3])
        print(
            f"  Tagged {suggestion.gap} (suggested from {words}) — change it with: "
            f"pm-coach evidence edit {saved.id}"
        )
        edit = f"pm-coach evidence edit {saved.id}"
        if suggestion.also:
            print(f"  It may show {suggestion.also} too; add it with: {edit}")
    elif raw.action and not gap and saved.gaps:
        print(f"  Tagged {', '.join(saved.gaps)}, the gap of action {saved.action}.")
    elif not saved.gaps:
        close: tuple[str, ...] = ()
        if model is not None and text is not None:
            from pm_coach.core.suggest import shortlist

            close = shortlist(raw.text, raw.result, skill_map, model)
        reads = f": it reads like {close[0]} or {close[1]}" if close else ""
        print(f"  No gap tagged{reads}. Add one with: pm-coach evidence edit {saved.id}")
    if scope_guess is not None:
        print(
            f'  Scope {scope_guess[0]} (from "{scope_guess[1]}") — change it with: '
            f"pm-coach evidence edit {saved.id}"
        )
    if not saved.action:
        from pm_coach.app.plan import offers_for

        for o in offers_for(st.folder, saved, skill_map, today):
            print(
                f"  Looks like {o.action_id} is done: "
                f"pm-coach plan done {o.action_id} --evidence {o.evidence_id}"
            )


def form_suggester(
    skill_map: SkillMap, model: GapModel | None = None
) -> Callable[[str], list[str]]:
    """The gaps the form pre-ticks, worked out from the text once it has been typed."""

    def suggested(text: str) -> list[str]:
        from pm_coach.core.suggest import pretick_gaps

        return pretick_gaps(text, "", skill_map, model)

    return suggested
