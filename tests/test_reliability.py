"""What a user relies on when many pm-coach processes write at once or die half-way:

* 50 ``log`` processes started together all land, each with its own id;
* processes killed with SIGKILL at random moments (appends and rewrites) never leave a log that
  pm-coach cannot read, and every entry a command reported as saved is still there;
* a process killed in the middle of its append write, or between writing the temp file and the
  rename of a rewrite, leaves the old entries intact, and the next write cleans up.

docs/reliability.md lists these guarantees next to the tests below.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import signal
import subprocess
import sys
import textwrap
import time
import tomllib
from pathlib import Path

import pytest

from pm_coach.models import Evidence
from pm_coach.store import files
from pm_coach.store.evidence import EvidenceStore
from tests.conftest import pm_coach_cmd, subprocess_env

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and flock")

LOGGED = re.compile(r"^Logged ([a-z0-9]+) · ", re.M)
CREATED = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC)


def seed(home: Path, n: int) -> list[str]:
    """A log of ``n`` entries written by pm-coach itself; returns their ids."""
    store = EvidenceStore(home)
    ids = []
    for i in range(n):
        e = store.append(
            lambda new_id, i=i: Evidence(
                id=new_id,
                date=dt.date(2026, 11, 1),
                text=f'Seeded entry {i} with a "quote" and a back\\slash',
                result="Kept the team on the plan",
                metrics=["+3% activation"],
                gaps=["strategy"],
                created=CREATED,
            )
        )
        ids.append(e.id)
    return ids


def readable_ids(home: Path) -> list[str]:
    """The ids pm-coach reads from the log now; fails the test if it cannot read it."""
    return [e.id for e in EvidenceStore(home).load()]


def raw_toml_ids(home: Path) -> list[str]:
    doc = tomllib.loads((home / "evidence.toml").read_text("utf-8"))
    return [t["id"] for t in doc.get("evidence", [])]


def test_fifty_parallel_log_processes_all_land_with_unique_ids(home: Path) -> None:
    env = subprocess_env(home)
    procs = [
        subprocess.Popen(
            [*pm_coach_cmd(), "log", f"Parallel entry number {i}", "--gap", "strategy"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
        )
        for i in range(50)
    ]
    reported = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err.decode()
        reported += LOGGED.findall(out.decode())
    assert len(reported) == 50
    ids = raw_toml_ids(home)
    assert len(ids) == 50 and len(set(ids)) == 50
    assert set(ids) == set(reported)
    texts = {e.text for e in EvidenceStore(home).load()}
    assert texts == {f"Parallel entry number {i}" for i in range(50)}


EDITOR = """\
import sys
from pathlib import Path

p = Path(sys.argv[1])
p.write_text(p.read_text("utf-8").replace('text = "', 'text = "Edited: ', 1), "utf-8")
"""


def test_sigkill_at_random_moments_never_loses_a_reported_entry(home: Path, tmp_path: Path) -> None:
    """Rounds of concurrent log, rm and edit processes, some killed at a random moment."""
    rng = random.Random(20261122)
    seeded = seed(home, 30)
    editor = tmp_path / "editor.py"
    editor.write_text(EDITOR, "utf-8")
    env = subprocess_env(home)
    env["VISUAL"] = f"{sys.executable} {editor}"
    must_have: set[str] = set(seeded)
    removed: set[str] = set()
    # An rm killed at a random moment may have finished its rename or not: its entry's fate is
    # unknown, so it is neither required nor forbidden afterwards, and never picked again.
    unknown: set[str] = set()
    candidates = list(seeded)
    kills = 0
    for round_no in range(8):
        victims = rng.sample([c for c in candidates if c not in removed | unknown], 2)
        jobs: list[tuple[str, str, subprocess.Popen[bytes]]] = []
        for j in range(2):
            argv = [*pm_coach_cmd(), "log", f"Round {round_no} entry {j}", "--gap", "buy-in"]
            jobs.append(("log", "", popen(argv, env)))
        jobs.append(
            ("rm", victims[0], popen([*pm_coach_cmd(), "evidence", "rm", victims[0], "--yes"], env))
        )
        jobs.append(
            ("edit", victims[1], popen([*pm_coach_cmd(), "evidence", "edit", victims[1]], env))
        )
        doomed = rng.sample(range(len(jobs)), 2)
        deadline = time.monotonic() + rng.uniform(0.02, 0.45)
        while time.monotonic() < deadline:
            time.sleep(0.005)
        for k in doomed:
            if jobs[k][2].poll() is None:
                jobs[k][2].send_signal(signal.SIGKILL)
                kills += 1
        for what, target, proc in jobs:
            out, err = proc.communicate(timeout=60)
            if proc.returncode == 0:
                if what == "log":
                    (new_id,) = LOGGED.findall(out.decode())
                    must_have.add(new_id)
                    candidates.append(new_id)
                elif what == "rm":
                    removed.add(target)
                    must_have.discard(target)
            else:
                assert proc.returncode == -signal.SIGKILL, err.decode()
                if what == "rm":
                    unknown.add(target)
                    must_have.discard(target)
        ids = readable_ids(home)  # pm-coach can always read the log
        assert len(ids) == len(set(ids))
        assert must_have <= set(ids), f"round {round_no}: lost {must_have - set(ids)}"
        assert not removed & set(ids)
    assert kills >= 3  # the test did kill processes mid-way
    # One more write finishes any repair, and then the raw file parses as plain TOML too.
    p = subprocess.run(
        [*pm_coach_cmd(), "log", "After the storm", "--gap", "strategy"],
        env=env,
        capture_output=True,
        check=False,
    )
    assert p.returncode == 0, p.stderr.decode()
    assert must_have <= set(raw_toml_ids(home))


def popen(argv: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL
    )


# --- deterministic kills at the worst moment --------------------------------------------------
KILL_IN_WRITE = """\
import os, signal, sys
from pm_coach.store import files

real_write = os.write
def torn_write(fd, data):
    target = os.path.basename(os.readlink(f"/proc/self/fd/{fd}"))
    if target == "evidence.toml" and len(data) > 40:  # the entry: write a part, then die
        real_write(fd, bytes(data)[: len(data) // 2])
        os.kill(os.getpid(), signal.SIGKILL)
    return real_write(fd, data)

files.os.write = torn_write
from pm_coach.cli import main
sys.argv = ["pm-coach", *sys.argv[1:]]
main()
"""

KILL_BEFORE_RENAME = """\
import os, signal, sys
from pm_coach.store import files

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

files.os.replace = die
from pm_coach.cli import main
sys.argv = ["pm-coach", *sys.argv[1:]]
main()
"""


def run_wrapped(script: str, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script), *args],
        env=subprocess_env(home),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def test_append_killed_mid_write_leaves_a_readable_log_and_is_repaired(home: Path) -> None:
    ids = seed(home, 5)
    before = (home / "evidence.toml").read_bytes()
    p = run_wrapped(KILL_IN_WRITE, home, "log", "Half-written entry", "--gap", "strategy")
    assert p.returncode == -signal.SIGKILL
    assert "Logged" not in p.stdout  # it never reported success
    torn = (home / "evidence.toml").read_bytes()
    assert torn.startswith(before) and len(torn) > len(before)  # a torn tail is really there
    with pytest.raises(tomllib.TOMLDecodeError):
        tomllib.loads(torn.decode("utf-8", errors="replace"))
    # Readers see the log as it was before the killed append ...
    assert readable_ids(home) == ids
    ok = subprocess.run(
        [*pm_coach_cmd(), "evidence", "list", "--json"],
        env=subprocess_env(home),
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    # ... and the next write cuts the torn tail off before appending its own entry.
    p = subprocess.run(
        [*pm_coach_cmd(), "log", "Next entry", "--gap", "strategy"],
        env=subprocess_env(home),
        capture_output=True,
        text=True,
        check=False,
    )
    assert p.returncode == 0, p.stderr
    (new_id,) = LOGGED.findall(p.stdout)
    assert raw_toml_ids(home) == [*ids, new_id]
    assert (home / "evidence.toml").read_bytes().startswith(before)


def test_a_torn_tail_that_pm_coach_did_not_write_is_never_cut(home: Path) -> None:
    """Only the exact bytes of a recorded pending append are ever removed; anything else at
    the end of the file is a hand edit, reported and left alone."""
    seed(home, 3)
    p = run_wrapped(KILL_IN_WRITE, home, "log", "Half-written entry")
    assert p.returncode == -signal.SIGKILL
    path = home / "evidence.toml"
    with path.open("ab") as fh:
        fh.write(b'\n[[evidence]]\nid = "handwr"\ntext = "typed by hand, unfinished')
    edited = path.read_bytes()
    p = subprocess.run(
        [*pm_coach_cmd(), "log", "Next entry"],
        env=subprocess_env(home),
        capture_output=True,
        text=True,
        check=False,
    )
    assert p.returncode == 3, p.stderr
    assert "not valid TOML" in p.stderr and "Traceback" not in p.stderr
    assert path.read_bytes() == edited


def test_rewrite_killed_between_temp_file_and_rename_keeps_the_old_file(home: Path) -> None:
    ids = seed(home, 4)
    path = home / "evidence.toml"
    before = path.read_bytes()
    p = run_wrapped(KILL_BEFORE_RENAME, home, "evidence", "rm", ids[1], "--yes")
    assert p.returncode == -signal.SIGKILL
    assert path.read_bytes() == before
    assert readable_ids(home) == ids
    # The next rewrite works and the entry goes; no stray temp file is mistaken for the log.
    p = subprocess.run(
        [*pm_coach_cmd(), "evidence", "rm", ids[1], "--yes"],
        env=subprocess_env(home),
        capture_output=True,
        text=True,
        check=False,
    )
    assert p.returncode == 0, p.stderr
    assert raw_toml_ids(home) == [ids[0], *ids[2:]]


def test_in_process_crash_before_rename_removes_the_temp_file(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An exception (not a kill) between the temp file and the rename: old file intact and
    the temp file cleaned up."""
    ids = seed(home, 3)
    path = home / "evidence.toml"
    before = path.read_bytes()

    def boom(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", boom)
    with pytest.raises(files.StorageError, match="disk is full"):
        EvidenceStore(home).remove(ids[0])
    assert path.read_bytes() == before
    assert sorted(p.name for p in home.iterdir() if p.name.endswith(".tmp")) == []


def test_parallel_readers_never_see_a_half_written_entry(home: Path) -> None:
    """While an append is under way, readers see the log without it (not a torn table)."""
    ids = seed(home, 3)
    store = EvidenceStore(home)
    entry = Evidence(id="pendin", date=dt.date(2026, 11, 2), text="Not there yet", created=CREATED)
    chunk = store._chunk(entry)
    store._write_stamp(os.stat(store.path), pending=chunk)
    for cut in (1, len(chunk) // 3, len(chunk) - 1):
        with store.path.open("ab") as fh:
            fh.write(chunk[:cut])
        assert readable_ids(home) == ids
        with store.path.open("r+b") as fh:
            fh.truncate(fh.seek(0, os.SEEK_END) - cut)
    with store.path.open("ab") as fh:
        fh.write(chunk)  # the write completed; only the final stamp is missing
    assert readable_ids(home) == [*ids, "pendin"]
