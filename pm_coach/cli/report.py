"""``pm-coach report``: progress at a glance, in the terminal or as a page to share."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from pm_coach.cli.options import AsJson, Force, MapId, OutputFile, format_option
from pm_coach.cli.state import state

HELP = """Show progress at a glance: each gap's level against its target, how it has moved, the
evidence behind it, the level that evidence supports (backed), what others see, and what
comes next.

Examples:

  pm-coach report

  pm-coach report --format html -o progress.html

  pm-coach report --since 2026-01-01 --json
"""


Format = format_option("terminal (the default on screen), markdown, html or json.")


def register(app: typer.Typer) -> None:
    app.command("report", help=HELP)(report)


def report(
    ctx: typer.Context,
    since: Annotated[
        str | None,
        typer.Option(
            "--since", help="Measure change from the first assessment on or after this date."
        ),
    ] = None,
    fmt: Format = None,
    output: OutputFile = None,
    force: Force = False,
    as_json: AsJson = False,
    map_id: MapId = None,
    window: Annotated[
        int,
        typer.Option(
            "--window",
            metavar="DAYS",
            help="Count evidence from this many days before the latest assessment.",
        ),
    ] = 365,
    raters: Annotated[
        bool,
        typer.Option("--raters", help="Show each rater's level and notes, not only the median."),
    ] = False,
) -> None:
    from pm_coach.app.emit import check_options, emit
    from pm_coach.app.report import ReportResult
    from pm_coach.app.report import report as build

    check_options(ReportResult, fmt, output, as_json)
    result = build(
        state(ctx), dt.date.today(), since=since, map_id=map_id, window=window, raters=raters
    )
    emit(result, fmt, output, force, as_json=as_json)
