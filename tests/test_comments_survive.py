"""Hand-written comments survive every rewrite pm-coach makes (issue #20, part 5).

Each test writes a commented file the way a person might, runs one command that rewrites it, and
compares the whole file with the literal text expected: only the changed entry's lines differ.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.conftest import WriteData

EVIDENCE = """\
# pm-coach evidence log: one [[evidence]] table per entry. Safe to edit by hand.
# My own note: entries from the Acme years are below.
schema_version = 1

[[evidence]]
id = "aaa111"
date = 2026-03-01
text = "Ran the pricing review"   # the big one
gaps = ["strategy"]
kind = "work"
created = 2026-03-01T10:00:00Z

# --- moved teams in April ---
[[evidence]]
id = "bbb222"
date = 2026-04-02
text = "Coached a new PM"
kind = "work"
created = 2026-04-02T10:00:00Z

[[evidence]]
id = "ccc333"
date = 2026-05-03
text = "Spoke at a meetup"
kind = "talk"
created = 2026-05-03T10:00:00Z
# trailing note, keep me
"""


def test_evidence_rm_removes_only_that_entrys_lines(run, home: Path, write_data: WriteData) -> None:
    path = write_data("evidence.toml", EVIDENCE)
    r = run("evidence", "rm", "bbb222", "--yes")
    assert r.exit_code == 0, r.output
    assert path.read_text("utf-8") == EVIDENCE.replace(
        '[[evidence]]\nid = "bbb222"\ndate = 2026-04-02\ntext = "Coached a new PM"\n'
        'kind = "work"\ncreated = 2026-04-02T10:00:00Z\n\n',
        "",
    )
    assert '# --- moved teams in April ---\n[[evidence]]\nid = "ccc333"' in path.read_text()


def test_evidence_rm_of_the_last_entry_keeps_the_trailing_comment(
    run, home: Path, write_data: WriteData
) -> None:
    path = write_data("evidence.toml", EVIDENCE)
    r = run("evidence", "rm", "ccc333", "--yes")
    assert r.exit_code == 0, r.output
    assert path.read_text("utf-8") == EVIDENCE.replace(
        '[[evidence]]\nid = "ccc333"\ndate = 2026-05-03\ntext = "Spoke at a meetup"\n'
        'kind = "talk"\ncreated = 2026-05-03T10:00:00Z\n',
        "",
    )


def test_evidence_edit_replaces_only_that_entry(
    run, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write_data: WriteData
) -> None:
    path = write_data("evidence.toml", EVIDENCE)
    script = tmp_path / "fake_editor.py"
    script.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "p.write_text(p.read_text().replace('result = \"\"', 'result = \"Won a bigger deal\"'))\n"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    r = run("evidence", "edit", "bbb222")
    assert r.exit_code == 0, r.output
    assert path.read_text("utf-8") == EVIDENCE.replace(
        'text = "Coached a new PM"\nkind = "work"\n',
        'text = "Coached a new PM"\nresult = "Won a bigger deal"\nkind = "work"\n',
    )


def test_log_after_a_removal_appends_and_keeps_the_comments(
    run, home: Path, write_data: WriteData
) -> None:
    path = write_data("evidence.toml", EVIDENCE)
    assert run("evidence", "rm", "aaa111", "--yes").exit_code == 0
    r = run("log", "Shipped the beta", "--date", "2026-06-01")
    assert r.exit_code == 0, r.output
    text = path.read_text("utf-8")
    assert text.startswith(
        "# pm-coach evidence log: one [[evidence]] table per entry. Safe to edit by hand.\n"
        "# My own note: entries from the Acme years are below.\nschema_version = 1\n\n\n"
        '# --- moved teams in April ---\n[[evidence]]\nid = "bbb222"'
    )
    assert "# trailing note, keep me\n" in text
    assert text.count("\n[[evidence]]\n") == 3


PROFILE = """\
# pm-coach profile. Safe to edit by hand.
schema_version = 1

# who I am
name = "Ann"   # as on my badge
hours_per_week = 3
map = "leadership"

# where I live (for the CV)
location = "Leeds, UK"
"""


def test_profile_set_keeps_comments(run, home: Path, write_data: WriteData) -> None:
    path = write_data("profile.toml", PROFILE)
    r = run("profile", "set", "--name", "Ann Lee", "--hours-per-week", "4")
    assert r.exit_code == 0, r.output
    assert path.read_text("utf-8") == PROFILE.replace('"Ann"', '"Ann Lee"').replace(
        "hours_per_week = 3", "hours_per_week = 4"
    )


def test_profile_set_adds_a_field_and_keeps_comments(
    run, home: Path, write_data: WriteData
) -> None:
    path = write_data("profile.toml", PROFILE)
    r = run("profile", "set", "--email", "ann@example.org")
    assert r.exit_code == 0, r.output
    assert path.read_text("utf-8") == PROFILE + 'email = "ann@example.org"\n'


NETWORK = """\
# pm-coach support network: one [[contact]] table per person. Safe to edit by hand.
schema_version = 1

# met at Mind the Product
[[contact]]
name = "Bo Li"
kind = "mentor"
helps = ["strategy"]
created = 2026-01-05T09:00:00Z

[[contact]]
name = "Cy Ng"   # my coach
kind = "coach"
created = 2026-02-05T09:00:00Z
"""


def test_network_edit_and_rm_keep_comments(run, home: Path, write_data: WriteData) -> None:
    path = write_data("network.toml", NETWORK)
    r = run("network", "edit", "Bo Li", "--note", "monthly calls")
    assert r.exit_code == 0, r.output
    edited = NETWORK.replace(
        'helps = ["strategy"]\ncreated', 'helps = ["strategy"]\nnote = "monthly calls"\ncreated'
    )
    assert path.read_text("utf-8") == edited
    r = run("network", "rm", "Cy Ng", "--yes")
    assert r.exit_code == 0, r.output
    assert path.read_text("utf-8") == edited.replace(
        '\n[[contact]]\nname = "Cy Ng"   # my coach\nkind = "coach"\n'
        "created = 2026-02-05T09:00:00Z\n",
        "",
    )
