"""``pm-coach import jrnl|csv FILE``: bring evidence in from a jrnl export or a spreadsheet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from pm_coach.cli.state import state

app = typer.Typer(
    help="Import evidence from a jrnl JSON export or a CSV file. All or nothing: a bad entry "
    "stops the import and nothing from the file is written. Entries already in your log "
    "(same date and text) are skipped, so importing a file twice is safe.",
    no_args_is_help=True,
)

FileArg = Annotated[
    Path,
    typer.Argument(metavar="FILE", help="The file to import.", show_default=False),
]
DryRun = Annotated[
    bool, typer.Option("--dry-run", "-n", help="Show what would be imported; write nothing.")
]
NoSuggest = Annotated[
    bool,
    typer.Option(
        "--no-suggest", help="Do not suggest a gap for entries that name none; leave them untagged."
    ),
]
MapOpt = Annotated[
    str | None,
    typer.Option("--map", help="Skill map whose gaps to use (default: your profile's)."),
]

JRNL_HELP = """Import a jrnl journal exported as JSON.

Export it first with: jrnl --format json > journal.json

Each entry's title becomes the evidence text and its body the result (on one line, cut to
1000 characters). The date is kept. A tag that names a gap, or one of its keywords
(@delegation, @mentoring), tags that gap; other tags stay tags without the "@". The tag words
are then taken out of the text and result. Entries with no gap get one suggested from their
words unless --no-suggest.
"""

CSV_HELP = """Import evidence from a CSV file with a header row.

Columns: date (YYYY-MM-DD) and text are required; gap, result, metric, tag, goal, scope,
kind (work, volunteer, talk, publication), org and action are optional. Put several values
in one cell separated by ';' (e.g. gap "strategy;buy-in").
Rows are numbered as in a spreadsheet (the header is row 1).

Example file:

\b
  date,text,gap,result,metric
  2026-03-02,Ran the Q2 bet review,strategy,Dropped two bets,saves 3 eng-months
"""


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="import")


def _importer(kind: str) -> Callable[..., None]:
    """The command that imports a ``kind`` file: jrnl and csv take the same options."""

    def run(
        ctx: typer.Context,
        file: FileArg,
        dry_run: DryRun = False,
        no_suggest: NoSuggest = False,
        map_id: MapOpt = None,
    ) -> None:
        from pm_coach.app import imports
        from pm_coach.app.emit import emit

        said = imports.run(
            state(ctx),
            dt.date.today(),
            kind,
            file,
            dry_run=dry_run,
            suggest=not no_suggest,
            map_id=map_id,
        )
        emit(said)

    return run


app.command("jrnl", help=JRNL_HELP)(_importer("jrnl"))
app.command("csv", help=CSV_HELP)(_importer("csv"))
