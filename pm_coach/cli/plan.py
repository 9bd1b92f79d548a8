"""``pm-coach plan``: what to do in the coming weeks, sized to your time, leaving evidence."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from pm_coach.cli.options import AsJson, Force, OutputFile, format_option
from pm_coach.cli.state import state

HELP = """Turn your latest self-assessment into a plan for the coming weeks.

The plan ranks your gaps (the furthest below target first, raised when no recent evidence backs
the rating), picks 2-3 focus gaps and schedules actions from the skill map that fit your weekly
hours, each with a due date, the evidence it leaves and the log command that records it.
Actions you have logged evidence against show as done and the plan moves on.

Examples:

  pm-coach plan

  pm-coach plan --weeks 8 --start 2026-12-07 --hours 4

  pm-coach plan --format markdown -o plan.md

  pm-coach plan --json
"""

Format = format_option("terminal (the default on screen), markdown (the default with -o) or json.")


def register(app: typer.Typer) -> None:
    app.command("plan", help=HELP)(plan)


def plan(
    ctx: typer.Context,
    weeks: Annotated[
        int,
        typer.Option("--weeks", "-w", help="How many weeks the plan covers (1-52).", metavar="N"),
    ] = 12,
    start: Annotated[
        str,
        typer.Option(
            "--start",
            help="First day of the plan: YYYY-MM-DD, today, yesterday, 'N days ago', "
            "'last monday'.",
            metavar="DATE",
        ),
    ] = "today",
    hours: Annotated[
        float | None,
        typer.Option(
            "--hours",
            help="Hours a week you can give it (default: your profile's, else 3).",
            metavar="H",
        ),
    ] = None,
    map_id: Annotated[
        str | None,
        typer.Option(
            "--map", help="Skill map to plan with (default: your profile's).", metavar="ID"
        ),
    ] = None,
    fmt: Format = None,
    output: OutputFile = None,
    force: Force = False,
    as_json: AsJson = False,
) -> None:
    from pm_coach.app.emit import check_options, emit
    from pm_coach.app.plan import PlanResult
    from pm_coach.app.plan import plan as build

    check_options(PlanResult, fmt, output, as_json)
    result = build(
        state(ctx), dt.date.today(), start=start, weeks=weeks, hours=hours, map_id=map_id
    )
    emit(result, fmt, output, force, as_json=as_json)
