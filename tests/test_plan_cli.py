"""`pm-coach plan` through the real command line (CliRunner), and its three views."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import stat
from pathlib import Path

import pytest

from pm_coach.models import Assessment, Evidence, Profile
from pm_coach.store.assessments import add_assessment
from pm_coach.store.evidence import EvidenceStore
from tests.helpers import save_profile

START = "2026-11-23"
LEVELS = {"strategy": 2, "buy-in": 3, "confidence": 4, "domain": 3, "delegation": 2}


def assess(
    home: Path,
    levels: dict[str, int] = LEVELS,
    *,
    day: dt.date = dt.date(2026, 11, 20),
    map_id: str = "leadership",
) -> None:
    add_assessment(
        home,
        Assessment(
            date=day,
            map=map_id,
            levels=levels,
            targets=dict.fromkeys(levels, 4),
            created=dt.datetime.combine(day, dt.time(9), tzinfo=dt.UTC),
        ),
    )


def log_done(
    home: Path, action_id: str, gap: str | None = None, day: dt.date | None = None
) -> None:
    """Record evidence against an action, as `pm-coach log … --action ID` does."""
    when = day or dt.date.today()

    def make(entry_id: str) -> Evidence:
        return Evidence(
            id=entry_id,
            date=when,
            text="Finished it",
            gaps=[gap] if gap else [],
            action=action_id,
            created=dt.datetime.combine(when, dt.time(12), tzinfo=dt.UTC),
        )

    EvidenceStore(home).append(make)


def plan_json(run, *args: str) -> dict:
    r = run("plan", "new", "--start", START, "--json", *args)
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def all_actions(data: dict) -> list[dict]:
    return [a for g in [*data["focus"], *data["prove_it"]] for a in g["actions"]]


# --- preconditions and errors -----------------------------------------------------------------


def test_without_an_assessment_it_says_to_assess_first(run) -> None:
    r = run("plan")
    assert r.exit_code == 6
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "pm-coach assess" in lines[0]


def test_an_assessment_of_another_map_does_not_count(run, home: Path) -> None:
    assess(home, {"discovery": 2}, map_id="apm-to-pm")
    r = run("plan")
    assert r.exit_code == 6 and "pm-coach assess" in r.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("--start", "next week"),
        ("--start", "2026-02-30"),
        ("--weeks", "0"),
        ("--weeks", "53"),
        ("--hours", "0"),
        ("--format", "html"),
        ("--json", "-o", "plan.md"),
        ("--format", "terminal", "-o", "plan.md"),
    ],
)
def test_bad_options_exit_2_with_a_hint(run, home: Path, args: tuple[str, ...]) -> None:
    assess(home)
    r = run("plan", "new", *args)
    assert r.exit_code == 2, r.output
    assert "hint:" in r.stderr
    assert "Traceback" not in r.output


def test_unknown_map_is_not_found(run, home: Path) -> None:
    assess(home)
    r = run("plan", "new", "--map", "nope")
    assert r.exit_code == 4


# --- terminal ---------------------------------------------------------------------------------


def test_terminal_view_shows_focus_gaps_actions_and_log_lines(run, home: Path) -> None:
    assess(home)
    r = run("plan", "new", "--start", START)
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert "Mon 23 Nov 2026 to Sun 14 Feb 2027 · 12 weeks at 3 h a week" in out
    assert "Focus 1: Strategy (level 2, target 4)" in out
    assert "Prove it: Confidence (level 4, target 4)" in out
    assert "☐ strategy-goal-map · by Sun 6 Dec\n    Map a year of your work" in out
    assert "Saved a new plan: 12 weeks from Mon 23 Nov 2026" in r.stderr
    # The compact view leaves steps and log lines to --full.
    assert "Log it:" not in out and "Resources:" not in out
    full = run("plan", "--full").stdout
    assert re.search(r'Log it: pm-coach log "…" --action strategy-[a-z-]+', full)
    assert "Resources: Good Strategy Bad Strategy" in full
    assert "\x1b[" not in out  # NO_COLOR is set by the test fixture


def test_terminal_view_fits_80_columns() -> None:
    from rich.console import Console

    from pm_coach.app.hints import say
    from pm_coach.app.plan import in_words
    from pm_coach.core.plan import build_plan
    from pm_coach.render.plan import terminal
    from pm_coach.store.maps import MapCatalog

    skill_map = MapCatalog(Path("unused")).load("leadership")
    a = Assessment(
        date=dt.date(2026, 11, 20),
        map="leadership",
        levels=LEVELS,
        targets=dict.fromkeys(LEVELS, 4),
        created=dt.datetime(2026, 11, 20, tzinfo=dt.UTC),
    )
    plan = in_words(build_plan(skill_map, a, [], start=dt.date(2026, 11, 23)))
    buf = io.StringIO()
    console = Console(file=buf, width=80, no_color=True, highlight=False)
    console.print(terminal(plan, say, full=True))
    lines = buf.getvalue().splitlines()
    assert max(len(line) for line in lines) <= 80
    # The log lines of the map's actions are short enough never to be broken at 80 columns.
    assert any(line.strip().startswith('Log it: pm-coach log "…" --action') for line in lines)
    for line in lines:
        if "Log it:" in line:
            assert re.search(r"--action [a-z0-9-]+\s*$", line), line


# --- JSON -------------------------------------------------------------------------------------


def test_json_has_the_documented_keys_and_nothing_else_on_stdout(run, home: Path) -> None:
    assess(home)
    data = plan_json(run)
    assert data["start"] == START and data["weeks"] == 12
    assert {"start", "weeks", "focus"} <= set(data)
    assert 2 <= len(data["focus"]) <= 3
    for g in data["focus"]:
        assert {"gap", "current", "target", "why", "actions"} <= set(g)
        assert g["current"] == LEVELS[g["gap"]] and g["target"] == 4
        for a in g["actions"]:
            assert {"id", "title", "type", "due", "evidence", "done"} <= set(a)
            assert a["type"] in ("experience", "relationship", "learning")
            assert a["done"] is False
            assert START <= a["due"] <= data["end"]
            assert a["log"] == f'pm-coach log "…" --action {a["id"]}'


def test_json_focus_follows_the_ranking(run, home: Path) -> None:
    assess(home)
    data = plan_json(run)
    ranked = [r["gap"] for r in data["ranking"] if r["role"] == "focus"]
    assert [g["gap"] for g in data["focus"]] == ranked
    assert data["ranking"][0]["gap"] in ("strategy", "delegation")  # 2 below target, unbacked
    assert [g["gap"] for g in data["prove_it"]] == ["confidence"]


# --- evidence changes the plan ----------------------------------------------------------------


def test_logging_evidence_marks_actions_done_and_the_plan_moves_on(run, home: Path) -> None:
    assess(home)
    before = plan_json(run)
    strategy = next(g for g in before["focus"] if g["gap"] == "strategy")
    planned = [a["id"] for a in strategy["actions"]]
    assert planned and not any(a["done"] for a in strategy["actions"])
    for action_id in planned:
        log_done(home, action_id, "strategy")

    after = plan_json(run)
    strategy_after = next(g for g in after["focus"] if g["gap"] == "strategy")
    done = [a for a in strategy_after["actions"] if a["done"]]
    assert sorted(a["id"] for a in done) == sorted(planned)
    assert all(a["due"] is None and a["done_on"] == dt.date.today().isoformat() for a in done)
    todo_after = [a["id"] for a in strategy_after["actions"] if not a["done"]]
    assert todo_after, "the next actions from the map should move in"
    assert not set(todo_after) & set(planned)

    r = run("plan", "new", "--start", START)
    assert "✓ " + planned[0] + " · done " in r.stdout


def test_one_done_action_is_not_scheduled_again(run, home: Path) -> None:
    assess(home)
    first = plan_json(run)["focus"][0]["actions"][0]
    log_done(home, first["id"])
    again = [a for a in all_actions(plan_json(run)) if a["id"] == first["id"]]
    assert len(again) == 1 and again[0]["done"] is True and again[0]["status"] == "done"


# --- options ----------------------------------------------------------------------------------


def test_profile_hours_size_the_plan_and_hours_overrides_them(run, home: Path) -> None:
    assess(home)
    save_profile(home, Profile(hours_per_week=1))
    small = plan_json(run)
    assert small["hours_per_week"] == 1
    assert len(small["focus"]) == 2
    assert small["planned_hours"] <= 12
    big = plan_json(run, "--hours", "6")
    assert big["hours_per_week"] == 6
    assert len(big["focus"]) == 3
    assert len(all_actions(big)) > len(all_actions(small))


def test_weeks_and_start_set_the_horizon(run, home: Path) -> None:
    assess(home)
    data = plan_json(run, "--weeks", "4")
    assert data["weeks"] == 4 and data["end"] == "2026-12-20"
    assert all(a["due"] is None or a["due"] <= "2026-12-20" for a in all_actions(data))
    r = run("plan", "new", "--start", "last monday", "--json")
    assert r.exit_code == 0
    start = dt.date.fromisoformat(json.loads(r.stdout)["start"])
    assert start.weekday() == 0 and start < dt.date.today()


def test_default_start_is_today(run, home: Path) -> None:
    assess(home)
    r = run("plan", "--json")
    assert json.loads(r.stdout)["start"] == dt.date.today().isoformat()


def test_the_latest_assessment_is_used(run, home: Path) -> None:
    assess(home, {**LEVELS, "strategy": 1}, day=dt.date(2026, 6, 1))
    assess(home, {**LEVELS, "strategy": 4}, day=dt.date(2026, 11, 20))
    data = plan_json(run)
    assert data["assessed_on"] == "2026-11-20"
    assert "strategy" not in [g["gap"] for g in data["focus"]]


def test_another_map_plans_with_its_gaps_and_log_lines_name_it(run, home: Path) -> None:
    levels = {"discovery": 2, "delivery": 2, "data": 3}
    assess(home, levels, map_id="apm-to-pm")
    data = plan_json(run, "--map", "apm-to-pm")
    assert data["map"] == "apm-to-pm"
    assert {g["gap"] for g in data["focus"]} <= set(levels)
    for a in all_actions(data):
        assert a["log"].endswith(" --map apm-to-pm")


# --- Markdown ---------------------------------------------------------------------------------


def test_markdown_file_is_private_and_reads_as_a_document(run, home: Path, tmp_path: Path) -> None:
    assess(home)
    save_profile(home, Profile(name="Ada Park", current_role="Senior PM"))
    target = tmp_path / "plan.md"
    r = run("plan", "new", "--start", START, "--format", "markdown", "-o", str(target))
    assert r.exit_code == 0, r.output
    assert "Wrote the plan to" in r.stderr  # a message, not data: stdout stays empty
    assert r.stdout == ""
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    text = target.read_text("utf-8")
    assert text.startswith("# Development plan: Ada Park\n")
    assert "Growing from Senior PM to Head of Product." in text
    assert "## Priorities" in text and "## Timeline" in text
    assert "## Focus 1: Strategy (level 2, target 4)" in text
    assert "## Ratings to prove" in text
    assert re.search(r"- \*\*Record it:\*\* `pm-coach log \"…\" --action strategy-", text)
    assert "- *Good Strategy Bad Strategy*, Richard Rumelt (book)" in text
    assert not list(tmp_path.glob(".plan.md.*"))  # no temp file left behind


def test_markdown_refuses_to_overwrite_without_force(run, home: Path, tmp_path: Path) -> None:
    assess(home)
    target = tmp_path / "plan.md"
    target.write_text("my notes\n")
    r = run("plan", "--format", "markdown", "-o", str(target))
    assert r.exit_code == 2
    assert "already exists" in r.stderr and "--force" in r.stderr
    assert target.read_text() == "my notes\n"
    r = run("plan", "--format", "markdown", "-o", str(target), "--force")
    assert r.exit_code == 0, r.output
    assert target.read_text().startswith("# Development plan")


def test_markdown_into_a_missing_folder_is_not_found(run, home: Path, tmp_path: Path) -> None:
    assess(home)
    r = run("plan", "-o", str(tmp_path / "nowhere" / "plan.md"))
    assert r.exit_code == 4
    assert not (tmp_path / "nowhere").exists()


def test_markdown_without_o_goes_to_stdout(run, home: Path) -> None:
    assess(home)
    r = run("plan", "new", "--start", START, "--format", "markdown")
    assert r.exit_code == 0
    assert r.stdout.startswith("# Development plan\n")


# --- determinism ------------------------------------------------------------------------------


@pytest.mark.parametrize("view", [(), ("--json",), ("--format", "markdown")])
def test_same_inputs_and_start_give_identical_output(
    run, home: Path, view: tuple[str, ...]
) -> None:
    assess(home)
    log_done(home, "confidence-pre-mortem", "confidence", dt.date(2026, 11, 2))
    made = run("plan", "new", "--start", START, *view)
    first = run("plan", *view)
    second = run("plan", *view)
    assert made.stdout == first.stdout
    assert first.exit_code == 0, first.output
    assert first.stdout == second.stdout
    assert first.stdout.strip()
