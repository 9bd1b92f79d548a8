"""Drafted CV lines kept between runs are used only when the very same writer made them, and
the file they are kept in can build nothing but drafts."""

from __future__ import annotations

import ast
import datetime as dt
import os
import pickle
import shutil
from pathlib import Path

import pytest

from pm_coach.app import drafts
from pm_coach.core import bullets, ranking
from pm_coach.core.bullets import memo
from pm_coach.models import Evidence
from pm_coach.store.view_cache import code_fingerprint, write_blob

ENTRY = Evidence(
    id="abc",
    date=dt.date(2026, 5, 1),
    text="Ran the pricing review with finance",
    result="Finance funded phase two",
    created=dt.datetime(2026, 5, 1, tzinfo=dt.UTC),
)


@pytest.fixture(autouse=True)
def fresh_drafts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memo, "_drafts", {})
    monkeypatch.setattr(ranking, "_scores", {})
    monkeypatch.setattr(drafts, "_loaded", 0)
    monkeypatch.setattr(drafts, "_loaded_scores", 0)
    monkeypatch.setattr(drafts, "_drafts_read", True)


def test_kept_drafts_come_back_in_the_next_run(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home.mkdir(parents=True)
    line = bullets.draft(ENTRY).text
    drafts.save(home)
    assert os.stat(home / ".drafts.cache").st_mode & 0o777 == 0o600
    monkeypatch.setattr(memo, "_drafts", {})
    drafts.load(home)
    assert [b.text for b in bullets.known_drafts().values()] == [line]


def test_drafts_of_another_writer_are_not_used(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home.mkdir(parents=True)
    bullets.draft(ENTRY)
    drafts.save(home)
    monkeypatch.setattr(memo, "_drafts", {})
    monkeypatch.setattr(drafts, "_key", lambda: 12345)  # the writer's source changed
    drafts.load(home)
    assert bullets.known_drafts() == {}


class Boom:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("echo should-not-run",))


def test_a_kept_file_that_would_build_anything_else_is_ignored(home: Path) -> None:
    home.mkdir(parents=True)
    write_blob(home, drafts.NAME, drafts._key(), pickle.dumps({"k": Boom()}))
    drafts.load(home)
    assert bullets.known_drafts() == {}


@pytest.mark.parametrize("damage", [b"", b"rubbish", b"\x80\x05\x95"])
def test_a_damaged_drafts_file_is_no_file(home: Path, damage: bytes) -> None:
    home.mkdir(parents=True)
    (home / drafts.NAME).write_bytes(damage)
    drafts.load(home)
    assert bullets.known_drafts() == {}


OTHER = Evidence(
    id="def",
    date=dt.date(2026, 5, 2),
    text="Wrote a one-page strategy for payments",
    metrics=["+12% activation"],
    created=dt.datetime(2026, 5, 2, tzinfo=dt.UTC),
)
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


def _next_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a new process starts from: nothing drafted, scored or read yet."""
    for module, name, value in [
        (memo, "_drafts", {}),
        (ranking, "_scores", {}),
        (drafts, "_loaded", 0),
        (drafts, "_loaded_scores", 0),
        (drafts, "_drafts_read", True),
    ]:
        monkeypatch.setattr(module, name, value)


def test_ranking_scores_come_back_without_the_drafts(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home.mkdir(parents=True)
    assert ranking.top([ENTRY], 1, dt.date(2026, 6, 1)) == [ENTRY]
    drafts.save(home)
    _next_run(monkeypatch)
    drafts.load(home, drafts=False)
    # flagged (no metric), so tier 0; a result is worth 2; no scope words, no goal
    assert ranking.known_scores() == {ENTRY_SCORE_KEY: (0, 2.0)}
    assert bullets.known_drafts() == {}


def test_a_run_that_only_ranks_leaves_the_kept_drafts_as_they_were(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home.mkdir(parents=True)
    bullets.draft(ENTRY)
    drafts.save(home)
    _next_run(monkeypatch)
    drafts.load(home, drafts=False)
    assert ranking.top([OTHER], 1, dt.date(2026, 6, 1)) == [OTHER]  # drafts OTHER to score it
    drafts.save(home)
    _next_run(monkeypatch)
    drafts.load(home)
    assert [key[0] for key in bullets.known_drafts()] == ["Ran the pricing review with finance"]
    assert [key[0] for key in ranking.known_scores()] == ["Wrote a one-page strategy for payments"]


def test_drafts_and_scores_of_removed_entries_are_dropped(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home.mkdir(parents=True)
    ranking.top([ENTRY, OTHER], 2, dt.date(2026, 6, 1))
    drafts.save(home, lambda: [OTHER])  # ENTRY was removed from the log
    _next_run(monkeypatch)
    drafts.load(home)
    assert [key[0] for key in bullets.known_drafts()] == ["Wrote a one-page strategy for payments"]
    assert [key[0] for key in ranking.known_scores()] == ["Wrote a one-page strategy for payments"]


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
