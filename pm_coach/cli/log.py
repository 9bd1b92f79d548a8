"""``pm-coach log``: record a piece of evidence in seconds."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from pm_coach.cli.state import interactive, state
from pm_coach.errors import PreconditionError

HELP = """Record evidence of progress: what you did, what came of it, which gaps it shows.

Examples:

  pm-coach log "Ran the Q3 bet review with finance" --gap strategy
  --result "Dropped two bets" --metric "saves 3 eng-months"

  pm-coach log "Spoke on pricing at a meetup" --kind talk --org ProductTank
  --gap domain --date "last tuesday"

With no TEXT on a terminal, a short form asks for each field.
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
        str, typer.Option("--action", "-a", help="Id of the plan action this fulfils.")
    ] = "",
    map_id: Annotated[
        str | None,
        typer.Option("--map", help="Skill map whose gaps to use (default: your profile's)."),
    ] = None,
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

        raw = prompts.log_form([(g.id, g.name) for g in skill_map.gaps], today, suggested=gap or [])
        raw.tags, raw.goal, raw.kind, raw.org, raw.action = tag or [], goal, kind, org, action
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
        )
    entry = build_entry(raw, entry_id="new", skill_map=skill_map, today=today, created=now_utc())
    saved = st.evidence.append(lambda new_id: entry.model_copy(update={"id": new_id}))
    print(f"Logged {summary_line(saved)}")
    if not saved.gaps:
        print(f"  No gap tagged. Add one with: pm-coach evidence edit {saved.id}")
