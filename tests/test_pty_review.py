"""`pm-coach export --review` end to end in a real pseudo-terminal."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pexpect
import pytest

from pm_coach.models import Evidence
from pm_coach.store.evidence import EvidenceStore
from tests.conftest import pm_coach_cmd, subprocess_env

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

DOWN = "\x1b[B"
CREATED = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)


def spawn(home: Path, *args: str) -> pexpect.spawn:
    cmd = pm_coach_cmd()
    env = subprocess_env(home)
    env["TERM"] = "xterm"
    return pexpect.spawn(
        cmd[0], [*cmd[1:], *args], env=env, encoding="utf-8", timeout=20, dimensions=(40, 160)
    )


def test_accept_edit_then_ctrl_c_keeps_what_was_accepted(home: Path) -> None:
    store = EvidenceStore(home)
    entries = [
        Evidence(id="bet001", date=dt.date(2025, 9, 1), text="Ran the Q3 bet review with finance",
                 result="Dropped two bets", metrics=["3 eng-months saved"], created=CREATED),
        Evidence(id="onb002", date=dt.date(2025, 8, 1), text="Rebuilt onboarding",
                 result="Activation up 9%", created=CREATED),
        Evidence(id="old003", date=dt.date(2020, 1, 1), text="Ran 3 pre-mortems",
                 created=CREATED),
    ]  # fmt: skip
    for e in entries:
        store.append(lambda _new, e=e: e)
    child = spawn(home, "export", "--review")
    child.expect(r"\[1/3\]")
    child.expect("Draft: Dropped two bets \\(3 eng-months saved\\) by running the Q3 bet review")
    child.send("\r")  # accept
    child.expect(r"\[2/3\]")
    child.expect("Draft: Rebuilt onboarding, with activation up 9%")
    child.send(DOWN)
    child.send("\r")  # edit
    child.expect("Your line")
    child.send(" in 6 weeks")
    child.send("\r")
    child.expect(r"\[3/3\]")
    child.sendcontrol("c")
    child.expect("kept the 2 lines accepted so far")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    saved = {e.id: e.bullet for e in EvidenceStore(home).load()}
    assert saved == {
        "bet001": "Dropped two bets (3 eng-months saved) by running the Q3 bet review with finance",
        "onb002": "Rebuilt onboarding, with activation up 9% in 6 weeks",
        "old003": "",
    }
