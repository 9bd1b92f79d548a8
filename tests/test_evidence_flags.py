"""`evidence edit ID --flag …`: one field at a time, checked like `log`, no editor; short ids;
the trash behind `evidence rm` and `evidence restore`; `evidence list --untagged`."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest

from pm_coach.store.evidence import EvidenceStore
from tests.conftest import WriteData

LOG = """\
# pm-coach evidence log: one [[evidence]] table per entry. Safe to edit by hand.
schema_version = 1

# my Q3 notes, kept by hand
[[evidence]]
id = "abc123"
date = 2026-10-01
text = "Ran the Q3 bet review with finance"
metrics = ["+3% margin"]
gaps = ["strategy"]
tags = ["q3"]
kind = "work"
created = 2026-10-01T09:00:00Z

[[evidence]]
id = "abd456"
date = 2026-10-02
text = "Spoke at the product meetup"
kind = "talk"
org = "ProductTank"
created = 2026-10-02T09:00:00Z
# trailing note

[[evidence]]
id = "xyz789"
date = 2026-10-03
text = "Mentored a junior PM"
kind = "work"
created = 2026-10-03T09:00:00Z
"""


@pytest.fixture
def logged(write_data: WriteData) -> Path:
    return write_data("evidence.toml", LOG)


def entry(home: Path, entry_id: str):
    return next(e for e in EvidenceStore(home).load() if e.id == entry_id)


# --- edit with flags --------------------------------------------------------------------------


def test_flags_change_only_the_named_fields_and_keep_comments(run, home: Path, logged) -> None:
    r = run(
        "evidence", "edit", "abc123",
        "--result", "Dropped two bets",
        "--add-gap", "buy-in",
        "--rm-metric", "+3% margin",
        "--add-metric", "saves 3 eng-months",
        "--add-tag", "#finance",
        "--rm-tag", "Q3",
        "--goal", "Fund the payments bet",
        "--scope", "company",
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    assert r.stdout == (
        "Saved abc123 · 2026-10-01 · Ran the Q3 bet review with… [strategy, buy-in]\n"
        "  Changed: result, metrics, gaps, tags, goal, scope.\n"
    )
    assert r.stderr == ""
    e = entry(home, "abc123")
    assert e.result == "Dropped two bets"
    assert e.gaps == ["strategy", "buy-in"]
    assert e.metrics == ["saves 3 eng-months"]
    assert e.tags == ["finance"]
    assert e.goal == "Fund the payments bet" and e.scope == "company"
    text = logged.read_text("utf-8")
    assert "# my Q3 notes, kept by hand\n" in text and "# trailing note\n" in text
    # the other entries' lines are untouched, byte for byte
    assert LOG[LOG.index('[[evidence]]\nid = "abd456"') :] in text


def test_text_date_kind_org_and_clearing(run, home: Path, logged) -> None:
    r = run(
        "evidence", "edit", "abd456",
        "--text", "Spoke on pricing at the product meetup",
        "--date", "2026-09-30",
        "--kind", "Volunteer",
        "--org", "",
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    e = entry(home, "abd456")
    assert e.text == "Spoke on pricing at the product meetup"
    assert e.date == dt.date(2026, 9, 30)
    assert e.kind == "volunteer" and e.org == ""


def test_action_tags_its_gap_when_the_entry_has_none(run, home: Path, logged) -> None:
    r = run("evidence", "edit", "xyz789", "--action", "delegation-coach-pm")
    assert r.exit_code == 0, r.output
    e = entry(home, "xyz789")
    assert e.action == "delegation-coach-pm"
    assert e.gaps == ["delegation"]


def test_action_by_a_unique_start(run, home: Path, logged) -> None:
    r = run("evidence", "edit", "xyz789", "--action", "delegation-coach")
    assert r.exit_code == 0, r.output
    assert entry(home, "xyz789").action == "delegation-coach-pm"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--add-gap", "confidance"], "unknown gap 'confidance'"),
        (["--rm-gap", "domain"], "--rm-gap 'domain': the entry has no such gap."),
        (["--rm-metric", "+4% margin"], "--rm-metric '+4% margin': the entry has no such metric."),
        (["--rm-tag", "q4"], "--rm-tag 'q4': the entry has no such tag."),
        (["--date", "tomorrow"], "--date 'tomorrow' is not a date"),
        (["--kind", "podcast"], "unknown kind 'podcast'"),
        (["--scope", "world"], "unknown scope 'world'"),
        (["--text", "  "], "--text is empty."),
        (["--action", "no-such-action"], "unknown action 'no-such-action'"),
        (["--result", "x" * 2000], "--result"),
    ],
)
def test_bad_flags_are_refused_and_nothing_changes(
    run, home: Path, logged, args: list[str], message: str
) -> None:
    before = logged.read_bytes()
    r = run("evidence", "edit", "abc123", *args)
    assert r.exit_code == 2, r.output
    assert message in r.stderr
    assert "Traceback" not in r.output
    assert logged.read_bytes() == before


def test_a_future_date_is_refused(run, home: Path, logged) -> None:
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    r = run("evidence", "edit", "abc123", "--date", future)
    assert r.exit_code == 2 and "in the future" in r.stderr


def test_a_change_to_what_is_there_writes_nothing(run, home: Path, logged) -> None:
    before = os.stat(logged).st_mtime_ns, logged.read_bytes()
    r = run("evidence", "edit", "abc123", "--add-gap", "strategy")
    assert r.exit_code == 0
    assert r.stdout == "No changes to abc123: it already reads so.\n"
    assert (os.stat(logged).st_mtime_ns, logged.read_bytes()) == before


def test_bullet_alone_keeps_its_own_message(run, home: Path, logged) -> None:
    r = run("evidence", "edit", "abc", "--bullet", "Chaired the Q3 bet review")
    assert r.stdout == "Saved the CV line of abc123: Chaired the Q3 bet review\n"


# --- the editor fallback ----------------------------------------------------------------------


def test_no_editor_and_no_terminal_points_to_the_flags(
    run, home: Path, logged, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    monkeypatch.setattr(shutil, "which", lambda name: f"/usr/bin/{name}")
    r = run("evidence", "edit", "abc123")
    assert r.exit_code == 6
    assert "no editor is set ($VISUAL, $EDITOR), and nano needs a terminal." in r.stderr
    assert 'pm-coach evidence edit abc123 --result "What came of it"' in r.stderr


def test_no_editor_falls_back_to_nano_then_vi_and_says_which(
    run, home: Path, logged, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil
    import subprocess

    from pm_coach.app import terminal

    monkeypatch.setattr(terminal, "interactive", lambda: True)
    monkeypatch.setattr(shutil, "which", lambda name: "/usr/bin/vi" if name == "vi" else None)
    ran: list[list[str]] = []
    monkeypatch.setattr(subprocess, "run", lambda cmd, **kw: ran.append(cmd))
    r = run("evidence", "edit", "abc123")
    assert r.exit_code == 0, r.output
    assert ran and ran[0][0] == "vi"
    assert "No $VISUAL or $EDITOR is set: opening the entry in vi." in r.stderr
    assert r.stdout == "No changes.\n"

    monkeypatch.setattr(shutil, "which", lambda name: f"/usr/bin/{name}")
    ran.clear()
    r = run("evidence", "edit", "abc123")
    assert ran[0][0] == "nano"


def test_neither_nano_nor_vi(run, home: Path, logged, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    monkeypatch.setattr(shutil, "which", lambda name: None)
    r = run("evidence", "edit", "abc123")
    assert r.exit_code == 6
    assert "neither nano nor vi was found" in r.stderr


# --- short ids --------------------------------------------------------------------------------


def test_a_unique_start_names_the_entry_everywhere(run, home: Path, logged) -> None:
    r = run("evidence", "show", "xyz", "--json")
    assert r.exit_code == 0, r.output
    assert '"id": "xyz789"' in r.stdout
    r = run("evidence", "edit", "ABD4", "--add-tag", "pricing")
    assert r.exit_code == 0 and r.stdout.startswith("Saved abd456 · ")


def test_fewer_than_three_characters_or_no_match_is_not_found(run, home: Path, logged) -> None:
    before = logged.read_bytes()
    r = run("evidence", "edit", "xy", "--add-tag", "x")
    assert r.exit_code == 4
    assert "Type at least the first 3 characters of an id." in r.stderr
    r = run("evidence", "rm", "xya", "--yes")
    assert r.exit_code == 4 and "no evidence entry with id 'xya'." in r.stderr
    assert logged.read_bytes() == before


def test_a_shared_start_is_a_usage_error_listing_both(run, home: Path, logged) -> None:
    text = logged.read_text("utf-8").replace('id = "abd456"', 'id = "abc999"')
    logged.write_text(text, "utf-8")
    before = logged.read_bytes()
    r = run("evidence", "rm", "abc", "--yes")
    assert r.exit_code == 2
    assert r.stderr == (
        "pm-coach: error: 'abc' is the start of 2 evidence ids:\n"
        "  abc123  2026-10-01  Ran the Q3 bet review with finance\n"
        "  abc999  2026-10-02  Spoke at the product meetup\n"
        "  hint: Type more of the id, enough to tell it from the others.\n"
    )
    assert logged.read_bytes() == before
    # a whole id wins even when it starts another
    text = logged.read_text("utf-8").replace('id = "abc999"', 'id = "abc1234"')
    logged.write_text(text, "utf-8")
    r = run("evidence", "show", "abc123", "--json")
    assert r.exit_code == 0 and '"id": "abc123"' in r.stdout


# --- the trash --------------------------------------------------------------------------------


def test_rm_keeps_the_entry_in_the_trash_and_restore_brings_it_back(
    run, home: Path, logged
) -> None:
    original = entry(home, "abc123")
    r = run("evidence", "rm", "abc", "--yes")
    assert r.exit_code == 0, r.output
    assert r.stdout == (
        "Removed abc123 · 2026-10-01 · Ran the Q3 bet review with finance [strategy]\n"
    )
    assert "Kept in the trash; put it back with: pm-coach evidence restore abc123\n" in r.stderr
    assert [e.id for e in EvidenceStore(home).load()] == ["abd456", "xyz789"]
    trash = home / "trash.toml"
    assert stat.S_IMODE(os.stat(trash).st_mode) == 0o600
    text = trash.read_text("utf-8")
    assert text.startswith("# pm-coach trash: the last 50 evidence entries removed")
    assert 'id = "abc123"' in text

    r = run("evidence", "restore", "abc1")
    assert r.exit_code == 0, r.output
    assert r.stdout == (
        "Restored abc123 · 2026-10-01 · Ran the Q3 bet review with finance [strategy]\n"
    )
    assert entry(home, "abc123") == original
    assert 'id = "abc123"' not in trash.read_text("utf-8")
    # the comments of the log survived both rewrites
    assert "# my Q3 notes, kept by hand\n" in logged.read_text("utf-8")


def test_restoring_an_id_that_exists_again_is_refused(run, home: Path, logged) -> None:
    assert run("evidence", "rm", "abc123", "--yes").exit_code == 0
    text = logged.read_text("utf-8")
    logged.write_text(
        text + '\n[[evidence]]\nid = "abc123"\ndate = 2026-11-01\ntext = "Another"\n'
        'kind = "work"\ncreated = 2026-11-01T09:00:00Z\n',
        "utf-8",
    )
    before = logged.read_bytes()
    r = run("evidence", "restore", "abc123")
    assert r.exit_code == 6
    assert "the log already has an entry with id abc123" in r.stderr
    assert logged.read_bytes() == before
    assert 'id = "abc123"' in (home / "trash.toml").read_text("utf-8")


def test_restore_of_an_id_not_in_the_trash(run, home: Path, logged) -> None:
    r = run("evidence", "restore", "abc123")
    assert r.exit_code == 4 and "The trash is empty." in r.stderr
    run("evidence", "rm", "xyz789", "--yes")
    r = run("evidence", "restore", "abc123")
    assert r.exit_code == 4 and "Removed most recently: xyz789." in r.stderr


def test_the_trash_keeps_the_last_50(run, home: Path) -> None:
    from pm_coach.models import Evidence
    from pm_coach.store.trash import load_trash, put_in_trash

    for n in range(53):
        put_in_trash(
            home,
            Evidence(
                id=f"t{n:03d}",
                date=dt.date(2026, 1, 1),
                text=f"entry {n}",
                created=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
            ),
        )
    kept = [e.id for e in load_trash(home)]
    assert len(kept) == 50
    assert kept[0] == "t003" and kept[-1] == "t052"


# --- list --untagged --------------------------------------------------------------------------


def test_list_untagged(run, home: Path, logged) -> None:
    r = run("evidence", "list", "--untagged", "--json")
    assert r.exit_code == 0
    import json

    assert [e["id"] for e in json.loads(r.stdout)] == ["abd456", "xyz789"]
