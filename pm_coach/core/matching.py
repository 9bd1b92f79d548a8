"""Pairing a cohort's mentees with its mentors.

The rules, documented for programme leads in ``docs/cohort.md``:

* mentors are members who offered to mentor (``mentor = N``, at most N mentees each); every
  other member is a mentee;
* nobody is paired with their own manager;
* a pair scores the square of how far the mentee is below target in each gap the mentor lists
  as a strength, summed over gaps, so a mentor strong in the mentee's weakest gap counts most;
* the pairing maximises the total score (an assignment problem, solved by scipy's
  ``linear_sum_assignment``); a mentor's second and later places cost a little (a hundredth of
  a point each), so mentees are spread across mentors before anyone takes a second;
* members are sorted by name before anything else, so the same files always give the same pairs,
  whatever order the folder lists them in.

Needs numpy and scipy (the optional ``cohort`` extra); they are imported only here, and of
scipy only the solver (see :mod:`pm_coach.core.solver`). The matrices are built whole with numpy,
in whole numbers (a point of score is ``POINT`` units, a later place one unit), so the solver
never compares rounded sums.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pm_coach.core.cohort import name_key
from pm_coach.models.cohort import Member

POINT = 100  # one point of score, in cost units; each later place with a mentor costs one unit
FORBIDDEN = 1e9  # far above any real cost: a pair the solver must not make


@dataclass(frozen=True)
class Pair:
    mentee: str
    mentor: str
    # why they are paired: the names of the gaps the mentor is strong in and the mentee is below
    # target in, with how many levels below, furthest first; empty for a free place
    shared: tuple[tuple[str, int], ...]
    score: int


@dataclass(frozen=True)
class Matching:
    pairs: list[Pair]
    unmatched: list[str]  # mentees left without a mentor
    mentors: int
    places: int


def match(
    members: Sequence[Member], *, gap_ids: Sequence[str], gap_names: dict[str, str],
    default_target: int,
) -> Matching:  # fmt: skip
    """The pairs, each with a one-line reason, and the mentees left unmatched."""
    import numpy as np

    from pm_coach.core.solver import linear_sum_assignment

    solve = linear_sum_assignment()
    ordered = sorted(members, key=lambda m: (name_key(m.name), m.name))
    mentors = [m for m in ordered if m.mentor > 0]
    mentees = [m for m in ordered if m.mentor == 0]
    gaps = list(gap_ids)
    seen = set(gaps)
    for m in ordered:
        for g in m.levels:
            if g not in seen:
                seen.add(g)
                gaps.append(g)

    # how far below target each mentee is per gap, and where each mentor is strong
    need = np.array(
        [
            [max(0, m.targets.get(g, default_target) - m.levels[g]) if g in m.levels else 0
             for g in gaps]
            for m in mentees
        ],
        dtype=np.int64,
    ).reshape(len(mentees), len(gaps))  # fmt: skip
    strong = np.array([[g in m.strengths for g in gaps] for m in mentors], dtype=np.int64).reshape(
        len(mentors), len(gaps)
    )
    score = (need * need) @ strong.T  # mentees × mentors

    # one column per place a mentor offers: its owner, and which of the owner's places it is
    places = np.array([m.mentor for m in mentors], dtype=np.int64)
    owner = np.repeat(np.arange(len(mentors)), places)
    place = np.arange(len(owner)) - np.repeat(np.cumsum(places) - places, places)
    cost = (place[np.newaxis, :] - POINT * score[:, owner]).astype(np.float64)
    mentor_index = {name_key(m.name): j for j, m in enumerate(mentors)}
    manager = np.array(
        [mentor_index.get(name_key(m.manager), -1) if m.manager else -1 for m in mentees],
        dtype=np.int64,
    )
    cost[manager[:, np.newaxis] == owner[np.newaxis, :]] = FORBIDDEN

    pairs: list[Pair] = []
    matched: set[int] = set()
    if cost.size:
        rows, cols = solve(cost)
        for i, c in zip(rows.tolist(), cols.tolist(), strict=True):
            if cost[i, c] >= FORBIDDEN:
                continue
            j = int(owner[c])
            matched.add(i)
            pairs.append(
                Pair(
                    mentee=mentees[i].name,
                    mentor=mentors[j].name,
                    shared=_shared(need[i], strong[j], gaps, gap_names),
                    score=int(score[i, j]),
                )
            )
    pairs.sort(key=lambda p: (name_key(p.mentee), p.mentee))
    unmatched = [m.name for i, m in enumerate(mentees) if i not in matched]
    return Matching(pairs, unmatched, len(mentors), int(sum(m.mentor for m in mentors)))


def _shared(
    need_row: object, strong_row: object, gaps: Sequence[str], gap_names: dict[str, str]
) -> tuple[tuple[str, int], ...]:
    shared = [
        (int(need_row[k]), -k, g)  # type: ignore[index]
        for k, g in enumerate(gaps)
        if strong_row[k] and need_row[k] > 0  # type: ignore[index]
    ]
    shared.sort(reverse=True)
    return tuple((gap_names.get(g, g), below) for below, _, g in shared)
