"""Writing one CV bullet from one evidence entry: fixed rules, offline, the same every time.

:func:`write_bullet` (fields in) and :func:`draft` (an entry in) are the public ways in;
:func:`bullet_text` gives the user's own approved wording when there is one. The shape depends on
what the entry holds, so a CV does not repeat one connector line after line:

* a result that starts with a verb leads: "Cut refund disputes 62% by rewriting the refund flow";
* a result that is a clause follows the action: "Trained sales on the rubric, so sales now
  qualifies AIS leads"; a change reads "…, with retention up 12%"; a thing "…, resulting in …";
* metrics sit beside what they measure, in brackets; one that repeats a number already said is
  folded; one that counts inputs ("9 interviews") goes with the action;
* a goal closes the line: "…, to keep the platform simple" or "…, toward the 2026 target".

Words are never cut. When a bullet is longer than :data:`MAX_CHARS`, the goal is left out, then
the "by doing" part; if that is not enough the bullet stays whole and long. Every part left out
is recorded on the :class:`Bullet`, and ``export --lint`` reports it. Rules in docs/bullets.md.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from pm_coach.core.lead import Lead, found_verb, read_lead
from pm_coach.core.metrics import Metric, join_list, split_metrics
from pm_coach.core.sections import with_org
from pm_coach.core.verbs import (
    IRREGULAR,
    OBJECT_OPENERS,
    lookup,
    prefixed_verb,
    unknown_past,
    word_set,
)
from pm_coach.core.wording import (
    DETERMINERS,
    SUBJECT_PRONOUNS,
    bare,
    clean,
    drop_first_person,
    has_first_person,
    join,
    lower_first,
    mid_sentence_case,
    words,
)

if TYPE_CHECKING:
    from pm_coach.models import Evidence

MAX_CHARS = 200

# Past tenses that are never past participles: a clause ends on them ("exec pushback fell").
SIMPLE_PAST = frozenset(
    p
    for b, p in IRREGULAR.items()
    if p
    in word_set(
        """fell rose grew went ran took gave broke wrote drove began became chose drew knew saw
        spoke threw overcame oversaw rewrote withdrew underwent foresaw outgrew shrank sank"""
    )
)
# Results that happen to the person ("Promoted to Senior PM"): they follow the action with "after".
PERSONAL = word_set("promoted hired selected chosen invited nominated awarded named asked")
CLAUSE_MARKERS = word_set("now can could will would is are was were has have had")
GOAL_HEADS = word_set(
    "target targets goal goals okr okrs objective objectives priority priorities strategy "
    "initiative plan mission bet push vision"
)
GOAL_LABELS = ("goal:", "goal -", "goal –", "objective:", "okr:")


@dataclass(frozen=True)
class Bullet:
    """A drafted bullet and what the writer knows about it (for --lint and ranking)."""

    text: str
    shape: str  # "result-first", "action-result" or "action"
    lead: Lead  # how the user's text started
    result_lead: Lead | None  # the result's verb, when the result leads
    dropped: tuple[str, ...] = ()  # "goal", "action": parts left out to fit
    folded: tuple[str, ...] = ()  # metrics whose numbers the result or text already says
    inputs: tuple[str, ...] = ()  # metrics that count inputs rather than an outcome
    long: bool = False  # still longer than the limit, kept whole

    @property
    def first_person(self) -> bool:
        return has_first_person(self.text)

    def __str__(self) -> str:
        return self.text


# --- reading the result and the goal -----------------------------------------------------------


@dataclass(frozen=True)
class Result:
    kind: str  # verb, personal, passive, clause, change, noun
    text: str  # as it is written after the action ("so …", "with …") or as the lead
    lead: Lead | None = None


def _is_past(word: str) -> bool:
    b = bare(word)
    return any(f.form == "past" for f in lookup(b)) or unknown_past(b) is not None


ARTICLES = word_set("a an the this that these those my our their his her its your")
# Words before a past tense that make it an adjective ("fewer reopened decisions").
QUANTIFIERS = word_set("fewer more less no zero higher lower faster better newly fully")
PARTICIPIAL_ADJECTIVES = word_set(
    """shared signed signed-off unified combined dedicated automated managed reduced improved
    increased simplified updated integrated redesigned localised localized certified qualified
    paid trained skilled connected guided detailed documented prioritised prioritized"""
)
SUBJECTS = word_set("she he they it everyone nobody both all each")
PARTICIPLE_FOLLOWERS = word_set("by in to on at for within across from after before over")
AMOUNT = re.compile(r"^[+\-−~]?[$£€]?\d[\d,.]*\s?(%|x|×|k|m|bn|pts?|pp)?$", re.IGNORECASE)


def _agent_follows(ws: list[str]) -> bool:
    """ "Used by 25 AMs": a passive with its agent; "Cut churn by 3%" is an amount."""
    for i, w in enumerate(ws[1:4], start=1):
        if bare(w) == "by" and i + 1 < len(ws):
            nxt = ws[i + 1]
            amount = bool(AMOUNT.match(nxt.rstrip(",;"))) and (
                "%" in nxt or "x" in nxt.lower() or i + 2 >= len(ws)
            )
            return not amount and bare(nxt) not in ("half", "a", "two-thirds", "a third")
    return False


def read_result(result: str) -> Result | None:
    text = drop_first_person(mid_sentence_case(clean(result)))
    ws = words(text)
    if not ws:
        return None
    if bare(ws[0]) in SUBJECT_PRONOUNS and len(ws) > 1:  # "I got promoted", "We hit the date"
        lead = read_lead(text)
        if lead.kind == "verb":
            return _verb_result(lead)
    first = bare(ws[0])
    if first == "live" and len(ws) > 1:  # "Live in 6 markets" → "Went live in 6 markets"
        return _verb_result(read_lead("went " + lower_first(text)))
    nxt = ws[1] if len(ws) > 1 else ""
    found = found_verb(first, nxt)
    if found is not None and bare(nxt) not in ("up", "down", ""):
        v, form = found
        if form == "past" and first in PERSONAL:
            return Result("personal", lower_first(text))
        if (
            form == "past"
            and first not in SIMPLE_PAST
            and (bare(nxt) in ("across", "in") or _agent_follows(ws))
        ):
            return Result("passive", lower_first(text))
        lead = read_lead(text)
        if lead.kind == "verb":
            return _verb_result(lead)
    if found is not None and not nxt:
        return _verb_result(read_lead(text))
    low = lower_first(text)
    plain = [bare(w) for w in ws]
    if first in SUBJECTS and len(ws) > 1:
        return Result("clause", low)
    for i, w in enumerate(ws[1:6], start=1):
        b = plain[i]
        prev = plain[i - 1]
        after = plain[i + 1] if i + 1 < len(ws) else ""
        if prev in ARTICLES or prev in QUANTIFIERS or prev[:1].isdigit():
            continue
        if (b in ("up", "down") and i <= 4) or after in ("up", "down"):
            return Result("change", low)
        if b in PARTICIPIAL_ADJECTIVES and after and after not in PARTICIPLE_FOLLOWERS:
            continue  # "one shared roadmap": an adjective before its noun
        if b in CLAUSE_MARKERS and after:
            return Result("clause", low)
        if _is_past(w):
            if b in SIMPLE_PAST or (after and after not in PARTICIPLE_FOLLOWERS):
                return Result("clause", low)
            return Result("change", low)
        present = [f for f in lookup(b) if f.form in ("third", "base")]
        opens = after in OBJECT_OPENERS or after[:1].isdigit() or after in ("it", "them")
        if present and opens and i <= 3:
            return Result("clause", low)
    return Result("noun", low)


def _verb_result(lead: Lead) -> Result:
    return Result("verb", lead.past_clause(), lead)


def goal_clause(goal: str) -> str:
    """The goal as the end of a bullet: "to keep the platform simple", "toward the Q3 OKR"."""
    text = drop_first_person(clean(goal))
    for label in GOAL_LABELS:
        if text.lower().startswith(label):
            text = text[len(label) :].strip()
    ws = words(text)
    if not ws:
        return ""
    first = bare(ws[0])
    if first in ("to", "so", "for", "toward", "towards") or text.lower().startswith(
        "in support of"
    ):
        return lower_first(text)
    forms = lookup(first)
    if any(f.form == "base" for f in forms):
        return "to " + lower_first(text)
    gerund = next((f for f in forms if f.form == "gerund"), None)
    if gerund is not None:
        return join("to", prefixed_verb(gerund.base).base, " ".join(ws[1:]))
    head = next((bare(w) for w in reversed(ws[:5]) if bare(w) in GOAL_HEADS), "")
    phrase = lower_first(text)
    if head and first not in DETERMINERS and not first.endswith(("'s", "’s")):
        phrase = "the " + phrase
    return "toward " + phrase


# --- putting it together ------------------------------------------------------------------------


def _brackets(items: Sequence[str]) -> str:
    return f"({join_list(items)})" if items else ""


def _metric_tail(metrics: Sequence[Metric], has_clause_before: bool) -> str:
    """Changes and clauses among the metrics: ", with A and B", ", so C"."""
    changes = [m.text for m in metrics if m.kind == "change"]
    clauses = [m.text for m in metrics if m.kind == "clause"]
    out = ""
    if changes:
        out += ", with " + join_list([lower_first(c) for c in changes])
    if clauses:
        out += (", and " if has_clause_before else ", so ") + join_list(
            [lower_first(c) for c in clauses]
        )
    return out


def write_bullet(
    text: str,
    *,
    result: str = "",
    metrics: Sequence[str] = (),
    goal: str = "",
    kind: str = "work",
    org: str = "",
    limit: int = MAX_CHARS,
) -> Bullet:
    """One CV bullet from one piece of evidence. Pure and deterministic."""
    lead = read_lead(text, kind)
    if lead.verb is None:  # an empty text: nothing to say
        return Bullet("", "action", lead, None)
    res = read_result(result)
    said = " ".join([text, result])
    kept, folded = split_metrics(list(metrics), said)
    amounts = [m.text for m in kept if m.kind == "amount"]
    inputs = [m.text for m in kept if m.kind == "input"]
    goal_text = goal_clause(goal)

    def action(gerund: bool, extra: Sequence[str] = ()) -> str:
        clause = lead.gerund_clause() if gerund else lead.past_clause()
        return join(with_org(clause, org, kind), _brackets([*inputs, *extra]))

    def compose(with_goal: bool, with_action: bool) -> tuple[str, str]:
        goal_part = ", " + goal_text if with_goal and goal_text else ""
        same_verb = (
            res is not None
            and res.lead is not None
            and res.lead.verb is not None
            and lead.verb is not None
            and res.lead.verb.base == lead.verb.base
        )
        if res is not None and res.kind in ("verb", "personal") and not same_verb:
            head = res.text if res.kind == "verb" else res.text[:1].upper() + res.text[1:]
            head = join(head, _brackets(amounts if with_action else [*amounts, *inputs]))
            tail = _metric_tail(kept, False)
            if with_action:
                link = (
                    " after " if res.kind == "personal" else (", by " if ", " in head else " by ")
                )
                head += link + action(True)
            return head + tail + goal_part, "result-first"
        if res is None:
            body = action(False, amounts)
            return body + _metric_tail(kept, False) + goal_part, "action"
        assert res is not None
        link = {
            "verb": ", then ",
            "personal": ", then ",
            "passive": ", ",
            "clause": ", so ",
            "change": ", with ",
            "noun": ", resulting in ",
        }[res.kind]
        said = lower_first(res.text) if res.kind in ("verb", "personal") else res.text
        body = action(False) + link + join(said, _brackets(amounts))
        return body + _metric_tail(kept, res.kind == "clause") + goal_part, "action-result"

    text_out, shape = compose(True, True)
    dropped: tuple[str, ...] = ()
    long = False
    if len(text_out) > limit:
        tries = [((False, True), ("goal",))] if goal_text else []
        if shape == "result-first":
            tries.append(((False, False), ("goal", "action") if goal_text else ("action",)))
        for (g, a), gone in tries:
            shorter, _ = compose(g, a)
            if len(shorter) <= limit:
                text_out, dropped = shorter, gone
                break
        else:
            long = True
    return Bullet(
        text_out,
        shape,
        lead,
        res.lead if res is not None and res.kind == "verb" else None,
        dropped,
        tuple(folded),
        tuple(inputs),
        long,
    )


def draft(entry: Evidence, limit: int = MAX_CHARS) -> Bullet:
    """The writer's bullet for an evidence entry (ignores the user's own wording)."""
    return _cached(
        entry.text, entry.result, tuple(entry.metrics), entry.goal, entry.kind, entry.org, limit
    )


@lru_cache(maxsize=4096)  # export, --top and --lint all ask for the same entries' drafts
def _cached(
    text: str, result: str, metrics: tuple[str, ...], goal: str, kind: str, org: str, limit: int
) -> Bullet:
    return write_bullet(
        text, result=result, metrics=metrics, goal=goal, kind=kind, org=org, limit=limit
    )


def bullet_text(entry: Evidence) -> str:
    """The line to print for an entry: the user's approved wording, else the draft."""
    return entry.bullet if entry.bullet else draft(entry).text
