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
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from pm_coach.core.lead import Lead, found_verb, read_lead
from pm_coach.core.metrics import Metric, join_list, split_metrics
from pm_coach.core.sections import split_title, with_org
from pm_coach.core.verbs import (
    IRREGULAR,
    NOUN_FOLLOWERS,
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
    capitalise,
    clean,
    drop_first_person,
    formal,
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
# Of those, the ones that answer what was done rather than crown it: "…, and was invited back".
REACTIONS = word_set("invited asked")
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
    unjoined: str = ""  # a goal that does not join this line as a phrase, so it is left out

    @property
    def first_person(self) -> bool:
        return has_first_person(self.text)

    def __str__(self) -> str:
        return self.text


# --- reading the result and the goal -----------------------------------------------------------


@dataclass(frozen=True)
class Result:
    kind: str  # verb, cause, personal, passive, clause, absolute, participle, noun
    text: str  # as it is written after the action ("so …", "with …") or as the lead
    lead: Lead | None = None
    several: bool = False  # more than one clause ("Approved; module switched off")


@cache  # called for most words of every result; the same words recur
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
# Verbs that report a finding: "so reminder timing turned out to be …" would claim a false cause.
# Work for other people whose results are their own ("3 of the 5 founders raised"): never "so".
HELPING = word_set("mentor coach advise tutor")
FINDING_WORDS = word_set("turned showed revealed confirmed proved found suggested")
# Words before a later verb that make it part of the first clause, not the verb of a subject.
COORDINATORS = word_set("and then or that which who to but")
# Past tenses that end a clause of their own before a place or time ("three mentees moved into
# PM roles"), where "with three mentees moved" would read as a passive.
INTRANSITIVE_PAST = word_set(
    """moved dropped fell rose grew stopped landed shifted improved increased decreased declined
    doubled tripled jumped climbed slipped shrank came went started finished ended shipped
    converted churned returned stayed settled recovered expanded joined graduated asked agreed
    voted opted responded replied applied committed closed renewed won lost"""
)
PARTICLES = word_set("off up out down back over")
STOP_WORDS = word_set("of among between about into onto via")
TIME_WORDS = word_set("days day weeks week months month quarters quarter hours hour years year")
SPELLED_NUMBERS = word_set("one two three four five six seven eight nine ten eleven twelve")
# Words after a participle that show it is not followed by an object.
ADVERBIAL = word_set(
    "with from into as via under through during early late again instead off based thanks"
)
# Singular nouns that need "the" when they start a clause ("board approved" → "the board …").
COUNTABLE_SUBJECTS = word_set(
    """board team tier rollout launch release department form recording module plan pilot
    feature app product company client customer partner vendor committee council squad org
    process page flow funnel proposal policy model tool dashboard service platform system
    programme program project migration backlog roadmap budget deal contract bank regulator
    auditor meetup event session talk article post guide essay video course workshop survey
    experiment test redesign decision business store site website integration cohort group
    record template pitch bid renewal beta prototype request change reorg spec memo doc playbook
    chapter panel newsletter podcast episode endpoint api sdk screen campaign variant engine
    database warehouse ledger queue bot algorithm script job build definition agreement
    recommendation standard rule unit division function buyer seller merchant steering
    charity trust foundation school university hospital clinic council regulator audit
    analysis investigation rate rating score share ratio"""
)
ROLE_ACRONYMS = word_set("ceo cpo cto cfo coo cmo cro ciso cio vp svp evp gm md")


def _is_finite_at(ws: Sequence[str], i: int) -> bool:
    """The word at ``i`` is the verb of a clause ("… agreed to pilot", "… ended a stalemate")."""
    b = bare(ws[i])
    after = bare(ws[i + 1]) if i + 1 < len(ws) else ""
    after2 = bare(ws[i + 2]) if i + 2 < len(ws) else ""
    if b in SIMPLE_PAST or b in INTRANSITIVE_PAST:
        return True
    if not _is_past(ws[i]) or ws[i].endswith((",", ";", ":")):
        return False
    if after == "to":
        return any(f.form == "base" for f in lookup(after2))
    if after in PARTICLES and (after2 in OBJECT_OPENERS or after2[:1].isdigit()):
        return True  # "board signed off the launch plan"
    if (after2 in TIME_WORDS or after2 == "times") and (
        after[:1].isdigit() or after in SPELLED_NUMBERS
    ):
        return False  # "contract signed two weeks ahead of the deadline": a time, not an object
    # "application form cut from 42 fields to 19" is a participle; an object after it makes a
    # clause: "… ended a stalemate", "… cut tickets 28%"
    participle = after in PARTICIPLE_FOLLOWERS or after in ADVERBIAL or after.endswith("ly")
    return bool(after) and not participle


# Words in -ly that are not adverbs before a verb.
NOT_ADVERBS = word_set(
    "only early monthly weekly daily quarterly yearly hourly family supply rally apply reply july"
)


def _adverb_then_verb(b: str, after: str) -> bool:
    if not b.endswith("ly") or len(b) < 5 or b in NOT_ADVERBS or not after.isalpha():
        return False
    if after in ARTICLES or after in PARTICIPLE_FOLLOWERS or after in STOP_WORDS:
        return False
    return not after.endswith("ing") or not _is_gerund(after)


@cache
def _is_present(b: str, plural_subject: bool) -> bool:
    return any(f.form == "third" or (plural_subject and f.form == "base") for f in lookup(b))


@cache
def _is_gerund(b: str) -> bool:
    return any(f.form == "gerund" for f in lookup(b))


def _subject_verb(ws: list[str], start: int = 1) -> tuple[str, int]:
    return _subject_verb_of(tuple(ws), start)


@lru_cache(maxsize=8192)  # read_result and subject_article ask about the same words
def _subject_verb_of(ws: tuple[str, ...], start: int) -> tuple[str, int]:
    """Where the verb of a subject-led clause is, and what kind of clause it makes.

    "clause" for a finite verb ("attendance grew …", "CPO agreed to …"), "absolute" for a
    participle or up/down ("application form cut from 42 to 19", "retention up 12%"), "gerund"
    for an -ing form ("all three shipping …"), "" for a noun phrase ("12K reads in the first
    month")."""
    plain = [bare(w) for w in ws]
    found = ("", -1)
    for i in range(start, min(len(ws), 14)):
        b, prev = plain[i], plain[i - 1]
        after = plain[i + 1] if i + 1 < len(ws) else ""
        if prev in ARTICLES or prev in QUANTIFIERS or prev[:1].isdigit():
            continue
        if ws[i - 1].endswith((",", ";", ":")) or prev in COORDINATORS:
            continue
        if (b in ("up", "down") and i <= 5) or (b[:1] in "+-−" and b[1:2].isdigit() and i <= 3):
            return "absolute", i  # "retention up 12%", "NPS +12 among new users"
        if _adverb_then_verb(b, after):
            return "clause", i + 1  # "dashboards finally match …": an adverb before its verb
        if prev in PARTICIPLE_FOLLOWERS or prev in STOP_WORDS:
            continue  # "among affected customers": an adjective after a preposition
        if b in CLAUSE_MARKERS and after:
            return "clause", i
        adjective = (
            after
            and after not in PARTICIPLE_FOLLOWERS
            and after not in OBJECT_OPENERS
            and not after[:1].isdigit()  # "slides shared 900+ times": a participle
        )
        if b in PARTICIPIAL_ADJECTIVES and adjective:
            continue  # "one shared roadmap": an adjective before its noun
        if _is_past(ws[i]):
            if _is_finite_at(ws, i):
                return "clause", i
            # "two squads refocused on retention and saved the accounts", "share of tickets
            # escalated to product went from 30% to 12%": a later verb decides
            for j in range(i + 1, min(len(ws), 16)):
                if ws[j - 1].endswith((",", ";")) or plain[j - 1] in ("that", "which", "who"):
                    break
                if plain[j] in CLAUSE_MARKERS or (_is_past(ws[j]) and _is_finite_at(ws, j)):
                    return "clause", i
            return "absolute", i
        opens = after in OBJECT_OPENERS or after[:1].isdigit() or after in ("it", "them")
        if opens and i <= 4 and _is_present(b, prev.endswith("s")):
            return "clause", i  # "sales now qualifies AIS leads", "engineers join 80% of …"
        if i <= 3 and not found[0] and b.endswith("ing") and _is_gerund(b):
            found = ("gerund", i)
    return found


# Adjectives that mark one particular thing: "new sign-up site went live" → "the new …".
# Mass nouns shaped like "checker" or "tracker": no "the" when they are the subject.
UNCOUNTED_ER = word_set("turnover behaviour behavior power water paper laughter rather other")
FRESH = word_set("new updated redesigned revamped rebuilt refreshed first")


def subject_article(text: str) -> str:
    """ "board approved a budget" → "the board approved a budget": a clause whose subject is one
    singular, ordinary noun gets "the"; names, plurals and mass nouns stay as written."""
    ws = words(text)
    kind, at = _subject_verb(ws)
    if not kind or at < 1 or at > 4:
        return text
    subject = ws[:at]
    first = subject[0]
    if bare(first) in ARTICLES or bare(first) in DETERMINERS or bare(first) in SUBJECTS:
        return text
    if bare(first) in QUANTIFIERS or first[:1].isdigit() or first[:1] in "$£€":
        return text
    head = ""
    for w in subject:
        if bare(w) in PARTICIPLE_FOLLOWERS or bare(w) in ("of", "and"):
            break
        head = w
    plain_head = bare(head)
    if plain_head in ROLE_ACRONYMS and head.isupper() and len(subject) == 1:
        return "the " + text
    if not first.islower():
        return text
    fresh = bare(first) in FRESH and len(subject) > 1 and not plain_head.endswith("s")
    agent = len(subject) == 1 and plain_head.endswith(("er", "or")) and plain_head.isalpha()
    agent = agent and plain_head not in UNCOUNTED_ER and len(plain_head) > 4
    if plain_head not in COUNTABLE_SUBJECTS and not fresh and not agent:
        return text
    return "the " + text


def _with_articles(text: str) -> str:
    """:func:`subject_article` for every clause of a result ("approved; module switched off")."""
    parts = text.split("; ")
    return "; ".join(subject_article(p) if p else p for p in parts)


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
    if rest[0] in NO_OBJECT or (rest[0] == "on" and len(rest) > 1 and rest[1] == "time"):
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


def _a_count(text: str) -> bool:
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
    if not before or bare(before[-1]) in _LIVE_BEFORE or any(_is_past(w) for w in before):
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


def read_result(result: str) -> Result | None:
    text = mid_sentence_case(clean(result))
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
    if third and (amount_next or then in OBJECT_STARTS) and not _is_past(first_plain):
        # "Saves roughly £60k a year": a present tense with no subject says what the work does
        rest = " ".join(ws[1:])
        return Result("participle", join(prefixed_verb(third[0].base).gerund, rest), None, False)
    text = _went_live(text)
    if len(head_words) > 1 and ws[0][:1].isupper() or ws[0].islower():
        if first_plain in MOVED and bare(head_words[1]) in MOVED_FOLLOWERS:
            return Result("cause", lower_first(text), None, ";" in text)
        past = _is_past(first_plain)
        if first_plain != "live" and past and _no_object(head_words):
            return Result("timed", _with_articles(lower_first(text)), None, ";" in text)
        if past and _deferred(head_words):
            return Result("timed", _with_articles(lower_first(text)), None, ";" in text)
    low = lower_first(text)
    several = ";" in text or parts
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
        kind, at = _subject_verb(hws)
        if 1 < at <= 8 and bare(hws[at]) in MOVED and not _is_past(first):
            return Result(_absolute(kind) or "clause", _with_articles(low), several=several)
    gerund = found is not None and found[1] == "gerund"
    if gerund:  # "recording became …" (a subject) or "saving $180K a year" (a participle)
        kind, _ = _subject_verb(hws)
        if kind == "clause":
            return Result("clause", _with_articles(low), several=several)
        return Result("participle", low, several=several)
    if found is not None and found[1] == "past":
        kind, at = _subject_verb(hws, 2)
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
            return Result(kind, _with_articles(low), several=several)
    after_particle = bare(hws[2]) if len(hws) > 2 else ""
    phrasal = bare(nxt) in ("up", "down") and (
        after_particle in OBJECT_OPENERS or after_particle[:1].isdigit()
    )
    if found is not None and found[1] == "past" and phrasal:  # "Freed up 4 hours a week"
        return _verb_result(read_lead(text), several)
    if found is not None and len(hws) == 1 and found[1] == "past" and first not in SIMPLE_PAST:
        return Result("passive", _with_articles(low), several=several)  # "Approved; …"
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
            return Result("passive", _with_articles(low), several=several)
        lead = read_lead(text)
        if lead.kind == "verb":
            return _verb_result(lead, several)
    by_agent = len(hws) > 2 and bare(hws[2]) == "by" and first not in SIMPLE_PAST
    particle = found is not None and found[1] == "past" and bare(nxt) in ("up", "down")
    if particle and (_agent_follows(hws[1:]) or by_agent):
        return Result("passive", _with_articles(low), several=several)  # "picked up by …"
    if found is not None and not nxt:
        return _verb_result(read_lead(text), several)
    if first in SUBJECTS and len(ws) > 1:  # "both ran …", "all three shipping …"
        kind, _ = _subject_verb(hws)
        return Result(_absolute(kind) or "clause", low, several=several)
    kind, _ = _subject_verb(hws)
    if kind:
        return Result(_absolute(kind), _with_articles(low), several=several)
    return Result("noun", _with_articles(low), several=several)


def _second_subject(rest: str) -> bool:
    """ "cut notifications by 40% and opt-outs dropped by half": a clause with its own subject
    after "and", so the result cannot be followed by "by doing …"."""
    ws = words(rest)
    for i, w in enumerate(ws[:-1]):
        if bare(w) != "and":
            continue
        part = ws[i + 1 :]
        if found_verb(bare(part[0]), part[1] if len(part) > 1 else "") is not None:
            continue  # "… and cut costs": the same subject's second verb
        kind, at = _subject_verb(part)
        if kind in ("clause", "absolute") and at >= 1:
            return True
    return False


def _verb_result(lead: Lead, several: bool = False) -> Result:
    several = several or _second_subject(lead.rest)
    v = lead.verb
    ws = words(lead.rest)
    after = bare(ws[0]) if ws else ""
    if v is not None and (v.past in CAUSE_VERBS or after in CAUSE_WITH_PREP.get(v.past, ())):
        return Result("cause", lead.past_clause(), lead, several)
    return Result("verb", lead.past_clause(), lead, several)


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
    if "," in text or _subject_verb(ws)[0] or _has_verb(ws):
        return ""  # a clause or a list: "toward every shopper can check out" does not read
    head = next((bare(w) for w in reversed(ws[:5]) if bare(w) in GOAL_HEADS), "")
    short = len(ws) <= 3 and not any(ch.isdigit() for ch in text)
    if not head and not short:
        return ""  # "toward one platform for every store" reads as filler
    phrase = lower_first(text)
    if head and first not in DETERMINERS and not first.endswith(("'s", "’s")):
        phrase = "the " + phrase
    return "toward " + phrase


def _aim(goal: str) -> str:
    """ "One integration layer for all 9 carriers by Q3" after a line with no result: "aiming
    for one integration layer …". Only a plain noun phrase; a clause or a list stays out."""
    text = drop_first_person(clean(goal))
    ws = words(text)
    if len(ws) < 2 or "," in text or ";" in text or _subject_verb(ws)[0] or _has_verb(ws):
        return ""
    if bare(ws[0]) in ("be", "become", "being") or found_verb(bare(ws[0]), ws[1]) is not None:
        return ""
    return "aiming for " + lower_first(text)


# --- putting it together ------------------------------------------------------------------------


def _brackets(items: Sequence[str]) -> str:
    return f"({join_list(items)})" if items else ""


def _metric_tail(metrics: Sequence[Metric], has_clause_before: bool, with_used: bool) -> str:
    """Changes and clauses among the metrics: ", with A and B", ", so C"."""
    changes = [m.text for m in metrics if m.kind == "change"]
    clauses = [m.text for m in metrics if m.kind == "clause"]
    out = ""
    if changes:
        out += (" and " if with_used else ", with ") + join_list([lower_first(c) for c in changes])
    if clauses:
        out += (", and " if has_clause_before else ", so ") + join_list(
            [lower_first(c) for c in clauses]
        )
    return out


def _now(rest: str) -> bool:
    """ "… a support agent who wants to move into product": the line speaks of the present, so
    "Mentoring …" stays as it is rather than "Mentored … who wants"."""
    ws = [bare(w) for w in words(rest)]
    for i in range(len(ws) - 1):
        nxt = ws[i + 1]
        if ws[i] == "who" and nxt.endswith("s") and not nxt.endswith("ss") and len(nxt) > 3:
            return True  # "who wants", "who runs": a person described as they are now
        if ws[i] == "that" and _is_present(nxt, False):
            return True
    return False


def _place_count(lead: Lead, metric: str) -> Lead | None:
    """ "Ran interviews with …" and the input "9 interviews" → "Ran 9 interviews with …"."""
    parts = metric.split(" ")
    if len(parts) != 2 or not parts[0][:1].isdigit() or not parts[1].isalpha():
        return None
    ws = words(lead.rest)
    noun = parts[1].lower()
    if not ws or ws[0].lower().rstrip(",;:") != noun:
        return None  # only straight after the verb: "Held roadmap workshops" stays as written
    joined = tuple((i + 1, v) for i, v in lead.joined)
    return replace(lead, rest=" ".join([parts[0], *ws]), joined=joined)


_SPACED_DASH = re.compile(r" [-–] ")
_RATE = re.compile(r"\b(?:a|per|each|every) (?:year|month|week|quarter|term)\b")


def undash(text: str) -> str:
    """A dash the user typed between two parts, made into what it stands for: details in
    brackets ("discovery (14 interviews …)"), a list after a colon ("the Q3 plan: collecting
    bets, sizing …"), a second action joined with "and". Dashes inside quotes stay."""
    m = _SPACED_DASH.search(text)
    if m is None:
        return text
    before, after = text[: m.start()].rstrip(" ,"), text[m.end() :].strip()
    if not before or not after or before.count('"') % 2 or before.count("“") > before.count("”"):
        return text
    ws = words(after)
    first = bare(ws[0])
    found = found_verb(first, ws[1] if len(ws) > 1 else "")
    if found is not None and found[1] == "past" and ws[0].islower():
        return f"{before} and {undash(after)}"
    if (found is not None and found[1] == "gerund") or ", " in after:
        return f"{before}: {after}"
    if "(" in after or ")" in after:
        return f"{before}: {after}"
    return f"{before} ({after})"


def join_actions(text: str) -> str:
    """ "Wrote the PRD, got finance aligned" → "Wrote the PRD and got finance aligned": the last of
    several past-tense actions joined by a comma takes "and"."""
    head, sep, last = text.rpartition(", ")
    ws = words(last)
    if not sep or not ws or not ws[0].islower() or "(" in last:
        return text
    if len(ws) > 2 and ws[0] == "turned" and bare(ws[1]) == "out" and words(head):
        said = ws[3:] if ws[2] == "that" else ws[2:]
        return f"{head}, finding that {' '.join(said)}"
    first = words(head)
    if not first or " and " in head or "; " in head or ":" in head:
        return text
    mine = found_verb(bare(first[0]), first[1] if len(first) > 1 else "")
    theirs = found_verb(ws[0], ws[1] if len(ws) > 1 else "")
    if mine is None or theirs is None or mine[1] != "past" or theirs[1] != "past":
        return text
    after = bare(ws[1]) if len(ws) > 1 else ""
    if after in PARTICIPLE_FOLLOWERS or after in ADVERBIAL:
        return text  # "…, backed by usage data": a participle, not a second action
    if any(found_verb(bare(w), "") is not None for w in words(head.split(", ", 1)[-1])[:1]):
        return f"{head} and {last}"  # every part an action: "A, B and C"
    return f"{head} and {last}" if ", " not in head else text


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
    title_tail = ""
    if kind in ("talk", "publication"):
        before, prep, title = split_title(clean(text))
        if title and before:
            text = before
            title_tail = (f" {prep} " if prep else ": ") + f'"{title}"'
    text, result, goal = join_actions(undash(formal(text))), formal(result), formal(goal)
    result = _SPACED_DASH.sub("; ", result)
    metrics = [formal(m) for m in metrics]
    said = " ".join([text, title_tail, result])
    lead = read_lead(text, kind)
    if lead.verb is None:  # an empty text: nothing to say
        return Bullet("", "action", lead, None)
    res = read_result(result)
    kept, folded = split_metrics(list(metrics), said, result)
    amounts = [m.text for m in kept if m.kind == "amount"]
    inputs: list[str] = []
    for m in kept:
        if m.kind != "input":
            continue
        placed = _place_count(lead, m.text)
        if placed is None:
            inputs.append(m.text)
        else:
            lead = placed
    all_inputs = tuple(m.text for m in kept if m.kind == "input")
    goal_text = goal_clause(goal)
    if not goal_text and res is None and goal.strip():
        goal_text = _aim(goal)
    # Work still going on, with nothing come of it yet, is not written as done.
    ongoing = res is None and lead.form == "gerund" and (lead.unfinished or _now(lead.rest))
    # A role held at a rate ("Mentor …, about 4 mentees a year") is still held: "Mentoring …".
    ongoing = ongoing or (lead.kind == "role" and bool(_RATE.search(lead.rest)))

    def action(gerund: bool, extra: Sequence[str] = ()) -> str:
        if ongoing:
            clause = capitalise(lead.gerund_clause())
        else:
            clause = lead.gerund_clause() if gerund else lead.past_clause()
        said = with_org(clause, org, kind) + title_tail
        items = [*inputs, *extra]
        if items and said.endswith(")") and said.count("(") == 1 and not title_tail:
            return f"{said[:-1]}; {join_list(items)})"  # one bracket, not two in a row
        return join(said, _brackets(items))

    same_verb = (
        res is not None
        and res.lead is not None
        and res.lead.verb is not None
        and lead.verb is not None
        and res.lead.verb.base == lead.verb.base
    )
    leads = (
        res is not None
        and (res.kind == "verb" and not same_verb or res.kind == "personal")
        and not res.several
    )

    def compose(with_goal: bool, with_action: bool) -> str:
        goal_part = ", " + goal_text if with_goal and goal_text else ""
        if res is not None and leads:
            said = res.text if res.kind == "verb" else capitalise(res.text)
            head = join(said, _brackets(amounts if with_action else [*amounts, *inputs]))
            if with_action:
                link = " after " if res.kind == "personal" else " by "
                head += ("," + link if ", " in head else link) + action(True)
            return head + _metric_tail(kept, False, False) + goal_part
        if res is None:
            body = action(False, amounts)
            return body + _metric_tail(kept, False, False) + goal_part
        done = action(False)
        several = res.several
        result_text = res.text
        helper = any(bare(w) in CLAUSE_MARKERS for w in words(res.text.split(";")[0]))
        semi = res.several and not _second_subject(res.text.split("; ")[0])
        if res.kind == "verb" and semi and not same_verb and res.lead and not helper:
            # "Ran a pre-mortem …, surfacing 6 risks; 5 closed": what the work found or did
            link = ", "
            result_text = res.lead.gerund_clause()
        elif res.kind == "verb":
            link = ", then "
            if same_verb and result_text.split(" ", 2)[1:2] == ["again"]:
                verb, _, rest = result_text.partition(" ")
                result_text = f"{verb} it {rest}"  # "then ran it again for 2 more teams"
        elif res.kind == "timed":
            link = " — "
        elif res.kind == "cause":
            link = ", which "
        elif res.kind == "reaction":
            link = ", and was "
        elif res.kind == "clause":
            finding = any(bare(w) in FINDING_WORDS for w in words(res.text.split(";")[0])[:8])
            theirs = lead.verb is not None and lead.verb.base in HELPING
            link = " — " if several or finding or theirs else ", so "
        elif res.kind == "absolute":
            link = " — " if several or " with " in done else ", with "
        elif res.kind == "passive":
            link = " — " if several or "," in done else ", "
        elif res.kind == "participle":
            link = " — " if several else ", "
        elif _a_count(result_text):
            # "~80 attendees": a count of the audience sits beside the action, in brackets
            body = join(done, _brackets([lower_first(result_text), *amounts]))
            return body + _metric_tail(kept, False, False) + goal_part
        else:
            opener = bare(result_text.split(" ", 1)[0])
            counted = kind != "work" and (opener[:1].isdigit() or opener in ("about", "over"))
            link = " — " if several or counted else ", resulting in "
        said = lower_first(result_text)
        body = done + link + join(said, _brackets(amounts))
        return body + _metric_tail(kept, res.kind == "clause", link == ", with ") + goal_part

    # The goal joins only a line whose last clause is the person's: "…, so the board approved
    # it, to keep the platform simple" would read as the board's purpose.
    goal_fits = bool(goal_text) and (
        res is None or leads or (res.kind in PHRASE_RESULTS and not res.several)
    )
    if goal_fits and res is not None and not leads and " — " in compose(False, True):
        goal_fits = False  # after a dash the goal would read as part of the result
    shape = "result-first" if leads else ("action" if res is None else "action-result")
    text_out = compose(goal_fits, True)
    dropped: tuple[str, ...] = ()
    long = False
    if len(text_out) > limit:
        tries = [((False, True), ("goal",))] if goal_fits else []
        if shape == "result-first":
            tries.append(((False, False), ("goal", "action") if goal_fits else ("action",)))
        for (g, a), gone in tries:
            shorter = compose(g, a)
            if len(shorter) <= limit:
                text_out, dropped = shorter, gone
                break
        else:
            long = True
    unjoined = clean(goal) if goal.strip() and not goal_fits else ""
    return Bullet(
        text_out,
        shape,
        lead,
        res.lead if res is not None and res.kind == "verb" else None,
        dropped,
        tuple(folded),
        all_inputs,
        long,
        unjoined,
    )


DraftKey = tuple[str, str, tuple[str, ...], str, str, str, int]

# Every draft written (or handed in by known_drafts) in this process, by what it was written
# from: export, --top and --lint ask for the same entries' drafts, and the app keeps them
# between runs (see app/drafts.py), since drafting is most of the time of an export.
_drafts: dict[DraftKey, Bullet] = {}


def draft(entry: Evidence, limit: int = MAX_CHARS) -> Bullet:
    """The writer's bullet for an evidence entry (ignores the user's own wording)."""
    key = (entry.text, entry.result, tuple(entry.metrics), entry.goal, entry.kind, entry.org, limit)
    found = _drafts.get(key)
    if found is None:
        found = _drafts[key] = write_bullet(
            key[0], result=key[1], metrics=key[2], goal=key[3], kind=key[4], org=key[5], limit=limit
        )
    return found


def known_drafts() -> dict[DraftKey, Bullet]:
    """The drafts of this process so far, by what they were written from."""
    return _drafts


def add_drafts(drafts: dict[DraftKey, Bullet]) -> None:
    """Drafts written before from exactly these inputs, by this very writer (the caller's
    promise: app/drafts.py keys them on the writer's source)."""
    _drafts.update(drafts)


def bullet_text(entry: Evidence) -> str:
    """The line to print for an entry: the user's approved wording, else the draft."""
    return entry.bullet if entry.bullet else draft(entry).text
