"""Calibration: the level the evidence supports, set beside the self-rating and others' ratings.

One rule for every command (``assess``, ``report``, ``plan``): per gap, the highest level whose
evidence bar (the skill map's, see :meth:`~pm_coach.models.skillmap.Gap.bar`) is met by at least
one entry dated in the window before the assessment. The rules and the reason for each are in
``docs/calibration.md``; keep the two in step.

Pure: skill map, entries, ratings and dates in; plain dataclasses out. No clock, no files, no
command hints.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from pm_coach.errors import InputError
from pm_coach.models import Evidence, SkillMap
from pm_coach.models.common import SCOPES
from pm_coach.models.skillmap import LEVEL_COUNT, EvidenceBar, Gap

WINDOW_DAYS = 365  # evidence older than this before the assessment no longer backs a rating
MAX_WINDOW_DAYS = 3650
NO_RESULT_MAX = 2  # an entry with no result (only an activity) backs levels 1-2 at most
BLIND_SPOT = 2  # others rate this many levels (or more) below the self-rating
UNSCOPED = "self"  # the scope an entry without one counts as

OVER = "over"
UNDER = "under"
MATCH = "match"


@dataclass(frozen=True)
class Rater:
    """One other person's latest ratings, as calibration uses them."""

    name: str
    relation: str
    date: dt.date
    levels: Mapping[str, int]
    notes: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class GapCalibration:
    """One gap: what the PM claims, what others see, what the evidence supports."""

    gap: str
    name: str
    self_level: int | None
    supported: int  # 0 when no entry in the window meets even level 1's bar
    entries: int  # entries for the gap in the window
    others: float | None  # median of the raters' levels; None when nobody rated the gap
    raters: tuple[tuple[str, str, int], ...]  # (name, relation, level), in rater order
    notes: tuple[tuple[str, str], ...]  # (rater name, note) for this gap
    # what would prove the level above ``supported`` (level 2 at least: 1 is "not yet")
    next_bar: EvidenceBar | None
    claimed_bar: EvidenceBar | None  # the bar of the self-rated level

    @property
    def verdict(self) -> str | None:
        """``over``, ``under`` or ``match`` against the evidence; None when not self-rated.

        A self-rating of 1 ("not yet") needs no evidence, so it is never an over-claim.
        """
        if self.self_level is None:
            return None
        if self.self_level > max(self.supported, 1):
            return OVER
        if self.supported > self.self_level:
            return UNDER
        return MATCH

    @property
    def blind_spot(self) -> bool:
        """Others rate the gap at least two levels below the self-rating."""
        return (
            self.others is not None
            and self.self_level is not None
            and self.self_level - self.others >= BLIND_SPOT
        )

    @property
    def hidden_strength(self) -> bool:
        """Others rate the gap higher than the PM does."""
        return (
            self.others is not None
            and self.self_level is not None
            and self.others > self.self_level
        )


@dataclass(frozen=True)
class Calibration:
    on: dt.date
    window_days: int
    until: dt.date
    gaps: tuple[GapCalibration, ...]
    raters: tuple[Rater, ...]

    def gap(self, gap_id: str) -> GapCalibration | None:
        return next((g for g in self.gaps if g.gap == gap_id), None)

    @property
    def all_fives_challenged(self) -> bool:
        """Every rated gap is rated 5 while the evidence supports 5 on fewer than all of them."""
        rated = [g for g in self.gaps if g.self_level is not None]
        return (
            bool(rated)
            and all(g.self_level == LEVEL_COUNT for g in rated)
            and any(g.supported < LEVEL_COUNT for g in rated)
        )


# --- the evidence rule -----------------------------------------------------------------------


def check_window(days: int) -> int:
    """``--window DAYS``: 1 to ten years."""
    if not 1 <= days <= MAX_WINDOW_DAYS:
        raise InputError(
            f"--window {days} is out of range.",
            hint=f"Give a number of days from 1 to {MAX_WINDOW_DAYS}; the default, "
            f"{WINDOW_DAYS}, counts the last year's evidence.",
        )
    return days


def window_start(on: dt.date, days: int = WINDOW_DAYS) -> dt.date:
    """The first day whose evidence still counts for an assessment dated ``on``."""
    return on - dt.timedelta(days=days)


def has_result(entry: Evidence) -> bool:
    """A result line or a number: something came of it, not only an activity."""
    return bool(entry.result.strip() or entry.metrics)


def meets(entry: Evidence, bar: EvidenceBar) -> bool:
    """True when ``entry`` clears ``bar``: wide enough, with a result and number if asked."""
    scope = entry.scope or UNSCOPED
    if SCOPES.index(scope) < SCOPES.index(bar.scope):
        return False
    if (bar.result or bar.level > NO_RESULT_MAX) and not has_result(entry):
        return False
    return not (bar.metric and not entry.metrics)


def gap_entries(entries: Iterable[Evidence], skill_map: SkillMap, gap_id: str) -> list[Evidence]:
    """Entries tagged with the gap, or logged against one of its actions."""
    gap = skill_map.gap(gap_id)
    actions = {a.id for a in gap.actions} if gap else set()
    return [e for e in entries if gap_id in e.gaps or (e.action and e.action in actions)]


def in_window(
    entries: Iterable[Evidence],
    on: dt.date,
    days: int = WINDOW_DAYS,
    until: dt.date | None = None,
) -> list[Evidence]:
    """Entries dated from ``days`` days before ``on`` up to ``until`` (default: ``on``), both
    days included. ``report`` and ``plan`` pass today as ``until``: what was logged since the
    assessment backs the rating held now."""
    start = window_start(on, days)
    end = max(on, until) if until else on
    return [e for e in entries if start <= e.date <= end]


def supported_level(gap: Gap, entries: Iterable[Evidence]) -> int:
    """The highest level of ``gap`` whose bar one of ``entries`` meets; 0 when none does.

    ``entries`` are the gap's entries already cut to the window.
    """
    pool = list(entries)
    for level in range(LEVEL_COUNT, 0, -1):
        bar = gap.bar(level)
        if any(meets(e, bar) for e in pool):
            return level
    return 0


def supported_levels(
    skill_map: SkillMap,
    entries: Sequence[Evidence],
    on: dt.date,
    days: int = WINDOW_DAYS,
    until: dt.date | None = None,
) -> dict[str, int]:
    """The supported level of every gap of the map, for an assessment dated ``on``."""
    recent = in_window(entries, on, days, until)
    return {g.id: supported_level(g, gap_entries(recent, skill_map, g.id)) for g in skill_map.gaps}


# --- others' ratings -------------------------------------------------------------------------


def median(values: Sequence[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def calibrate(
    skill_map: SkillMap,
    levels: Mapping[str, int],
    entries: Sequence[Evidence],
    on: dt.date,
    *,
    raters: Sequence[Rater] = (),
    days: int = WINDOW_DAYS,
    until: dt.date | None = None,
) -> Calibration:
    """Self-rating, others' median and the supported level for every gap of the map.

    ``levels`` are the self-ratings (a gap may be missing); ``raters`` each person's latest
    ratings of this map; ``on`` the assessment's date, from which the window reaches ``days``
    back; ``until`` the last day counted (default ``on``).
    """
    recent = in_window(entries, on, days, until)
    out: list[GapCalibration] = []
    for gap in skill_map.gaps:
        pool = gap_entries(recent, skill_map, gap.id)
        supported = supported_level(gap, pool)
        rated = [(r.name, r.relation, r.levels[gap.id]) for r in raters if gap.id in r.levels]
        own = levels.get(gap.id)
        out.append(
            GapCalibration(
                gap=gap.id,
                name=gap.name,
                self_level=own,
                supported=supported,
                entries=len(pool),
                others=median([lv for _, _, lv in rated]),
                raters=tuple(rated),
                notes=tuple((r.name, r.notes[gap.id]) for r in raters if r.notes.get(gap.id)),
                next_bar=gap.bar(max(supported + 1, 2)) if supported < LEVEL_COUNT else None,
                claimed_bar=gap.bar(own) if own else None,
            )
        )
    return Calibration(
        on=on,
        window_days=days,
        until=max(on, until) if until else on,
        gaps=tuple(out),
        raters=tuple(raters),
    )


def level_number(value: float | None) -> int | float | None:
    """A median as JSON shows it: a whole number when it is one (3, not 3.0), else 3.5."""
    if value is None:
        return None
    return int(value) if value == int(value) else value
