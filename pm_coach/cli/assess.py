"""``pm-coach assess``: an honest self-assessment across the gaps of the active skill map."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from pm_coach.cli.state import state

HELP = """Rate yourself on each gap of your skill map, against the level your target role needs.

For every gap you pick the statement closest to what you actually do now (not a number), then
the level your target role needs (default 4), then an optional note. Ctrl-C or Esc cancels
without saving. The result shows each gap against its target, the change since your last
assessment, the level your evidence of the last year supports (Backed) and, when someone has
rated you (pm-coach feedback), the median of their ratings. A rating above what the evidence
supports is an over-claim, one below it an under-claim; docs/calibration.md has the rules.

Examples:

  pm-coach assess

  pm-coach assess --gap delegation

  pm-coach assess --map apm-to-pm

  pm-coach assess --answers answers.toml --date 2026-09-30

  pm-coach assess --history --json

--gap re-rates one gap (repeatable) and carries the others over from your last
assessment. --answers takes a TOML file with a [levels] table (gap id = 1..5), optional
[targets] and [notes] tables and an optional map = "id" line; see docs/assessment.md.
"""


def register(app: typer.Typer) -> None:
    app.command("assess", help=HELP)(assess)


def assess(
    ctx: typer.Context,
    gap: Annotated[
        list[str] | None,
        typer.Option(
            "--gap",
            "-g",
            help="Re-assess only this gap (repeatable); the others are carried over.",
            metavar="ID",
        ),
    ] = None,
    map_id: Annotated[
        str | None,
        typer.Option(
            "--map", help="Skill map to assess against (default: your profile's).", metavar="ID"
        ),
    ] = None,
    answers: Annotated[
        str | None,
        typer.Option(
            "--answers",
            help="Take the ratings from this TOML file instead of asking (no terminal needed).",
            metavar="FILE",
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            "-d",
            metavar="DATE",
            help="Date the assessment (back-date it): YYYY-MM-DD, yesterday, '2 weeks ago', "
            "'3 Nov'… Default: today.",
        ),
    ] = None,
    window: Annotated[
        int,
        typer.Option(
            "--window",
            metavar="DAYS",
            help="Count evidence from this many days before the assessment date.",
        ),
    ] = 365,
    raters: Annotated[
        bool,
        typer.Option("--raters", help="Show each rater's level and notes, not only the median."),
    ] = False,
    history: Annotated[
        bool, typer.Option("--history", help="Show every assessment and the trend per gap.")
    ] = False,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help="Print JSON only: with --history the array of assessments, otherwise the "
            "one just saved.",
        ),
    ] = False,
) -> None:
    from pm_coach.app import assess as use
    from pm_coach.app.emit import emit

    if history:
        result: use.Output = use.history(
            state(ctx), map_id, gap=gap or [], answers=answers, date=date
        )
    else:
        result = use.assess(
            state(ctx),
            dt.date.today(),
            gap=gap or [],
            map_id=map_id,
            answers=answers,
            date=date,
            window=window,
            show_raters=raters,
        )
    emit(result, as_json=as_json)
