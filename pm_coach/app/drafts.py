"""Drafted CV lines and ranking scores kept between runs (``.drafts.cache`` and
``.scores.cache`` in the data folder, 0600).

Drafting a bullet is most of the time of an export of a big log, and a draft depends only on
the entry's text, result, metrics, goal, kind and org, and on the writer's code. Ranking
(``export --top``, the report's strongest lines) needs every entry's draft only to score it, and
the score, apart from recency, depends only on those fields, the entry's scope and its approved
line. So both are kept, under a checksum of the source files they depend on: a pm-coach whose
code differs (another version, or the same version changed) never uses them. Deleting either
file loses nothing; the next export drafts again.

The drafts are kept by entry id (see :mod:`pm_coach.store.record_file`): for each entry, the
line an export prints, whether it ran over, and a checksum of what it was drafted from, all read
whole; and the whole draft (for ``--lint``, as plain values: the writer's dataclasses as lists of
their fields), read one entry at a time and built again as nothing but the writer's own classes
and plain values. So an export of
100,000 entries holds their lines, never 100,000 drafts. A kept line is used only when the
entry's fields give the same checksum (CRC-32 and Adler-32 of them: an edited entry is drafted
again). Drafts are written with the writer itself, never through its per-process memo, so a
run that drafts every line of a big log does not keep them all either.

The scores are plain values in their own file, so a command that only ranks reads no drafts.
Whenever a file is written again, what it kept for entries no longer in the log is dropped, so
edits and removals do not pile up.

A few new drafts or scores (a run after a ``log``) go to a small file of their own beside each
(``.drafts.added``, ``.scores.added``) instead of writing the big one again (5 MB of drafts at
10,000 entries, for one new line); once it holds more than :data:`ADDED_MAX`, the big file is
written again with them and the small one removed. A kept draft is still used only when its
checksum matches the entry, wherever it was kept.
"""

from __future__ import annotations

import dataclasses
import marshal
import sys
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pm_coach.core.bullets import Bullet
    from pm_coach.models import Evidence

NAME = ".drafts.cache"
SCORES = ".scores.cache"
ADDED_DRAFTS = ".drafts.added"  # drafts made since .drafts.cache was written
ADDED_SCORES = ".scores.added"  # scores made since .scores.cache was written
ADDED_MAX = 1000  # new drafts or scores kept apart before the big file is written again
PACKAGE = "pm_coach.core.bullets"  # the writer: every module in it, and nothing outside it
# Scores also depend on how drafts are linted and scored.
SCORER = ("pm_coach.core.bullet_lint", "pm_coach.core.ranking")

_loaded_scores = 0  # how many scores came from the files, to know whether this run added any
_main_scores: dict[Any, Any] = {}  # those of .scores.cache: the others go to .scores.added


def writer_files(folder: Path | None = None) -> list[Path]:
    """The writer's source files (those of ``folder``, by default the writer's own package), in
    a fixed order: a module added to the package counts without anyone listing it. Found
    without importing the writer, which an export whose drafts are all kept never needs."""
    if folder is None:  # pm_coach/app/drafts.py -> pm_coach/core/bullets
        folder = Path(__file__).parents[1].joinpath(*PACKAGE.split(".")[1:])
    return sorted(folder.glob("*.py"))


def _writer_key() -> int:
    from pm_coach.store.view_cache import code_fingerprint

    return code_fingerprint([str(path) for path in writer_files()])


def _key() -> int:
    """The scores' key: the writer's, the linter's and the ranking's source."""
    from pm_coach.core import bullet_lint, ranking  # noqa: F401  (the scorer's modules)
    from pm_coach.store.view_cache import code_fingerprint

    scorer = [str(sys.modules[name].__file__) for name in SCORER]
    return code_fingerprint([*(str(path) for path in writer_files()), *scorer])


def checksum(entry: Evidence) -> int:
    """What a draft is made from (text, result, goal, kind, org, metrics), as 64 bits."""
    parts = (entry.text, entry.result, entry.goal, entry.kind, entry.org, *entry.metrics)
    data = "\0".join(parts).encode("utf-8", "surrogatepass")  # fields hold no NUL
    return zlib.crc32(data) << 32 | zlib.adler32(data)


class KeptDrafts:
    """The drafts of one export's entries: those kept from earlier runs, and those it writes.

    :meth:`line` is what an export prints (the text, and whether it ran over); :meth:`bullet`
    the whole draft, for ``--lint``. :meth:`save` keeps this run's new drafts for the next."""

    def __init__(self, folder: Path) -> None:
        from pm_coach.store.record_file import RecordFile

        self.folder = folder
        self._key = _writer_key()
        self._file = RecordFile.open(folder / NAME, self._key)
        # id -> (checksum, line, over, where its whole draft is)
        self._kept: dict[str, tuple[Any, ...]] = {} if self._file is None else self._file.index
        # id -> ((checksum, line, over), the whole draft): drafted since the file was written
        self._added: dict[str, tuple[tuple[int, str, bool], bytes]] = {}
        if self._file is not None:
            self._added = _read_added(folder, ADDED_DRAFTS, self._key)
        self._new: dict[str, tuple[tuple[int, str, bool], bytes]] = {}

    def line(self, entry: Evidence) -> tuple[str, bool]:
        check = checksum(entry)
        kept = self._kept.get(entry.id)
        if kept is not None and kept[0] == check:
            return kept[1], kept[2]
        new = self._new.get(entry.id) or self._added.get(entry.id)
        if new is None or new[0][0] != check:
            self._draft(entry, check)
            new = self._new[entry.id]
        return new[0][1], new[0][2]

    def bullet(self, entry: Evidence) -> Bullet:
        check = checksum(entry)
        kept = self._kept.get(entry.id)
        if kept is not None and kept[0] == check and self._file is not None:
            found = _decode(self._file.body(kept))
            if found is not None:
                return found
        new = self._new.get(entry.id) or self._added.get(entry.id)
        if new is not None and new[0][0] == check:
            found = _decode(new[1])
            if found is not None:
                return found
        return self._draft(entry, check)

    def _draft(self, entry: Evidence, check: int) -> Bullet:
        """Draft with the writer itself (its memo would keep every draft of the run)."""
        from pm_coach.core.bullets import write_draft

        bullet = write_draft(entry)
        over = bool(bullet.dropped or bullet.long)
        try:
            data = marshal.dumps(_plain(bullet))
        except (TypeError, ValueError):  # nothing to keep but the line
            data = b""
        self._new[entry.id] = ((check, bullet.text, over), data)
        return bullet

    def save(self, entries: Iterable[Evidence]) -> None:
        """Keep this run's new drafts, with the kept ones of the entries still in the log
        (``entries``: every entry of it). Nothing is written when nothing was drafted."""
        if not self._new:
            return
        from pm_coach.store import record_file
        from pm_coach.store.view_cache import forget_blob, write_blob

        entries = list(entries)
        if self._file is not None and len(self._new) <= ADDED_MAX:
            live = {e.id for e in entries}
            added = {k: v for k, v in {**self._added, **self._new}.items() if k in live}
            if len(added) <= ADDED_MAX:  # the big file stays as it is
                write_blob(self.folder, ADDED_DRAFTS, self._key, marshal.dumps(added))
                return
            del live, added
        # The big file written again: no merged copy of the new drafts (a first export of a
        # big log drafts every entry), each looked up where it is.
        records: list[tuple[str, tuple[Any, ...], record_file.Source]] = []
        for e in entries:
            new = self._new.get(e.id) or self._added.get(e.id)
            if new is not None:
                records.append((e.id, new[0], new[1]))
                continue
            kept = self._kept.get(e.id)
            if kept is not None and self._file is not None:  # a stale one fails its checksum
                records.append((e.id, kept[:3], self._file.copied(kept)))
        record_file.write(self.folder / NAME, self._key, records)
        forget_blob(self.folder, ADDED_DRAFTS)  # all in the big file now


def _read_added(folder: Path, name: str, key: int) -> dict[Any, Any]:
    """What the small file ``name`` keeps under ``key``; empty when nothing usable is kept."""
    from pm_coach.store.view_cache import read_blob

    body = read_blob(folder, name, key)
    if body is None:
        return {}
    try:
        found = marshal.loads(body)
    except Exception:  # a damaged file is no file
        return {}
    return found if isinstance(found, dict) else {}


def _plain(value: object) -> object:
    """A draft as plain values marshal can write: each of the writer's dataclasses as a list of
    its class (module and name within the writer) and its fields in order. A draft holds no
    list of its own, so a list always stands for a class."""
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    cls = type(value)
    if dataclasses.is_dataclass(value) and cls.__module__.startswith(PACKAGE + "."):
        where = f"{cls.__module__[len(PACKAGE) + 1 :]}:{cls.__name__}"
        return [where, *(_plain(getattr(value, f.name)) for f in dataclasses.fields(cls))]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"a draft holds a {cls.__name__}")  # not kept: drafted again next time


def _built(value: object) -> object:
    """What :func:`_plain` made, built again: only the writer's own dataclasses, made the way
    unpickling makes them (fields set, no code of theirs run)."""
    if isinstance(value, tuple):
        return tuple(_built(v) for v in value)
    if not isinstance(value, list):
        return value
    module, _, name = value[0].partition(":")
    cls = getattr(sys.modules.get(f"{PACKAGE}.{module}"), name, None)
    if not (isinstance(cls, type) and dataclasses.is_dataclass(cls)):
        raise ValueError(f"{value[0]} is not part of a draft")
    names = [f.name for f in dataclasses.fields(cls)]
    if len(names) != len(value) - 1:
        raise ValueError(f"{value[0]} has other fields")
    made = object.__new__(cls)
    for field_name, field_value in zip(names, value[1:], strict=True):
        object.__setattr__(made, field_name, _built(field_value))
    return made


def _decode(data: bytes | None) -> Bullet | None:
    if data is None:
        return None
    import pm_coach.core.bullets  # noqa: F401  (the classes a draft is built from)
    from pm_coach.core.bullets import Bullet

    try:
        found = _built(marshal.loads(data))
    except Exception:  # a damaged record is no record
        return None
    return found if isinstance(found, Bullet) else None


def load(folder: Path) -> None:
    """Hand the kept ranking scores to the ranking, when they were made by this very code."""
    global _loaded_scores, _main_scores
    from pm_coach.core.ranking import add_scores, known_scores

    key = _key()
    _main_scores = _read_added(folder, SCORES, key)
    add_scores(_main_scores)
    if _main_scores:
        add_scores(_read_added(folder, ADDED_SCORES, key))
    _loaded_scores = len(known_scores())


def save(
    folder: Path,
    entries: Callable[[], Iterable[Any]] | None = None,
    kept: KeptDrafts | None = None,
) -> None:
    """Keep this run's new scores (and ``kept``'s new drafts); with ``entries`` (a way to get
    every entry of the log), only those of entries still in it."""
    if kept is not None and entries is not None:
        kept.save(entries())
    ranking = sys.modules.get("pm_coach.core.ranking")
    if ranking is None:  # nothing was ranked, so nothing was scored
        return
    from pm_coach.store.view_cache import forget_blob, write_blob

    scores = ranking.known_scores()
    if len(scores) <= _loaded_scores:
        return
    if _main_scores:
        added = {k: v for k, v in scores.items() if k not in _main_scores}
        if len(added) <= ADDED_MAX:  # the big file stays as it is
            write_blob(folder, ADDED_SCORES, _key(), marshal.dumps(added))
            return
    if entries is not None:
        live = {
            (e.text, e.result, tuple(e.metrics), e.goal, e.kind, e.org, e.scope, e.bullet)
            for e in entries()
        }
        scores = {k: v for k, v in scores.items() if k in live}
    write_blob(folder, SCORES, _key(), marshal.dumps(scores))
    forget_blob(folder, ADDED_SCORES)  # all in the big file now
