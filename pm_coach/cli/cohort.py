"""``pm-coach cohort list|report|match``: a programme lead's view over a folder of member files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from pm_coach.cli.state import state
from pm_coach.errors import InputError

app = typer.Typer(
    help="For a mentoring programme: read the member files in a shared folder (written with "
    "'pm-coach share'), see where the cohort stands, and pair mentees with mentors. A file "
    "with a problem stops the command with every problem listed, unless --skip-bad.",
    no_args_is_help=True,
)

REPORT_FORMATS = ("terminal", "markdown", "html")

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


def _load(ctx: typer.Context, folder: Path, skip_bad: bool, map_id: str | None):  # noqa: ANN202
    import sys

    from pm_coach.app.cohort import load_cohort

    cohort = load_cohort(folder, skip_bad=skip_bad, map_id=map_id)
    if cohort.left_out:
        names = ", ".join(p.name for p in cohort.left_out)
        print(
            f"Left out {len(cohort.left_out)} member file(s) with problems: {names}",
            file=sys.stderr,
        )
    return cohort


def _write(output: Path, text: str, force: bool, what: str) -> None:
    import sys

    from pm_coach.store.output import write_output

    shown = write_output(output, text, force=force)
    print(f"Wrote {what} to {shown}", file=sys.stderr)


@app.command("list")
def list_(
    ctx: typer.Context,
    folder: DirOption = Path("."),
    as_json: Annotated[
        bool, typer.Option("--json", help="Print a JSON array of members and nothing else.")
    ] = False,
    skip_bad: SkipBad = False,
    map_id: MapOption = None,
) -> None:
    """List the cohort's members: focus gaps, strengths, mentoring places, last shared."""
    cohort = _load(ctx, folder, skip_bad, map_id)
    if as_json:
        from pm_coach.render.cohort import members_json

        print(members_json(cohort.members))
        return
    from pm_coach.render import console
    from pm_coach.render.cohort import members_table

    console.out().print(members_table(cohort.members))


@app.command("report")
def report(
    ctx: typer.Context,
    folder: DirOption = Path("."),
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="terminal (default), markdown or html; markdown is the default with -o.",
            metavar="FORMAT",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the report to FILE.", metavar="FILE"),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the report as JSON and nothing else.")
    ] = False,
    skip_bad: SkipBad = False,
    map_id: MapOption = None,
) -> None:
    """Where the cohort stands per gap, the weakest gaps across it (session topics), and who has
    gone quiet (no update shared for 30 days)."""
    kind = (fmt or ("markdown" if output is not None else "terminal")).strip().lower()
    kind = "markdown" if kind == "md" else kind
    if kind not in REPORT_FORMATS:
        raise InputError(
            f"unknown --format {fmt!r}.", hint=f"Use one of: {', '.join(REPORT_FORMATS)}."
        )
    if as_json and fmt is not None:
        raise InputError("--json cannot be combined with --format.", hint="Use one of them.")
    if output is not None and kind == "terminal" and not as_json:
        raise InputError(
            "-o writes a document; the terminal view is for the screen.",
            hint="Use --format markdown or --format html with -o.",
        )
    from pm_coach.app.cohort import report as make_report

    cohort = _load(ctx, folder, skip_bad, map_id)
    result = make_report(state(ctx).folder, cohort, dt.date.today())
    from pm_coach.render import cohort as render

    if kind == "terminal" and not as_json:
        from pm_coach.render import console

        console.out().print(render.report_terminal(result))
        return
    text = (
        render.report_json(result) + "\n"
        if as_json
        else render.report_markdown(result)
        if kind == "markdown"
        else render.report_html(result)
    )
    if output is None:
        print(text, end="")
    else:
        _write(output, text, force, "the cohort report")


@app.command("match")
def match(
    ctx: typer.Context,
    folder: DirOption = Path("."),
    as_json: Annotated[
        bool,
        typer.Option("--json", help="Print {pairs: [{mentee, mentor, reason}], unmatched} only."),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write the pairs to FILE (JSON with --json).", metavar="FILE"
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
    skip_bad: SkipBad = False,
    map_id: MapOption = None,
) -> None:
    """Pair mentees with mentors: a mentor strong where the mentee is furthest below target,
    never their own manager, within each mentor's places. The same files always give the same
    pairs. Needs the cohort extra: pip install 'pm-coach[cohort]'."""
    from pm_coach.app.cohort import match as solve
    from pm_coach.render.cohort import matching_json, matching_text

    cohort = _load(ctx, folder, skip_bad, map_id)
    result = solve(state(ctx).folder, cohort)
    text = matching_json(result) if as_json else matching_text(result)
    if output is None:
        print(text, end="")
    else:
        _write(output, text, force, "the pairs")
