"""The support network: the pure helpers plan relies on, the store, and every network command."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from pathlib import Path

import pytest

from pm_coach.core import network
from pm_coach.errors import DataFileError, InputError, NotFoundError
from pm_coach.models.network import Contact
from pm_coach.store.network import load_contacts, network_path

CREATED = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 6, 1)


def contact(name: str, kind: str = "mentor", helps: tuple[str, ...] = (), **kw: object) -> Contact:
    return Contact(name=name, kind=kind, helps=list(helps), created=CREATED, **kw)  # type: ignore[arg-type]


# --- pure functions -----------------------------------------------------------------------------


def test_people_for_gap_lists_only_helpers_coaches_then_mentors_then_circles() -> None:
    people = [
        contact("Zoe", "mentor", ("strategy",)),
        contact("peer group", "circle", ("strategy", "domain")),
        contact("Al", "coach", ("strategy",)),
        contact("Bea", "mentor", ("strategy",)),
        contact("Cy", "mentor", ("delegation",)),
    ]
    found = network.people_for_gap(people, "strategy")
    assert [c.name for c in found] == ["Al", "Bea", "Zoe", "peer group"]
    assert network.people_for_gap(people, "buy-in") == []


def test_quiet_contacts_uses_last_contact_else_the_day_added() -> None:
    people = [
        contact("Talked recently", last_contact=TODAY - dt.timedelta(days=10)),
        contact("Exactly sixty", last_contact=TODAY - dt.timedelta(days=60)),
        contact("Long ago", last_contact=TODAY - dt.timedelta(days=200)),
        contact("Never, added in January"),  # created 2026-01-05, 147 days before TODAY
        Contact(
            name="Never, added last week",
            kind="coach",
            created=dt.datetime(2026, 5, 25, tzinfo=dt.UTC),
        ),
    ]
    quiet = network.quiet_contacts(people, TODAY)
    assert [c.name for c in quiet] == ["Long ago", "Never, added in January", "Exactly sixty"]
    assert [c.name for c in network.quiet_contacts(people, TODAY, days=300)] == []
    assert len(network.quiet_contacts(people, TODAY, days=8)) == 4  # last week's one is not
    assert len(network.quiet_contacts(people, TODAY, days=7)) == 5


def test_who_to_look_for_names_a_kind_of_person_for_every_gap() -> None:
    for gap in ("strategy", "buy-in", "confidence", "domain", "delegation"):
        text = network.who_to_look_for(gap)
        assert text.startswith("Look for ")
        assert any(kind in text for kind in ("coach", "mentor", "circle")), text
    assert "coach" in network.who_to_look_for("confidence")
    unknown = network.who_to_look_for("negotiation")
    assert "'negotiation'" in unknown
    assert all(kind in unknown for kind in ("coach", "mentor", "circle"))


def test_touch_records_the_date_and_never_goes_backwards() -> None:
    people = [contact("Sam", last_contact=dt.date(2026, 5, 1))]
    later, who = network.touch(people, "sam", dt.date(2026, 5, 20))
    assert who.last_contact == dt.date(2026, 5, 20) and later[0].last_contact == who.last_contact
    earlier, who = network.touch(later, "SAM", dt.date(2026, 4, 1))
    assert who.last_contact == dt.date(2026, 5, 20)


def test_names_match_ignoring_case_and_spacing() -> None:
    people = [contact("Sam  Lee")]
    assert network.find(people, "sam lee") is people[0]
    with pytest.raises(InputError, match="already in your network"):
        network.add(people, contact("SAM LEE", "coach"))
    with pytest.raises(NotFoundError):
        network.remove(people, "Sam")


def test_build_contact_checks_kind_gaps_and_name() -> None:
    def build(**kw: object) -> Contact:
        args: dict[str, object] = dict(
            name="Sam", kind="mentor", helps=[], contact="", note="", gap_ids=["strategy"]
        )
        args.update(kw)
        return network.build_contact(created=CREATED, **args)  # type: ignore[arg-type]

    assert build(kind=" Coach ", helps=["Strategy", "strategy"]).helps == ["strategy"]
    with pytest.raises(InputError) as info:
        build(kind="guru")
    assert info.value.hint and "coach, mentor, circle" in info.value.hint
    with pytest.raises(InputError, match="unknown gap 'teleport'"):
        build(helps=["teleport"])
    with pytest.raises(InputError, match="NAME: is empty"):
        build(name="   ")
    with pytest.raises(InputError, match="--note"):
        build(note="two\x07lines")


# --- commands -----------------------------------------------------------------------------------


def test_add_list_touch_rm_round_trip(run, home: Path) -> None:
    r = run(
        "network", "add", "Sam Lee", "--kind", "mentor", "--helps", "strategy",
        "--helps", "delegation", "--contact", "sam@example.com", "--note", "ex-CPO",
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    assert "Added Sam Lee (mentor) · helps strategy, delegation" in r.stdout
    assert run("network", "add", "Peers", "--kind", "circle", "--helps", "domain").exit_code == 0

    r = run("network", "list")
    assert r.exit_code == 0
    assert "Sam Lee" in r.stdout and "Peers" in r.stdout and "never" in r.stdout

    r = run("network", "touch", "sam lee")
    assert r.exit_code == 0
    assert f"Recorded a conversation with Sam Lee on {dt.date.today()}" in r.stdout

    r = run("network", "list", "--json")
    data = json.loads(r.stdout)
    assert [c["name"] for c in data] == ["Sam Lee", "Peers"]
    assert data[0]["helps"] == ["strategy", "delegation"]
    assert data[0]["last_contact"] == dt.date.today().isoformat()
    assert data[0]["quiet"] is False and data[1]["last_contact"] is None
    assert data[0]["contact"] == "sam@example.com" and data[0]["note"] == "ex-CPO"

    r = run("network", "rm", "Peers", "--yes")
    assert r.exit_code == 0 and "Removed Peers (circle)" in r.stdout
    assert [c.name for c in load_contacts(home)] == ["Sam Lee"]
    mode = stat.S_IMODE(os.stat(network_path(home)).st_mode)
    assert mode == 0o600


def test_touch_with_a_past_date_and_quiet_flag_in_list(run, home: Path) -> None:
    run("network", "add", "Old friend", "--kind", "mentor", "--helps", "strategy")
    r = run("network", "touch", "Old friend", "--date", "90 days ago")
    assert r.exit_code == 0
    data = json.loads(run("network", "list", "--json").stdout)
    assert data[0]["days_since_contact"] == 90 and data[0]["quiet"] is True
    r = run("network", "list")
    assert "quiet 90 days" in r.stdout
    assert "gone quiet" in r.stderr


def test_bad_kind_names_the_valid_kinds(run, home: Path) -> None:
    r = run("network", "add", "Ana", "--kind", "guru")
    assert r.exit_code == 2
    assert "unknown kind 'guru'" in r.stderr and "coach, mentor, circle" in r.stderr
    assert not network_path(home).exists()


def test_duplicate_name_is_a_clear_error(run, home: Path) -> None:
    assert run("network", "add", "Sam", "--kind", "coach").exit_code == 0
    before = network_path(home).read_bytes()
    r = run("network", "add", "sam", "--kind", "mentor")
    assert r.exit_code == 2
    assert "'Sam' is already in your network (coach)" in r.stderr
    assert network_path(home).read_bytes() == before


def test_helps_must_be_a_gap_of_the_active_map(run, home: Path) -> None:
    r = run("network", "add", "Sam", "--kind", "coach", "--helps", "discovery")
    assert r.exit_code == 2
    assert "unknown gap 'discovery'" in r.stderr and "strategy" in r.stderr


def test_missing_names_and_kind(run, home: Path) -> None:
    for args in (("network", "rm", "Nobody"), ("network", "touch", "Nobody")):
        r = run(*args)
        assert r.exit_code == 4 and "no one called 'Nobody'" in r.stderr
    r = run("network", "add", "Sam")
    assert r.exit_code == 2 and "--kind" in r.output


def test_touch_refuses_a_future_date(run, home: Path) -> None:
    run("network", "add", "Sam", "--kind", "coach")
    r = run("network", "touch", "Sam", "--date", "2999-01-01")
    assert r.exit_code == 2 and "in the future" in r.stderr


def test_empty_network(run, home: Path) -> None:
    r = run("network", "list")
    assert r.exit_code == 0 and r.stdout == "" and "No one in your network yet" in r.stderr
    r = run("network", "list", "--json")
    assert json.loads(r.stdout) == []


def test_a_broken_file_is_reported_and_left_alone(run, home: Path) -> None:
    home.mkdir(parents=True)
    path = network_path(home)
    path.write_text(
        'schema_version = 1\n\n[[contact]]\nname = "Sam"\nkind = "guru"\n'
        "created = 2026-01-01T00:00:00Z\n"
    )
    before = path.read_bytes()
    r = run("network", "add", "Ana", "--kind", "coach")
    assert r.exit_code == 3
    assert "line 5" in r.stderr and "kind" in r.stderr  # the line of kind = "guru"
    assert path.read_bytes() == before


def test_a_name_used_twice_in_the_file_is_reported_with_lines(home: Path) -> None:
    home.mkdir(parents=True)
    network_path(home).write_text(
        "schema_version = 1\n\n"
        '[[contact]]\nname = "Sam"\nkind = "coach"\ncreated = 2026-01-01T00:00:00Z\n\n'
        '[[contact]]\nname = "sam"\nkind = "mentor"\ncreated = 2026-01-01T00:00:00Z\n'
    )
    with pytest.raises(
        DataFileError, match=r"line 8: the name 'sam' is used twice \(first at line 3\)"
    ):
        load_contacts(home)


def test_the_file_is_plain_toml_with_empty_fields_left_out(run, home: Path) -> None:
    run("network", "add", "Sam", "--kind", "coach", "--helps", "confidence")
    text = network_path(home).read_text()
    assert "schema_version = 1" in text
    assert '[[contact]]\nname = "Sam"\nkind = "coach"\nhelps = ["confidence"]\ncreated = ' in text
    assert "note" not in text and "last_contact" not in text


# --- output options: the same contract as every other command -----------------------------------


def test_add_says_who_was_added_and_hints_on_stderr_when_no_gap_is_given(run, home: Path) -> None:
    r = run("network", "add", "Sam Lee", "--kind", "mentor")
    assert r.exit_code == 0
    assert r.stdout == "Added Sam Lee (mentor)\n"
    assert r.stderr == (
        "  No --helps given, so 'plan' will not name them for any gap (strategy, buy-in, "
        'confidence, domain, delegation). To add one: pm-coach network edit "Sam Lee" '
        "--helps strategy\n"
    )


def test_add_json_prints_the_new_contact_and_nothing_else(run, home: Path) -> None:
    r = run("network", "add", "Jo Park", "--kind", "mentee", "--helps", "delegation", "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert {k: data[k] for k in ("name", "kind", "helps", "conversations", "last_contact")} == {
        "name": "Jo Park",
        "kind": "mentee",
        "helps": ["delegation"],
        "conversations": [],
        "last_contact": None,
    }
    assert r.stderr == ""
    assert (
        json.loads(run("network", "add", "Ana", "--kind", "coach", "-f", "json").stdout)["name"]
        == "Ana"
    )


def test_add_refuses_a_format_it_does_not_have_before_saving(run, home: Path) -> None:
    r = run("network", "add", "Ana", "--kind", "coach", "--format", "html")
    assert r.exit_code == 2 and "unknown format 'html'" in r.stderr
    r = run("network", "add", "Ana", "--kind", "coach", "--json", "--format", "text")
    assert r.exit_code == 2 and "two different formats" in r.stderr
    assert not network_path(home).exists()


def test_list_writes_json_with_o_and_never_over_a_file_without_force(
    run, home: Path, tmp_path: Path
) -> None:
    run("network", "add", "Sam Lee", "--kind", "mentor", "--helps", "strategy")
    out = tmp_path / "network.json"
    r = run("network", "list", "-o", str(out))
    assert r.exit_code == 0, r.output
    assert r.stdout == "" and r.stderr == f"Wrote 1 contacts to {out}\n"
    assert [c["name"] for c in json.loads(out.read_text())] == ["Sam Lee"]
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    out.write_text("keep me")
    r = run("network", "list", "-o", str(out))
    assert r.exit_code != 0 and out.read_text() == "keep me"
    assert run("network", "list", "-o", str(out), "--force").exit_code == 0
    assert json.loads(out.read_text())[0]["name"] == "Sam Lee"


def test_list_format_options_behave_as_everywhere(run, home: Path, tmp_path: Path) -> None:
    run("network", "add", "Sam Lee", "--kind", "mentor", "--helps", "strategy")
    assert json.loads(run("network", "list", "--format", "json").stdout)[0]["kind"] == "mentor"
    r = run("network", "list", "--format", "terminal", "-o", str(tmp_path / "n.txt"))
    assert r.exit_code == 2 and "the terminal view is for the screen" in r.stderr
    r = run("network", "list", "--format", "markdown")
    assert r.exit_code == 2 and "Use one of: terminal, json." in r.stderr
    r = run("network", "list", "--json", "--format", "terminal")
    assert r.exit_code == 2 and "two different formats" in r.stderr


def test_show_prep_and_find_refuse_a_wrong_format_before_they_look_anyone_up(run) -> None:
    r = run("network", "show", "Nobody", "--format", "html")
    assert (r.exit_code, r.stderr) == (
        2,
        "pm-coach: error: unknown format 'html'.\n  hint: Use one of: terminal, json.\n",
    )
    r = run("network", "prep", "Nobody", "--json", "--format", "markdown")
    assert r.exit_code == 2 and "two different formats" in r.stderr
    r = run("network", "find", "--gap", "no-such-gap", "--format", "html")
    assert r.exit_code == 2 and "Use one of: text, json." in r.stderr
