"""The one rule that orders gaps, shared by ``assess`` ("biggest gaps"), ``plan`` and ``report``.

Documented for users in ``docs/planning.md`` ("Step 1: rank the gaps"); keep the two in step.

priority = (target − current), + 1 when the evidence does not back the rating (the level it
supports, by the calibration rule in ``core/calibration.py``, is below the rating), + 1 when
others' median rating is two or more levels below it (a blind spot). Higher priority first; on
equal priority the gap further below its target first (a real distance outranks a missing proof);
then the skill map's order. Each standing carries the figures its reason is worded from
(``render/reasons.py``: where it stands and what backs it); how ties were broken is not shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from pm_coach.core.assessment import map_target
from pm_coach.core.calibration import Rater, calibrate, in_window
from pm_coach.core.progress import evidence_by_gap
from pm_coach.models import Assessment, Evidence, SkillMap

UNBACKED_RAISE = 1  # priority added to a gap whose rating the evidence does not back
BLIND_SPOT_RAISE = 1  # priority added to a gap others rate two or more levels lower


@dataclass(frozen=True)
class GapStanding:
    """Where one rated gap stands, and why it ranks where it does."""

    gap: str
    name: str
    map_index: int
    current: int
    target: int
    target_given: bool
    recent: int  # evidence entries for the gap dated inside the calibration window
    total: int  # all evidence entries for the gap
    last_evidence: dt.date | None
    backed: bool  # the level the evidence supports reaches the rating
    score: int
    supported: int = 0  # the level the evidence supports (core/calibration.py)
    others: float | None = None  # others' median rating; None when nobody rated the gap
    blind_spot: bool = False  # others rate it two or more levels below the self-rating
    rank: int = 0
    role: str = ""

    @property
    def distance(self) -> int:
        """Levels below target (negative when above it)."""
        return self.target - self.current


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
    skill_map: SkillMap,
    assessment: Assessment,
    entries: Sequence[Evidence],
    on: dt.date,
    raters: Sequence[Rater] = (),
) -> list[GapStanding]:
    """Every gap the assessment rated, highest priority first, each with its rank and reason.

    Evidence counts by the calibration rule: from a year before the assessment up to ``on``;
    ``raters`` are others' latest ratings of this map."""
    assumed = map_target(skill_map)
    upto = [e for e in entries if e.date <= on]
    calibration = calibrate(
        skill_map, assessment.levels, upto, assessment.date, raters=raters, until=on
    )
    counted = {e.id for e in in_window(upto, assessment.date, until=on)}
    by_gap = gap_evidence(upto, skill_map)
    standings: list[GapStanding] = []
    for index, gap in enumerate(skill_map.gaps):
        if gap.id not in assessment.levels:
            continue
        current = assessment.levels[gap.id]
        given = gap.id in assessment.targets
        target = assessment.targets[gap.id] if given else assumed
        found = by_gap[gap.id]
        recent = sum(1 for e in found if e.id in counted)
        cal = calibration.gap(gap.id)
        supported = cal.supported if cal else 0
        backed = supported >= current or current <= 1
        blind = bool(cal and cal.blind_spot)
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
                score=(target - current)
                + (0 if backed else UNBACKED_RAISE)
                + (BLIND_SPOT_RAISE if blind else 0),
                supported=supported,
                others=cal.others if cal else None,
                blind_spot=blind,
            )
        )
    standings.sort(key=lambda s: (-s.score, -s.distance, s.map_index))
    return [replace(s, rank=rank) for rank, s in enumerate(standings, start=1)]


def biggest_gaps(
    skill_map: SkillMap,
    assessment: Assessment,
    entries: Sequence[Evidence],
    on: dt.date,
    limit: int = 3,
    raters: Sequence[Rater] = (),
) -> list[GapStanding]:
    """The highest-ranked gaps still below target: what ``assess`` calls the biggest gaps and
    what ``plan`` takes as its focus."""
    ranked = rank_gaps(skill_map, assessment, entries, on, raters)
    return [s for s in ranked if s.distance > 0][:limit]
