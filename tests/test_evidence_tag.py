"""`evidence tag`: walk the entries without a gap, the likely gap pre-ticked, each saved as it
goes; key by key through prompt_toolkit's pipe input, and once in a real pseudo-terminal."""

from __future__ import annotations

import sys
from pathlib import Path

import pexpect
import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from pm_coach.errors import Cancelled
from pm_coach.prompts.tagging import tag_entry
from pm_coach.store.evidence import EvidenceStore
from tests.conftest import WriteData, pm_coach_cmd, subprocess_env

GAPS = [("strategy", "Strategy"), ("buy-in", "Buy-in"), ("delegation", "Delegation")]
DOWN, ENTER, SPACE, CTRL_C, ESC = "\x1b[B", "\r", " ", "\x03", "\x1b"

LOG = """\
schema_version = 1

[[evidence]]
id = "aaa111"
date = 2026-10-01
text = "Mentored a junior PM through her first launch"
kind = "work"
created = 2026-10-01T09:00:00Z

[[evidence]]
id = "bbb222"
date = 2026-10-02
text = "Wrote the pricing one-pager"
gaps = ["strategy"]
kind = "work"
created = 2026-10-02T09:00:00Z

[[evidence]]
id = "ccc333"
date = 2026-10-03
text = "Tidied the team wiki"
kind = "work"
created = 2026-10-03T09:00:00Z
"""


@pytest.fixture
def logged(write_data: WriteData) -> Path:
    return write_data("evidence.toml", LOG)


def answer(keys: str, ticked: list[str]) -> list[str]:
    with create_pipe_input() as inp:
        inp.send_text(keys)
        return tag_entry(1, 2, "aaa111 · text", GAPS, ticked, input=inp, output=DummyOutput())


# --- the question, key by key -----------------------------------------------------------------


def test_enter_keeps_the_pre_ticked_gap() -> None:
    assert answer(ENTER, ["delegation"]) == ["delegation"]


def test_space_ticks_and_unticks() -> None:
    # untick nothing, move to buy-in and tick it; strategy was pre-ticked
    assert answer(DOWN + SPACE + ENTER, ["strategy"]) == ["strategy", "buy-in"]
    # untick the pre-ticked one: nothing chosen, the entry is skipped
    assert answer(SPACE + ENTER, ["strategy"]) == []


@pytest.mark.parametrize("key", [CTRL_C, ESC])
def test_ctrl_c_or_esc_stops(key: str) -> None:
    with pytest.raises(Cancelled):
        answer(key, [])


# --- the command, with the question patched -----------------------------------------------------


def test_tag_saves_each_answer_and_says_how_many_are_left(
    run, home: Path, logged, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pm_coach.app import terminal
    from pm_coach.prompts import tagging

    asked: list[tuple[str, list[str]]] = []

    def fake(number, total, entry, gaps, ticked, **io):
        asked.append((entry, list(ticked)))
        return ["delegation"] if number == 1 else []

    monkeypatch.setattr(terminal, "interactive", lambda: True)
    monkeypatch.setattr(tagging, "tag_entry", fake)
    r = run("evidence", "tag")
    assert r.exit_code == 0, r.output
    assert r.stdout == (
        "Tagged aaa111 · 2026-10-01 · Mentored a junior PM through her… [delegation]\n"
        "Tagged 1 entry; 1 left without a gap.\n"
    )
    # only the untagged entries were asked about, oldest first, the likely gap pre-ticked
    assert [a[0][:6] for a in asked] == ["aaa111", "ccc333"]
    assert asked[0][1] == ["delegation"]
    gaps = {e.id: e.gaps for e in EvidenceStore(home).load()}
    assert gaps == {"aaa111": ["delegation"], "bbb222": ["strategy"], "ccc333": []}


def test_stopping_keeps_what_was_tagged(
    run, home: Path, logged, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pm_coach.app import terminal
    from pm_coach.prompts import tagging

    def fake(number, total, entry, gaps, ticked, **io):
        if number == 2:
            raise Cancelled()
        return ["delegation"]

    monkeypatch.setattr(terminal, "interactive", lambda: True)
    monkeypatch.setattr(tagging, "tag_entry", fake)
    r = run("evidence", "tag")
    assert r.exit_code == 130
    assert "Stopped: kept the 1 entry tagged so far; nothing else was saved." in r.stderr
    assert [e.gaps for e in EvidenceStore(home).load()][0] == ["delegation"]


def test_without_a_terminal_exit_6_with_a_hint(run, home: Path, logged) -> None:
    before = logged.read_bytes()
    r = run("evidence", "tag")
    assert r.exit_code == 6
    assert "not an interactive terminal" in r.stderr
    assert "pm-coach evidence list --untagged" in r.stderr
    assert logged.read_bytes() == before


def test_nothing_to_tag(run, home: Path) -> None:
    r = run("evidence", "tag")
    assert r.exit_code == 0 and r.stdout == "Nothing to tag: every entry has a gap.\n"


# --- end to end in a pseudo-terminal -------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_tag_in_a_real_terminal(home: Path, logged) -> None:
    cmd = pm_coach_cmd()
    env = subprocess_env(home)
    env["TERM"] = "xterm"
    child = pexpect.spawn(
        cmd[0], [*cmd[1:], "evidence", "tag"], env=env, encoding="utf-8", timeout=20,
        dimensions=(40, 120),
    )  # fmt: skip
    child.expect(r"\[1/2\] aaa111")
    child.send("\r")  # keep the pre-ticked delegation
    child.expect(r"\[2/2\] ccc333")
    child.send(DOWN + " " + "\r")  # tick buy-in
    child.expect("Tagged 2 entries; 0 left without a gap.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    gaps = {e.id: e.gaps for e in EvidenceStore(home).load()}
    assert gaps["aaa111"] == ["delegation"]
    assert gaps["ccc333"] == ["buy-in"]
