"""`pm-coach log` with no TEXT, end to end in a real pseudo-terminal."""

from __future__ import annotations

import sys
from pathlib import Path

import pexpect
import pytest

from pm_coach.store.evidence import EvidenceStore
from tests.conftest import pm_coach_cmd, subprocess_env

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

DOWN = "\x1b[B"
UP = "\x1b[A"


def spawn(home: Path, *args: str) -> pexpect.spawn:
    cmd = pm_coach_cmd()
    env = subprocess_env(home)
    env["TERM"] = "xterm"
    return pexpect.spawn(
        cmd[0], [*cmd[1:], *args], env=env, encoding="utf-8", timeout=20, dimensions=(40, 120)
    )


def test_answering_every_question_saves_the_entry(home: Path) -> None:
    child = spawn(home, "log")
    child.expect("What did you do")
    child.sendline("Led the quarterly roadmap review with sales")
    child.expect("Which gaps")
    # "roadmap" makes pm-coach pre-tick strategy; tick buy-in as well
    child.send(DOWN)
    child.send(" ")
    child.send("\r")
    child.expect("What came of it")
    child.sendline("Sales agreed the top three bets")
    child.expect("Any numbers")
    child.sendline("3 bets agreed")
    child.expect("How far did it reach")
    child.send(UP + UP + UP + "\r")  # from "not sure" up to "Several teams"
    child.expect("When did it happen")
    child.send("\x15")  # clear the default
    child.sendline("yesterday")
    child.expect("More: kind, goal, tags")
    child.send("y")
    child.expect("What kind of evidence")
    child.send(DOWN + DOWN + "\r")  # a talk
    child.expect("Which organisation")
    child.sendline("ProductTank")
    child.expect("Which business goal")
    child.sendline("Grow self-serve revenue")
    child.expect("Tags")
    child.sendline("pricing; sales")
    child.expect(r"Logged ([a-z0-9]{6}) ·")
    entry_id = child.match.group(1)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    [e] = EvidenceStore(home).load()
    assert e.id == entry_id
    assert e.text == "Led the quarterly roadmap review with sales"
    assert e.gaps == ["strategy", "buy-in"]
    assert e.result == "Sales agreed the top three bets"
    assert e.metrics == ["3 bets agreed"]
    assert e.scope == "teams"
    assert (e.kind, e.org, e.goal) == ("talk", "ProductTank", "Grow self-serve revenue")
    assert e.tags == ["pricing", "sales"]


def test_ctrl_c_after_the_text_offers_to_save_what_was_typed(home: Path) -> None:
    child = spawn(home, "log", "--no-suggest")
    child.expect("What did you do")
    child.sendline("Sketched the pricing memo")
    child.expect("Which gaps")
    child.sendcontrol("c")
    child.expect("Save what you typed so far")
    child.send("y")
    child.expect(r"Logged ([a-z0-9]{6}) ·")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    [e] = EvidenceStore(home).load()
    assert e.text == "Sketched the pricing memo" and e.gaps == []


def test_ctrl_c_at_the_first_question_saves_nothing(home: Path) -> None:
    child = spawn(home, "log")
    child.expect("What did you do")
    child.send("half a thought")
    child.sendcontrol("c")
    child.expect("Cancelled: nothing was saved.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert not (home / "evidence.toml").exists()
