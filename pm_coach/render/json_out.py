"""JSON out: a result's dataclasses with the keys users' scripts read, dates as ``YYYY-MM-DD``.

The keys and their order are the contract (a script may read them by position as well as by
name), so each view names them once; the values come from ``dataclasses.asdict``.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict
from typing import Any


def fields(obj: Any, keys: str, **computed: Any) -> dict[str, Any]:
    """The fields of the dataclass ``obj`` named in ``keys`` (space-separated, in that order);
    ``computed`` gives the values of keys that are not plain fields, or that JSON shows
    otherwise (a nested list in its own shape, an empty text as null)."""
    values = {**asdict(obj), **computed}
    return {key: values[key] for key in keys.split()}


def dumps(data: Any) -> str:
    """``data`` as indented JSON, text as typed (no ``\\u`` escapes), dates in ISO form."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=_iso)


def _iso(value: object) -> str:
    if isinstance(value, dt.date):  # a datetime too
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")
