"""``pm-coach network add|list|rm|touch``: the coaches, mentors and peer circles who help you."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from pm_coach.cli.state import state

if TYPE_CHECKING:
    from pm_coach.models.network import Contact

app = typer.Typer(
    help="Keep track of the people who help you grow: a coach for a near-term goal, a mentor "
    "for the long run, a circle of peers. 'plan' names them for your focus gaps and flags "
    "anyone you have not talked to in 60 days.",
    no_args_is_help=True,
)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="network")


def _shown(name: str) -> str:
    return f'"{name}"' if any(ch.isspace() for ch in name) else name


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
            help="coach (one near-term goal), mentor (the long run) or circle (a peer group).",
            show_default=False,
        ),
    ],
    helps: Annotated[
        list[str] | None,
        typer.Option("--helps", "-g", help="A gap id they help with (repeatable).", metavar="GAP"),
    ] = None,
    contact: Annotated[
        str, typer.Option("--contact", help="How to reach them (email, handle, where you meet).")
    ] = "",
    note: Annotated[str, typer.Option("--note", help="Anything worth remembering.")] = "",
) -> None:
    """Add a coach, mentor or circle to your network."""
    from pm_coach.core import network
    from pm_coach.store.evidence import now_utc
    from pm_coach.store.network import change_contacts

    st = state(ctx)
    network.check_kind(kind)  # a bad kind is reported before any file is read
    new = network.build_contact(
        name=name,
        kind=kind,
        helps=helps or [],
        contact=contact,
        note=note,
        gap_ids=st.skill_map().gap_ids,
        created=now_utc(),
    )
    change_contacts(st.folder, lambda contacts: network.add(contacts, new))
    helped = f" · helps {', '.join(new.helps)}" if new.helps else ""
    print(f"Added {new.name} ({new.kind}){helped}")
    if not new.helps:
        print(
            "  No --helps given, so 'plan' will not name them for any gap. To fix it: "
            f"pm-coach network rm {_shown(new.name)}, then add again with --helps GAP"
        )


@app.command("list")
def list_(
    ctx: typer.Context,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print a JSON array of contacts and nothing else.")
    ] = False,
) -> None:
    """List your network, with how long since you last talked to each."""
    from pm_coach.core import network
    from pm_coach.store.network import load_contacts

    st = state(ctx)
    contacts = load_contacts(st.folder)
    today = dt.date.today()
    if as_json:
        import json

        from pm_coach.render.network import rows

        print(json.dumps(rows(contacts, today), ensure_ascii=False, indent=2))
        return
    from pm_coach.render import console

    if not contacts:
        console.err().print(
            "No one in your network yet. Add someone with: "
            'pm-coach network add "Sam Lee" --kind mentor --helps strategy'
        )
        return
    from pm_coach.render.network import table

    console.out().print(table(contacts, today))
    quiet = network.quiet_contacts(contacts, today)
    if quiet:
        console.err().print(
            f"{len(quiet)} gone quiet (no conversation in {network.QUIET_DAYS} days). After "
            "you talk, record it with: pm-coach network touch NAME"
        )


@app.command("rm")
def rm(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="The contact's name.")],
) -> None:
    """Remove someone from your network."""
    from pm_coach.core import network
    from pm_coach.store.network import change_contacts

    st = state(ctx)
    removed: list[str] = []

    def change(contacts: list[Contact]) -> list[Contact]:
        kept, gone = network.remove(contacts, name)
        removed.append(f"{gone.name} ({gone.kind})")
        return kept

    change_contacts(st.folder, change)
    print(f"Removed {removed[0]}")


@app.command("touch")
def touch(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="The contact's name.")],
    date: Annotated[
        str,
        typer.Option(
            "--date", "-d", help="When you talked: YYYY-MM-DD, today, yesterday, 'N days ago'."
        ),
    ] = "today",
) -> None:
    """Record a conversation with someone (today unless --date)."""
    from pm_coach.core import network
    from pm_coach.core.dates import parse_date
    from pm_coach.store.network import change_contacts

    st = state(ctx)
    when = parse_date(date, dt.date.today(), what="--date")
    touched: list[str] = []

    def change(contacts: list[Contact]) -> list[Contact]:
        updated, who = network.touch(contacts, name, when)
        touched.append(f"{who.name} on {who.last_contact}")
        return updated

    change_contacts(st.folder, change)
    print(f"Recorded a conversation with {touched[0]}")
