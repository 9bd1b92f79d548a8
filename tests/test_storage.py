"""The storage guarantees: private files, append without re-parsing, atomic rewrites, refusal to
touch a file that does not read cleanly, and parallel writers that all land."""

from __future__ import annotations

import datetime as dt
import os
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from pm_coach.errors import DataFileError, StorageError
from pm_coach.models import Evidence
from pm_coach.store import files, tables
from pm_coach.store.evidence import EvidenceStore
from tests.conftest import pm_coach_cmd, subprocess_env

CREATED = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC)


def make(text: str = "Ran the pricing review", **kw: object):
    def build(entry_id: str) -> Evidence:
        return Evidence(id=entry_id, date=dt.date(2026, 11, 20), text=text, created=CREATED, **kw)

    return build


def test_first_write_creates_private_folder_and_file(home: Path) -> None:
    store = EvidenceStore(home)
    store.append(make())
    assert stat.S_IMODE(os.stat(home).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(store.path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(home / files.LOCK_NAME).st_mode) == 0o600


def test_file_is_readable_toml_with_schema_version_and_stable_key_order(home: Path) -> None:
    store = EvidenceStore(home)
    e = store.append(
        make(result="Dropped two bets", metrics=["+12% activation"], gaps=["strategy"])
    )
    text = store.path.read_text()
    doc = tomllib.loads(text)
    assert doc["schema_version"] == 1
    assert doc["evidence"][0]["id"] == e.id
    keys = [line.split(" = ")[0] for line in text.split("\n[[evidence]]\n")[1].strip().splitlines()]
    assert keys == ["id", "date", "text", "result", "metrics", "gaps", "kind", "created"]
    assert "date = 2026-11-20\n" in text  # a native TOML date, not a string


def test_append_roundtrips_and_ids_are_unique(home: Path) -> None:
    store = EvidenceStore(home)
    made = [store.append(make(f"entry {i}", tags=["x"])) for i in range(30)]
    loaded = store.load()
    assert [e.text for e in loaded] == [f"entry {i}" for i in range(30)]
    assert len({e.id for e in loaded}) == 30
    assert loaded == made


def test_append_does_not_reparse_a_file_it_wrote(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = EvidenceStore(home)
    store.append(make())
    calls = []
    monkeypatch.setattr(tables, "parse_tables", lambda *a, **k: calls.append(a) or [])
    store.append(make("second"))
    assert calls == []


def test_hand_edit_is_validated_before_the_next_append(home: Path) -> None:
    store = EvidenceStore(home)
    store.append(make())
    with open(store.path, "a") as fh:
        fh.write("\n[[evidence]]\nid = 'broken'\n")  # no date, no text: invalid
    before = store.path.read_bytes()
    with pytest.raises(DataFileError) as info:
        store.append(make("should not land"))
    assert "line" in info.value.message and "date" in info.value.message
    assert store.path.read_bytes() == before


def test_corrupt_toml_is_reported_with_line_and_column_and_left_alone(home: Path) -> None:
    store = EvidenceStore(home)
    store.append(make())
    store.path.write_text(store.path.read_text() + '\n[[evidence]]\ntext = "unterminated\n')
    before = store.path.read_bytes()
    with pytest.raises(DataFileError, match=r"line \d+, column \d+"):
        store.append(make("x"))
    with pytest.raises(DataFileError):
        store.remove("anything")
    assert store.path.read_bytes() == before


def test_missing_and_newer_schema_version(home: Path) -> None:
    home.mkdir()
    path = home / "evidence.toml"
    path.write_text('[[evidence]]\nid = "abc"\n')
    with pytest.raises(DataFileError, match="schema_version' is missing"):
        EvidenceStore(home).load()
    path.write_text("schema_version = 99\n")
    with pytest.raises(DataFileError, match="newer pm-coach"):
        EvidenceStore(home).load()


def test_duplicate_ids_are_reported(home: Path) -> None:
    home.mkdir()
    entry = 'id = "abc"\ndate = 2026-01-02\ntext = "t"\ncreated = 2026-01-02T00:00:00Z\n'
    (home / "evidence.toml").write_text(
        f"schema_version = 1\n[[evidence]]\n{entry}[[evidence]]\n{entry}"
    )
    with pytest.raises(DataFileError, match="used twice"):
        EvidenceStore(home).load()


def test_symlinked_data_file_is_refused(home: Path, tmp_path: Path) -> None:
    home.mkdir()
    real = tmp_path / "elsewhere.toml"
    real.write_text("schema_version = 1\n")
    (home / "evidence.toml").symlink_to(real)
    with pytest.raises(StorageError, match="symbolic link"):
        EvidenceStore(home).append(make())
    assert real.read_text() == "schema_version = 1\n"


def test_folder_where_the_file_should_be(home: Path) -> None:
    (home / "evidence.toml").mkdir(parents=True)
    with pytest.raises(StorageError, match="is a folder"):
        EvidenceStore(home).load()


def test_file_where_the_folder_should_be(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(StorageError, match="not a folder"):
        EvidenceStore(blocker).append(make())


def test_failed_rename_leaves_old_file_and_no_temp(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = EvidenceStore(home)
    e = store.append(make())
    before = store.path.read_bytes()

    def crash(*_: object) -> None:
        raise OSError(5, "simulated crash before rename")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(StorageError):
        store.remove(e.id)
    assert store.path.read_bytes() == before
    assert [p.name for p in home.iterdir() if p.name.endswith(".tmp")] == []


def test_rewrite_keeps_permissions_and_removes(home: Path) -> None:
    store = EvidenceStore(home)
    a = store.append(make("a"))
    b = store.append(make("b"))
    store.remove(a.id)
    assert [e.id for e in store.load()] == [b.id]
    assert stat.S_IMODE(os.stat(store.path).st_mode) == 0o600


def test_twenty_parallel_log_processes_all_land(home: Path) -> None:
    env = subprocess_env(home)
    procs = [
        subprocess.Popen(
            [*pm_coach_cmd(), "log", f"parallel entry {i}", "--gap", "delegation"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for i in range(20)
    ]
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err.decode()
    entries = EvidenceStore(home).load()
    assert sorted(e.text for e in entries) == sorted(f"parallel entry {i}" for i in range(20))
    assert len({e.id for e in entries}) == 20


def test_python_dash_m_and_version() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "pm_coach", "--version"], capture_output=True, text=True
    )
    assert out.returncode == 0
    assert out.stdout.startswith("pm-coach ")


def test_reading_stops_at_the_limit_even_when_the_size_said_less(tmp_path: Path) -> None:
    small = tmp_path / "small.toml"
    small.write_bytes(b"0123456789")
    small.chmod(0o600)
    assert files.read_bytes(small, limit=10) == b"0123456789"
    with pytest.raises(DataFileError, match="larger than"):
        files.read_bytes(small, limit=9)
    status = Path("/proc/self/status")  # a regular file whose size reads as 0
    if not status.is_file() or status.stat().st_size != 0:
        pytest.skip("needs Linux /proc")
    assert files.read_bytes(status, own=False).startswith(b"Name:")
    with pytest.raises(DataFileError, match="larger than"):
        files.read_bytes(status, own=False, limit=20)


def test_a_folder_made_by_another_process_midway_is_taken_not_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Twenty `log`s started at once in a new data folder: one makes the folder between another's
    first look (no folder) and its second (something there). That is a folder, not a file."""
    folder = tmp_path / "pm-home"
    real_exists = Path.exists

    def exists_after_the_other_made_it(self: Path, *args: object, **kwargs: object) -> bool:
        if self == folder and not real_exists(folder):
            folder.mkdir(mode=0o700)  # the other process wins the race here
        return real_exists(self)

    monkeypatch.setattr(Path, "exists", exists_after_the_other_made_it)
    files.ensure_dir(folder)
    assert folder.is_dir()
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
