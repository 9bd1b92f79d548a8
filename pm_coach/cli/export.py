"""``pm-coach export``: evidence becomes CV bullet points (text, Markdown, JSON, JSON Resume)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from pm_coach.cli.options import AsJson, Force, OutputFile, format_option

HELP = """Turn your evidence into CV bullets: result, metric and action in one line each.

Formats: text (one bullet per line), markdown (grouped by role), json (bullets with the ids of
their entries), json-resume (a JSON Resume document), case (a promotion case in Markdown: per
gap the level claimed, the evidence behind it, what others said and what is still missing).
Bullets are written by fixed rules, the same every time (see docs/bullets.md). A line you
accept in --review, or set with 'pm-coach evidence edit ID --bullet', is used word for word
from then on.

Examples:

  pm-coach export --top 8

  pm-coach export --format markdown --since 2025-01-01 -o cv.md

  pm-coach export --format json-resume -o resume.json --force

  pm-coach export --lint

  pm-coach export --format case -o promotion-case.md

  pm-coach export --review

  pm-coach export --approved
"""


Format = format_option("text (the default), markdown, json, json-resume or case.")


def register(app: typer.Typer) -> None:
    app.command("export", help=HELP)(export)


def export(
    ctx: typer.Context,
    fmt: Format = None,
    gap: Annotated[
        list[str] | None,
        typer.Option(
            "--gap",
            "-g",
            help="Only entries tagged with this gap (repeatable, or with commas).",
            metavar="GAP",
        ),
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option("--tag", "-t", help="Only entries with this tag (repeatable).", metavar="TAG"),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option("--since", help="Only entries on or after this date.", metavar="DATE"),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option("--until", help="Only entries on or before this date.", metavar="DATE"),
    ] = None,
    role: Annotated[
        str | None,
        typer.Option(
            "--role",
            help="Only work done in this role: its number in 'profile role list', its company "
            "or its title.",
            metavar="ROLE",
        ),
    ] = None,
    top_n: Annotated[
        int | None,
        typer.Option(
            "--top",
            min=1,
            help="Only the N strongest entries (metric, result, recent, spread across gaps).",
            metavar="N",
        ),
    ] = None,
    output: OutputFile = None,
    force: Force = False,
    as_json: AsJson = False,
    lint: Annotated[
        bool,
        typer.Option(
            "--lint",
            help="List the entries that would make weak bullets, with a suggestion for each.",
        ),
    ] = False,
    review: Annotated[
        bool,
        typer.Option(
            "--review",
            help="Go through the drafts not yet approved, strongest first: accept, edit or "
            "skip each. Accepted lines are used word for word from then on.",
        ),
    ] = False,
    approved: Annotated[
        bool,
        typer.Option("--approved", help="Only the lines you approved (in --review or --bullet)."),
    ] = False,
) -> None:
    from pm_coach.app.emit import check_options, emit, format_name
    from pm_coach.app.export import ExportResult
    from pm_coach.app.export import export as build
    from pm_coach.app.selection import Filters
    from pm_coach.cli.state import state

    if fmt is not None and format_name(fmt) == "case":
        from pm_coach.app.case import CaseResult, promotion_case
        from pm_coach.errors import InputError

        used = [
            flag
            for flag, value in (
                ("--gap", gap),
                ("--tag", tag),
                ("--since", since),
                ("--until", until),
                ("--role", role),
                ("--top", top_n),
                ("--lint", lint),
                ("--json", as_json),
                ("--review", review),
                ("--approved", approved),
            )  # fmt: skip
            if value
        ]
        if used:
            raise InputError(
                f"--format case cannot be combined with {', '.join(used)}.",
                hint="The case takes your latest assessment and the last year's evidence; "
                "give only -o FILE (and --force).",
            )
        check_options(CaseResult, fmt, output, False)
        emit(promotion_case(state(ctx), dt.date.today()), fmt, output, force)
        return
    check_options(ExportResult, fmt, output, as_json)
    filters = Filters(gap or [], tag or [], since, until, role=role)
    if review:
        _refuse_with_review(lint, approved, output, as_json, fmt)
        from pm_coach.app.bullets import review as ask
        from pm_coach.app.export import chosen_entries

        ws = state(ctx)
        today = dt.date.today()
        entries = chosen_entries(ws, today, filters)
        emit(ask(ws, entries, today))
        return
    result = build(state(ctx), dt.date.today(), filters, top_n=top_n, lint=lint, approved=approved)
    emit(result, fmt, output, force, as_json=as_json)


def _refuse_with_review(
    lint: bool, approved: bool, output: str | None, as_json: bool, fmt: str | None
) -> None:
    from pm_coach.errors import InputError

    clash = [
        flag
        for flag, given in (
            ("--lint", lint),
            ("--approved", approved),
            ("-o", output is not None),
            ("--json", as_json),
            ("--format", fmt is not None),
        )
        if given
    ]
    if clash:
        raise InputError(
            f"--review and {clash[0]} do not go together.",
            hint="Review first (pm-coach export --review), then export.",
        )
