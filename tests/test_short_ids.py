"""Short ids: a unique start of 3+ characters names a plan action or an evidence entry; a start
shared by several ids lists them and exits 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pm_coach.core.short_ids import resolve_id
from pm_coach.errors import InputError
from pm_coach.store.evidence import EvidenceStore
from tests.test_plan_cli import assess

KNOWN = {"abc123": "first", "abd456": "second", "abc1234": "third"}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("abc123", "abc123"),  # whole, though it also starts abc1234
        ("ABD", "abd456"),  # any case, surrounding spaces
        (" abd4 ", "abd456"),
        ("abc1234", "abc1234"),
        ("ab", None),  # under 3 characters: only a whole id counts
        ("abz", None),
    ],
)
def test_resolve(typed: str, expected: str | None) -> None:
    assert resolve_id(typed, KNOWN, what="evidence") == expected


def test_a_shared_start_lists_every_match() -> None:
    with pytest.raises(InputError) as info:
        resolve_id("abc", KNOWN, what="evidence")
    assert info.value.message == (
        "'abc' is the start of 2 evidence ids:\n  abc123  first\n  abc1234  third"
    )
    assert info.value.exit_code == 2


def plan_ids(run) -> list[str]:
    data = json.loads(run("plan", "--json").stdout)
    return [a["id"] for g in [*data["focus"], *data["prove_it"]] for a in g["actions"]]


def test_plan_done_and_skip_take_a_unique_start(run, home: Path) -> None:
    assess(home)
    run("plan")
    eid = run("log", "Mapped last year's work to the goals", "--gap", "strategy").stdout.split()[1]
    r = run("plan", "done", "strategy-goal", "--evidence", eid[:3])
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("Done: strategy-goal-map · ") and f"(evidence {eid})" in r.stdout
    other = next(i for i in plan_ids(run) if i.startswith("buy-in-"))
    r = run("plan", "skip", other[:-1], "--why", "No sponsor")
    assert r.exit_code == 0 and r.stdout.startswith(f"Skipped: {other} · ")


def test_a_start_shared_by_plan_actions_exits_2_and_lists_them(run, home: Path) -> None:
    assess(home)
    run("plan")
    before = (home / "plans.toml").read_bytes()
    shared = [i for i in plan_ids(run) if i.startswith("strategy-")]
    assert len(shared) >= 2
    r = run("plan", "done", "strategy-")
    assert r.exit_code == 2
    assert f"'strategy-' is the start of {len(shared)} action ids:" in r.stderr
    for action_id in shared:
        assert f"\n  {action_id}  " in r.stderr
    assert (home / "plans.toml").read_bytes() == before


def test_log_action_takes_a_unique_start_of_a_map_action(run, home: Path) -> None:
    r = run("log", "Coached a new PM", "--action", "delegation-coach")
    assert r.exit_code == 0, r.output
    [entry] = EvidenceStore(home).load()
    assert entry.action == "delegation-coach-pm" and entry.gaps == ["delegation"]
