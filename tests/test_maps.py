"""Skill maps: the shipped ones are valid and complete, broken maps name every problem, user maps
are found and override built-in ones, and `pm-coach maps list|show|validate` work as documented."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pm_coach.models import ACTION_TYPES
from pm_coach.store.maps import MapCatalog, builtin_dir, check_map_file
from tests.conftest import ROOT

MAPS = ROOT / "tests" / "data" / "maps"
LEADERSHIP_GAPS = ["strategy", "buy-in", "confidence", "domain", "delegation"]


# --- the shipped maps ----------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(builtin_dir().glob("*.toml")), ids=lambda p: p.stem)
def test_shipped_maps_validate(path: Path) -> None:
    skill_map, problems = check_map_file(path)
    assert problems == []
    assert skill_map is not None and skill_map.id == path.stem


def test_leadership_map_has_the_five_gaps_in_order() -> None:
    skill_map = MapCatalog(ROOT / "nowhere").load("leadership")
    assert skill_map.gap_ids == LEADERSHIP_GAPS


def test_apm_map_has_at_least_four_gaps_of_the_same_depth() -> None:
    skill_map = MapCatalog(ROOT / "nowhere").load("apm-to-pm")
    assert len(skill_map.gaps) >= 4
    for gap in skill_map.gaps:
        assert len(gap.levels) == 5 and len(gap.actions) >= 4 and len(gap.resources) >= 2


@pytest.mark.parametrize("map_id", ["leadership", "apm-to-pm"])
def test_every_gap_mixes_the_three_kinds_of_action(map_id: str) -> None:
    """The 70-20-10 mix: each gap offers stretch work, a relationship and some learning."""
    skill_map = MapCatalog(ROOT / "nowhere").load(map_id)
    for gap in skill_map.gaps:
        assert {a.type for a in gap.actions} == set(ACTION_TYPES), gap.id


# --- broken maps ---------------------------------------------------------------------------


def problems_of(name: str) -> list[str]:
    skill_map, problems = check_map_file(MAPS / f"{name}.toml")
    assert problems, f"{name} should not validate"
    return problems


def test_the_fixture_base_is_valid() -> None:
    assert check_map_file(MAPS / "tiny.toml")[1] == []


def test_missing_fields_are_each_named_with_their_path() -> None:
    problems = problems_of("missing-fields")
    assert len(problems) == 3
    assert all(p.startswith(str(MAPS / "missing-fields.toml") + ": ") for p in problems)
    text = "\n".join(problems)
    assert ": description: required field is missing" in text
    assert "gaps[0](focus).actions[1](focus-drop-list).evidence: required field is missing" in text
    assert "gaps[0](focus).resources[0].kind: required field is missing" in text


def test_four_levels_is_refused() -> None:
    [problem] = problems_of("four-levels")
    assert "gaps[0](focus).levels: must have exactly 5 levels" in problem
    assert "found 4" in problem


def test_duplicate_action_ids_name_both_places() -> None:
    [problem] = problems_of("duplicate-actions")
    assert "gaps[0](focus).actions[3](focus-weekly-one).id" in problem
    assert "duplicate action id 'focus-weekly-one'" in problem
    assert "gaps[0].actions[0].id" in problem


def test_unknown_keys_at_every_depth_are_reported_with_a_guess() -> None:
    problems = problems_of("unknown-keys")
    text = "\n".join(problems)
    assert ": colour: unknown key" in text
    assert "gaps[0](focus).sumary: unknown key (did you mean 'summary'?" in text
    assert "gaps[0](focus).actions[3](focus-read).owner: unknown key" in text
    assert "gaps[0](focus).summary: required field is missing" in text  # the typo's other half


def test_broken_toml_gives_line_and_column() -> None:
    [problem] = problems_of("broken-syntax")
    assert "broken-syntax.toml, line 10, column" in problem


def test_id_must_match_the_file_name() -> None:
    [problem] = problems_of("wrong-name")
    assert "does not match the file name" in problem and "something-else.toml" in problem


def test_duplicates_are_reported_even_alongside_other_problems(tmp_path: Path) -> None:
    text = (
        (MAPS / "duplicate-actions.toml")
        .read_text()
        .replace('id = "duplicate-actions"', 'id = "mixed"\ncolour = "red"')
    )
    path = tmp_path / "mixed.toml"
    path.write_text(text)
    problems = check_map_file(path)[1]
    assert any("colour: unknown key" in p for p in problems)
    assert any("duplicate action id" in p for p in problems)


def test_repeated_level_statement_is_refused(tmp_path: Path) -> None:
    text = (MAPS / "tiny.toml").read_text()
    text = text.replace(
        '"People across the company ask me how to choose what to drop."',
        '"I work on whatever arrives first."',
    ).replace('id = "tiny"', 'id = "repeat"')
    path = tmp_path / "repeat.toml"
    path.write_text(text)
    [problem] = check_map_file(path)[1]
    assert "gaps[0](focus).levels: level 5 repeats level 1" in problem


# --- the commands --------------------------------------------------------------------------


def test_validate_valid_files_exit_0(run) -> None:
    result = run("maps", "validate", str(MAPS / "tiny.toml"), str(builtin_dir()))
    assert result.exit_code == 0, result.output
    assert "valid: map 'tiny', 1 gap, 4 actions" in result.stdout
    assert "valid: map 'leadership', 5 gaps" in result.stdout


def test_validate_lists_every_problem_of_every_file_and_exits_3(run) -> None:
    result = run(
        "maps",
        "validate",
        str(MAPS / "missing-fields.toml"),
        str(MAPS / "four-levels.toml"),
        str(MAPS / "tiny.toml"),
    )
    assert result.exit_code == 3
    assert "4 problem(s) in 2 of 3 file(s)" in result.stderr
    assert "missing-fields.toml: description: required field is missing" in result.stderr
    assert "four-levels.toml: gaps[0](focus).levels: must have exactly 5 levels" in result.stderr
    assert "valid: map 'tiny'" in result.stdout
    assert "Traceback" not in result.output


def test_validate_a_missing_file_exits_4(run, tmp_path: Path) -> None:
    result = run("maps", "validate", str(tmp_path / "nope.toml"))
    assert result.exit_code == 4
    assert "no such file" in result.stderr


def test_list_shows_builtin_and_user_maps(run, home: Path) -> None:
    user = home / "skill_maps"
    user.mkdir(parents=True)
    shutil.copy(MAPS / "tiny.toml", user / "tiny.toml")
    shutil.copy(MAPS / "four-levels.toml", user / "four-levels.toml")
    result = run("maps", "list", "--json")
    assert result.exit_code == 0, result.output
    rows = {r["id"]: r for r in json.loads(result.stdout)}
    assert rows["leadership"]["active"] is True and rows["leadership"]["source"] == "builtin"
    assert rows["tiny"]["source"] == "user" and rows["tiny"]["valid"] is True
    assert rows["four-levels"]["valid"] is False
    assert "must have exactly 5 levels" in rows["four-levels"]["problems"][0]
    table = run("maps", "list")
    assert table.exit_code == 0
    assert "tiny" in table.stdout and "not valid" in table.stdout


def test_a_user_map_overrides_the_builtin_one(run, home: Path) -> None:
    user = home / "skill_maps"
    user.mkdir(parents=True)
    text = (MAPS / "tiny.toml").read_text().replace('id = "tiny"', 'id = "leadership"')
    (user / "leadership.toml").write_text(text)
    shown = json.loads(run("maps", "show", "leadership", "--json").stdout)
    assert [g["id"] for g in shown["gaps"]] == ["focus"]
    listed = {r["id"]: r for r in json.loads(run("maps", "list", "--json").stdout)}
    assert listed["leadership"]["source"] == "user"
    # the active map's gaps are the ones evidence can be tagged with
    assert run("log", "Kept a drop list", "--gap", "focus").exit_code == 0
    assert run("log", "Ran a strategy review", "--gap", "strategy").exit_code == 2


def test_show_json_is_the_map_as_data(run) -> None:
    result = run("maps", "show", "apm-to-pm", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["id"] == "apm-to-pm"
    gap = data["gaps"][0]
    assert {
        "id",
        "name",
        "summary",
        "levels",
        "actions",
        "resources",
        "keywords",
        "prompts",
    } <= set(gap)
    assert len(gap["levels"]) == 5
    assert {"id", "title", "how", "evidence", "type", "effort_hours", "weeks"} <= set(
        gap["actions"][0]
    )


def test_show_prints_levels_and_actions(run) -> None:
    skill_map = MapCatalog(ROOT / "nowhere").load("leadership")
    result = run("maps", "show", "leadership", "--gap", "delegation")
    assert result.exit_code == 0
    flat = " ".join(result.stdout.split())
    assert skill_map.gap("delegation").levels[4] in flat
    assert skill_map.gap("delegation").actions[0].id in flat
    assert "Strategy (" not in flat  # only the gap asked for


def test_show_unknown_map_exits_4(run) -> None:
    result = run("maps", "show", "no-such-map")
    assert result.exit_code == 4
    assert "no skill map called 'no-such-map'" in result.stderr
    assert "leadership" in result.stderr  # the hint names the known maps


def test_using_a_broken_user_map_stops_with_exit_3(run, home: Path) -> None:
    user = home / "skill_maps"
    user.mkdir(parents=True)
    shutil.copy(MAPS / "four-levels.toml", user / "four-levels.toml")
    result = run("maps", "show", "four-levels")
    assert result.exit_code == 3
    assert "must have exactly 5 levels" in result.stderr
    assert "pm-coach maps validate" in result.stderr
