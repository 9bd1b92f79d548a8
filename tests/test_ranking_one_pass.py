"""``export --top``: the one-pass ranking picks exactly what the pick-by-pick ranking picked.

The reference below is the ranking as it was before it became one pass (each pick scanned every
entry left); on generated logs both must choose the same entries in the same order.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from pm_coach.core.ranking import REPEAT_PENALTY, _neg, strength, tier, top
from pm_coach.models import Evidence

TODAY = dt.date(2026, 6, 1)


def reference_top(entries: Sequence[Evidence], n: int, today: dt.date) -> list[Evidence]:
    left = list(entries)
    tiers = {e.id: tier(e) for e in left}
    strengths = {e.id: strength(e, today) for e in left}
    covered: Counter[str] = Counter()
    chosen: list[Evidence] = []
    while left and len(chosen) < n:

        def value(e: Evidence) -> tuple[int, float, dt.date, dt.datetime, str]:
            keys = e.gaps or ["(no gap)"]
            penalty = REPEAT_PENALTY * min(covered[g] for g in keys)
            return (tiers[e.id], strengths[e.id] - penalty, e.date, e.created, _neg(e.id))

        best = max(left, key=value)
        chosen.append(best)
        left.remove(best)
        covered.update(best.gaps or ["(no gap)"])
    return chosen


TEXTS = [
    "Ran the pricing review with finance",
    "Wrote a one-page strategy for payments",
    "Coached a junior PM",
    "Killed the referral launch after the test",
    "Presented the roadmap to 4 teams",
]
RESULTS = ["", "Finance funded phase two", "Churn fell 8% in 60 days"]
METRICS = [[], ["+12% activation"], ["4 interviews"], ["€1.2M pipeline", "3 teams"]]
GAPS = ["strategy", "buy-in", "delegation", "domain"]


@st.composite
def logs(draw: st.DrawFn) -> list[Evidence]:
    size = draw(st.integers(0, 40))
    ids = draw(
        st.lists(
            st.text("abcdefgh23", min_size=3, max_size=5), min_size=size, max_size=size, unique=True
        )
    )
    out = []
    for entry_id in ids:
        day = draw(st.integers(0, 900))
        out.append(
            Evidence(
                id=entry_id,
                date=TODAY - dt.timedelta(days=day),
                text=draw(st.sampled_from(TEXTS)),
                result=draw(st.sampled_from(RESULTS)),
                metrics=draw(st.sampled_from(METRICS)),
                gaps=draw(st.lists(st.sampled_from(GAPS), max_size=2)),
                goal=draw(st.sampled_from(["", "Head of Product"])),
                scope=draw(st.sampled_from([None, "team", "company"])),
                bullet=draw(st.sampled_from(["", "", "", "Led pricing for 3 markets"])),
                created=dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
                + dt.timedelta(seconds=draw(st.integers(0, 3))),
            )
        )
    return out


@settings(max_examples=150, deadline=None)
@given(entries=logs(), n=st.integers(0, 12))
def test_one_pass_picks_what_pick_by_pick_picked(entries: list[Evidence], n: int) -> None:
    assert [e.id for e in top(entries, n, TODAY)] == [
        e.id for e in reference_top(entries, n, TODAY)
    ]


def test_ids_that_are_prefixes_of_each_other_tie_break_as_before() -> None:
    """Two entries alike in everything but their ids ("abc", "abcd"): the order is the one the
    ranking always had, and the gap penalty then moves the third ahead."""
    base = dict(
        date=dt.date(2026, 5, 1),
        text="Ran the pricing review with finance",
        gaps=["strategy"],
        created=dt.datetime(2026, 5, 1, tzinfo=dt.UTC),
    )
    a = Evidence(id="abc", **base)  # type: ignore[arg-type]
    b = Evidence(id="abcd", **base)  # type: ignore[arg-type]
    c = Evidence(id="zzz", **{**base, "gaps": ["domain"]})  # type: ignore[arg-type]
    assert [e.id for e in top([a, b, c], 3, TODAY)] == ["abcd", "zzz", "abc"]


def test_the_id_tie_break_key_reverses_each_character() -> None:
    assert _neg("a") == "\U0010ff9e"
    assert _neg("é9") == "\U0010ff16\U0010ffc6"
    assert sorted(["a", "ab", "b", "ä"], key=_neg) == ["ä", "b", "a", "ab"]
