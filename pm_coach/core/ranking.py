"""Which bullets are strongest: for ``export --top`` and the report's strongest lines.

Approved bullets come first (the user has read them), then drafts that --lint does not flag, then
flagged drafts; within each, a draft with a result, an outcome metric, a wide scope and a recent
date ranks higher. Gaps are spread: each pick after the first loses a little for every pick
already made on its least-covered gap, but never enough to jump a tier.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pm_coach.core.bullet_lint import findings
from pm_coach.core.bullets import Bullet, draft, write_draft

if TYPE_CHECKING:
    from pm_coach.models import Evidence

RECENT_WINDOW_DAYS = 730
REPEAT_PENALTY = 3.0
SCOPE = re.compile(
    r"[$£€]\s?\d|\d\s?(?:%|x\b|k\b|m\b|bn\b)|\b(?:company-wide|org-wide|all|every|each|teams|"
    r"squads|markets|regions|customers|merchants|users|accounts|board|exec|execs|CEO|CPO|CFO|CTO)\b",
    re.IGNORECASE,
)


def tier(entry: Evidence, bullet: Bullet | None = None) -> int:
    """2 for the user's own approved line, 1 for a draft --lint passes, 0 for a flagged draft.
    ``bullet``: the entry's draft, when the caller has it already."""
    if entry.bullet:
        return 2
    return 1 if not findings(entry, bullet if bullet is not None else draft(entry)) else 0


# The scope the user recorded, as points; entries without one are judged by their words.
SCOPE_POINTS: dict[str, float] = {"self": 0.0, "team": 1.0, "teams": 1.5, "company": 2.0,
                                  "external": 2.0}  # fmt: skip


def scope(entry: Evidence) -> float:
    """0 to 2: the recorded scope, or else money, percentages and words of reach (teams,
    markets, the board) in the entry."""
    if entry.scope is not None:
        return SCOPE_POINTS[entry.scope]
    text = " ".join([entry.text, entry.result, *entry.metrics])
    return float(min(2, len(SCOPE.findall(text))))


def strength(entry: Evidence, today: dt.date, bullet: Bullet | None = None) -> float:
    """Result 2, outcome metric 3 (a count of inputs 1), scope up to 2, goal 1, and recency up
    to 2, fading to 0 over two years."""
    return _merit(entry, bullet if bullet is not None else draft(entry)) + _recency(entry, today)


def _merit(entry: Evidence, bullet: Bullet) -> float:
    """Strength without recency: what the entry says, whatever the day."""
    outcome = any(m not in bullet.inputs for m in entry.metrics)
    metric = 3.0 if outcome else (1.0 if entry.metrics else 0.0)
    return metric + 2.0 * bool(entry.result.strip()) + scope(entry) + bool(entry.goal.strip())


def _recency(entry: Evidence, today: dt.date) -> float:
    age = max(0, (today - entry.date).days)
    return max(0.0, 2.0 * (1 - age / RECENT_WINDOW_DAYS))


# What ranking an entry needs whatever the day: its tier and its strength without recency, by
# the fields they depend on. Drafting and linting every entry is most of the time of ``--top``
# on a big log; the app keeps these between runs with the drafts (see app/drafts.py).
ScoreKey = tuple[str, str, tuple[str, ...], str, str, str, str | None, str]
_scores: dict[ScoreKey, tuple[int, float]] = {}


def _scored(entry: Evidence) -> tuple[int, float]:
    key = (entry.text, entry.result, tuple(entry.metrics), entry.goal, entry.kind, entry.org,
           entry.scope, entry.bullet)  # fmt: skip
    found = _scores.get(key)
    if found is None:  # drafted, scored and let go: a log with no kept scores is drafted whole
        bullet = write_draft(entry)
        found = _scores[key] = (tier(entry, bullet), _merit(entry, bullet))
    return found


def known_scores() -> dict[ScoreKey, tuple[int, float]]:
    """The tiers and day-free strengths of this process so far, by what they were scored from."""
    return _scores


def add_scores(scores: dict[ScoreKey, tuple[int, float]]) -> None:
    """Scores made before from exactly these fields by this very ranking and writer (the
    caller's promise: app/drafts.py keys them on the source of both)."""
    _scores.update(scores)


def top(entries: Sequence[Evidence], n: int, today: dt.date) -> list[Evidence]:
    """The strongest ``n`` entries, strongest first.

    Picked one at a time by tier, then strength minus 3 for every entry already picked that
    covers the least-covered of its gaps (a gap nobody covers yet costs nothing), then the newer
    entry, then the smaller id.

    In one pass over the entries: each is drafted and scored once (not at all when its score
    is known from an earlier run), and entries are grouped by their gaps. Within a group every
    entry pays the same penalty, so the group's order never changes and only its best remaining
    entry can be picked; each pick compares the heads of the groups, not every entry left.
    """
    if n <= 0:
        return []
    groups: dict[tuple[str, ...], list[tuple[int, float, dt.date, dt.datetime, str, Evidence]]]
    groups = {}
    for e in entries:
        rank, merit = _scored(e)
        scored = (rank, merit + _recency(e, today), e.date, e.created, _neg(e.id), e)
        groups.setdefault(tuple(e.gaps) or NO_GAP, []).append(scored)
    queues = []
    for gaps, members in groups.items():
        members.sort(key=lambda m: m[:5], reverse=True)
        queues.append((gaps, members))
    heads = [0] * len(queues)
    covered: Counter[str] = Counter()
    chosen: list[Evidence] = []
    while len(chosen) < n:
        best: tuple[int, float, dt.date, dt.datetime, str] | None = None
        at = -1
        for q, (gaps, members) in enumerate(queues):
            if heads[q] == len(members):
                continue
            t, strong, day, created, neg, _ = members[heads[q]]
            value = (t, strong - REPEAT_PENALTY * min(covered[g] for g in gaps), day, created, neg)
            if best is None or value > best:
                best, at = value, q
        if best is None:
            break
        gaps, members = queues[at]
        chosen.append(members[heads[at]][5])
        heads[at] += 1
        covered.update(gaps)
    return chosen


NO_GAP = ("(no gap)",)


def _neg(text: str) -> str:
    """A key that sorts strings in reverse, so max() prefers the smaller id."""
    if text.isascii():  # ids are: one C call instead of a loop over characters
        return text.translate(_NEG_ASCII)
    return "".join(chr(0x10FFFF - ord(c)) for c in text)


_NEG_ASCII = {o: chr(0x10FFFF - o) for o in range(128)}
