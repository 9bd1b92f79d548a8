"""The cold read of evidence.toml (no view cache for these bytes: a hand edit, a first read, a
damaged cache) goes through the file a batch of tables at a time, writing the view cache as it
goes. Nothing about it may show but its memory: the same entries, the same output, and for a
bad file the same message, the same exit code, and nothing written.

The batch is made two tables long here, so that a seven-entry log is read in four pieces.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pm_coach.models.evidence_view import EvidenceView
from pm_coach.store import evidence as evidence_store
from pm_coach.store import tables, view_cache
from pm_coach.store.evidence import EvidenceStore
from tests.conftest import Run, WriteData

HEAD = "# My log, kept by hand too.\nschema_version = 1\n"


def table(n: int, **extra: str) -> str:
    fields = {
        "id": f'"e{n:03d}"',
        "date": f"2026-02-{n:02d}",
        "text": f'"Ran review number {n}"',
        "result": '"Dropped two bets"' if n % 2 else '""',
        "metrics": '["+3% conversion"]' if n % 3 == 0 else "[]",
        "created": "2026-03-02T09:30:00Z",
    }
    fields.update(extra)
    return "\n[[evidence]]\n" + "".join(f"{k} = {v}\n" for k, v in fields.items())


def log_text(*tables_text: str) -> str:
    return HEAD + "".join(tables_text)


SEVEN = log_text(
    table(1),
    table(2),
    "# a comment between the tables\n",
    table(3),
    table(4),
    table(5, tags='[ "q3",  "exec" ]'),
    table(6),
    table(7),
    "# looked at this by hand\n",
)


@pytest.fixture(autouse=True)
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(evidence_store, "BATCH", 2)


def segments(folder: Path) -> int:
    data = memoryview((folder / view_cache.CACHE_NAME).read_bytes())
    count, offset = 0, 0
    while offset < len(data):
        _, offset = view_cache._load(data, offset)
        count += 1
    return count - 1  # the header


def whole_file_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the cold read take the whole-file reader, as every read did before streaming."""

    def refuse(*_: object) -> object:
        raise evidence_store._Unsure("whole-file read asked for")

    monkeypatch.setattr(evidence_store, "_batches", refuse)


def test_a_hand_laid_out_log_is_read_in_batches_with_the_cache_written_as_it_goes(
    home: Path, write_data: WriteData, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_data("evidence.toml", SEVEN)

    def no_whole_file(*_: object, **__: object) -> object:
        raise AssertionError("the whole file was parsed at once")

    monkeypatch.setattr(tables, "parse_tables", no_whole_file)
    entries = EvidenceStore(home).load()
    assert [e.id for e in entries] == ["e001", "e002", "e003", "e004", "e005", "e006", "e007"]
    assert entries[4].tags == ["q3", "exec"]
    assert entries[2].metrics == ["+3% conversion"]
    assert segments(home) == 4  # tables 1-2 (and the lines before), 3-4, 5-6, 7
    assert [e.id for e in EvidenceStore(home).load()][-1] == "e007"  # now from the cache


def test_the_streamed_read_prints_the_same_bytes_as_the_whole_file_read(
    home: Path, write_data: WriteData, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_data("evidence.toml", SEVEN)
    streamed = run("evidence", "list", "--json")
    assert streamed.exit_code == 0, streamed.output
    streamed_cache = (home / view_cache.CACHE_NAME).read_bytes()
    os.unlink(home / view_cache.CACHE_NAME)
    whole_file_read(monkeypatch)
    before = run("evidence", "list", "--json")
    assert before.exit_code == 0, before.output
    assert streamed.output == before.output
    assert '"id": "e005"' in streamed.output
    # the caches differ only in how they are cut; both give the same rows
    assert view_cache.read(home, path.read_bytes(), os.stat(path)) == view_cache._rows(
        streamed_cache, path.read_bytes(), os.stat(path)
    )


BAD_KIND = log_text(table(1), table(2), table(3), table(4), table(5, kind='"hobby"'), table(6))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            BAD_KIND,
            "evidence.toml, line 43 (entry 5, id 'e005'): field 'kind': Input should be 'work', "
            "'volunteer', 'talk' or 'publication'.",
        ),
        (
            log_text(table(1), table(2), table(3), table(4), table(2), table(6)),
            "evidence.toml, line 36: id 'e002' is used twice (first at line 12).",
        ),
        (
            # the second cut falls inside the string: the piece before it does not parse
            log_text(table(1), table(2, result='"""one\n[[evidence]]\ntwo"""'), table(3)),
            "evidence.toml, line 16 (entry 2, id 'e002'): field 'result': must be a single line "
            "without control characters (found '\\n')",
        ),
        (
            log_text(table(1), table(2), "\n[meta]\nx = 1\n", table(3), table(4)),
            "evidence.toml: unknown top-level key(s) 'meta'.",
        ),
        (
            log_text(table(1), table(2), table(3), "[[evidence]]\nid = \n"),
            "evidence.toml, line 28, column 6: not valid TOML: Invalid value.",
        ),
    ],
    ids=["invalid-field", "repeated-id", "header-inside-a-string", "other-table", "bad-toml"],
)
def test_a_bad_entry_mid_file_gives_the_same_error_and_writes_nothing(
    home: Path, write_data: WriteData, run: Run, text: str, message: str
) -> None:
    path = write_data("evidence.toml", text)
    for argv in (("evidence", "list", "--json"), ("log", "Ran the pricing review")):
        result = run(*argv)
        assert result.exit_code == 3, result.output
        assert message in " ".join(result.output.split())
        assert path.read_text("utf-8") == text
        assert not (home / view_cache.CACHE_NAME).exists()
        assert not [p.name for p in home.iterdir() if p.name.endswith(".tmp")]


def test_a_bad_entry_leaves_an_older_cache_as_it_was(
    home: Path, write_data: WriteData, run: Run
) -> None:
    path = write_data("evidence.toml", SEVEN)
    assert run("evidence", "list", "--json").exit_code == 0
    cache = (home / view_cache.CACHE_NAME).read_bytes()
    path.write_text(SEVEN.replace('id = "e006"\ndate = 2026-02-06', 'id = "e006"\ndate = 6'))
    result = run("evidence", "list", "--json")
    assert result.exit_code == 3
    assert (
        "evidence.toml, line 48 (entry 6, id 'e006'): field 'date': Input should be a valid date."
        in " ".join(result.output.split())
    )
    assert (home / view_cache.CACHE_NAME).read_bytes() == cache


def test_views_carry_the_same_fields_as_models_cold_warm_and_laid_out_by_hand(
    home: Path, write_data: WriteData
) -> None:
    write_data("evidence.toml", SEVEN)
    cold_views = EvidenceStore(home).views()  # streamed, writes the cache
    warm_models = EvidenceStore(home).load()  # from the cache
    assert [v.to_json() for v in cold_views] == [e.to_json() for e in warm_models]
    assert cold_views[4].tags == ["q3", "exec"]
    assert all(isinstance(v, EvidenceView) for v in cold_views)  # not models
    assert cold_views[0].to_json()["created"] == "2026-03-02T09:30:00Z"
    # headers spaced by hand are not cut on: the whole-file read answers, views all the same
    spaced = SEVEN.replace("[[evidence]]", "[[ evidence ]]")
    write_data("evidence.toml", spaced)
    views = EvidenceStore(home).views()
    assert [v.id for v in views] == ["e001", "e002", "e003", "e004", "e005", "e006", "e007"]
    assert [v.to_json() for v in views] == [e.to_json() for e in EvidenceStore(home).load()]
