"""Your own wording: the review questions key by key, --review, --approved and edit --bullet."""

from __future__ import annotations

import datetime as dt
import json
import stat
from pathlib import Path

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from pm_coach.errors import Cancelled
from pm_coach.models import Evidence
from pm_coach.prompts.review import review_bullet
from pm_coach.store.evidence import EvidenceStore

DOWN, ENTER, CTRL_U, CTRL_C, ESC = "\x1b[B", "\r", "\x15", "\x03", "\x1b"
CREATED = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)
DRAFT = "Ran the Q3 bet review with finance"


def answer(keys: str) -> tuple[str, str]:
    with create_pipe_input() as inp:
        inp.send_text(keys)
        return review_bullet(1, 3, "entry", DRAFT, input=inp, output=DummyOutput())


# --- the questions, key by key --------------------------------------------------------------------


def test_enter_accepts_the_draft() -> None:
    assert answer(ENTER) == ("accept", "Ran the Q3 bet review with finance")


def test_edit_starts_from_the_draft() -> None:
    assert answer(DOWN + ENTER + " and risk" + ENTER) == (
        "edit",
        "Ran the Q3 bet review with finance and risk",
    )


def test_edit_can_replace_the_whole_line() -> None:
    assert answer(DOWN + ENTER + CTRL_U + "Chaired the Q3 bet review" + ENTER) == (
        "edit",
        "Chaired the Q3 bet review",
    )


def test_an_empty_edit_is_refused_until_something_is_written() -> None:
    keys = DOWN + ENTER + CTRL_U + ENTER + "Chaired it" + ENTER
    assert answer(keys) == ("edit", "Chaired it")


def test_skip_and_stop() -> None:
    assert answer(DOWN + DOWN + ENTER) == ("skip", "")
    assert answer(DOWN + DOWN + DOWN + ENTER) == ("stop", "")


@pytest.mark.parametrize("key", [CTRL_C, ESC])
def test_ctrl_c_or_esc_cancels_the_choice(key: str) -> None:
    with pytest.raises(Cancelled):
        answer(DOWN + key)


def test_ctrl_c_cancels_in_the_middle_of_an_edit() -> None:
    with pytest.raises(Cancelled):
        answer(DOWN + ENTER + " more" + CTRL_C)


# --- the command --------------------------------------------------------------------------------


def ev(entry_id: str, text: str, **kw: object) -> Evidence:
    return Evidence(id=entry_id, date=dt.date(2025, 9, 1), text=text, created=CREATED, **kw)


def add(home: Path, *entries: Evidence) -> None:
    store = EvidenceStore(home)
    for e in entries:
        store.append(lambda _new, e=e: e)


@pytest.fixture
def two(home: Path) -> Path:
    add(
        home,
        ev("bet001", "Ran the Q3 bet review with finance", result="Dropped two bets"),
        ev("onb002", "Responsible for the onboarding funnel"),
    )
    return home


def test_review_without_a_terminal_exits_6_with_a_hint(run, two: Path) -> None:
    r = run("export", "--review")
    assert r.exit_code == 6
    assert "not an interactive terminal" in r.stderr
    assert 'pm-coach evidence edit bet001 --bullet "…"' in r.stderr
    assert all(not e.bullet for e in EvidenceStore(two).load())


def test_review_with_nothing_left_says_so(run, home: Path) -> None:
    add(home, ev("own001", "Ran a review", bullet="Ran the annual pricing review"))
    r = run("export", "--review")
    assert r.exit_code == 0
    assert "Nothing to review" in r.stdout


def test_review_refuses_lint_approved_and_output(run, two: Path) -> None:
    for extra in (["--lint"], ["--approved"], ["-o", "cv.txt"]):
        r = run("export", "--review", *extra)
        assert r.exit_code == 2
        assert "do not go together" in r.stderr


def test_edit_bullet_sets_the_line_export_uses_word_for_word(run, two: Path) -> None:
    r = run("evidence", "edit", "bet001", "--bullet", "Chaired the Q3 bet review; two bets cut")
    assert r.exit_code == 0, r.output
    assert r.stdout == "Saved the CV line of bet001: Chaired the Q3 bet review; two bets cut\n"
    out = run("export").stdout.splitlines()
    assert "Chaired the Q3 bet review; two bets cut" in out
    assert "Owned the onboarding funnel" in out  # the other entry is still drafted
    approved = run("export", "--approved")
    assert approved.stdout == "Chaired the Q3 bet review; two bets cut\n"
    rows = json.loads(run("export", "--approved", "--format", "json").stdout)
    assert [row["id"] for row in rows] == ["bet001"]
    mode = stat.S_IMODE((two / "evidence.toml").stat().st_mode)
    assert mode == 0o600


def test_edit_bullet_empty_clears_it(run, two: Path) -> None:
    run("evidence", "edit", "bet001", "--bullet", "Chaired the Q3 bet review")
    r = run("evidence", "edit", "bet001", "--bullet", "")
    assert r.stdout == "Cleared the CV line of bet001; export drafts it again.\n"
    assert "bullet" not in (two / "evidence.toml").read_text("utf-8")
    assert run("export", "--approved").stderr.startswith("No approved lines yet.")


def test_edit_bullet_changes_only_that_field(run, two: Path) -> None:
    run("evidence", "edit", "onb002", "--bullet", "Owned the onboarding funnel end to end")
    [bet, onb] = sorted(EvidenceStore(two).load(), key=lambda e: e.id)
    assert bet.result == "Dropped two bets" and not bet.bullet
    assert onb.bullet == "Owned the onboarding funnel end to end"


def test_edit_bullet_refuses_an_unknown_id_or_a_bad_line(run, two: Path) -> None:
    before = (two / "evidence.toml").read_bytes()
    r = run("evidence", "edit", "nope99", "--bullet", "x")
    assert r.exit_code == 4 and "no evidence entry with id 'nope99'" in r.stderr
    r = run("evidence", "edit", "bet001", "--bullet", "x" * 1001)
    assert r.exit_code == 2 and "--bullet" in r.stderr
    assert (two / "evidence.toml").read_bytes() == before


def test_old_files_without_bullet_load_unchanged(run, home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "evidence.toml").write_text(
        'schema_version = 1\n\n[[evidence]]\nid = "abc123"\ndate = 2025-01-02\n'
        'text = "Ran the review"\nkind = "work"\ncreated = 2025-01-02T09:00:00Z\n',
        "utf-8",
    )
    [e] = EvidenceStore(home).load()
    assert e.bullet == ""
    assert run("export").stdout == "Ran the review\n"
