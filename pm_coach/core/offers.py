"""When a new entry looks like it finishes a plan action: the word rule, in one place.

:func:`pm_coach.core.tracking.offers` applies it to the whole log and the plan's open actions;
``log``'s lean path (app/lean_log.py) asks :func:`could_match` first, for every action of the
plan whatever its state, and hands over to the full command line when the new entry might be
offered for one. Standard library only.
"""

from __future__ import annotations

from collections.abc import Iterable


def content_words(text: str) -> set[str]:
    """The stems of the words that carry meaning (no stop words, numbers or short words)."""
    from pm_coach.core.suggest import _STOP, stem, words

    return {stem(w) for w in words(text) if w not in _STOP and len(w) > 2 and not w.isdigit()}


def shared_words(title_words: set[str], text: str, result: str) -> int:
    """How many of an action title's content words an entry's text and result share; 0 unless
    they share enough to count (at least two, and at least a third of the title's)."""
    shared = len(title_words & content_words(f"{text} {result}"))
    return shared if shared >= 2 and 3 * shared >= len(title_words) else 0


def could_match(
    actions: Iterable[tuple[str, str]], gaps: Iterable[str], text: str, result: str
) -> bool:
    """Whether an entry tagged ``gaps`` could be offered for any of ``actions`` ((gap, title)
    pairs): true when one of them has a gap of the entry and enough words in common."""
    tagged = set(gaps)
    return any(
        gap in tagged and shared_words(content_words(title), text, result) for gap, title in actions
    )
