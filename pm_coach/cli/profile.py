"""``pm-coach profile``: who you are, what you aim for, and the roles you have held."""

from __future__ import annotations

from typing import Annotated

import typer

app = typer.Typer(
    help="Your name, current and target role, weekly hours, skill map, and the roles you held.",
    no_args_is_help=True,
)
role_app = typer.Typer(
    help="Add, list and remove the roles you have held (exports group evidence by role).",
    no_args_is_help=True,
)
app.add_typer(role_app, name="role")


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="profile")


@app.command("set")
def set_(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option("--name", help="Your name.", metavar="TEXT")] = None,
    current_role: Annotated[
        str | None,
        typer.Option("--current-role", help='Your role now, e.g. "Senior PM".', metavar="TEXT"),
    ] = None,
    target_role: Annotated[
        str | None,
        typer.Option(
            "--target-role", help='The role you aim for, e.g. "Head of Product".', metavar="TEXT"
        ),
    ] = None,
    hours_per_week: Annotated[
        float | None,
        typer.Option(
            "--hours-per-week",
            help="Hours a week you can give to your plan (default 3).",
            metavar="N",
        ),
    ] = None,
    map_id: Annotated[
        str | None,
        typer.Option("--map", help="The skill map to use (default leadership).", metavar="ID"),
    ] = None,
    email: Annotated[
        str | None,
        typer.Option("--email", help="Email address, for JSON Resume exports.", metavar="TEXT"),
    ] = None,
    location: Annotated[
        str | None,
        typer.Option("--location", help='Where you are, e.g. "London, UK".', metavar="TEXT"),
    ] = None,
    summary: Annotated[
        str | None,
        typer.Option("--summary", help="Two or three sentences about you.", metavar="TEXT"),
    ] = None,
    goal: Annotated[
        str | None,
        typer.Option(
            "--goal",
            help='What you are working towards, e.g. "a Head of Product role within 18 months". '
            "Used when pm-coach suggests whom to look for and what to write to them.",
            metavar="TEXT",
        ),
    ] = None,
    investment: Annotated[
        str | None,
        typer.Option(
            "--investment",
            help='The time you will give to coaches and mentors, e.g. "an hour every two weeks".',
            metavar="TEXT",
        ),
    ] = None,
    personality: Annotated[
        str | None,
        typer.Option(
            "--personality",
            help='How you work and like to be helped, e.g. "quiet in big meetings; I think best '
            'in writing". Used in first messages and in the agenda for a first conversation.',
            metavar="TEXT",
        ),
    ] = None,
    background: Annotated[
        str | None,
        typer.Option(
            "--background",
            help="What you did before product: engineering, design, sales, marketing, data, "
            "consulting or other (advice adapts to it).",
            metavar="KIND",
        ),
    ] = None,
    market: Annotated[
        str | None,
        typer.Option(
            "--market",
            help="Who your product sells to: b2b, b2c or both (reading is picked for it).",
            metavar="KIND",
        ),
    ] = None,
    motivation: Annotated[
        str | None,
        typer.Option(
            "--motivation",
            help="What you want next: manage (lead PMs), ic (principal/staff PM), expert "
            "(an internal expert role) or unsure.",
            metavar="KIND",
        ),
    ] = None,
) -> None:
    """Set one or more profile fields; the others keep their values. An empty value clears one."""
    from pm_coach.app import profile
    from pm_coach.app.emit import emit
    from pm_coach.cli.state import state

    fields = {
        "name": name,
        "current_role": current_role,
        "target_role": target_role,
        "hours_per_week": hours_per_week,
        "email": email,
        "location": location,
        "summary": summary,
        "goal": goal,
        "investment": investment,
        "personality": personality,
        "background": background,
        "market": market,
        "motivation": motivation,
        "map": map_id,  # last: the choices above are checked before the map is loaded
    }
    emit(profile.set_fields(state(ctx), fields))


@app.command("show")
def show(
    ctx: typer.Context,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the profile as JSON and nothing else.")
    ] = False,
) -> None:
    """Show your profile (the defaults until you set something)."""
    from pm_coach.app import profile
    from pm_coach.app.emit import emit
    from pm_coach.cli.state import state

    emit(profile.show(state(ctx)), as_json=as_json)


@role_app.command("add")
def role_add(
    ctx: typer.Context,
    company: Annotated[
        str, typer.Argument(help="The company (or organisation).", metavar="COMPANY")
    ],
    title: Annotated[str, typer.Argument(help="Your job title there.", metavar="TITLE")],
    start: Annotated[
        str, typer.Option("--start", help="First month in the role, YYYY-MM.", metavar="YYYY-MM")
    ],
    end: Annotated[
        str,
        typer.Option(
            "--end",
            help="Last month in the role, YYYY-MM (leave out if current).",
            metavar="YYYY-MM",
        ),
    ] = "",
) -> None:
    """Add a role you held; evidence dated within it is grouped under it when you export."""
    from pm_coach.app import profile
    from pm_coach.app.emit import emit
    from pm_coach.cli.state import state

    emit(profile.add_role(state(ctx), company, title, start, end))


@role_app.command("list")
def role_list(
    ctx: typer.Context,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the roles as JSON and nothing else.")
    ] = False,
) -> None:
    """List your roles, newest first, with the numbers 'role rm' and 'export --role' take."""
    from pm_coach.app import profile
    from pm_coach.app.emit import emit
    from pm_coach.cli.state import state

    emit(profile.roles(state(ctx)), as_json=as_json)


@role_app.command("rm")
def role_rm(
    ctx: typer.Context,
    number: Annotated[
        int,
        typer.Argument(
            help="The role's number in 'pm-coach profile role list'.", min=1, metavar="NUMBER"
        ),
    ],
) -> None:
    """Remove a role by its number; prints the command that adds it back."""
    from pm_coach.app import profile
    from pm_coach.app.emit import emit
    from pm_coach.cli.state import state

    emit(profile.remove_role(state(ctx), number))
