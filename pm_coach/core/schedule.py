"""Fitting actions into the weeks of a horizon: each week's budget of hours (less the days away),
and which type of action is furthest below its 70/20/10 share. Used by :mod:`pm_coach.core.plan`;
the rules are in ``docs/planning.md``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pm_coach.core.plan_model import Away
from pm_coach.models import ACTION_TYPES

MIX: dict[str, float] = {"experience": 0.7, "relationship": 0.2, "learning": 0.1}
EPS = 1e-9


def away_days(start: dt.date, weeks: int, away: Sequence[Away]) -> list[set[dt.date]]:
    """For each week of the horizon, the days in it that fall inside an away period."""
    out: list[set[dt.date]] = []
    for w in range(weeks):
        days = {start + dt.timedelta(days=7 * w + d) for d in range(7)}
        out.append({d for d in days if any(a <= d <= b for a, b in away)})
    return out


class Calendar:
    """Hours booked per week of the horizon, never more than the week's budget.

    A week's budget is the weekly hours, less a seventh for each day of it spent away.
    """

    def __init__(
        self, weeks: int, hours_per_week: float, away: Sequence[set[dt.date]] = ()
    ) -> None:
        self.load = [0.0] * weeks
        self.capacity = [
            hours_per_week * (7 - (len(away[w]) if w < len(away) else 0)) / 7 for w in range(weeks)
        ]

    def place(self, effort: float, min_weeks: int, earliest: int = 0) -> tuple[int, int] | None:
        """Book ``effort`` hours spread evenly over at least ``min_weeks`` weeks with room,
        starting no earlier than week ``earliest``.

        Returns (first week, number of weeks), 0-based, choosing the earliest finish and, for
        the same finish, the shortest span; None when it cannot fit inside the horizon. Weeks
        spent wholly away take none of the effort and do not count towards ``min_weeks``.
        """
        for finish in range(earliest + 1, len(self.load) + 1):
            if self.capacity[finish - 1] <= EPS:
                continue
            for first in range(finish - 1, earliest - 1, -1):
                if self.capacity[first] <= EPS:
                    continue
                weeks = [w for w in range(first, finish) if self.capacity[w] > EPS]
                if len(weeks) < min_weeks:
                    continue
                per_week = effort / len(weeks)
                if all(self.load[w] + per_week <= self.capacity[w] + EPS for w in weeks):
                    for w in weeks:
                        self.load[w] += per_week
                    return first, finish - first
        return None


def type_order(hours_by_type: dict[str, float], *, first: bool) -> list[str]:
    """Action types, the one furthest below its 70/20/10 share of planned hours first.

    A focus gap's first action is always an experience one (stretch work produces the
    strongest evidence).
    """
    total = sum(hours_by_type.values())

    def deficit(t: str) -> float:
        return MIX[t] - (hours_by_type[t] / total if total else 0.0)

    order = sorted(ACTION_TYPES, key=lambda t: (-round(deficit(t), 9), ACTION_TYPES.index(t)))
    if first:
        order.remove("experience")
        order.insert(0, "experience")
    return order
