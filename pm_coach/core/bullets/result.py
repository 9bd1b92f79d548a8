"""Reading what came of the work: which kind of result it is, and so how it joins the action.

A result led by the person's verb leads the bullet ("Cut refund disputes 62% …"); a clause follows
with "so", a change with "with", a cause with "which", a thing with "resulting in".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pm_coach.core.bullets.clauses import (
    COUNTABLE_SUBJECTS,
    PARTICIPLE_FOLLOWERS,
    QUANTIFIERS,
    ROLE_ACRONYMS,
    SIMPLE_PAST,
    SPELLED_NUMBERS,
    SUBJECTS,
    TIME_WORDS,
    is_past,
    subject_verb,
    with_articles,
)
from pm_coach.core.bullets.lead import Lead, found_verb, read_lead
from pm_coach.core.bullets.verbs import OBJECT_OPENERS, lookup, prefixed_verb, word_set
from pm_coach.core.bullets.wording import (
    DETERMINERS,
    SUBJECT_PRONOUNS,
    bare,
    clean,
    drop_first_person,
    join,
    lower_first,
    mid_sentence_case,
    words,
)

# Results that happen to the person ("Promoted to Senior PM"): they follow the action with "after".
PERSONAL = word_set("promoted hired selected chosen invited nominated awarded named asked")
# Of those, the ones that answer what was done rather than crown it: "…, and was invited back".
REACTIONS = word_set("invited asked")


@dataclass(frozen=True)
class Result:
    kind: str  # verb, cause, personal, passive, clause, absolute, participle, noun
    text: str  # as it is written after the action ("so …", "with …") or as the lead
    lead: Lead | None = None
    several: bool = False  # more than one clause ("Approved; module switched off")


AMOUNT = re.compile(r"^[+\-−~]?[$£€]?\d[\d,.]*\s?(%|x|×|k|m|bn|pts?|pp)?$", re.IGNORECASE)


def _agent_later(ws: list[str]) -> bool:
    """ "Rated the top session by attendees": "by" and the people who did it, after an object."""
    for i in range(4, min(len(ws) - 1, 10)):
        if bare(ws[i]) != "by":
            continue
        nxt = ws[i + 1]
        plain = bare(nxt)
        if plain in ("the", "a", "an") and i + 2 < len(ws):
            plain = bare(ws[i + 2])
            nxt = ws[i + 2]
        people = plain.endswith("s") and not plain.endswith("ss") and not plain.endswith("ings")
        return (
            (people or plain in COUNTABLE_SUBJECTS or plain in ROLE_ACRONYMS or nxt[:1].isupper())
            and not plain[:1].isdigit()
            and not plain.endswith("ing")
        )
    return False


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


# Results joined as a phrase, not a clause of their own: a goal can still follow them.
PHRASE_RESULTS = ("absolute", "passive", "participle", "noun")
# Verbs whose subject is the work, not the person: "Led to two intros", "Fed into the plan".
# They cannot lead a bullet ("Led to two intros by running …" has no subject); they follow the
# action with "which".
CAUSE_VERBS = word_set(
    """became sparked prompted triggered informed shaped inspired underpinned fuelled fueled
    kicked-started seeded"""
)
CAUSE_WITH_PREP = {
    "led": ("to",),
    "fed": ("into", "straight", "directly"),
    "resulted": ("in",),
    "contributed": ("to",),
    "turned": ("into",),
    "went": ("on", "into"),
    "paved": ("the",),
}


def _absolute(kind: str) -> str:
    return "absolute" if kind == "gerund" else kind


# "Leads now prioritise bugs and I got back 4 hours": the person's own part goes first, so
# it reads as theirs ("…, getting back 4 hours; leads now prioritise bugs").
_AND_I = re.compile(
    r"^(?!(?:I|We|we)\b)(.+?),? and (?:I|we) "
    r"(?!(?:can|could|will|would|haven't|haven’t|have not|'ve not)\b)(.+)$"
)
# Verbs that say a number moved, never what a person did to it: "grew from 6 regulars to 40"
# has the group as its subject, so it follows the action with "which".
MOVED = word_set("grew rose fell dropped jumped climbed shrank declined went increased decreased")
MOVED_FOLLOWERS = word_set("from to by over past above below into")
# Words after a verb that leave it without an object ("Launched 2 weeks early").
NO_OBJECT = word_set("early late ahead on-time again twice")


def _no_object(hws: list[str]) -> bool:
    """ "Launched 2 weeks early", "Shipped ahead of schedule": a verb with a time, no object."""
    rest = [bare(w) for w in hws[1:4]]
    if not rest:
        return False
    if rest[0] in NO_OBJECT or (rest[0] in ("on", "first") and len(rest) > 1 and rest[1] == "time"):
        return True
    if rest[0] in ("in", "within") and len(rest) > 2 and rest[2] in TIME_WORDS:
        return rest[1][:1].isdigit() or rest[1] in SPELLED_NUMBERS  # "Shipped in 5 weeks"
    return (
        len(rest) > 1
        and (rest[0][:1].isdigit() or rest[0] in SPELLED_NUMBERS or rest[0] == "a")
        and rest[1] in TIME_WORDS
        and (len(rest) < 3 or rest[2] in NO_OBJECT or rest[2] in ("ahead", "before", "early"))
    )


_LATER = re.compile(r"^(?:H[12]|Q[1-4]|(?:19|20)\d\d|FY\d+|next|later|the)$")


def _deferred(hws: list[str]) -> bool:
    """ "Deferred to H2", "Paused until Q3": a decision that happened to the thing, in time."""
    if len(hws) < 3:
        return False
    prep, when = bare(hws[1]), hws[2].strip(",;:.")
    return prep == "until" or (prep == "to" and bool(_LATER.match(when)))


_COUNT = re.compile(
    r"^(?:(?:about|around|nearly|almost|over|more than|roughly) )?"
    r"\d[\d,.]*[+k]? [a-z-]+(?: [a-z-]+)?$"
)


def a_count(text: str) -> bool:
    """ "about 80 attendees", "1,100 subscribers": a number of people or things, nothing more."""
    return bool(_COUNT.match(text)) and ";" not in text


OBJECT_STARTS = word_set("roughly about around nearly almost over up the a an")
_LIVE = re.compile(r"^((?:[\w'’-]+ ){1,6}?)live\b(?! in a)")
_LIVE_BEFORE = word_set("went go goes gone going is are was were be been being now")


def _went_live(text: str) -> str:
    """ "New sign-up site live and sign-ups doubled" → "new sign-up site went live and …": a thing
    that is live, said as a clause so the rest can follow it."""
    m = _LIVE.match(text)
    if m is None:
        return text
    before = words(m.group(1).strip())
    if not before or bare(before[-1]) in _LIVE_BEFORE or any(is_past(w) for w in before):
        return text
    if bare(before[0]) in SUBJECT_PRONOUNS:
        return text
    return f"{m.group(1)}went {text[m.end(1) :]}"


_SUBJECTLESS_CAUSE = re.compile(r"; ([a-z]+) ([a-z]+)")


def _which(m: re.Match[str]) -> str:
    """ "spotted that pickers walk 2km; fed into the slotting roadmap": a later part with no
    subject whose verb says what the finding led to is joined with "which"."""
    verb, after = m.group(1), m.group(2)
    if verb in CAUSE_VERBS or after in CAUSE_WITH_PREP.get(verb, ()):
        return f", which {verb} {after}"
    return m.group(0)


# "median time down from 14 min to 6 min" → "cutting median time from 14 min to 6 min"
_FROM_TO_CHANGE = re.compile(r"^(?P<what>[^,;]+?) (?P<way>down|up) (?P<rest>from [^;]+ to [^;]+)$")
# "onboarding tickets halved" → "halving onboarding tickets"
ADJECTIVE_PASTS = word_set(
    """failed missed abandoned cancelled canceled delayed returned repeated rejected declined
    disputed escalated reopened dropped lost unanswered unresolved unplanned unused manual
    qualified paid trained signed shared automated managed"""
)
_BARE_FROM_TO = re.compile(r"^(?P<what>[^,;:]+?) (?P<rest>from [^;]+ to [^;]+)$")
_FROM_TO_AMOUNTS = re.compile(
    r"^from (?:about |around |roughly )?([$£€]?\d[\d,.]*)\S* .*?to (?:about |around )?"
    r"([$£€]?\d[\d,.]*)\S*(?: [^,;]*)?$"
)
_NOW_WAS = re.compile(r"^(?P<what>[^,;:()]+?) (?P<b>\d[\d,.]*%?) \(from (?P<a>\d[\d,.]*%?)\)$")
_HALVED = re.compile(r"^(?P<what>[^,;]+?) (?P<way>halved|doubled|tripled)(?P<rest>(?: [^,;]+)?)$")
_CHANGE_VERBS = {"down": "cutting", "up": "lifting", "halved": "halving", "doubled": "doubling",
                 "tripled": "tripling"}  # fmt: skip
_AMOUNT_END = re.compile(
    r"^(?P<what>[A-Za-z][\w /-]*?[a-zA-Z]) (?P<n>[~≈<>]?[$£€]?\d[\d,.]*\s?%?)$"
)
_COUNT_SUBJECT = re.compile(r"^(?:\d[\d,.]*|all|both|none|most|half) (?:of|out of) (?:the |\d+ )")


def _plain_phrase(ws: list[str]) -> bool:
    """A few words that name a thing, with no verb and no "and" among them."""
    return (
        0 < len(ws) <= 7
        and not any(bare(w) in ("and", "or", "but") or bare(w) in SUBJECT_PRONOUNS for w in ws)
        and not any(is_past(w) and bare(ws[i]) not in QUANTIFIERS for i, w in enumerate(ws[1:]))
        and not any(
            lookup(bare(w)) and bare(w).endswith("s") and i > 0 for i, w in enumerate(ws[1:])
        )
    )


def _reshaped(text: str) -> Result | None:
    """A change from A to B, or halved, said as what the work did: "median time down from 14 min
    to 6 min" → "cutting median time from 14 min to 6 min"; "tickets halved" → "halving tickets"."""
    if ";" in text or ": " in text:
        return None
    said = with_articles(lower_first(text))
    m = _FROM_TO_CHANGE.match(said) or _HALVED.match(said) or _BARE_FROM_TO.match(said)
    way = (m.groupdict().get("way") or "") if m is not None else ""
    if m is None:
        m = _NOW_WAS.match(said)  # "search-to-cart rate 18% (from 12%)"
        if m is None:
            return None
        rest = f"from {m.group('a')} to {m.group('b')}"
    else:
        rest = m.group("rest").strip()
    if not way:  # "rating from 3.2 to 4.5": the numbers say which way it went
        amounts = _FROM_TO_AMOUNTS.match(rest)
        if amounts is None:
            return None
        try:
            a, b = (float(re.sub(r"[^\d.]", "", amounts.group(i))) for i in (1, 2))
        except ValueError:
            return None
        if a == b:
            return None
        way = "up" if b > a else "down"
    ws = words(m.group("what"))
    next_word = bare(ws[1]) if len(ws) > 1 else ""
    first_word = bare(ws[0])
    own_verb = bool(lookup(first_word)) and (next_word in DETERMINERS or next_word[:1].isdigit())
    # "grew from 6 to 40", "increased conversion from …": the person's (or the group's) verb;
    # "failed deliveries halved": a participle used as an adjective
    own_verb = own_verb or is_past(first_word) and first_word not in ADJECTIVE_PASTS
    if not _plain_phrase(ws) or own_verb:
        return None  # "scoped the MVP down from …": the person's own verb leads
    return Result("participle", join(_CHANGE_VERBS[way], m.group("what"), rest))


def _noun_result(text: str, several: bool) -> Result:
    """A result with no verb of its own: "DVT yield 96%" reads "DVT yield at 96%" after "with";
    a count of things that changed ("2 of 3 converted to paid contracts") follows "with" too."""
    low = with_articles(lower_first(text))
    m = _ADVERB_VERB.search(low.split(";")[0])
    if m is not None and (
        m.group(0).split(" ")[1] in ("no", "never")
        or any(f.form in ("base", "third") for f in lookup(m.group(1)))
    ):
        return Result("clause", low, several=several)  # "questions no longer come to …"
    if not several:
        m = _AMOUNT_END.match(low)
        ws = words(m.group("what")) if m else []
        if m is not None and _plain_phrase(ws) and bare(ws[-1]) not in NOT_BEFORE_AMOUNT:
            return Result("absolute", f"{m.group('what')} at {m.group('n')}")
        ws = words(low)
        if _COUNT_SUBJECT.match(low) and any(
            is_past(w) and (i + 1 == len(ws) or bare(ws[i + 1]) in PARTICIPLE_FOLLOWERS)
            for i, w in enumerate(ws[2:7], start=2)
        ):
            return Result("absolute", low)
    parts = low.split(", ")
    if (
        not several
        and len(parts) == 2
        and not any(ch.isdigit() for ch in low)
        and all(_plain_phrase(words(p)) for p in parts)
    ):
        low = " and ".join(parts)  # "fewer escalations, faster fixes": a list of two
    return Result("noun", low, several=several)


_ADVERB_VERB = re.compile(r"(?<=\w) (?:no longer|now|never|still|always|rarely) ([a-z]+)\b")
NOT_BEFORE_AMOUNT = word_set(
    """up down by at to from of about around over under than nearly almost roughly in on for
    with within per and or fell rose grew dropped"""
)


# "ARPA up 8%, churn flat": two short changes side by side are one result, "A and B".
_CHANGE_PART = re.compile(
    r"^[\w%$£€.,+~-]+(?: [\w%$£€.+~-]+){0,4}? "
    r"(?:(?:up|down) (?:about |by )?[$£€]?\d[\w.,%]*(?: points?| pp)?"
    r"|flat|unchanged|stable|steady|held|level)$"
)


def _two_changes(text: str) -> str:
    head, comma, tail = text.partition(", ")
    if not comma or ", " in tail or ";" in text or " and " in text:
        return text
    if _CHANGE_PART.match(head) and _CHANGE_PART.match(tail):
        return f"{head} and {tail}"
    return text


_CAN_NOW = re.compile(r"^(?:[Nn]ow )?[Cc]an (?:now )?([a-z].*)$")


def read_result(result: str) -> Result | None:
    text = _two_changes(mid_sentence_case(clean(result)))
    mine = _AND_I.match(text) if ";" not in text else None
    if mine is not None:
        text = f"{mine.group(2)}; {lower_first(mine.group(1))}"
    parts = ";" in text
    text = _SUBJECTLESS_CAUSE.sub(_which, drop_first_person(text))
    ws = words(text)
    if not ws:
        return None
    head_words = words(text.split(";", 1)[0])
    first_plain = bare(ws[0])
    third = [f for f in lookup(first_plain) if f.form == "third"]
    then = bare(ws[1]) if len(ws) > 1 else ""
    amount_next = then[:1].isdigit() or ws[1][:1] in "$£€" if len(ws) > 1 else False
    if third and (amount_next or then in OBJECT_STARTS) and not is_past(first_plain):
        # "Saves roughly £60k a year": a present tense with no subject says what the work does
        rest = " ".join(ws[1:])
        return Result("participle", join(prefixed_verb(third[0].base).gerund, rest), None, False)
    can = _CAN_NOW.match(text)
    if can is not None:
        # "can now review pricing changes": no subject after "so"; "now able to review …"
        return Result("participle", f"now able to {can.group(1)}", None, ";" in text)
    text = _went_live(text)
    reshaped = _reshaped(text)
    if reshaped is not None:
        return reshaped
    if len(head_words) > 1 and ws[0][:1].isupper() or ws[0].islower():
        if first_plain in MOVED and len(head_words) > 1 and bare(head_words[1]) in MOVED_FOLLOWERS:
            return Result("cause", lower_first(text), None, ";" in text)
        past = is_past(first_plain)
        if first_plain != "live" and past and _no_object(head_words):
            return Result("timed", with_articles(lower_first(text)), None, ";" in text)
        if past and _deferred(head_words):
            return Result("timed", with_articles(lower_first(text)), None, ";" in text)
    low = lower_first(text)
    several = ";" in text or parts or ": " in text  # "14-day won: conversion up …" has two parts
    head = text.split(";", 1)[0]
    hws = words(head)
    if bare(ws[0]) in SUBJECT_PRONOUNS and len(ws) > 1:  # "I got promoted", "We hit the date"
        lead = read_lead(text)
        if lead.kind == "verb":
            return _verb_result(lead, several)
    first = bare(ws[0])
    if first == "got" and len(ws) > 2:
        done = found_verb(bare(ws[1]), ws[2])
        if done is not None and done[1] == "past":  # "got picked up by …" → "picked up by …"
            return read_result(" ".join(ws[1:]))
    if first == "live" and len(ws) > 1:  # "Live in 6 markets" → "Went live in 6 markets"
        return _verb_result(read_lead("went " + lower_first(text)), several)
    nxt = hws[1] if len(hws) > 1 else ""
    found = found_verb(first, nxt)
    if found is not None and found[1] == "base":
        kind, at = subject_verb(hws)
        if 1 < at <= 8 and bare(hws[at]) in MOVED and not is_past(first):
            return Result(_absolute(kind) or "clause", with_articles(low), several=several)
    gerund = found is not None and found[1] == "gerund"
    if gerund:  # "recording became …" (a subject) or "saving $180K a year" (a participle)
        kind, _ = subject_verb(hws)
        if kind == "clause":
            return Result("clause", with_articles(low), several=several)
        return Result("participle", low, several=several)
    if found is not None and found[1] == "past":
        kind, at = subject_verb(hws, 2)
        between = [bare(w) for w in hws[1:at]]
        plain_nouns = all(
            w.isalpha() and w not in DETERMINERS and w not in SUBJECTS and w != "nobody"
            for w in between
        )
        if (
            at <= 4
            and plain_nouns
            and kind in ("clause", "absolute")
            and bare(nxt) not in ("up", "down")
        ):
            # "signed decision record ended …", "missed shifts halved …": an adjective first
            return Result(kind, with_articles(low), several=several)
    after_particle = bare(hws[2]) if len(hws) > 2 else ""
    phrasal = bare(nxt) in ("up", "down") and (
        after_particle in OBJECT_OPENERS or after_particle[:1].isdigit()
    )
    if found is not None and found[1] == "past" and phrasal:  # "Freed up 4 hours a week"
        return _verb_result(read_lead(text), several)
    if found is not None and len(hws) == 1 and found[1] == "past" and first not in SIMPLE_PAST:
        return Result("passive", with_articles(low), several=several)  # "Approved; …"
    if found is not None and bare(nxt) not in ("up", "down", ""):
        v, form = found
        if form == "past" and first in PERSONAL:
            kind = "reaction" if first in REACTIONS or several else "personal"
            return Result(kind, low, several=several)
        if (
            form == "past"
            and first not in SIMPLE_PAST
            and (bare(nxt) in ("across", "in") or _agent_follows(hws) or _agent_later(hws))
        ):
            return Result("passive", with_articles(low), several=several)
        lead = read_lead(text)
        if lead.kind == "verb":
            return _verb_result(lead, several)
    by_agent = len(hws) > 2 and bare(hws[2]) == "by" and first not in SIMPLE_PAST
    particle = found is not None and found[1] == "past" and bare(nxt) in ("up", "down")
    if particle and (_agent_follows(hws[1:]) or by_agent):
        return Result("passive", with_articles(low), several=several)  # "picked up by …"
    if found is not None and not nxt:
        return _verb_result(read_lead(text), several)
    if first in SUBJECTS and len(ws) > 1:  # "both ran …", "all three shipping …"
        kind, _ = subject_verb(hws)
        return Result(_absolute(kind) or "clause", low, several=several)
    kind, _ = subject_verb(hws)
    if kind:
        return Result(_absolute(kind), with_articles(low), several=several)
    return _noun_result(text, several)


def second_subject(rest: str) -> bool:
    """ "cut notifications by 40% and opt-outs dropped by half": a clause with its own subject
    after "and", so the result cannot be followed by "by doing …"."""
    ws = words(rest)
    for i, w in enumerate(ws[:-1]):
        if bare(w) != "and":
            continue
        part = ws[i + 1 :]
        if found_verb(bare(part[0]), part[1] if len(part) > 1 else "") is not None:
            continue  # "… and cut costs": the same subject's second verb
        kind, at = subject_verb(part)
        if kind in ("clause", "absolute") and at >= 1:
            return True
    return False


def _verb_result(lead: Lead, several: bool = False) -> Result:
    several = several or second_subject(lead.rest)
    v = lead.verb
    ws = words(lead.rest)
    after = bare(ws[0]) if ws else ""
    if v is not None and (v.past in CAUSE_VERBS or after in CAUSE_WITH_PREP.get(v.past, ())):
        return Result("cause", lead.past_clause(), lead, several)
    return Result("verb", lead.past_clause(), lead, several)
