"""Why, in words: why a gap ranks where it does (core/priorities.py gives the figures) and why
a mentor suits a mentee (core/matching.py gives the pairing)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pm_coach.render.words import count, month_year

if TYPE_CHECKING:
    from pm_coach.core.matching import Pair
    from pm_coach.core.priorities import GapStanding


def gap_why(s: GapStanding) -> str:
    """``2 levels below target; no evidence since May 2025 backs the rating``."""
    return f"{_level_words(s)}; {_evidence_words(s)}"


def _level_words(s: GapStanding) -> str:
    d = s.distance
    if d > 0:
        words = f"{count(d, 'level')} below target"
    elif d == 0:
        words = "at target"
    else:
        words = f"{count(-d, 'level')} above target"
    if not s.target_given:
        words += f", target assumed to be {s.target}"
    return words


def _evidence_words(s: GapStanding) -> str:
    if s.backed:
        words = f"your evidence supports level {s.supported}" if s.supported else ""
        words = words or "no evidence needed at level 1"
    elif s.supported:
        words = f"you rate {s.current} but your evidence supports {s.supported}"
    elif s.recent:
        words = "your evidence so far shows activity, not results, so the rating is still a claim"
    elif s.last_evidence is not None:
        words = f"no evidence since {month_year(s.last_evidence)} backs the rating"
    else:
        words = "no evidence logged yet, so the rating is still a claim"
    if s.blind_spot and s.others is not None:
        seen = int(s.others) if s.others == int(s.others) else s.others
        words += f"; others see {seen}, a blind spot"
    return words


def pair_why(p: Pair) -> str:
    """``Ben is strong in Strategy, where Jo is 3 levels below target; also Domain``."""
    if not p.shared:
        return (
            f"{p.mentor} has a free place; none of {p.mentor}'s strengths is a gap "
            f"{p.mentee} is below target in"
        )
    (first, below), *more = p.shared
    text = f"{p.mentor} is strong in {first}, where {p.mentee} is {count(below, 'level')} below"
    text += " target"
    if more:
        text += f"; also {', '.join(name for name, _ in more)}"
    return text
