"""``pm-coach import jrnl|csv FILE``: bring evidence in from a jrnl export or a spreadsheet."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pm_coach.cli.state import state

if TYPE_CHECKING:
    from pm_coach.models import Evidence

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


@app.command("jrnl", help=JRNL_HELP)
def jrnl(
    ctx: typer.Context,
    file: FileArg,
    dry_run: DryRun = False,
    no_suggest: NoSuggest = False,
    map_id: MapOpt = None,
) -> None:
    _run(ctx, "jrnl", file, dry_run=dry_run, suggest=not no_suggest, map_id=map_id)


@app.command("csv", help=CSV_HELP)
def csv(
    ctx: typer.Context,
    file: FileArg,
    dry_run: DryRun = False,
    no_suggest: NoSuggest = False,
    map_id: MapOpt = None,
) -> None:
    _run(ctx, "csv", file, dry_run=dry_run, suggest=not no_suggest, map_id=map_id)


def _run(
    ctx: typer.Context, fmt: str, file: Path, *, dry_run: bool, suggest: bool, map_id: str | None
) -> None:
    from pm_coach.app import imports
    from pm_coach.core import importers
    from pm_coach.errors import printable
    from pm_coach.store.evidence import now_utc
    from pm_coach.store.imports import read_import_file

    st = state(ctx)
    skill_map = st.skill_map(map_id)
    text = read_import_file(file)
    parse = importers.parse_jrnl if fmt == "jrnl" else importers.parse_csv
    candidates = parse(
        text,
        source=printable(str(file)),
        skill_map=skill_map,
        today=dt.date.today(),
        created=now_utc(),
        suggest=suggest,
        model=st.gap_model(skill_map) if suggest else None,
    )
    if dry_run:
        plan = imports.preview(st.evidence, candidates)
        for c in plan.new:
            print(f"would import  {_line(c.entry, c.suggested)}")
        for c in plan.duplicates:
            print(f"duplicate     {_line(c.entry, None)}  ({c.where}: already in your log)")
        print(
            f"Dry run: would import {_count(len(plan.new))}"
            f"{_by_gap([c.entry for c in plan.new], sum(1 for c in plan.new if c.suggested))}"
            f", skip {_plural(len(plan.duplicates), 'duplicate')}. Nothing was written."
        )
        return
    result = imports.save(st.evidence, candidates)
    print(
        f"Imported {_count(len(result.added))} from {printable(str(file))}"
        f"{_by_gap(result.added, len(result.suggested))}"
        f", skipped {_plural(len(result.duplicates), 'duplicate')} already in your log."
    )
    if result.suggested:
        print(
            "  Suggested gaps are a guess from the words; check them with "
            "'pm-coach evidence list' and change one with: "
            "pm-coach evidence edit ID --rm-gap GAP --add-gap GAP"
        )
    untagged = sum(1 for e in result.added if not e.gaps)
    if untagged:
        print(
            f"  {untagged} entr{'y has' if untagged == 1 else 'ies have'} no gap; "
            "see them with 'pm-coach evidence list --untagged' and tag them with "
            "'pm-coach evidence tag'"
        )


def _count(n: int) -> str:
    return f"{n} entr{'y' if n == 1 else 'ies'}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _by_gap(entries: list[Evidence], suggested: int) -> str:
    if not entries:
        return ""
    counts: Counter[str] = Counter()
    for e in entries:
        counts.update(e.gaps or ["no gap"])
    parts = ", ".join(f"{gap} {n}" for gap, n in counts.most_common())
    hint = f"; {_plural(suggested, 'gap')} suggested" if suggested else ""
    return f" ({parts}{hint})"


def _line(e: Evidence, suggested: str | None) -> str:
    text = e.text if len(e.text) <= 70 else e.text[:69] + "…"
    gaps = ""
    if e.gaps:
        gaps = f" [{', '.join(e.gaps)}{' suggested' if suggested else ''}]"
    return f"{e.date.isoformat()} · {text}{gaps}"
