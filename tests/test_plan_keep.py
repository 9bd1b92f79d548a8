"""Keeping a plan, as pure functions on fixed dates: saved dates, statuses, re-planning, order,
prove-it levels, time away, the nothing-fits advice and the one ranking rule."""

from __future__ import annotations

import datetime as dt

import pytest

from pm_coach.core import tracking
from pm_coach.core.plan import build_plan
from pm_coach.core.plan_model import DONE, OPEN, OVERDUE, SKIPPED
from pm_coach.core.priorities import biggest_gaps
from pm_coach.core.schedule import Calendar
from pm_coach.errors import InputError
from pm_coach.models import Evidence, SkillMap
from pm_coach.render.reasons import gap_why
from tests.test_plan_core import CREATED, START, assess, ev, make_gap, make_map

SAVED_AT = dt.datetime(2026, 11, 23, 8, 0, tzinfo=dt.UTC)


def saved_plan(m: SkillMap, levels: dict[str, int], entries: list[Evidence] = [], **kw):  # noqa: B006
    plan = build_plan(m, assess(levels), entries, start=START, **kw)
    return tracking.to_saved(plan, created=SAVED_AT, assessment_created=CREATED)


def statuses(plan) -> dict[str, str]:
    return {a.id: a.status for a in plan.actions}


# --- saved dates and statuses -----------------------------------------------------------------


def test_saved_due_dates_do_not_move_as_the_days_pass() -> None:
    m = make_map("a", "b")
    saved = saved_plan(m, {"a": 1, "b": 2})
    dues = {a.id: a.due for a in saved.actions}
    assert dues["a-small"] == dt.date(2026, 11, 29)  # week 1: 3 h in one week
    for today in (START, START + dt.timedelta(days=20), START + dt.timedelta(days=200)):
        view = tracking.track(saved, m, [], today)
        assert {a.id: a.due for a in view.actions} == dues
        assert view.start == START and view.weeks == 12


def test_an_open_action_past_its_due_date_is_overdue_not_before() -> None:
    m = make_map("a", "b")
    saved = saved_plan(m, {"a": 1, "b": 2})
    on_due = tracking.track(saved, m, [], dt.date(2026, 11, 29))
    assert statuses(on_due)["a-small"] == OPEN
    day_after = tracking.track(saved, m, [], dt.date(2026, 11, 30))
    assert statuses(day_after)["a-small"] == OVERDUE


def test_evidence_logged_against_an_action_makes_it_done() -> None:
    m = make_map("a", "b")
    saved = saved_plan(m, {"a": 1, "b": 2})
    entries = [ev("done01", dt.date(2026, 12, 3), ["a"], action="a-small")]
    view = tracking.track(saved, m, entries, dt.date(2026, 12, 10))
    done = next(a for a in view.actions if a.id == "a-small")
    assert (done.status, done.done_on, done.done_by) == (DONE, dt.date(2026, 12, 3), ["done01"])


def test_marking_done_and_skipping_change_only_that_action() -> None:
    m = make_map("a", "b")
    saved = saved_plan(m, {"a": 1, "b": 2})
    today = dt.date(2026, 12, 1)
    after_done, action, changed = tracking.mark_done(saved, "a-small", today, "abc123")
    assert changed and action.mark == "done" and action.done_by == ["abc123"]
    again, _, changed_again = tracking.mark_done(after_done, "a-small", today, "abc123")
    assert not changed_again and again == after_done
    skipped, action = tracking.mark_skipped(after_done, "b-small", today, "  No budget  ")
    assert (action.mark, action.why, action.marked_on) == ("skipped", "No budget", today)
    view = tracking.track(skipped, m, [], dt.date(2027, 3, 1))
    s = statuses(view)
    assert s["a-small"] == DONE and s["b-small"] == SKIPPED
    assert {a.due for a in skipped.actions} == {a.due for a in saved.actions}


def test_an_unknown_action_id_lists_the_plans_ids() -> None:
    m = make_map("a", "b")
    saved = saved_plan(m, {"a": 1, "b": 2}, weeks=2)
    with pytest.raises(InputError) as err:
        tracking.mark_done(saved, "a-nope", START)
    assert (
        err.value.hint
        == f"The actions of your active plan are: {', '.join(a.id for a in saved.actions)}."
    )
    assert "a-small" in (err.value.hint or "")
    with pytest.raises(InputError):
        tracking.mark_skipped(saved, "a-small", START, "   ")  # a reason is required


def test_replanning_carries_done_and_skipped_work_over() -> None:
    m = make_map("a", "b")
    saved = saved_plan(m, {"a": 1, "b": 2})
    saved, _, _ = tracking.mark_done(saved, "a-small", dt.date(2026, 11, 27))
    saved, _ = tracking.mark_skipped(saved, "b-small", dt.date(2026, 11, 28), "Not now")
    carried = tracking.carried_marks([saved])
    again = build_plan(m, assess({"a": 1, "b": 2}), [], start=dt.date(2027, 1, 4), carried=carried)
    by_id = {a.id: a for a in again.actions}
    assert by_id["a-small"].status == DONE and by_id["a-small"].due is None
    assert by_id["a-small"].done_on == dt.date(2026, 11, 27)
    assert by_id["b-small"].status == SKIPPED and by_id["b-small"].why == "Not now"
    assert by_id["b-small"].due is None


def test_replan_reason_newer_assessment_then_all_finished() -> None:
    m = make_map("a", "b")
    saved = saved_plan(m, {"a": 1, "b": 2}, weeks=2, hours_per_week=3)
    assert saved.actions
    later = assess({"a": 2, "b": 2}).model_copy(
        update={"date": dt.date(2026, 12, 1), "created": SAVED_AT + dt.timedelta(days=8)}
    )
    assert tracking.track(saved, m, [], START).replan == ""
    assert tracking.track(saved, m, [], START, assessments=[later]).replan == "newer-assessment"
    for a in saved.actions:
        saved, _, _ = tracking.mark_done(saved, a.id, START)
    assert tracking.track(saved, m, [], START).replan == "all-finished"


# --- order, proof, time away ------------------------------------------------------------------


def ordered_map() -> SkillMap:
    """One gap whose teaching action must follow its learning action."""
    gap = make_gap("a").model_copy(deep=True)
    actions = []
    for act in gap.actions:
        if act.id == "a-small":  # the experience action a plan would pick first...
            act = act.model_copy(update={"after": ["a-read"]})  # ...must wait for the reading
        actions.append(act)
    gap = gap.model_copy(update={"actions": actions})
    return SkillMap(
        id="test",
        name="Test map",
        description="A map for tests.",
        from_role="PM",
        to_role="Lead",
        gaps=[gap, make_gap("b")],
    )


def test_an_action_starts_only_after_the_actions_it_follows() -> None:
    m = ordered_map()
    plan = build_plan(m, assess({"a": 1, "b": 2}), [], start=START, hours_per_week=3)
    by_id = {a.id: a for a in plan.actions}
    read, small = by_id["a-read"], by_id["a-small"]
    assert read.due is not None and small.starts is not None
    assert small.starts > read.due
    # Without the link, the small action opens the plan in week 1.
    free = build_plan(make_map("a", "b"), assess({"a": 1, "b": 2}), [], start=START)
    assert {a.id: a.first_week for a in free.actions}["a-small"] == 1


def test_a_followed_action_that_is_done_no_longer_holds_anything_back() -> None:
    m = ordered_map()
    entries = [ev("read01", START - dt.timedelta(days=3), ["a"], action="a-read")]
    plan = build_plan(m, assess({"a": 1, "b": 2}), entries, start=START)
    assert {a.id: a.first_week for a in plan.actions}["a-small"] == 1


def test_prove_it_picks_an_action_that_can_show_the_rated_level() -> None:
    gap = make_gap("b")
    proves = {"b-talk": 3, "b-small": 3, "b-read": 3, "b-mid": 4, "b-big": 5}
    gap = gap.model_copy(
        update={"actions": [a.model_copy(update={"proves": proves[a.id]}) for a in gap.actions]}
    )
    m = make_map("a").model_copy(update={"gaps": [make_gap("a"), gap]})
    plan = build_plan(m, assess({"a": 2, "b": 4}), [], start=START)
    [step] = plan.prove_it[0].actions
    assert step.id == "b-mid"  # 5 h proves level 4; the 2 h talk proves only 3
    plan5 = build_plan(m, assess({"a": 2, "b": 5}, {"a": 4, "b": 5}), [], start=START)
    assert [a.id for a in plan5.prove_it[0].actions] == ["b-big"]


def test_no_work_is_scheduled_in_days_away() -> None:
    m = make_map("a", "b")
    away = [(dt.date(2026, 11, 30), dt.date(2026, 12, 13))]  # weeks 2 and 3, whole
    plan = build_plan(m, assess({"a": 1, "b": 2}), [], start=START, away=away)
    for a in plan.actions:
        if a.starts is None or a.due is None:
            continue
        assert not (away[0][0] <= a.starts <= away[0][1]), a
        assert not (away[0][0] <= a.due <= away[0][1]), a
    # The 3-hour one-week action of b lands in week 4 at the earliest, not in weeks 2-3.
    weeks = {a.id: (a.first_week, a.last_week) for a in plan.actions if a.first_week}
    assert all(not (first == last and first in (2, 3)) for first, last in weeks.values())


def test_a_partly_away_week_holds_fewer_hours() -> None:
    days = [{START + dt.timedelta(days=d) for d in range(2)}, set()]  # 2 of 7 days away
    cal = Calendar(2, 7, days)
    assert cal.capacity == pytest.approx([5.0, 7.0])
    assert cal.place(6, 1) == (1, 1)  # 6 h do not fit the 5 left in week 1


def test_parse_away_accepts_a_period_and_refuses_bad_ones() -> None:
    assert tracking.parse_away("2026-12-21..2027-01-03") == (
        dt.date(2026, 12, 21),
        dt.date(2027, 1, 3),
    )
    for bad in ("2026-12-21", "2026-12-21..", "2026-13-01..2026-12-31", "a..b"):
        with pytest.raises(InputError):
            tracking.parse_away(bad)
    with pytest.raises(InputError) as err:
        tracking.parse_away("2027-01-03..2026-12-21")
    assert "ends before it starts" in err.value.message
    assert err.value.hint == "Swap the two dates: --away 2026-12-21..2027-01-03."


# --- nothing fits -----------------------------------------------------------------------------


def test_when_nothing_fits_the_plan_says_what_would() -> None:
    tiny = [("one", "experience", 3.0, 1), ("two", "learning", 4.0, 4), ("x", "experience", 5.0, 2),
            ("y", "relationship", 6.0, 3)]  # fmt: skip
    m = SkillMap(
        id="test",
        name="Test map",
        description="A map for tests.",
        from_role="PM",
        to_role="Lead",
        gaps=[make_gap("a", tiny)],
    )
    plan = build_plan(m, assess({"a": 2}), [], start=START, weeks=2, hours_per_week=1)
    assert not any(a.scheduled for a in plan.actions)
    nf = plan.no_fit
    assert nf is not None
    assert (nf.action_id, nf.effort_hours, nf.min_weeks) == ("a-one", 3.0, 1)
    assert nf.weeks_needed == 3  # 3 h at 1 h a week
    assert nf.hours_needed == 1.5  # or 1.5 h a week over the 2 weeks
    fits = build_plan(m, assess({"a": 2}), [], start=START, weeks=3, hours_per_week=1)
    assert fits.no_fit is None


# --- default target and ranking ---------------------------------------------------------------


def test_a_maps_default_target_is_used_when_none_is_set() -> None:
    m = make_map("a", "b").model_copy(update={"default_target": 3})
    plan = build_plan(m, assess({"a": 2, "b": 3}, targets={}), [], start=START)
    assert {r.gap: r.target for r in plan.ranking} == {"a": 3, "b": 3}
    standing = plan.ranking[0].standing
    assert standing is not None and "target assumed to be 3" in gap_why(standing)


def test_biggest_gaps_are_the_plans_focus_in_the_same_order() -> None:
    m = make_map("a", "b", "c", "d")
    entries = [ev("rec01", START - dt.timedelta(days=5), ["a"])]
    a = assess({"a": 1, "b": 2, "c": 3, "d": 2})  # a: 3 below but backed; b, d: 2 below, unbacked
    top = [s.gap for s in biggest_gaps(m, a, entries, START)]
    assert top == ["a", "b", "d"]
    plan = build_plan(m, a, entries, start=START, hours_per_week=3)
    assert [g.gap for g in plan.focus] == top
    small = build_plan(m, a, entries, start=START, hours_per_week=1)
    assert [g.gap for g in small.focus] == top[:2]


# --- "looks like it is done" and the week -----------------------------------------------------


def titled_map() -> SkillMap:
    gap = make_gap("a")
    first = gap.actions[1].model_copy(update={"title": "Map a year of your work to company goals"})
    gap = gap.model_copy(update={"actions": [gap.actions[0], first, *gap.actions[2:]]})
    return SkillMap(
        id="test",
        name="Test map",
        description="A map for tests.",
        from_role="PM",
        to_role="Lead",
        gaps=[gap, make_gap("b")],
    )


def test_matching_evidence_without_an_action_is_offered_never_marked() -> None:
    m = titled_map()
    saved = saved_plan(m, {"a": 1, "b": 2})
    match = Evidence(
        id="k3m9xq",
        date=dt.date(2026, 11, 25),
        text="Mapped my projects to the company goals",
        gaps=["a"],
        created=CREATED,
    )
    other_gap = match.model_copy(update={"id": "zz1111", "gaps": ["b"]})
    unrelated = match.model_copy(update={"id": "zz2222", "text": "Ran a retro"})
    view = tracking.track(saved, m, [match, other_gap, unrelated], dt.date(2026, 11, 26))
    assert [(o.action_id, o.evidence_id) for o in view.offers] == [("a-small", "k3m9xq")]
    assert statuses(view)["a-small"] == OPEN


def test_the_week_ahead_splits_overdue_due_and_next() -> None:
    m = make_map("a", "b")
    saved = saved_plan(m, {"a": 1, "b": 2})
    today = dt.date(2026, 12, 7)
    week = tracking.week_ahead(tracking.track(saved, m, [], today), today)
    assert all(a.due is not None and a.due < today for a in week.overdue)
    assert all(a.due is not None and today <= a.due <= dt.date(2026, 12, 13) for a in week.due)
    assert all(a.due is not None and a.due > dt.date(2026, 12, 13) for a in week.next)
    assert [a.id for a in week.overdue] == ["a-small", "b-small"]
    assert [p.gap for p in week.progress] == ["a", "b"]
    assert week.progress[0].done == 0


def test_gaps_without_evidence_for_90_days_are_named() -> None:
    m = make_map("a", "b")
    saved = saved_plan(m, {"a": 1, "b": 2})
    today = dt.date(2027, 1, 10)
    entries = [ev("new001", dt.date(2026, 12, 1), ["a"]), ev("old001", dt.date(2026, 10, 1), ["b"])]
    view = tracking.track(saved, m, entries, today)
    assert view.silent_gaps == [("b", "B")]


def test_a_prove_it_step_brings_the_steps_it_follows_with_it() -> None:
    gap = make_gap("b")
    changes = {"b-mid": {"proves": 4, "after": ["b-talk"]}}
    gap = gap.model_copy(
        update={"actions": [a.model_copy(update=changes.get(a.id, {})) for a in gap.actions]}
    )
    m = make_map("a").model_copy(update={"gaps": [make_gap("a"), gap]})
    plan = build_plan(m, assess({"a": 2, "b": 4}), [], start=START)
    steps = {a.id: a for a in plan.prove_it[0].actions}
    assert list(steps) == ["b-talk", "b-mid"]
    talk, mid = steps["b-talk"], steps["b-mid"]
    assert talk.due is not None and mid.starts is not None and mid.starts > talk.due
