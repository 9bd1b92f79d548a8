"""`pm-coach assess` through the command line: --answers, --gap, --map, --date, --history, the
result table with its over- and under-claims, errors and exit codes."""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from pathlib import Path

import pytest

from pm_coach.core.assessment import Ratings
from pm_coach.errors import Cancelled
from pm_coach.store.assessments import load_assessments

GAPS = ["strategy", "buy-in", "confidence", "domain", "delegation"]


def today() -> dt.date:
    """Read when a test runs, not at import: a run that crosses midnight stays right."""
    return dt.date.today()


def answers_file(tmp_path: Path, text: str, name: str = "answers.toml") -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def levels_toml(levels: dict[str, int], targets: dict[str, int] | None = None, extra: str = ""):
    out = extra + "[levels]\n" + "".join(f"{k} = {v}\n" for k, v in levels.items())
    if targets:
        out += "[targets]\n" + "".join(f"{k} = {v}\n" for k, v in targets.items())
    return out


def table_rows(out: str) -> dict[str, str]:
    """The result table's rows by their first word (the lines below the table are left out)."""
    rows: dict[str, str] = {}
    for line in out.splitlines():
        if line.strip():
            rows.setdefault(line.split()[0], line)
    return rows


FIRST = {"strategy": 3, "buy-in": 2, "confidence": 4, "domain": 1, "delegation": 2}


@pytest.fixture
def first(run, tmp_path: Path):
    """One full assessment dated 2026-01-10."""
    path = answers_file(tmp_path, levels_toml(FIRST, {"strategy": 5}), "first.toml")
    result = run("assess", "--answers", path, "--date", "2026-01-10")
    assert result.exit_code == 0, result.output
    return result


# --- --answers -------------------------------------------------------------------------------


def test_answers_save_one_assessment_and_show_the_table(first, home: Path) -> None:
    [saved] = load_assessments(home)
    assert saved.date == dt.date(2026, 1, 10) and saved.map == "leadership"
    assert saved.levels == FIRST
    assert saved.targets == {"strategy": 5, "buy-in": 4, "confidence": 4, "domain": 4,
                             "delegation": 4}  # fmt: skip
    out = first.stdout
    assert "Where you stand" in out
    assert "3→5" in out and "2 to go" in out  # strategy: level 3 against target 5
    assert "met" in out  # confidence 4 against 4
    doc = tomllib.loads((home / "assessments.toml").read_text())
    assert doc["schema_version"] == 1 and len(doc["assessment"]) == 1


def test_ratings_are_set_against_what_the_evidence_supports(run, tmp_path: Path) -> None:
    # confidence: a result reaching several teams backs level 4 with the default ladder
    assert run("log", "Ran a pre-mortem for the launch", "--gap", "confidence", "--date",
               "2026-01-05", "--result", "Two teams changed their plans", "--scope", "teams",
               ).exit_code == 0  # fmt: skip
    # delegation: an activity with no result backs level 2 at most
    assert run("log", "Mentored an APM", "--gap", "delegation", "--date", "2026-01-06",
               "--scope", "team").exit_code == 0  # fmt: skip
    levels = {**FIRST, "confidence": 2, "delegation": 4}
    path = answers_file(tmp_path, levels_toml(levels))
    result = run("assess", "--answers", path, "--date", "2026-01-10")
    assert result.exit_code == 0, result.output
    rows = table_rows(result.stdout)
    assert re.search(r"\s0 over\s*$", rows["Strategy"]), rows["Strategy"]  # rated 3, nothing
    assert re.search(r"\s4 under\s*$", rows["Confidence"]), rows["Confidence"]
    assert re.search(r"\s2 over\s*$", rows["Delegation"]), rows["Delegation"]
    assert re.search(r"\s0\s*$", rows["Domain"]), rows["Domain"]  # rated 1: no claim
    out = " ".join(result.stdout.split())
    assert "evidence from 2025-01-10 to 2026-01-10" in out
    assert "Strategy: you rate 3; your evidence supports no level yet. Log what a level-2 " in out
    assert (
        "Delegation: you rate 4; your evidence supports 2. Log what a level-3 person would "
        "have done, e.g. a whole outcome delivered by someone else in your area against success "
        "criteria you wrote (your team or wider, with a result)." in out
    )
    assert (
        "Confidence: your evidence supports 4; you rate 2. Rate what you have shown: "
        "under-rating is common, most of all for confidence." in out
    )
    assert 'pm-coach log "what you did" --gap strategy' in out
    assert "--gap confidence" not in out
    assert "--gap domain" not in out


def test_window_option_narrows_the_evidence_counted(run, tmp_path: Path) -> None:
    assert run("log", "Ran a pre-mortem", "--gap", "confidence", "--date", "2025-12-01",
               "--result", "Teams moved", "--scope", "teams").exit_code == 0  # fmt: skip
    path = answers_file(tmp_path, levels_toml({**FIRST, "confidence": 4}))
    wide = run("assess", "--answers", path, "--date", "2026-01-10", "--window", "40")
    narrow = run("assess", "--answers", path, "--date", "2026-01-10", "--window", "39")
    row = {r: next(ln for ln in x.stdout.splitlines() if "Confidence" in ln)
           for r, x in (("wide", wide), ("narrow", narrow))}  # fmt: skip
    assert re.search(r"\s4\s*$", row["wide"]), row["wide"]
    assert re.search(r"\s0 over\s*$", row["narrow"]), row["narrow"]
    bad = run("assess", "--answers", path, "--window", "0")
    assert bad.exit_code == 2 and "--window 0 is out of range" in bad.stderr


def test_all_fives_are_challenged(run, tmp_path: Path) -> None:
    path = answers_file(tmp_path, levels_toml(dict.fromkeys(GAPS, 5), dict.fromkeys(GAPS, 5)))
    result = run("assess", "--answers", path)
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "You rate every gap 5, but your evidence backs a 5 on 0 of 5." in out
    assert "is it time to aim higher" not in out


def test_evidence_is_counted_per_gap(run, tmp_path: Path) -> None:
    for text in ("Mentored an APM", "Handed the launch to Sam"):
        assert run("log", text, "--gap", "delegation", "--date", "2026-01-02").exit_code == 0
    result = run("assess", "--answers", answers_file(tmp_path, levels_toml(FIRST)),
                 "--date", "2026-01-10")  # fmt: skip
    delegation = next(line for line in result.stdout.splitlines() if "Delegation" in line)
    assert re.search(r"\s2\s+2\s*$", delegation), delegation  # 2 entries, backing level 2


def test_change_since_the_previous_assessment(first, run, tmp_path: Path) -> None:
    later = {**FIRST, "buy-in": 3, "domain": 1, "delegation": 1}
    result = run("assess", "--answers", answers_file(tmp_path, levels_toml(later)))
    assert result.exit_code == 0, result.output
    rows = table_rows(result.stdout)
    assert "+1" in rows["Organisation-level"]
    assert "same" in rows["Domain"]
    assert "-1" in rows["Delegation"]
    assert "Saved; 2 assessments of this map so far" in result.stdout


def test_first_assessment_says_so(first) -> None:
    title = first.stdout.splitlines()[0]
    assert title.endswith(" · first assessment"), title
    strategy = next(line for line in first.stdout.splitlines() if line.startswith(" Strategy"))
    assert "first" not in strategy  # said once in the title, not on every row


def test_date_back_dates_and_compares_with_the_one_before(
    first, run, tmp_path: Path, home: Path
) -> None:
    later = answers_file(tmp_path, levels_toml({**FIRST, "strategy": 4}), "later.toml")
    assert run("assess", "--answers", later, "--date", "2026-06-01").exit_code == 0
    middle = answers_file(tmp_path, levels_toml({**FIRST, "strategy": 1}), "middle.toml")
    result = run("assess", "--answers", middle, "--date", "2026-03-01")
    assert result.exit_code == 0, result.output
    strategy = next(line for line in result.stdout.splitlines() if line.startswith(" Strategy"))
    assert "-2" in strategy  # against January's 3, not June's 4
    assert [a.date.isoformat() for a in load_assessments(home)] == [
        "2026-01-10",
        "2026-03-01",
        "2026-06-01",
    ]


def test_future_date_is_refused(run, tmp_path: Path, home: Path) -> None:
    future = (today() + dt.timedelta(days=3)).isoformat()
    result = run(
        "assess", "--answers", answers_file(tmp_path, levels_toml(FIRST)), "--date", future
    )
    assert result.exit_code == 2
    assert "future" in result.stderr
    assert not (home / "assessments.toml").exists()


def test_missing_answers_file_exits_4(run, tmp_path: Path) -> None:
    result = run("assess", "--answers", str(tmp_path / "nope.toml"))
    assert result.exit_code == 4
    assert "does not exist" in result.stderr


def test_broken_toml_exits_3_with_line_and_column(run, tmp_path: Path, home: Path) -> None:
    path = answers_file(tmp_path, "[levels]\nstrategy = 3\nbuy-in = \n")
    result = run("assess", "--answers", path)
    assert result.exit_code == 3
    assert re.search(r"line 3, column \d+", result.stderr)
    assert not (home / "assessments.toml").exists()


def test_bad_answers_list_every_problem_and_save_nothing(run, tmp_path: Path, home: Path) -> None:
    levels = {**FIRST, "strategy": 6, "vision": 2}
    del levels["domain"]
    result = run("assess", "--answers", answers_file(tmp_path, levels_toml(levels)))
    assert result.exit_code == 3
    assert "levels.strategy: 6 is not a level" in result.stderr
    assert "no gap 'vision'" in result.stderr
    assert "no level for domain" in result.stderr
    assert "Traceback" not in result.output
    assert not (home / "assessments.toml").exists()


def test_no_terminal_and_no_answers_is_a_clear_error(run, home: Path) -> None:
    result = run("assess")
    assert result.exit_code == 6
    assert "not one" in result.stderr and "--answers" in result.stderr
    assert not (home / "assessments.toml").exists()


def test_json_prints_only_the_saved_assessment(run, tmp_path: Path) -> None:
    result = run("assess", "--answers", answers_file(tmp_path, levels_toml(FIRST)), "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["levels"] == FIRST and data["date"] == today().isoformat()


# --- --map -----------------------------------------------------------------------------------

APM = {"discovery": 2, "delivery": 3, "data": 1, "communication": 2, "business": 2}


def test_map_flag_uses_that_maps_gaps(run, tmp_path: Path, home: Path) -> None:
    result = run(
        "assess", "--map", "apm-to-pm", "--answers", answers_file(tmp_path, levels_toml(APM))
    )
    assert result.exit_code == 0, result.output
    [saved] = load_assessments(home)
    assert saved.map == "apm-to-pm" and saved.levels == APM
    assert "Associate PM to Product Manager" in result.stdout


def test_map_named_in_the_answers_file(run, tmp_path: Path, home: Path) -> None:
    path = answers_file(tmp_path, levels_toml(APM, extra='map = "apm-to-pm"\n'))
    assert run("assess", "--answers", path).exit_code == 0
    assert load_assessments(home)[0].map == "apm-to-pm"
    clash = run("assess", "--answers", path, "--map", "leadership")
    assert clash.exit_code == 2 and "disagree" in clash.stderr


def test_leadership_gaps_are_refused_for_the_apm_map(run, tmp_path: Path) -> None:
    path = answers_file(tmp_path, levels_toml(FIRST))
    result = run("assess", "--map", "apm-to-pm", "--answers", path)
    assert result.exit_code == 3
    assert "has no gap 'strategy'" in result.stderr


def test_unknown_map_exits_4(run, tmp_path: Path) -> None:
    result = run("assess", "--map", "nope", "--answers", answers_file(tmp_path, levels_toml(FIRST)))
    assert result.exit_code == 4


# --- --gap -----------------------------------------------------------------------------------


def test_gap_reassesses_one_and_carries_the_rest(first, run, tmp_path: Path, home: Path) -> None:
    path = answers_file(
        tmp_path, '[levels]\ndelegation = 4\n[notes]\ndelegation = "Mentoring two APMs"\n'
    )
    result = run("assess", "--gap", "delegation", "--answers", path)
    assert result.exit_code == 0, result.output
    old, new = load_assessments(home)
    assert new.levels == {**FIRST, "delegation": 4}
    assert new.targets == old.targets
    assert new.notes == {"delegation": "Mentoring two APMs"}
    assert "(carried over)" in result.stdout
    delegation = next(line for line in result.stdout.splitlines() if "Delegation" in line)
    assert "+2" in delegation and "carried" not in delegation


def test_gap_without_an_earlier_assessment_exits_6(run, tmp_path: Path, home: Path) -> None:
    path = answers_file(tmp_path, "[levels]\ndelegation = 4\n")
    result = run("assess", "--gap", "delegation", "--answers", path)
    assert result.exit_code == 6
    assert "pm-coach assess" in result.stderr
    assert not (home / "assessments.toml").exists()


def test_gap_file_must_not_rate_other_gaps(first, run, tmp_path: Path) -> None:
    result = run(
        "assess", "--gap", "delegation", "--answers", answers_file(tmp_path, levels_toml(FIRST))
    )
    assert result.exit_code == 3
    assert "only delegation is being re-assessed" in result.stderr


def test_unknown_gap_exits_2(first, run, tmp_path: Path) -> None:
    result = run("assess", "--gap", "vision", "--answers", answers_file(tmp_path, "[levels]\n"))
    assert result.exit_code == 2
    assert "strategy, buy-in" in result.stderr


# --- interactive path, with the form replaced ------------------------------------------------


def test_interactive_path_saves_what_the_form_returns(run, monkeypatch, home: Path) -> None:
    import pm_coach.app.terminal as cli
    import pm_coach.prompts.assess as form

    asked: list[list[str]] = []

    def fake(gaps, targets, **_):
        asked.append([g.id for g in gaps])
        assert targets == dict.fromkeys(GAPS, 4)
        return Ratings(levels=dict(FIRST), targets={"strategy": 5})

    monkeypatch.setattr(cli, "interactive", lambda: True)
    monkeypatch.setattr(form, "assess_form", fake)
    result = run("assess")
    assert result.exit_code == 0, result.output
    assert asked == [GAPS]
    assert load_assessments(home)[0].levels == FIRST
    assert "three questions each" in result.stderr


def test_interactive_gap_asks_only_that_gap(first, run, monkeypatch, home: Path) -> None:
    import pm_coach.app.terminal as cli
    import pm_coach.prompts.assess as form

    asked: list[list[str]] = []

    def fake(gaps, targets, **_):
        asked.append([g.id for g in gaps])
        assert targets["strategy"] == 5  # the target set last time is offered again
        return Ratings(levels={"strategy": 4}, targets={"strategy": 5})

    monkeypatch.setattr(cli, "interactive", lambda: True)
    monkeypatch.setattr(form, "assess_form", fake)
    assert run("assess", "--gap", "strategy").exit_code == 0
    assert asked == [["strategy"]]
    assert load_assessments(home)[-1].levels == {**FIRST, "strategy": 4}


def test_cancelling_the_form_saves_nothing(first, run, monkeypatch, home: Path) -> None:
    import pm_coach.app.terminal as cli
    import pm_coach.prompts.assess as form

    def cancel(*_, **__):
        raise Cancelled()

    monkeypatch.setattr(cli, "interactive", lambda: True)
    monkeypatch.setattr(form, "assess_form", cancel)
    before = (home / "assessments.toml").read_bytes()
    result = run("assess")
    assert result.exit_code == 130
    assert result.stderr.strip().splitlines()[-1] == "Cancelled: nothing was saved."
    assert result.stderr.count("Cancelled") == 1
    assert (home / "assessments.toml").read_bytes() == before


# --- --history -------------------------------------------------------------------------------


def test_history_json_is_an_array_of_assessments(first, run, tmp_path: Path) -> None:
    later = answers_file(tmp_path, levels_toml({**FIRST, "strategy": 4}), "later.toml")
    assert run("assess", "--answers", later, "--date", "2026-04-01").exit_code == 0
    result = run("assess", "--history", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [set(item) for item in data] == [{"date", "map", "levels", "targets", "notes"}] * 2
    assert [item["date"] for item in data] == ["2026-01-10", "2026-04-01"]
    assert data[1]["levels"]["strategy"] == 4 and data[0]["targets"]["strategy"] == 5
    assert result.stderr == ""


def test_history_json_when_empty(run) -> None:
    result = run("assess", "--history", "--json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []


def test_history_shows_every_assessment_and_the_trend(first, run, tmp_path: Path) -> None:
    for date, level in (("2026-04-01", 4), ("2026-07-01", 5)):
        path = answers_file(tmp_path, levels_toml({**FIRST, "strategy": level}), f"{date}.toml")
        assert run("assess", "--answers", path, "--date", date).exit_code == 0
    result = run("assess", "--history")
    assert result.exit_code == 0, result.output
    for date in ("2026-01-10", "2026-04-01", "2026-07-01"):
        assert date in result.stdout
    assert "Trend per gap" in result.stdout
    strategy = next(line for line in result.stdout.splitlines() if line.startswith(" Strategy"))
    assert "3 → 4 → 5" in strategy and "+2" in strategy


def test_history_groups_by_map_and_filters_with_map(first, run, tmp_path: Path) -> None:
    path = answers_file(tmp_path, levels_toml(APM), "apm.toml")
    assert run("assess", "--map", "apm-to-pm", "--answers", path).exit_code == 0
    both = run("assess", "--history").stdout
    assert "(leadership)" in both and "(apm-to-pm)" in both
    only = run("assess", "--history", "--map", "apm-to-pm", "--json")
    assert [a["map"] for a in json.loads(only.stdout)] == ["apm-to-pm"]


def test_history_cannot_be_combined_with_answers(run, tmp_path: Path) -> None:
    result = run("assess", "--history", "--gap", "strategy")
    assert result.exit_code == 2 and "cannot be combined with --gap" in result.stderr


def test_history_empty_says_how_to_start(run) -> None:
    result = run("assess", "--history")
    assert result.exit_code == 0 and "pm-coach assess" in result.stderr


# --- reading well at 80 columns without colour ---------------------------------------------


@pytest.fixture
def fresh_consoles():
    """rich reads COLUMNS when a console is made; the shared consoles are cached, so renew them."""
    from pm_coach.render import console

    console.out.cache_clear()
    console.err.cache_clear()
    yield
    console.out.cache_clear()
    console.err.cache_clear()


def test_views_fit_80_columns_without_colour(
    first, run, tmp_path: Path, fresh_consoles, monkeypatch
) -> None:
    env = {"COLUMNS": "80", "NO_COLOR": "1"}
    monkeypatch.setenv("COLUMNS", "80")
    later = answers_file(tmp_path, levels_toml({**FIRST, "domain": 3}), "later.toml")
    outputs = [
        run("assess", "--answers", later, env=env).stdout,
        run("assess", "--history", env=env).stdout,
    ]
    for out in outputs:
        assert "\x1b[" not in out
        assert max(len(line.rstrip()) for line in out.splitlines()) <= 80
    # the meaning survives without colour: bars use different characters, flags are words
    assert "█" in outputs[0] and "░" in outputs[0] and " over" in outputs[0]


def test_command_modules_stay_light_at_startup() -> None:
    """`pm-coach --help` and `pm-coach log` must not pay for rich, questionary or pydantic."""
    import subprocess
    import sys

    code = (
        "import sys, pm_coach.cli.assess, pm_coach.cli.maps;"
        "print(sorted(m for m in ('rich', 'questionary', 'pydantic', 'pm_coach.core.assessment')"
        " if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_broken_history_file_stops_before_any_question(run, tmp_path: Path, home: Path) -> None:
    home.mkdir(parents=True)
    broken = "schema_version = 1\n[[assessment]]\ndate = 2026-01-01\nmap = 3\n"
    (home / "assessments.toml").write_text(broken)
    result = run("assess", "--answers", answers_file(tmp_path, levels_toml(FIRST)))
    assert result.exit_code == 3
    assert "assessments.toml, line 4" in result.stderr  # the line of the bad field, map = 3
    assert (home / "assessments.toml").read_text() == broken
