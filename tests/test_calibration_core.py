"""What the evidence supports, and how it compares with the self-rating and others' ratings.

Fixed dates only; the map is the tiny test map with an evidence bar for each level.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest

from pm_coach.core import calibration as cal
from pm_coach.errors import InputError
from pm_coach.models import Evidence, SkillMap

MAPS = Path(__file__).parent / "data" / "maps"
ON = dt.date(2026, 6, 30)
CREATED = dt.datetime(2026, 6, 30, 9, 0, tzinfo=dt.UTC)

BARS = [
    {"level": 1, "scope": "self", "result": False, "proof": "Notes on your own week."},
    {"level": 2, "scope": "self", "result": False, "proof": "A list you kept."},
    {"level": 3, "scope": "team", "result": True, "proof": "Your team shipped what mattered."},
    {"level": 4, "scope": "teams", "result": True, "proof": "Another team changed its plan."},
    {
        "level": 5,
        "scope": "company",
        "result": True,
        "metric": True,
        "proof": "The company dropped work because of your call, with the number saved.",
    },
]


def barred_map(second_gap: bool = False, bars: list[dict[str, Any]] = BARS) -> SkillMap:
    raw: dict[str, Any] = tomllib.loads((MAPS / "tiny.toml").read_text())
    raw["gaps"][0]["bars"] = bars
    if second_gap:
        other = dict(raw["gaps"][0])
        other["id"], other["name"] = "calm", "Calm"
        other["actions"] = [dict(a, id=f"calm-{i}") for i, a in enumerate(other["actions"])]
        raw["gaps"].append(other)
    return SkillMap.model_validate(raw)


def entry(
    day: dt.date,
    *,
    result: str = "",
    metrics: tuple[str, ...] = (),
    scope: str | None = None,
    gaps: tuple[str, ...] = ("focus",),
    action: str = "",
    n: int = 0,
) -> Evidence:
    return Evidence(
        id=f"e{n:04d}",
        date=day,
        text="Did a thing",
        result=result,
        metrics=list(metrics),
        gaps=list(gaps),
        scope=scope,  # type: ignore[arg-type]
        action=action,
        created=CREATED,
    )


def supported(*entries: Evidence, on: dt.date = ON, **kw: Any) -> int:
    return cal.supported_levels(barred_map(), list(entries), on, **kw)["focus"]


# --- the supported level ---------------------------------------------------------------------


def test_no_evidence_supports_nothing() -> None:
    assert supported() == 0


def test_an_entry_without_result_backs_level_2_at_most_whatever_its_scope() -> None:
    assert supported(entry(ON, scope="external")) == 2


def test_no_result_caps_at_2_even_where_the_map_asks_for_none() -> None:
    lenient = [dict(b, result=False, metric=False) for b in BARS]
    skill_map = barred_map(bars=lenient)
    activity = entry(ON, scope="company")
    assert cal.supported_levels(skill_map, [activity], ON) == {"focus": 2}
    done = entry(ON, scope="company", result="Two projects stopped")
    assert cal.supported_levels(skill_map, [done], ON) == {"focus": 5}


def test_a_metric_counts_as_a_result() -> None:
    assert supported(entry(ON, metrics=("3 bets",), scope="team")) == 3


def test_an_entry_without_scope_counts_as_your_own_work() -> None:
    assert supported(entry(ON, result="Shipped the bet", scope=None)) == 2


@pytest.mark.parametrize(
    ("scope", "metrics", "level"),
    [
        ("self", (), 2),
        ("team", (), 3),
        ("teams", (), 4),
        ("company", (), 4),  # level 5 needs a number as well
        ("company", ("2 projects stopped",), 5),
        ("external", ("2 projects stopped",), 5),  # wider than asked still counts
    ],
)
def test_scope_result_and_metric_climb_the_levels(
    scope: str, metrics: tuple[str, ...], level: int
) -> None:
    assert supported(entry(ON, result="It worked", metrics=metrics, scope=scope)) == level


def test_the_best_entry_decides() -> None:
    weak = entry(ON, n=1)
    strong = entry(ON, result="Two teams moved", scope="teams", n=2)
    assert supported(weak, strong) == 4


def test_an_entry_for_another_gap_does_not_count() -> None:
    assert supported(entry(ON, result="x", scope="teams", gaps=())) == 0


def test_an_entry_logged_against_one_of_the_gaps_actions_counts() -> None:
    e = entry(ON, result="x", scope="team", gaps=(), action="focus-drop-list")
    assert supported(e) == 3


def test_window_edges_one_year_back_inclusive() -> None:
    strong = {"result": "x", "scope": "teams"}
    assert supported(entry(dt.date(2025, 6, 30), **strong)) == 4  # exactly 365 days before
    assert supported(entry(dt.date(2025, 6, 29), **strong)) == 0  # 366 days before
    assert supported(entry(dt.date(2026, 7, 1), **strong)) == 0  # after the assessment


def test_window_can_be_narrowed_and_extended_to_a_later_day() -> None:
    strong = {"result": "x", "scope": "teams"}
    assert supported(entry(dt.date(2026, 4, 1), **strong), days=89) == 0
    assert supported(entry(dt.date(2026, 4, 1), **strong), days=90) == 4
    later = entry(dt.date(2026, 8, 1), **strong)
    assert supported(later, until=dt.date(2026, 8, 1)) == 4


def test_calibrate_counts_evidence_logged_after_the_assessment_when_asked() -> None:
    later = entry(dt.date(2026, 8, 1), result="x", scope="teams")
    skill_map = barred_map()
    at_assessment = cal.calibrate(skill_map, {"focus": 4}, [later], ON)
    today = cal.calibrate(skill_map, {"focus": 4}, [later], ON, until=dt.date(2026, 8, 1))
    assert at_assessment.gaps[0].supported == 0 and today.gaps[0].supported == 4
    assert today.until == dt.date(2026, 8, 1) and at_assessment.until == ON


def test_check_window() -> None:
    assert cal.check_window(30) == 30
    with pytest.raises(InputError, match="--window 0 is out of range"):
        cal.check_window(0)


def test_a_map_without_bars_uses_the_default_ladder() -> None:
    plain = SkillMap.model_validate(tomllib.loads((MAPS / "tiny.toml").read_text()))
    e = entry(ON, result="x", scope="company")
    assert cal.supported_levels(plain, [e], ON) == {"focus": 5}


# --- self, others, evidence ------------------------------------------------------------------


def calibrate(level: int, *entries: Evidence, raters: tuple[int, ...] = ()) -> cal.GapCalibration:
    people = [
        cal.Rater(name=f"R{i}", relation="peer", date=ON, levels={"focus": lv})
        for i, lv in enumerate(raters)
    ]
    result = cal.calibrate(barred_map(), {"focus": level}, list(entries), ON, raters=people)
    [g] = result.gaps
    return g


def test_over_claim_under_claim_and_match() -> None:
    assert calibrate(5, entry(ON, scope="team")).verdict == "over"
    assert calibrate(2, entry(ON, result="x", scope="teams")).verdict == "under"
    assert calibrate(3, entry(ON, result="x", scope="team")).verdict == "match"
    assert calibrate(1).verdict == "match"  # "not yet" needs no evidence
    assert calibrate(2).verdict == "over"


def test_next_bar_is_the_level_above_what_is_supported() -> None:
    g = calibrate(5, entry(ON, scope="team"))
    assert g.supported == 2
    assert g.next_bar is not None and g.next_bar.level == 3
    assert g.next_bar.proof == "Your team shipped what mattered."
    assert g.claimed_bar is not None and g.claimed_bar.level == 5


def test_others_median_blind_spot_and_hidden_strength() -> None:
    g = calibrate(4, raters=(2, 3))
    assert g.others == 2.5 and not g.blind_spot  # 1.5 below
    g = calibrate(4, raters=(2, 2, 5))
    assert g.others == 2.0 and g.blind_spot and not g.hidden_strength
    g = calibrate(2, raters=(3,))
    assert g.others == 3.0 and g.hidden_strength and not g.blind_spot
    g = calibrate(3)
    assert g.others is None and not g.blind_spot and not g.hidden_strength
    assert g.raters == ()


def test_level_number_for_json() -> None:
    assert cal.level_number(3.0) == 3 and isinstance(cal.level_number(3.0), int)
    assert cal.level_number(2.5) == 2.5
    assert cal.level_number(None) is None


def test_all_fives_are_challenged_unless_the_evidence_backs_every_one() -> None:
    skill_map = barred_map(second_gap=True)
    fives = {"focus": 5, "calm": 5}
    proof = ("2 projects stopped",)
    both = [
        entry(ON, result="x", metrics=proof, scope="company", gaps=("focus", "calm")),
    ]
    assert cal.calibrate(skill_map, fives, [], ON).all_fives_challenged
    assert not cal.calibrate(skill_map, fives, both, ON).all_fives_challenged
    one = [entry(ON, result="x", metrics=proof, scope="company", gaps=("focus",))]
    assert cal.calibrate(skill_map, fives, one, ON).all_fives_challenged
    assert not cal.calibrate(skill_map, {"focus": 5, "calm": 4}, [], ON).all_fives_challenged
