"""``pm-coach cohort list|report|match``: a programme lead's view over a folder of member files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from pm_coach.cli.options import AsJson, Force, OutputFile, format_option
from pm_coach.cli.state import state

app = typer.Typer(
    help="For a mentoring programme: read the member files in a shared folder (written with "
    "'pm-coach share'), see where the cohort stands, and pair mentees with mentors. A file "
    "with a problem stops the command with every problem listed, unless --skip-bad.",
    no_args_is_help=True,
)

DirOption = Annotated[
    Path,
    typer.Option("--dir", help="The cohort's shared folder (default: here).", metavar="DIR"),
]
SkipBad = Annotated[
    bool,
    typer.Option("--skip-bad", help="Leave out member files with problems, and say which."),
]
MapOption = Annotated[
    str | None,
    typer.Option(
        "--map", help="The cohort's skill map (default: the one most members use).", metavar="ID"
    ),
]
ListFormat = format_option("terminal (the default on screen) or json.")
ReportFormat = format_option(
    "terminal (the default on screen), markdown, html or json; markdown with -o."
)
MatchFormat = format_option("text (the default on screen) or json; json with -o.")


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="cohort")


@app.command("list")
def list_(
    folder: DirOption = Path("."),
    fmt: ListFormat = None,
    output: OutputFile = None,
    force: Force = False,
    as_json: AsJson = False,
    skip_bad: SkipBad = False,
    map_id: MapOption = None,
) -> None:
    """List the cohort's members: focus gaps, strengths, mentoring places, last shared."""
    from pm_coach.app.cohort import MembersResult, load_cohort, members
    from pm_coach.app.emit import check_options, emit

    check_options(MembersResult, fmt, output, as_json)
    result = members(load_cohort(folder, skip_bad=skip_bad, map_id=map_id))
    emit(result, fmt, output, force, as_json=as_json)


@app.command("report")
def report(
    ctx: typer.Context,
    folder: DirOption = Path("."),
    fmt: ReportFormat = None,
    output: OutputFile = None,
    force: Force = False,
    as_json: AsJson = False,
    skip_bad: SkipBad = False,
    map_id: MapOption = None,
) -> None:
    """Where the cohort stands per gap, the weakest gaps across it (session topics), and who has
    gone quiet (no update shared for 30 days)."""
    from pm_coach.app.cohort import CohortReportResult, load_cohort
    from pm_coach.app.cohort import report as make_report
    from pm_coach.app.emit import check_options, emit

    check_options(CohortReportResult, fmt, output, as_json)
    cohort = load_cohort(folder, skip_bad=skip_bad, map_id=map_id)
    emit(make_report(state(ctx).folder, cohort, dt.date.today()), fmt, output, force,
         as_json=as_json)  # fmt: skip


@app.command("match")
def match(
    ctx: typer.Context,
    folder: DirOption = Path("."),
    fmt: MatchFormat = None,
    output: OutputFile = None,
    force: Force = False,
    as_json: AsJson = False,
    skip_bad: SkipBad = False,
    map_id: MapOption = None,
) -> None:
    """Pair mentees with mentors: a mentor strong where the mentee is furthest below target,
    never their own manager, within each mentor's places. The same files always give the same
    pairs. JSON: {"pairs": [{"mentee", "mentor", "reason"}], "unmatched": [names]}. Needs the
    cohort extra: pip install 'pm-coach[cohort]'."""
    from pm_coach.app.cohort import MatchResult, load_cohort
    from pm_coach.app.cohort import match as solve
    from pm_coach.app.emit import check_options, emit

    check_options(MatchResult, fmt, output, as_json)
    cohort = load_cohort(folder, skip_bad=skip_bad, map_id=map_id)
    emit(solve(state(ctx).folder, cohort), fmt, output, force, as_json=as_json)
