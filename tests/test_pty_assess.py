"""`pm-coach assess` end to end in a real pseudo-terminal, as a user would run it."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pexpect
import pytest

from pm_coach.store.assessments import load_assessments
from tests.conftest import pm_coach_cmd, subprocess_env

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

DOWN, UP = "\x1b[B", "\x1b[A"
GAPS = ["strategy", "buy-in", "confidence", "domain", "delegation"]


def spawn(home: Path, *args: str) -> pexpect.spawn:
    cmd = pm_coach_cmd()
    env = subprocess_env(home)
    env["TERM"] = "xterm"
    env.pop("COLUMNS", None)
    return pexpect.spawn(
        cmd[0], [*cmd[1:], *args], env=env, encoding="utf-8", timeout=20, dimensions=(40, 80)
    )


def test_answering_every_prompt_saves_the_assessment(home: Path) -> None:
    child = spawn(home, "assess")
    picks = {"strategy": 3, "buy-in": 2, "confidence": 5, "domain": 1, "delegation": 4}
    child.expect("what do you want your next role to be mostly about")
    child.send(DOWN + "\r")  # the principal / staff PM path
    for number, gap in enumerate(GAPS, start=1):
        child.expect(rf"\[{number}/5\] .* what do you do now\?")
        child.send(DOWN * (picks[gap] - 1) + "\r")
        child.expect(rf"\[{number}/5\] .* level your target role needs\?")
        child.send(UP + "\r" if gap == "delegation" else "\r")  # 3 for delegation, else 4
        child.expect(rf"\[{number}/5\] .* a note\?")
        child.send("Mentoring two APMs\r" if gap == "delegation" else "\r")
    child.expect("Where you stand")
    child.expect("Saved; 1 assessment of this map so far")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    [saved] = load_assessments(home)
    assert saved.levels == picks
    assert saved.targets == {"strategy": 4, "buy-in": 4, "confidence": 4, "domain": 4,
                             "delegation": 3}  # fmt: skip
    assert saved.notes == {"delegation": "Mentoring two APMs"}
    doc = tomllib.loads((home / "assessments.toml").read_text())
    assert len(doc["assessment"]) == 1
    assert tomllib.loads((home / "profile.toml").read_text())["motivation"] == "ic"


def test_ctrl_c_at_the_first_prompt_saves_nothing(home: Path) -> None:
    child = spawn(home, "assess")
    child.expect("what do you want your next role")
    child.sendcontrol("c")
    child.expect("Cancelled: nothing was saved.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert not (home / "assessments.toml").exists()


def test_esc_half_way_saves_nothing(home: Path) -> None:
    child = spawn(home, "assess")
    child.expect("what do you want your next role")
    child.send(DOWN * 4 + "\r")  # skip the motivation check
    child.expect(r"\[1/5\] Strategy · what do you do now")
    child.send("\r")
    child.expect("level your target role needs")
    child.send("\r")
    child.expect("a note")
    child.send("\r")
    child.expect(r"\[2/5\]")
    child.send("\x1b")
    child.expect("Cancelled: nothing was saved.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert not (home / "assessments.toml").exists()
