"""Prioritisation and scheduling as pure functions: map, assessment, evidence, date in; plan out."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from pm_coach.app.hints import shell_quote
from pm_coach.app.plan import in_words
from pm_coach.core import plan as core
from pm_coach.core import schedule
from pm_coach.core.plan import build_plan, rank_gaps
from pm_coach.core.plan_model import DONE, FOCUS, LATER, ON_TRACK, OPEN, PROVE_IT, Plan
from pm_coach.core.schedule import Calendar
from pm_coach.errors import InputError
from pm_coach.models import Action, Assessment, Evidence, Gap, Resource, SkillMap
from pm_coach.render.reasons import gap_why

START = dt.date(2026, 11, 23)  # a Monday
CREATED = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)

# (suffix, type, effort_hours, weeks) for each gap of the test map, in map order.
ACTIONS = [
    ("big", "experience", 20.0, 8),
    ("small", "experience", 3.0, 1),
    ("talk", "relationship", 2.0, 2),
    ("read", "learning", 4.0, 4),
    ("mid", "experience", 5.0, 3),
]


def make_gap(gap_id: str, actions: list[tuple[str, str, float, int]] = ACTIONS) -> Gap:
    return Gap(
        id=gap_id,
        name=gap_id.title(),
        summary=f"The {gap_id} gap.",
        levels=[f"Level {i} of {gap_id}." for i in range(1, 6)],
        actions=[
            Action(
                id=f"{gap_id}-{suffix}",
                title=f"{gap_id} {suffix} action",
                how=["Do it."],
                evidence=f"Proof of {gap_id} {suffix}.",
                type=kind,
                effort_hours=effort,
                weeks=weeks,
            )
            for suffix, kind, effort, weeks in actions
        ],
        resources=[
            Resource(title=f"{gap_id} book", author="A. Author", kind="book"),
            Resource(title=f"{gap_id} talk", author="B. Speaker", kind="talk"),
        ],
        keywords=[gap_id],
        prompts=[f"What did you do about {gap_id}?"],
    )


def make_map(*gap_ids: str) -> SkillMap:
    return SkillMap(
        id="test",
        name="Test map",
        description="A map for tests.",
        from_role="PM",
        to_role="Lead",
        gaps=[make_gap(g) for g in gap_ids],
    )


def assess(levels: dict[str, int], targets: dict[str, int] | None = None) -> Assessment:
    return Assessment(
        date=dt.date(2026, 11, 20),
        map="test",
        levels=levels,
        targets=targets if targets is not None else dict.fromkeys(levels, 4),
        created=CREATED,
    )


def ev(
    entry_id: str,
    day: dt.date,
    gaps: list[str] | None = None,
    action: str = "",
    *,
    result: str = "",
    scope: str | None = None,
) -> Evidence:
    return Evidence(
        id=entry_id,
        date=day,
        text="Did something",
        result=result,
        gaps=gaps or [],
        action=action,
        scope=scope,  # type: ignore[arg-type]
        created=CREATED,
    )


def standing(ranking, gap_id: str):
    return next(s for s in ranking if s.gap == gap_id)


# --- prioritisation ---------------------------------------------------------------------------


def test_gaps_rank_by_distance_to_target() -> None:
    m = make_map("a", "b", "c")
    recent = [ev(f"e{g}x", START - dt.timedelta(days=10), [g]) for g in "abc"]
    ranking = rank_gaps(m, assess({"a": 3, "b": 1, "c": 2}), recent, START)
    assert [s.gap for s in ranking] == ["b", "c", "a"]
    assert [s.rank for s in ranking] == [1, 2, 3]
    assert gap_why(standing(ranking, "b")).startswith("3 levels below target")
    assert gap_why(standing(ranking, "a")).startswith("1 level below target")


def test_a_rating_without_recent_evidence_is_raised_by_one() -> None:
    m = make_map("a", "b")
    # a: 2 below target with recent evidence; b: 2 below target without -> b ranks first.
    entries = [ev("ea1", START - dt.timedelta(days=3), ["a"])]
    ranking = rank_gaps(m, assess({"a": 2, "b": 2}), entries, START)
    assert [s.gap for s in ranking] == ["b", "a"]
    assert standing(ranking, "b").score == standing(ranking, "a").score + 1
    # ...and being unbacked outranks being one level further from target only on a tie.
    ranking = rank_gaps(m, assess({"a": 1, "b": 2}), entries, START)
    # 3 == 2 + 1: a tie, and the gap further below its target goes first; ties are not shown.
    assert [s.gap for s in ranking] == ["a", "b"]
    why = gap_why(standing(ranking, "a"))
    assert "tied" not in why and "map order" not in why
    ranking = rank_gaps(make_map("b", "a"), assess({"a": 1, "b": 2}), entries, START)
    assert [s.gap for s in ranking] == ["a", "b"]  # whatever the map order


def test_ties_keep_map_order() -> None:
    m = make_map("z", "y", "x")
    ranking = rank_gaps(m, assess({"x": 2, "y": 2, "z": 2}), [], START)
    assert [s.gap for s in ranking] == ["z", "y", "x"]


def test_evidence_from_before_the_year_before_the_assessment_does_not_back_a_rating() -> None:
    m = make_map("a", "b")
    window = dt.date(2025, 11, 20)  # 365 days before the assessment of 2026-11-20
    entries = [
        ev("old1", window - dt.timedelta(days=1), ["a"]),  # one day too old
        ev("edge1", window, ["b"]),  # exactly 365 days: still counts
    ]
    ranking = rank_gaps(m, assess({"a": 2, "b": 2}), entries, START)
    a, b = standing(ranking, "a"), standing(ranking, "b")
    assert not a.backed and b.backed
    assert a.last_evidence == window - dt.timedelta(days=1)
    assert "no evidence since November 2025 backs the rating" in gap_why(a)
    assert "your evidence supports level 2" in gap_why(b)


def test_activity_without_a_result_does_not_back_level_3() -> None:
    m = make_map("a", "b")
    entries = [
        ev("act1", START - dt.timedelta(days=3), ["a"], scope="teams"),
        ev("res1", START - dt.timedelta(days=3), ["b"], result="Shipped", scope="team"),
    ]
    ranking = rank_gaps(m, assess({"a": 3, "b": 3}), entries, START)
    a, b = standing(ranking, "a"), standing(ranking, "b")
    assert not a.backed and a.supported == 2 and b.backed and b.supported == 3
    assert gap_why(a) == "1 level below target; you rate 3 but your evidence supports 2"
    assert [s.gap for s in ranking] == ["a", "b"]  # the unbacked rating ranks up


def test_a_blind_spot_ranks_up_and_is_named() -> None:
    from pm_coach.core.calibration import Rater

    m = make_map("a", "b")
    proof = [ev(f"p{g}01", START - dt.timedelta(days=3), [g], result="Shipped", scope="team")
             for g in "ab"]  # fmt: skip
    manager = Rater(name="Dana", relation="manager", date=START, levels={"b": 1})
    without = rank_gaps(m, assess({"a": 3, "b": 3}), proof, START)
    assert [s.gap for s in without] == ["a", "b"]
    ranked = rank_gaps(m, assess({"a": 3, "b": 3}), proof, START, raters=[manager])
    assert [s.gap for s in ranked] == ["b", "a"]
    b = standing(ranked, "b")
    assert b.blind_spot and b.others == 1.0 and b.score == 2
    assert (
        gap_why(b)
        == "1 level below target; your evidence supports level 3; others see 1, a blind spot"
    )


def test_the_reason_reads_like_the_issue_example() -> None:
    m = make_map("a")
    entries = [ev("may1", dt.date(2025, 5, 2), ["a"])]
    [s] = rank_gaps(m, assess({"a": 2}), entries, START)
    assert gap_why(s) == "2 levels below target; no evidence since May 2025 backs the rating"


def test_evidence_logged_against_an_action_counts_for_its_gap() -> None:
    m = make_map("a", "b")
    entries = [ev("act1", START - dt.timedelta(days=5), [], action="b-small")]
    ranking = rank_gaps(m, assess({"a": 2, "b": 2}), entries, START)
    assert standing(ranking, "b").backed
    assert not standing(ranking, "a").backed


def test_a_high_rating_with_no_evidence_is_called_a_claim() -> None:
    m = make_map("a", "b")
    ranking = rank_gaps(m, assess({"a": 4, "b": 1}), [], START)
    assert "still a claim" in gap_why(standing(ranking, "a"))
    assert "still a claim" not in gap_why(standing(ranking, "b"))  # level 1 needs no proof


def test_missing_target_is_assumed_and_said() -> None:
    m = make_map("a")
    [s] = rank_gaps(m, assess({"a": 2}, targets={}), [], START)
    assert s.target == core.DEFAULT_TARGET
    assert f"target assumed to be {core.DEFAULT_TARGET}" in gap_why(s)


def test_roles_focus_later_prove_it_on_track() -> None:
    m = make_map("a", "b", "c", "d", "e", "f")
    recent = [ev("onf1", START - dt.timedelta(days=1), ["f"], result="Moved", scope="teams")]
    levels = {"a": 1, "b": 2, "c": 2, "d": 3, "e": 4, "f": 4}
    plan = build_plan(m, assess(levels), recent, start=START, hours_per_week=3)
    roles = {s.gap: s.role for s in plan.ranking}
    assert roles == {
        "a": FOCUS,
        "b": FOCUS,
        "c": FOCUS,
        "d": LATER,
        "e": PROVE_IT,
        "f": ON_TRACK,
    }
    assert [g.gap for g in plan.focus] == ["a", "b", "c"]
    assert [g.gap for g in plan.prove_it] == ["e"]


def test_two_focus_gaps_when_the_horizon_holds_under_30_hours() -> None:
    m = make_map("a", "b", "c", "d")
    levels = {"a": 1, "b": 2, "c": 2, "d": 3}
    assert len(build_plan(m, assess(levels), [], start=START, hours_per_week=3).focus) == 3
    assert len(build_plan(m, assess(levels), [], start=START, hours_per_week=2).focus) == 2
    assert len(build_plan(m, assess(levels), [], start=START, hours_per_week=3, weeks=8).focus) == 2


def test_unrated_gaps_are_listed_not_ranked() -> None:
    m = make_map("a", "b")
    plan = build_plan(m, assess({"a": 2}), [], start=START)
    assert [s.gap for s in plan.ranking] == ["a"]
    assert plan.unrated == [("b", "B")]


# --- "prove it" -------------------------------------------------------------------------------


def test_a_gap_at_target_without_evidence_gets_one_smallest_prove_it_step() -> None:
    m = make_map("a", "b")
    plan = in_words(build_plan(m, assess({"a": 2, "b": 4}), [], start=START))
    [proof] = plan.prove_it
    assert proof.gap == "b" and proof.role == PROVE_IT
    [step] = proof.actions
    assert step.id == "b-talk"  # 2 hours: the smallest action of the gap
    assert step.status == OPEN and step.due is not None
    assert step.log == 'pm-coach log "…" --action b-talk'


def test_a_gap_above_target_without_evidence_is_never_dropped_even_without_room() -> None:
    m = make_map("a", "b")
    # One week at 0.5 h: nothing in the map fits, yet the gap stays in the plan with its step.
    plan = build_plan(m, assess({"a": 2, "b": 5}), [], start=START, weeks=1, hours_per_week=0.5)
    [proof] = plan.prove_it
    assert proof.gap == "b"
    [step] = proof.actions
    assert step.status == OPEN and step.due is None
    assert standing(plan.ranking, "b").role == PROVE_IT


def test_a_gap_at_target_with_recent_evidence_needs_no_step() -> None:
    m = make_map("a", "b")
    entries = [ev("okb1", START - dt.timedelta(days=30), ["b"], result="Moved", scope="teams")]
    plan = build_plan(m, assess({"a": 2, "b": 4}), entries, start=START)
    assert plan.prove_it == []
    assert standing(plan.ranking, "b").role == ON_TRACK


# --- scheduling -------------------------------------------------------------------------------


def scheduled(plan: Plan):
    return [
        a
        for g in [*plan.focus, *plan.prove_it]
        for a in g.actions
        if (a.status == OPEN and a.scheduled)
    ]


def weekly_load(plan: Plan) -> list[float]:
    load = [0.0] * plan.weeks
    for a in scheduled(plan):
        assert a.first_week is not None and a.last_week is not None
        span = a.last_week - a.first_week + 1
        for w in range(a.first_week - 1, a.last_week):
            load[w] += a.effort_hours / span
    return load


@pytest.mark.parametrize(("hours", "weeks"), [(1, 12), (3, 12), (3, 6), (5, 4), (10, 26)])
def test_every_action_fits_the_weekly_hours_and_the_horizon(hours: float, weeks: int) -> None:
    m = make_map("a", "b", "c", "d")
    plan = build_plan(
        m, assess({"a": 1, "b": 2, "c": 3, "d": 4}), [], start=START, weeks=weeks,
        hours_per_week=hours,
    )  # fmt: skip
    assert scheduled(plan), "something should fit"
    for a in scheduled(plan):
        assert START <= a.starts <= a.due <= plan.end
        assert a.due == START + dt.timedelta(days=7 * a.last_week - 1)
        assert a.starts == START + dt.timedelta(days=7 * (a.first_week - 1))
    assert max(weekly_load(plan)) <= hours + 1e-6
    assert plan.planned_hours == pytest.approx(sum(a.effort_hours for a in scheduled(plan)))


def test_each_focus_gap_opens_with_experience_and_the_plan_mixes_types() -> None:
    m = make_map("a", "b", "c")
    plan = build_plan(m, assess({"a": 1, "b": 2, "c": 2}), [], start=START, hours_per_week=3)
    for g in plan.focus:
        first = min(
            (a for a in g.actions if (a.status == OPEN and a.scheduled)), key=lambda a: a.first_week
        )
        assert first.type == "experience"
    types = {a.type for a in scheduled(plan)}
    assert types == {"experience", "relationship", "learning"}
    # Experience gets most of the hours, learning the least (70-20-10).
    h = plan.hours_by_type
    assert h["experience"] > h["relationship"] >= h["learning"] > 0


def test_no_type_takes_more_than_its_capped_share() -> None:
    m = make_map("a", "b", "c")
    for hours in (1, 2, 3, 6):
        plan = build_plan(
            m, assess({"a": 1, "b": 2, "c": 2}), [], start=START, hours_per_week=hours
        )
        budget = hours * plan.weeks
        for kind, share in schedule.MIX.items():
            assert plan.hours_by_type[kind] <= core.TYPE_CAP * share * budget + 1e-6


def test_focus_gaps_share_the_hours_fairly() -> None:
    m = make_map("a", "b", "c")
    plan = build_plan(m, assess({"a": 1, "b": 2, "c": 2}), [], start=START, hours_per_week=3)
    share = 3 * 12 / 3
    for g in plan.focus:
        assert sum(a.effort_hours for a in g.actions if (a.status == OPEN and a.scheduled)) <= share
    # The 20-hour action never fits a 12-hour share, so it is left for a later plan.
    assert all(a.id != "a-big" for a in scheduled(plan))
    assert plan.focus[0].remaining >= 1


def test_focus_gaps_carry_the_map_resources_and_exact_log_lines() -> None:
    m = make_map("a", "b")
    plan = in_words(build_plan(m, assess({"a": 1, "b": 2}), [], start=START))
    g = plan.focus[0]
    assert [r.title for r in g.resources] == ["a book", "a talk"]
    for a in g.actions:
        assert a.log == f'pm-coach log "…" --action {a.id}'
    assert g.people == []


def test_log_lines_name_the_map_when_it_is_not_the_default() -> None:
    m = make_map("a", "b")
    plan = in_words(build_plan(m, assess({"a": 1, "b": 2}), [], start=START), log_map="test")
    assert plan.focus[0].actions[0].log.endswith(" --map test")


def test_done_actions_drop_out_and_the_next_ones_move_in() -> None:
    m = make_map("a", "b", "c")
    levels = {"a": 1, "b": 2, "c": 2}
    before = build_plan(m, assess(levels), [], start=START)
    first = before.focus[0]
    planned_before = [a.id for a in first.actions if (a.status == OPEN and a.scheduled)]
    assert planned_before, "the top gap should have actions"
    finished = planned_before[0]

    entries = [ev("done01", START - dt.timedelta(days=2), ["a"], action=finished)]
    after = build_plan(m, assess(levels), entries, start=START)
    gap_after = next(g for g in after.focus if g.gap == "a")
    done = [a for a in gap_after.actions if a.status == DONE]
    assert [a.id for a in done] == [finished]
    assert done[0].done and done[0].done_on == START - dt.timedelta(days=2)
    assert done[0].done_by == ["done01"] and done[0].due is None
    planned_after = [a.id for a in gap_after.actions if (a.status == OPEN and a.scheduled)]
    assert finished not in planned_after
    assert set(planned_after) - set(planned_before), "a new action should take its place"


def test_a_done_action_is_not_scheduled_again_in_a_prove_it_gap() -> None:
    m = make_map("a", "b")
    # The smallest action of b was done long ago: b is unbacked, and its next smallest is picked.
    entries = [ev("old001", START - dt.timedelta(days=400), ["b"], action="b-talk")]
    plan = build_plan(m, assess({"a": 2, "b": 4}), entries, start=START)
    [proof] = plan.prove_it
    assert [(a.id, a.status) for a in proof.actions] == [("b-talk", DONE), ("b-small", OPEN)]


def test_calendar_stretches_an_action_to_fit_and_refuses_what_cannot() -> None:
    cal = Calendar(weeks=4, hours_per_week=2)
    assert cal.place(4, 2) == (0, 2)  # 2 h a week in weeks 1-2: they are full
    assert cal.place(3, 1) == (2, 2)  # 3 h in one week is too much: stretched over weeks 3-4
    assert cal.place(0.5, 1) == (2, 1)  # the earliest week with half an hour free
    assert cal.place(1, 1) is None  # no week has an hour left
    assert cal.load == pytest.approx([2, 2, 2, 1.5])
    assert Calendar(weeks=2, hours_per_week=1).place(5, 1) is None
    assert Calendar(weeks=3, hours_per_week=10).place(1, 4) is None  # longer than the horizon


def test_type_order_follows_the_biggest_shortfall() -> None:
    assert schedule.type_order(dict.fromkeys(schedule.MIX, 0.0), first=False)[0] == "experience"
    hours = {"experience": 10.0, "relationship": 0.0, "learning": 0.0}
    assert schedule.type_order(hours, first=False) == ["relationship", "learning", "experience"]
    assert schedule.type_order(hours, first=True)[0] == "experience"


@pytest.mark.parametrize(("weeks", "hours"), [(0, 3), (53, 3), (12, 0), (12, -1), (12, 61)])
def test_horizon_out_of_range_is_an_input_error(weeks: int, hours: float) -> None:
    m = make_map("a")
    with pytest.raises(InputError):
        build_plan(m, assess({"a": 2}), [], start=START, weeks=weeks, hours_per_week=hours)


def test_shell_quote_escapes_what_the_shell_would_expand() -> None:
    assert shell_quote('say "hi" $HOME `x` \\') == '"say \\"hi\\" \\$HOME \\`x\\` \\\\"'


# --- determinism ------------------------------------------------------------------------------


def test_same_inputs_give_the_same_plan_whatever_the_input_order() -> None:
    m = make_map("a", "b", "c", "d")
    entries = [
        ev("d00001", START - dt.timedelta(days=3), ["a"], action="a-small"),
        ev("d00002", START - dt.timedelta(days=300), ["b"]),
        ev("d00003", START - dt.timedelta(days=3), ["d"]),
        ev("d00004", START - dt.timedelta(days=1), ["c"], action="c-talk"),
    ]
    a = assess({"a": 1, "b": 2, "c": 3, "d": 4})
    first = build_plan(m, a, entries, start=START)
    shuffled = entries[:]
    random.Random(7).shuffle(shuffled)
    assert build_plan(m, a, entries, start=START) == first
    assert build_plan(m, a, shuffled, start=START) == first


def test_a_later_start_moves_every_date_by_the_same_amount() -> None:
    m = make_map("a", "b", "c")
    a = assess({"a": 1, "b": 2, "c": 2})
    one = build_plan(m, a, [], start=START)
    later = build_plan(m, a, [], start=START + dt.timedelta(days=14))
    assert [x.due for x in scheduled(later)] == [
        x.due + dt.timedelta(days=14) for x in scheduled(one)
    ]
