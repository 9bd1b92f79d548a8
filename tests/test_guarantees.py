"""Guarantees a user relies on, each checked so that breaking it on purpose fails a test.

Written against a mutation check (issue #11): each test here is the one that catches a named
deliberate bug — an append that re-reads the whole log, a hand-edit guard switched off, the
oldest month named as the last evidence, a bullet cut mid-clause, a gap name or user text left
unescaped, a lock wait that never ends, a private file made world-readable, the wrong exit code
for an internal error or Ctrl-C. Exit codes are the literal numbers of the README's table.
docs/architecture.md ("Tests that bite") lists each mutant, where it goes and the test here
that kills it: keep that table and these tests in step.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from pm_coach.errors import DataFileError
from pm_coach.models import Assessment, Evidence
from pm_coach.store.assessments import add_assessment
from pm_coach.store.evidence import EvidenceStore
from tests.conftest import pm_coach_cmd, subprocess_env

CREATED = dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC)
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes and flock")


def entry(new_id: str, text: str = "Ran the pricing review", **kw: object) -> Evidence:
    values: dict[str, object] = {"date": dt.date(2026, 11, 3), "gaps": ["strategy"]}
    values.update(kw)
    return Evidence(id=new_id, text=text, created=CREATED, **values)  # type: ignore[arg-type]


def assess(home: Path, map_id: str, levels: dict[str, int], on: dt.date) -> None:
    """A self-assessment on ``on`` against ``map_id``, aiming for 4 in strategy."""
    created = dt.datetime.combine(on, dt.time(9), tzinfo=dt.UTC)
    add_assessment(
        home,
        Assessment(date=on, map=map_id, levels=levels, targets={"strategy": 4}, created=created),
    )


def big_log(home: Path, n: int) -> EvidenceStore:
    store = EvidenceStore(home)
    store.rewrite(
        lambda _: [
            entry(f"e{i:05d}", f"Seeded entry number {i} for the size test") for i in range(n)
        ]
    )
    return store


# --- the log: appends stay cheap and honest ---------------------------------------------------


def _bytes_read() -> int:
    with open("/proc/self/io", encoding="ascii") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("rchar:"))


@pytest.mark.skipif(not Path("/proc/self/io").exists(), reason="needs Linux /proc/self/io")
def test_an_append_does_not_read_the_whole_log(home: Path) -> None:
    store = big_log(home, 4000)
    size = store.path.stat().st_size
    assert size > 400_000
    store.append(lambda new_id: entry(new_id, "Warm-up append"))  # imports, first stamp
    before = _bytes_read()
    store.append(lambda new_id: entry(new_id, "The append that is measured"))
    read = _bytes_read() - before
    # The stamp, the last bytes for the fingerprint and the /proc file itself: a few KB, not
    # the 400 KB a re-parse of the log would read.
    assert read < 64_000, f"an append read {read} bytes of a {size}-byte log"


def _killed_append(store: EvidenceStore) -> int:
    """What a pm-coach killed half-way through an append leaves: a pending stamp and a torn
    tail. Returns the size of the log before the append."""
    chunk = store._chunk(entry("killed", "Half-written entry", date=dt.date(2026, 11, 4)))
    st = os.stat(store.path)
    store._write_stamp(st, pending=chunk)
    with store.path.open("ab") as fh:
        fh.write(chunk[: len(chunk) // 2])
    return st.st_size


def test_a_hand_edit_after_a_killed_append_is_validated_not_trusted(home: Path) -> None:
    store = big_log(home, 3)
    size = _killed_append(store)
    # The person opens the file and makes a date impossible, keeping the file's length, so
    # only the fingerprint of the bytes before the torn tail can tell the file was touched.
    text = store.path.read_bytes()
    edited = text[:size].replace(b"date = 2026-11-03", b"date = 2026-13-03") + text[size:]
    assert edited != text and len(edited) == len(text)
    store.path.write_bytes(edited)
    with pytest.raises(DataFileError, match="evidence.toml"):
        store.append(lambda new_id: entry(new_id, "Another entry"))
    assert store.path.read_bytes() == edited  # nothing cut, nothing added: as the person left it


# --- the plan names the newest evidence month -------------------------------------------------


def test_no_evidence_since_names_the_newest_month(run, home: Path) -> None:
    assess(
        home,
        "leadership",
        {"strategy": 3, "buy-in": 3, "confidence": 3, "domain": 3, "delegation": 3},
        dt.date(2026, 11, 20),
    )
    store = EvidenceStore(home)
    store.rewrite(
        lambda _: [
            entry("old001", "Wrote the first strategy memo", date=dt.date(2025, 3, 10)),
            entry("new001", "Reworked the strategy memo", date=dt.date(2025, 7, 14)),
        ]
    )
    r = run("plan", "new", "--start", "2026-11-23")
    assert r.exit_code == 0, r.output
    r = run("plan", "--format", "markdown")
    assert r.exit_code == 0, r.output
    assert "no evidence since July 2025" in r.stdout
    assert "March 2025" not in r.stdout


def test_the_report_names_the_newest_evidence_date(run, home: Path) -> None:
    assess(home, "leadership", {"strategy": 3}, dt.date(2026, 11, 20))
    EvidenceStore(home).rewrite(
        lambda _: [
            entry("new001", "Reworked the strategy memo", date=dt.date(2025, 7, 14)),
            entry("old001", "Wrote the first strategy memo", date=dt.date(2025, 3, 10)),
        ]
    )
    r = run("report", "--json")
    assert r.exit_code == 0, r.output
    gaps = {g["gap"]: g for g in json.loads(r.stdout)["gaps"]}
    assert gaps["strategy"]["last_evidence"] == "2025-07-14"


# --- bullets: whole clauses, never a cut word -------------------------------------------------


def test_a_bullet_too_long_to_fit_stays_whole() -> None:
    from pm_coach.core.bullets import write_bullet

    text = (
        "Rebuilt the partner onboarding flow across billing, identity and support with the "
        "platform, payments and compliance teams over two quarters"
    )
    result = (
        "cut the time a new partner waits for a live account from nineteen working days to "
        "six working days in every region we sell in"
    )
    b = write_bullet(text, result=result, limit=120)
    assert len(b.text) > 120  # nothing left to drop: it stays long rather than cut
    # every word kept, first person made the team's
    assert "from nineteen working days to six working days in every region the team sells in" in (
        b.text
    )
    # too long with the result first: the action leads, the result follows, both whole
    assert b.text.startswith(text + ", then cut the time a new partner waits")


def test_a_long_bullet_drops_the_goal_whole(run, home: Path) -> None:
    from pm_coach.core.bullets import write_bullet

    b = write_bullet(
        "Ran the quarterly pricing review with finance and sales leadership for the EMEA region",
        result="Dropped two underperforming bets",
        goal="keep the platform simple enough for a two-person support team to run on weekends",
        limit=140,
    )
    assert "goal" in b.dropped
    assert "weekends" not in b.text and "keep the platform" not in b.text
    assert b.text.endswith(("region", "bets"))


# --- the report: user text and map text are escaped -------------------------------------------

HOSTILE_GAP = 'Road<b>map</b> | *craft* & "_priorities_"'


@pytest.fixture
def hostile_map(home: Path) -> Path:
    maps = home / "skill_maps"
    maps.mkdir(parents=True)
    src = Path(__file__).resolve().parent.parent / "skill_maps" / "leadership.toml"
    text = src.read_text("utf-8").replace('id = "leadership"', 'id = "mine"', 1)
    # the strategy gap's name, as the user wrote it in their own map
    start = text.index('id = "strategy"')
    name_at = text.index("name = ", start)
    line_end = text.index("\n", name_at)
    text = text[:name_at] + f"name = {HOSTILE_GAP!r}".replace("'", "'''") + text[line_end:]
    (maps / "mine.toml").write_text(text, "utf-8")
    assess(home, "mine", {"strategy": 2}, dt.date(2026, 11, 2))
    EvidenceStore(home).append(lambda new_id: entry(new_id, "Shipped <i>it</i> | fast *now*"))
    return home


def test_a_gap_name_from_a_users_map_is_escaped_in_html(
    run, hostile_map: Path, tmp_path: Path
) -> None:
    r = run("report", "--map", "mine", "-o", str(tmp_path / "r.html"))
    assert r.exit_code == 0, r.output
    page = (tmp_path / "r.html").read_text("utf-8")
    assert "<b>map</b>" not in page
    assert "Road&lt;b&gt;map&lt;/b&gt;" in page


def test_a_gap_name_in_the_trend_legend_is_escaped(run, hostile_map: Path, tmp_path: Path) -> None:
    # A second assessment: the page now draws how levels moved, with a legend of gap names.
    assess(hostile_map, "mine", {"strategy": 3}, dt.date(2026, 11, 16))
    r = run("report", "--map", "mine", "-o", str(tmp_path / "r.html"))
    assert r.exit_code == 0, r.output
    page = (tmp_path / "r.html").read_text("utf-8")
    assert "<b>map</b>" not in page
    assert "</i>Road&lt;b&gt;map&lt;/b&gt; | *craft* &amp; &quot;_priorities_&quot;</span>" in page


def test_the_markdown_report_escapes_table_breakers(run, hostile_map: Path) -> None:
    r = run("report", "--map", "mine", "--format", "markdown")
    assert r.exit_code == 0, r.output
    row = next(line for line in r.stdout.splitlines() if "Road" in line and line.startswith("|"))
    assert 'Road\\<b\\>map\\</b\\> \\| \\*craft\\* & "\\_priorities\\_"' in row
    # the row keeps the table's columns: the | in the name does not split it
    header = next(line for line in r.stdout.splitlines() if line.startswith("| Gap"))
    assert len(re.split(r"(?<!\\)\|", row)) == len(header.split("|"))


# --- the lock: a held lock ends in exit 5, not a hang -----------------------------------------

HOLD_LOCK = """\
import sys, time
from pathlib import Path
from pm_coach.store import files
with files.locked(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(60)
"""

SHORT_WAIT = """\
import sys
from pm_coach.store import files
files.LOCK_TIMEOUT = 0.5
from pm_coach.cli import main
sys.argv = ["pm-coach", *sys.argv[1:]]
main()
"""


@POSIX
def test_a_lock_held_by_another_process_ends_in_exit_5(home: Path) -> None:
    EvidenceStore(home).append(lambda new_id: entry(new_id))
    before = (home / "evidence.toml").read_bytes()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(home)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        waiter = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(SHORT_WAIT), "log", "Blocked", "-g", "strategy"],
            env=subprocess_env(home),
            capture_output=True,
            text=True,
            timeout=30,  # a wait that never ends fails here
        )
    finally:
        holder.kill()
        holder.wait()
    assert waiter.returncode == 5, waiter.stderr
    assert "lock" in waiter.stderr and "Traceback" not in waiter.stderr
    assert (home / "evidence.toml").read_bytes() == before


# --- private files ------------------------------------------------------------------------------


@POSIX
def test_every_file_pm_coach_writes_is_private_whatever_the_umask(
    home: Path, set_umask: Callable[[int], None]
) -> None:
    set_umask(0o022)
    store = EvidenceStore(home)
    store.append(lambda new_id: entry(new_id))
    store.append(lambda new_id: entry(new_id, "Second"))
    written = [p for p in home.iterdir() if p.is_file()]
    assert {p.name for p in written} >= {"evidence.toml", store.stamp_path.name}
    for p in written:
        assert stat.S_IMODE(p.stat().st_mode) == 0o600, p.name
    assert stat.S_IMODE(home.stat().st_mode) == 0o700


# --- exit codes: the README's table, as numbers -------------------------------------------------

CRASH = """\
import sys
from pm_coach.store import evidence
def boom(self, make):
    raise RuntimeError("simulated bug")
evidence.EvidenceStore.append = boom
from pm_coach.cli import main
sys.argv = ["pm-coach", *sys.argv[1:]]
main()
"""

INTERRUPT = """\
import sys
from pm_coach.store import evidence
def interrupted(self, make):
    raise KeyboardInterrupt
evidence.EvidenceStore.append = interrupted
from pm_coach.cli import main
sys.argv = ["pm-coach", *sys.argv[1:]]
main()
"""


def _run_script(script: str, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = subprocess_env(home)
    env.pop("PM_COACH_TRACEBACK", None)
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )


def test_an_internal_error_exits_1_and_points_to_debug(home: Path) -> None:
    p = _run_script(CRASH, home, "log", "Something", "--gap", "strategy")
    assert p.returncode == 1, p.stderr
    assert "unexpected internal error: RuntimeError: simulated bug" in p.stderr
    assert "--debug" in p.stderr and "Traceback" not in p.stderr
    d = _run_script(CRASH, home, "--debug", "log", "Something", "--gap", "strategy")
    assert d.returncode == 1 and "Traceback" in d.stderr


def test_ctrl_c_outside_a_form_exits_130_and_saves_nothing(home: Path) -> None:
    p = _run_script(INTERRUPT, home, "log", "Something", "--gap", "strategy")
    assert p.returncode == 130, p.stderr
    assert "Cancelled: nothing was saved." in p.stderr
    assert not (home / "evidence.toml").exists()


def test_a_failed_append_disk_full_exits_5_and_leaves_the_log(home: Path) -> None:
    EvidenceStore(home).append(lambda new_id: entry(new_id))
    before = (home / "evidence.toml").read_bytes()
    full = textwrap.dedent(
        """\
        import errno, sys
        from pm_coach.store import files
        real_write = files.os.write
        def full(fd, data):
            if len(data) > 40:  # the entry's bytes, not the stamp's
                raise OSError(errno.ENOSPC, "No space left on device")
            return real_write(fd, data)
        files.os.write = full
        from pm_coach.cli import main
        sys.argv = ["pm-coach", *sys.argv[1:]]
        main()
        """
    )
    p = _run_script(full, home, "log", "Will not fit", "--gap", "strategy")
    assert p.returncode == 5, p.stderr
    assert "Traceback" not in p.stderr
    assert (home / "evidence.toml").read_bytes() == before


@POSIX
def test_a_data_folder_that_cannot_be_created_exits_5(run, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    r = run("--data-dir", str(blocker / "data"), "log", "ok", "--gap", "strategy")
    assert r.exit_code == 5, r.output
    assert "Traceback" not in r.output


def test_without_pm_coach_home_data_goes_to_the_platform_folder(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("PM_COACH_HOME", "XDG_DATA_HOME")}
    env["HOME"] = str(tmp_path)
    p = subprocess.run(
        [*pm_coach_cmd(), "log", "Where does this go", "--gap", "strategy"],
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert p.returncode == 0, p.stderr
    found = list(tmp_path.rglob("evidence.toml"))
    assert len(found) == 1
    assert found[0].parent.name == "pm-coach"
    assert tmp_path / ".local" / "share" in found[0].parents or sys.platform != "linux"
