"""The one rule that orders gaps, shared by ``assess`` ("biggest gaps"), ``plan`` and ``report``.

Documented for users in ``docs/planning.md`` ("Step 1: rank the gaps"); keep the two in step.

priority = (target − current) + 1 when no evidence for the gap is dated in the 180 days before
``on``. Higher priority first; on equal priority the gap further below its target first (a real
distance outranks a missing proof); then the skill map's order. The reason given for each gap says
where it stands and what backs it; how ties were broken is not shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pm_coach.core.assessment import map_target
from pm_coach.core.progress import RECENT_DAYS, evidence_by_gap, is_unproven
from pm_coach.models import Assessment, Evidence, SkillMap

UNBACKED_RAISE = 1  # priority added to a gap whose rating has no recent evidence behind it

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True)
class GapStanding:
    """Where one rated gap stands, and why it ranks where it does."""

    gap: str
    name: str
    map_index: int
    current: int
    target: int
    target_given: bool
    recent: int  # evidence entries for the gap dated inside the recency window
    total: int  # all evidence entries for the gap
    last_evidence: dt.date | None
    backed: bool
    score: int
    rank: int = 0
    role: str = ""
    why: str = ""

    @property
    def distance(self) -> int:
        """Levels below target (negative when above it)."""
        return self.target - self.current


def month_year(day: dt.date) -> str:
    """``May 2026``: fixed English names, whatever the locale."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _level_words(s: GapStanding, assumed: int) -> str:
    d = s.distance
    if d > 0:
        words = f"{_plural(d, 'level')} below target"
    elif d == 0:
        words = "at target"
    else:
        words = f"{_plural(-d, 'level')} above target"
    if not s.target_given:
        words += f", target assumed to be {assumed}"
    return words


def _evidence_words(s: GapStanding) -> str:
    if s.backed:
        return f"{_plural(s.recent, 'piece')} of evidence in the last {RECENT_DAYS} days"
    if s.last_evidence is not None:
        return f"no evidence since {month_year(s.last_evidence)}"
    if is_unproven(s.current, []):
        return "no evidence logged yet, so the rating is still a claim"
    return "no evidence logged yet"


def gap_evidence(entries: Iterable[Evidence], skill_map: SkillMap) -> dict[str, list[Evidence]]:
    """Evidence per gap; an entry recorded against a map action also counts for its gap."""
    widened: list[Evidence] = []
    for e in entries:
        found = skill_map.action(e.action) if e.action else None
        if found is not None and found[0].id not in e.gaps:
            e = e.model_copy(update={"gaps": [*e.gaps, found[0].id]})
        widened.append(e)
    return evidence_by_gap(widened, skill_map.gap_ids)


def rank_gaps(
    skill_map: SkillMap, assessment: Assessment, entries: Sequence[Evidence], on: dt.date
) -> list[GapStanding]:
    """Every gap the assessment rated, highest priority first, each with its rank and reason."""
    window = on - dt.timedelta(days=RECENT_DAYS)
    assumed = map_target(skill_map)
    by_gap = gap_evidence([e for e in entries if e.date <= on], skill_map)
    standings: list[GapStanding] = []
    for index, gap in enumerate(skill_map.gaps):
        if gap.id not in assessment.levels:
            continue
        current = assessment.levels[gap.id]
        given = gap.id in assessment.targets
        target = assessment.targets[gap.id] if given else assumed
        found = by_gap[gap.id]
        recent = sum(1 for e in found if e.date >= window)
        backed = recent > 0
        standings.append(
            GapStanding(
                gap=gap.id,
                name=gap.name,
                map_index=index,
                current=current,
                target=target,
                target_given=given,
                recent=recent,
                total=len(found),
                last_evidence=max((e.date for e in found), default=None),
                backed=backed,
                score=(target - current) + (0 if backed else UNBACKED_RAISE),
            )
        )
    standings.sort(key=lambda s: (-s.score, -s.distance, s.map_index))
    return [
        GapStanding(
            **{
                **s.__dict__,
                "rank": rank,
                "why": f"{_level_words(s, assumed)}; {_evidence_words(s)}",
            }
        )
        for rank, s in enumerate(standings, start=1)
    ]


def biggest_gaps(
    skill_map: SkillMap,
    assessment: Assessment,
    entries: Sequence[Evidence],
    on: dt.date,
    limit: int = 3,
) -> list[GapStanding]:
    """The highest-ranked gaps still below target: what ``assess`` calls the biggest gaps and
    what ``plan`` takes as its focus."""
    return [s for s in rank_gaps(skill_map, assessment, entries, on) if s.distance > 0][:limit]
