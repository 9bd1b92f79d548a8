"""``pm-coach maps list|show|validate``: the skill maps pm-coach knows, and checking your own."""

from __future__ import annotations

from typing import Annotated

import typer

from pm_coach.cli.state import state
from pm_coach.errors import printable

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
    from pm_coach.render import console
    from pm_coach.render.maps import list_json, list_table

    st = state(ctx)
    entries = st.catalog.survey()
    active = st.active_map_id()
    if as_json:
        print(list_json(entries, active))
        return
    console.out().print(list_table(entries, active))
    if entries and not st.catalog.user_dir.is_dir():
        where = printable(str(st.catalog.user_dir))
        console.err().print(f"Your own maps go in {where} (see docs/skill-maps.md).")


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
    st = state(ctx)
    skill_map = st.skill_map(map_id)
    if as_json:
        from pm_coach.render.maps import map_json

        print(map_json(skill_map))
        return
    gap_id = None
    if gap:
        from pm_coach.core.assessment import check_gap_ids

        gap_id = check_gap_ids([gap], skill_map)[0]
    from pm_coach.app.maps import reader
    from pm_coach.render import console
    from pm_coach.render.maps import show as render_show

    who = reader(st, skill_map)
    console.out().print(
        render_show(
            skill_map,
            gap_id=gap_id,
            levels=who.levels,
            market=who.market,
            background=who.background,
        )
    )


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
    from pathlib import Path

    from pm_coach.errors import DataFileError, NotFoundError
    from pm_coach.store.maps import check_map_file

    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(path.glob("*.toml"))
            if not found:
                raise NotFoundError(f"{path} holds no .toml files.")
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            raise NotFoundError(f"{path}: no such file.", hint="Check the path.")
    problems: list[str] = []
    for path in files:
        skill_map, found = check_map_file(path)
        if found:
            problems.extend(found)
        elif skill_map is not None:
            actions = sum(len(g.actions) for g in skill_map.gaps)
            print(
                f"{printable(str(path))}: valid: map {skill_map.id!r}, "
                f"{_count(len(skill_map.gaps), 'gap')}, "
                f"{_count(actions, 'action')}."
            )
    if problems:
        bad = len({p.split(": ", 1)[0] for p in problems})
        raise DataFileError(
            f"{len(problems)} problem(s) in {bad} of {len(files)} file(s):\n  "
            + "\n  ".join(problems),
            hint="Fix each one; the format is in docs/skill-maps.md.",
        )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
