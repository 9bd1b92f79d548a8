"""Drafted CV lines and ranking scores kept between runs (``.drafts.cache``, 0600).

Drafting a bullet is most of the time of an export of a big log, and a draft depends only on
the entry's text, result, metrics, goal, kind and org, and on the writer's code. Ranking
(``export --top``, the report's strongest lines) needs every entry's draft only to score it, and
the score, apart from recency, depends only on those fields, the entry's scope and its approved
line. So both are kept, keyed by those inputs, under a checksum of the writer's and the
ranking's source files: a pm-coach whose code differs (another version, or the same version
changed) never uses them. Deleting the file loses nothing; the next export drafts again.

The file holds ``marshal`` values: the scores (plain values), the drafts' keys and the pickled
drafts. A command
that only ranks reads the scores and leaves the drafts unread (unpickling 10,000 drafts costs
more than ranking with known scores). Drafts are read with an unpickler that builds nothing but
the writer's own classes and plain values.

Kept entries whose evidence is gone are dropped whenever the file is written again, so edits
and removals do not pile up in it.
"""

from __future__ import annotations

import io
import marshal
import pickle
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

NAME = ".drafts.cache"
WRITER = (
    "pm_coach.core.bullets",
    "pm_coach.core.lead",
    "pm_coach.core.metrics",
    "pm_coach.core.sections",
    "pm_coach.core.verbs",
    "pm_coach.core.wording",
)
# Scores also depend on how drafts are linted and scored.
SCORER = ("pm_coach.core.bullet_lint", "pm_coach.core.ranking")

_stored: frozenset[Any] = frozenset()  # the keys of the drafts in the file, and how many
_loaded_scores = 0  # scores it held: to know whether this run added any
_unread: bytes | None = None  # the file's drafts when this run did not unpickle them


def _key() -> int:
    from pm_coach.core import bullet_lint, bullets, ranking  # noqa: F401  (and every writer module)
    from pm_coach.store.view_cache import code_fingerprint

    return code_fingerprint([str(sys.modules[name].__file__) for name in WRITER + SCORER])


class _WriterOnly(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if module in WRITER:
            found = getattr(sys.modules[module], name, None)
            if isinstance(found, type):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a draft")


def _unpickle(body: bytes) -> dict[Any, Any] | None:
    try:
        found = _WriterOnly(io.BytesIO(body)).load()
    except Exception:  # a damaged file is no file
        return None
    return found if isinstance(found, dict) else None


def load(folder: Path, *, drafts: bool = True) -> None:
    """Hand the kept scores (and, with ``drafts``, the kept drafts) to the ranking and the
    writer, when they were made by this very code."""
    global _stored, _loaded_scores, _unread
    from pm_coach.core.bullets import add_drafts
    from pm_coach.core.ranking import add_scores
    from pm_coach.store.view_cache import read_blob

    body = read_blob(folder, NAME, _key())
    if body is None:
        return
    try:
        scores, keys, pickled = marshal.loads(body)
    except Exception:  # a damaged file is no file
        return
    if not (isinstance(scores, dict) and isinstance(keys, tuple) and isinstance(pickled, bytes)):
        return
    add_scores(scores)
    _loaded_scores = len(scores)
    if not drafts:
        _stored, _unread = frozenset(keys), pickled
        return
    kept = _unpickle(pickled)
    if kept is not None:
        add_drafts(kept)
        _stored = frozenset(kept)


def save(folder: Path, entries: Callable[[], Iterable[Any]] | None = None) -> None:
    """Keep this run's drafts and scores when it made any new ones; with ``entries`` (a way to
    get every entry of the log), only those of entries that still exist."""
    global _unread
    from pm_coach.core.bullets import known_drafts
    from pm_coach.core.ranking import known_scores
    from pm_coach.store.view_cache import write_blob

    drafts, scores = known_drafts(), known_scores()
    new_drafts = any(key not in _stored for key in drafts)
    if not new_drafts and len(scores) <= _loaded_scores:
        return
    if new_drafts and _unread is not None:  # merge with the drafts this run left unread
        kept = _unpickle(_unread) or {}
        drafts = {**kept, **drafts}
        _unread = None
    live = None
    if entries is not None:
        live = {
            (e.text, e.result, tuple(e.metrics), e.goal, e.kind, e.org, e.scope, e.bullet)
            for e in entries()
        }
        scores = {k: v for k, v in scores.items() if k in live}
    if not new_drafts and _unread is not None:
        pickled, keys = _unread, tuple(_stored)  # unchanged; not worth unpickling to prune
    else:
        if live is not None:
            written_from = {k[:6] for k in live}
            drafts = {k: v for k, v in drafts.items() if k[:6] in written_from}
        pickled = pickle.dumps(drafts, protocol=pickle.HIGHEST_PROTOCOL)
        keys = tuple(drafts)
    write_blob(folder, NAME, _key(), marshal.dumps((scores, keys, pickled)))
