"""Gap ids as people type them (commas, spaces, capitals) and "did you mean" for near misses of
gap ids, map ids and contact names."""

from __future__ import annotations

import json

import pytest


def saved_gaps(run) -> list[list[str]]:
    return [e["gaps"] for e in json.loads(run("evidence", "list", "--json").stdout)]


@pytest.mark.parametrize(
    ("gaps", "expected"),
    [
        (["strategy,buy-in"], ["strategy", "buy-in"]),
        (["strategy, Buy In"], ["strategy", "buy-in"]),
        (["Buy-In"], ["buy-in"]),
        (["buy in"], ["buy-in"]),
        (["buy_in", "strategy,buy-in"], ["buy-in", "strategy"]),
    ],
)
def test_gaps_with_commas_spaces_or_capitals_are_read_as_ids(
    run, gaps: list[str], expected: list[str]
) -> None:
    args = [a for g in gaps for a in ("--gap", g)]
    r = run("log", "Ran the pricing review", *args)
    assert r.exit_code == 0, r.output
    assert saved_gaps(run) == [expected]


def test_list_filters_by_gaps_given_with_a_comma(run) -> None:
    run("log", "Ran the pricing review", "--gap", "strategy")
    run("log", "Coached a new PM", "--gap", "delegation")
    run("log", "Spoke at a meetup", "--gap", "confidence")
    r = run("evidence", "list", "--json", "--gap", "strategy,Delegation")
    assert [e["text"] for e in json.loads(r.stdout)] == [
        "Ran the pricing review",
        "Coached a new PM",
    ]


def test_a_near_miss_of_a_gap_id_is_named(run) -> None:
    r = run("log", "Ran the pricing review", "--gap", "strategy,confidance")
    assert r.exit_code == 2
    assert r.stderr == (
        "pm-coach: error: unknown gap 'confidance' for the skill map 'leadership'.\n"
        "  hint: Did you mean 'confidence'? Use one of: strategy, buy-in, confidence, domain, "
        "delegation.\n"
    )
    assert saved_gaps(run) == []


def test_a_gap_like_no_other_gets_only_the_list(run) -> None:
    r = run("log", "Ran the pricing review", "--gap", "juggling")
    assert r.exit_code == 2
    assert "  hint: Use one of: strategy, buy-in" in r.stderr


def test_a_near_miss_of_a_map_id_is_named(run) -> None:
    r = run("maps", "show", "leadershp")
    assert r.exit_code == 4
    assert r.stderr == (
        "pm-coach: error: no skill map called 'leadershp'.\n"
        "  hint: Did you mean 'leadership'? Known maps: leadership, apm-to-pm. "
        "See them with 'pm-coach maps list'.\n"
    )


def test_a_near_miss_of_a_contact_name_is_named(run) -> None:
    assert run("network", "add", "Priya Raman", "--kind", "mentor").exit_code == 0
    r = run("network", "touch", "Priya Ramen")
    assert r.exit_code == 4
    assert r.stderr == (
        "pm-coach: error: no one called 'Priya Ramen' in your network.\n"
        "  hint: Did you mean 'Priya Raman'? See the names with 'pm-coach network list'.\n"
    )


def test_helps_takes_commas_and_names_a_near_miss(run) -> None:
    r = run("network", "add", "Sam Lee", "--kind", "coach", "--helps", "strategy,confidance")
    assert r.exit_code == 2
    assert "  hint: Did you mean 'confidence'? Use one of:" in r.stderr
    r = run("network", "add", "Sam Lee", "--kind", "coach", "--helps", "strategy, Buy In")
    assert r.exit_code == 0, r.output
    listed = json.loads(run("network", "list", "--json").stdout)
    assert listed[0]["helps"] == ["strategy", "buy-in"]
