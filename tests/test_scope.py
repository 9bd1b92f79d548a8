"""Scope on evidence: how far a piece of work reached (issue #15, part 1)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pm_coach.core.evidence import guess_scope
from pm_coach.store.evidence import EvidenceStore

OLD_LOG = """\
# pm-coach evidence log: one [[evidence]] table per entry. Safe to edit by hand.
schema_version = 1

[[evidence]]
id = "abc123"
date = 2025-03-01
text = "Ran the pricing review"
gaps = ["strategy"]
kind = "work"
created = 2025-03-01T10:00:00Z
"""


def test_log_scope_is_stored_and_written_after_org(run, home: Path) -> None:
    r = run("log", "Ran the bet review", "--gap", "strategy", "--scope", "Teams")
    assert r.exit_code == 0, r.output
    [e] = EvidenceStore(home).load()
    assert e.scope == "teams"
    text = (home / "evidence.toml").read_text()
    assert 'kind = "work"\nscope = "teams"\ncreated = ' in text


def test_log_without_scope_writes_no_scope_line(run, home: Path) -> None:
    assert run("log", "Wrote a memo", "--gap", "strategy").exit_code == 0
    assert "scope" not in (home / "evidence.toml").read_text()
    [e] = EvidenceStore(home).load()
    assert e.scope is None


def test_log_unknown_scope_is_a_usage_error_and_saves_nothing(run, home: Path) -> None:
    r = run("log", "Wrote a memo", "--scope", "planet")
    assert r.exit_code == 2
    assert "unknown scope 'planet'" in r.stderr
    assert (
        "Use one of: self (just you), team (your team), teams (several teams), company (the "
        "whole company), external (outside it: industry, community)." in r.stderr
    )
    assert not (home / "evidence.toml").exists()


def test_log_guesses_scope_from_the_words_and_says_so(run, home: Path) -> None:
    r = run("log", "Presented the pricing plan to the board", "--gap", "buy-in")
    assert r.exit_code == 0, r.output
    assert 'Scope company (from "board")' in r.stdout
    [e] = EvidenceStore(home).load()
    assert e.scope == "company"


def test_explicit_scope_beats_the_guess_and_no_suggest_turns_it_off(run, home: Path) -> None:
    run("log", "Spoke at a meetup", "--gap", "domain", "--scope", "team")
    run("log", "Spoke at a conference", "--gap", "domain", "--no-suggest")
    first, second = EvidenceStore(home).load()
    assert first.scope == "team" and second.scope is None


def test_old_log_without_scope_loads_and_is_not_rewritten(run, home: Path) -> None:
    home.mkdir(parents=True)
    (home / "evidence.toml").write_text(OLD_LOG)
    before = (home / "evidence.toml").read_bytes()
    r = run("evidence", "list", "--json")
    assert r.exit_code == 0, r.output
    [entry] = json.loads(r.stdout)
    assert entry["scope"] is None
    assert (home / "evidence.toml").read_bytes() == before


def test_scope_survives_the_fast_reader(run, home: Path) -> None:
    run("log", "One", "--scope", "external")
    run("log", "Two")
    # the second load goes through the stamp-vouched fast path
    EvidenceStore(home).load()
    first, second = EvidenceStore(home).load()
    assert (first.scope, second.scope) == ("external", None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Took the exec team through the plan", ("company", "exec")),
        ("Executive review of the roadmap", ("company", "Executive")),
        ("All-hands demo of the new onboarding", ("company", "All-hands")),
        ("Talk at a meetup after the board review", ("external", "meetup")),
        ("Onboarding dashboard cleanup", None),
        ("Executed the launch checklist", None),
    ],
)
def test_guess_scope(text: str, expected: tuple[str, str] | None) -> None:
    assert guess_scope(text) == expected


def test_guess_scope_reads_the_result_too() -> None:
    assert guess_scope("Wrote up the pricing study", "Invited to speak on a podcast") == (
        "external",
        "podcast",
    )
