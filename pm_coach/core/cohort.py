"""A cohort of PMs seen through their shared member files: checks across files, and where the
cohort stands. Pure: members and ``today`` in, plain values out."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from pm_coach.models.cohort import Member

QUIET_DAYS = 30  # a member who has not re-shared for this long has gone quiet
SESSION_TOPICS = 3  # the weakest gaps across the cohort, offered as session topics


def name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def cohort_map(members: Sequence[Member], wanted: str | None = None) -> str | None:
    """The cohort's skill map: ``wanted`` if given, else the one most members use (ties: the
    first by name)."""
    if wanted:
        return wanted
    counts = Counter(m.map for m in members)
    if not counts:
        return None
    return min(counts, key=lambda k: (-counts[k], k))


def cross_problems(
    members: Sequence[Member], map_id: str | None
) -> list[tuple[int, str, str, list[int]]]:
    """(member index, key, what, the other members involved) for problems only visible across
    files: a name used twice (reported on each file), a member on another map, someone naming
    themselves as their own manager."""
    out: list[tuple[int, str, str, list[int]]] = []
    by_name: dict[str, list[int]] = {}
    for i, m in enumerate(members):
        by_name.setdefault(name_key(m.name), []).append(i)
    for i, m in enumerate(members):
        k = name_key(m.name)
        same = [j for j in by_name[k] if j != i]
        if same:
            out.append((i, "name", f"the name {m.name!r} is used by more than one member", same))
        if map_id is not None and m.map != map_id:
            out.append(
                (i, "map", f"uses the skill map {m.map!r}, but this cohort uses {map_id!r}", [])
            )
        if m.manager and name_key(m.manager) == k:
            out.append((i, "manager", "names the member as their own manager", []))
    return out


@dataclass(frozen=True)
class GapRow:
    gap: str
    name: str
    rated: int  # members who rated it
    median_level: float
    median_target: float
    below: int  # members below their target
    strong: int  # members who list it as a strength
    mean_need: float  # average levels below target (0 when at or above)


@dataclass(frozen=True)
class QuietMember:
    name: str
    shared_on: dt.date
    days: int


@dataclass(frozen=True)
class CohortReport:
    map_id: str
    today: dt.date
    members: int
    mentors: int
    mentor_places: int  # the sum of every mentor's capacity
    mentees: int
    gaps: list[GapRow]
    weakest: list[GapRow]  # session topics: the gaps furthest below target across the cohort
    quiet: list[QuietMember] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # files skipped with --skip-bad


def need(member: Member, gap: str, default_target: int) -> int:
    level = member.levels.get(gap)
    if level is None:
        return 0
    return max(0, member.targets.get(gap, default_target) - level)


def build_report(
    members: Sequence[Member],
    *,
    map_id: str,
    gap_names: Sequence[tuple[str, str]],
    default_target: int,
    today: dt.date,
) -> CohortReport:
    """Per gap (in ``gap_names`` order, then any other gap ids members rated), the spread of
    levels and targets, the weakest gaps, and who has gone quiet."""
    names = dict(gap_names)
    order = [g for g, _ in gap_names]
    for m in members:
        order += [g for g in m.levels if g not in names and g not in order]
    rows = []
    for gap in order:
        rated = [m for m in members if gap in m.levels]
        if not rated:
            continue
        levels = [m.levels[gap] for m in rated]
        targets = [m.targets.get(gap, default_target) for m in rated]
        needs = [need(m, gap, default_target) for m in rated]
        rows.append(
            GapRow(
                gap=gap,
                name=names.get(gap, gap),
                rated=len(rated),
                median_level=float(statistics.median(levels)),
                median_target=float(statistics.median(targets)),
                below=sum(1 for n in needs if n > 0),
                strong=sum(1 for m in rated if gap in m.strengths),
                mean_need=round(sum(needs) / len(rated), 2),
            )
        )
    weakest = sorted(rows, key=lambda r: (-r.mean_need, -r.below))
    weakest = [r for r in weakest if r.mean_need > 0][:SESSION_TOPICS]
    quiet = sorted(
        (
            QuietMember(m.name, m.shared_on, (today - m.shared_on).days)
            for m in members
            if (today - m.shared_on).days >= QUIET_DAYS
        ),
        key=lambda q: (q.shared_on, name_key(q.name)),
    )
    mentors = [m for m in members if m.mentor > 0]
    return CohortReport(
        map_id=map_id,
        today=today,
        members=len(members),
        mentors=len(mentors),
        mentor_places=sum(m.mentor for m in mentors),
        mentees=len(members) - len(mentors),
        gaps=rows,
        weakest=weakest,
        quiet=quiet,
    )
