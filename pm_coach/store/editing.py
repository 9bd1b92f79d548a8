"""The scratch file an evidence entry is edited in: TOML with every field, private (0600), in
the data folder (not /tmp, where others may read it), removed when the edit is over."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from pm_coach.errors import InputError, PmCoachError
from pm_coach.models import Evidence
from pm_coach.store import files
from pm_coach.store.tomlfmt import key, value

EDIT_HEADER = (
    "# Edit this evidence entry, save and close the editor.\n"
    "# 'id' and 'created' cannot change. Save an empty file to abandon the edit.\n"
    "# kind is one of work, volunteer, talk, publication.\n"
    "# scope (how far it reached) is one of self, team, teams, company, external, or empty.\n"
)


def as_edit_toml(e: Evidence) -> str:
    """Every field, one per line (empty ones too, so they are easy to fill in)."""
    record = {
        "id": e.id,
        "date": e.date,
        "text": e.text,
        "result": e.result,
        "metrics": e.metrics,
        "gaps": e.gaps,
        "tags": e.tags,
        "goal": e.goal,
        "kind": e.kind,
        "org": e.org,
        "scope": e.scope or "",
        "action": e.action,
        "created": e.created,
    }
    return EDIT_HEADER + "".join(f"{key(k)} = {value(v)}\n" for k, v in record.items())


PREFIX = ".edit-"  # .edit-<entry id>-<pid>-<random>.toml


@contextlib.contextmanager
def scratch_file(folder: Path, entry_id: str) -> Iterator[Path]:
    """A new empty file, mode 0600, in ``folder``; removed on the way out, whatever happens
    (even if the editor replaced it with a folder). Scratch files of edits whose process was
    killed are removed first; the process id in the name tells them from an edit still open
    in another terminal. A full disk or read-only folder is a StorageError."""
    files.ensure_dir(folder)
    _remove_stale(folder)
    try:
        fd, tmp = tempfile.mkstemp(
            prefix=f"{PREFIX}{entry_id}-{os.getpid()}-", suffix=".toml", dir=folder
        )
    except OSError as exc:
        raise files.storage_error(exc, folder) from None
    try:
        os.fchmod(fd, 0o600)
        os.close(fd)
        yield Path(tmp)
    finally:
        files.remove_temp(Path(tmp))


def write_scratch(path: Path, text: str) -> None:
    """Put ``text`` in the scratch file (again, after a failed check)."""
    fd = files.open_regular(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    if fd is None:  # pragma: no cover - O_CREAT makes it
        raise files.storage_error(FileNotFoundError(2, "no such file"), path)
    try:
        files.write_all(fd, text.encode("utf-8"))
        os.fsync(fd)
    except OSError as exc:
        raise files.storage_error(exc, path) from None
    finally:
        os.close(fd)


def read_scratch(path: Path) -> str:
    """What the editor left: it may have replaced the file (many editors do), deleted it, put
    a folder there or saved bytes that are not UTF-8; each is a clear InputError."""
    try:
        raw = files.read_bytes(path)
    except PmCoachError as exc:
        raise InputError(f"the editor left something unreadable: {exc.message}") from None
    if raw is None:
        raise InputError("the editor deleted the file it was editing; there is nothing to save.")
    try:
        return files.decode_text(path, raw)
    except PmCoachError as exc:
        raise InputError(
            exc.message.replace(f"{files.shown(path)}, ", "the edited entry, "),
            hint="Save the entry as UTF-8 text.",
        ) from None


def _remove_stale(folder: Path) -> None:
    for path in folder.glob(f"{PREFIX}*.toml"):
        parts = path.name.split("-")
        pid = int(parts[2]) if len(parts) > 3 and parts[2].isdigit() else None
        if pid is not None and pid != os.getpid():
            try:
                os.kill(pid, 0)
                continue  # that edit is still open
            except ProcessLookupError:
                pass
            except OSError:
                continue  # a live process of another user
        files.remove_temp(path)
