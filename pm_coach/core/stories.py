"""The story bank: for each question a panel asks, the logged entry that answers it best.

A candidate is an entry tagged with one of the question's gaps, or logged against an action of
those gaps. Each is scored on what makes a story hold up in the room:

- the question's main (first) gap 2, another of its gaps 1;
- reach at least the question's scope 2 (an entry whose scope was not recorded 0.5);
- a result 2, and a number 2;
- recency up to 1, fading to 0 over two years.

Questions asking for the widest reach pick first (a company-wide story is scarce, so it goes to
the question that needs one), then the map's order; each takes the best entry no question has
taken yet (one story told twice reads thin), and only when every candidate is taken does it
reuse the best. The result keeps the map's order.
A question with no candidate is *missing*; one whose best entry has no result, or reaches less
far than the question asks, is *weak*, and so is one that can only reuse an entry an earlier
question already took. Each names the map's action that would create a story.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from pm_coach.models import Evidence, SkillMap
from pm_coach.models.common import SCOPES
from pm_coach.models.skillmap import StoryQuestion

RECENT_DAYS = 730
UNKNOWN_SCOPE_POINTS = 0.5

Status = Literal["ready", "weak", "missing"]


@dataclass(frozen=True)
class Outline:
    """Situation, action, result, built from the entry's own fields."""

    situation: str
    action: str
    result: str


@dataclass(frozen=True)
class StoryMatch:
    question: StoryQuestion
    status: Status
    entry: Evidence | None
    outline: Outline | None
    gaps_to_fix: tuple[str, ...]  # what the story lacks, in plain words
    action_id: str  # the action that would create (or strengthen) a story
    action_title: str


def candidates(
    question: StoryQuestion, skill_map: SkillMap, entries: Sequence[Evidence]
) -> list[Evidence]:
    """Entries tagged with one of the question's gaps, or logged against one of their actions."""
    actions = {a.id for g in skill_map.gaps if g.id in question.gaps for a in g.actions}
    return [
        e for e in entries if set(e.gaps) & set(question.gaps) or (e.action and e.action in actions)
    ]


def _gap_of_action(skill_map: SkillMap, action_id: str) -> str | None:
    found = skill_map.action(action_id)
    return found[0].id if found else None


def score(question: StoryQuestion, entry: Evidence, skill_map: SkillMap, today: dt.date) -> float:
    gaps = set(entry.gaps)
    if entry.action:
        gap = _gap_of_action(skill_map, entry.action)
        if gap:
            gaps.add(gap)
    points = 2.0 if question.gaps[0] in gaps else 1.0
    if entry.scope is None:
        points += UNKNOWN_SCOPE_POINTS
    elif SCOPES.index(entry.scope) >= SCOPES.index(question.scope):
        points += 2.0
    points += 2.0 * bool(entry.result.strip())
    points += 2.0 * bool(entry.metrics)
    age = max(0, (today - entry.date).days)
    points += max(0.0, 1.0 - age / RECENT_DAYS)
    return points


def outline(entry: Evidence) -> Outline:
    """A situation-action-result outline from the entry; gaps are named in brackets."""
    when = entry.date.strftime("%B %Y")
    where = f" at {entry.org}" if entry.org else ""
    if entry.goal:
        situation = f"{when}{where}: the aim was {entry.goal[0].lower()}{entry.goal[1:]}"
    else:
        situation = f"{when}{where}: [add what was at stake, and for whom]"
    result = entry.result.strip()
    numbers = [m for m in entry.metrics if m.casefold() not in result.casefold()]
    if result and numbers:
        result = f"{result} ({'; '.join(numbers)})"
    elif numbers:
        result = "; ".join(numbers)
    if not result:
        result = "[add what came of it, with a number if there is one]"
    return Outline(situation=situation, action=entry.text, result=result)


def shortfalls(question: StoryQuestion, entry: Evidence) -> tuple[str, ...]:
    out: list[str] = []
    if not entry.result.strip():
        out.append("no result yet: say what came of it")
    if entry.scope is None:
        out.append(f"reach not recorded; this question wants at least {question.scope!r}")
    elif SCOPES.index(entry.scope) < SCOPES.index(question.scope):
        out.append(f"reach {entry.scope!r}; this question wants at least {question.scope!r}")
    if not entry.metrics:
        out.append("no number")
    return tuple(out)


def story_bank(
    skill_map: SkillMap, entries: Sequence[Evidence], today: dt.date
) -> list[StoryMatch]:
    """One match per story question of the map, in the map's order."""
    used: dict[str, int] = {}  # entry id -> number (in map order) of the question it answers
    found: dict[int, StoryMatch] = {}
    order = sorted(
        range(len(skill_map.stories)),
        key=lambda i: (-SCOPES.index(skill_map.stories[i].scope), i),
    )
    for i in order:
        question = skill_map.stories[i]
        action = skill_map.action(question.action)
        title = action[1].title if action else question.action
        pool = candidates(question, skill_map, [e for e in entries if e.date <= today])
        if not pool:
            found[i] = StoryMatch(question, "missing", None, None, (), question.action, title)
            continue
        fresh = [e for e in pool if e.id not in used]
        best = max(
            fresh or pool, key=lambda e: (score(question, e, skill_map, today), e.date, e.id)
        )
        lacks = shortfalls(question, best)
        if best.id in used:
            lacks = (
                f"the same entry is already your story for question {used[best.id]}; "
                "one of its own would be stronger",
                *lacks,
            )
        else:
            used[best.id] = i + 1
        serious = [x for x in lacks if x != "no number"]
        status: Status = "weak" if serious else "ready"
        found[i] = StoryMatch(question, status, best, outline(best), lacks, question.action, title)
    return [found[i] for i in range(len(skill_map.stories))]
