"""Small pieces of English every view shares: counts with the right plural, month names.

Fixed English names, whatever the locale: one table, so every view spells a month the same.
"""

from __future__ import annotations

import datetime as dt

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
MONTHS_SHORT = tuple(m[:3] for m in MONTHS)  # Jan … Dec


def count(n: int, noun: str, plural: str | None = None) -> str:
    """``1 gap``, ``2 gaps``; ``plural`` for nouns that do not just add an s (entry, entries)."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def month_year(day: dt.date) -> str:
    """``May 2026``."""
    return f"{MONTHS[day.month - 1]} {day.year}"
