"""Safe file primitives: private folders, one lock, atomic rewrites, strict TOML reading.

Guarantees (see docs/reliability.md): folders are created 0700 and files 0600; every write holds
the data folder's exclusive lock; a rewrite goes to a temp file in the same folder, is fsynced and
renamed over the old file, so a crash leaves either the old or the new file; a file that does not
parse or validate raises :class:`DataFileError` and is never written to.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pm_coach.errors import DataFileError, StorageError, printable

if TYPE_CHECKING:  # pydantic and tomllib are imported where a file is parsed, not to write one
    from pydantic import BaseModel, ValidationError

LOCK_NAME = ".pm-coach.lock"
LOCK_TIMEOUT = 15.0
SCHEMA_VERSION = 1

M = TypeVar("M", bound="BaseModel")

FIX_HINT = (
    "Fix it in a text editor (or restore it from a backup); pm-coach will not write to the "
    "file until it reads cleanly."
)


def ensure_dir(folder: Path) -> None:
    """Create the data folder and any missing parent 0700 whatever the umask; refuse a file
    where a folder should be, and a folder another user owns (root's count as the system's)."""
    try:
        if folder.is_dir():
            check_owner(folder, os.stat(folder))
            return
        if folder.exists() or folder.is_symlink():
            raise StorageError(
                f"{shown(folder)} exists but is not a folder.",
                hint="Move that file away, or point PM_COACH_HOME / --data-dir elsewhere.",
            )
        missing = [folder]
        while not missing[-1].parent.exists() and missing[-1].parent != missing[-1]:
            missing.append(missing[-1].parent)
        for part in reversed(missing):  # mkdir(parents=True) would make parents by the umask
            with contextlib.suppress(FileExistsError):
                part.mkdir(mode=0o700)
                os.chmod(part, 0o700)
    except OSError as exc:
        raise StorageError(
            f"cannot create the data folder {shown(folder)}: {exc.strerror or exc}.",
            hint="Check its permissions, or point PM_COACH_HOME / --data-dir elsewhere.",
        ) from None


def check_owner(path: Path, st: os.stat_result) -> None:
    """Refuse a data file or folder that belongs to another user: pm-coach would otherwise
    read someone else's career record, or write yours where they can read it."""
    uid = getattr(os, "geteuid", lambda: st.st_uid)()
    if st.st_uid != uid and st.st_uid != 0:  # root's files are trusted as the system's
        raise StorageError(
            f"{shown(path)} belongs to another user (uid {st.st_uid}), not to you (uid {uid}).",
            hint="Use a data folder of your own (PM_COACH_HOME / --data-dir), or have its owner "
            "hand it over (chown).",
        )


def tighten(fd: int, path: Path, st: os.stat_result) -> None:
    """Make a data file readable by its owner only, saying so once (the next time it is
    already private)."""
    if st.st_mode & 0o077:
        try:
            os.fchmod(fd, 0o600)
        except OSError:
            return
        note(
            f"{shown(path)} could be read by other users (mode {stat.S_IMODE(st.st_mode):04o}); "
            "it is now private to you (0600)."
        )


notices: list[str] = []  # printed once to stderr by the command line when the command ends


def note(message: str) -> None:
    if message not in notices:
        notices.append(message)


def shown(path: Path | str) -> str:
    """A path as it may be printed, control characters escaped (see errors.printable)."""
    return printable(os.fspath(path))


def check_regular(path: Path) -> bool:
    """True if ``path`` is an existing regular file, False if it is absent; else a StorageError."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise _open_error(exc, path) from None
    if not stat.S_ISREG(st.st_mode):
        raise _not_regular(path, st.st_mode)
    return True


def _not_regular(path: Path, mode: int) -> StorageError:
    if stat.S_ISLNK(mode):
        return StorageError(
            f"{shown(path)} is a symbolic link; pm-coach only reads and writes regular files.",
            hint="Replace the link with the file itself, or set PM_COACH_HOME to the folder "
            "the link points into.",
        )
    if stat.S_ISDIR(mode):
        return StorageError(
            f"{shown(path)} is a folder, but pm-coach expects a file there.",
            hint="Move or rename that folder, then run the command again.",
        )
    kind = "a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a device or other special file"
    return StorageError(
        f"{shown(path)} is {kind}, not a regular file; pm-coach reads only regular files.",
        hint="Move it away, or name a regular file.",
    )


def _open_error(exc: OSError, path: Path) -> StorageError:
    if exc.errno == errno.ENOTDIR:
        return StorageError(
            f"{shown(path.parent)} exists but is not a folder.",
            hint="Move that file away, or point PM_COACH_HOME / --data-dir elsewhere.",
        )
    if exc.errno == errno.ELOOP:
        return _not_regular(path, stat.S_IFLNK)
    if exc.errno in (errno.EACCES, errno.EPERM):
        return StorageError(
            f"cannot read {shown(path)}: permission denied.",
            hint="Check the file's permissions (it should be readable by you).",
        )
    return StorageError(f"cannot read {shown(path)}: {exc.strerror or exc}.")


MAX_READ = 100 * 2**20  # the most pm-coach reads from one data file (docs/reliability.md)
READ_CHUNK = 2**20  # what one read asks for once the file turns out larger than it said
MAX_INPUT = 20 * 2**20  # the most it reads from a file to import or an answers file

_NOFOLLOW = (
    getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
)


def open_regular(path: Path, flags: int = os.O_RDONLY, *, own: bool = True) -> int | None:
    """Open a file without following a symbolic link and without blocking on a FIFO; None if
    it does not exist (and ``flags`` do not create it). Anything but a regular file, or (with
    ``own``) a file of another user, is a StorageError. A file that others can read is made
    private when it is opened for writing."""
    try:
        fd = os.open(path, flags | _NOFOLLOW, 0o600)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno in (errno.ENXIO, errno.EISDIR, errno.ELOOP, errno.ENOTDIR):
            with contextlib.suppress(OSError):
                raise _not_regular(path, os.lstat(path).st_mode) from None
        if flags & (os.O_WRONLY | os.O_RDWR):
            raise storage_error(exc, path) from None
        raise _open_error(exc, path) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _not_regular(path, st.st_mode)
        if own:
            check_owner(path.parent, os.stat(path.parent))
            check_owner(path, st)
            if flags & (os.O_WRONLY | os.O_RDWR):
                tighten(fd, path, st)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_bytes(path: Path, *, own: bool = True, limit: int = MAX_READ) -> bytes | None:
    """The file's bytes, or None if it does not exist; at most ``limit`` bytes are ever read
    (a bigger file is a DataFileError), so a huge or endless file cannot exhaust memory.

    Reads go straight to the descriptor in pieces sized to the file: asking for ``limit``
    bytes at once would make Python set aside that much memory for every file, which is most
    of the time spent reading a folder of small files."""
    fd = open_regular(path, own=own)
    if fd is None:
        return None
    chunks: list[bytes] = []
    total = 0
    try:
        size = os.fstat(fd).st_size
        if size > limit:
            raise too_large(path, limit)
        want = size + 1  # one more than the file, so the first read usually meets the end
        while total <= limit:
            chunk = os.read(fd, min(want, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            want = READ_CHUNK
    except OSError as exc:
        raise _open_error(exc, path) from None
    finally:
        os.close(fd)
    if total > limit:
        raise too_large(path, limit)
    return b"".join(chunks)


def too_large(path: Path, limit: int = MAX_READ) -> DataFileError:
    return DataFileError(
        f"{shown(path)} is larger than {limit // 2**20} MB, the most pm-coach reads from one file.",
        hint="Check that this is the right file; split a big import into smaller files.",
    )


_held: dict[str, list[int]] = {}  # lock path -> [fd, depth]: the lock is re-entrant per process


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold the data folder's exclusive lock (shared by every pm-coach process).

    On POSIX this is ``flock`` on ``.pm-coach.lock`` (the same lock the ``filelock`` package
    takes, so both kinds of process exclude each other), polled until LOCK_TIMEOUT; the
    ``filelock`` package is imported only where ``fcntl`` does not exist. Re-entrant: a nested
    ``locked()`` in the same process does not wait for itself.
    """
    ensure_dir(folder)
    path = folder / LOCK_NAME
    key = os.path.abspath(path)
    if key in _held:
        _held[key][1] += 1
        try:
            yield
        finally:
            _held[key][1] -= 1
        return
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        with _filelock(path, folder):
            yield
        return
    try:
        fd = os.open(
            path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0), 0o600
        )
    except OSError as exc:
        raise storage_error(exc, path) from None
    try:
        with contextlib.suppress(OSError):
            os.fchmod(fd, 0o600)
        deadline = time.monotonic() + LOCK_TIMEOUT
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise _lock_timeout(folder) from None
                time.sleep(0.01)
            except OSError as exc:
                raise storage_error(exc, path) from None
        _held[key] = [fd, 0]
        try:
            yield
        finally:
            del _held[key]
            with contextlib.suppress(OSError):
                fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _lock_timeout(folder: Path) -> StorageError:
    return StorageError(
        f"another pm-coach process has held the lock on {folder} for {LOCK_TIMEOUT:.0f}s.",
        hint="Wait for the other pm-coach command to finish and try again; if none is running, "
        "another program may hold the lock file .pm-coach.lock in that folder.",
    )


@contextlib.contextmanager
def _filelock(path: Path, folder: Path) -> Iterator[None]:  # pragma: no cover - Windows
    from filelock import FileLock, Timeout

    lock = FileLock(str(path), timeout=LOCK_TIMEOUT, mode=0o600)
    try:
        lock.acquire()
    except Timeout:
        raise _lock_timeout(folder) from None
    except OSError as exc:
        raise storage_error(exc, path) from None
    try:
        yield
    finally:
        lock.release()


def storage_error(exc: OSError, path: Path) -> StorageError:
    if exc.errno == errno.EROFS:
        return StorageError(
            f"cannot write {shown(path)}: it is on a read-only file system.",
            hint="Remount it read-write, or point PM_COACH_HOME / --data-dir at a writable folder.",
        )
    if exc.errno in (errno.EACCES, errno.EPERM):
        return StorageError(
            f"cannot write {shown(path)}: permission denied.",
            hint="Make the data folder writable for your user (chmod u+w), "
            "or point PM_COACH_HOME / --data-dir elsewhere.",
        )
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return StorageError(
            f"cannot write {shown(path)}: the disk is full; nothing was changed.",
            hint="Free some space and run the command again.",
        )
    return StorageError(f"cannot write {shown(path)}: {exc.strerror or exc}.")


def write_all(fd: int, data: bytes) -> None:
    """Write every byte of ``data`` (``os.write`` may write less than it was given)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def atomic_write(path: Path, text: str, *, own: bool = True) -> None:
    """Replace ``path`` with ``text``: temp file in the same folder, fsync, rename; 0600.

    ``own``: ``path`` is a data file, so its folder must belong to the current user (an export
    written with -o may go to any folder the user can write to).
    """
    with staged_write(path, text, own=own):
        pass


def atomic_write_bytes(path: Path, data: bytes, *, own: bool = True, sync: bool = True) -> None:
    """:func:`atomic_write` for bytes. ``sync=False`` skips the fsyncs, for a cache that is
    checked on every read and may be lost in a crash."""
    with staged_write(path, data, own=own, sync=sync):
        pass


@contextlib.contextmanager
def staged_write(
    path: Path, text: str | bytes, *, own: bool = True, sync: bool = True
) -> Iterator[None]:
    """:func:`atomic_write` in two steps: ``text`` is written (and synced) to a temp file
    first, the block runs, and only if it ends without an exception does the temp file
    replace ``path``. So a change that must go with another (the trash with a removal) is
    made with both or neither, even on a full disk: the rename needs no space."""
    if own:
        ensure_dir(path.parent)
    if check_regular(path):
        before = os.stat(path)
        if before.st_mode & 0o077:
            note(
                f"{shown(path)} could be read by other users "
                f"(mode {stat.S_IMODE(before.st_mode):04o}); it is now private to you (0600)."
            )
    import tempfile  # only rewrites need it

    fd, tmp = -1, ""
    try:
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            os.fchmod(fd, 0o600)
            write_all(fd, text.encode("utf-8") if isinstance(text, str) else text)
            if sync:
                os.fsync(fd)
            os.close(fd)
            fd = -1
        except OSError as exc:
            raise storage_error(exc, path) from None
        yield
        try:
            os.replace(tmp, path)
            tmp = ""
            if sync:
                _fsync_dir(path.parent)
        except OSError as exc:
            raise storage_error(exc, path) from None
    finally:
        if fd != -1:
            os.close(fd)
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def append_bytes(path: Path, data: bytes) -> os.stat_result:
    """Append ``data`` to an existing regular file, fsync it, return its new stat.

    All or nothing: if any write or the fsync fails (a full disk, say), the file is cut back
    to the size it had, so it is left exactly as it was. Call it under the lock.
    """
    fd = open_regular(path, os.O_WRONLY | os.O_APPEND)
    if fd is None:
        raise storage_error(FileNotFoundError(errno.ENOENT, "no such file"), path)
    try:
        size = os.fstat(fd).st_size
        try:
            write_all(fd, data)
            os.fsync(fd)
        except OSError:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, size)
                os.fsync(fd)
            raise
        return os.fstat(fd)
    except OSError as exc:
        raise storage_error(exc, path) from None
    finally:
        os.close(fd)


def write_small(path: Path, data: bytes, *, sync: bool = True) -> None:
    """Overwrite a small bookkeeping file in place (and fsync it); a StorageError if it fails."""
    fd = open_regular(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    if fd is None:  # pragma: no cover - O_CREAT makes it
        raise storage_error(FileNotFoundError(errno.ENOENT, "no such file"), path)
    try:
        write_all(fd, data)
        if sync:
            os.fsync(fd)
    except OSError as exc:
        raise storage_error(exc, path) from None
    finally:
        os.close(fd)


def remove_temp(path: Path) -> None:
    """Remove a temp file pm-coach made, even if another program replaced it with a folder."""
    with contextlib.suppress(OSError):
        if stat.S_ISDIR(os.lstat(path).st_mode):
            import shutil

            shutil.rmtree(path)
        else:
            os.unlink(path)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        dfd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)


def read_text(path: Path, *, own: bool = True) -> str | None:
    """The file's text, or None if it does not exist. Undecodable bytes are a DataFileError.

    The file is opened without following links and must be a regular file (see
    :func:`open_regular`); with ``own`` (every data file) it must belong to the current user.
    """
    raw = read_bytes(path, own=own)
    return None if raw is None else decode_text(path, raw)


def decode_text(path: Path, raw: bytes, *, bom: bool = False, hint: str = FIX_HINT) -> str:
    """``raw`` as UTF-8 text (skipping a byte-order mark if ``bom``); undecodable bytes are a
    DataFileError naming the line."""
    try:
        return raw.decode("utf-8-sig" if bom else "utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataFileError(
            f"{path}, line {line}: the file is not valid UTF-8 text (byte {exc.start}).",
            hint=hint,
        ) from None


_TOML_POS = re.compile(r"^(?P<msg>.*?)\s*\(at line (?P<line>\d+), column (?P<col>\d+)\)$")


def parse_toml(path: Path, text: str) -> dict[str, Any]:
    """Parse TOML text, turning a syntax error into a DataFileError with line and column."""
    import tomllib

    try:
        return tomllib.loads(text)
    except RecursionError:
        raise DataFileError(
            f"{shown(path)}: not valid TOML: arrays or tables are nested too deeply.",
            hint=FIX_HINT,
        ) from None
    except tomllib.TOMLDecodeError as exc:
        m = _TOML_POS.match(str(exc))
        if m:
            where = f"line {m.group('line')}, column {m.group('col')}"
            msg = m.group("msg")
        else:
            where, msg = "somewhere in the file", str(exc)
        raise DataFileError(
            f"{shown(path)}, {where}: not valid TOML: {msg}.", hint=FIX_HINT
        ) from None
    except ValueError:  # Python refuses to read an integer of more than 4,300 digits
        raise DataFileError(
            f"{shown(path)}: not valid TOML: a number has too many digits.", hint=FIX_HINT
        ) from None


def check_schema_version(path: Path, doc: dict[str, Any]) -> None:
    version = doc.get("schema_version")
    if version is None:
        raise DataFileError(
            f"{path}, line 1: 'schema_version' is missing.",
            hint=f"Add 'schema_version = {SCHEMA_VERSION}' as the first line of the file.",
        )
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DataFileError(
            f"{path}: 'schema_version' must be a whole number, not {version!r}.",
            hint=f"Set it to {SCHEMA_VERSION}.",
        )
    if version > SCHEMA_VERSION:
        raise DataFileError(
            f"{path} has schema_version {version}, but this pm-coach knows only up to "
            f"{SCHEMA_VERSION}: it was written by a newer pm-coach.",
            hint="Upgrade pm-coach (pip install -U pm-coach) before using this file.",
        )


def table_lines(text: str, key: str) -> list[int]:
    """Line numbers (1-based) of each ``[[key]]`` header, in order."""
    pattern = re.compile(rf"^\s*\[\[\s*{re.escape(key)}\s*\]\]")
    return [i for i, line in enumerate(text.splitlines(), start=1) if pattern.match(line)]


def describe_validation(exc: ValidationError, limit: int = 4) -> str:
    from pm_coach.models.validation import describe

    return describe(exc, limit)


def load_tables(path: Path, key: str, model: type[M], *, allowed: tuple[str, ...] = ()) -> list[M]:
    """Read a ``schema_version`` + ``[[key]]`` file into validated models (empty if absent).

    Validation is strict (pydantic's strict mode), for every model read through here: a value
    of the wrong type (``created = 2``, ``hours_per_week = true``, a level written ``"2"``) is
    an error naming the file, the line and the field, never quietly converted and then written
    back converted on the next save.

    Any syntax or validation problem raises a DataFileError naming the file, the line and the
    field, and the file is not touched.
    """
    text = read_text(path)
    if text is None:
        return []
    return parse_tables(path, text, key, model, allowed=allowed)


def parse_tables(
    path: Path, text: str, key: str, model: type[M], *, allowed: tuple[str, ...] = ()
) -> list[M]:
    from pydantic import ValidationError

    doc = parse_toml(path, text)
    check_schema_version(path, doc)
    unknown = sorted(set(doc) - {"schema_version", key, *allowed})
    if unknown:
        raise DataFileError(
            f"{path}: unknown top-level key(s) {', '.join(map(repr, unknown))}.",
            hint=f"Only 'schema_version' and [[{key}]] tables belong in this file. " + FIX_HINT,
        )
    raw = doc.get(key, [])
    if not isinstance(raw, list) or not all(isinstance(r, dict) for r in raw):
        raise DataFileError(f"{path}: '{key}' must be a list of [[{key}]] tables.", hint=FIX_HINT)
    items: list[M] = []
    lines: list[int] | None = None
    for i, record in enumerate(raw):
        try:
            items.append(model.model_validate(record, strict=True))
        except ValidationError as exc:
            lines = lines or table_lines(text, key)
            line: int | str = lines[i] if i < len(lines) else "?"
            if isinstance(line, int):  # the line of the field itself, when it can be found
                loc = exc.errors()[0]["loc"]
                end = lines[i + 1] if i + 1 < len(lines) else None
                line = field_line(text, line, end, str(loc[0])) if loc else line
            ident = f", id {record.get('id')!r}" if isinstance(record.get("id"), str) else ""
            raise DataFileError(
                f"{path}, line {line} (entry {i + 1}{ident}): {describe_validation(exc)}.",
                hint=FIX_HINT,
            ) from None
    return items


@dataclass(frozen=True)
class Unique(Generic[M]):
    """What must not repeat across a file's tables (an id, a name), and how a repeat is told:
    ``what`` names the repeated value, ``hint`` says how to fix it."""

    ident: Callable[[M], str]
    what: Callable[[M], str]
    hint: str

    def check(self, path: Path, text: str, key: str, items: list[M]) -> None:
        """Refuse the second ``[[key]]`` table whose ident repeats an earlier one's, naming
        both lines."""
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            found = self.ident(item)
            if found in seen:
                lines = table_lines(text, key)
                raise DataFileError(
                    f"{path}, line {lines[i] if i < len(lines) else '?'}: {self.what(item)} is "
                    f"used twice (first at line {lines[seen[found]]}).",
                    hint=f"{self.hint} {FIX_HINT}",
                )
            seen[found] = i


def load_unique_tables(path: Path, key: str, model: type[M], unique: Unique[M]) -> list[M]:
    """Like :func:`load_tables`, for files whose tables must not repeat ``unique.ident``."""
    text = read_text(path)
    if text is None:
        return []
    items = parse_tables(path, text, key, model)
    unique.check(path, text, key, items)
    return items


def field_line(text: str, start: int, end: int | None, name: str) -> int:
    """The line of ``name = …`` in the table that starts at line ``start`` (and ends before
    ``end``); ``start`` when it is not there (a missing field)."""
    pattern = re.compile(rf"^\s*[\"']?{re.escape(name)}[\"']?\s*=")
    for number, line in enumerate(text.splitlines()[start : end and end - 1], start=start + 1):
        if pattern.match(line):
            return number
    return start


def dump_tables(key: str, records: list[dict[str, Any]], comment: str = "") -> str:
    """Serialise records as ``schema_version`` then one ``[[key]]`` table each, keys in order."""
    from pm_coach.store.tomlfmt import table

    head = f"# {comment}\n" if comment else ""
    head += f"schema_version = {SCHEMA_VERSION}\n"
    body = "".join("\n" + table(key, r) for r in records)
    return head + body
