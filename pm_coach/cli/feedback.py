"""``pm-coach feedback``: ratings from a manager, mentor, peer or report on the same statements."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from pm_coach.cli.state import interactive, state
from pm_coach.errors import PreconditionError

app = typer.Typer(
    help="Ask someone who sees your work (a manager, mentor, peer or someone you lead) to rate "
    "you on the same statements as your self-assessment, and add their answers. assess, report "
    "and plan then show what others see beside your own rating and what your evidence supports.",
    no_args_is_help=True,
)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="feedback")


MapOption = Annotated[
    str | None,
    typer.Option("--map", help="Skill map to use (default: your profile's).", metavar="ID"),
]


@app.command("request")
def request(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="Who you are asking.")],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the form to FILE (Markdown) and the answers file beside it "
            "(FILE's name + -answers.toml). Without it, both are printed.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite the files if they exist.")
    ] = False,
    map_id: MapOption = None,
) -> None:
    """Write a form for NAME: per gap, the same statements you rate yourself on (no numbers,
    none of your own ratings), and an answers file they can fill in without pm-coach.

    Example: pm-coach feedback request "Dana Reyes" -o dana.md
    """
    from pm_coach.app import feedback
    from pm_coach.app.emit import emit

    emit(feedback.request(state(ctx), name, output, force=force, map_id=map_id))


@app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="Who gave the answers.")],
    file: Annotated[str, typer.Argument(metavar="FILE", help="Their filled-in answers file.")],
    relation: Annotated[
        str | None,
        typer.Option(
            "--relation", "-r", help="manager, mentor, peer or report (someone you lead)."
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", "-d", help="When they answered (default: today)."),
    ] = None,
    map_id: MapOption = None,
) -> None:
    """Add NAME's answers from FILE: a [levels] table (gap id = 1..5; gaps may be left out) and
    an optional [notes] table. A bad file is refused with the line of each problem and nothing
    is saved.

    Example: pm-coach feedback add "Dana Reyes" dana-answers.toml --relation manager
    """
    from pm_coach.app import feedback
    from pm_coach.app.emit import emit

    said = feedback.add(
        state(ctx),
        name,
        file,
        relation=relation,
        date=date,
        map_id=map_id,
        today=dt.date.today(),
    )
    emit(said)


@app.command("list")
def list_(
    ctx: typer.Context,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print a JSON array and nothing else.")
    ] = False,
) -> None:
    """List every set of answers, oldest first."""
    from pm_coach.app import feedback
    from pm_coach.app.emit import emit

    emit(feedback.listing(state(ctx)), as_json=as_json)


@app.command("rm")
def rm(
    ctx: typer.Context,
    feedback_id: Annotated[str, typer.Argument(metavar="ID", help="The id from 'feedback list'.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Remove one set of answers (asks first unless --yes)."""
    from pm_coach.app import feedback
    from pm_coach.app.emit import Message, emit

    st = state(ctx)
    found = feedback.get(st, feedback_id.strip().lower())
    if not yes:
        if not interactive():
            raise PreconditionError(
                "removing needs a confirmation, and this is not an interactive terminal.",
                hint=f"Add --yes to remove it: pm-coach feedback rm {found.id} --yes",
            )
        from pm_coach import prompts

        if not prompts.confirm(f"Remove {feedback.summary(found)}?"):
            emit(Message(("Kept it; nothing removed.",)))
            return
    emit(feedback.remove(st, found.id))
