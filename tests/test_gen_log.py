"""The log generator that tests and bench/ share gives the same log for the same seed, whatever
today is, and writes a folder pm-coach reads."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from pm_coach.store.assessments import load_assessments
from pm_coach.store.evidence import EvidenceStore
from pm_coach.tools.gen_log import entries, main, write_home


def test_a_seed_gives_the_same_entries_every_time() -> None:
    first = entries(3, ["strategy", "buy-in"], seed=6)
    assert [(e.id, e.date) for e in first] == [
        ("umv4ht", dt.date(2015, 1, 5)),
        ("hztsdc", dt.date(2018, 10, 24)),
        ("a326qm", dt.date(2022, 8, 12)),
    ]
    assert first[0].text == "Mapped a skip-level with the VP of engineering (#0)"
    assert first[2].text == "Shipped the churn interviews synthesis for the exec team (#2)"
    assert first[1].gaps == ["strategy", "buy-in"]
    assert first[1].created == dt.datetime(2018, 10, 24, 14, 0, tzinfo=dt.UTC)
    assert entries(3, ["strategy", "buy-in"], seed=6) == first
    assert [e.id for e in entries(3, ["strategy", "buy-in"], seed=7)] == [
        "3yj834",
        "cz6ep3",
        "4vk5dm",
    ]


def test_ids_are_unique_in_a_large_log() -> None:
    log = entries(5000, ["strategy"])
    assert len({e.id for e in log}) == 5000
    assert log[0].date == dt.date(2015, 1, 5) and log[-1].date == dt.date(2026, 5, 31)


def test_the_folder_holds_the_log_profile_and_assessment(tmp_path: Path) -> None:
    folder = tmp_path / "home"
    assert main([str(folder), "--entries", "40", "--seed", "3"]) == 0
    names = sorted(p.name for p in folder.iterdir())  # the log alone, as if written by hand
    assert names == [".pm-coach.lock", "assessments.toml", "evidence.toml", "profile.toml"]
    assert [e.id for e in EvidenceStore(folder).load()] == [e.id for e in entries(40, [], 3)]
    assert 'name = "Bench Mark"' in (folder / "profile.toml").read_text("utf-8")
    (assessment,) = load_assessments(folder)
    assert assessment.date == dt.date(2026, 6, 1) and assessment.map == "leadership"
    assert oct(os.stat(folder / "evidence.toml").st_mode & 0o777) == "0o600"


def test_a_folder_with_anything_in_it_is_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("mine", "utf-8")
    assert main([str(tmp_path), "--entries", "5"]) == 2
    assert "is not an empty folder; nothing written" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_a_log_is_written_as_pm_coach_writes_it_and_no_profile_unless_asked(
    tmp_path: Path,
) -> None:
    log = entries(2, ["strategy"], seed=1)
    write_home(tmp_path / "h", log)
    names = sorted(p.name for p in (tmp_path / "h").iterdir())
    assert names == [".evidence.cache", ".evidence.toml.stamp", ".pm-coach.lock", "evidence.toml"]
    assert EvidenceStore(tmp_path / "h").load() == log
