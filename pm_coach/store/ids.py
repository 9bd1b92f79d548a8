"""Short evidence ids: six characters, lowercase, no look-alike letters, easy to type."""

from __future__ import annotations

import secrets
from collections.abc import Callable

# No 0/o, 1/i/l: an id read aloud or copied by hand comes back right.
ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
LENGTH = 6


def new_id(taken: Callable[[str], bool], length: int = LENGTH) -> str:
    """A random id for which ``taken(id)`` is false (31**6, about 890 million, to draw from)."""
    while True:
        candidate = "".join(secrets.choice(ALPHABET) for _ in range(length))
        if not taken(candidate):
            return candidate
