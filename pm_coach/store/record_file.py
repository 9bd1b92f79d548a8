"""A cache file of records by name, each read on its own: for drafts kept between runs.

Layout: three parts, each a record as :mod:`pm_coach.store.view_cache` writes them (its length,
a checksum, marshal bytes) or, for the body, plain bytes::

    header record   (the view cache's header, the file's kind, a key on the code that made it)
    count record    how many index records follow
    index records   {name: (*values, start, stop, crc32 of body[start:stop])}, PART names each
    body            the opaque bytes of every name, one after the other

The index is small plain values read whole (a line of text per name, say); the body holds what
is bigger and needed seldom, and each name's bytes are read on their own, when asked for, and
checked against their checksum. So a reader of 100,000 names holds the index, never the body.

Like every cache here: 0600, written whole to a temp file and renamed into place, and anything
odd about it (missing, torn, damaged, another key or version) reads as "none", never as an
error. Deleting it loses nothing.
"""

from __future__ import annotations

import contextlib
import marshal
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from pm_coach.store import files, view_cache

# A name's body: its bytes, or (its length, its checksum, a way to read it) for one copied from
# the file before.
Source = bytes | tuple[int, int, Callable[[], bytes | None]]
PART = 5000  # names per index record


class RecordFile:
    """An open record file whose header matched: its ``index``, and :meth:`body` by name."""

    def __init__(self, fd: int, index: dict[str, tuple[Any, ...]], start: int) -> None:
        self._fd = fd
        self.index = index
        self._start = start

    @classmethod
    def open(cls, path: Path, key: object) -> RecordFile | None:
        """The file at ``path`` when its header names ``key``; None otherwise."""
        try:
            fd = files.open_regular(path)
        except Exception:  # a link, a folder, unreadable: not a cache pm-coach can use
            return None
        if fd is None:
            return None
        try:
            head, offset = _read_record(fd, 0)
            if head != header(key):
                raise ValueError("another kind of file, or another pm-coach")
            parts, offset = _read_record(fd, offset)
            index: dict[str, tuple[Any, ...]] = {}
            for _ in range(parts):
                part, offset = _read_record(fd, offset)
                index.update(part)
            return cls(fd, index, offset)
        except Exception:  # a torn or foreign file: many kinds of error, all mean "none"
            os.close(fd)
            return None

    def body(self, values: tuple[Any, ...]) -> bytes | None:
        """The body of the name whose index values are ``values``; None when it does not
        match its checksum."""
        start, stop, crc = values[-3:]
        try:
            data = os.pread(self._fd, stop - start, self._start + start)
        except (OSError, ValueError, OverflowError):
            return None
        return data if len(data) == stop - start and view_cache.checksum(data) == crc else None

    def copied(self, values: tuple[Any, ...]) -> Source:
        """That body as :func:`write` takes it, read only when the next file is written."""
        start, stop, crc = values[-3:]
        return (stop - start, crc, lambda: self.body(values))

    def close(self) -> None:
        if self._fd != -1:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = -1


def header(key: object) -> tuple[object, ...]:
    return (*view_cache.header(), "records", key)


def _read_record(fd: int, offset: int) -> tuple[Any, int]:
    head = os.pread(fd, 8, offset)
    size = int.from_bytes(head[:4], "little")
    if len(head) != 8 or size == 0 or size > view_cache.MAX_CACHE:
        raise ValueError("torn record")
    body = os.pread(fd, size, offset + 8)
    if len(body) != size or view_cache.checksum(body) != int.from_bytes(head[4:], "little"):
        raise ValueError("torn or altered record")
    return marshal.loads(body), offset + 8 + size


def write(path: Path, key: object, records: list[tuple[str, tuple[Any, ...], Source]]) -> None:
    """Write the file anew: for each (name, values, body) of ``records``, ``values`` (plain
    values) go in the index and ``body`` in the body. Bodies copied from the file before are
    read one at a time as they are written, so they are never all in memory; if one no longer
    matches its checksum, nothing is written. Best effort, like every cache."""
    parts = (len(records) + PART - 1) // PART

    def index() -> Iterator[bytes]:
        """The index in parts of PART names: its whole marshal form is never in memory."""
        at = 0
        for first in range(0, len(records), PART):
            part: dict[str, tuple[Any, ...]] = {}
            for name, values, source in records[first : first + PART]:
                if isinstance(source, bytes):
                    size, crc = len(source), view_cache.checksum(source)
                else:
                    size, crc = source[0], source[1]
                part[name] = (*values, at, at + size, crc)
                at += size
            yield view_cache.record(part)

    def chunks() -> Iterator[bytes]:
        yield view_cache.record(header(key)) + view_cache.record(parts)
        yield from index()
        batch = bytearray()  # many small bodies, written a megabyte at a time
        for _name, _values, source in records:
            data = source if isinstance(source, bytes) else source[2]()
            if data is None:
                raise OSError("a kept record no longer reads as it was written")
            batch += data
            if len(batch) >= 2**20:
                yield bytes(batch)
                batch.clear()
        yield bytes(batch)

    with contextlib.suppress(OSError, files.StorageError):
        files.atomic_write_bytes(path, chunks(), sync=False)
