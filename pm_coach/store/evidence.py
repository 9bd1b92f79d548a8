"""``evidence.toml``: the evidence log.

Appending is the hot path: it takes the lock, checks the file is the one pm-coach last wrote (a
small stamp of size, mtime and inode, kept beside it), and appends one ``[[evidence]]`` table in a
single write. It never re-parses the log, so its cost does not grow with the log. When the stamp
does not match (the file was edited by hand, or this is the first write), the whole file is
validated once before anything is written.

Reading takes the entries from the view cache (store/view_cache.py) when it vouches for the
file's bytes. Otherwise (a hand edit, a first read, another version) the file is validated a
batch of tables at a time, and the cache is written as it goes, so a big log is never held
parsed whole nor as a list of freshly validated models. When the stamp matches, the file is
byte for byte what pm-coach wrote, so each batch is split by a small parser for exactly that
layout (one ``key = value`` a line, values as pm-coach writes them) instead of the general TOML
parser, which is the slow part of loading a big log; anything else goes through
:mod:`tomllib`. Any doubt or error sends the file through the whole-file read of old, which
reports problems by line; nothing is written then.

A killed append: before appending, the stamp records the bytes about to be written ("pending").
If the process dies part-way through that write, the file ends in a torn table. Because the stamp
names exactly which bytes were being added after which size, such a tail is recognised with
certainty: readers ignore it, and the next write (under the lock) cuts it off. A tail that is not
a prefix of the pending bytes is never touched; it is a hand edit and is validated as such.
See docs/reliability.md.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from pydantic import TypeAdapter, ValidationError

from pm_coach.errors import Hint, NotFoundError
from pm_coach.models import Evidence
from pm_coach.models.evidence_view import FIELDS, EvidenceView
from pm_coach.store import files, tables, view_cache
from pm_coach.store.log_file import (  # noqa: F401 (the log's names, for its other users)
    COMMENT,
    FILE_NAME,
    KEY,
    STAMP_NAME,
    LogFile,
    chunk_of,
    now_utc,
)

T = TypeVar("T")

UNIQUE_IDS: tables.Unique[Evidence] = tables.Unique(
    ident=lambda e: e.id,
    what=lambda e: f"id {e.id!r}",
    hint="Give one of the two entries another id (3-12 lowercase letters or digits).",
)


def rewritten(path: Path, old: list[Evidence], new: list[Evidence], comment: str) -> str:
    """The ``[[evidence]]`` file ``path`` (holding ``old``) as it reads holding ``new``: only the
    tables that changed are replaced or removed, every other byte kept; written afresh, headed
    by ``comment``, when there is no file yet or the splice cannot keep it. Call it under the
    lock."""
    from pm_coach.store.splice import splice_tables

    text = files.read_text(path)
    if text is not None:
        spliced = splice_tables(
            text,
            KEY,
            old,
            new,
            ident=lambda e: e.id,
            record=lambda e: e.to_record(),
            parse=lambda t: tables.parse_tables(path, t, KEY, Evidence),
        )
        if spliced is not None:
            return spliced
    return tables.dump_tables(KEY, [e.to_record() for e in new], comment)


class EvidenceStore(LogFile):
    """The evidence log: appending (see :class:`LogFile`), reading and rewriting."""

    # --- reading ---------------------------------------------------------------------------
    def load(self) -> list[Evidence]:
        """Every entry, validated; ids must be unique."""
        return self._read(_from_row)

    def views(self) -> list[EvidenceView]:
        """Every entry as :meth:`load` reads it (raising what it raises), as a plain
        :class:`EvidenceView`: for read commands that only look at fields, a third of the memory
        of a model."""
        return self._read(EvidenceView)

    def validate(self) -> None:
        """Check every entry as :meth:`load` does (raising what it raises), keeping none of
        them: what ``log`` does to a file pm-coach did not write last, before appending."""
        self._read(None)

    def _read(self, make: Callable[[tuple[object, ...]], T] | None) -> list[T]:
        """Every entry, each made by ``make`` from its view cache row (None: none kept)."""
        data = self._read_bytes()
        if data is None:
            return []
        raw, st = data
        rows = view_cache.read(self.folder, raw, st)
        if rows is not None:
            return [] if make is None else [make(row) for row in rows]
        view, trusted = self._trusted_view(raw, st, self._read_stamp())
        whole = len(view) == len(raw)  # not while a torn append is left out of the view
        try:
            return self._streamed(view, st, trusted, make, cache=whole)
        except Exception:  # anything amiss: the whole-file read below says what, in its words
            pass
        text = files.decode_text(self.path, view)
        entries = fast_entries(text) if trusted else None
        if entries is None:
            entries = tables.parse_tables(self.path, text, KEY, Evidence)
        UNIQUE_IDS.check(self.path, text, KEY, entries)
        rows = rows_of(entries)
        if whole:
            view_cache.rebuild(self.folder, raw, st, rows)
        if make is _from_row:
            return entries  # type: ignore[return-value]
        return [] if make is None else [make(row) for row in rows]

    def _streamed(
        self,
        raw: bytes,
        st: os.stat_result,
        trusted: bool,
        make: Callable[[tuple[object, ...]], T] | None,
        *,
        cache: bool,
    ) -> list[T]:
        """The entries of ``raw`` read a batch of tables at a time, each batch validated, turned
        into the view cache's rows and written to a new cache (when ``cache``) before the next
        is read: the whole file is never held parsed, nor its entries as validated models.

        Any doubt (a syntax or validation error, a repeated id, a layout it does not split
        with certainty, a cache it cannot write) raises, and nothing has been written: the
        caller then reads the file whole, which reports errors by line in its own words."""
        out: list[T] = []

        def segments() -> Iterator[tuple[int, int, list[tuple[object, ...]]]]:
            for start, stop, entries in _batches(self.path, raw, trusted):
                rows = rows_of(entries)
                if make is not None:
                    out.extend(make(row) for row in rows)
                yield start, stop, rows

        if cache:
            view_cache.rebuild_segments(self.folder, raw, st, segments())
        else:
            for _ in segments():
                pass
        return out

    def get(self, entry_id: str) -> Evidence:
        for entry in self.load():
            if entry.id == entry_id:
                return entry
        raise NotFoundError(
            f"no evidence entry with id {entry_id!r}.",
            hint=Hint("evidence-ids"),
        )

    # --- writing ---------------------------------------------------------------------------
    def append(self, make: Callable[[str], Evidence]) -> Evidence:
        """Append the entry built by ``make(new_id)``; returns it once it is on disk."""
        made: list[Evidence] = []

        def chunk(new_id: str) -> tuple[bytes, list[tuple[object, ...]]]:
            made.append(make(new_id))
            return self._chunk(made[0]), rows_of(made)

        self.append_chunk(chunk, self.validate)
        return made[0]

    def rewrite(self, change: Callable[[list[Evidence]], list[Evidence]]) -> list[Evidence]:
        """Load, change and atomically rewrite the log under the lock.

        Only the lines of the entries that changed are replaced or removed; every other byte
        (the user's comments, blank lines, entries laid out by hand) stays as it was.
        """
        with files.locked(self.folder):
            if files.check_regular(self.path):
                self._recover()
            old = self.load()
            entries = change(list(old))
            new_text = rewritten(self.path, old, entries, COMMENT)
            files.atomic_write(self.path, new_text)
            self._written(
                os.stat(self.path), rewritten=(new_text.encode("utf-8"), rows_of(entries))
            )
        return entries

    def replace(self, entry: Evidence) -> None:
        def change(entries: list[Evidence]) -> list[Evidence]:
            if not any(e.id == entry.id for e in entries):
                raise NotFoundError(f"no evidence entry with id {entry.id!r}.")
            return [entry if e.id == entry.id else e for e in entries]

        self.rewrite(change)

    def remove(self, entry_id: str) -> None:
        def change(entries: list[Evidence]) -> list[Evidence]:
            kept = [e for e in entries if e.id != entry_id]
            if len(kept) == len(entries):
                raise NotFoundError(
                    f"no evidence entry with id {entry_id!r}.",
                    hint=Hint("evidence-ids"),
                )
            return kept

        self.rewrite(change)

    # --- helpers ---------------------------------------------------------------------------
    @staticmethod
    def _chunk(entry: Evidence) -> bytes:
        return chunk_of(entry.to_record())


# --- the fast reader for files pm-coach wrote ------------------------------------------------
_HEAD = "\n[[" + KEY + "]]\n"


@functools.cache
def _list_adapter() -> TypeAdapter[list[Evidence]]:
    return TypeAdapter(list[Evidence])


@functools.cache
def _json_rewrites() -> tuple[tuple[str, str], ...]:
    """``str.replace`` pairs that turn the tables pm-coach writes into one JSON array.

    Every value pm-coach writes is on one line, and strings and lists of strings are already
    JSON; only the two dates are bare. ``date`` is always followed by ``text`` and ``created``
    always ends a table, so their closing quotes go in front of the next line. A file laid out
    in any other way (a hand edit pm-coach has since validated, say) comes out as invalid JSON,
    because a line break ends up inside a string, and is read by tomllib instead.
    """
    pairs = [("\n\n[[" + KEY + "]]\nid = ", '"},\n{"id": ')]
    for name in Evidence.model_fields:
        if name == "id":
            continue
        quote_open = '"' if name in ("date", "created") else ""
        quote_close = '"' if name == "text" else ""
        pairs.append((f"\n{name} = ", f'{quote_close},\n"{name}": {quote_open}'))
    return tuple(pairs)


def fast_entries(text: str) -> list[Evidence] | None:
    """The entries of a log in exactly the layout pm-coach writes, validated by pydantic in one
    call on a JSON form of the text; None when the text is laid out in any other way or does
    not validate (the caller then reads it with tomllib and reports problems by line).

    Only for files the stamp vouches for: every entry is still validated, but what TOML allows
    is not re-checked.
    """
    head, sep, body = text.partition(_HEAD)
    version = [ln for ln in head.splitlines() if ln and not ln.startswith("#")]
    if version != [f"schema_version = {tables.SCHEMA_VERSION}"]:
        return None
    if not sep:
        return [] if not body else None
    return _fast_tables("[[" + KEY + "]]\n" + body)


def _fast_tables(text: str) -> list[Evidence] | None:
    """:func:`fast_entries` for text that is nothing but ``[[evidence]]`` tables (a batch of
    the streamed reader)."""
    first = "[[" + KEY + "]]\nid = "
    if not text.startswith(first):
        return None
    doc = "\n" + text[len(first) :].rstrip("\n")
    for old, new in _json_rewrites():
        doc = doc.replace(old, new)
    try:
        return _list_adapter().validate_json('[{"id": ' + doc + '"}]', strict=True)
    except ValidationError:
        return None


# --- the streamed reader --------------------------------------------------------------------
BATCH = 1000  # tables parsed, validated and written to the view cache at a time
_TABLE = b"\n[[" + KEY.encode() + b"]]\n"


class _Unsure(Exception):
    """The streamed reader cannot vouch for the file; the whole-file read decides."""


def _batches(path: Path, raw: bytes, trusted: bool) -> Iterator[tuple[int, int, list[Evidence]]]:
    """(start, stop, entries) for consecutive byte ranges of ``raw`` that tile it, each with
    the validated entries of its tables (the first range also holds the lines before them).

    The file is cut before each line that is exactly ``[[evidence]]``: such a line is a table's
    header, or it lies inside a multi-line string or array, whose start is then cut off from
    its end and the piece before it does not parse. So every piece that parses holds exactly
    the tables the whole file holds there, and each is validated as the whole-file read
    validates it. Raises on anything else (the caller then reads the file whole)."""
    import tomllib

    cuts = _cuts(raw)
    first = next(cuts, len(raw))
    head = tomllib.loads(raw[:first].decode("utf-8"))
    tables.check_schema_version(path, head)
    if set(head) != {"schema_version"}:
        raise _Unsure("other top-level keys, or tables not cut where expected")
    seen: set[str] = set()
    start = 0
    at = first
    while at < len(raw):
        stop = next(cuts, len(raw))
        text = raw[at:stop].decode("utf-8")
        entries = _fast_tables(text) if trusted else None
        if entries is None:
            doc = tomllib.loads(text)
            if set(doc) != {KEY}:
                raise _Unsure("another key after a table")
            entries = [Evidence.model_validate(r, strict=True) for r in doc[KEY]]
        for entry in entries:
            if entry.id in seen:
                raise _Unsure("a repeated id")
            seen.add(entry.id)
        yield start, stop, entries
        start = at = stop
    if start == 0:  # no tables at all
        yield 0, len(raw), []


def _cuts(raw: bytes) -> Iterator[int]:
    """Where the file is cut: the start of every BATCH-th line that is exactly ``[[evidence]]``,
    from the first one."""
    count = 0
    at = raw.find(_TABLE)
    while at != -1:
        if count % BATCH == 0:
            yield at + 1
        count += 1
        at = raw.find(_TABLE, at + 1)


# --- the view cache's rows ---------------------------------------------------------------------
def rows_of(entries: list[Evidence]) -> list[tuple[object, ...]]:
    """Entries as the view cache keeps them: field values in file order, as ``to_json`` gives
    them (dates as text, lists as tuples)."""
    dumped = _list_adapter().dump_python(entries, mode="json")
    return [tuple(tuple(v) if isinstance(v, list) else v for v in d.values()) for d in dumped]


def _from_row(row: tuple[object, ...]) -> Evidence:
    """An Evidence from a cached row, without validating again: the cache holds only entries
    that were validated when it was written, and is only used for the very bytes they came
    from. This is what ``Evidence.model_construct`` does, less its handling of defaults and
    aliases (every field is in the row): about twice as fast on a big log."""
    entry = _new(Evidence)
    _set(entry, "__dict__", EvidenceView(row).fields())
    _set(entry, "__pydantic_fields_set__", _EVERY_FIELD)
    _set(entry, "__pydantic_extra__", None)
    _set(entry, "__pydantic_private__", None)
    return entry


_new = object.__new__
_set = object.__setattr__
# Every cached entry has every field set, so all of them share one set (a set of 14 names is
# ~0.7 KB: 70 MB at 100,000 entries). Pydantic only ever adds a field's name to it (assigning a
# field), which it already holds, and a copied model gets a copy of it.
_EVERY_FIELD = set(FIELDS)
