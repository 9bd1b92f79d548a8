"""The interactive `log` form, driven key by key through prompt_toolkit's pipe input."""

from __future__ import annotations

import datetime as dt

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from pm_coach import prompts
from pm_coach.errors import Cancelled

GAPS = [("strategy", "Strategy"), ("buy-in", "Buy-in"), ("confidence", "Confidence")]
TODAY = dt.date(2026, 11, 22)
DOWN, ENTER, SPACE, CTRL_U, CTRL_C, ESC = "\x1b[B", "\r", " ", "\x15", "\x03", "\x1b"


def fill(keys: str, **kw: object) -> prompts.EvidenceInput:
    with create_pipe_input() as inp:
        inp.send_text(keys)
        return prompts.log_form(GAPS, TODAY, input=inp, output=DummyOutput(), **kw)


def test_every_field_answered() -> None:
    raw = fill(
        "Ran the pricing review" + ENTER
        + SPACE + DOWN + DOWN + SPACE + ENTER  # tick strategy and confidence
        + "Dropped two bets" + ENTER
        + "+12% activation; 3 teams" + ENTER
        + DOWN + ENTER  # scope: from "not sure" (no clue in the words) round to "Just me"
        + CTRL_U + "yesterday" + ENTER
        + ENTER  # more? no
    )  # fmt: skip
    assert raw.text == "Ran the pricing review"
    assert raw.gaps == ["strategy", "confidence"]
    assert raw.result == "Dropped two bets"
    assert raw.metrics == ["+12% activation", "3 teams"]
    assert raw.date == "yesterday"
    assert raw.scope == "self"


def test_defaults_empty_optional_fields_and_today() -> None:
    raw = fill("Shadowed a support shift" + ENTER + ENTER * 6)
    assert raw.text == "Shadowed a support shift"
    assert raw.gaps == [] and raw.result == "" and raw.metrics == [] and raw.scope == ""
    assert raw.date == "today"


def test_suggested_gaps_are_pre_ticked() -> None:
    raw = fill("Delegated the launch" + ENTER + ENTER * 6, suggested=["buy-in"])
    assert raw.gaps == ["buy-in"]


def test_empty_text_is_refused_until_something_is_typed() -> None:
    raw = fill(ENTER + "   " + ENTER + CTRL_U + "Wrote a memo" + ENTER + ENTER * 6)
    assert raw.text == "Wrote a memo"


def test_bad_date_is_refused_until_fixed() -> None:
    raw = fill(
        "x" + ENTER + ENTER * 4 + CTRL_U + "next week" + ENTER + CTRL_U + "2026-11-01" + ENTER
        + ENTER
    )  # fmt: skip
    assert raw.date == "2026-11-01"


def test_future_date_is_refused() -> None:
    raw = fill(
        "x" + ENTER + ENTER * 4 + CTRL_U + "2026-12-25" + ENTER + CTRL_U + "today" + ENTER + ENTER
    )
    assert raw.date == "today"


def test_ctrl_c_at_the_text_cancels_without_asking() -> None:
    with pytest.raises(Cancelled):
        fill("half typed" + CTRL_C + "y")


@pytest.mark.parametrize("at", [1, 2, 4, 5, 6])
def test_ctrl_c_after_the_text_then_no_cancels(at: int) -> None:
    answers = ["x" + ENTER, ENTER, ENTER, ENTER, ENTER, ENTER, ENTER]
    with pytest.raises(Cancelled):
        fill("".join(answers[:at]) + CTRL_C + "n")


def test_ctrl_c_after_the_text_then_yes_keeps_what_was_typed() -> None:
    raw = fill(
        "Ran the pricing review" + ENTER
        + SPACE + ENTER  # strategy
        + "Dropped two bets" + ENTER
        + CTRL_C  # at the metrics question
        + "y"
    )  # fmt: skip
    assert raw.text == "Ran the pricing review"
    assert raw.gaps == ["strategy"]
    assert raw.result == "Dropped two bets"
    assert raw.metrics == [] and raw.date == "today"


def test_ctrl_c_on_the_save_question_cancels() -> None:
    with pytest.raises(Cancelled):
        fill("x" + ENTER + CTRL_C + CTRL_C)


def test_more_asks_kind_org_goal_tags_and_plan_action() -> None:
    raw = fill(
        "Spoke on pricing at a meetup" + ENTER
        + SPACE + ENTER  # strategy
        + ENTER + ENTER + ENTER  # result, metrics, scope (external, from "meetup")
        + ENTER  # today
        + "y"  # more
        + DOWN + DOWN + ENTER  # a talk
        + "ProductTank" + ENTER
        + "Grow self-serve revenue" + ENTER
        + "pricing; community" + ENTER
        + DOWN + DOWN + ENTER,  # the second open action
        actions=[("write-memo", "Write the pricing memo"), ("give-talk", "Give a talk")],
    )  # fmt: skip
    assert raw.kind == "talk"
    assert raw.org == "ProductTank"
    assert raw.goal == "Grow self-serve revenue"
    assert raw.tags == ["pricing", "community"]
    assert raw.action == "give-talk"
    assert raw.scope == "external"


def test_more_for_work_skips_the_organisation_and_without_a_plan_the_action() -> None:
    raw = fill(
        "Ran the review" + ENTER + ENTER * 5
        + "y"
        + ENTER  # work
        + ENTER  # goal: none
        + "q4" + ENTER
    )  # fmt: skip
    assert raw.kind == "work" and raw.org == "" and raw.goal == ""
    assert raw.tags == ["q4"] and raw.action == ""


def test_command_line_values_are_the_forms_defaults() -> None:
    given = prompts.EvidenceInput(text="", tags=["q4"], goal="Grow revenue", kind="talk")
    raw = fill(
        "Gave the talk" + ENTER + ENTER * 5 + "y" + ENTER + "Meetup" + ENTER + ENTER + ENTER,
        given=given,
    )
    assert raw.kind == "talk" and raw.org == "Meetup"
    assert raw.goal == "Grow revenue" and raw.tags == ["q4"]


@pytest.mark.parametrize(
    ("text", "result", "scope"),
    [
        ("Presented the pricing change to the board", "", "company"),
        ("Walked the execs through the Q3 bets", "", "company"),
        ("Ran the company-wide survey on how product works", "", "company"),
        ("Spoke at a product meetup", "", "external"),
        ("Guest on a podcast about B2B pricing", "", "external"),
        ("Wrote the talk", "Accepted at a conference in May", "external"),
        ("Cleaned up the sprint board", "", ""),
        ("Tuned the execution plan", "", ""),
    ],
)
def test_scope_is_pre_selected_from_the_words(text: str, result: str, scope: str) -> None:
    raw = fill(text + ENTER + ENTER + result + ENTER + ENTER + ENTER + ENTER + ENTER)
    assert raw.scope == scope


def test_pre_selected_scope_can_be_changed() -> None:
    # "board" pre-selects the whole company; one step up is several teams
    raw = fill("Presented to the board" + ENTER + ENTER * 3 + "\x1b[A" + ENTER + ENTER + ENTER)
    assert raw.scope == "teams"


def test_escape_cancels() -> None:
    with pytest.raises(Cancelled):
        fill("half typed" + ESC)


def test_confirm_yes_and_no() -> None:
    for keys, expected in (("y", True), ("n", False), (ENTER, True)):
        with create_pipe_input() as inp:
            inp.send_text(keys)
            assert (
                prompts.confirm("Sure?", default=True, input=inp, output=DummyOutput()) is expected
            )
