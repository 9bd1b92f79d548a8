"""Drafted CV lines and ranking scores kept between runs (``.drafts.cache`` and
``.scores.cache`` in the data folder, 0600).

Drafting a bullet is most of the time of an export of a big log, and a draft depends only on
the entry's text, result, metrics, goal, kind and org, and on the writer's code. Ranking
(``export --top``, the report's strongest lines) needs every entry's draft only to score it, and
the score, apart from recency, depends only on those fields, the entry's scope and its approved
line. So both are kept, keyed by those inputs, under a checksum of the writer's and the
ranking's source files: a pm-coach whose code differs (another version, or the same version
changed) never uses them. Deleting either file loses nothing; the next export drafts again.

The scores are plain values in their own file, so a command that only ranks reads neither the
drafts nor their tens of megabytes on a big log (it drafts the few lines it prints). The drafts
are pickled, and read with an unpickler that builds nothing but the writer's own classes and
plain values. Whenever a file is written again, what it kept for entries no longer in the log
is dropped, so edits and removals do not pile up.
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
SCORES = ".scores.cache"
PACKAGE = "pm_coach.core.bullets"  # the writer: every module in it, and nothing outside it
# Scores also depend on how drafts are linted and scored.
SCORER = ("pm_coach.core.bullet_lint", "pm_coach.core.ranking")

_loaded = 0  # how many drafts and scores came from the files, to know whether this run added
_loaded_scores = 0  # any
_drafts_read = True  # False: this run left the kept drafts unread, so it must not rewrite them


def writer_files(folder: Path | None = None) -> list[Path]:
    """The writer's source files (those of ``folder``, by default the writer's own package), in
    a fixed order: a module added to the package counts without anyone listing it."""
    if folder is None:
        from pm_coach.core import bullets

        folder = Path(bullets.__file__).parent
    return sorted(folder.glob("*.py"))


def _key() -> int:
    from pm_coach.core import bullet_lint, ranking  # noqa: F401  (the scorer's modules)
    from pm_coach.store.view_cache import code_fingerprint

    scorer = [str(sys.modules[name].__file__) for name in SCORER]
    return code_fingerprint([*(str(path) for path in writer_files()), *scorer])


class _WriterOnly(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if module == PACKAGE or module.startswith(PACKAGE + "."):
            found = getattr(sys.modules.get(module), name, None)
            if isinstance(found, type):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a draft")


def load(folder: Path, *, drafts: bool = True) -> None:
    """Hand the kept scores (and, with ``drafts``, the kept drafts) to the ranking and the
    writer, when they were made by this very code."""
    global _loaded, _loaded_scores, _drafts_read
    from pm_coach.core.bullets import add_drafts
    from pm_coach.core.ranking import add_scores
    from pm_coach.store.view_cache import read_blob

    key = _key()
    body = read_blob(folder, SCORES, key)
    if body is not None:
        try:
            scores = marshal.loads(body)
        except Exception:  # a damaged file is no file
            scores = None
        if isinstance(scores, dict):
            add_scores(scores)
            _loaded_scores = len(scores)
    if not drafts:
        _drafts_read = not (folder / NAME).exists()  # none kept yet: this run's may start them
        return
    _drafts_read = True
    body = read_blob(folder, NAME, key)
    if body is None:
        return
    unpickler = _WriterOnly(io.BytesIO(body))
    body.release()  # the file's bytes go before the drafts are built
    try:
        kept = unpickler.load()
    except Exception:  # a damaged file is no file
        return
    if isinstance(kept, dict):
        add_drafts(kept)
        _loaded = len(kept)


def save(folder: Path, entries: Callable[[], Iterable[Any]] | None = None) -> None:
    """Keep this run's new scores, and its new drafts when it read the kept ones; with
    ``entries`` (a way to get every entry of the log), only those of entries still in it."""
    from pm_coach.core.bullets import known_drafts
    from pm_coach.core.ranking import known_scores
    from pm_coach.store.view_cache import write_blob

    drafts, scores = known_drafts(), known_scores()
    new_drafts = _drafts_read and len(drafts) > _loaded
    new_scores = len(scores) > _loaded_scores
    if not (new_drafts or new_scores):
        return
    live = None
    if entries is not None:
        live = {
            (e.text, e.result, tuple(e.metrics), e.goal, e.kind, e.org, e.scope, e.bullet)
            for e in entries()
        }
    key = _key()
    if new_scores:
        if live is not None:
            scores = {k: v for k, v in scores.items() if k in live}
        write_blob(folder, SCORES, key, marshal.dumps(scores))
    if new_drafts:
        if live is not None:
            written_from = {k[:6] for k in live}
            drafts = {k: v for k, v in drafts.items() if k[:6] in written_from}
        write_blob(folder, NAME, key, pickle.dumps(drafts, protocol=pickle.HIGHEST_PROTOCOL))
