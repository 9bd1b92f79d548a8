"""``pm-coach evidence list|show|edit|rm``: look through and tidy the evidence log."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from pm_coach.cli.options import AsJson
from pm_coach.cli.state import interactive, state
from pm_coach.errors import PreconditionError

app = typer.Typer(help="List, show, edit and remove evidence entries.", no_args_is_help=True)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="evidence")


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
    reverse: Annotated[bool, typer.Option("--reverse", "-r", help="Newest first.")] = False,
    limit: Annotated[
        int | None,
        typer.Option("--limit", "-n", help="Only the newest N entries.", metavar="N"),
    ] = None,
    wide: Annotated[
        bool,
        typer.Option("--wide", help="All six columns, even when the screen is too narrow."),
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print a JSON array of entries and nothing else.")
    ] = False,
) -> None:
    """List evidence, oldest first, as a table that fits the screen or as JSON.

    Below 120 columns the result and tags move under the text; below 72 the gaps do too.
    """
    from pm_coach.app.emit import emit
    from pm_coach.app.evidence import list_entries

    result = list_entries(
        state(ctx),
        dt.date.today(),
        gaps=gap or [],
        tags=tag or [],
        since=since,
        until=until,
        search=search,
        reverse=reverse,
        limit=limit,
        wide=wide,
    )
    emit(result, as_json=as_json)


@app.command("show")
def show(
    ctx: typer.Context,
    entry_id: Annotated[str, typer.Argument(metavar="ID", help="The entry's id.")],
    as_json: AsJson = False,
) -> None:
    """Show one entry in full."""
    from pm_coach.app.emit import emit
    from pm_coach.app.evidence import show_entry

    emit(show_entry(state(ctx), entry_id), as_json=as_json)


@app.command("edit")
def edit(
    ctx: typer.Context,
    entry_id: Annotated[str, typer.Argument(metavar="ID", help="The entry's id.")],
    bullet: Annotated[
        str | None,
        typer.Option(
            "--bullet",
            help='Set the CV line export uses for this entry, word for word ("" clears it); '
            "no editor opens.",
            metavar="TEXT",
        ),
    ] = None,
) -> None:
    """Open an entry as TOML in $VISUAL or $EDITOR; the edit is checked before it is saved.

    With --bullet, set only the entry's CV line instead.
    """
    st = state(ctx)
    if bullet is not None:
        from pm_coach.app.bullets import set_bullet

        saved = set_bullet(st.folder, entry_id.strip().lower(), bullet)
        if saved.bullet:
            print(f"Saved the CV line of {saved.id}: {saved.bullet}")
        else:
            print(f"Cleared the CV line of {saved.id}; export drafts it again.")
        return
    from pm_coach.app.editor import edit_entry

    entry = st.evidence.get(entry_id.strip().lower())
    updated = edit_entry(entry, st, dt.date.today())
    if updated is None:
        print("No changes.")
        return
    st.evidence.replace(updated)
    from pm_coach.render.evidence import summary_line

    print(f"Saved {summary_line(updated)}")


@app.command("rm")
def rm(
    ctx: typer.Context,
    entry_id: Annotated[str, typer.Argument(metavar="ID", help="The entry's id.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Remove an entry (asks first unless --yes)."""
    from pm_coach.render.evidence import summary_line

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
