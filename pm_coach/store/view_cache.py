"""The view cache of ``evidence.toml``: its validated entries as plain values, for fast reads.

``evidence.toml`` stays the only source of truth; this file (``.evidence.cache``, 0600, beside
it) only saves reading it with the TOML parser and validating every entry again. Deleting it
loses nothing: the next read validates the log and writes it again.

Layout: a sequence of ``marshal`` records (measured fastest to load of marshal, pickle and
SQLite; see docs/performance.md). The first is a header naming this format, the schema version
and the pm-coach version; each further record is a *segment* that vouches for one byte range
of ``evidence.toml``::

    (start, end, crc32 of those bytes, (size, mtime_ns, inode) of the file after it, rows)

Each record is stored as its length, a checksum of its bytes and the marshal bytes, so a
damaged cache is recognised rather than loaded. A rebuild writes one segment for the whole
file (a new cache, renamed into place); ``log`` appends one segment for the bytes it appended,
under the same lock. A reader accepts the cache
only when the segments tile the file exactly from byte 0 to its end, every range's checksum
matches the bytes it read, the last stamp matches the file, and the header matches this
pm-coach. So a hand edit (any byte changed, even keeping size and time), another pm-coach
version, a torn or corrupt cache, or a ``log`` killed between its append and its segment all
read as "no cache", and the caller falls back to the full validated read.

The checksums are what make the cache safe without trusting file times: reading the log's
bytes and checksumming them is a few milliseconds; parsing and validating them is the slow part
that the cache saves. Each row is a tuple of the Evidence fields in file order, dates as
ISO-8601 text.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import zlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from pm_coach import __version__
from pm_coach.models.evidence_view import FIELDS
from pm_coach.store import files, tables

CACHE_NAME = ".evidence.cache"
PROFILE_VIEW = ".profile.cache"  # the roles of profile.toml, for the lean read path
FORMAT = 1
MAX_CACHE = 4 * files.MAX_READ  # never read more than this from a cache file

Row = tuple[Any, ...]
Stamp = tuple[int, int, int]


def header() -> tuple[object, ...]:
    return ("evidence.toml view cache", FORMAT, tables.SCHEMA_VERSION, __version__, FIELDS)


def stamp_of(st: os.stat_result) -> Stamp:
    return (st.st_size, st.st_mtime_ns, st.st_ino)


def checksum(data: bytes | memoryview, start: int = 0) -> int:
    return zlib.crc32(data, start)


def cache_path(folder: Path) -> Path:
    return folder / CACHE_NAME


def read(folder: Path, raw: bytes, st: os.stat_result) -> list[Row] | None:
    """The rows of the log whose bytes are ``raw`` (``st`` its stat), or None when the cache
    does not vouch for exactly these bytes (missing, stale, torn, corrupt or from another
    version). Never raises for anything about the cache file itself."""
    try:
        data = files.read_bytes(cache_path(folder), limit=MAX_CACHE)
    except Exception:  # a link, a folder, too big, unreadable: not a cache pm-coach can use
        return None
    if not data:
        return None
    try:
        return _rows(data, raw, st)
    except Exception:  # marshal's errors for a torn or foreign file are many; all mean "none"
        return None


def _rows(data: bytes, raw: bytes, st: os.stat_result) -> list[Row] | None:
    view = memoryview(raw)
    data = memoryview(data)
    rows: list[Row] = []
    offset = 0
    record, offset = _load(data, offset)
    if record != header():
        return None
    end = 0
    last: object = None
    while offset < len(data):
        record, offset = _load(data, offset)
        start, stop, crc, last, part = record
        if start != end or not (start <= stop <= len(raw)):
            return None
        if checksum(view[start:stop]) != crc:
            return None
        rows.extend(part)
        end = stop
    if end != len(raw) or last != stamp_of(st):
        return None
    return rows


def _load(data: memoryview, offset: int) -> tuple[Any, int]:
    """One record at ``offset`` (its length, its checksum, its marshal bytes), and the offset
    after it. A torn or altered record is a ValueError."""
    size = int.from_bytes(data[offset : offset + 4], "little")
    crc = int.from_bytes(data[offset + 4 : offset + 8], "little")
    body = data[offset + 8 : offset + 8 + size]
    if size == 0 or len(body) != size or checksum(body) != crc:
        raise ValueError("torn or altered record")
    return marshal.loads(body), offset + 8 + size


def record(value: object) -> bytes:
    """``value`` as one record: its length, its checksum, its marshal bytes."""
    body = marshal.dumps(value)
    return len(body).to_bytes(4, "little") + checksum(body).to_bytes(4, "little") + body


def rebuild(folder: Path, raw: bytes, st: os.stat_result, rows: Sequence[Row]) -> None:
    """Write a new cache vouching for all of ``raw`` (the file's bytes; ``st`` its stat).

    Best effort: the cache is a shortcut, so a failure to write it (full disk, read-only
    folder) is ignored and the next read simply validates the log again.
    """
    data = record(header()) + record((0, len(raw), checksum(raw), stamp_of(st), tuple(rows)))
    with contextlib.suppress(OSError, files.StorageError):
        files.atomic_write_bytes(cache_path(folder), data, sync=False)


def rebuild_segments(
    folder: Path, raw: bytes, st: os.stat_result, segments: Iterable[tuple[int, int, Sequence[Row]]]
) -> None:
    """:func:`rebuild` from ``segments``: (start, stop, rows) for byte ranges of ``raw`` that
    tile it, each written as its own record as it comes, so the rows of a big log are never all
    in memory. The new cache replaces the old only when every segment came and they tile the
    file; an exception from ``segments`` (or a failure to write) leaves the old one as it was
    and is raised."""
    stamp = stamp_of(st)
    view = memoryview(raw)

    def chunks() -> Iterator[bytes]:
        yield record(header())
        end = 0
        for start, stop, rows in segments:
            if start != end:
                raise ValueError("segments that do not tile the file")
            yield record((start, stop, checksum(view[start:stop]), stamp, tuple(rows)))
            end = stop
        if end != len(raw):
            raise ValueError("segments that do not reach the end of the file")

    files.atomic_write_bytes(cache_path(folder), chunks(), sync=False)


def extend(folder: Path, start: int, added: bytes, st: os.stat_result, rows: Iterable[Row]) -> None:
    """Append a segment for ``added``, the bytes just appended to the log at offset ``start``
    (``st`` the log's stat after). Call it under the lock. Only an existing cache is extended;
    a stale one stays unusable (its segments no longer tile the file), never wrong."""
    segment = record((start, start + len(added), checksum(added), stamp_of(st), tuple(rows)))
    with contextlib.suppress(OSError, files.StorageError):
        fd = files.open_regular(cache_path(folder), os.O_WRONLY | os.O_APPEND)
        if fd is None:
            return
        try:
            size = os.fstat(fd).st_size
            try:
                files.write_all(fd, segment)
            except OSError:  # a full disk: leave no torn record behind (it would read as none)
                os.ftruncate(fd, size)
                raise
        finally:
            os.close(fd)


def forget(folder: Path) -> None:
    """Remove the cache (a rewrite that cannot rebuild it must not leave it vouching)."""
    with contextlib.suppress(OSError):
        os.unlink(cache_path(folder))


# --- small files read whole: the profile ---------------------------------------------------------
def recall(folder: Path, name: str, raw: bytes | None) -> Any:
    """What :func:`remember` stored under ``name`` for a file whose bytes are ``raw`` (None: the
    file does not exist); ``None`` when nothing was stored for exactly these bytes."""
    try:
        data = files.read_bytes(folder / name, limit=files.MAX_READ)
    except Exception:  # anything odd about a cache file means "no cache"
        return None
    if not data:
        return None
    try:
        view = memoryview(data)
        record, offset = _load(view, 0)
        if record != header():
            return None
        (size, crc, value), offset = _load(view, offset)
        if offset != len(data):
            return None
    except Exception:
        return None
    if raw is None:
        return value if size == -1 else None
    return value if size == len(raw) and crc == checksum(raw) else None


def remember(folder: Path, name: str, raw: bytes | None, value: object) -> None:
    """Store ``value`` (plain values only) for the file whose bytes are ``raw``. Best effort."""
    size, crc = (-1, 0) if raw is None else (len(raw), checksum(raw))
    data = record(header()) + record((size, crc, value))
    with contextlib.suppress(OSError, files.StorageError):
        files.atomic_write_bytes(folder / name, data, sync=False)


def cached_roles(folder: Path) -> list[tuple[str, str, str, str]] | None:
    """The roles of ``profile.toml`` (company, title, start, end) as its view holds them, for
    the lean read path; None when the view does not vouch for the file as it is now. Checked
    against the file's bytes, so a hand edit is always seen; no profile is no roles."""
    raw = files.read_bytes(folder / "profile.toml")
    if raw is None:
        return []
    roles = recall(folder, PROFILE_VIEW, raw)
    return None if roles is None else [tuple(r) for r in roles]


def load_views(folder: Path) -> list[Any] | None:
    """The log's entries as :class:`EvidenceView` objects, for the lean read path; None when
    the cache does not vouch for the file exactly as it is now (the caller then takes the full
    path, which validates the file and writes the cache again)."""
    from pm_coach.models.evidence_view import EvidenceView

    path = folder / "evidence.toml"
    fd = files.open_regular(path)
    if fd is None:  # no log yet: the full path says so
        return None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if st.st_size > files.MAX_READ:
            return None
        raw = fh.read()
    rows = read(folder, raw, st)
    del raw  # the file's bytes go before the views are built (tens of MB on a big log)
    return None if rows is None else [EvidenceView(row) for row in rows]


# --- opaque bookkeeping keyed on code: drafted CV lines ------------------------------------------
def code_fingerprint(sources: list[str]) -> int:
    """A checksum of the source files named (a writer's code): a blob kept under it is never
    used by a pm-coach whose writer differs, even within one version number."""
    crc = 0
    for source in sources:
        with open(source, "rb") as fh:
            crc = checksum(fh.read(), crc)
    return crc


def read_blob(folder: Path, name: str, key: object) -> memoryview | None:
    """The bytes :func:`write_blob` kept under ``key`` (a view of the file's bytes, not a copy:
    a big log's drafts are tens of megabytes); None when there are none for it."""
    try:
        data = files.read_bytes(folder / name, limit=MAX_CACHE)
        if not data:
            return None
        view = memoryview(data)
        record, offset = _load(view, 0)
        if record != (*header(), key):
            return None
        size = int.from_bytes(view[offset : offset + 4], "little")
        crc = int.from_bytes(view[offset + 4 : offset + 8], "little")
        body = view[offset + 8 :]
    except Exception:  # anything odd about a cache file means "no cache"
        return None
    return body if len(body) == size and checksum(body) == crc else None


def write_blob(folder: Path, name: str, key: object, body: bytes) -> None:
    """Keep ``body`` under ``key`` (best effort, like every cache here)."""
    data = (
        record((*header(), key))
        + len(body).to_bytes(4, "little")
        + checksum(body).to_bytes(4, "little")
        + body
    )
    with contextlib.suppress(OSError, files.StorageError):
        files.atomic_write_bytes(folder / name, data, sync=False)


def forget_blob(folder: Path, name: str) -> None:
    """Remove what :func:`write_blob` kept as ``name`` (best effort: a file left behind is only
    read under its key, and what it holds is checked again by whoever reads it)."""
    with contextlib.suppress(OSError):
        os.unlink(folder / name)
