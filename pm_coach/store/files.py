"""Safe file primitives: private folders, one lock, atomic rewrites, bounded reads.

Guarantees (see docs/reliability.md): folders are created 0700 and files 0600; every write holds
the data folder's exclusive lock; a rewrite goes to a temp file in the same folder, is fsynced and
renamed over the old file, so a crash leaves either the old or the new file; a data file its
owner made read-only is never changed; a read never takes more than a set number of bytes.
What a data file holds (TOML tables) is store/tables.py's.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from pm_coach.errors import DataFileError, StorageError, printable

LOCK_NAME = ".pm-coach.lock"
LOCK_TIMEOUT = 15.0

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
        # Asked again: another pm-coach may have made the folder since the first question.
        if (folder.exists() or folder.is_symlink()) and not folder.is_dir():
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


def check_writable(path: Path, st: os.stat_result) -> None:
    """Refuse to change a data file its owner made read-only (``chmod u-w``), before anything
    is written. The mode bits are read rather than left to the system: root may write any
    file, and a rename replaces a read-only file all the same, either of which would quietly
    undo the user's protection."""
    if not st.st_mode & stat.S_IWUSR:
        import shlex

        raise StorageError(
            f"{shown(path)} is read-only (mode {stat.S_IMODE(st.st_mode):04o}); "
            "pm-coach left it as it was.",
            hint=f"Run `chmod u+w {shown(shlex.quote(os.fspath(path)))}` to let pm-coach "
            "change it.",
        )


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
    writing = flags & (os.O_WRONLY | os.O_RDWR)
    try:
        fd, created = _open(path, flags)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno in (errno.ENXIO, errno.EISDIR, errno.ELOOP, errno.ENOTDIR):
            with contextlib.suppress(OSError):
                raise _not_regular(path, os.lstat(path).st_mode) from None
        if writing:
            if own and exc.errno in (errno.EACCES, errno.EPERM):
                with contextlib.suppress(OSError):
                    check_writable(path, os.lstat(path))
            raise storage_error(exc, path) from None
        raise _open_error(exc, path) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _not_regular(path, st.st_mode)
        if own:
            check_owner(path.parent, os.stat(path.parent))
            check_owner(path, st)
            if writing and not created:
                check_writable(path, st)
                tighten(fd, path, st)
        if created:  # 0600 whatever the umask, so that the next write may open it again
            with contextlib.suppress(OSError):
                os.fchmod(fd, 0o600)
        if flags & os.O_TRUNC and not created:
            try:
                os.ftruncate(fd, 0)
            except OSError as exc:
                raise storage_error(exc, path) from None
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _open(path: Path, flags: int) -> tuple[int, bool]:
    """``os.open`` without following a link, and whether it made the file. O_TRUNC is left to
    the caller, for when the file is known to be one pm-coach may change."""
    flags = flags & ~os.O_TRUNC | _NOFOLLOW
    if flags & os.O_CREAT:
        try:
            return os.open(path, flags | os.O_EXCL, 0o600), True
        except FileExistsError:
            flags &= ~os.O_CREAT
    return os.open(path, flags, 0o600), False


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


def atomic_write_bytes(
    path: Path, data: bytes | Iterable[bytes], *, own: bool = True, sync: bool = True
) -> None:
    """:func:`atomic_write` for bytes, or for pieces of bytes written one after the other (a
    big cache is never joined in memory). ``sync=False`` skips the fsyncs, for a cache that is
    checked on every read and may be lost in a crash."""
    with staged_write(path, data, own=own, sync=sync):
        pass


@contextlib.contextmanager
def staged_write(
    path: Path, text: str | bytes | Iterable[bytes], *, own: bool = True, sync: bool = True
) -> Iterator[None]:
    """:func:`atomic_write` in two steps: ``text`` is written (and synced) to a temp file
    first, the block runs, and only if it ends without an exception does the temp file
    replace ``path``. So a change that must go with another (the trash with a removal) is
    made with both or neither, even on a full disk: the rename needs no space."""
    if own:
        ensure_dir(path.parent)
    if check_regular(path):
        before = os.stat(path)
        if own:
            check_writable(path, before)
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
            if isinstance(text, str | bytes):
                write_all(fd, text.encode("utf-8") if isinstance(text, str) else text)
            else:
                for piece in text:
                    write_all(fd, piece)
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
