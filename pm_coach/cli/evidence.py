"""``pm-coach evidence list|show|edit|tag|rm|restore``: look through and tidy the evidence log."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import typer

from pm_coach.cli.options import AsJson
from pm_coach.cli.state import state

app = typer.Typer(
    help="List, show, edit, tag, remove and restore evidence entries.", no_args_is_help=True
)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="evidence")


@app.command("list")
def list_(
    ctx: typer.Context,
    gap: Annotated[
        list[str] | None,
        typer.Option(
            "--gap",
            "-g",
            help="Only entries tagged with this gap (repeatable or with commas: any of them).",
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
    untagged: Annotated[
        bool, typer.Option("--untagged", help="Only entries with no gap (tag them: evidence tag).")
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
    from pm_coach.app.selection import Filters

    filters = Filters(gap or [], tag or [], since, until, search=search, untagged=untagged)
    result = list_entries(
        state(ctx), dt.date.today(), filters, reverse=reverse, limit=limit, wide=wide
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


def _flag(name: str, text: str, metavar: str = "TEXT") -> Any:
    return typer.Option(name, help=text, metavar=metavar, show_default=False)


def _many(name: str, text: str, metavar: str) -> Any:
    return typer.Option(name, help=f"{text} (repeatable).", metavar=metavar, show_default=False)


EDIT_HELP = """Change an entry: one field at a time with flags, or all of it in your editor.

Examples:

  pm-coach evidence edit k3x9qa --add-gap buy-in --result "Two bets dropped"

  pm-coach evidence edit k3x --rm-gap domain --date yesterday

ID may be the first 3 or more characters of the id, if no other id starts with them. Flags are
checked as 'log' checks them, and only this entry's lines of evidence.toml are rewritten; your
comments stay. With no flags the entry opens as TOML in $VISUAL or $EDITOR (else nano, else
vi) and is checked before it is saved.
"""


@app.command("edit", help=EDIT_HELP)
def edit(
    ctx: typer.Context,
    entry_id: Annotated[str, typer.Argument(metavar="ID", help="The entry's id.")],
    text: Annotated[str | None, _flag("--text", "What you did, in one line.")] = None,
    result: Annotated[str | None, _flag("--result", 'What came of it ("" clears it).')] = None,
    date: Annotated[
        str | None, _flag("--date", "When: YYYY-MM-DD, yesterday, 'N days ago'…", "DATE")
    ] = None,
    kind: Annotated[
        str | None, _flag("--kind", "work, volunteer, talk or publication.", "KIND")
    ] = None,
    org: Annotated[str | None, _flag("--org", 'The organisation ("" clears it).')] = None,
    goal: Annotated[
        str | None, _flag("--goal", 'The business goal it served ("" clears it).')
    ] = None,
    action: Annotated[
        str | None, _flag("--action", 'Id of the plan action it fulfils ("" clears it).', "ID")
    ] = None,
    scope: Annotated[
        str | None,
        _flag("--scope", 'self, team, teams, company or external ("" clears it).', "SCOPE"),
    ] = None,
    add_gap: Annotated[list[str] | None, _many("--add-gap", "Tag a gap", "GAP")] = None,
    rm_gap: Annotated[list[str] | None, _many("--rm-gap", "Untag a gap", "GAP")] = None,
    add_metric: Annotated[list[str] | None, _many("--add-metric", "Add a number", "TEXT")] = None,
    rm_metric: Annotated[
        list[str] | None, _many("--rm-metric", "Remove a number, as written", "TEXT")
    ] = None,
    add_tag: Annotated[list[str] | None, _many("--add-tag", "Add a free tag", "TAG")] = None,
    rm_tag: Annotated[list[str] | None, _many("--rm-tag", "Remove a free tag", "TAG")] = None,
    bullet: Annotated[
        str | None,
        _flag("--bullet", 'The CV line export uses for this entry, word for word ("" clears it).'),
    ] = None,
) -> None:
    from pm_coach.app.emit import emit
    from pm_coach.app.evidence import EvidenceEdit, edit_fields, edit_in_editor

    change = EvidenceEdit(
        text=text,
        result=result,
        date=date,
        kind=kind,
        org=org,
        goal=goal,
        action=action,
        scope=scope,
        bullet=bullet,
        add_gaps=add_gap or [],
        rm_gaps=rm_gap or [],
        add_metrics=add_metric or [],
        rm_metrics=rm_metric or [],
        add_tags=add_tag or [],
        rm_tags=rm_tag or [],
    )
    st, today = state(ctx), dt.date.today()
    if change.is_empty():
        emit(edit_in_editor(st, entry_id, today))
    else:
        emit(edit_fields(st, entry_id, change, today))


@app.command("rm")
def rm(
    ctx: typer.Context,
    entry_id: Annotated[str, typer.Argument(metavar="ID", help="The entry's id.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Remove an entry (asks first unless --yes); it is kept in the trash for 'evidence restore'."""
    from pm_coach.app.emit import emit
    from pm_coach.app.evidence import remove_entry

    emit(remove_entry(state(ctx), entry_id, yes=yes))


@app.command("restore")
def restore(
    ctx: typer.Context,
    entry_id: Annotated[
        str, typer.Argument(metavar="ID", help="The id of an entry removed with 'evidence rm'.")
    ],
) -> None:
    """Put a removed entry back, as it was (the trash keeps the last 50 removed)."""
    from pm_coach.app.emit import emit
    from pm_coach.app.evidence import restore_entry

    emit(restore_entry(state(ctx), entry_id))


@app.command("tag")
def tag(ctx: typer.Context) -> None:
    """Walk through the entries without a gap and tick the gaps each shows (on a terminal).

    The likely gap is ticked already; Enter saves, nothing ticked skips the entry, Esc stops.
    Each entry is saved as you go.
    """
    from pm_coach.app.emit import emit
    from pm_coach.app.evidence import tag_untagged

    emit(tag_untagged(state(ctx), dt.date.today()))
