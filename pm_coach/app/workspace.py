"""The data folder a command works on, and what it loads from it once per command."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from pm_coach.store.paths import data_dir

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pm_coach.app.drafts import KeptDrafts
    from pm_coach.core.gap_model import GapModel
    from pm_coach.models import Evidence, Profile, SkillMap
    from pm_coach.store.evidence import EvidenceStore
    from pm_coach.store.maps import MapCatalog


@dataclass
class Workspace:
    data_dir_override: str | None = None
    debug: bool = False
    _maps: dict[str, SkillMap] = field(default_factory=dict)
    _models: dict[str, GapModel | None] = field(default_factory=dict)

    @cached_property
    def folder(self) -> Path:
        return data_dir(self.data_dir_override)

    @cached_property
    def evidence(self) -> EvidenceStore:
        from pm_coach.store.evidence import EvidenceStore

        return EvidenceStore(self.folder)

    @cached_property
    def catalog(self) -> MapCatalog:
        from pm_coach.store.maps import MapCatalog

        return MapCatalog(self.folder)

    def profile(self) -> Profile:
        from pm_coach.store.profile import load_profile

        return load_profile(self.folder)

    def keep_views(
        self, kept: KeptDrafts | None = None, every: Sequence[Evidence] | None = None
    ) -> None:
        """After a read command succeeded: bring the views the lean read path uses up to date
        (the evidence view is kept by every load; the profile's roles here), and keep the
        scores and ``kept``'s drafts this run made. ``every``: the log's entries as this
        command loaded them (without, the log is loaded again: a second copy of a big log)."""
        from pm_coach.app import drafts
        from pm_coach.store.profile import load_profile

        load_profile(self.folder, keep_view=True)
        drafts.save(self.folder, self.evidence.load if every is None else lambda: every, kept)

    def keep_log_view(self) -> None:
        """After a ``log`` on the profile's map: keep what the lean ``log`` needs to know of
        the profile, the map and the plan (see store/log_view.py)."""
        from pm_coach.store import log_view

        log_view.keep(self.folder)

    def active_map_id(self, override: str | None = None) -> str:
        """``override`` (a --map value, normalised), else the profile's map."""
        if override:
            from pm_coach.models.common import slug

            return slug(override)
        from pm_coach.store.profile import load_profile

        return load_profile(self.folder).map

    def skill_map(self, override: str | None = None) -> SkillMap:
        map_id = self.active_map_id(override)
        if map_id not in self._maps:
            self._maps[map_id] = self.catalog.load(map_id)
        return self._maps[map_id]

    def gap_model(self, skill_map: SkillMap) -> GapModel | None:
        """The trained gap suggester shipped for this map, or None (the keyword rule is used)."""
        if skill_map.id not in self._models:
            from pm_coach.core.gap_model import GapModel
            from pm_coach.store.maps import load_suggest_weights

            data = load_suggest_weights(skill_map.id)
            self._models[skill_map.id] = GapModel.for_map(data, skill_map.gap_ids)
        return self._models[skill_map.id]


def take_notices() -> list[str]:
    """Notes the store collected while the command ran (a data file made private, say), each
    given once."""
    import sys

    files = sys.modules.get("pm_coach.store.files")  # not loaded: nothing was stored
    if files is None:
        return []
    taken = list(files.notices)
    files.notices.clear()
    return taken
