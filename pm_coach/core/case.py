"""A promotion case: per gap, the level claimed, the evidence behind it, what others said, and
what is still missing. Written to be handed to a manager.

Built from the latest self-assessment of a map, the evidence log and (when there are any) other
people's ratings, through the one calibration rule in :mod:`pm_coach.core.calibration`: an
entry backs a level when it clears that level's evidence bar within the window. Pure: no clock,
no files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from pm_coach.core.bullets import bullet_text
from pm_coach.core.calibration import (
    WINDOW_DAYS,
    Rater,
    calibrate,
    gap_entries,
    in_window,
    meets,
)
from pm_coach.core.ranking import strength
from pm_coach.models import Assessment, Evidence, SkillMap
from pm_coach.models.skillmap import Action, EvidenceBar

TOP_ENTRIES = 4


@dataclass(frozen=True)
class CaseEntry:
    id: str
    date: dt.date
    line: str  # the entry as a CV line
    scope: str | None
    clears_claim: bool  # meets the bar of the level claimed


@dataclass(frozen=True)
class CaseGap:
    gap: str
    name: str
    claimed: int
    statement: str  # the level statement the PM picked
    target: int | None
    supported: int
    bar: EvidenceBar  # what proves the level claimed
    entries: tuple[CaseEntry, ...]  # the strongest entries, strongest first
    others: tuple[tuple[str, str, int], ...]  # (name, relation, level)
    notes: tuple[tuple[str, str], ...]  # (name, note)
    missing: tuple[str, ...]  # what is still missing, in plain sentences
    next_action: Action | None  # an action whose evidence can show the level still unproven


@dataclass(frozen=True)
class PromotionCase:
    map_name: str
    from_role: str
    to_role: str
    assessed_on: dt.date
    prepared_on: dt.date
    window_days: int
    gaps: tuple[CaseGap, ...]


def _scope_words(bar: EvidenceBar) -> str:
    reach = {
        "self": "any reach",
        "team": "reach of at least your own team",
        "teams": "reach across several teams",
        "company": "company-wide reach",
        "external": "reach outside the company",
    }[bar.scope]
    needs = [reach]
    if bar.result:
        needs.append("a result")
    if bar.metric:
        needs.append("a number")
    return ", ".join(needs[:-1]) + " and " + needs[-1] if len(needs) > 1 else needs[0]


def bar_words(bar: EvidenceBar) -> str:
    """``"<proof> (needs <reach>, a result and a number)"``, without a closing full stop."""
    return f"{bar.proof.rstrip('.')} (needs {_scope_words(bar)})"


def proving_action(skill_map: SkillMap, gap_id: str, level: int) -> Action | None:
    """An action of the gap whose evidence can show ``level``: stretch work and relationships
    before reading (they produce evidence others can see), then the least ambitious that is
    enough, then the map's order."""
    gap = skill_map.gap(gap_id)
    if gap is None:
        return None
    able = [(a.type == "learning", a.proves, i, a) for i, a in enumerate(gap.actions)]
    fit = [row for row in able if row[1] >= level]
    return min(fit, key=lambda row: row[:3])[3] if fit else None


def build_case(
    skill_map: SkillMap,
    assessment: Assessment,
    entries: Sequence[Evidence],
    today: dt.date,
    *,
    raters: Sequence[Rater] = (),
    days: int = WINDOW_DAYS,
) -> PromotionCase:
    """The case for every gap the assessment rated, in the map's order.

    Evidence counts from ``days`` before the assessment up to ``today``; ``raters`` are other
    people's latest ratings of this map (none until they have given any).
    """
    cal = calibrate(skill_map, assessment.levels, entries, assessment.date, raters=raters,
                    days=days, until=today)  # fmt: skip
    recent = in_window(entries, assessment.date, days, today)
    out: list[CaseGap] = []
    for gap in skill_map.gaps:
        claimed = assessment.levels.get(gap.id)
        g = cal.gap(gap.id)
        if claimed is None or g is None:
            continue
        bar = gap.bar(claimed)
        pool = sorted(
            gap_entries(recent, skill_map, gap.id),
            key=lambda e: (meets(e, bar), strength(e, today), e.date, e.id),
            reverse=True,
        )[:TOP_ENTRIES]
        shown = tuple(CaseEntry(e.id, e.date, bullet_text(e), e.scope, meets(e, bar)) for e in pool)
        target = assessment.targets.get(gap.id)
        missing: list[str] = []
        action: Action | None = None
        if g.supported < claimed:
            missing.append(
                f"Nothing logged yet clears the bar for level {claimed}: {bar_words(bar)}."
            )
            action = proving_action(skill_map, gap.id, claimed)
        if target is not None and target > max(claimed, g.supported):
            missing.append(f"To reach the target, level {target}: {bar_words(gap.bar(target))}.")
            action = action or proving_action(skill_map, gap.id, target)
        out.append(
            CaseGap(
                gap=gap.id,
                name=gap.name,
                claimed=claimed,
                statement=gap.levels[claimed - 1],
                target=target,
                supported=g.supported,
                bar=bar,
                entries=shown,
                others=g.raters,
                notes=g.notes,
                missing=tuple(missing),
                next_action=action,
            )
        )
    return PromotionCase(
        map_name=skill_map.name,
        from_role=skill_map.from_role,
        to_role=skill_map.to_role,
        assessed_on=assessment.date,
        prepared_on=today,
        window_days=days,
        gaps=tuple(out),
    )
