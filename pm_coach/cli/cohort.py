"""``pm-coach cohort list|report|match``: a programme lead's view over a folder of member files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pm_coach.cli.options import AsJson, Force, OutputFile, format_option
from pm_coach.cli.state import state

if TYPE_CHECKING:
    from pm_coach.app.cohort import Cohort
    from pm_coach.app.emit import Output

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


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="cohort")


Make = Callable[[typer.Context, "Cohort"], "Output"]


def _cohort_command(result: str, formats: str) -> Callable[[Make], Callable[..., None]]:
    """Turn ``make(ctx, cohort)`` into a command with the options every cohort command takes:
    --dir, --skip-bad, --map, and --format (``formats`` is its help), -o, --force, --json.

    ``result`` names the command's Output class in ``pm_coach.app.cohort``, imported only when
    the command runs so that ``--help`` stays fast. The output options are checked before any
    member file is read."""

    def wrap(make: Make) -> Callable[..., None]:
        def command(
            ctx: typer.Context,
            folder: DirOption = Path("."),
            fmt: str | None = None,
            output: OutputFile = None,
            force: Force = False,
            as_json: AsJson = False,
            skip_bad: SkipBad = False,
            map_id: MapOption = None,
        ) -> None:
            from pm_coach.app import cohort
            from pm_coach.app.emit import check_options, emit

            check_options(getattr(cohort, result), fmt, output, as_json)
            loaded = cohort.load_cohort(folder, skip_bad=skip_bad, map_id=map_id)
            emit(make(ctx, loaded), fmt, output, force, as_json=as_json)

        command.__annotations__ = {**command.__annotations__, "fmt": format_option(formats)}
        command.__name__ = command.__qualname__ = make.__name__
        command.__doc__ = make.__doc__
        return command

    return wrap


@app.command("list")
@_cohort_command("MembersResult", "terminal (the default on screen) or json.")
def list_(ctx: typer.Context, cohort: Cohort) -> Output:
    """List the cohort's members: focus gaps, strengths, mentoring places, last shared."""
    from pm_coach.app.cohort import members

    return members(cohort)


@app.command("report")
@_cohort_command(
    "CohortReportResult",
    "terminal (the default on screen), markdown, html or json; markdown with -o.",
)
def report(ctx: typer.Context, cohort: Cohort) -> Output:
    """Where the cohort stands per gap, the weakest gaps across it (session topics), and who has
    gone quiet (no update shared for 30 days)."""
    from pm_coach.app.cohort import report as make_report

    return make_report(state(ctx).folder, cohort, dt.date.today())


@app.command("match")
@_cohort_command("MatchResult", "text (the default on screen) or json; json with -o.")
def match(ctx: typer.Context, cohort: Cohort) -> Output:
    """Pair mentees with mentors: a mentor strong where the mentee is furthest below target,
    never their own manager, within each mentor's places. The same files always give the same
    pairs. JSON: {"pairs": [{"mentee", "mentor", "reason"}], "unmatched": [names]}. Needs the
    cohort extra: pip install 'pm-coach[cohort]'."""
    from pm_coach.app.cohort import match as solve

    return solve(state(ctx).folder, cohort)
