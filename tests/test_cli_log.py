"""`pm-coach log` and `pm-coach evidence …` through the real command line (CliRunner)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from pm_coach.store.evidence import EvidenceStore


def today() -> dt.date:
    """Read when a test runs, not at import: a run that crosses midnight stays right."""
    return dt.date.today()


def logged_id(output: str) -> str:
    m = re.search(r"Logged (\w+) ·", output)
    assert m, output
    return m.group(1)


def test_log_with_every_option_stores_every_field(run, home: Path) -> None:
    r = run(
        "log", "Ran the Q3 bet review with finance", "--gap", "strategy", "-g", "buy-in",
        "--result", "Dropped two bets", "--metric", "+12% activation", "-m", "3 eng-months saved",
        "--tag", "q3", "--tag", "#pricing", "--goal", "Grow revenue per account",
        "--date", "2 days ago", "--kind", "talk", "--org", "ProductTank",
        "--action", "strategy-option-scoring",
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    entry_id = logged_id(r.stdout)
    [e] = EvidenceStore(home).load()
    assert e.id == entry_id
    assert e.text == "Ran the Q3 bet review with finance"
    assert e.gaps == ["strategy", "buy-in"]
    assert e.result == "Dropped two bets"
    assert e.metrics == ["+12% activation", "3 eng-months saved"]
    assert e.tags == ["q3", "pricing"]
    assert e.goal == "Grow revenue per account"
    assert e.date == today() - dt.timedelta(days=2)
    assert e.kind == "talk" and e.org == "ProductTank"
    assert e.action == "strategy-option-scoring"
    assert e.created.tzinfo is not None


def test_log_prints_id_and_one_line_summary(run) -> None:
    r = run("log", "Coached a junior PM through her first launch", "--gap", "delegation")
    assert r.exit_code == 0
    line = r.stdout.splitlines()[0]
    assert re.fullmatch(
        rf"Logged [a-z0-9]{{6}} · {today()} · Coached a junior PM through her… \[delegation\]",
        line,
    )


def test_logged_entry_shows_in_list(run) -> None:
    """The issue's acceptance path: log with --gap, then `evidence list` shows it."""
    entry_id = logged_id(
        run("log", "Mapped last year's work to company goals", "--gap", "strategy").stdout
    )
    r = run("evidence", "list")
    assert r.exit_code == 0
    assert entry_id in r.stdout and "Mapped last year's work" in r.stdout and "strategy" in r.stdout


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (["log", "x", "--gap", "strat"], 2, "unknown gap 'strat'"),
        (["log", "x", "--date", "tomorrow"], 2, "Accepted forms"),
        (["log", "x", "--date", "2999-01-01"], 2, "in the future"),
        (["log", "x", "--date", "2026-02-30"], 2, "not a real calendar day"),
        (["log", "x", "--kind", "blog"], 2, "work, volunteer, talk, publication"),
        (["log", "x", "--action", "no-such-action"], 2, "unknown action"),
        (["log", "   "], 2, "text is empty"),
        (["log", "line one\nline two"], 2, "single line"),
        (["log", "x" * 1001], 2, "too long"),
        (["log", "x", "--metric", "a\tb"], 2, "--metric"),
        (["log", "x", "--map", "nope"], 4, "no skill map called 'nope'"),
        (["evidence", "show", "zzzzzz"], 4, "no evidence entry"),
        (["evidence", "rm", "zzzzzz", "--yes"], 4, "no evidence entry"),
        (["evidence", "list", "--since", "someday"], 2, "--since"),
        (["evidence", "list", "--gap", "nope"], 2, "unknown gap"),
        (
            ["evidence", "list", "--since", "2026-05-01", "--until", "2026-01-01"],
            2,
            "after --until",
        ),
    ],
)
def test_bad_input_is_a_clear_error_and_writes_nothing(run, home: Path, args, code, needle) -> None:
    r = run(*args)
    assert r.exit_code == code, r.output
    assert needle in r.stderr
    assert "Traceback" not in r.output
    assert r.stdout == ""
    assert not (home / "evidence.toml").exists()


def test_log_without_text_and_without_terminal_fails_at_once(run) -> None:
    r = run("log")
    assert r.exit_code == 6
    assert 'pm-coach log "' in r.stderr


def test_list_filters(run) -> None:
    a = logged_id(
        run(
            "log",
            "Wrote the pricing strategy memo",
            "-g",
            "strategy",
            "-t",
            "pricing",
            "-d",
            "2026-01-10",
        ).stdout
    )
    b = logged_id(
        run("log", "Delegated the onboarding revamp", "-g", "delegation", "-d", "2026-03-05").stdout
    )
    c = logged_id(
        run(
            "log", "Spoke at a fintech meetup", "-g", "domain", "-t", "Talks", "-d", "2026-06-01"
        ).stdout
    )

    def ids(*args: str) -> list[str]:
        r = run("evidence", "list", "--json", *args)
        assert r.exit_code == 0, r.output
        return [e["id"] for e in json.loads(r.stdout)]

    assert ids() == [a, b, c]
    assert ids("--gap", "strategy") == [a]
    assert ids("--gap", "strategy", "--gap", "domain") == [a, c]
    assert ids("--tag", "talks") == [c]
    assert ids("--tag", "#pricing") == [a]
    assert ids("--since", "2026-03-01") == [b, c]
    assert ids("--until", "2026-03-05") == [a, b]
    assert ids("--since", "2026-02-01", "--until", "2026-04-01") == [b]
    assert ids("--search", "ONBOARDING") == [b]
    assert ids("--search", "nothing like this") == []


def test_list_json_is_only_json_with_iso_dates(run) -> None:
    run("log", "Ran a pre-mortem", "-g", "confidence", "-m", "4 risks found", "-d", "2026-02-03")
    r = run("evidence", "list", "--json")
    data = json.loads(r.stdout)
    assert data[0]["date"] == "2026-02-03"
    assert data[0]["metrics"] == ["4 risks found"]
    assert set(data[0]) == {
        "id", "date", "text", "result", "metrics", "gaps", "tags", "goal", "kind", "org",
        "scope", "bullet", "action", "created",
    }  # fmt: skip


def test_empty_list_says_how_to_start(run) -> None:
    r = run("evidence", "list")
    assert r.exit_code == 0 and "pm-coach log" in r.stderr
    r = run("evidence", "list", "--json")
    assert json.loads(r.stdout) == []


def test_show_prints_every_set_field(run) -> None:
    entry_id = logged_id(
        run("log", "Ran a pre-mortem", "-g", "confidence", "-r", "Delayed launch a week").stdout
    )
    r = run("evidence", "show", entry_id.upper())
    assert r.exit_code == 0
    assert (
        "Ran a pre-mortem" in r.stdout
        and "Delayed launch a week" in r.stdout
        and "confidence" in r.stdout
    )


def test_rm_needs_yes_without_terminal_and_removes_with_it(run, home: Path) -> None:
    keep = logged_id(run("log", "keep me").stdout)
    gone = logged_id(run("log", "remove me").stdout)
    r = run("evidence", "rm", gone)
    assert r.exit_code == 6 and "--yes" in r.stderr
    assert len(EvidenceStore(home).load()) == 2
    r = run("evidence", "rm", gone, "--yes")
    assert r.exit_code == 0 and "Removed" in r.stdout
    assert [e.id for e in EvidenceStore(home).load()] == [keep]


def test_rm_asks_and_keeps_on_no(run, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pm_coach import prompts
    from pm_coach.app import terminal

    entry_id = logged_id(run("log", "maybe remove me").stdout)
    asked: list[str] = []
    monkeypatch.setattr(terminal, "interactive", lambda: True)
    monkeypatch.setattr(prompts, "confirm", lambda msg, **_: asked.append(msg) or False)
    r = run("evidence", "rm", entry_id)
    assert r.exit_code == 0 and "nothing removed" in r.stdout
    assert asked and entry_id in asked[0]
    assert len(EvidenceStore(home).load()) == 1


def test_corrupt_file_is_reported_and_left_byte_identical(run, home: Path) -> None:
    run("log", "first entry")
    path = home / "evidence.toml"
    path.write_bytes(path.read_bytes() + b'\n[[evidence]]\nid = "oops\n')
    before = path.read_bytes()
    for args in (["log", "second"], ["evidence", "list"], ["evidence", "rm", "abc", "--yes"]):
        r = run(*args)
        assert r.exit_code == 3, r.output
        assert str(path) in r.stderr and "line" in r.stderr and "column" in r.stderr
        assert "Traceback" not in r.output
    assert path.read_bytes() == before


def test_debug_shows_the_traceback(run, home: Path) -> None:
    home.mkdir()
    (home / "evidence.toml").write_text("schema_version = 7\n")
    r = run("--debug", "evidence", "list")
    assert r.exit_code != 0
    assert r.exception is not None and "schema_version 7" in str(r.exception)


def test_data_dir_option_overrides_environment(run, home: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    r = run("--data-dir", str(other), "log", "somewhere else")
    assert r.exit_code == 0
    assert (other / "evidence.toml").exists() and not home.exists()


def test_version(run) -> None:
    from pm_coach import __version__

    r = run("--version")
    assert r.exit_code == 0 and r.stdout.strip() == f"pm-coach {__version__}"


def test_output_cut_short_by_a_closed_pipe_ends_quietly(home: Path) -> None:
    """`pm-coach evidence list --json | head -1`: no error message, exit 0."""
    import subprocess

    from pm_coach.models import Evidence
    from tests.conftest import pm_coach_cmd, subprocess_env

    store = EvidenceStore(home)
    created = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    for i in range(400):  # far more than a pipe buffer holds
        store.append(
            lambda new_id, i=i: Evidence(
                id=new_id, date=dt.date(2026, 1, 1), text=f"Entry {i} " + "x" * 200, created=created
            )
        )
    proc = subprocess.Popen(
        [*pm_coach_cmd(), "evidence", "list", "--json"],
        env=subprocess_env(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline().strip() == b"["
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0
    assert err == ""
