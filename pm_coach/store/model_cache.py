"""Small data files kept validated between runs, for ``plan --json`` and ``report --json``.

Those two read the skill map, the profile, the plans, the assessments and the feedback, and
parsing and validating them with pydantic (building its validators first) costs more than the
rest of their work. On their lean path (``kept_models`` in app/lean.py, which calls
:func:`use`), each file's validated models are kept as a pickle beside the data
(``.<name>.model``, 0600) under the exact bytes they came from, the pm-coach version and a
checksum of the models' source, and read back with an unpickler that builds nothing but
pm-coach's own model classes and dates. A changed byte, another version or a damaged file reads
as "nothing kept": the file is validated as always, errors reported as always, and only a valid
file is kept. Deleting these files loses nothing. Other commands neither read nor write them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import importlib
import io
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from pm_coach.store import view_cache

T = TypeVar("T")
_active = False


def use(active: bool) -> None:
    """Read and keep validated files (True) or not (False, the default): app/lean.py turns it
    on while the lean plan or report runs."""
    global _active
    _active = active


@functools.cache
def _models_key() -> bytes:
    """A checksum of the models' source: a pickle of another shape of model is never read."""
    models = Path(__file__).resolve().parent.parent / "models"
    crc = view_cache.code_fingerprint([str(p) for p in sorted(models.glob("*.py"))])
    return crc.to_bytes(4, "little")


_DATES = {("datetime", "date"), ("datetime", "datetime"), ("datetime", "timezone"),
          ("datetime", "timedelta")}  # fmt: skip


class _ModelsOnly(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _DATES:
            return getattr(dt, name)
        if module.startswith("pm_coach.models."):
            from pydantic import BaseModel

            found = getattr(importlib.import_module(module), name, None)
            if isinstance(found, type) and issubclass(found, BaseModel):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not a pm-coach model")


def kept(folder: Path, name: str, raw: bytes, make: Callable[[], T]) -> T:
    """``make()`` (which validates ``raw``, the bytes of a data file, and raises as always when
    they are not valid), or what it gave before for exactly these bytes."""
    if not _active:
        return make()
    key = _models_key() + raw
    stored = view_cache.recall(folder, f".{name}.model", key)
    if isinstance(stored, bytes):
        with contextlib.suppress(Exception):  # a damaged or foreign pickle is no pickle
            value: T = _ModelsOnly(io.BytesIO(stored)).load()
            return value
    made = make()
    if folder.is_dir():  # never makes a data folder
        with contextlib.suppress(Exception):
            data = pickle.dumps(made, protocol=pickle.HIGHEST_PROTOCOL)
            view_cache.remember(folder, f".{name}.model", key, data)
    return made
