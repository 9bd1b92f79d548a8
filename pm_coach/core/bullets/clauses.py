"""Reading a clause: where its verb is, whether a word is a past tense, a present or a gerund, and
whether its subject needs "the" ("board approved a budget" → "the board approved a budget").

The word tables here are shared by the result, goal and action readers.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, lru_cache

from pm_coach.core.bullets.verbs import IRREGULAR, OBJECT_OPENERS, lookup, unknown_past, word_set
from pm_coach.core.bullets.wording import DETERMINERS, bare, words

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


CLAUSE_MARKERS = word_set("now can could will would is are was were has have had")


@cache  # called for most words of every result; the same words recur
def is_past(word: str) -> bool:
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
    if not is_past(ws[i]) or ws[i].endswith((",", ";", ":")):
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
def is_present(b: str, plural_subject: bool) -> bool:
    return any(f.form == "third" or (plural_subject and f.form == "base") for f in lookup(b))


@cache
def _is_gerund(b: str) -> bool:
    return any(f.form == "gerund" for f in lookup(b))


def subject_verb(ws: list[str], start: int = 1) -> tuple[str, int]:
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
        if is_past(ws[i]):
            if _is_finite_at(ws, i):
                return "clause", i
            # "two squads refocused on retention and saved the accounts", "share of tickets
            # escalated to product went from 30% to 12%": a later verb decides
            for j in range(i + 1, min(len(ws), 16)):
                if ws[j - 1].endswith((",", ";")) or plain[j - 1] in ("that", "which", "who"):
                    break
                if plain[j] in CLAUSE_MARKERS or (is_past(ws[j]) and _is_finite_at(ws, j)):
                    return "clause", i
            return "absolute", i
        opens = after in OBJECT_OPENERS or after[:1].isdigit() or after in ("it", "them")
        if opens and i <= 4 and is_present(b, prev.endswith("s")):
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
    kind, at = subject_verb(ws)
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
    if bare(first) in ("next", "following", "previous") and len(subject) > 1:
        return "the " + text  # "next two launches went out …" → "the next two launches …"
    fresh = bare(first) in FRESH and len(subject) > 1 and not plain_head.endswith("s")
    agent = len(subject) == 1 and plain_head.endswith(("er", "or")) and plain_head.isalpha()
    agent = agent and plain_head not in UNCOUNTED_ER and len(plain_head) > 4
    if plain_head not in COUNTABLE_SUBJECTS and not fresh and not agent:
        return text
    return "the " + text


def with_articles(text: str) -> str:
    """:func:`subject_article` for every clause of a result ("approved; module switched off")."""
    parts = text.split("; ")
    return "; ".join(subject_article(p) if p else p for p in parts)
