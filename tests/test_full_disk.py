"""Issue #12 case 2: a full disk never leaves a data file pm-coach cannot read.

A write that fails part-way (ENOSPC) used to leave part of an entry at the end of the log with no
pending stamp to recognise it (the stamp write had failed silently), and every later command
stopped with exit 3 until the file was repaired by hand. Now the pending stamp must be written
and fsynced before an append starts, and a failed append cuts the file back to its old size, so
every command either succeeds or fails with exit 5 leaving every data file byte for byte as it
was.

Two ways of filling the disk: ENOSPC injected at each write a command makes (every file in the
data folder: log, stamp, temp files), and, where the tests run as root and may mount, a real
64 KiB tmpfs filled until it refuses.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pm_coach.cli import app

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc/self/fd")

BIG = [  # about 7 KB of entry, as in the report
    "--result", "r" * 1000, "--goal", "g" * 1000, "--org", "o" * 1000,
    *[x for i in range(12) for x in ("--metric", f"{i:02d}" + "m" * 190)],
]  # fmt: skip


def invoke(home: Path, *args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(app, list(args), env={"PM_COACH_HOME": str(home)})
    return r.exit_code, r.stdout, r.stderr


def snapshot(home: Path) -> dict[str, bytes]:
    """Every data file a user owns (pm-coach's own lock, stamp and view cache are bookkeeping,
    checked on every read)."""
    return {
        p.name: p.read_bytes()
        for p in sorted(home.iterdir())
        if p.is_file()
        and p.name not in (".pm-coach.lock", ".evidence.toml.stamp", ".evidence.cache")
    }


REAL_WRITE = os.write


class Disk:
    """``os.write`` as a disk with ``free`` bytes left would do it, for files in ``folder``."""

    def __init__(self, folder: Path, free: int | None) -> None:
        self.folder = str(folder)
        self.free = free
        self.sizes: list[int] = []
        self.real = REAL_WRITE

    def write(self, fd: int, data: bytes) -> int:
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            target = ""
        if not target.startswith(self.folder + os.sep):
            return self.real(fd, data)
        self.sizes.append(len(data))
        if self.free is None or len(data) <= self.free:
            if self.free is not None:
                self.free -= len(data)
            return self.real(fd, data)
        if self.free == 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        part = self.free
        self.free = 0
        return self.real(fd, bytes(data)[:part])


@pytest.fixture
def disk(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Path, int | None], Disk]]:
    def install(folder: Path, free: int | None) -> Disk:
        d = Disk(folder, free)
        monkeypatch.setattr(os, "write", d.write)
        return d

    yield install
    monkeypatch.undo()


def budgets(sizes: list[int]) -> list[int]:
    """Free space that makes each write fail: before its first byte, and half-way."""
    out: set[int] = set()
    done = 0
    for size in sizes:
        out.update({done, done + size // 2})
        done += size
    return sorted(b for b in out if b < done)


def seeded(tmp_path: Path, *, stamp: bool) -> Path:
    home = tmp_path / "template"
    for i in range(3):
        assert invoke(home, "log", f"Entry {i} of the seed", "--gap", "strategy")[0] == 0
    answers = tmp_path / "answers.toml"
    answers.write_text(
        "[levels]\nstrategy = 3\nbuy-in = 2\nconfidence = 4\ndomain = 1\ndelegation = 2\n"
    )
    assert invoke(home, "assess", "--answers", str(answers), "--date", "2026-11-01")[0] == 0
    assert invoke(home, "network", "add", "Sam Lee", "--kind", "mentor")[0] == 0
    if not stamp:
        (home / ".evidence.toml.stamp").unlink()
    return home


LOG = ("log", "Shipped the pricing page", "--gap", "strategy")
CASES: list[tuple[tuple[str, ...], bool]] = [  # (command, stamp present)
    (LOG, True),
    (LOG, False),
    (("log", "A long entry written when the disk fills", "--gap", "strategy", *BIG), True),
    (("evidence", "rm", "{first}", "--yes"), True),
    (("evidence", "edit", "{first}", "--add-gap", "buy-in", "--result", "Two bets cut"), True),
    (("network", "add", "Ana Diaz", "--kind", "circle"), True),
    (("profile", "set", "--name", "Alex Doe"), True),
    (("assess", "--answers", "{answers}", "--date", "2026-11-20"), True),
]


@pytest.mark.parametrize(
    ("command", "stamp"),
    CASES,
    ids=[
        "log",
        "log-no-stamp",
        "log-7kb",
        "evidence-rm",
        "evidence-edit-flags",
        "network-add",
        "profile-set",
        "assess",
    ],  # fmt: skip
)
def test_every_write_failing_on_a_full_disk_leaves_files_as_they_were(
    tmp_path: Path, disk: Callable[[Path, int | None], Disk], command: tuple[str, ...], stamp: bool
) -> None:
    template = seeded(tmp_path, stamp=stamp)
    first = json.loads(invoke(template, "evidence", "list", "--json")[1])[0]["id"]
    args = [a.format(first=first, answers=tmp_path / "answers.toml") for a in command]

    probe = tmp_path / "probe"
    shutil.copytree(template, probe)
    measured = disk(probe, None)
    assert invoke(probe, *args)[0] == 0
    assert measured.sizes, "the command wrote nothing"

    for free in budgets(measured.sizes):
        home = tmp_path / f"free-{free}"
        shutil.copytree(template, home)
        before = snapshot(home)
        disk(home, free)
        code, _, err = invoke(home, *args)
        disk(home, None)
        where = f"{free} bytes free"
        failed = code != 0
        if not failed:
            # Only the bookkeeping written after the data is on disk (the stamp, then the view
            # cache) may fail without failing the command: a missing stamp costs one
            # validation, a missing or torn cache one full read.
            assert command[0] in ("log", "evidence") and free >= sum(measured.sizes[:-2]), where
        else:
            assert code == 5, (where, code, err)
            assert "the disk is full" in err, where
            assert snapshot(home) == before, where  # byte for byte, no temp file left behind
        code, out, err = invoke(home, "evidence", "list", "--json")
        assert code == 0, (where, err)
        if failed:
            assert invoke(home, *args)[0] == 0, where  # with space again, the command works
        text = (home / "evidence.toml").read_text()
        tomllib.loads(text)  # the raw file is plain, valid TOML


# --- a real full disk --------------------------------------------------------------------------
@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    where = tmp_path / "small-disk"
    where.mkdir()
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root; the injected ENOSPC tests cover this")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", str(where)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip() or done.returncode})")
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], check=False)


def test_logging_until_a_real_disk_is_full_keeps_the_log_readable(tmpfs: Path) -> None:
    home = tmpfs / "home"
    filler = tmpfs / "filler"
    filler.write_bytes(b"f" * 16384)  # deleted at the end, to make room again
    assert invoke(home, "log", "First entry", "--gap", "strategy")[0] == 0
    (home / ".evidence.toml.stamp").unlink()  # as in the report: no stamp to start with
    acknowledged = []
    for i in range(2000):
        args = ["log", f"Entry {i} " + "x" * 300, "--gap", "strategy"]
        if i % 7 == 3:
            args += BIG
        code, out, err = invoke(home, *args)
        if code != 0:
            assert code == 5 and "the disk is full" in err, err
            break
        acknowledged.append(out.split()[1])
    else:
        pytest.fail("the 64 KiB disk never filled up")
    assert len(acknowledged) > 10
    # the disk is still full: a 7 KB entry fails cleanly, and the log reads as it was
    before = (home / "evidence.toml").read_bytes()
    code, _, err = invoke(home, "log", "One more " + "y" * 900, "--gap", "strategy", *BIG)
    assert code == 5 and "the disk is full" in err, err
    assert (home / "evidence.toml").read_bytes() == before
    code, out, err = invoke(home, "evidence", "list", "--json")
    assert code == 0, err
    ids = [e["id"] for e in json.loads(out)]
    assert set(acknowledged) <= set(ids)
    tomllib.loads(before.decode("utf-8"))  # the raw file is plain, valid TOML
    # with room again, logging works at once
    filler.unlink()
    code, out, err = invoke(home, "log", "After the cleanup", "--gap", "strategy")
    assert code == 0, err
    listed = json.loads(invoke(home, "evidence", "list", "--json")[1])
    assert len(listed) == len(ids) + 1
