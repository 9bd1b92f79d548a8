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
        + CTRL_U + "yesterday" + ENTER
    )  # fmt: skip
    assert raw.text == "Ran the pricing review"
    assert raw.gaps == ["strategy", "confidence"]
    assert raw.result == "Dropped two bets"
    assert raw.metrics == ["+12% activation", "3 teams"]
    assert raw.date == "yesterday"


def test_defaults_empty_optional_fields_and_today() -> None:
    raw = fill("Shadowed a support shift" + ENTER + ENTER + ENTER + ENTER + ENTER)
    assert raw.text == "Shadowed a support shift"
    assert raw.gaps == [] and raw.result == "" and raw.metrics == []
    assert raw.date == "today"


def test_suggested_gaps_are_pre_ticked() -> None:
    raw = fill("Delegated the launch" + ENTER + ENTER * 4, suggested=["buy-in"])
    assert raw.gaps == ["buy-in"]


def test_empty_text_is_refused_until_something_is_typed() -> None:
    raw = fill(ENTER + "   " + ENTER + CTRL_U + "Wrote a memo" + ENTER + ENTER * 4)
    assert raw.text == "Wrote a memo"


def test_bad_date_is_refused_until_fixed() -> None:
    raw = fill(
        "x" + ENTER + ENTER * 3 + CTRL_U + "next week" + ENTER + CTRL_U + "2026-11-01" + ENTER
    )
    assert raw.date == "2026-11-01"


def test_future_date_is_refused() -> None:
    raw = fill("x" + ENTER + ENTER * 3 + CTRL_U + "2026-12-25" + ENTER + CTRL_U + "today" + ENTER)
    assert raw.date == "today"


@pytest.mark.parametrize("at", [0, 1, 2, 4])
def test_ctrl_c_at_any_question_cancels(at: int) -> None:
    answers = ["x" + ENTER, ENTER, ENTER, ENTER, ENTER]
    with pytest.raises(Cancelled):
        fill("".join(answers[:at]) + CTRL_C)


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
