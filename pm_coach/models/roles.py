"""What a role knows how to do, shared by the :class:`~pm_coach.models.profile.Role` model and
the cached :class:`RoleView` of the lean read path (no pydantic here)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar

OPEN_END = "9999-12"  # a role with no end month runs until today and beyond


class RoleFields(Protocol):
    company: str
    title: str
    start: str
    end: str


class RoleMethods:
    """Methods of a role over its four fields (company, title, start, end)."""

    __slots__ = ()

    def contains(self: RoleFields, month: str) -> bool:
        """True when ``month`` (YYYY-MM) falls within the role, both ends included."""
        return self.start <= month <= (self.end or OPEN_END)

    @property
    def sort_key(self: RoleFields) -> tuple[str, str, str, str]:
        """Newest first when sorted in reverse: latest start, then a current role first."""
        return (self.start, self.end or OPEN_END, self.company.casefold(), self.title.casefold())

    def label(self: RoleFields) -> str:
        return f"{self.company}, {self.title} ({self.start} – {self.end or 'present'})"


R = TypeVar("R", bound=RoleMethods)


def sort_roles(roles: Sequence[R]) -> list[R]:
    """Roles newest first: the latest start first; on equal starts the one still running."""
    return sorted(roles, key=lambda r: r.sort_key, reverse=True)


class RoleView(RoleMethods):
    """A role read from the profile's view cache: validated when the cache was written."""

    __slots__ = ("company", "title", "start", "end")

    def __init__(self, company: str, title: str, start: str, end: str) -> None:
        self.company, self.title, self.start, self.end = company, title, start, end

    def _fields(self) -> tuple[str, str, str, str]:
        return (self.company, self.title, self.start, self.end)

    def __eq__(self, other: object) -> bool:  # as pydantic compares two Roles: field by field
        return isinstance(other, RoleView) and self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]
