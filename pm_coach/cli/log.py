"""``pm-coach log``: record a piece of evidence in seconds."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from pm_coach.cli.state import state

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
With no TEXT on a terminal, a short form asks for each field and pre-ticks the suggestion;
its last step (More?) asks kind, organisation, goal, tags and the plan action. Ctrl-C after the
first answer asks whether to save what was typed.
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
        typer.Option(
            "--gap", "-g", help="Gap id it shows progress on (repeatable, or several with commas)."
        ),
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
            "--date",
            "-d",
            help="When: YYYY-MM-DD, today, yesterday, '3 days ago', '2 weeks ago', 'last fri', "
            "'3 Nov'.",
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
    from pm_coach.app.emit import emit
    from pm_coach.app.log import EvidenceInput
    from pm_coach.app.log import log as save

    given = EvidenceInput(
        text=text or "",
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
    emit(save(state(ctx), dt.date.today(), text, given, map_id=map_id, no_suggest=no_suggest))
