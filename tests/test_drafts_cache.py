"""Drafted CV lines kept between runs are used only when the very same writer made them from
the very same fields, are read one entry at a time, and the file they are kept in can build
nothing but drafts. Anything wrong with the file means drafting again, never another line."""

from __future__ import annotations

import ast
import datetime as dt
import marshal
import os
import shutil
from pathlib import Path

import pytest

from pm_coach.app import drafts
from pm_coach.core import bullets, ranking
from pm_coach.core.bullets import memo
from pm_coach.models import Evidence
from pm_coach.store import record_file
from pm_coach.store.view_cache import code_fingerprint

ENTRY = Evidence(
    id="abc",
    date=dt.date(2026, 5, 1),
    text="Ran the pricing review with finance",
    result="Finance funded phase two",
    created=dt.datetime(2026, 5, 1, tzinfo=dt.UTC),
)
ENTRY_LINE = "Ran the pricing review with finance, so finance funded phase two"
OTHER = Evidence(
    id="def",
    date=dt.date(2026, 5, 2),
    text="Wrote a one-page strategy for payments",
    metrics=["+12% activation"],
    created=dt.datetime(2026, 5, 2, tzinfo=dt.UTC),
)
OTHER_LINE = "Wrote a one-page strategy for payments (+12% activation)"


@pytest.fixture(autouse=True)
def fresh_run(monkeypatch: pytest.MonkeyPatch) -> None:
    _next_run(monkeypatch)


def _next_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a new process starts from: nothing drafted, scored or read yet."""
    monkeypatch.setattr(memo, "_drafts", {})
    monkeypatch.setattr(ranking, "_scores", {})
    monkeypatch.setattr(drafts, "_loaded_scores", 0)
    monkeypatch.setattr(drafts, "_main_scores", {})


def _no_drafting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Count the drafts the writer is asked for from now on (every draft is written through
    the memo module's ``write_draft``, kept or not)."""
    asked: list[str] = []
    write = bullets.write_bullet

    def counted(text: str, **kw: object) -> bullets.Bullet:
        asked.append(text)
        return write(text, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(memo, "write_bullet", counted)
    return asked


def _kept_run(home: Path, *entries: Evidence) -> drafts.KeptDrafts:
    kept = drafts.KeptDrafts(home)
    for e in entries:
        kept.line(e)
    kept.save(entries)
    return kept


def test_kept_lines_come_back_in_the_next_run_without_drafting(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home.mkdir(parents=True)
    assert drafts.KeptDrafts(home).line(ENTRY) == (ENTRY_LINE, False)  # nothing kept yet
    _kept_run(home, ENTRY)
    assert os.stat(home / drafts.NAME).st_mode & 0o777 == 0o600
    asked = _no_drafting(monkeypatch)
    kept = drafts.KeptDrafts(home)
    assert kept.line(ENTRY) == (ENTRY_LINE, False)
    assert kept.bullet(ENTRY).text == ENTRY_LINE  # the whole draft, read on its own
    assert asked == []
    assert memo.known_drafts() == {}  # nothing kept in the process's memo either


def test_an_edited_entry_is_drafted_again(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home.mkdir(parents=True)
    _kept_run(home, ENTRY)
    asked = _no_drafting(monkeypatch)
    edited = ENTRY.model_copy(update={"result": "Finance cut the budget 10%"})
    kept = drafts.KeptDrafts(home)
    assert kept.line(edited) == (
        "Ran the pricing review with finance, so finance cut the budget 10%",
        False,
    )
    assert (
        kept.bullet(edited).text
        == "Ran the pricing review with finance, so finance cut the budget 10%"
    )
    assert asked == ["Ran the pricing review with finance"]  # once: the line and the draft


def test_drafts_of_another_writer_are_not_used(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home.mkdir(parents=True)
    _kept_run(home, ENTRY)
    monkeypatch.setattr(drafts, "_writer_key", lambda: 12345)  # the writer's source changed
    asked = _no_drafting(monkeypatch)
    assert drafts.KeptDrafts(home).line(ENTRY) == (ENTRY_LINE, False)
    assert asked == ["Ran the pricing review with finance"]


def test_drafts_of_another_pm_coach_version_are_not_used(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pm_coach.store import view_cache

    home.mkdir(parents=True)
    _kept_run(home, ENTRY)
    monkeypatch.setattr(view_cache, "__version__", "0.0.1-other")
    asked = _no_drafting(monkeypatch)
    assert drafts.KeptDrafts(home).line(ENTRY) == (ENTRY_LINE, False)
    assert asked == ["Ran the pricing review with finance"]


def _damaged(path: Path, how: str) -> None:
    data = bytearray(path.read_bytes())
    if how == "empty":
        data = bytearray()
    elif how == "rubbish":
        data = bytearray(b"rubbish")
    elif how == "torn":
        del data[len(data) // 2 :]
    elif how == "index byte":
        data[60] ^= 0xFF  # inside the header or the index: both are checksummed
    elif how == "body byte":
        data[-3] ^= 0xFF  # inside the last entry's draft
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["empty", "rubbish", "torn", "index byte", "body byte"])
def test_a_damaged_drafts_file_means_drafting_again(
    home: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    home.mkdir(parents=True)
    _kept_run(home, OTHER, ENTRY)
    _damaged(home / drafts.NAME, how)
    kept = drafts.KeptDrafts(home)
    assert kept.line(ENTRY) == (ENTRY_LINE, False)
    assert kept.bullet(ENTRY).text == ENTRY_LINE
    assert kept.line(OTHER) == (OTHER_LINE, False)
    assert kept.bullet(OTHER).text == OTHER_LINE


@pytest.mark.parametrize("named", ["os:system", "../os:system", "write:write_bullet", "x"])
def test_a_kept_draft_that_would_build_anything_else_is_drafted_again(
    home: Path, named: str
) -> None:
    home.mkdir(parents=True)
    check = drafts.checksum(ENTRY)
    body = marshal.dumps([named, "echo should-not-run"])
    record_file.write(
        home / drafts.NAME, drafts._writer_key(), [("abc", (check, "a lie", False), body)]
    )
    kept = drafts.KeptDrafts(home)
    assert kept.line(ENTRY) == ("a lie", False)  # the line is the file's word (its checksum held)
    bullet = kept.bullet(ENTRY)  # but no draft is built from what the body names
    assert isinstance(bullet, bullets.Bullet) and bullet.text == ENTRY_LINE


def test_drafts_of_removed_entries_are_dropped(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home.mkdir(parents=True)
    monkeypatch.setattr(drafts, "ADDED_MAX", 0)  # every new draft: the big file written again
    _kept_run(home, ENTRY, OTHER)
    _kept_run(home, OTHER)  # drafts nothing: the file is left as it was
    assert sorted(record_file.RecordFile.open(home / drafts.NAME, drafts._writer_key()).index) == [
        "abc",
        "def",
    ]
    new = Evidence(
        id="ghi",
        date=dt.date(2026, 5, 3),
        text="Hired two PMs",
        created=dt.datetime(2026, 5, 3, tzinfo=dt.UTC),
    )
    _kept_run(home, OTHER, new)  # ENTRY was removed from the log, one new entry drafted
    kept = record_file.RecordFile.open(home / drafts.NAME, drafts._writer_key())
    assert sorted(kept.index) == ["def", "ghi"]
    assert kept.index["def"][1] == OTHER_LINE


NEW = Evidence(
    id="ghi",
    date=dt.date(2026, 5, 3),
    text="Hired two PMs",
    created=dt.datetime(2026, 5, 3, tzinfo=dt.UTC),
)


def test_a_few_new_drafts_are_kept_apart_and_used(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home.mkdir(parents=True)
    _kept_run(home, ENTRY)
    big = (home / drafts.NAME).read_bytes()
    _kept_run(home, ENTRY, OTHER)  # a run after a log: one new line
    assert (home / drafts.NAME).read_bytes() == big  # 5 MB at 10,000 entries: not written again
    assert os.stat(home / drafts.ADDED_DRAFTS).st_mode & 0o777 == 0o600
    _next_run(monkeypatch)
    asked = _no_drafting(monkeypatch)
    kept = drafts.KeptDrafts(home)
    assert kept.line(OTHER) == (OTHER_LINE, False)
    assert kept.bullet(OTHER).text == OTHER_LINE
    assert kept.line(ENTRY) == (ENTRY_LINE, False)
    edited = OTHER.model_copy(update={"metrics": ["+15% activation"]})
    assert kept.line(edited) == ("Wrote a one-page strategy for payments (+15% activation)", False)
    assert asked == ["Wrote a one-page strategy for payments"]  # only the edited one


def test_new_drafts_of_removed_entries_are_dropped_and_many_go_to_the_big_file(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home.mkdir(parents=True)
    _kept_run(home, ENTRY)
    _kept_run(home, ENTRY, OTHER)
    _kept_run(home, ENTRY, NEW)  # OTHER was removed from the log
    key = drafts._writer_key()
    assert sorted(drafts._read_added(home, drafts.ADDED_DRAFTS, key)) == ["ghi"]
    monkeypatch.setattr(drafts, "ADDED_MAX", 1)
    _kept_run(home, ENTRY, NEW, OTHER)  # two kept apart now: more than ADDED_MAX
    assert not (home / drafts.ADDED_DRAFTS).exists()
    big = record_file.RecordFile.open(home / drafts.NAME, key)
    assert sorted(big.index) == ["abc", "def", "ghi"]
    assert big.index["def"][1] == OTHER_LINE


@pytest.mark.parametrize("damage", [b"", b"rubbish", b"\x80\x05\x95"])
def test_a_damaged_file_of_new_drafts_means_drafting_again(home: Path, damage: bytes) -> None:
    home.mkdir(parents=True)
    _kept_run(home, ENTRY)
    _kept_run(home, ENTRY, OTHER)
    (home / drafts.ADDED_DRAFTS).write_bytes(damage)
    kept = drafts.KeptDrafts(home)
    assert kept.line(OTHER) == (OTHER_LINE, False)
    assert kept.bullet(OTHER).text == OTHER_LINE


def test_records_are_indexed_in_parts_and_read_one_at_a_time(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home.mkdir(parents=True)
    monkeypatch.setattr(record_file, "PART", 2)
    records = [(f"n{i}", (i, f"line {i}"), f"body {i}".encode()) for i in range(5)]
    record_file.write(home / "test.cache", 7, records)
    found = record_file.RecordFile.open(home / "test.cache", 7)
    assert found is not None
    assert [found.index[f"n{i}"][:2] for i in range(5)] == [(i, f"line {i}") for i in range(5)]
    assert found.body(found.index["n3"]) == b"body 3"
    again = [("n1", found.index["n1"][:2], found.copied(found.index["n1"]))]
    record_file.write(home / "test.cache", 7, again)  # copies n1's body from the old file
    found.close()
    copied = record_file.RecordFile.open(home / "test.cache", 7)
    assert list(copied.index) == ["n1"] and copied.body(copied.index["n1"]) == b"body 1"
    assert record_file.RecordFile.open(home / "test.cache", 8) is None  # another key


# --- ranking scores -------------------------------------------------------------------------
ENTRY_SCORE_KEY = (
    "Ran the pricing review with finance",
    "Finance funded phase two",
    (),
    "",
    "work",
    "",
    None,
    "",
)


def test_ranking_scores_come_back_without_the_drafts(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home.mkdir(parents=True)
    assert ranking.top([ENTRY], 1, dt.date(2026, 6, 1)) == [ENTRY]
    drafts.save(home)
    _next_run(monkeypatch)
    drafts.load(home)
    # flagged (no metric), so tier 0; a result is worth 2; no scope words, no goal
    assert ranking.known_scores() == {ENTRY_SCORE_KEY: (0, 2.0)}
    assert bullets.known_drafts() == {}
    assert not (home / drafts.NAME).exists()  # ranking keeps no drafts


def test_ranking_a_log_with_no_kept_scores_keeps_no_draft(home: Path) -> None:
    # every entry is drafted to be scored, then let go: at 100,000 entries the drafts held in
    # the writer's memo were most of the memory of export --top
    ranking.top([ENTRY, OTHER], 1, dt.date(2026, 6, 1))
    assert len(ranking.known_scores()) == 2
    assert bullets.known_drafts() == {}


def test_scores_of_removed_entries_are_dropped(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home.mkdir(parents=True)
    ranking.top([ENTRY, OTHER], 2, dt.date(2026, 6, 1))
    drafts.save(home, lambda: [OTHER])  # ENTRY was removed from the log
    _next_run(monkeypatch)
    drafts.load(home)
    assert [key[0] for key in ranking.known_scores()] == ["Wrote a one-page strategy for payments"]


def test_a_few_new_scores_are_kept_apart_and_come_back(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home.mkdir(parents=True)
    ranking.top([ENTRY], 1, dt.date(2026, 6, 1))
    drafts.save(home, lambda: [ENTRY])
    big = (home / drafts.SCORES).read_bytes()
    _next_run(monkeypatch)
    drafts.load(home)
    ranking.top([ENTRY, OTHER], 1, dt.date(2026, 6, 1))  # OTHER logged since
    drafts.save(home, lambda: [ENTRY, OTHER])
    assert (home / drafts.SCORES).read_bytes() == big
    assert os.stat(home / drafts.ADDED_SCORES).st_mode & 0o777 == 0o600
    _next_run(monkeypatch)
    drafts.load(home)
    assert sorted(key[0] for key in ranking.known_scores()) == [
        "Ran the pricing review with finance",
        "Wrote a one-page strategy for payments",
    ]
    monkeypatch.setattr(drafts, "ADDED_MAX", 0)
    ranking.top([OTHER, NEW], 1, dt.date(2026, 6, 1))  # ENTRY removed, NEW logged
    drafts.save(home, lambda: [OTHER, NEW])
    assert not (home / drafts.ADDED_SCORES).exists()
    _next_run(monkeypatch)
    drafts.load(home)
    assert sorted(key[0] for key in ranking.known_scores()) == [
        "Hired two PMs",
        "Wrote a one-page strategy for payments",
    ]


@pytest.mark.parametrize("damage", [b"", b"rubbish", b"\x80\x05\x95"])
def test_a_damaged_scores_file_is_no_file(home: Path, damage: bytes) -> None:
    home.mkdir(parents=True)
    (home / drafts.SCORES).write_bytes(damage)
    drafts.load(home)
    assert ranking.known_scores() == {}


# --- the key --------------------------------------------------------------------------------
def test_the_key_covers_every_module_of_the_writer() -> None:
    names = [path.name for path in drafts.writer_files()]
    assert names == [
        "__init__.py",
        "action.py",
        "bullet.py",
        "clauses.py",
        "goal.py",
        "lead.py",
        "memo.py",
        "metrics.py",
        "result.py",
        "sections.py",
        "verbs.py",
        "wording.py",
        "write.py",
    ]
    assert drafts.writer_files()[0].parent == Path(bullets.__file__).parent


def test_a_change_to_any_writer_module_changes_the_key(tmp_path: Path) -> None:
    copy = tmp_path / "bullets"
    shutil.copytree(drafts.writer_files()[0].parent, copy)

    def key() -> int:
        return code_fingerprint([str(path) for path in drafts.writer_files(copy)])

    before = key()
    for path in drafts.writer_files(copy):
        source = path.read_bytes()
        path.write_bytes(source + b"# changed\n")
        assert key() != before, path.name
        path.write_bytes(source)
    assert key() == before
    (copy / "tense.py").write_text("IRREGULAR = {}\n", "utf-8")  # a module added later
    assert key() != before


def test_the_writer_uses_no_code_outside_its_package() -> None:
    """So a key on the package's files is a key on everything a draft depends on."""
    outside = set()
    for path in drafts.writer_files():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            outside |= {
                n for n in names if n.startswith("pm_coach") and not n.startswith(drafts.PACKAGE)
            }
    assert outside == {"pm_coach.models"}  # Evidence, for type hints only
