"""``pm-coach maps list|show|validate``: the skill maps pm-coach knows, and checking your own."""

from __future__ import annotations

from typing import Annotated

import typer

from pm_coach.cli.state import state

app = typer.Typer(
    help="The skill maps: list them, show one, or check a map file you wrote.\n\n"
    "Add or override a map by putting <id>.toml in the skill_maps folder of your data folder; "
    "the format is described in docs/skill-maps.md.",
    no_args_is_help=True,
)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="maps")


@app.command("list")
def list_(
    ctx: typer.Context,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print a JSON array of maps and nothing else.")
    ] = False,
) -> None:
    """List every map: the built-in ones and yours (a file of yours replaces a built-in one)."""
    from pm_coach.app import maps
    from pm_coach.app.emit import emit

    emit(maps.listing(state(ctx)), as_json=as_json)


@app.command("show")
def show(
    ctx: typer.Context,
    map_id: Annotated[
        str | None,
        typer.Argument(metavar="[ID]", help="The map's id (default: the active map)."),
    ] = None,
    gap: Annotated[
        str | None, typer.Option("--gap", "-g", help="Show only this gap.", metavar="ID")
    ] = None,
    as_json: Annotated[
        bool,
        typer.Option("--json", help="Print the whole map as JSON (gaps, levels, actions…)."),
    ] = False,
) -> None:
    """Show a map: each gap's five levels and what proves each, its actions and resources.

    Once you have assessed yourself, the reading shown for a gap is what suits your current
    level (and your market, from profile set --market); --json has every resource."""
    from pm_coach.app import maps
    from pm_coach.app.emit import emit

    emit(maps.show(state(ctx), map_id, gap, as_json=as_json), as_json=as_json)


@app.command("validate")
def validate(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH...", help="Map files to check (a folder: every .toml file in it)."
        ),
    ],
) -> None:
    """Check map files: exit 0 if all are valid, else list every problem (file, field, what is
    wrong) and exit 3."""
    from pm_coach.app import maps
    from pm_coach.app.emit import emit

    emit(maps.validate(paths))
