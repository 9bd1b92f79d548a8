"""``evidence.toml``: the evidence log.

Appending is the hot path: it takes the lock, checks the file is the one pm-coach last wrote (a
small stamp of size, mtime and inode, kept beside it), and appends one ``[[evidence]]`` table in a
single write. It never re-parses the log, so its cost does not grow with the log. When the stamp
does not match (the file was edited by hand, or this is the first write), the whole file is
validated once before anything is written.

Reading validates every entry every time. When the stamp matches, the file is byte for byte what
pm-coach wrote, so it is split by a small parser for exactly that layout (one ``key = value`` a
line, values as pm-coach writes them) instead of the general TOML parser, which is the slow part
of loading a big log; anything else in the file sends it through :mod:`tomllib` as before.

A killed append: before appending, the stamp records the bytes about to be written ("pending").
If the process dies part-way through that write, the file ends in a torn table. Because the stamp
names exactly which bytes were being added after which size, such a tail is recognised with
certainty: readers ignore it, and the next write (under the lock) cuts it off. A tail that is not
a prefix of the pending bytes is never touched; it is a hand edit and is validated as such.
See docs/reliability.md.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import mmap
import os
import zlib
from collections.abc import Callable
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from pm_coach.errors import DataFileError, Hint, NotFoundError, StorageError
from pm_coach.models import Evidence
from pm_coach.models.evidence_view import FIELDS, EvidenceView
from pm_coach.store import files, tables, view_cache

FILE_NAME = "evidence.toml"
STAMP_NAME = ".evidence.toml.stamp"
KEY = "evidence"
COMMENT = "pm-coach evidence log: one [[evidence]] table per entry. Safe to edit by hand."
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


class EvidenceStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / FILE_NAME
        self.stamp_path = folder / STAMP_NAME

    # --- reading ---------------------------------------------------------------------------
    def load(self) -> list[Evidence]:
        """Every entry, validated; ids must be unique."""
        data = self._read_bytes()
        if data is None:
            return []
        raw, st = data
        rows = view_cache.read(self.folder, raw, st)
        if rows is not None:
            return [_from_row(row) for row in rows]
        view, trusted = self._trusted_view(raw, st, self._read_stamp())
        text = files.decode_text(self.path, view)
        entries = fast_entries(text) if trusted else None
        if entries is None:
            entries = tables.parse_tables(self.path, text, KEY, Evidence)
        UNIQUE_IDS.check(self.path, text, KEY, entries)
        if len(view) == len(raw):  # not while a torn append is left out of the view
            view_cache.rebuild(self.folder, raw, st, rows_of(entries))
        return entries

    def _read_bytes(self) -> tuple[bytes, os.stat_result] | None:
        fd = files.open_regular(self.path)
        if fd is None:
            return None
        try:
            with os.fdopen(fd, "rb") as fh:
                st = os.fstat(fh.fileno())
                if st.st_size > files.MAX_READ:
                    raise files.too_large(self.path)
                return fh.read(), st
        except OSError as exc:
            raise StorageError(
                f"cannot read {files.shown(self.path)}: {exc.strerror or exc}."
            ) from None

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
        from pm_coach.store.ids import new_id

        with files.locked(self.folder):
            exists = files.check_regular(self.path)
            if exists and not self._recover():
                self.load()  # validates; raises before anything is written
            if not exists:
                empty = tables.dump_tables(KEY, [], COMMENT)
                files.atomic_write(self.path, empty)
                self._written(os.stat(self.path), rewritten=(empty.encode("utf-8"), []))
            entry = make(new_id(self._id_taken))
            chunk = self._chunk(entry)
            if not self._ends_with_newline():
                chunk = b"\n" + chunk
            # The pending stamp must be on disk before the append starts: it is what lets a
            # torn tail be recognised and cut. If it cannot be written, nothing is appended.
            before = os.stat(self.path)
            files.check_writable(self.path, before)  # before the stamp says an append is coming
            self._write_stamp(before, pending=chunk, required=True)
            st = files.append_bytes(self.path, chunk)  # all or nothing, even on a full disk
            self._written(st, appended=(before.st_size, chunk, [entry]))
        return entry

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
            self._written(os.stat(self.path), rewritten=(new_text.encode("utf-8"), entries))
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

    def _written(
        self,
        st: os.stat_result,
        *,
        appended: tuple[int, bytes, list[Evidence]] | None = None,
        rewritten: tuple[bytes, list[Evidence]] | None = None,
    ) -> None:
        """The one place every write of the log ends, under the lock: the stamp and the view
        cache are brought up to date with the bytes now on disk (``st`` their stat).

        ``appended``: (offset, bytes, entries) added at the end; ``rewritten``: the whole new
        file and its entries; neither (a torn tail cut off) leaves the cache as it is, no longer
        matching the file. A writer that skipped this (or a hand edit) cannot make the cache lie
        either: a reader checks it against the file's bytes and falls back to a full read.
        """
        self._write_stamp(st)
        if appended is not None:
            start, chunk, added = appended
            view_cache.extend(self.folder, start, chunk, st, rows_of(added))
        elif rewritten is not None:
            raw, entries = rewritten
            view_cache.rebuild(self.folder, raw, st, rows_of(entries))

    # --- helpers ---------------------------------------------------------------------------
    @staticmethod
    def _chunk(entry: Evidence) -> bytes:
        from pm_coach.store.tomlfmt import table

        return ("\n" + table(KEY, entry.to_record())).encode("utf-8")

    def _id_taken(self, candidate: str) -> bool:
        needle = f'id = "{candidate}"'.encode()
        fd = files.open_regular(self.path)
        if fd is None:
            return False
        with os.fdopen(fd, "rb") as fh:
            if os.fstat(fh.fileno()).st_size == 0:
                return False
            with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
                return mm.find(needle) != -1

    def _ends_with_newline(self) -> bool:
        fd = files.open_regular(self.path)
        if fd is None:
            return True
        with os.fdopen(fd, "rb") as fh:
            fh.seek(0, os.SEEK_END)
            if fh.tell() == 0:
                return True
            fh.seek(-1, os.SEEK_END)
            return fh.read(1) == b"\n"

    @staticmethod
    def _signature(st: os.stat_result) -> dict[str, int]:
        return {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "ino": st.st_ino}

    def _read_stamp(self) -> dict[str, object]:
        # Only pm-coach's own bookkeeping: anything odd about it (a link, a FIFO, a device,
        # more than STAMP_MAX bytes, not JSON) means "no stamp", which costs one validation.
        try:
            raw = files.read_bytes(self.stamp_path, limit=STAMP_MAX)
            stamp = json.loads(raw) if raw else {}
        except (OSError, ValueError, RecursionError, StorageError, DataFileError):
            return {}
        return stamp if isinstance(stamp, dict) else {}

    def _trusted_view(
        self, raw: bytes, st: os.stat_result, stamp: dict[str, object]
    ) -> tuple[bytes, bool]:
        """The bytes to parse, and whether they are exactly what pm-coach wrote.

        With a plain stamp, the file is trusted when size, mtime and inode match. With a pending
        stamp (an append was under way), the file is trusted when it is the stamped file plus a
        prefix of the pending bytes; a strict prefix is a torn or unfinished append and is left
        out of the view.
        """
        pending = stamp.get("pending")
        if pending is None:
            return raw, stamp == self._signature(st)
        size, ino = stamp.get("size"), stamp.get("ino")
        if not isinstance(pending, str) or not isinstance(size, int) or ino != st.st_ino:
            return raw, False
        chunk = pending.encode("utf-8")
        tail = raw[size:]
        if not (size <= len(raw) <= size + len(chunk)) or not chunk.startswith(tail):
            return raw, False
        if stamp.get("before") != _tail_fingerprint(
            raw[max(0, size - FINGERPRINT_BYTES) : size], size
        ):
            return raw, False
        return (raw if len(tail) == len(chunk) else raw[:size]), True

    def _recover(self) -> bool:
        """Under the lock: finish the bookkeeping of an append that was killed, cutting off a
        torn tail it left. True when the file is exactly what pm-coach wrote."""
        stamp = self._read_stamp()
        if stamp.get("pending") is None:
            with contextlib.suppress(OSError):
                return stamp == self._signature(os.stat(self.path))
            return False
        data = self._read_bytes()
        if data is None:
            return False
        raw, st = data
        view, trusted = self._trusted_view(raw, st, stamp)
        if not trusted:
            return False
        if len(view) < len(raw):
            try:
                fd = files.open_regular(self.path, os.O_WRONLY)
                if fd is None:
                    return False
                try:
                    os.ftruncate(fd, len(view))
                    os.fsync(fd)
                    st = os.fstat(fd)
                finally:
                    os.close(fd)
            except OSError as exc:
                raise files.storage_error(exc, self.path) from None
        self._written(st)
        return True

    def _write_stamp(
        self, st: os.stat_result, pending: bytes | None = None, *, required: bool = False
    ) -> None:
        """Record the file's signature (and, before an append, the bytes about to be added).

        A plain stamp is a shortcut: losing it costs one validation, so a failure is ignored.
        A pending stamp is ``required``: written and fsynced, or a StorageError and no append.
        """
        record: dict[str, object] = self._signature(st)
        try:
            if pending is not None:
                fd = files.open_regular(self.path)
                if fd is None:
                    raise FileNotFoundError(self.path)
                with os.fdopen(fd, "rb") as fh:
                    fh.seek(max(0, st.st_size - FINGERPRINT_BYTES))
                    before = fh.read(FINGERPRINT_BYTES)
                record["before"] = _tail_fingerprint(before, st.st_size)
                record["pending"] = pending.decode("utf-8")
            data = json.dumps(record, ensure_ascii=False).encode("utf-8")
            if required:
                files.write_small(self.stamp_path, data)
            else:
                with contextlib.suppress(OSError, StorageError):
                    files.write_small(self.stamp_path, data, sync=False)
        except OSError as exc:
            raise files.storage_error(exc, self.stamp_path) from None


STAMP_MAX = 1 * 2**20  # a stamp holds at most one entry's bytes; anything bigger is not ours
FINGERPRINT_BYTES = 4096


def _tail_fingerprint(tail: bytes, size: int) -> str:
    # A checksum, not a cryptographic hash: it guards against accidents (a hand edit between a
    # killed append and the next write), and zlib is already loaded where hashlib is not.
    return f"{size}:{zlib.crc32(tail):08x}"


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
    if not body.startswith("id = "):
        return None
    doc = "\n" + body[len("id = ") :].rstrip("\n")
    for old, new in _json_rewrites():
        doc = doc.replace(old, new)
    try:
        return _list_adapter().validate_json('[{"id": ' + doc + '"}]', strict=True)
    except ValidationError:
        return None


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


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
    _set(entry, "__pydantic_fields_set__", set(FIELDS))
    _set(entry, "__pydantic_extra__", None)
    _set(entry, "__pydantic_private__", None)
    return entry


_new = object.__new__
_set = object.__setattr__
