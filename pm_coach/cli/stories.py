"""``pm-coach stories``: the questions a panel asks, and your best logged answer to each."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from pm_coach.cli.options import AsJson, Force, OutputFile, format_option
from pm_coach.cli.state import state

HELP = """List the questions a Head of Product interview or promotion panel tends to ask, each
with your best logged evidence as a situation-action-result outline.

Evidence is matched by gap, reach (scope), result and number. A question with no story, or only
a weak one, names the action that would give you one. The questions come from the active skill
map.

Examples:

  pm-coach stories

  pm-coach stories --format markdown -o stories.md

  pm-coach stories --json
"""


Format = format_option("terminal (plain text, the default), markdown or json.")


def register(app: typer.Typer) -> None:
    app.command("stories", help=HELP)(stories)


def stories(
    ctx: typer.Context,
    fmt: Format = None,
    output: OutputFile = None,
    force: Force = False,
    as_json: AsJson = False,
    map_id: Annotated[
        str | None,
        typer.Option(
            "--map",
            help="Skill map whose questions to use (default: your profile's).",
            metavar="ID",
        ),
    ] = None,
) -> None:
    from pm_coach.app.emit import check_options, emit
    from pm_coach.app.stories import StoriesResult
    from pm_coach.app.stories import stories as build

    check_options(StoriesResult, fmt, output, as_json)
    emit(build(state(ctx), dt.date.today(), map_id), fmt, output, force, as_json=as_json)
