"""Whom to look for where a focus gap has nobody: the kind of person, where to find them, and a
first message to send, filled in from the user's own goal, the time they will give and how they
work best.

Pure: the gaps, the network, the guide and the profile's words go in; suggestions come out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pm_coach.core.mentoring import Strength
from pm_coach.core.network import people_for_gap, who_to_look_for
from pm_coach.models.guide import NetworkGuide
from pm_coach.models.network import Contact

DEFAULT_KIND = "mentor"
GOAL_FALLBACK = "the next step in my product career"
INVESTMENT_FALLBACK = "an hour or so a month"


@dataclass(frozen=True)
class Suggestion:
    gap: str
    name: str
    kind: str  # coach, mentor or circle
    who: str  # what kind of person, in a sentence
    fits: str  # when this kind of relationship fits
    where: list[str]  # on the job, at events, online
    message: str  # a first message, ready to adapt


def answer(text: str) -> str:
    """A profile answer ready to end a sentence: trimmed, without its own full stop."""
    return text.strip().rstrip(".")


def goal_words(goal: str, target_role: str) -> str:
    if goal.strip():
        return goal.strip().rstrip(".")
    if target_role.strip():
        return f"a {target_role.strip()} role"
    return GOAL_FALLBACK


def suggest(
    gaps: Sequence[tuple[str, str]],
    contacts: Sequence[Contact],
    guide: NetworkGuide,
    *,
    goal: str = "",
    investment: str = "",
    personality: str = "",
    target_role: str = "",
    include_helped: bool = False,
) -> list[Suggestion]:
    """A suggestion for each ``(gap id, name)`` nobody in ``contacts`` helps with (every one
    given when ``include_helped``), in the order given."""
    out = []
    for gap_id, name in gaps:
        if people_for_gap(contacts, gap_id) and not include_helped:
            continue
        gap_guide = guide.gaps.get(gap_id)
        kind = gap_guide.look_for if gap_guide else DEFAULT_KIND
        kind_guide = guide.kinds[kind]
        message = kind_guide.message.format(
            gap=name[:1].lower() + name[1:],
            goal=goal_words(goal, target_role),
            investment=investment.strip().rstrip(".") or INVESTMENT_FALLBACK,
        )
        if personality.strip():
            message += " " + guide.introduce.personality.format(personality=answer(personality))
        out.append(
            Suggestion(
                gap=gap_id,
                name=name,
                kind=kind,
                who=who_to_look_for(gap_id),
                fits=kind_guide.fits,
                where=list(kind_guide.where),
                message=message,
            )
        )
    return out


@dataclass(frozen=True)
class FindResult:
    """What ``network find`` shows: whom to look for, and whom the user could help in turn."""

    suggestions: list[Suggestion]
    strengths: list[Strength]  # gaps the user could mentor others in
    mentees: list[str]  # names of the mentees already in the network
    based_on: str  # "focus" (the plan's focus gaps), "gap" (--gap) or "all" (no assessment)
    any_gap: str = ""  # a gap id to name in the hint that looks for someone for one gap
