"""The lean read path: the same use cases and the same ``emit``, fed from the view cache.

A read command spends most of its time before it touches an entry: importing typer (whose option
handling builds pydantic adapters), pydantic and rich. When the view cache vouches for the data
files exactly as they are, ``evidence list`` and ``export`` need none of them: the entries come
from the cache as :class:`~pm_coach.models.evidence_view.EvidenceView` objects and go through
the very functions the full command line calls (``list_entries``, ``export``, ``emit``).

Anything this workspace cannot answer from the cache raises :class:`Fallback` before a byte is
printed, and the full command line runs instead: it validates, reports errors in its own words
and writes the cache again.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, NoReturn

from pm_coach.app.workspace import Workspace

if TYPE_CHECKING:
    import datetime as dt

    from pm_coach.app.drafts import KeptDrafts
    from pm_coach.app.plan import PlanResult
    from pm_coach.models.roles import RoleView


class Fallback(Exception):
    """The lean path cannot answer this; the full command line will."""


def fallback(*_: object, **__: object) -> NoReturn:
    raise Fallback


class CachedEvidence:
    """The part of EvidenceStore that read commands use, answered from the view cache."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._views: list[Any] | None = None

    def load(self) -> list[Any]:
        from pm_coach.store.view_cache import load_views

        if self._views is None:  # a read command: the file stays as it was while it runs
            self._views = load_views(self.workspace.folder)
            if self._views is None:
                raise Fallback
        return self._views

    views = load  # the entries are views already
    get = fallback


@dataclass
class CachedProfile:
    """The part of the profile that ``export`` reads in text, Markdown and JSON: the roles."""

    roles: list[RoleView] = field(default_factory=list)


class ViewsWorkspace(Workspace):
    """A workspace whose evidence log comes from the view cache, everything else read and
    validated as usual: for ``plan --json`` and ``report --json``, which need the maps,
    assessments and plans as models, but only read the entries' fields."""

    @cached_property
    def evidence(self) -> CachedEvidence:  # type: ignore[override]
        return CachedEvidence(self)


@contextmanager
def kept_models() -> Iterator[None]:
    """While ``plan --json`` or ``report --json`` runs on the lean path: the map, profile,
    plans, assessments and feedback are read from (and kept in) their validated pickles (see
    store/model_cache.py); no other command, nor the full command line, uses them."""
    from pm_coach.store import model_cache

    model_cache.use(True)
    try:
        yield
    finally:
        model_cache.use(False)


def saved_plan(ws: ViewsWorkspace, today: dt.date) -> PlanResult:
    """What ``plan`` shows when a plan is saved; with none, ``plan`` makes and saves one, which
    the full command line does."""
    from pm_coach.app.plan import show_plan
    from pm_coach.store.plans import active_plan

    if active_plan(ws.folder) is None:
        raise Fallback
    return show_plan(ws.folder, today, entries=ws.evidence.load())


class LeanWorkspace(Workspace):
    @cached_property
    def evidence(self) -> CachedEvidence:  # type: ignore[override]
        return CachedEvidence(self)

    def profile(self) -> CachedProfile:  # type: ignore[override]
        from pm_coach.models.roles import RoleView
        from pm_coach.store.view_cache import cached_roles

        roles = cached_roles(self.folder)
        if roles is None:
            raise Fallback
        return CachedProfile([RoleView(*r) for r in roles])

    def keep_views(self, kept: KeptDrafts | None = None, every: Any = None) -> None:
        from pm_coach.app import drafts

        drafts.save(self.folder, self.evidence.load, kept)  # the views it reads already match

    skill_map = fallback  # type: ignore[assignment]
    active_map_id = fallback  # type: ignore[assignment]
    gap_model = fallback  # type: ignore[assignment]
