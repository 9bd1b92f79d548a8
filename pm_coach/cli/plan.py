"""``pm-coach plan``: the plan you keep (show, new, done, skip)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from pm_coach.cli.options import AsJson, Force, OutputFile, format_option
from pm_coach.cli.state import state
from pm_coach.errors import InputError

if TYPE_CHECKING:
    from pm_coach.app.plan import PlanResult

HELP = """Your plan: dated actions that produce evidence, kept until you make a new one.

Without a subcommand, shows your active plan with each action's status (open, done, skipped
or overdue). With no plan yet, it makes one (12 weeks from today) and says so.

Examples:

  pm-coach plan

  pm-coach plan --full

  pm-coach plan new --weeks 8 --hours 4 --away 2026-12-21..2027-01-03

  pm-coach plan done strategy-goal-map --evidence k3m9xq

  pm-coach plan --format markdown -o plan.md
"""

app = typer.Typer(help=HELP, invoke_without_command=True, no_args_is_help=False)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="plan")


FmtOpt = format_option("terminal (the default on screen), markdown (the default with -o) or json.")
OutOpt = OutputFile
ForceOpt = Force
JsonOpt = AsJson
FullOpt = Annotated[
    bool, typer.Option("--full", help="Show each action's steps, evidence, log line and resources.")
]


@app.callback()
def plan(
    ctx: typer.Context,
    fmt: FmtOpt = None,
    output: OutOpt = None,
    force: ForceOpt = False,
    as_json: JsonOpt = False,
    full: FullOpt = False,
) -> None:
    if ctx.invoked_subcommand is not None:
        if fmt or output or as_json or full or force:
            raise InputError(
                "put --json, --format, -o, --force and --full after the subcommand.",
                hint=f"For example: pm-coach plan {ctx.invoked_subcommand} --json",
            )
        return
    from pm_coach.app.emit import check_options
    from pm_coach.app.plan import PlanResult, show_plan

    check_options(PlanResult, fmt, output, as_json)
    result = show_plan(state(ctx).folder, dt.date.today())
    _emit(result, fmt, output, force, as_json, full)


@app.command("new")
def new(
    ctx: typer.Context,
    weeks: Annotated[
        int,
        typer.Option("--weeks", "-w", help="How many weeks the plan covers (1-52).", metavar="N"),
    ] = 12,
    start: Annotated[
        str,
        typer.Option(
            "--start",
            help="First day of the plan: YYYY-MM-DD, today, yesterday, '3 days ago', "
            "'last mon', '3 Nov'.",
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
    away: Annotated[
        list[str] | None,
        typer.Option(
            "--away",
            help="Days with no plan work, FIRST..LAST (repeatable), "
            "e.g. 2026-12-21..2027-01-03; added to the profile's standing ones.",
            metavar="A..B",
        ),
    ] = None,
    fmt: FmtOpt = None,
    output: OutOpt = None,
    force: ForceOpt = False,
    as_json: JsonOpt = False,
    full: FullOpt = False,
) -> None:
    """Make a new plan from your latest assessment and keep it as your active plan.

    Due dates are fixed once saved. Actions done in earlier plans (or skipped there) are
    carried over and not scheduled again; older plans stay in plans.toml as history.
    """
    from pm_coach.app.emit import check_options
    from pm_coach.app.plan import PlanResult, new_from_options

    check_options(PlanResult, fmt, output, as_json)
    result = new_from_options(
        state(ctx).folder,
        dt.date.today(),
        start=start,
        weeks=weeks,
        hours=hours,
        map_id=map_id,
        away=away or [],
    )
    _emit(result, fmt, output, force, as_json, full)


@app.command("done")
def done(
    ctx: typer.Context,
    action_id: Annotated[str, typer.Argument(metavar="ID", help="The action's id.")],
    evidence: Annotated[
        str,
        typer.Option(
            "--evidence", "-e", help="Id of the evidence entry that shows it.", metavar="EID"
        ),
    ] = "",
) -> None:
    """Mark an action of your active plan done."""
    from pm_coach.app.emit import emit
    from pm_coach.app.plan import done as mark

    emit(mark(state(ctx).folder, action_id, dt.date.today(), evidence))


@app.command("skip")
def skip(
    ctx: typer.Context,
    action_id: Annotated[str, typer.Argument(metavar="ID", help="The action's id.")],
    why: Annotated[
        str,
        typer.Option("--why", help="Why you skip it (kept with the plan).", show_default=False),
    ],
) -> None:
    """Skip an action of your active plan, saying why; it will not be planned again."""
    from pm_coach.app.emit import emit
    from pm_coach.app.plan import skip as mark

    emit(mark(state(ctx).folder, action_id, dt.date.today(), why))


def _emit(
    result: PlanResult,
    fmt: str | None,
    output: str | None,
    force: bool,
    as_json: bool,
    full: bool,
) -> None:
    from dataclasses import replace

    from pm_coach.app.emit import emit

    emit(replace(result, full=full), fmt, output, force, as_json=as_json)
