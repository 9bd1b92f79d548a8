"""The interactive assessment, driven key by key through prompt_toolkit's pipe input."""

from __future__ import annotations

from pathlib import Path

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from pm_coach.core.assessment import Ratings
from pm_coach.errors import Cancelled
from pm_coach.prompts.assess import assess_form, wrap_statement
from pm_coach.store.maps import MapCatalog

SKILL_MAP = MapCatalog(Path("/nonexistent")).load("leadership")
DOWN, UP, ENTER, CTRL_C, ESC = "\x1b[B", "\x1b[A", "\r", "\x03", "\x1b"


def answer(keys: str, gaps=None, targets=None) -> Ratings:
    with create_pipe_input() as inp:
        inp.send_text(keys)
        return assess_form(
            gaps if gaps is not None else SKILL_MAP.gaps,
            targets or {},
            width=80,
            input=inp,
            output=DummyOutput(),
        )


def test_each_gap_gets_level_target_and_note() -> None:
    keys = (
        DOWN * 2 + ENTER + ENTER + "Ran two strategy reviews" + ENTER  # strategy: 3, target 4
        + ENTER + DOWN + ENTER + ENTER  # buy-in: 1, target 5
        + DOWN * 4 + ENTER + UP * 2 + ENTER + ENTER  # confidence: 5, target 2
        + DOWN + ENTER + ENTER + "   " + ENTER  # domain: 2, blank note
        + DOWN * 3 + ENTER + UP + ENTER + "Mentor  two APMs" + ENTER  # delegation: 4, target 3
    )  # fmt: skip
    ratings = answer(keys)
    assert ratings.levels == {
        "strategy": 3,
        "buy-in": 1,
        "confidence": 5,
        "domain": 2,
        "delegation": 4,
    }
    assert ratings.targets == {
        "strategy": 4,
        "buy-in": 5,
        "confidence": 2,
        "domain": 4,
        "delegation": 3,
    }
    assert ratings.notes == {
        "strategy": "Ran two strategy reviews",
        "delegation": "Mentor two APMs",
    }


def test_target_defaults_to_the_given_one() -> None:
    one = [SKILL_MAP.gap("delegation")]
    ratings = answer(ENTER + ENTER + ENTER, gaps=one, targets={"delegation": 5})
    assert ratings.levels == {"delegation": 1} and ratings.targets == {"delegation": 5}


def test_only_the_gaps_passed_are_asked() -> None:
    one = [SKILL_MAP.gap("buy-in")]
    ratings = answer(DOWN + ENTER + ENTER + ENTER, gaps=one)
    assert list(ratings.levels) == ["buy-in"]


def test_the_pointer_does_not_start_on_an_earlier_rating() -> None:
    """The level question always opens on the first statement: nothing hints at the old score."""
    one = [SKILL_MAP.gap("strategy")]
    assert answer(ENTER * 3, gaps=one, targets={"strategy": 5}).levels == {"strategy": 1}


@pytest.mark.parametrize(
    "keys",
    [
        CTRL_C,  # at the first question
        ENTER + CTRL_C,  # at the first target
        ENTER + ENTER + "half a note" + CTRL_C,  # in the middle of a note
        DOWN + DOWN + ESC,  # Esc after moving the pointer
    ],
    ids=["first-level", "first-target", "note", "esc"],
)
def test_ctrl_c_or_esc_anywhere_cancels(keys: str) -> None:
    with pytest.raises(Cancelled):
        answer(keys)


def test_a_note_over_the_limit_is_refused_until_shortened() -> None:
    one = [SKILL_MAP.gap("domain")]
    keys = ENTER + ENTER + "x" * 1001 + ENTER + "\x7f" + ENTER
    ratings = answer(keys, gaps=one)
    assert ratings.notes == {"domain": "x" * 1000}


def test_statements_are_wrapped_to_the_terminal_and_indented() -> None:
    text = SKILL_MAP.gap("strategy").levels[3]
    wrapped = wrap_statement(text, 60)
    lines = wrapped.splitlines()
    assert len(lines) > 1
    assert all(len(line) <= 59 - 3 for line in lines[:1])  # the pointer takes 3 columns
    assert all(line.startswith("   ") and len(line) <= 59 for line in lines[1:])
    assert " ".join(w.strip() for w in lines) == text


# --- the motivation check (first assessment only) -------------------------------------------


def ask_with_motivation(keys: str) -> Ratings:
    one = [SKILL_MAP.gap("strategy")]
    with create_pipe_input() as inp:
        inp.send_text(keys)
        return assess_form(one, {}, width=80, ask_motivation=True, input=inp, output=DummyOutput())


@pytest.mark.parametrize(
    ("downs", "expected"),
    [(0, "manage"), (1, "ic"), (2, "expert"), (3, "unsure"), (4, None)],
)
def test_motivation_is_asked_before_the_gaps(downs: int, expected: str | None) -> None:
    ratings = ask_with_motivation(DOWN * downs + ENTER + DOWN + ENTER + ENTER + ENTER)
    assert ratings.motivation == expected
    assert ratings.levels == {"strategy": 2} and ratings.targets == {"strategy": 4}


def test_motivation_is_not_asked_unless_requested() -> None:
    ratings = answer(DOWN + ENTER + ENTER + ENTER, gaps=[SKILL_MAP.gap("strategy")])
    assert ratings.motivation is None and ratings.levels == {"strategy": 2}


def test_esc_at_the_motivation_question_cancels() -> None:
    with pytest.raises(Cancelled):
        ask_with_motivation(ESC)
