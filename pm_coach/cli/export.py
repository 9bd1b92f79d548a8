"""``pm-coach export``: evidence becomes CV bullet points (text, Markdown, JSON, JSON Resume)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

HELP = """Turn your evidence into CV bullets: result, metric and action in one line each.

Formats: text (one bullet per line), markdown (grouped by role), json (bullets with the ids of
their entries), json-resume (a JSON Resume document). Bullets are written by fixed rules, the
same every time (see docs/bullets.md).

Examples:

  pm-coach export --top 8

  pm-coach export --format markdown --since 2025-01-01 -o cv.md

  pm-coach export --format json-resume -o resume.json --force

  pm-coach export --lint
"""


def register(app: typer.Typer) -> None:
    app.command("export", help=HELP)(export)


def export(
    ctx: typer.Context,
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="text, markdown, json or json-resume.", metavar="FORMAT"
        ),
    ] = "text",
    gap: Annotated[
        list[str] | None,
        typer.Option(
            "--gap", "-g", help="Only entries tagged with this gap (repeatable).", metavar="GAP"
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
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help="Write to FILE instead of the screen.", metavar="FILE"),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Let -o replace a file that already exists.")
    ] = False,
    lint: Annotated[
        bool,
        typer.Option(
            "--lint",
            help="List the entries that would make weak bullets, with a suggestion for each.",
        ),
    ] = False,
) -> None:
    import sys
    from pathlib import Path

    from pm_coach.cli.state import state
    from pm_coach.core import export as core
    from pm_coach.core.evidence import EvidenceFilter, check_gaps, select
    from pm_coach.errors import InputError
    from pm_coach.render import export as render
    from pm_coach.store.profile import load_profile

    fmt = core.check_format(fmt)
    st = state(ctx)
    today = dt.date.today()
    gaps = check_gaps(gap, st.skill_map()) if gap else []
    flt = EvidenceFilter(
        gaps=gaps,
        tags=tag or [],
        since=_day(since, today, "--since"),
        until=_day(until, today, "--until"),
    )
    if flt.since and flt.until and flt.since > flt.until:
        raise InputError(f"--since {flt.since} is after --until {flt.until}.", hint="Swap them.")
    profile = load_profile(st.folder)
    roles = list(profile.roles)
    chosen_roles = core.match_roles(roles, role) if role is not None else roles
    entries = select(st.evidence.load(), flt)
    if role is not None:
        entries = [
            e for e in entries if e.kind == "work" and core.role_for(e.date, roles) in chosen_roles
        ]
    if top_n is not None:
        entries = core.top(entries, top_n, today)
    items = core.build_items(entries, roles)

    if lint:
        reports = core.lint(items)
        text = render.lint_json(reports) if fmt == "json" else render.lint_text(reports, len(items))
    elif fmt == "text":
        text = render.as_text(items)
    elif fmt == "markdown":
        text = render.as_markdown(items, roles)
    elif fmt == "json":
        text = render.as_json(items)
    else:
        text = render.as_json_resume(items, chosen_roles, profile)
        left_out = sum(1 for i in items if i.section == "other")
        if left_out:
            what = (
                "1 work entry falls outside every role and is"
                if left_out == 1
                else f"{left_out} work entries fall outside every role and are"
            )
            print(
                f"Note: {what} not in the resume. Add the role with: "
                'pm-coach profile role add "Company" "Title" --start YYYY-MM',
                file=sys.stderr,
            )

    if not items and not lint and fmt in ("text", "markdown"):
        filtered = bool(gap or tag or since or until or role)
        print(
            "No evidence matches; nothing to export."
            if filtered
            else 'No evidence yet. Log some with: pm-coach log "What you did" --gap strategy',
            file=sys.stderr,
        )
        return
    if output is None:
        sys.stdout.write(text)
        return
    from pm_coach.store.output import write_output

    path = Path(output).expanduser()
    write_output(path, text, force=force)
    what = "lint report" if lint else f"{len(items)} bullet{'s' if len(items) != 1 else ''}"
    print(f"Wrote {what} to {path}", file=sys.stderr)


def _day(text: str | None, today: dt.date, what: str) -> dt.date | None:
    from pm_coach.core.dates import parse_date

    return None if text is None else parse_date(text, today, allow_future=True, what=what)
