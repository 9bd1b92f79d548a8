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
    from pm_coach.cli.state import state
    from pm_coach.errors import InputError
    from pm_coach.models.common import BACKGROUNDS, MARKETS
    from pm_coach.models.profile import MOTIVATIONS
    from pm_coach.render.profile import profile_text
    from pm_coach.store.profile import update_profile

    st = state(ctx)
    changes: dict[str, object] = {
        key: value
        for key, value in (
            ("name", name),
            ("current_role", current_role),
            ("target_role", target_role),
            ("hours_per_week", hours_per_week),
            ("email", email),
            ("location", location),
            ("summary", summary),
            ("goal", goal),
            ("investment", investment),
            ("background", _choice("--background", background, BACKGROUNDS)),
            ("market", _choice("--market", market, MARKETS)),
            ("motivation", _choice("--motivation", motivation, MOTIVATIONS)),
        )
        if value is not None
    }
    if map_id is not None:
        map_id = st.active_map_id(map_id)
        st.catalog.load(map_id)  # an unknown map is refused before anything is written
        changes["map"] = map_id
    if not changes:
        raise InputError(
            "nothing to set.",
            hint='Give at least one field, e.g. pm-coach profile set --name "Sam Lee" '
            "--hours-per-week 4",
        )
    updated = update_profile(st.folder, lambda p: p.with_changes(changes))
    print("Saved your profile:")
    print(profile_text(updated), end="")


@app.command("show")
def show(
    ctx: typer.Context,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the profile as JSON and nothing else.")
    ] = False,
) -> None:
    """Show your profile (the defaults until you set something)."""
    import sys

    from pm_coach.cli.state import state
    from pm_coach.render.profile import profile_json, profile_text
    from pm_coach.store.profile import load_profile, profile_exists

    st = state(ctx)
    profile = load_profile(st.folder)
    if as_json:
        print(profile_json(profile), end="")
        return
    print(profile_text(profile), end="")
    if not profile_exists(st.folder):
        print(
            "No profile saved yet: these are the defaults. Set yours with: pm-coach profile set "
            '--name "Your Name" --target-role "Head of Product"',
            file=sys.stderr,
        )


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
    from pm_coach.cli.state import state
    from pm_coach.errors import InputError
    from pm_coach.models import Profile
    from pm_coach.models.profile import make_role

    role = make_role(company, title, start, end)

    def add(profile: Profile) -> Profile:
        if role in profile.roles:
            raise InputError(
                f"that role is already in your profile: {role.label()}.",
                hint="See your roles with: pm-coach profile role list",
            )
        return profile.with_role(role)

    from pm_coach.store.profile import update_profile

    updated = update_profile(state(ctx).folder, add)
    number = updated.roles.index(role) + 1
    print(f"Added role {number}: {role.label()}")


@role_app.command("list")
def role_list(
    ctx: typer.Context,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the roles as JSON and nothing else.")
    ] = False,
) -> None:
    """List your roles, newest first, with the numbers 'role rm' and 'export --role' take."""
    import sys

    from pm_coach.cli.state import state
    from pm_coach.render.profile import roles_json, roles_text
    from pm_coach.store.profile import load_profile

    roles = load_profile(state(ctx).folder).roles
    if as_json:
        print(roles_json(roles), end="")
        return
    if not roles:
        print(
            'No roles yet. Add one with: pm-coach profile role add "Acme" "Senior PM" '
            "--start 2024-03",
            file=sys.stderr,
        )
        return
    print(roles_text(roles), end="")


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
    from pm_coach.cli.state import state
    from pm_coach.errors import NotFoundError
    from pm_coach.models import Profile, Role
    from pm_coach.render.profile import role_add_command
    from pm_coach.store.profile import update_profile

    removed: list[Role] = []

    def remove(profile: Profile) -> Profile:
        if number > len(profile.roles):
            raise NotFoundError(
                f"there is no role {number}; your profile has {len(profile.roles)}.",
                hint="See the numbers with: pm-coach profile role list",
            )
        removed.append(profile.roles[number - 1])
        return profile.model_copy(
            update={"roles": [r for i, r in enumerate(profile.roles, start=1) if i != number]}
        )

    update_profile(state(ctx).folder, remove)
    print(f"Removed role {number}: {removed[0].label()}")
    print(f"  To add it back: {role_add_command(removed[0])}")


def _choice(flag: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
    """``value`` lower-cased when it is one of ``allowed`` (or empty, which clears the field)."""
    from pm_coach.errors import InputError

    if value is None:
        return None
    word = value.strip().lower()
    if word and word not in allowed:
        raise InputError(
            f"{flag} {value!r} is not one of: {', '.join(allowed)}.",
            hint=f'Pick one of those, or give {flag} "" to clear it.',
        )
    return word
