"""Giving back: mentoring as evidence of delegation, and the gaps a PM is ready to mentor in.

Pure functions; ``today`` and ``created`` are passed in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from pm_coach.core.assessment import map_target
from pm_coach.core.evidence import validate_entry
from pm_coach.core.progress import evidence_by_gap
from pm_coach.models import Assessment, Evidence, SkillMap

MENTORING_GAP = "delegation"  # mentoring someone is how a PM without reports shows delegation
MENTORING_TAG = "mentoring"
MENTORING_SCOPE = "team"  # growing someone else reaches beyond the PM's own work


def mentoring_entry(
    mentee: str, when: dt.date, note: str, skill_map: SkillMap, *, created: dt.datetime
) -> Evidence:
    """An evidence entry for a mentoring conversation, tagged with the delegation gap when the
    map has one. The id is a placeholder; the store gives the real one."""
    text = f"Mentoring session with {mentee}"
    if note.strip():
        text += f": {note.strip()}"
    values: dict[str, object] = {
        "id": "new",
        "date": when,
        "text": text,
        "gaps": [MENTORING_GAP] if skill_map.gap(MENTORING_GAP) is not None else [],
        "tags": [MENTORING_TAG],
        "scope": MENTORING_SCOPE,
        "created": created,
    }
    return validate_entry(values)


@dataclass(frozen=True)
class Strength:
    """A gap rated at or above its target, with evidence behind it: one to mentor others in."""

    gap: str
    name: str
    level: int
    target: int
    evidence: int  # entries tagged with the gap


def strengths(
    skill_map: SkillMap,
    assessment: Assessment | None,
    entries: Iterable[Evidence],
) -> list[Strength]:
    """Gaps at or above target with at least one piece of evidence, in map order.

    A rating with nothing logged behind it is a claim, so it is not offered. A gap with no
    target set uses the map's default target.
    """
    if assessment is None:
        return []
    default_target = map_target(skill_map)
    counts = {g: len(es) for g, es in evidence_by_gap(entries, skill_map.gap_ids).items()}
    out = []
    for gap in skill_map.gaps:
        level = assessment.levels.get(gap.id)
        if level is None:
            continue
        target = assessment.targets.get(gap.id, default_target)
        if level >= target and counts.get(gap.id, 0) > 0:
            out.append(Strength(gap.id, gap.name, level, target, counts[gap.id]))
    return out
