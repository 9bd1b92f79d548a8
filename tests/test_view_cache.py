"""The view cache of evidence.toml must be invisible except by its speed.

Whatever happens to the log and to the cache (pm-coach's own writes, hand edits that keep the
size and the time, the cache deleted, torn, filled with rubbish or written by another version,
a ``log`` killed between its append and the cache update), reading the log gives exactly what a
cold read of the TOML file gives.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from pm_coach.errors import DataFileError
from pm_coach.models import Evidence
from pm_coach.models.evidence_view import FIELDS, EvidenceView
from pm_coach.store import files, tables, view_cache
from pm_coach.store.evidence import FILE_NAME, KEY, UNIQUE_IDS, EvidenceStore
from tests.conftest import subprocess_env

CREATED = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)


def cold(folder: Path) -> list[dict[str, object]] | str:
    """What the TOML file itself says, read by tomllib and validated; never the cache. An error
    reads as the word "error"."""
    text = files.read_text(folder / FILE_NAME)
    if text is None:
        return []
    try:
        entries = tables.parse_tables(folder / FILE_NAME, text, KEY, Evidence)
        UNIQUE_IDS.check(folder / FILE_NAME, text, KEY, entries)  # an id used twice is an error
        return [e.to_json() for e in entries]
    except DataFileError:
        return "error"


def loaded(folder: Path) -> list[dict[str, object]] | str:
    try:
        return [e.to_json() for e in EvidenceStore(folder).load()]
    except DataFileError:
        return "error"


def views(folder: Path) -> list[dict[str, object]] | None:
    """What the lean read path would see: the cached rows, when the cache vouches for them."""
    path = folder / FILE_NAME
    if not path.exists():
        return None
    raw = path.read_bytes()
    rows = view_cache.read(folder, raw, os.stat(path))
    return None if rows is None else [EvidenceView(r).to_json() for r in rows]


def entry(text: str, day: int = 1, gaps: list[str] | None = None) -> Evidence:
    return Evidence(
        id="tmp000",
        date=dt.date(2026, 2, day),
        text=text,
        gaps=gaps or [],
        metrics=["+3% conversion"] if day % 2 else [],
        created=CREATED,
    )


def test_the_view_lists_the_fields_of_evidence_in_file_order() -> None:
    assert tuple(Evidence.model_fields) == FIELDS


def test_a_cached_read_gives_the_same_entries_as_a_cold_one(home: Path) -> None:
    store = EvidenceStore(home)
    store.append(
        lambda i: entry("Ran the pricing review", 3, ["strategy"]).model_copy(update={"id": i})
    )
    store.append(lambda i: entry("Wrote the launch memo", 4).model_copy(update={"id": i}))
    assert (home / ".evidence.cache").exists()
    assert os.stat(home / ".evidence.cache").st_mode & 0o777 == 0o600
    cached = store.load()
    assert [e.text for e in cached] == ["Ran the pricing review", "Wrote the launch memo"]
    assert [e.to_json() for e in cached] == cold(home)
    assert cached[0].date == dt.date(2026, 2, 3)
    assert cached[0].created == CREATED
    assert cached[0].to_json()["created"] == "2026-03-02T09:30:00Z"
    assert views(home) == cold(home)


def test_a_hand_edit_that_keeps_size_and_times_is_still_seen(home: Path) -> None:
    store = EvidenceStore(home)
    store.append(lambda i: entry("Ran the pricing review").model_copy(update={"id": i}))
    assert views(home) is not None
    path = home / FILE_NAME
    before = os.stat(path)
    path.write_bytes(path.read_bytes().replace(b"pricing", b"hiring!"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(path).st_size == before.st_size
    assert views(home) is None
    assert [e.text for e in store.load()] == ["Ran the hiring! review"]


def test_a_hand_edit_that_breaks_the_file_is_an_error_not_the_cached_entries(home: Path) -> None:
    store = EvidenceStore(home)
    store.append(lambda i: entry("Ran the pricing review").model_copy(update={"id": i}))
    path = home / FILE_NAME
    path.write_text(path.read_text("utf-8").replace('kind = "work"', 'kind = "hobby"'), "utf-8")
    with pytest.raises(DataFileError, match="kind"):
        store.load()


def test_a_log_killed_after_its_append_leaves_no_stale_cache(home: Path, tmp_path: Path) -> None:
    """A real process dies (os._exit) between appending to the log and extending the cache."""
    store = EvidenceStore(home)
    store.append(lambda i: entry("Ran the pricing review").model_copy(update={"id": i}))
    assert views(home) is not None
    script = textwrap.dedent(
        """\
        import os, sys
        from pm_coach.store import view_cache
        view_cache.extend = lambda *a, **k: os._exit(9)
        from pm_coach.cli import main
        sys.argv = ["pm-coach", "log", "Wrote the launch memo", "--date", "2026-02-05"]
        main()
        """
    )
    p = subprocess.run(
        [sys.executable, "-c", script], env=subprocess_env(home), capture_output=True, check=False
    )
    assert p.returncode == 9
    assert views(home) is None  # the cache no longer vouches for the file
    texts = [e.text for e in store.load()]
    assert texts == ["Ran the pricing review", "Wrote the launch memo"]
    assert views(home) == cold(home)  # and the read rebuilt it


def test_a_writer_that_goes_around_the_store_cannot_make_the_cache_lie(home: Path) -> None:
    store = EvidenceStore(home)
    store.append(lambda i: entry("Ran the pricing review").model_copy(update={"id": i}))
    other = entry("Wrote the launch memo").model_copy(update={"id": "abc123"})
    files.atomic_write(home / FILE_NAME, tables.dump_tables(KEY, [other.to_record()]))
    assert [e.text for e in store.load()] == ["Wrote the launch memo"]


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"\x00" * 10,
        b"not a cache at all",
        b"\xff\xff\xff\x7f",
    ],
)
def test_a_damaged_cache_reads_as_no_cache(home: Path, damage: bytes) -> None:
    store = EvidenceStore(home)
    store.append(lambda i: entry("Ran the pricing review").model_copy(update={"id": i}))
    (home / ".evidence.cache").write_bytes(damage)
    assert views(home) is None
    assert [e.text for e in store.load()] == ["Ran the pricing review"]
    assert views(home) == cold(home)


def test_a_cache_written_by_another_version_is_not_used(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = EvidenceStore(home)
    store.append(lambda i: entry("Ran the pricing review").model_copy(update={"id": i}))
    monkeypatch.setattr(view_cache, "__version__", "999.0")
    assert views(home) is None


# --- any sequence of events -----------------------------------------------------------------
TEXTS = st.sampled_from(
    ["Ran the pricing review", "Wrote the launch memo", "Coached a new PM", "Killed a project"]
)


class CacheMachine(RuleBasedStateMachine):
    """Random sequences of writes, hand edits and cache damage; after every step the store's
    read (cached or not) and the lean view equal a cold read of the TOML file."""

    def __init__(self) -> None:
        super().__init__()
        import tempfile

        self._tmp = tempfile.TemporaryDirectory()
        self.folder = Path(self._tmp.name) / "data"
        self.store = EvidenceStore(self.folder)
        self.path = self.folder / FILE_NAME
        self.version = view_cache.__version__

    def teardown(self) -> None:
        view_cache.__version__ = self.version
        self._tmp.cleanup()

    def _ok(self) -> bool:
        return cold(self.folder) != "error"

    def _ids(self) -> list[str]:
        got = cold(self.folder)
        return [str(e["id"]) for e in got] if isinstance(got, list) else []

    @precondition(_ok)
    @rule(text=TEXTS, day=st.integers(1, 28))
    def log(self, text: str, day: int) -> None:
        self.store.append(lambda i: entry(text, day).model_copy(update={"id": i}))

    @precondition(lambda self: bool(self._ids()))
    @rule(data=st.data(), text=TEXTS)
    def edit(self, data: st.DataObject, text: str) -> None:
        target = data.draw(st.sampled_from(self._ids()))
        old = self.store.get(target)
        self.store.replace(old.model_copy(update={"text": text}))

    @precondition(lambda self: bool(self._ids()))
    @rule(data=st.data())
    def remove(self, data: st.DataObject) -> None:
        self.store.remove(data.draw(st.sampled_from(self._ids())))

    @precondition(lambda self: self.path.exists())
    @rule(keep_times=st.booleans())
    def hand_edit_same_size(self, keep_times: bool) -> None:
        """Swap two letters of one entry's text in place: same size, same inode, and with
        ``keep_times`` the same modification time."""
        raw = self.path.read_bytes()
        at = raw.find(b'text = "')
        if at < 0:
            return
        at += len(b'text = "')
        before = os.stat(self.path)
        swapped = raw[:at] + raw[at + 1 : at + 2] + raw[at : at + 1] + raw[at + 2 :]
        self.path.write_bytes(swapped)
        if keep_times:
            os.utime(self.path, ns=(before.st_atime_ns, before.st_mtime_ns))

    @precondition(lambda self: self.path.exists())
    @rule()
    def hand_comment(self) -> None:
        with self.path.open("a", encoding="utf-8") as fh:
            fh.write("# a note of my own\n")

    @precondition(lambda self: self.path.exists())
    @rule()
    def hand_add_entry_in_another_layout(self) -> None:
        text = self.path.read_text("utf-8")
        new_id = next(f"hand{n:02d}" for n in range(100) if f'"hand{n:02d}"' not in text)
        with self.path.open("a", encoding="utf-8") as fh:
            fh.write(
                f'\n[[evidence]]\nid = "{new_id}"\ndate = 2026-01-09\n'
                'text = "Added by hand"\ngaps = [\n  "strategy",\n]\n'
                "created = 2026-01-09T10:00:00Z\n"
            )

    @precondition(lambda self: self.path.exists() and b"oops" not in self.path.read_bytes())
    @rule()
    def hand_break(self) -> None:
        with self.path.open("a", encoding="utf-8") as fh:
            fh.write("oops = \n")

    @precondition(lambda self: self.path.exists() and b"oops" in self.path.read_bytes())
    @rule()
    def hand_repair(self) -> None:
        self.path.write_bytes(self.path.read_bytes().replace(b"oops = \n", b""))

    @rule()
    def delete_cache(self) -> None:
        view_cache.forget(self.folder)

    @precondition(lambda self: view_cache.cache_path(self.folder).exists())
    @rule(cut=st.integers(0, 4000), junk=st.binary(max_size=8))
    def damage_cache(self, cut: int, junk: bytes) -> None:
        path = view_cache.cache_path(self.folder)
        data = path.read_bytes()
        cut = min(cut, len(data))
        path.write_bytes(data[:cut] + junk + data[cut + len(junk) :])

    @rule()
    def other_version(self) -> None:
        current = view_cache.__version__
        view_cache.__version__ = self.version if current != self.version else "0.0-other"

    @invariant()
    def same_as_a_cold_read(self) -> None:
        want = cold(self.folder)
        seen = views(self.folder)
        if seen is not None:
            assert seen == want
        assert loaded(self.folder) == want
        seen = views(self.folder)
        if seen is not None:
            assert seen == want


TestCacheMachine = CacheMachine.TestCase
TestCacheMachine.settings = settings(
    max_examples=25,
    stateful_step_count=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
