"""A data file its owner made read-only (``chmod 0400``) is never changed: pm-coach refuses the
write (exit 5) and says how to allow it. The check reads the mode bits, so it holds when the
suite runs as root (as CI does), where the system would let any write through."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from pm_coach.errors import StorageError
from pm_coach.store import files

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def snapshot(home: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in home.iterdir() if p.is_file()}


def test_network_add_refuses_a_read_only_network_file_and_writes_nothing(run, home: Path) -> None:
    assert run("network", "add", "Sam Lee", "--kind", "mentor").exit_code == 0
    network = home / "network.toml"
    os.chmod(network, 0o400)
    before = snapshot(home)
    r = run("network", "add", "Dana Reyes", "--kind", "coach")
    assert r.exit_code == 5, r.output
    assert f"{network} is read-only (mode 0400); pm-coach left it as it was." in r.stderr
    assert f"Run `chmod u+w {network}` to let pm-coach change it." in r.stderr
    assert snapshot(home) == before
    assert mode(network) == 0o400
    assert sorted(p.name for p in home.iterdir() if p.name.startswith(".network")) == []
    os.chmod(network, 0o600)  # the owner allows it again: the same command now works
    assert run("network", "add", "Dana Reyes", "--kind", "coach").exit_code == 0
    assert 'name = "Dana Reyes"' in network.read_text()


def test_log_and_evidence_rm_leave_a_read_only_log_as_it_was(run, home: Path) -> None:
    r = run("log", "Ran the pricing review", "--gap", "strategy", "--date", "2026-11-02")
    assert r.exit_code == 0, r.output
    log_file = home / "evidence.toml"
    os.chmod(log_file, 0o444)
    before = snapshot(home)
    r = run("log", "Second entry", "--gap", "strategy", "--date", "2026-11-03")
    assert r.exit_code == 5, r.output
    assert "is read-only (mode 0444)" in r.stderr
    assert snapshot(home) == before
    entry_id = run("evidence", "list", "--json").stdout.split('"id": "')[1][:6]
    r = run("evidence", "rm", entry_id, "--yes")
    assert r.exit_code == 5, r.output
    assert snapshot(home) == before  # no trash.toml either: both or neither
    assert not (home / "trash.toml").exists()
    # reading a read-only log still works
    r = run("evidence", "list")
    assert r.exit_code == 0 and "Ran the pricing review" in r.stdout


def test_every_write_primitive_checks_the_mode_bits(tmp_path: Path) -> None:
    home = tmp_path / "data"
    files.ensure_dir(home)
    path = home / "profile.toml"
    path.write_text("schema_version = 1\n")
    os.chmod(path, 0o400)
    writes = [
        lambda: files.atomic_write(path, "x"),
        lambda: files.atomic_write_bytes(path, b"x", sync=False),
        lambda: files.append_bytes(path, b"x"),
        lambda: files.write_small(path, b"x"),  # opened with O_TRUNC: nothing cut first
    ]
    for write in writes:
        with pytest.raises(StorageError) as info:
            write()
        assert info.value.exit_code == 5
        assert "is read-only (mode 0400)" in info.value.message
        assert path.read_bytes() == b"schema_version = 1\n"
        assert mode(path) == 0o400
    assert [p.name for p in home.iterdir()] == ["profile.toml"]


def test_files_pm_coach_makes_under_a_tight_umask_stay_writable(
    run, home: Path, set_umask: Callable[[int], None]
) -> None:
    set_umask(0o277)  # new files would be 0400: pm-coach's own files are still 0600
    for day in ("2026-11-02", "2026-11-03", "2026-11-04"):
        r = run("log", f"Entry of {day}", "--gap", "strategy", "--date", day)
        assert r.exit_code == 0, r.output
    made = sorted(p.name for p in home.iterdir() if p.is_file())
    assert "evidence.toml" in made
    assert {name: mode(home / name) for name in made} == {name: 0o600 for name in made}
