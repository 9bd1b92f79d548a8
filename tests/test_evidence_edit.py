"""`pm-coach evidence edit`: the entry opens as TOML in $EDITOR; only a valid edit is saved."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from pm_coach.store.evidence import EvidenceStore


def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *edits: tuple[str, str]) -> Path:
    """An $EDITOR that applies the given regex substitutions, one per run, and logs each run."""
    script = tmp_path / "fake_editor.py"
    runs = tmp_path / "editor-runs"
    script.write_text(
        "import re, sys, pathlib\n"
        f"edits = {list(edits)!r}\n"
        f"runs = pathlib.Path({str(runs)!r})\n"
        "n = len(runs.read_text().splitlines()) if runs.exists() else 0\n"
        "runs.write_text((runs.read_text() if runs.exists() else '') + sys.argv[1] + '\\n')\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "pat, rep = edits[min(n, len(edits) - 1)]\n"
        "p.write_text(re.sub(pat, rep, p.read_text(), flags=re.M))\n"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    return runs


def log(run, *args: str) -> str:
    r = run("log", *args)
    assert r.exit_code == 0, r.output
    return re.search(r"Logged (\w+)", r.stdout).group(1)


def test_valid_edit_is_saved(
    run, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry_id = log(run, "Ran the pricing review", "--gap", "strategy")
    other = log(run, "Another entry")
    runs = editor(
        tmp_path,
        monkeypatch,
        (
            r'^result = ""\n(metrics = .*)\ngaps = .*$',
            r'result = "Cut two bets"\n\1\ngaps = ["strategy", "buy-in"]',
        ),
    )
    r = run("evidence", "edit", entry_id)
    assert r.exit_code == 0, r.output
    assert "Saved" in r.stdout
    entries = {e.id: e for e in EvidenceStore(home).load()}
    assert entries[entry_id].result == "Cut two bets"
    assert entries[entry_id].gaps == ["strategy", "buy-in"]
    assert entries[other].text == "Another entry"
    # the temp file lived in the private data folder and is gone
    edited = Path(runs.read_text().strip())
    assert edited.parent == home and not edited.exists()


def test_unchanged_edit_saves_nothing(
    run, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry_id = log(run, "Ran the pricing review")
    before = (home / "evidence.toml").read_bytes()
    editor(tmp_path, monkeypatch, ("^nothing-matches$", ""))
    r = run("evidence", "edit", entry_id)
    assert r.exit_code == 0 and "No changes" in r.stdout
    assert (home / "evidence.toml").read_bytes() == before


@pytest.mark.parametrize(
    ("pattern", "replacement", "needle"),
    [
        (r"^date = .*$", "date = 2999-01-01", "future"),
        (r"^gaps = .*$", 'gaps = ["not-a-gap"]', "unknown gap"),
        (r"^text = .*$", 'text = "unterminated', "not valid TOML"),
        (r"^id = .*$", 'id = "zzzzzz"', "id cannot change"),
        (r"^kind = .*$", 'kind = "blog"', "kind"),
    ],
)
def test_invalid_edit_without_terminal_is_abandoned(
    run, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pattern, replacement, needle
) -> None:
    entry_id = log(run, "Ran the pricing review", "--gap", "strategy")
    before = (home / "evidence.toml").read_bytes()
    editor(tmp_path, monkeypatch, (pattern, replacement))
    r = run("evidence", "edit", entry_id)
    assert r.exit_code == 2, r.output
    assert needle in r.stderr and "abandoned" in r.stderr
    assert (home / "evidence.toml").read_bytes() == before


def test_invalid_edit_is_offered_again_on_a_terminal(
    run, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pm_coach import prompts
    from pm_coach.app import terminal

    entry_id = log(run, "Ran the pricing review")
    runs = editor(
        tmp_path, monkeypatch,
        (r"^date = .*$", "date = 2999-01-01"),  # first try: invalid
        (r"^date = .*$", "date = 2026-01-15"),  # second try: fixed
    )  # fmt: skip
    monkeypatch.setattr(terminal, "interactive", lambda: True)
    asked: list[str] = []
    monkeypatch.setattr(prompts, "confirm", lambda msg, **_: asked.append(msg) or True)
    r = run("evidence", "edit", entry_id)
    assert r.exit_code == 0, r.output
    assert len(runs.read_text().splitlines()) == 2 and len(asked) == 1
    [e] = EvidenceStore(home).load()
    assert str(e.date) == "2026-01-15"


def test_emptied_file_abandons(
    run, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry_id = log(run, "Ran the pricing review")
    before = (home / "evidence.toml").read_bytes()
    editor(tmp_path, monkeypatch, (r"(?s).*", ""))
    r = run("evidence", "edit", entry_id)
    assert r.exit_code == 0 and "No changes" in r.stdout
    assert (home / "evidence.toml").read_bytes() == before


def test_no_editor_set(run) -> None:
    entry_id = log(run, "x")
    r = run("evidence", "edit", entry_id)
    assert r.exit_code == 6 and "$EDITOR" in r.stderr


def test_missing_editor_program(run, monkeypatch: pytest.MonkeyPatch) -> None:
    entry_id = log(run, "x")
    monkeypatch.setenv("EDITOR", "no-such-editor-anywhere")
    r = run("evidence", "edit", entry_id)
    assert r.exit_code == 6 and "not found" in r.stderr
