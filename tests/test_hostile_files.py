"""Issue #12 cases 3, 4, 6, 7 and 10: output paths into the data folder, loose permissions and
other users' files, links and special files, control characters in paths, and small message
fixes. Each test is an attack from the report; it failed before the fix."""

from __future__ import annotations

import errno
import os
import re
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from pm_coach.store import files
from tests.conftest import pm_coach_cmd, subprocess_env

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX files and modes")

AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
OTHER_UID = 54321


def log(run, text: str = "Ran the pricing review") -> None:
    r = run("log", text, "--gap", "strategy", "--date", "2026-11-02")
    assert r.exit_code == 0, r.output


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- case 3: -o never writes into the data folder -----------------------------------------------
@pytest.mark.parametrize(
    "args",
    [
        ["export", "--format", "markdown"],
        ["report", "--format", "markdown"],
        ["plan", "new", "--start", "2026-11-23", "--format", "markdown"],
    ],
    ids=["export", "report", "plan"],
)
def test_output_onto_a_data_file_is_refused_even_with_force(
    run, home: Path, tmp_path: Path, args: list[str]
) -> None:
    log(run)
    answers = tmp_path / "answers.toml"
    answers.write_text(
        "[levels]\nstrategy = 3\nbuy-in = 2\nconfidence = 4\ndomain = 1\ndelegation = 2\n"
    )
    assert run("assess", "--answers", str(answers)).exit_code == 0
    for name in ("evidence.toml", "assessments.toml", "profile.toml", "new-file.md"):
        before = {p.name: p.read_bytes() for p in home.iterdir() if p.is_file()}
        r = run(*args, "-o", str(home / name), "--force")
        assert r.exit_code == 2, (name, r.output)
        assert "inside pm-coach's data folder" in r.stderr
        after = {p.name: p.read_bytes() for p in home.iterdir() if p.is_file()}
        assert after == before


def test_output_through_a_link_or_a_relative_path_into_the_data_folder_is_refused(
    run, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log(run)
    before = (home / "evidence.toml").read_bytes()
    link = tmp_path / "cv.md"
    link.symlink_to(home / "evidence.toml")
    r = run("export", "-o", str(link), "--force")
    assert r.exit_code == 2 and "data folder" in r.stderr
    monkeypatch.chdir(home / "..")
    r = run("export", "-o", f"./{home.name}/../{home.name}/evidence.toml", "--force")
    assert r.exit_code == 2 and "data folder" in r.stderr
    other = tmp_path / "elsewhere"
    r = run("--data-dir", str(other), "log", "x", "--gap", "strategy")
    assert r.exit_code == 0
    r = run("--data-dir", str(other), "export", "-o", str(other / "evidence.toml"), "--force")
    assert r.exit_code == 2 and "data folder" in r.stderr
    assert (home / "evidence.toml").read_bytes() == before


# --- case 4: permissions whatever the umask; other users' files ---------------------------------
@pytest.fixture
def open_umask(set_umask: Callable[[int], None]) -> None:
    set_umask(0)


def test_folders_pm_coach_creates_are_0700_under_umask_000(
    run, tmp_path: Path, open_umask: None
) -> None:
    home = tmp_path / "a" / "b" / "home"
    r = run("--data-dir", str(home), "log", "Ran the pricing review", "--gap", "strategy")
    assert r.exit_code == 0, r.output
    assert [mode(p) for p in (tmp_path / "a", tmp_path / "a" / "b", home)] == [0o700] * 3
    assert mode(home / "evidence.toml") == 0o600


def test_a_data_file_others_can_read_is_made_private_and_the_user_told_once(
    run, home: Path, open_umask: None
) -> None:
    log(run)
    log_file = home / "evidence.toml"
    os.chmod(log_file, 0o644)  # as a git checkout leaves it
    r = run("log", "Second entry", "--gap", "strategy")
    assert r.exit_code == 0
    assert mode(log_file) == 0o600
    assert "could be read by other users (mode 0644); it is now private to you (0600)" in r.stderr
    r = run("log", "Third entry", "--gap", "strategy")
    assert "private" not in r.stderr
    # a rewrite (profile set) tightens its file too
    assert run("profile", "set", "--name", "Alex").exit_code == 0
    os.chmod(home / "profile.toml", 0o664)
    r = run("profile", "set", "--name", "Alex Doe")
    assert r.exit_code == 0 and "now private" in r.stderr
    assert mode(home / "profile.toml") == 0o600


@pytest.mark.skipif(not AS_ROOT, reason="giving a file to another user needs root (chown)")
@pytest.mark.parametrize("what", ["folder", "file"])
def test_a_data_folder_or_file_of_another_user_is_refused(run, home: Path, what: str) -> None:
    log(run)
    target = home if what == "folder" else home / "evidence.toml"
    os.chown(target, OTHER_UID, -1)
    before = (home / "evidence.toml").read_bytes()
    for args in (["evidence", "list"], ["log", "Another", "--gap", "strategy"]):
        r = run(*args)
        assert r.exit_code == 5, (args, r.output)
        assert f"belongs to another user (uid {OTHER_UID})" in r.stderr
        assert "chown" in r.stderr
    assert (home / "evidence.toml").read_bytes() == before


# --- case 6: links, FIFOs, devices and huge files -----------------------------------------------
def run_sub(home: Path, *args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    """In a real process with a deadline: a hang on a FIFO fails the test instead of CI."""
    return subprocess.run(
        [*pm_coach_cmd(), *args],
        env=subprocess_env(home),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=timeout,
        check=False,
    )


def test_a_fifo_stamp_does_not_hang_log(run, home: Path) -> None:
    log(run)
    stamp = home / ".evidence.toml.stamp"
    stamp.unlink()
    os.mkfifo(stamp)
    before = (home / "evidence.toml").read_bytes()
    p = run_sub(home, "log", "Next entry", "--gap", "strategy")
    assert p.returncode == 5, p.stderr
    assert "named pipe" in p.stderr
    assert (home / "evidence.toml").read_bytes() == before
    assert run_sub(home, "evidence", "list", "--json").returncode == 0


def test_a_stamp_linked_to_dev_zero_is_never_read(run, home: Path) -> None:
    log(run)
    stamp = home / ".evidence.toml.stamp"
    stamp.unlink()
    stamp.symlink_to("/dev/zero")
    p = run_sub(home, "evidence", "list", "--json")
    assert p.returncode == 0, p.stderr
    p = run_sub(home, "log", "Next entry", "--gap", "strategy")
    assert p.returncode == 5 and "symbolic link" in p.stderr


@pytest.mark.parametrize("kind", ["device", "fifo", "link", "huge"])
def test_an_import_of_anything_but_a_regular_file_is_refused_at_once(
    run, home: Path, tmp_path: Path, kind: str
) -> None:
    source = tmp_path / "export.csv"
    if kind == "device":
        source = Path("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(source)
    elif kind == "link":
        source.symlink_to("/dev/zero")
    else:
        with open(source, "wb") as fh:
            fh.truncate(files.MAX_INPUT + 1)  # sparse: takes no room on disk
    p = run_sub(home, "import", "csv", str(source))
    expected = {
        "device": (5, "device or other special file"),
        "fifo": (5, "named pipe"),
        "link": (5, "symbolic link"),
        "huge": (3, "larger than 20 MB"),
    }[kind]
    assert (p.returncode, expected[1] in p.stderr) == (expected[0], True), p.stderr
    assert not (home / "evidence.toml").exists()


def test_a_fifo_answers_file_or_log_does_not_hang(run, home: Path, tmp_path: Path) -> None:
    answers = tmp_path / "answers.toml"
    os.mkfifo(answers)
    p = run_sub(home, "assess", "--answers", str(answers))
    assert p.returncode == 5 and "named pipe" in p.stderr
    home.mkdir()
    os.mkfifo(home / "evidence.toml")
    p = run_sub(home, "evidence", "list")
    assert p.returncode == 5 and "named pipe" in p.stderr


# --- case 7: control characters in paths are shown escaped --------------------------------------
EVIL = "map\x1b]0;PWNED\x07"


@pytest.mark.parametrize(
    "args",
    [
        ["maps", "validate", "{dir}/" + EVIL + ".toml"],
        ["import", "csv", "{dir}/" + EVIL + ".csv"],
        ["assess", "--answers", "{dir}/" + EVIL + ".toml"],
        ["--data-dir", "{file}", "evidence", "list"],
        ["export", "-o", "{dir}/no-such-folder/" + EVIL + ".md"],
    ],
    ids=["maps-validate", "import", "answers", "data-dir", "export-o"],
)
def test_paths_with_control_characters_are_printed_escaped(
    run, tmp_path: Path, args: list[str]
) -> None:
    log(run)
    blocker = tmp_path / (EVIL + "-file")
    blocker.write_text("not a folder")
    r = run(*(a.format(dir=tmp_path, file=blocker) for a in args))
    assert r.exit_code in (2, 3, 4, 5), r.output
    assert "\x1b" not in r.output and "\x07" not in r.output
    assert "map\\x1b]0;PWNED\\x07" in r.output


def test_a_written_file_and_a_valid_map_name_are_printed_escaped(run, tmp_path: Path) -> None:
    log(run)
    r = run("export", "-o", str(tmp_path / (EVIL + ".md")))
    assert r.exit_code == 0, r.output
    assert "\x1b" not in r.output and "map\\x1b]0;PWNED\\x07.md" in r.output
    valid = tmp_path / "maps" / (EVIL + ".toml")
    valid.parent.mkdir()
    mapfile = Path(__file__).parent / "data" / "maps" / "tiny.toml"
    valid.write_text(mapfile.read_text())
    r = run("maps", "validate", str(valid))
    assert "\x1b" not in r.output and "\x07" not in r.output


# --- case 10: small message fixes ---------------------------------------------------------------
def test_validation_messages_do_not_start_with_pydantics_prefix(run, home: Path) -> None:
    log(run)
    text = (
        (home / "evidence.toml")
        .read_text()
        .replace('kind = "work"', 'text = "a\\u0007b"\nkind = "work"', 1)
    )
    text = text.replace('text = "Ran the pricing review"\n', "", 1)
    (home / "evidence.toml").write_text(text)
    r = run("evidence", "list")
    assert r.exit_code == 3, r.output
    assert "must be a single line" in r.stderr
    assert "Value error" not in r.stderr


def test_a_read_only_mount_is_not_reported_as_a_permission_problem(
    run, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log(run)
    real_open = os.open

    def read_only(path: object, flags: int, *args: object, **kw: object) -> int:
        writes = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
        if str(path).startswith(str(home)) and flags & writes:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_open(path, flags, *args, **kw)

    monkeypatch.setattr(os, "open", read_only)
    monkeypatch.setattr("tempfile._os.open", read_only, raising=False)
    r = run("log", "Another", "--gap", "strategy")
    assert r.exit_code == 5, r.output
    assert "read-only file system" in r.stderr
    assert "chmod" not in r.stderr and "permission denied" not in r.stderr


@pytest.mark.parametrize("kind", ["folder", "fifo"])
def test_a_map_file_that_is_not_a_file_is_named_as_such(run, home: Path, kind: str) -> None:
    user = home / "skill_maps"
    user.mkdir(parents=True)
    if kind == "folder":
        (user / "mine.toml").mkdir()
    else:
        os.mkfifo(user / "mine.toml")
    r = run("maps", "show", "mine")
    assert r.exit_code in (3, 5), r.output
    assert "no skill map called" not in r.stderr
    assert ("is a folder" if kind == "folder" else "named pipe") in r.stderr


def test_the_lock_timeout_hint_does_not_blame_evidence_edit(
    run, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log(run)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys, time\n"
            "fd = os.open(sys.argv[1], os.O_RDWR)\n"
            "fcntl.flock(fd, fcntl.LOCK_EX)\n"
            "print('held', flush=True)\n"
            "time.sleep(60)\n",
            str(home / ".pm-coach.lock"),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        monkeypatch.setattr(files, "LOCK_TIMEOUT", 0.2)
        r = run("log", "Blocked", "--gap", "strategy")
        assert r.exit_code == 5, r.output
        assert "evidence edit" not in r.stderr
        assert re.search(r"another pm-coach process has held the lock", r.stderr)
    finally:
        holder.kill()
        holder.wait()
    assert time.monotonic() > 0
