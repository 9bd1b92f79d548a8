"""Conversations with the people in the network: history, show, edit, rm that asks, mentees."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pexpect
import pytest

from pm_coach.app import terminal
from pm_coach.store.evidence import EvidenceStore
from pm_coach.store.network import load_contacts, network_path
from tests.conftest import pm_coach_cmd, subprocess_env


def test_touch_stores_the_date_given_and_keeps_a_history(run, home: Path) -> None:
    assert (
        run("network", "add", "Sam Lee", "--kind", "mentor", "--helps", "strategy").exit_code == 0
    )
    r = run("network", "touch", "Sam Lee", "--date", "2026-10-01", "--note", "Talked bets")
    assert r.exit_code == 0, r.output
    assert "Recorded a conversation with Sam Lee on 2026-10-01" in r.stdout
    # an earlier conversation recorded later still goes into the history, in date order
    r = run("network", "touch", "sam lee", "--date", "2026-09-03")
    assert r.exit_code == 0 and "on 2026-09-03" in r.stdout
    run("network", "touch", "Sam Lee", "--date", "2026-10-20", "-n", "Read my strategy memo")

    [sam] = load_contacts(home)
    assert [(str(t.date), t.note) for t in sam.conversations] == [
        ("2026-09-03", ""),
        ("2026-10-01", "Talked bets"),
        ("2026-10-20", "Read my strategy memo"),
    ]
    text = network_path(home).read_text()
    assert (
        'conversations = [\n  { date = 2026-09-03 },\n  { date = 2026-10-01, note = "Talked' in text
    )

    data = json.loads(run("network", "show", "SAM LEE", "--json").stdout)
    assert data["last_contact"] == "2026-10-20"
    assert data["conversations"] == [
        {"date": "2026-09-03", "note": ""},
        {"date": "2026-10-01", "note": "Talked bets"},
        {"date": "2026-10-20", "note": "Read my strategy memo"},
    ]
    r = run("network", "show", "Sam Lee")
    assert r.exit_code == 0
    assert "2026-10-01  Talked bets" in r.stdout and "2026-09-03" in r.stdout
    assert "helps with" in r.stdout and "strategy" in r.stdout


def test_an_old_file_with_last_contact_reads_as_one_conversation(run, home: Path) -> None:
    home.mkdir(parents=True)
    network_path(home).write_text(
        'schema_version = 1\n\n[[contact]]\nname = "Ana"\nkind = "coach"\n'
        "last_contact = 2026-03-02\ncreated = 2026-01-05T09:00:00Z\n"
    )
    data = json.loads(run("network", "show", "Ana", "--json").stdout)
    assert data["conversations"] == [{"date": "2026-03-02", "note": ""}]
    assert run("network", "touch", "Ana", "--date", "2026-04-01").exit_code == 0
    text = network_path(home).read_text()
    assert "last_contact" not in text
    assert "{ date = 2026-03-02 },\n  { date = 2026-04-01 }," in text


def test_show_unknown_name_and_empty_history(run, home: Path) -> None:
    r = run("network", "show", "Nobody")
    assert r.exit_code == 4 and "no one called 'Nobody'" in r.stderr
    run("network", "add", "Peers", "--kind", "circle")
    r = run("network", "show", "peers")
    assert r.exit_code == 0 and "never" in r.stdout and "none recorded yet" in r.stdout


def test_edit_changes_only_the_fields_given(run, home: Path) -> None:
    run("network", "add", "Sam", "--kind", "coach", "--helps", "strategy", "--note", "ex-CPO")
    run("network", "touch", "Sam", "--date", "2026-05-01", "--note", "first chat")
    r = run("network", "edit", "sam", "--kind", "mentor", "--helps", "buy-in", "-g", "domain")
    assert r.exit_code == 0, r.output
    assert "Saved Sam (mentor) · helps buy-in, domain" in r.stdout
    [sam] = load_contacts(home)
    assert sam.kind == "mentor" and sam.helps == ["buy-in", "domain"] and sam.note == "ex-CPO"
    assert [t.note for t in sam.conversations] == ["first chat"]

    assert (
        run("network", "edit", "Sam", "--contact", "sam@example.com", "--note", "").exit_code == 0
    )
    [sam] = load_contacts(home)
    assert sam.contact == "sam@example.com" and sam.note == "" and sam.helps == ["buy-in", "domain"]
    assert run("network", "edit", "Sam", "--helps", "").exit_code == 0
    assert load_contacts(home)[0].helps == []


def test_edit_refuses_bad_values_and_changes_nothing(run, home: Path) -> None:
    run("network", "add", "Sam", "--kind", "coach")
    before = network_path(home).read_bytes()
    cases = [
        (("--kind", "guru"), 2, "unknown kind 'guru'"),
        (("--helps", "teleport"), 2, "unknown gap 'teleport'"),
        (("--note", "two\x07lines"), 2, "--note"),
        ((), 2, "nothing to change"),
    ]
    for args, code, message in cases:
        r = run("network", "edit", "Sam", *args)
        assert r.exit_code == code and message in r.stderr, (args, r.output)
    r = run("network", "edit", "Nobody", "--note", "x")
    assert r.exit_code == 4
    assert network_path(home).read_bytes() == before


def test_rm_without_a_terminal_needs_yes(run, home: Path) -> None:
    run("network", "add", "Sam Lee", "--kind", "mentor")
    before = network_path(home).read_bytes()
    r = run("network", "rm", "Sam Lee")
    assert r.exit_code == 6
    assert 'pm-coach network rm "Sam Lee" --yes' in r.stderr
    assert network_path(home).read_bytes() == before
    r = run("network", "rm", "Sam Lee", "-y")
    assert r.exit_code == 0 and "Removed Sam Lee (mentor)" in r.stdout
    assert load_contacts(home) == []


def test_rm_asks_and_keeps_on_no(run, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pm_coach import prompts

    run("network", "add", "Sam", "--kind", "mentor")
    run("network", "touch", "Sam", "--date", "2026-05-01")
    monkeypatch.setattr(terminal, "interactive", lambda: True)
    asked: list[str] = []
    monkeypatch.setattr(prompts, "confirm", lambda msg, **_: asked.append(msg) or False)
    r = run("network", "rm", "Sam")
    assert r.exit_code == 0 and "Kept them; nothing removed." in r.stdout
    assert asked == ["Remove Sam (mentor) and 1 recorded conversation?"]
    assert [c.name for c in load_contacts(home)] == ["Sam"]
    monkeypatch.setattr(prompts, "confirm", lambda msg, **_: True)
    r = run("network", "rm", "Sam")
    assert r.exit_code == 0 and "Removed Sam (mentor)" in r.stdout
    assert load_contacts(home) == []


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_rm_asks_in_a_real_terminal(run, home: Path) -> None:
    run("network", "add", "Sam", "--kind", "coach")
    cmd = pm_coach_cmd()
    env = subprocess_env(home)
    env["TERM"] = "xterm"
    child = pexpect.spawn(
        cmd[0], [*cmd[1:], "network", "rm", "Sam"], env=env, encoding="utf-8", timeout=20
    )
    child.expect(r"Remove Sam \(coach\)\?")
    child.send("y")
    child.expect("Removed Sam")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert load_contacts(home) == []


def test_a_mentee_conversation_is_delegation_evidence(run, home: Path) -> None:
    r = run("network", "add", "Jo Park", "--kind", "mentee", "--helps", "strategy")
    assert r.exit_code == 0 and "No --helps" not in r.output
    r = run("network", "touch", "Jo Park", "--date", "2026-10-02", "--note", "Reviewed her roadmap")
    assert r.exit_code == 0, r.output
    assert "Logged as evidence" in r.stdout
    [e] = EvidenceStore(home).load()
    assert e.text == "Mentoring session with Jo Park: Reviewed her roadmap"
    assert e.gaps == ["delegation"] and e.tags == ["mentoring"] and str(e.date) == "2026-10-02"
    assert e.scope == "team"
    # --no-evidence records the conversation only
    r = run("network", "touch", "Jo Park", "--date", "2026-10-09", "--no-evidence")
    assert r.exit_code == 0 and "evidence" not in r.stdout
    assert len(EvidenceStore(home).load()) == 1
    assert len(load_contacts(home)[0].conversations) == 2


def test_a_mentor_conversation_is_not_evidence(run, home: Path) -> None:
    run("network", "add", "Sam", "--kind", "mentor")
    run("network", "touch", "Sam")
    assert EvidenceStore(home).load() == []


def test_mentees_are_not_named_as_helpers_in_the_plan() -> None:
    import datetime as dt

    from pm_coach.core import network
    from pm_coach.models.network import Contact

    created = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
    people = [
        Contact(name="Jo", kind="mentee", helps=["strategy"], created=created),
        Contact(name="Sam", kind="mentor", helps=["strategy"], created=created),
    ]
    assert [c.name for c in network.people_for_gap(people, "strategy")] == ["Sam"]
