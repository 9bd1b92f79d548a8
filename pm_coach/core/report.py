"""Progress at a glance: per-gap figures, the trend across assessments, evidence per month.

Pure: skill map, assessments, evidence and ``today`` in; a :class:`Report` out. The next plan
actions and the top CV bullets are worked out by the plan and export cores and passed in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from pm_coach.core import progress
from pm_coach.core.calibration import (
    WINDOW_DAYS,
    Calibration,
    Rater,
    calibrate,
)
from pm_coach.models import Assessment, Evidence, SkillMap

RECENT_WINDOW_DAYS = 90
MONTHS_SHOWN = 12


@dataclass(frozen=True)
class NextAction:
    gap: str
    id: str
    title: str
    due: dt.date | None
    log_line: str = ""


@dataclass(frozen=True)
class GapReport:
    gap: str
    name: str
    current: int | None
    target: int | None
    change: int | None  # current minus the level at the baseline assessment; None if not rated then
    evidence: int
    evidence_90d: int
    supported: int  # the level the evidence in the window supports; 0 when none
    others: float | None  # the median of others' latest ratings; None when nobody rated it
    trend: tuple[int | None, ...]  # the level at each assessment in the window, oldest first
    last_evidence: dt.date | None = None


@dataclass(frozen=True)
class Report:
    map_id: str
    map_name: str
    today: dt.date
    since: dt.date | None
    assessed_on: dt.date
    baseline_on: dt.date
    assessment_dates: tuple[dt.date, ...]
    gaps: tuple[GapReport, ...]
    months: tuple[tuple[str, int], ...]  # ("YYYY-MM", entries logged that month), oldest first
    evidence_total: int
    calibration: Calibration
    evidence_recent: int = 0  # entries dated in the last RECENT_WINDOW_DAYS, each counted once
    next_actions: tuple[NextAction, ...] = field(default=())
    bullets: tuple[str, ...] = field(default=())


def month_keys(today: dt.date, count: int = MONTHS_SHOWN) -> list[str]:
    """The ``count`` months ending with today's, oldest first, as ``YYYY-MM``."""
    year, month = today.year, today.month
    keys = []
    for _ in range(count):
        keys.append(f"{year:04d}-{month:02d}")
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return keys[::-1]


def build_report(
    skill_map: SkillMap,
    assessments: Sequence[Assessment],
    entries: Sequence[Evidence],
    today: dt.date,
    since: dt.date | None = None,
    *,
    raters: Sequence[Rater] = (),
    window_days: int = WINDOW_DAYS,
) -> Report | None:
    """The report for ``skill_map``, or None when it has never been assessed.

    The evidence window reaches ``window_days`` back from the latest assessment and runs to
    ``today``; ``raters`` are others' latest ratings of this map.
    """
    history = sorted(
        (a for a in assessments if a.map == skill_map.id), key=lambda a: (a.date, a.created)
    )
    if not history:
        return None
    current = history[-1]
    window = [a for a in history if since is None or a.date >= since] or [current]
    baseline = window[0]
    by_gap = progress.evidence_by_gap(entries, skill_map.gap_ids)
    recent_from = today - dt.timedelta(days=RECENT_WINDOW_DAYS)
    calibration = calibrate(
        skill_map,
        current.levels,
        entries,
        current.date,
        raters=raters,
        days=window_days,
        until=today,
    )
    gaps = []
    for gap in skill_map.gaps:
        level = current.levels.get(gap.id)
        start = baseline.levels.get(gap.id)
        gap_entries = by_gap[gap.id]
        cal = calibration.gap(gap.id)
        gaps.append(
            GapReport(
                gap=gap.id,
                name=gap.name,
                current=level,
                target=current.targets.get(gap.id),
                change=None if level is None or start is None else level - start,
                evidence=len(gap_entries),
                evidence_90d=progress.count_since(gap_entries, recent_from),
                supported=cal.supported if cal else 0,
                others=cal.others if cal else None,
                trend=tuple(a.levels.get(gap.id) for a in window),
                last_evidence=progress.last_date(gap_entries),
            )
        )
    keys = month_keys(today)
    counts = dict.fromkeys(keys, 0)
    for e in entries:
        k = f"{e.date.year:04d}-{e.date.month:02d}"
        if k in counts:
            counts[k] += 1
    return Report(
        map_id=skill_map.id,
        map_name=skill_map.name,
        today=today,
        since=since,
        assessed_on=current.date,
        baseline_on=baseline.date,
        assessment_dates=tuple(a.date for a in window),
        gaps=tuple(gaps),
        months=tuple((k, counts[k]) for k in keys),
        evidence_total=len(entries),
        calibration=calibration,
        evidence_recent=progress.count_since(entries, recent_from),
    )
