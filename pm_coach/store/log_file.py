"""Appending to ``evidence.toml`` under its guards, without pydantic: the lock, the stamp that
recognises a file pm-coach wrote, the pending stamp that makes a killed append recoverable, and
the view cache's segment for the bytes appended, all under the same lock.

:class:`~pm_coach.store.evidence.EvidenceStore` builds on this (it adds reading, validating and
rewriting); ``log``'s lean path (app/lean_log.py) appends through it directly, with a record it
made without the models, and hands over to the full command line whenever the file is not
exactly what pm-coach last wrote (that case needs the whole log validated first).
See the docstring of store/evidence.py and docs/reliability.md.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import mmap
import os
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

from pm_coach.errors import DataFileError, StorageError
from pm_coach.store import files, tables, view_cache

FILE_NAME = "evidence.toml"
STAMP_NAME = ".evidence.toml.stamp"
KEY = "evidence"
COMMENT = "pm-coach evidence log: one [[evidence]] table per entry. Safe to edit by hand."

Row = tuple[object, ...]


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def chunk_of(record: dict[str, object]) -> bytes:
    """The bytes one entry adds to the end of the log (a blank line, then its table)."""
    from pm_coach.store.tomlfmt import table

    return ("\n" + table(KEY, record)).encode("utf-8")


class LogFile:
    """The evidence log as something to append to."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / FILE_NAME
        self.stamp_path = folder / STAMP_NAME

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

    def append_chunk(
        self,
        make: Callable[[str], tuple[bytes, Sequence[Row]]],
        validate: Callable[[], object],
    ) -> None:
        """Append the chunk ``make(new_id)`` returns (with the view cache's rows for it).

        Under the lock: a torn tail a killed append left is cut off first; a file pm-coach did
        not write last (a hand edit, a first write) is passed to ``validate``, which raises
        before anything is written when it is not valid. No file yet: an empty log is made."""
        from pm_coach.store.ids import new_id

        with files.locked(self.folder):
            exists = files.check_regular(self.path)
            if exists and not self._recover():
                validate()  # raises before anything is written
            if not exists:
                empty = tables.dump_tables(KEY, [], COMMENT)
                files.atomic_write(self.path, empty)
                self._written(os.stat(self.path), rewritten=(empty.encode("utf-8"), []))
            chunk, rows = make(new_id(self._id_taken))
            if not self._ends_with_newline():
                chunk = b"\n" + chunk
            # The pending stamp must be on disk before the append starts: it is what lets a
            # torn tail be recognised and cut. If it cannot be written, nothing is appended.
            before = os.stat(self.path)
            files.check_writable(self.path, before)  # before the stamp says an append is coming
            self._write_stamp(before, pending=chunk, required=True)
            st = files.append_bytes(self.path, chunk)  # all or nothing, even on a full disk
            self._written(st, appended=(before.st_size, chunk, rows))

    def _written(
        self,
        st: os.stat_result,
        *,
        appended: tuple[int, bytes, Sequence[Row]] | None = None,
        rewritten: tuple[bytes, Sequence[Row]] | None = None,
    ) -> None:
        """The one place every write of the log ends, under the lock: the stamp and the view
        cache are brought up to date with the bytes now on disk (``st`` their stat).

        ``appended``: (offset, bytes, rows) added at the end; ``rewritten``: the whole new
        file and its rows; neither (a torn tail cut off) leaves the cache as it is, no longer
        matching the file. A writer that skipped this (or a hand edit) cannot make the cache lie
        either: a reader checks it against the file's bytes and falls back to a full read.
        """
        self._write_stamp(st)
        if appended is not None:
            start, chunk, rows = appended
            view_cache.extend(self.folder, start, chunk, st, rows)
        elif rewritten is not None:
            raw, rows = rewritten
            view_cache.rebuild(self.folder, raw, st, rows)

    # --- helpers ---------------------------------------------------------------------------
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
