"""The kept plan through the real command line: plan, plan new/done/skip, next, log --action."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import tomllib
from pathlib import Path

import pytest

from pm_coach.models import Profile
from tests.helpers import save_profile
from tests.test_plan_cli import LEVELS, assess, log_done

PLAN_IDS = "strategy-goal-map"  # the opening strategy action of the shipped map


def plans_file(home: Path) -> Path:
    return home / "plans.toml"


def ids(data: dict) -> list[str]:
    return [a["id"] for g in [*data["focus"], *data["prove_it"]] for a in g["actions"]]


def status(data: dict, action_id: str) -> str:
    return next(
        a["status"]
        for g in [*data["focus"], *data["prove_it"]]
        for a in g["actions"]
        if a["id"] == action_id
    )


def show(run) -> dict:
    r = run("plan", "--json")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


# --- saving -----------------------------------------------------------------------------------


def test_plan_with_no_plan_makes_one_says_so_and_saves_it_privately(run, home: Path) -> None:
    assess(home)
    r = run("plan")
    assert r.exit_code == 0, r.output
    assert "No plan yet, so one was made for you: 12 weeks from" in r.stderr
    path = plans_file(home)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    doc = tomllib.loads(path.read_text("utf-8"))
    assert doc["schema_version"] == 1 and len(doc["plan"]) == 1
    again = run("plan")
    assert again.exit_code == 0 and "No plan yet" not in again.stderr
    assert len(tomllib.loads(path.read_text("utf-8"))["plan"]) == 1


def test_plan_new_keeps_history_and_the_newest_is_active(run, home: Path) -> None:
    assess(home)
    assert run("plan", "new", "--start", "2026-11-23").exit_code == 0
    r = run("plan", "new", "--start", "2026-12-07", "--weeks", "6")
    assert r.exit_code == 0 and "Saved a new plan: 6 weeks from Mon 7 Dec 2026" in r.stderr
    doc = tomllib.loads(plans_file(home).read_text("utf-8"))
    assert [p["start"] for p in doc["plan"]] == [dt.date(2026, 11, 23), dt.date(2026, 12, 7)]
    data = show(run)
    assert data["start"] == "2026-12-07" and data["weeks"] == 6


def test_due_dates_are_the_saved_ones_and_past_ones_are_overdue(run, home: Path) -> None:
    assess(home)
    start = (dt.date.today() - dt.timedelta(days=60)).isoformat()
    made = json.loads(run("plan", "new", "--start", start, "--json").stdout)
    shown = show(run)
    assert [(a["id"], a["due"]) for g in shown["focus"] for a in g["actions"]] == [
        (a["id"], a["due"]) for g in made["focus"] for a in g["actions"]
    ]
    today = dt.date.today().isoformat()
    for g in shown["focus"]:
        for a in g["actions"]:
            assert a["status"] in ("open", "done", "skipped", "overdue")
            if a["due"] and a["due"] < today:
                assert a["status"] == "overdue"
    assert status(shown, PLAN_IDS) == "overdue"


# --- done, skip, log --action -----------------------------------------------------------------


def test_plan_done_with_evidence_and_skip_with_a_reason(run, home: Path) -> None:
    assess(home)
    run("plan")
    log = run("log", "Mapped last year's work to the goals", "--gap", "strategy")
    eid = log.stdout.split()[1]
    r = run("plan", "done", PLAN_IDS, "--evidence", eid)
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith(f"Done: {PLAN_IDS} · ") and f"(evidence {eid})" in r.stdout
    again = run("plan", "done", PLAN_IDS)
    assert again.exit_code == 0 and "already marked done" in again.stdout
    other = ids(show(run))[1]
    r = run("plan", "skip", other, "--why", "No sponsor this quarter")
    assert r.exit_code == 0 and "(No sponsor this quarter)" in r.stdout
    data = show(run)
    assert status(data, PLAN_IDS) == "done" and status(data, other) == "skipped"
    skipped = next(a for g in data["focus"] for a in g["actions"] if a["id"] == other)
    assert skipped["why"] == "No sponsor this quarter"
    assert run("plan", "skip", other).exit_code == 2  # --why is required


def test_unknown_ids_exit_2_listing_the_plans_actions(run, home: Path) -> None:
    assess(home)
    run("plan")
    before = plans_file(home).read_bytes()
    plan_ids = ids(show(run))
    for args in (
        ("plan", "done", "no-such-action"),
        ("plan", "skip", "no-such-action", "--why", "x"),
        ("log", "Did it", "--action", "no-such-action"),
    ):
        r = run(*args)
        assert r.exit_code == 2, (args, r.output)
        assert "unknown action 'no-such-action'" in r.stderr
        assert f"The actions of your active plan are: {', '.join(plan_ids)}." in r.stderr
    assert plans_file(home).read_bytes() == before
    assert not (home / "evidence.toml").exists()
    r = run("plan", "done", PLAN_IDS, "--evidence", "zzzzzz")
    assert r.exit_code == 4 and "no evidence entry with id 'zzzzzz'" in r.stderr


def test_log_with_an_action_tags_its_gap_and_never_suggests_another(run, home: Path) -> None:
    assess(home)
    run("plan")
    # The words lean to buy-in; the action belongs to strategy.
    r = run("log", "Got written agreement from stakeholders", "--action", PLAN_IDS)
    assert r.exit_code == 0, r.output
    assert "[strategy]" in r.stdout
    assert f"  Tagged strategy, the gap of action {PLAN_IDS}." in r.stdout
    assert "suggested from" not in r.stdout
    entries = tomllib.loads((home / "evidence.toml").read_text("utf-8"))["evidence"]
    assert entries[-1]["gaps"] == ["strategy"] and entries[-1]["action"] == PLAN_IDS
    assert status(show(run), PLAN_IDS) == "done"


def test_log_offers_a_matching_open_action_and_never_marks_it(run, home: Path) -> None:
    assess(home)
    run("plan")
    r = run("log", "Mapped a year of my work to the company goals", "--gap", "strategy")
    eid = r.stdout.split()[1]
    assert (
        f"Looks like {PLAN_IDS} is done: pm-coach plan done {PLAN_IDS} --evidence {eid}" in r.stdout
    )
    data = show(run)
    assert status(data, PLAN_IDS) == "open"
    assert data["offers"] == [
        {
            "action": PLAN_IDS,
            "evidence": eid,
            "text": "Mapped a year of my work to the company goals",
        }
    ]
    assert f"Looks like {PLAN_IDS} is done" in run("plan").stdout


# --- re-planning --------------------------------------------------------------------------------


def test_a_newer_assessment_prompts_a_new_plan_that_carries_done_work(run, home: Path) -> None:
    assess(home)
    run("plan")
    assert run("plan", "done", PLAN_IDS).exit_code == 0
    assert "pm-coach plan new" not in run("plan").stdout
    assess(home, {**LEVELS, "delegation": 1}, day=dt.date.today())
    out = run("plan").stdout
    assert "You have reassessed since this plan was made." in out and "pm-coach plan new" in out
    assert "pm-coach plan new" in run("next").stdout
    fresh = json.loads(run("plan", "new", "--json").stdout)
    assert status(fresh, PLAN_IDS) == "done"
    assert fresh["replan"] is None


def test_every_action_finished_prompts_a_new_plan(run, home: Path) -> None:
    assess(home)
    run("plan", "new", "--weeks", "2", "--hours", "3")
    for action_id in ids(show(run)):
        assert run("plan", "done", action_id).exit_code == 0
    assert show(run)["replan"] == "all-finished"
    assert "Every action in this plan is done or skipped" in run("plan").stdout


# --- away, nothing fits -------------------------------------------------------------------------


def test_away_periods_from_the_flag_and_the_profile_get_no_work(run, home: Path) -> None:
    assess(home)
    save_profile(home, Profile(away=["2026-12-21..2027-01-03"]))
    r = run("plan", "new", "--start", "2026-11-23", "--away", "2026-11-30..2026-12-13", "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["away"] == [
        {"first": "2026-11-30", "last": "2026-12-13"},
        {"first": "2026-12-21", "last": "2027-01-03"},
    ]
    for g in [*data["focus"], *data["prove_it"]]:
        for a in g["actions"]:
            for day in (a["starts"], a["due"]):
                if day:
                    assert not ("2026-11-30" <= day <= "2026-12-13"), a
                    assert not ("2026-12-21" <= day <= "2027-01-03"), a
    assert "Away: Mon 30 Nov to Sun 13 Dec, Mon 21 Dec to Sun 3 Jan" in run("plan").stdout


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("2026-12-21", "is not a period"),
        ("2026-12-21..soon", "'soon' is not a date"),
        ("2026-02-30..2026-03-02", "'2026-02-30' is not a date"),
        ("2027-01-03..2026-12-21", "ends before it starts"),
    ],
)
def test_a_bad_away_period_exits_2_and_saves_nothing(
    run, home: Path, value: str, words: str
) -> None:
    assess(home)
    r = run("plan", "new", "--away", value)
    assert r.exit_code == 2
    assert words in r.stderr and "hint:" in r.stderr and "Traceback" not in r.output
    assert not plans_file(home).exists()


def test_nothing_fits_gives_advice_exit_0_and_saves_nothing(run, home: Path) -> None:
    assess(home)
    r = run("plan", "new", "--weeks", "1", "--hours", "0.5")
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("Nothing fits in 1 week at 0.5 h a week, so no plan was saved.")
    assert "The smallest action is " in r.stdout
    assert "pm-coach plan new --weeks " in r.stdout
    assert not plans_file(home).exists()
    data = json.loads(run("plan", "new", "--weeks", "1", "--hours", "0.5", "--json").stdout)
    assert data["saved"] is False and data["no_fit"]["smallest"]


# --- next -------------------------------------------------------------------------------------


def test_next_is_short_and_narrow_and_its_json_has_the_three_lists(run, home: Path) -> None:
    assess(home)
    start = (dt.date.today() - dt.timedelta(days=40)).isoformat()
    run("plan", "new", "--start", start, "--hours", "6")
    long_ago = (dt.date.today() - dt.timedelta(days=100)).isoformat()
    for name in ("Sam Lee", "Ana Ruiz", "Kim Park"):
        run("network", "add", name, "--kind", "mentor", "--helps", "buy-in")
        run("network", "touch", name, "--date", long_ago)
    assess(home, {**LEVELS, "delegation": 1}, day=dt.date.today())  # so it says: re-plan
    r = run("next", env={"COLUMNS": "80"})
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert len(lines) < 20 and max(len(line) for line in lines) <= 80
    assert lines[1].startswith("Overdue (")
    assert 'pm-coach log "…" --action ' in r.stdout
    # What to do and the re-plan prompt always make it; extras give way when room runs out.
    assert "You have reassessed since this plan was made" in r.stdout
    assert r.stdout.rstrip().endswith("pm-coach plan new")
    data = json.loads(run("next", "--json").stdout)
    assert {"due", "overdue", "next"} <= set(data)
    for key in ("due", "overdue", "next"):
        for a in data[key]:
            assert {"id", "title", "gap", "due"} <= set(a)
    assert data["overdue"] and all(a["due"] < dt.date.today().isoformat() for a in data["overdue"])


def test_next_without_a_plan_makes_one_and_says_so(run, home: Path) -> None:
    assess(home)
    r = run("next")
    assert r.exit_code == 0
    assert "No plan yet, so one was made for you" in r.stderr
    assert plans_file(home).exists()


# --- views --------------------------------------------------------------------------------------


def test_compact_view_is_short_and_full_shows_the_steps(run, home: Path) -> None:
    assess(home)
    run("plan", "new", "--start", "2026-11-23")
    compact = run("plan").stdout
    full = run("plan", "--full").stdout
    assert len(compact.splitlines()) < 45
    assert "map order decides" not in compact and "tied with" not in full
    assert "Evidence: " in full and "Log it: " in full and "1. " in full
    md = run("plan", "--format", "markdown").stdout
    assert "- **Steps:**" in md and "- **Record it:** `pm-coach log" in md


def test_options_before_a_subcommand_are_refused(run, home: Path) -> None:
    assess(home)
    r = run("plan", "--json", "new")
    assert r.exit_code == 2 and "after the subcommand" in r.stderr


# --- a broken plans.toml ------------------------------------------------------------------------


def test_saving_never_writes_over_a_plans_file_that_does_not_read(home: Path) -> None:
    from pm_coach.errors import DataFileError
    from pm_coach.store.plans import add_plan

    path = plans_file(home)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("schema_version = 1\n\n[[plan]]\nweeks = 99\n", "utf-8")
    before = path.read_bytes()
    with pytest.raises(DataFileError) as err:
        add_plan(home, None)  # type: ignore[arg-type]  # never reached: the file is checked first
    assert f"{path}, line 3 (plan 1): field 'created': Field required" in err.value.message
    assert path.read_bytes() == before


def test_a_corrupt_plans_file_is_named_with_its_line_and_left_untouched(run, home: Path) -> None:
    assess(home)
    run("plan")
    path = plans_file(home)
    text = path.read_text("utf-8")
    lines = text.splitlines()
    where = next(i for i, line in enumerate(lines) if line.startswith("due = "))
    lines[where] = 'due = "next week"'
    path.write_text("\n".join(lines) + "\n", "utf-8")
    before = path.read_bytes()
    for args in (("plan",), ("plan", "done", PLAN_IDS), ("next",), ("plan", "new")):
        r = run(*args)
        assert r.exit_code == 3, (args, r.output)
        assert f"{path}, line {where + 1} (plan 1)" in r.stderr
        assert "due" in r.stderr
        assert path.read_bytes() == before


def test_a_plans_file_that_is_not_toml_names_the_line(run, home: Path) -> None:
    assess(home)
    path = plans_file(home)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("schema_version = 1\n\n[[plan]\n", "utf-8")
    before = path.read_bytes()
    r = run("plan")
    assert r.exit_code == 3 and f"{path}, line 3" in r.stderr
    assert path.read_bytes() == before


def test_report_and_assess_agree_with_the_plans_order(run, home: Path) -> None:
    assess(home)
    plan = show(run)
    report = json.loads(run("report", "--json").stdout)
    focus = [g["gap"] for g in plan["focus"]]
    assert [a["gap"] for a in report["next_actions"]][: len(focus)] == focus
    ranked = [r["gap"] for r in plan["ranking"] if r["current"] < r["target"]]
    assert ranked[: len(focus)] == focus


def test_done_actions_logged_before_a_plan_show_done(run, home: Path) -> None:
    assess(home)
    log_done(home, PLAN_IDS, "strategy")
    assert status(show(run), PLAN_IDS) == "done"
