"""``pm-coach share``: write the member file a mentoring programme's shared folder holds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from pm_coach.cli.state import interactive, state
from pm_coach.errors import PreconditionError

HELP = """Write what you agree to share with a mentoring programme to one TOML file.

The file holds your name (from your profile), the skill map, your latest levels and targets,
your focus gaps and your strengths (gaps at or above target that your evidence supports). It
holds nothing else unless you ask: --mentor N adds that you will mentor up to N people, --manager
adds your manager's name (so you are never paired with them), --with-evidence adds the last
year's evidence lines. The file is shown before it is written, and written readable only by you.
Put it in the cohort's shared folder (see docs/cohort.md).

Examples:

  pm-coach share -o sam-lee.toml

  pm-coach share -o sam-lee.toml --mentor 2 --manager "Alex Kim" --yes
"""


def register(root: typer.Typer) -> None:
    root.command("share", help=HELP)(share)


def share(
    ctx: typer.Context,
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="The member file to write.", metavar="NAME.toml"),
    ],
    mentor: Annotated[
        int,
        typer.Option("--mentor", help="You will mentor up to N people.", metavar="N"),
    ] = 0,
    manager: Annotated[
        str,
        typer.Option(
            "--manager", help="Your manager's name, so you are never paired.", metavar="NAME"
        ),
    ] = "",
    with_evidence: Annotated[
        bool,
        typer.Option("--with-evidence", help="Also share the last year's evidence lines."),
    ] = False,
    map_id: Annotated[
        str | None,
        typer.Option(
            "--map", help="Share this map's assessment (default: your profile's).", metavar="ID"
        ),
    ] = None,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Write without asking after the preview.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the file if it already exists.")
    ] = False,
) -> None:
    from pm_coach.app.cohort import share as build
    from pm_coach.app.emit import Message, check_named_for, emit

    check_named_for(output, "toml")  # a member file is TOML: not into NAME.json
    result = build(
        state(ctx).folder,
        today=dt.date.today(),
        mentor=mentor,
        manager=manager,
        with_evidence=with_evidence,
        map_id=map_id,
    )
    emit(result.preview(output))
    if not yes:
        if not interactive():
            raise PreconditionError(
                "sharing needs your confirmation after the preview, and this is not an "
                "interactive terminal.",
                hint="Read the preview above, then add --yes to write it.",
            )
        from pm_coach import prompts

        if not prompts.confirm(f"Write this to {output}?"):
            emit(Message(told=("Nothing written.",)))
            return
    emit(result, None, output, force)
