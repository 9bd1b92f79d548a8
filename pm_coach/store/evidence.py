"""``evidence.toml``: the evidence log.

Appending is the hot path: it takes the lock, checks the file is the one pm-coach last wrote (a
small stamp of size, mtime and inode, kept beside it), and appends one ``[[evidence]]`` table in a
single write. It never re-parses the log, so its cost does not grow with the log. When the stamp
does not match (the file was edited by hand, or this is the first write), the whole file is
validated once before anything is written.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import mmap
import os
from collections.abc import Callable
from pathlib import Path

from pm_coach.errors import DataFileError, NotFoundError
from pm_coach.models import Evidence
from pm_coach.store import files

FILE_NAME = "evidence.toml"
STAMP_NAME = ".evidence.toml.stamp"
KEY = "evidence"
COMMENT = "pm-coach evidence log: one [[evidence]] table per entry. Safe to edit by hand."


class EvidenceStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / FILE_NAME
        self.stamp_path = folder / STAMP_NAME

    # --- reading ---------------------------------------------------------------------------
    def load(self) -> list[Evidence]:
        """Every entry, validated; ids must be unique."""
        text = files.read_text(self.path)
        if text is None:
            return []
        entries = files.parse_tables(self.path, text, KEY, Evidence)
        seen: dict[str, int] = {}
        for i, entry in enumerate(entries):
            if entry.id in seen:
                lines = files.table_lines(text, KEY)
                raise DataFileError(
                    f"{self.path}, line {lines[i] if i < len(lines) else '?'}: id {entry.id!r} "
                    f"is used twice (first at line {lines[seen[entry.id]]}).",
                    hint="Give one of the two entries another id (3-12 lowercase letters or "
                    "digits). " + files.FIX_HINT,
                )
            seen[entry.id] = i
        return entries

    def get(self, entry_id: str) -> Evidence:
        for entry in self.load():
            if entry.id == entry_id:
                return entry
        raise NotFoundError(
            f"no evidence entry with id {entry_id!r}.",
            hint="See the ids with 'pm-coach evidence list'.",
        )

    # --- writing ---------------------------------------------------------------------------
    def append(self, make: Callable[[str], Evidence]) -> Evidence:
        """Append the entry built by ``make(new_id)``; returns it once it is on disk."""
        from pm_coach.core.ids import new_id

        with files.locked(self.folder):
            exists = files.check_regular(self.path)
            if exists and not self._stamp_matches():
                self.load()  # validates; raises before anything is written
            if not exists:
                files.atomic_write(self.path, files.dump_tables(KEY, [], COMMENT))
            entry = make(new_id(self._id_taken))
            chunk = self._chunk(entry)
            if not self._ends_with_newline():
                chunk = b"\n" + chunk
            st = files.append_bytes(self.path, chunk)
            self._write_stamp(st)
        return entry

    def rewrite(self, change: Callable[[list[Evidence]], list[Evidence]]) -> list[Evidence]:
        """Load, change and atomically rewrite the whole log under the lock."""
        with files.locked(self.folder):
            entries = change(self.load())
            files.atomic_write(
                self.path, files.dump_tables(KEY, [e.to_record() for e in entries], COMMENT)
            )
            self._write_stamp(os.stat(self.path))
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
                    hint="See the ids with 'pm-coach evidence list'.",
                )
            return kept

        self.rewrite(change)

    # --- helpers ---------------------------------------------------------------------------
    @staticmethod
    def _chunk(entry: Evidence) -> bytes:
        from pm_coach.store.tomlfmt import table

        return ("\n" + table(KEY, entry.to_record())).encode("utf-8")

    def _id_taken(self, candidate: str) -> bool:
        needle = f'id = "{candidate}"'.encode()
        try:
            with open(self.path, "rb") as fh:
                if os.fstat(fh.fileno()).st_size == 0:
                    return False
                with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
                    return mm.find(needle) != -1
        except FileNotFoundError:
            return False

    def _ends_with_newline(self) -> bool:
        with open(self.path, "rb") as fh:
            fh.seek(0, os.SEEK_END)
            if fh.tell() == 0:
                return True
            fh.seek(-1, os.SEEK_END)
            return fh.read(1) == b"\n"

    @staticmethod
    def _signature(st: os.stat_result) -> dict[str, int]:
        return {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "ino": st.st_ino}

    def _stamp_matches(self) -> bool:
        try:
            stamp = json.loads(self.stamp_path.read_text("utf-8"))
            return stamp == self._signature(os.stat(self.path))
        except (OSError, ValueError):
            return False

    def _write_stamp(self, st: os.stat_result) -> None:
        # Not fsynced on purpose: a lost or torn stamp only means one extra validation.
        with contextlib.suppress(OSError):
            fd = os.open(
                self.stamp_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600
            )
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(self._signature(st), fh)


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)
