"""One output contract for every command: --json, --format and -o behave the same everywhere
(pm_coach/app/emit.py), and ids are read the same whatever their case or spacing."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from pm_coach.models import Assessment, Evidence
from pm_coach.store.assessments import add_assessment
from pm_coach.store.evidence import EvidenceStore

LEVELS = {"strategy": 2, "buy-in": 3, "confidence": 4, "domain": 3, "delegation": 2}
CREATED = dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC)


@pytest.fixture
def data(home: Path) -> Path:
    add_assessment(
        home,
        Assessment(
            date=dt.date(2026, 11, 2),
            map="leadership",
            levels=LEVELS,
            targets=dict.fromkeys(LEVELS, 4),
            created=CREATED,
        ),
    )
    EvidenceStore(home).append(
        lambda new_id: Evidence(
            id=new_id,
            date=dt.date(2026, 11, 3),
            text="Ran the pricing review with finance",
            result="Dropped two bets",
            gaps=["strategy"],
            created=CREATED,
        )
    )
    return home


# --- the format follows the file name when --format is not given -----------------------------


@pytest.mark.parametrize(
    ("args", "name", "starts"),
    [
        (["report"], "progress.html", "<!doctype html>"),
        (["report"], "progress.md", "# Progress report"),
        (["report"], "progress.json", "{"),
        (["plan", "new", "--start", "2026-11-23"], "plan.md", "# Development plan"),
        (["plan", "new", "--start", "2026-11-23"], "plan.json", "{"),
        (["export"], "cv.md", "## "),
        (["export"], "cv.json", "["),
    ],
)
def test_o_takes_the_format_from_a_known_extension(
    run, data: Path, tmp_path: Path, args: list[str], name: str, starts: str
) -> None:
    target = tmp_path / name
    r = run(*args, "-o", str(target))
    assert r.exit_code == 0, r.output
    assert r.stdout == ""  # the data went to the file; the message to stderr
    assert f"{target}" in r.stderr
    assert target.read_text("utf-8").startswith(starts)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    if name.endswith(".json"):
        json.loads(target.read_text("utf-8"))


def test_an_unknown_extension_gets_the_commands_file_format(
    run, data: Path, tmp_path: Path
) -> None:
    r = run("report", "-o", str(tmp_path / "progress.txt"))
    assert r.exit_code == 0, r.output
    assert (tmp_path / "progress.txt").read_text("utf-8").startswith("# Progress report")
    r = run("export", "-o", str(tmp_path / "cv.txt"))
    assert r.exit_code == 0, r.output
    assert (tmp_path / "cv.txt").read_text("utf-8") == (
        "Dropped two bets by running the pricing review with finance\n"
    )


def refused(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]) -> Any:
    """Run ``args`` in an empty folder: it must exit 2 (usage) and write nothing there."""
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)
    r = run(*args)
    assert r.exit_code == 2, r.output
    assert list(out.iterdir()) == []  # nothing written
    return r


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["report", "--format", "html", "-o", "rep.md"], "rep.md says markdown"),
        (["report", "--json", "-o", "rep.html"], "rep.html says html"),
        (["plan", "--format", "markdown", "-o", "plan.json"], "plan.json says json"),
        (["export", "--format", "text", "-o", "cv.md"], "cv.md says markdown"),
        # commands that write one kind of file refuse a name that says another
        (["feedback", "request", "Dana", "-o", "dana.html"], "dana.html says html"),
        (["share", "-o", "sam.json", "--yes"], "sam.json says json"),
        (["share", "-o", "sam.md", "--yes"], "sam.md says markdown"),
    ],
)
def test_a_format_and_a_file_name_that_disagree_exit_2(
    run, data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], says: str
) -> None:
    r = refused(run, tmp_path, monkeypatch, args)
    assert says in r.stderr and "hint:" in r.stderr


@pytest.mark.parametrize(
    ("args", "error", "hint"),
    [
        (
            ["network", "list", "--json", "-o", "people.html"],
            "the file name people.html says html, but this command writes json.",
            "Name the file for json, e.g. people.json",
        ),
        (
            ["network", "list", "-o", "people.md"],
            "the file name people.md says markdown, but this command writes json.",
            "Name the file for json, e.g. people.json",
        ),
        (
            ["next", "-o", "week.html"],
            "the file name week.html says html, but this command writes text.",
            "Name the file for text, e.g. week.txt",
        ),
        (
            ["next", "--json", "-o", "week.md"],
            "the file name week.md says markdown, but this command writes json.",
            "Name the file for json, e.g. week.json",
        ),
    ],
)
def test_a_file_name_saying_a_format_the_command_lacks_exits_2(
    run,
    data: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    error: str,
    hint: str,
) -> None:
    # never JSON (or text) in a file whose name says HTML or Markdown
    r = refused(run, tmp_path, monkeypatch, args)
    assert error in r.stderr and f"hint: {hint}" in r.stderr


def test_json_resume_may_go_to_a_json_file(run, data: Path, tmp_path: Path) -> None:
    target = tmp_path / "resume.json"
    r = run("export", "--format", "json-resume", "-o", str(target))
    assert r.exit_code == 0, r.output
    assert "basics" in json.loads(target.read_text("utf-8"))


@pytest.mark.parametrize("command", [["report"], ["plan"], ["export"]])
def test_json_and_another_format_exit_2(run, data: Path, command: list[str]) -> None:
    r = run(*command, "--json", "--format", "markdown")
    assert r.exit_code == 2, r.output
    assert "--json and --format markdown" in r.stderr
    assert r.stdout == ""


@pytest.mark.parametrize("command", [["report"], ["plan"], ["export"]])
def test_json_is_format_json(run, data: Path, command: list[str]) -> None:
    if command == ["plan"]:
        assert run("plan", "new").exit_code == 0  # showing a plan made earlier says nothing else
    as_flag = run(*command, "--json")
    as_format = run(*command, "--format", "JSON")
    assert as_flag.exit_code == 0 and as_format.exit_code == 0, as_flag.output + as_format.output
    assert as_flag.stdout == as_format.stdout
    json.loads(as_flag.stdout)
    assert as_flag.stderr == ""


@pytest.mark.parametrize("command", [["report"], ["plan"]])
def test_the_terminal_view_is_not_written_to_a_file(
    run, data: Path, tmp_path: Path, command: list[str]
) -> None:
    r = run(*command, "--format", "terminal", "-o", str(tmp_path / "out.txt"))
    assert r.exit_code == 2
    assert "for the screen" in r.stderr
    assert not (tmp_path / "out.txt").exists()


def test_format_names_are_read_in_any_case(run, data: Path) -> None:
    r = run("report", "--format", "MD")
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("# Progress report")
    r = run("export", "--format", "JSON Resume")
    assert r.exit_code == 0, r.output
    assert "basics" in json.loads(r.stdout)


# --- ids are read the same in every command --------------------------------------------------


def test_map_ids_in_any_case_work_for_every_command(run, data: Path) -> None:
    add_assessment(
        data,
        Assessment(
            date=dt.date(2026, 11, 2),
            map="apm-to-pm",
            levels={"execution": 2},
            targets={"execution": 4},
            created=CREATED,
        ),
    )
    for args in (
        ["log", "Shipped the onboarding fix", "--map", "APM-TO-PM", "--no-suggest"],
        ["plan", "new", "--map", "APM-TO-PM", "--json"],
        ["maps", "show", "APM-TO-PM", "--json"],
        ["report", "--map", "APM-TO-PM", "--json"],
    ):
        r = run(*args)
        assert r.exit_code == 0, (args, r.output)


def test_gap_ids_may_be_typed_with_a_space_or_capitals(run, data: Path) -> None:
    r = run("log", "Got finance to back the pricing change", "--gap", "Buy In")
    assert r.exit_code == 0, r.output
    [entry] = [e for e in EvidenceStore(data).load() if e.text.startswith("Got finance")]
    assert entry.gaps == ["buy-in"]
    r = run("evidence", "list", "--gap", "BUY_IN", "--json")
    assert [e["text"] for e in json.loads(r.stdout)] == ["Got finance to back the pricing change"]


def test_evidence_show_takes_json(run, data: Path) -> None:
    [entry] = EvidenceStore(data).load()
    r = run("evidence", "show", entry.id.upper(), "--json")
    assert r.exit_code == 0, r.output
    shown = json.loads(r.stdout)
    assert shown["text"] == "Ran the pricing review with finance"
    assert shown["gaps"] == ["strategy"] and shown["date"] == "2026-11-03"


def test_an_empty_listing_says_so_on_stderr_but_json_is_an_empty_array(run, home: Path) -> None:
    r = run("evidence", "list")
    assert r.stdout == "" and "No evidence yet" in r.stderr
    r = run("evidence", "list", "--json")
    assert r.stdout == "[]\n" and r.stderr == ""


def test_feedback_request_says_on_stderr_what_it_wrote(run, data: Path, tmp_path: Path) -> None:
    r = run("feedback", "request", "Dana Reyes", "-o", str(tmp_path / "dana.md"))
    assert r.exit_code == 0, r.output
    assert r.stdout == ""
    assert r.stderr.startswith(f"Wrote {tmp_path / 'dana.md'} (the form) and ")
    assert f'feedback add "Dana Reyes" {tmp_path / "dana-answers.toml"}' in r.stderr


READ_COMMANDS = [
    ["report"],
    ["plan"],
    ["next"],
    ["export"],
    ["stories"],
    ["evidence", "list"],
    ["feedback", "list"],
    ["profile", "show"],
    ["profile", "role", "list"],
    ["maps", "list"],
    ["maps", "show"],
    ["assess", "--history"],
]


@pytest.mark.parametrize("command", READ_COMMANDS, ids=" ".join)
def test_every_read_command_prints_only_json_with_json(run, data: Path, command: list[str]) -> None:
    assert run("plan", "new").exit_code == 0  # so plan and next show a saved plan
    r = run(*command, "--json")
    assert r.exit_code == 0, r.output
    assert r.stderr == ""
    json.loads(r.stdout)


# --- the keys of plan, next and report JSON, in order: users' scripts read them ----------------


def test_plan_json_keys_in_order(run, data: Path) -> None:
    r = run("plan", "new", "--start", "2026-11-23", "--json")
    assert r.exit_code == 0, r.output
    plan = json.loads(r.stdout)
    assert list(plan) == [
        "start", "weeks", "end", "hours_per_week", "map", "assessed_on", "opening", "created",
        "today", "away", "planned_hours", "hours_by_type", "focus", "prove_it", "ranking",
        "unrated", "quiet", "replan", "offers",
    ]  # fmt: skip
    gap = plan["focus"][0]
    assert list(gap) == [
        "gap", "name", "rank", "current", "target", "why", "actions", "resources", "remaining",
        "people", "look_for", "advice",
    ]  # fmt: skip
    action = gap["actions"][0]
    assert list(action) == [
        "id", "title", "gap", "type", "due", "evidence", "done", "status", "starts",
        "first_week", "last_week", "effort_hours", "weekly_hours", "done_on", "done_by", "why",
        "how", "log",
    ]  # fmt: skip
    assert action["why"] is None and action["done"] is False
    assert action["log"] == f'pm-coach log "…" --action {action["id"]}'
    assert list(plan["ranking"][0]) == [
        "gap", "name", "rank", "current", "target", "score", "backed", "supported", "others",
        "blind_spot", "role", "why",
    ]  # fmt: skip
    top = plan["ranking"][0]
    assert (top["gap"], top["why"]) == (
        "delegation",
        "2 levels below target; no evidence logged yet, so the rating is still a claim",
    )


def test_next_and_report_json_keys_in_order(run, data: Path) -> None:
    assert run("plan", "new", "--start", "2026-11-23").exit_code == 0
    r = run("next", "--json")
    assert r.exit_code == 0, r.output
    week = json.loads(r.stdout)
    assert list(week) == [
        "today", "due", "overdue", "next", "progress", "quiet", "silent_gaps", "offers", "replan",
    ]  # fmt: skip
    assert list(week["next"][0]) == ["id", "title", "gap", "due", "status", "log"]
    r = run("report", "--json")
    assert r.exit_code == 0, r.output
    report = json.loads(r.stdout)
    assert list(report["gaps"][0]) == [
        "gap", "name", "current", "target", "change", "evidence", "evidence_90d", "supported",
        "others", "claim", "raters", "trend", "last_evidence",
    ]  # fmt: skip
    assert report["gaps"][0]["last_evidence"] == "2026-11-03"
    assert list(report["next_actions"][0]) == ["gap", "id", "title", "due", "log"]
