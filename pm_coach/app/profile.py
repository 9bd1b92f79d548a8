"""``pm-coach profile``: set and show who you are, and the roles you have held."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import ClassVar

from pm_coach.app.emit import Message, Output
from pm_coach.app.workspace import Workspace
from pm_coach.errors import InputError, NotFoundError
from pm_coach.models import Profile, Role


@dataclass(frozen=True)
class ProfileResult(Output):
    """The profile as text or JSON; ``saved`` says it was just changed."""

    profile: Profile
    exists: bool = True
    saved: bool = False

    formats: ClassVar[tuple[str, ...]] = ("text", "json")

    def render(self, fmt: str) -> str:
        from pm_coach.render.plain import screen_width
        from pm_coach.render.profile import profile_json, profile_text

        if fmt == "json":
            return profile_json(self.profile)
        text = profile_text(self.profile, screen_width(sys.stdout))
        return ("Saved your profile:\n" if self.saved else "") + text

    def after(self, fmt: str) -> list[str]:
        if self.exists or fmt == "json":
            return []
        return [
            "No profile saved yet: these are the defaults. Set yours with: pm-coach profile set "
            '--name "Your Name" --target-role "Head of Product"'
        ]


@dataclass(frozen=True)
class RolesResult(Output):
    roles: list[Role]

    formats: ClassVar[tuple[str, ...]] = ("text", "json")

    def render(self, fmt: str) -> str:
        from pm_coach.render.plain import screen_width
        from pm_coach.render.profile import roles_json, roles_text

        if fmt == "json":
            return roles_json(self.roles)
        return roles_text(self.roles, screen_width(sys.stdout))

    def empty(self, fmt: str) -> str | None:
        if self.roles:
            return None
        return (
            'No roles yet. Add one with: pm-coach profile role add "Acme" "Senior PM" '
            "--start 2024-03"
        )


def show(ws: Workspace) -> ProfileResult:
    from pm_coach.store.profile import load_profile, profile_exists

    return ProfileResult(load_profile(ws.folder), exists=profile_exists(ws.folder))


def set_fields(ws: Workspace, fields: dict[str, str | float | None]) -> ProfileResult:
    """Change the fields given (not None); an empty text clears one. ``map`` must name a map
    pm-coach can load; ``background``, ``market`` and ``motivation`` one of their values."""
    from pm_coach.models.common import BACKGROUNDS, MARKETS
    from pm_coach.models.profile import MOTIVATIONS
    from pm_coach.store.profile import update_profile

    choices = {"background": BACKGROUNDS, "market": MARKETS, "motivation": MOTIVATIONS}
    changes: dict[str, object] = {}
    for key, value in fields.items():
        if value is None:
            continue
        if key in choices:
            value = _choice(f"--{key}", str(value), choices[key])
        elif key == "map":
            value = ws.active_map_id(str(value))
            ws.catalog.load(value)  # an unknown map is refused before anything is written
        changes[key] = value
    if not changes:
        raise InputError(
            "nothing to set.",
            hint='Give at least one field, e.g. pm-coach profile set --name "Sam Lee" '
            "--hours-per-week 4",
        )
    updated = update_profile(ws.folder, lambda p: p.with_changes(changes))
    return ProfileResult(updated, saved=True)


def _choice(flag: str, value: str, allowed: tuple[str, ...]) -> str:
    """``value`` lower-cased when it is one of ``allowed`` (or empty, which clears the field)."""
    word = value.strip().lower()
    if word and word not in allowed:
        raise InputError(
            f"{flag} {value!r} is not one of: {', '.join(allowed)}.",
            hint=f'Pick one of those, or give {flag} "" to clear it.',
        )
    return word


def roles(ws: Workspace) -> RolesResult:
    from pm_coach.store.profile import load_profile

    return RolesResult(load_profile(ws.folder).roles)


def add_role(ws: Workspace, company: str, title: str, start: str, end: str) -> Message:
    from pm_coach.models.profile import make_role
    from pm_coach.store.profile import update_profile

    role = make_role(company, title, start, end)

    def add(profile: Profile) -> Profile:
        if role in profile.roles:
            raise InputError(
                f"that role is already in your profile: {role.label()}.",
                hint="See your roles with: pm-coach profile role list",
            )
        return profile.with_role(role)

    updated = update_profile(ws.folder, add)
    number = updated.roles.index(role) + 1
    return Message((f"Added role {number}: {role.label()}",))


def remove_role(ws: Workspace, number: int) -> Message:
    """Remove role ``number`` (as 'role list' numbers them); says how to add it back."""
    from pm_coach.app.hints import role_add_command
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

    update_profile(ws.folder, remove)
    r = removed[0]
    return Message(
        (
            f"Removed role {number}: {removed[0].label()}",
            f"  To add it back: {role_add_command(r.company, r.title, r.start, r.end)}",
        )
    )
