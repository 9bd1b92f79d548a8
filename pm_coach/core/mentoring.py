"""Giving back: mentoring as evidence of delegation, and the gaps a PM is ready to mentor in.

Pure functions; ``today`` and ``created`` are passed in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from pm_coach.core.assessment import map_target
from pm_coach.core.calibration import gap_entries, in_window, supported_levels
from pm_coach.core.evidence import validate_entry
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
    """A gap rated at or above its target, with evidence that reaches the target: one to
    mentor others in."""

    gap: str
    name: str
    level: int
    target: int
    supported: int  # the highest level the evidence supports (core.calibration)
    evidence: int  # entries for the gap in the evidence window


def strengths(
    skill_map: SkillMap,
    assessment: Assessment | None,
    entries: Sequence[Evidence],
    today: dt.date,
) -> list[Strength]:
    """Gaps rated at or above target whose evidence supports the target level, in map order.

    The evidence is judged by the same rule as ``assess`` and ``report`` (each level's bar of
    scope and result, over the year before the assessment and up to ``today``): a rating the
    log does not back is a claim, and a claim is not something to teach. A gap with no target
    set uses the map's default target.
    """
    if assessment is None:
        return []
    default_target = map_target(skill_map)
    supported = supported_levels(skill_map, entries, assessment.date, until=today)
    recent = in_window(entries, assessment.date, until=today)
    out = []
    for gap in skill_map.gaps:
        level = assessment.levels.get(gap.id)
        if level is None:
            continue
        target = assessment.targets.get(gap.id, default_target)
        backed = supported.get(gap.id, 0)
        if level >= target and backed >= target:
            count = len(gap_entries(recent, skill_map, gap.id))
            out.append(Strength(gap.id, gap.name, level, target, backed, count))
    return out
