"""Drafted CV lines kept between runs (``.drafts.cache`` in the data folder, 0600).

Drafting a bullet is most of the time of an export of a big log, and a draft depends only on
the entry's text, result, metrics, goal, kind and org, and on the writer's code. So the drafts
an export made are kept, keyed by those inputs, under a checksum of the writer's source files:
a pm-coach whose writer differs (another version, or the same version changed) never uses them.
Deleting the file loses nothing; the next export drafts again.

The file holds pickled drafts; it is read with an unpickler that builds nothing but the
writer's own classes and plain values.
"""

from __future__ import annotations

import io
import pickle
import sys
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

_loaded = 0  # how many drafts came from the file, to know whether any were added


def _key() -> int:
    from pm_coach.core import bullets  # noqa: F401  (imports every writer module)
    from pm_coach.store.view_cache import code_fingerprint

    return code_fingerprint([str(sys.modules[name].__file__) for name in WRITER])


class _WriterOnly(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if module in WRITER:
            found = getattr(sys.modules[module], name, None)
            if isinstance(found, type):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a draft")


def load(folder: Path) -> None:
    """Hand the kept drafts to the writer, when they were made by this very writer."""
    global _loaded
    from pm_coach.core.bullets import add_drafts
    from pm_coach.store.view_cache import read_blob

    body = read_blob(folder, NAME, _key())
    if body is None:
        return
    try:
        drafts = _WriterOnly(io.BytesIO(body)).load()
    except Exception:  # a damaged file is no file
        return
    if isinstance(drafts, dict):
        add_drafts(drafts)
        _loaded = len(drafts)


def save(folder: Path) -> None:
    """Keep this run's drafts when it wrote any new ones."""
    from pm_coach.core.bullets import known_drafts
    from pm_coach.store.view_cache import write_blob

    drafts = known_drafts()
    if len(drafts) > _loaded:
        write_blob(folder, NAME, _key(), pickle.dumps(drafts, protocol=pickle.HIGHEST_PROTOCOL))
