"""The goal as the end of a bullet: "…, to keep the platform simple", "…, toward the Q3 OKR", or
"aiming for …" after a line with no result; nothing when it cannot join the line as a phrase.
"""

from __future__ import annotations

from functools import lru_cache

from pm_coach.core.bullets.clauses import CLAUSE_MARKERS, SIMPLE_PAST, subject_verb
from pm_coach.core.bullets.lead import found_verb
from pm_coach.core.bullets.verbs import NOUN_FOLLOWERS, lookup, prefixed_verb, word_set
from pm_coach.core.bullets.wording import (
    DETERMINERS,
    bare,
    clean,
    drop_first_person,
    join,
    lower_first,
    words,
)

GOAL_HEADS = word_set(
    "target targets goal goals okr okrs objective objectives priority priorities strategy "
    "initiative plan mission bet push vision"
)
GOAL_LABELS = ("goal:", "goal -", "goal –", "objective:", "okr:")


MODALS = word_set("can could will would should must may might shall")


def _has_verb(ws: list[str]) -> bool:
    """A verb after the first word ("every parcel arrives", "applying should take minutes")."""
    if len(ws) > 2 and bare(ws[0]) in ("every", "each") and bare(ws[2]).endswith("s"):
        return True  # "Every parcel arrives first time"
    for w in ws[1:]:
        b = bare(w)
        if b in MODALS or b in CLAUSE_MARKERS or b in SIMPLE_PAST:
            return True
        if any(f.form == "third" for f in lookup(b)):
            return True
    return False


@lru_cache(maxsize=1024)  # a few goals recur across a whole log
def goal_clause(goal: str) -> str:
    """The goal as the end of a bullet: "to keep the platform simple", "toward the Q3 OKR", or ""
    when it cannot join the line as a phrase ("Every shopper can check out")."""
    text = drop_first_person(clean(goal))
    for label in GOAL_LABELS:
        if text.lower().startswith(label):
            text = text[len(label) :].strip()
    ws = words(text)
    if not ws:
        return ""
    first = bare(ws[0])
    lowered = text.lower()
    if first in ("to", "toward", "towards", "for") or lowered.startswith(
        ("in support of", "so that ")
    ):
        return lower_first(text)
    if first in ("be", "become", "being"):
        return ""  # "Be the fastest way to ship": a vision, not something the person did
    forms = lookup(first)
    nxt = ws[1] if len(ws) > 1 else ""
    found = found_verb(first, nxt)
    if any(f.form == "base" for f in forms) and bare(nxt) not in NOUN_FOLLOWERS:
        return "to " + lower_first(text)
    gerund = next((f for f in forms if f.form == "gerund"), None)
    if gerund is not None and found is not None:
        return join("to", prefixed_verb(gerund.base).base, " ".join(ws[1:]))
    if "," in text or subject_verb(ws)[0] or _has_verb(ws):
        return ""  # a clause or a list: "toward every shopper can check out" does not read
    head = next((bare(w) for w in reversed(ws[:5]) if bare(w) in GOAL_HEADS), "")
    short = len(ws) <= 3 and not any(ch.isdigit() for ch in text)
    if not head and not short:
        return ""  # "toward one platform for every store" reads as filler
    phrase = lower_first(text)
    if head and first not in DETERMINERS and not first.endswith(("'s", "’s")):
        phrase = "the " + phrase
    return "toward " + phrase


def aim(goal: str) -> str:
    """ "One integration layer for all 9 carriers by Q3" after a line with no result: "aiming
    for one integration layer …". Only a plain noun phrase; a clause or a list stays out."""
    text = drop_first_person(clean(goal))
    ws = words(text)
    if len(ws) < 2 or "," in text or ";" in text or subject_verb(ws)[0] or _has_verb(ws):
        return ""
    if bare(ws[0]) in ("be", "become", "being") or found_verb(bare(ws[0]), ws[1]) is not None:
        return ""
    return "aiming for " + lower_first(text)
