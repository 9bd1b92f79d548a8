"""``pm-coach next``: what to do this week, from your saved plan."""

from __future__ import annotations

import datetime as dt

import typer

from pm_coach.cli.options import AsJson, Force, OutputFile, format_option
from pm_coach.cli.state import state

Format = format_option("text (the default) or json.")

HELP = """What to do this week: overdue actions, what is due in the next 7 days (each with the
line that logs it), what comes next, how far each focus gap has come, people gone quiet and
gaps with no evidence for 90 days. Run it each Monday.

With no plan yet it makes one first (as pm-coach plan does) and says so.

Examples:

  pm-coach next

  pm-coach next --json
"""


def register(app: typer.Typer) -> None:
    app.command("next", help=HELP)(next_)


def next_(
    ctx: typer.Context,
    fmt: Format = None,
    output: OutputFile = None,
    force: Force = False,
    as_json: AsJson = False,
) -> None:
    from pm_coach.app.emit import check_options, emit
    from pm_coach.app.plan import WeekResult, week

    check_options(WeekResult, fmt, output, as_json)
    emit(week(state(ctx).folder, dt.date.today()), fmt, output, force, as_json=as_json)
