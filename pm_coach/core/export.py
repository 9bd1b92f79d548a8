"""Choosing and arranging evidence for an export: roles, --role, --top, --lint, sections.

Pure functions: evidence, roles and ``today`` in, plain values out. Filtering by gap, tag and date
is :mod:`pm_coach.core.evidence`'s job; this module starts from the entries it selected.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pm_coach.errors import Hint, NotFoundError
from pm_coach.models.roles import sort_roles

if TYPE_CHECKING:  # the lean read path passes cached views, and never loads pydantic
    from pm_coach.core.bullet_lint import Finding
    from pm_coach.core.bullets import Bullet
    from pm_coach.models import Evidence, Role

# The writer, the linter and the ranking are imported when first used: an export whose drafts
# were all kept from earlier runs needs none of them.


def top(entries: Sequence[Evidence], n: int, today: dt.date) -> list[Evidence]:
    """``--top``: the strongest ``n`` entries (see :func:`pm_coach.core.ranking.top`)."""
    from pm_coach.core.ranking import top as ranked

    return ranked(entries, n, today)


def draft(entry: Evidence) -> Bullet:
    """The writer's bullet for ``entry`` (see :func:`pm_coach.core.bullets.draft`)."""
    from pm_coach.core.bullets import draft as write

    return write(entry)


# Section keys for entries outside any role, in the order they are shown.
KIND_SECTIONS: tuple[str, ...] = ("volunteer", "talk", "publication", "other")


# --- roles ------------------------------------------------------------------------------------


def month_of(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def role_for(day: dt.date, roles: Sequence[Role]) -> Role | None:
    """The role whose months contain ``day``; when several do, the one that started latest
    (on equal starts, the one listed first by :func:`sort_roles`)."""
    month = month_of(day)
    for role in sort_roles(list(roles)):
        if role.contains(month):
            return role
    return None


def match_roles(roles: Sequence[Role], query: str) -> list[Role]:
    """The roles ``--role`` names: its number in ``profile role list``, or a company or title
    (any case; when nothing matches exactly, a part of one). Several roles can match."""
    ordered = sort_roles(list(roles))
    wanted = query.strip()
    if not ordered:
        raise NotFoundError(
            "there are no roles in your profile yet, so --role has nothing to match.",
            hint=Hint("role-add"),
        )
    if wanted.isdigit():
        number = int(wanted)
        if 1 <= number <= len(ordered):
            return [ordered[number - 1]]
    folded = wanted.casefold()
    found = [r for r in ordered if folded in (r.company.casefold(), r.title.casefold())]
    if not found and folded:  # no exact match: a part of a company or title will do
        found = [
            r for r in ordered if folded in r.company.casefold() or folded in r.title.casefold()
        ]
    if not found:
        listed = "; ".join(f"{i}. {r.label()}" for i, r in enumerate(ordered, start=1))
        raise NotFoundError(
            f"no role matches {query!r}.",
            hint=f"Give a number, company or title from: {listed}.",
        )
    return found


# --- the items of an export -------------------------------------------------------------------


@dataclass(slots=True)  # not frozen: a frozen dataclass takes four times as long to make
class Item:
    """One entry, the writer's draft of its bullet, and the role it belongs to (work entries
    only). Only the draft's text is held: an export of a big log keeps one line per entry, not
    the whole :class:`Bullet` (``--lint`` asks for those one at a time, see :func:`lint`)."""

    entry: Evidence
    draft: str  # the writer's draft (the user's approved wording may win, see ``text``)
    over: bool  # the draft left a part out to fit, or is still longer than the limit
    role: Role | None

    @property
    def text(self) -> str:
        """The line to print: the user's approved wording when there is one, else the draft."""
        return self.entry.bullet or self.draft

    @property
    def approved(self) -> bool:
        return bool(self.entry.bullet)

    @property
    def section(self) -> str:
        if self.entry.kind == "work":
            return "role" if self.role is not None else "other"
        return self.entry.kind


# What an export shows of a draft: its text, and whether it ran over (a part left out, or long).
Drafted = Callable[["Evidence"], tuple[str, bool]]


def newest_first(entries: Iterable[Evidence]) -> list[Evidence]:
    return sorted(entries, key=lambda e: (e.date, e.created, e.id), reverse=True)


def line_of(entry: Evidence) -> tuple[str, bool]:
    """The writer's draft for ``entry`` as an export shows it (see :data:`Drafted`)."""
    bullet = draft(entry)
    return bullet.text, bool(bullet.dropped or bullet.long)


def build_items(
    entries: Iterable[Evidence], roles: Sequence[Role], drafted: Drafted = line_of
) -> list[Item]:
    """Every entry with its bullet, newest first. Only ``work`` entries are placed in roles:
    volunteering, talks and publications have sections of their own on a CV. ``drafted``
    gives each entry's draft (the app passes one that reads the drafts kept between runs)."""
    role_of = _roles_by_month(roles)
    items = []
    for e in newest_first(entries):
        text, over = drafted(e)
        items.append(Item(e, text, over, role_of(e.date) if e.kind == "work" else None))
    return items


def _roles_by_month(roles: Sequence[Role]) -> Callable[[dt.date], Role | None]:
    """:func:`role_for` over ``roles``, worked out once per month (a big log has a few hundred
    months and tens of thousands of entries)."""
    ordered = sort_roles(list(roles))
    found: dict[str, Role | None] = {}

    def role_of(day: dt.date) -> Role | None:
        month = month_of(day)
        if month not in found:
            found[month] = next((r for r in ordered if r.contains(month)), None)
        return found[month]

    return role_of


# --- sections ---------------------------------------------------------------------------------


@dataclass
class Section:
    """A group of bullets: one role (``key`` "role"), or a kind of entry outside any role."""

    key: str
    role: Role | None = None
    items: list[Item] = field(default_factory=list)


def sections(items: Sequence[Item], roles: Sequence[Role]) -> list[Section]:
    """Roles newest first (only those with bullets), then volunteer, talks, publications and
    other work, each newest first."""
    in_role: list[tuple[Role, list[Item]]] = []  # by the role object each item holds
    by_kind: dict[str, list[Item]] = {key: [] for key in KIND_SECTIONS}
    for i in items:  # one pass: a big log has tens of thousands of items
        key = i.section
        if key != "role":
            by_kind[key].append(i)
        elif in_role and in_role[-1][0] is i.role:
            in_role[-1][1].append(i)
        else:
            held = next((group for role, group in in_role if role is i.role), None)
            if held is None:
                in_role.append((i.role, [i]))  # type: ignore[arg-type]  # a role item has one
            else:
                held.append(i)
    out: list[Section] = []
    for role in sort_roles(list(roles)):
        groups = [group for held, group in in_role if held == role]
        if len(groups) > 1:  # several equal roles held: keep the items in their order
            mine = [i for i in items if i.role == role and i.section == "role"]
        else:
            mine = groups[0] if groups else []
        if mine:
            out.append(Section("role", role, mine))
    for key in KIND_SECTIONS:
        if by_kind[key]:
            out.append(Section(key, None, by_kind[key]))
    return out


# --- --lint -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class LintReport:
    entry: Evidence
    findings: list[Finding]


def lint(
    items: Sequence[Item],
    limit: int | None = None,
    bullet_of: Callable[[Evidence], Bullet] = draft,
) -> list[LintReport]:
    """The entries whose bullets are weak, each finding with the command that fixes it
    (``limit``: the longest line, by default the writer's). ``bullet_of`` gives an entry's whole
    draft, one at a time (the app's reads the drafts kept between runs)."""
    return list(lint_each(items, limit, bullet_of))


def lint_each(
    items: Iterable[Item],
    limit: int | None = None,
    bullet_of: Callable[[Evidence], Bullet] = draft,
) -> Iterator[LintReport]:
    """:func:`lint`, one report at a time (an export of a big log never holds them all)."""
    from pm_coach.core.bullet_lint import findings
    from pm_coach.core.bullets import MAX_CHARS

    for item in items:
        found = findings(item.entry, bullet_of(item.entry), MAX_CHARS if limit is None else limit)
        if found:
            yield LintReport(item.entry, found)
