"""``pm-coach report``: progress at a glance, in the terminal or as a page to share."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from pm_coach.cli.state import state
from pm_coach.errors import InputError, PreconditionError

FORMATS = ("terminal", "markdown", "html")

HELP = """Show progress at a glance: each gap's level against its target, how it has moved, the
evidence behind it, the level that evidence supports (backed), what others see, and what
comes next.

Examples:

  pm-coach report

  pm-coach report --format html -o progress.html

  pm-coach report --since 2026-01-01 --json
"""


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
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="terminal, markdown or html.")
    ] = "terminal",
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", help="Write to FILE instead of the terminal.", metavar="FILE"
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the figures as JSON and nothing else.")
    ] = False,
    map_id: Annotated[
        str | None, typer.Option("--map", help="Skill map to report on (default: your profile's).")
    ] = None,
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
    from pm_coach.app.report import gather
    from pm_coach.core.calibration import check_window

    fmt = fmt.strip().lower()
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}.", hint=f"Use one of: {', '.join(FORMATS)}.")
    st = state(ctx)
    today = dt.date.today()
    since_date = None
    if since is not None:
        from pm_coach.core.dates import parse_date

        since_date = parse_date(since, today, what="--since")
    data = gather(st, today, since_date, map_id, window=check_window(window))
    if data is None:
        raise PreconditionError(
            "there is no assessment to report on yet.", hint="Run 'pm-coach assess' first."
        )
    rep, person = data
    if as_json:
        import json

        from pm_coach.core.report import to_json

        print(json.dumps(to_json(rep), ensure_ascii=False, indent=2))
        return
    if fmt == "terminal" and output is None:
        from pm_coach.render import console
        from pm_coach.render.report import terminal

        for part in terminal(rep, show_raters=raters):
            console.out().print(part)
        return
    if fmt == "html":
        from pm_coach.render.report_html import page

        text = page(rep, person=person, show_raters=raters)
    else:
        from pm_coach.render.report import markdown

        text = markdown(rep, show_raters=raters)
    if output is None:
        print(text, end="")
        return
    from pathlib import Path

    from pm_coach.store.output import write_output

    path = Path(output).expanduser()
    write_output(path, text, force=force)
    print(f"Wrote {path}")
