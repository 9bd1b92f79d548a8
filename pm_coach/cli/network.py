"""``pm-coach network``: the coaches, mentors, peer circles and mentees in your working life."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from pm_coach.cli.options import AsJson, Force, OutputFile, format_option
from pm_coach.cli.state import state

app = typer.Typer(
    help="Keep track of the people who help you grow (a coach for a near-term goal, a mentor "
    "for the long run, a circle of peers) and the people you mentor. Record each conversation, "
    "prepare the next one, and find people for the gaps nobody helps with. 'plan' names them "
    "for your focus gaps and flags anyone you have not talked to in 60 days.",
    no_args_is_help=True,
)

AddFormat = format_option("text (the default) or json (the contact as 'network show --json').")
ListFormat = format_option("terminal (the default on screen) or json; json with -o.")
ShowFormat = format_option("terminal (the default on screen) or json.")
PrepFormat = format_option("markdown (the default) or json.")
FindFormat = format_option("text (the default) or json.")
ContactName = Annotated[str, typer.Argument(metavar="NAME", help="The contact's name.")]


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="network")


def _show(
    ctx: typer.Context,
    result: type,
    make: Callable[[Path, dt.date], object],
    fmt: str | None,
    output: str | None,
    force: bool,
    as_json: bool,
) -> None:
    """What the read commands share: the output options are checked against ``result`` before
    anything is read, then ``make(data folder, today)`` is printed or written."""
    from pm_coach.app.emit import check_options, emit

    check_options(result, fmt, output, as_json)
    emit(make(state(ctx).folder, dt.date.today()), fmt, output, force, as_json=as_json)


@app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[
        str, typer.Argument(metavar="NAME", help="Their name (unique in your network).")
    ],
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            "-k",
            help="coach (one near-term goal), mentor (the long run), circle (a peer group) or "
            "mentee (someone you mentor).",
            show_default=False,
        ),
    ],
    helps: Annotated[
        list[str] | None,
        typer.Option(
            "--helps",
            "-g",
            help="A gap id they help with; for a mentee, one you help them with (repeatable).",
            metavar="GAP",
        ),
    ] = None,
    contact: Annotated[
        str, typer.Option("--contact", help="How to reach them (email, handle, where you meet).")
    ] = "",
    note: Annotated[str, typer.Option("--note", help="Anything worth remembering.")] = "",
    fmt: AddFormat = None,
    as_json: AsJson = False,
) -> None:
    """Add a coach, mentor, circle or mentee to your network."""
    from pm_coach.app.emit import check_options, emit
    from pm_coach.app.network import AddedContact
    from pm_coach.app.network import add as add_contact

    check_options(AddedContact, fmt, None, as_json)
    added = add_contact(
        state(ctx),
        name=name,
        kind=kind,
        helps=helps or [],
        contact=contact,
        note=note,
        today=dt.date.today(),
    )
    emit(added, fmt, as_json=as_json)


@app.command("list")
def list_(
    ctx: typer.Context,
    fmt: ListFormat = None,
    output: OutputFile = None,
    force: Force = False,
    as_json: AsJson = False,
) -> None:
    """List your network, with how long since you last talked to each."""
    from pm_coach.app.network import NetworkList, listing

    _show(ctx, NetworkList, listing, fmt, output, force, as_json)


@app.command("show")
def show(
    ctx: typer.Context,
    name: ContactName,
    fmt: ShowFormat = None,
    output: OutputFile = None,
    force: Force = False,
    as_json: AsJson = False,
) -> None:
    """Show one contact with every conversation you recorded, oldest first."""
    from pm_coach.app.network import ContactResult
    from pm_coach.app.network import show as show_contact

    _show(ctx, ContactResult, lambda f, d: show_contact(f, name, d), fmt, output, force, as_json)


@app.command("edit")
def edit(
    ctx: typer.Context,
    name: ContactName,
    kind: Annotated[
        str | None,
        typer.Option("--kind", "-k", help="coach, mentor, circle or mentee.", metavar="KIND"),
    ] = None,
    helps: Annotated[
        list[str] | None,
        typer.Option(
            "--helps",
            "-g",
            help='Replace the gaps they help with (repeatable; --helps "" clears them).',
            metavar="GAP",
        ),
    ] = None,
    contact: Annotated[
        str | None, typer.Option("--contact", help="How to reach them.", metavar="TEXT")
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", help="Anything worth remembering.", metavar="TEXT")
    ] = None,
) -> None:
    """Change a contact's kind, gaps, contact details or note; other fields keep their values."""
    from pm_coach.app import network
    from pm_coach.app.emit import emit

    emit(network.edit(state(ctx), name, kind=kind, helps=helps, contact=contact, note=note))


@app.command("prep")
def prep(
    ctx: typer.Context,
    name: ContactName,
    fmt: PrepFormat = None,
    output: OutputFile = None,
    force: Force = False,
    as_json: AsJson = False,
) -> None:
    """Prepare the next conversation: a one-page Markdown agenda.

    It lists the focus gaps this person helps with, the evidence you logged since you last
    talked, actions due in the next two weeks or overdue, one question to ask, one thing to
    offer back, and a few topics from the conversation toolkit.
    """
    from pm_coach.app.network import PrepResult
    from pm_coach.app.network import prep as make_prep

    _show(ctx, PrepResult, lambda f, d: make_prep(f, name, d), fmt, output, force, as_json)


@app.command("find")
def find(
    ctx: typer.Context,
    gap: Annotated[
        str | None,
        typer.Option(
            "--gap",
            "-g",
            help="Only this gap, even if someone already helps with it.",
            metavar="GAP",
        ),
    ] = None,
    fmt: FindFormat = None,
    output: OutputFile = None,
    force: Force = False,
    as_json: AsJson = False,
) -> None:
    """Whom to look for where a focus gap has nobody: a coach, a mentor or a circle, where to
    find one, and a first message to send. Also lists the gaps you could mentor others in.

    The messages use your profile's --goal, --investment and --personality (pm-coach profile
    set).
    """
    from pm_coach.app.network import FindOutput
    from pm_coach.app.network import find as find_people

    _show(ctx, FindOutput, lambda f, d: find_people(f, gap, d), fmt, output, force, as_json)


@app.command("rm")
def rm(
    ctx: typer.Context,
    name: ContactName,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Remove someone and their conversation history (asks first unless --yes)."""
    from pm_coach.app import network
    from pm_coach.app.emit import emit

    emit(network.remove(state(ctx), name, yes=yes))


@app.command("touch")
def touch(
    ctx: typer.Context,
    name: ContactName,
    date: Annotated[
        str,
        typer.Option(
            "--date", "-d", help="When you talked: YYYY-MM-DD, today, yesterday, 'N days ago'."
        ),
    ] = "today",
    note: Annotated[
        str, typer.Option("--note", "-n", help="What you talked about, in a line.", metavar="TEXT")
    ] = "",
    no_evidence: Annotated[
        bool,
        typer.Option(
            "--no-evidence",
            help="With a mentee: do not log the conversation as delegation evidence.",
        ),
    ] = False,
) -> None:
    """Record a conversation (today unless --date) in the contact's history.

    A conversation with a mentee is also logged as evidence for the delegation gap, tagged
    'mentoring', unless --no-evidence.
    """
    from pm_coach.app import network
    from pm_coach.app.emit import emit

    emit(
        network.touch(
            state(ctx), name, date=date, note=note, evidence=not no_evidence,
            today=dt.date.today(),
        )
    )  # fmt: skip
