"""``pm-coach stories``: the questions a panel asks, and your best logged answer to each."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from pm_coach.cli.state import state
from pm_coach.errors import InputError

FORMATS = ("terminal", "markdown")

HELP = """List the questions a Head of Product interview or promotion panel tends to ask, each
with your best logged evidence as a situation-action-result outline.

Evidence is matched by gap, reach (scope), result and number. A question with no story, or only
a weak one, names the action that would give you one. The questions come from the active skill
map.

Examples:

  pm-coach stories

  pm-coach stories --format markdown -o stories.md

  pm-coach stories --json
"""


def register(app: typer.Typer) -> None:
    app.command("stories", help=HELP)(stories)


def stories(
    ctx: typer.Context,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="terminal or markdown.", metavar="FORMAT")
    ] = "terminal",
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help="Write to FILE instead of the screen.", metavar="FILE"),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Let -o replace a file that already exists.")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the story bank as JSON and nothing else.")
    ] = False,
    map_id: Annotated[
        str | None,
        typer.Option(
            "--map",
            help="Skill map whose questions to use (default: your profile's).",
            metavar="ID",
        ),
    ] = None,
) -> None:
    from pm_coach.app.stories import gather
    from pm_coach.render import stories as render

    fmt = fmt.strip().lower()
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}.", hint=f"Use one of: {', '.join(FORMATS)}.")
    skill_map, matches = gather(state(ctx), dt.date.today(), map_id)
    if not skill_map.stories:
        from pm_coach.errors import PreconditionError

        raise PreconditionError(
            f"the skill map {skill_map.id!r} has no story questions.",
            hint="Use a map that has them (pm-coach stories --map leadership), or add "
            "[[stories]] to your map (see docs/skill-maps.md).",
        )
    if as_json:
        text = render.as_json(matches, skill_map.id)
    elif fmt == "markdown":
        text = render.as_markdown(matches, skill_map.name)
    else:
        text = render.as_text(matches, skill_map.name)
    if output is None:
        print(text, end="" if text.endswith("\n") else "\n")
        return
    from pathlib import Path

    from pm_coach.store.output import write_output

    path = Path(output).expanduser()
    write_output(path, text, force=force)
    print(f"Wrote {path}")
