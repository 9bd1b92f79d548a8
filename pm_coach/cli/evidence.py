"""``pm-coach evidence list|show|edit|rm``: look through and tidy the evidence log."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from pm_coach.cli.state import interactive, state
from pm_coach.errors import InputError, PreconditionError

app = typer.Typer(help="List, show, edit and remove evidence entries.", no_args_is_help=True)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="evidence")


def parse_filter_date(value: str | None, what: str) -> dt.date | None:
    if value is None:
        return None
    from pm_coach.core.dates import parse_date

    return parse_date(value, dt.date.today(), allow_future=True, what=what)


@app.command("list")
def list_(
    ctx: typer.Context,
    gap: Annotated[
        list[str] | None,
        typer.Option(
            "--gap", "-g", help="Only entries tagged with this gap (repeatable: any of them)."
        ),
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option("--tag", "-t", help="Only entries with this tag (repeatable: any of them)."),
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Only entries on or after this date.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Only entries on or before this date.")
    ] = None,
    search: Annotated[
        str,
        typer.Option(
            "--search",
            "-s",
            help="Only entries whose words contain TEXT (any case).",
            metavar="TEXT",
        ),
    ] = "",
    as_json: Annotated[
        bool, typer.Option("--json", help="Print a JSON array of entries and nothing else.")
    ] = False,
) -> None:
    """List evidence, oldest first, as a table or as JSON."""
    from pm_coach.core.evidence import EvidenceFilter, select

    st = state(ctx)
    gaps = []
    if gap:
        from pm_coach.core.evidence import check_gaps

        gaps = check_gaps(gap, st.skill_map())
    flt = EvidenceFilter(
        gaps=gaps,
        tags=tag or [],
        since=parse_filter_date(since, "--since"),
        until=parse_filter_date(until, "--until"),
        search=search,
    )
    if flt.since and flt.until and flt.since > flt.until:
        raise InputError(f"--since {flt.since} is after --until {flt.until}.", hint="Swap them.")
    entries = select(st.evidence.load(), flt)
    if as_json:
        from pm_coach.render.evidence import as_json as dump

        print(dump(entries))
        return
    from pm_coach.render import console
    from pm_coach.render.evidence import table

    if not entries:
        console.err().print(
            "No evidence matches."
            if (gaps or tag or since or until or search)
            else 'No evidence yet. Log some with: pm-coach log "What you did" --gap strategy'
        )
        return
    console.out().print(table(entries))


@app.command("show")
def show(
    ctx: typer.Context,
    entry_id: Annotated[str, typer.Argument(metavar="ID", help="The entry's id.")],
) -> None:
    """Show one entry in full."""
    from pm_coach.render import console
    from pm_coach.render.evidence import detail

    console.out().print(detail(state(ctx).evidence.get(entry_id.strip().lower())))


@app.command("edit")
def edit(
    ctx: typer.Context,
    entry_id: Annotated[str, typer.Argument(metavar="ID", help="The entry's id.")],
) -> None:
    """Open an entry as TOML in $VISUAL or $EDITOR; the edit is checked before it is saved."""
    from pm_coach.app.editor import edit_entry

    st = state(ctx)
    entry = st.evidence.get(entry_id.strip().lower())
    updated = edit_entry(entry, st, dt.date.today())
    if updated is None:
        print("No changes.")
        return
    st.evidence.replace(updated)
    from pm_coach.core.evidence import summary_line

    print(f"Saved {summary_line(updated)}")


@app.command("rm")
def rm(
    ctx: typer.Context,
    entry_id: Annotated[str, typer.Argument(metavar="ID", help="The entry's id.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Remove an entry (asks first unless --yes)."""
    from pm_coach.core.evidence import summary_line

    st = state(ctx)
    entry = st.evidence.get(entry_id.strip().lower())
    if not yes:
        if not interactive():
            raise PreconditionError(
                "removing needs a confirmation, and this is not an interactive terminal.",
                hint=f"Add --yes to remove it: pm-coach evidence rm {entry.id} --yes",
            )
        from pm_coach import prompts

        if not prompts.confirm(f"Remove {summary_line(entry)}?"):
            print("Kept it; nothing removed.")
            return
    st.evidence.remove(entry.id)
    print(f"Removed {summary_line(entry)}")
