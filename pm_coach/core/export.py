"""Choosing and arranging evidence for an export: roles, --role, --top, --lint, sections.

Pure functions: evidence, roles and ``today`` in, plain values out. Filtering by gap, tag and date
is :mod:`pm_coach.core.evidence`'s job; this module starts from the entries it selected.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pm_coach.core.bullet_lint import Finding, findings
from pm_coach.core.bullets import MAX_CHARS, Bullet, draft
from pm_coach.core.ranking import top as top  # --top: ranking lives in core.ranking
from pm_coach.errors import Hint, NotFoundError
from pm_coach.models.roles import sort_roles

if TYPE_CHECKING:  # the lean read path passes cached views, and never loads pydantic
    from pm_coach.models import Evidence, Role

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


@dataclass(frozen=True)
class Item:
    """One entry, its bullet, and the role it belongs to (work entries only)."""

    entry: Evidence
    bullet: Bullet  # the writer's draft
    role: Role | None

    @property
    def text(self) -> str:
        """The line to print: the user's approved wording when there is one, else the draft."""
        return self.entry.bullet or self.bullet.text

    @property
    def approved(self) -> bool:
        return bool(self.entry.bullet)

    @property
    def section(self) -> str:
        if self.entry.kind == "work":
            return "role" if self.role is not None else "other"
        return self.entry.kind


def newest_first(entries: Iterable[Evidence]) -> list[Evidence]:
    return sorted(entries, key=lambda e: (e.date, e.created, e.id), reverse=True)


def bullet_for(entry: Evidence) -> Bullet:
    return draft(entry)


def build_items(entries: Iterable[Evidence], roles: Sequence[Role]) -> list[Item]:
    """Every entry with its bullet, newest first. Only ``work`` entries are placed in roles:
    volunteering, talks and publications have sections of their own on a CV."""
    return [
        Item(e, bullet_for(e), role_for(e.date, roles) if e.kind == "work" else None)
        for e in newest_first(entries)
    ]


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
    out: list[Section] = []
    for role in sort_roles(list(roles)):
        mine = [i for i in items if i.role == role and i.section == "role"]
        if mine:
            out.append(Section("role", role, mine))
    for key in KIND_SECTIONS:
        mine = [i for i in items if i.section == key]
        if mine:
            out.append(Section(key, None, mine))
    return out


# --- --lint -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class LintReport:
    entry: Evidence
    findings: list[Finding]


def lint(items: Sequence[Item], limit: int = MAX_CHARS) -> list[LintReport]:
    """The entries whose bullets are weak, each finding with the command that fixes it."""
    reports: list[LintReport] = []
    for item in items:
        found = findings(item.entry, item.bullet, limit)
        if found:
            reports.append(LintReport(item.entry, found))
    return reports
