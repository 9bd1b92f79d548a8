"""Drafted CV lines kept between runs are used only when the very same writer made them, and
the file they are kept in can build nothing but drafts."""

from __future__ import annotations

import datetime as dt
import os
import pickle
from pathlib import Path

import pytest

from pm_coach.app import drafts
from pm_coach.core import bullets
from pm_coach.models import Evidence
from pm_coach.store.view_cache import write_blob

ENTRY = Evidence(
    id="abc",
    date=dt.date(2026, 5, 1),
    text="Ran the pricing review with finance",
    result="Finance funded phase two",
    created=dt.datetime(2026, 5, 1, tzinfo=dt.UTC),
)


@pytest.fixture(autouse=True)
def fresh_drafts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bullets, "_drafts", {})
    monkeypatch.setattr(drafts, "_loaded", 0)


def test_kept_drafts_come_back_in_the_next_run(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home.mkdir(parents=True)
    line = bullets.draft(ENTRY).text
    drafts.save(home)
    assert os.stat(home / ".drafts.cache").st_mode & 0o777 == 0o600
    monkeypatch.setattr(bullets, "_drafts", {})
    drafts.load(home)
    assert [b.text for b in bullets.known_drafts().values()] == [line]


def test_drafts_of_another_writer_are_not_used(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home.mkdir(parents=True)
    bullets.draft(ENTRY)
    drafts.save(home)
    monkeypatch.setattr(bullets, "_drafts", {})
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
