"""`pm-coach profile set|show` and `pm-coach profile role add|list|rm`."""

from __future__ import annotations

import json
import os
import shlex
import stat
import tomllib
from pathlib import Path

from pm_coach.models import Profile, Role
from pm_coach.store.profile import load_profile, profile_path


def test_defaults_before_anything_is_set(run, home: Path) -> None:
    profile = load_profile(home)
    assert isinstance(profile, Profile)
    assert (profile.hours_per_week, profile.map) == (3.0, "leadership")
    r = run("profile", "show", "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["hours_per_week"] == 3 and data["map"] == "leadership" and data["roles"] == []
    r = run("profile", "show")
    assert "hours per week  3\n" in r.stdout
    assert "No profile saved yet" in r.stderr
    assert not profile_path(home).exists()  # showing writes nothing


def test_set_saves_fields_and_keeps_the_others(run, home: Path) -> None:
    r = run(
        "profile", "set", "--name", "Sam Lee", "--current-role", "Senior PM",
        "--target-role", "Head of Product", "--hours-per-week", "4.5", "--map", "apm-to-pm",
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    assert run("profile", "set", "--email", "sam@example.com").exit_code == 0
    p = load_profile(home)
    assert (p.name, p.current_role, p.target_role) == ("Sam Lee", "Senior PM", "Head of Product")
    assert (p.hours_per_week, p.map, p.email) == (4.5, "apm-to-pm", "sam@example.com")
    assert stat.S_IMODE(os.stat(profile_path(home)).st_mode) == 0o600
    doc = tomllib.loads(profile_path(home).read_text("utf-8"))
    assert doc["schema_version"] == 1 and doc["name"] == "Sam Lee"
    shown = json.loads(run("profile", "show", "--json").stdout)
    assert shown["target_role"] == "Head of Product" and shown["hours_per_week"] == 4.5


def test_an_empty_value_clears_a_field(run, home: Path) -> None:
    run("profile", "set", "--name", "Sam Lee", "--location", "Leeds")
    assert run("profile", "set", "--location", "").exit_code == 0
    p = load_profile(home)
    assert (p.name, p.location) == ("Sam Lee", "")
    assert "location" not in tomllib.loads(profile_path(home).read_text("utf-8"))


def test_unknown_map_is_refused_and_nothing_is_written(run, home: Path) -> None:
    run("profile", "set", "--name", "Sam")
    before = profile_path(home).read_bytes()
    r = run("profile", "set", "--map", "cooking", "--name", "Other")
    assert r.exit_code == 4
    assert "no skill map called 'cooking'" in r.stderr and "leadership" in r.stderr
    assert profile_path(home).read_bytes() == before


def test_bad_values_are_refused_with_the_flag_named(run, home: Path) -> None:
    for args, needle in (
        (["--hours-per-week", "0"], "--hours-per-week"),
        (["--hours-per-week", "100"], "--hours-per-week"),
        (["--email", "not-an-address"], "--email"),
        (["--name", "two\nlines"], "--name"),
    ):
        r = run("profile", "set", *args)
        assert r.exit_code == 2, args
        assert needle in r.stderr
    assert not profile_path(home).exists()
    r = run("profile", "set")
    assert r.exit_code == 2 and "nothing to set" in r.stderr


def test_roles_are_added_listed_newest_first_and_removed(run, home: Path) -> None:
    assert run("profile", "role", "add", "Beta Health", "PM", "--start", "2021-06",
               "--end", "2024-02").exit_code == 0  # fmt: skip
    r = run("profile", "role", "add", "Acme Pay", "Senior PM", "--start", "2024-03")
    assert r.exit_code == 0, r.output
    assert "Added role 1" in r.stdout
    listed = run("profile", "role", "list").stdout.splitlines()
    assert "Acme Pay — Senior PM" in listed[0] and "present" in listed[0]
    assert "Beta Health — PM" in listed[1] and "2021-06 – 2024-02" in listed[1]
    assert load_profile(home).roles == [
        Role(company="Acme Pay", title="Senior PM", start="2024-03"),
        Role(company="Beta Health", title="PM", start="2021-06", end="2024-02"),
    ]

    r = run("profile", "role", "rm", "2")
    assert r.exit_code == 0, r.output
    assert [x.company for x in load_profile(home).roles] == ["Acme Pay"]
    # The printed command puts the role back exactly.
    again = r.stdout.split("To add it back: ")[1].strip()
    assert run(*shlex.split(again)[1:]).exit_code == 0
    assert load_profile(home).roles[1] == Role(
        company="Beta Health", title="PM", start="2021-06", end="2024-02"
    )


def test_role_list_json_and_empty_list(run, home: Path) -> None:
    r = run("profile", "role", "list")
    assert r.exit_code == 0 and r.stdout == "" and "No roles yet" in r.stderr
    run("profile", "role", "add", "Acme", "PM", "--start", "2024-03")
    rows = json.loads(run("profile", "role", "list", "--json").stdout)
    assert rows == [{"number": 1, "company": "Acme", "title": "PM", "start": "2024-03", "end": ""}]


def test_bad_roles_are_refused(run, home: Path) -> None:
    cases = (
        (["Acme", "PM", "--start", "2024-13"], "not a month"),
        (["Acme", "PM", "--start", "March 2024"], "not a month"),
        (["Acme", "PM", "--start", "2024-05", "--end", "2024-01"], "before --start"),
        (["", "PM", "--start", "2024-05"], "COMPANY"),
    )
    for args, needle in cases:
        r = run("profile", "role", "add", *args)
        assert r.exit_code == 2, args
        assert needle in r.stderr, r.stderr
    run("profile", "role", "add", "Acme", "PM", "--start", "2024-03")
    r = run("profile", "role", "add", "Acme", "PM", "--start", "2024-03")
    assert r.exit_code == 2 and "already in your profile" in r.stderr
    r = run("profile", "role", "rm", "5")
    assert r.exit_code == 4 and "no role 5" in r.stderr
    assert len(load_profile(home).roles) == 1


def test_a_broken_profile_is_reported_with_its_line_and_never_overwritten(run, home: Path) -> None:
    home.mkdir(parents=True)
    text = 'schema_version = 1\nname = "Sam"\nhours_per_week = -2\n'
    profile_path(home).write_text(text)
    r = run("profile", "set", "--name", "Alex")
    assert r.exit_code == 3
    assert "line 3" in r.stderr and "hours_per_week" in r.stderr
    assert profile_path(home).read_text() == text
    assert run("profile", "show").exit_code == 3
