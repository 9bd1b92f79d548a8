"""Small pieces of English every view shares: counts with the right plural."""

from __future__ import annotations


def count(n: int, noun: str, plural: str | None = None) -> str:
    """``1 gap``, ``2 gaps``; ``plural`` for nouns that do not just add an s (entry, entries)."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"
