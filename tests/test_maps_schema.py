"""Map fields other features build on: ``after`` order, ``proves``, ``default_target``, evidence
bars per level, resource level/audience and background notes. Old maps without them stay valid."""

from __future__ import annotations

from pathlib import Path

from pm_coach.core.assessment import default_targets
from pm_coach.store.maps import check_map_file
from tests.conftest import ROOT

MAPS = ROOT / "tests" / "data" / "maps"

BARS = """
[[gaps.bars]]
level = 1
scope = "self"
result = false
proof = "A note of one priority you picked."

[[gaps.bars]]
level = 2
scope = "self"
result = false
proof = "Weekly notes naming the priority."

[[gaps.bars]]
level = 3
scope = "team"
result = true
proof = "A quarter where your team hit the outcome you chose."

[[gaps.bars]]
level = 4
scope = "teams"
result = true
proof = "Another team's plan that changed because of your priorities."

[[gaps.bars]]
level = 5
scope = "company"
result = true
metric = true
proof = "A company-wide way of choosing that others adopted, with a number."
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / f"{name}.toml"
    path.write_text(text.replace('id = "tiny"', f'id = "{name}"'), encoding="utf-8")
    return path


def tiny() -> str:
    return (MAPS / "tiny.toml").read_text(encoding="utf-8")


def test_a_map_without_the_new_fields_gets_safe_defaults() -> None:
    skill_map, problems = check_map_file(MAPS / "tiny.toml")
    assert problems == [] and skill_map is not None
    assert skill_map.default_target is None and skill_map.stories == []
    gap = skill_map.gaps[0]
    action = gap.actions[0]
    assert action.after == [] and action.proves == 3 and action.suits == []
    assert [(gap.bar(n).scope, gap.bar(n).result) for n in range(1, 6)] == [
        ("self", False),
        ("self", False),
        ("team", True),
        ("teams", True),
        ("company", True),
    ]
    assert gap.resources[0].level == [1, 2, 3, 4, 5] and gap.resources[0].audience == "any"
    assert default_targets(skill_map, None) == {"focus": 4}


def test_bars_after_proves_and_default_target_are_read(tmp_path: Path) -> None:
    text = tiny().replace(
        'to_role = "Senior tester"', 'to_role = "Senior tester"\ndefault_target = 3'
    )
    text = text.replace(
        "effort_hours = 6\nweeks = 6",
        'effort_hours = 6\nweeks = 6\nafter = ["focus-ask-manager"]\nproves = 2',
    )
    text = text.replace("[[gaps.actions]]", BARS + "\n[[gaps.actions]]", 1)
    skill_map, problems = check_map_file(write(tmp_path, "bars", text))
    assert problems == [] and skill_map is not None
    gap = skill_map.gaps[0]
    assert gap.bar(4).scope == "teams" and gap.bar(4).result is True
    assert gap.bar(5).metric is True
    assert gap.bar(4).proof == "Another team's plan that changed because of your priorities."
    read = skill_map.action("focus-read")
    assert read is not None and read[1].after == ["focus-ask-manager"] and read[1].proves == 2
    assert default_targets(skill_map, None) == {"focus": 3}


def test_after_naming_an_unknown_action_is_refused(tmp_path: Path) -> None:
    text = tiny().replace(
        "effort_hours = 6\nweeks = 6", 'effort_hours = 6\nweeks = 6\nafter = ["focus-nope"]'
    )
    [problem] = check_map_file(write(tmp_path, "unknown", text))[1]
    assert (
        "gaps[0](focus).actions[3](focus-read).after[0]: no action called 'focus-nope'" in problem
    )


def test_after_links_in_a_circle_are_refused(tmp_path: Path) -> None:
    text = tiny().replace(
        'effort_hours = 1\nweeks = 4\n\n[[gaps.actions]]\nid = "focus-drop-list"',
        'effort_hours = 1\nweeks = 4\nafter = ["focus-read"]\n\n'
        '[[gaps.actions]]\nid = "focus-drop-list"',
    )
    text = text.replace(
        "effort_hours = 6\nweeks = 6", 'effort_hours = 6\nweeks = 6\nafter = ["focus-weekly-one"]'
    )
    [problem] = check_map_file(write(tmp_path, "circle", text))[1]
    assert "go round in a circle" in problem
    assert "focus-weekly-one → focus-read → focus-weekly-one" in problem


def test_a_missing_bar_is_refused(tmp_path: Path) -> None:
    bars = BARS.split("[[gaps.bars]]")
    text = tiny().replace(
        "[[gaps.actions]]", "[[gaps.bars]]".join(bars[:-1]) + "\n[[gaps.actions]]", 1
    )
    [problem] = check_map_file(write(tmp_path, "four", text))[1]
    assert "bars: needs one bar for each level 1 to 5, found levels 1, 2, 3, 4" in problem


def test_a_higher_level_cannot_ask_for_a_narrower_scope(tmp_path: Path) -> None:
    text = tiny().replace(
        "[[gaps.actions]]",
        BARS.replace('scope = "company"', 'scope = "team"') + "\n[[gaps.actions]]",
        1,
    )
    [problem] = check_map_file(write(tmp_path, "narrow", text))[1]
    assert "level 5 asks for scope 'team', narrower than level 4's 'teams'" in problem


def test_a_bad_scope_names_the_allowed_words(tmp_path: Path) -> None:
    text = tiny().replace(
        "[[gaps.actions]]",
        BARS.replace('scope = "teams"', 'scope = "department"') + "\n[[gaps.actions]]",
        1,
    )
    [problem] = check_map_file(write(tmp_path, "scope", text))[1]
    assert "bars[3].scope: must be 'self', 'team', 'teams', 'company' or 'external'" in problem


def test_resources_are_picked_by_level_and_market(tmp_path: Path) -> None:
    text = tiny().replace(
        'author = "Some Publisher"\nkind = "book"',
        'author = "Some Publisher"\nkind = "book"\nlevel = [1, 2]\naudience = "b2c"',
    )
    skill_map, problems = check_map_file(write(tmp_path, "pick", text))
    assert problems == [] and skill_map is not None
    gap = skill_map.gaps[0]
    assert [r.title for r in gap.resources_for(1, "b2c")] == [
        "A book on focus",
        "A talk on saying no",
    ]
    assert [r.title for r in gap.resources_for(4, "b2c")] == ["A talk on saying no"]
    assert [r.title for r in gap.resources_for(1, "b2b")] == ["A talk on saying no"]
    assert [r.title for r in gap.resources_for(1, "both")] == [
        "A book on focus",
        "A talk on saying no",
    ]


def test_background_notes(tmp_path: Path) -> None:
    text = tiny().replace(
        "effort_hours = 6\nweeks = 6",
        'effort_hours = 6\nweeks = 6\nsuits = ["data"]\n'
        'adapt = { sales = "Listen longer than you talk." }',
    )
    skill_map, problems = check_map_file(write(tmp_path, "bg", text))
    assert problems == [] and skill_map is not None
    action = skill_map.gaps[0].actions[3]
    assert action.background_note("data") == ("suits", "")
    assert action.background_note("sales") == ("adapt", "Listen longer than you talk.")
    assert action.background_note("design") is None
    assert action.background_note(None) is None


# --- maps show picks reading by level and market ----------------------------------------------


def test_show_picks_reading_for_the_current_level_and_market(run, tmp_path: Path) -> None:
    answers = tmp_path / "a.toml"
    answers.write_text(
        "[levels]\nstrategy = 1\nbuy-in = 2\nconfidence = 2\ndomain = 4\ndelegation = 1\n",
        encoding="utf-8",
    )
    assert run("assess", "--answers", str(answers)).exit_code == 0
    assert run("profile", "set", "--market", "b2c", "--background", "engineering").exit_code == 0
    r = run("maps", "show", "--gap", "domain", env={"COLUMNS": "400"})
    assert r.exit_code == 0, r.output
    out = " ".join(r.stdout.split())  # the console wraps long lines
    assert (
        "Reading for level 4 in B2C: Competitive Strategy (Michael E. Porter, 1980, book); "
        "7 Powers: The Foundations of Business Strategy (Hamilton Helmer, 2016, book); "
        "EDGAR full-text search of company filings (annual reports, 10-K) (U.S. Securities and "
        "Exchange Commission, tool); Stratechery (Ben Thompson, 2013, newsletter) "
        "(+3 more in --json)"
    ) in out
    assert "Obviously Awesome" not in out and "The First 90 Days" not in out
    r = run("maps", "show", "--gap", "delegation", env={"COLUMNS": "400"})
    out = " ".join(r.stdout.split())
    assert (
        "Reading for level 1 in B2C: High Output Management (Andrew S. Grove, 1983, book); " in out
    )
    assert "(from engineering: Hand over a technical call too" in out


def test_show_without_an_assessment_lists_every_resource_with_its_levels(run) -> None:
    r = run("maps", "show", "--gap", "confidence", env={"COLUMNS": "400"})
    assert r.exit_code == 0, r.output
    out = " ".join(r.stdout.split())
    assert "Resources: Thinking in Bets (Annie Duke, 2018, book) [levels 1-3]; " in out
    assert "Proof: A recommendation you presented to leaders of several teams" in out
