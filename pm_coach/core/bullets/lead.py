"""Reading how a line starts: the verb it opens with, or the role, duty or noun in its place.

A bullet must open with one past-tense verb. :func:`read_lead` finds the verb a line already has
in any form ("Run", "Leads", "Running", "Ran", "I ran", "Responsible for running"), or reads a
role noun as what was done in the role, or picks the verb a noun phrase calls for. It never
changes a word after the first verb except to take out first person and to put verbs joined by
"and" into the same tense ("Running the review and presenting it" → "Ran the review and
presented it").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from pm_coach.core.bullets.sections import (
    COUNTABLE,
    HOLD_NOUNS,
    RUN_NOUNS,
    head_noun,
    noun_phrase,
    read_role,
    verb_for_noun,
)
from pm_coach.core.bullets.verbs import (
    DUTY_PHRASES,
    NOUN_FOLLOWERS,
    NOUNISH_ING,
    NUMBER,
    OBJECT_OPENERS,
    STRONG,
    VAGUE,
    Verb,
    lookup,
    prefixed_verb,
    unknown_gerund,
    unknown_past,
    word_set,
)
from pm_coach.core.bullets.wording import (
    AUXILIARIES,
    DETERMINERS,
    SUBJECT_PRONOUNS,
    article_for,
    bare,
    capitalise,
    clean,
    drop_first_person,
    join,
    lower_first,
    mid_sentence_case,
    words,
)

# -ing words that say the work is not finished yet ("Working on …", "Planning to …").
UNFINISHED_ING = word_set("working helping starting planning trying beginning preparing")
NOW_WORDS = word_set("currently still now presently")
# -ing verbs that describe a habit rather than unfinished work ("Running weekly 1:1s").
ONGOING = word_set(
    """run lead manage own mentor coach host chair teach facilitate organise organize attend
    meet moderate volunteer support advise review triage"""
)
# Words that make an -ing line a habit ("Running weekly 1:1s" → "Ran weekly 1:1s"); without one
# "Running the Q3 planning process" is work still going on and stays as it is.
HABIT_WORDS = word_set(
    """weekly monthly daily quarterly fortnightly biweekly annual yearly regular regularly every
    each per recurring ongoing"""
)
# Documents named by letters, one of a kind for the work: they take "the" after a verb.
DOC_ACRONYMS = frozenset("PRD MRD BRD MVP RFC RFP SOW PR/FAQ PRFAQ POC PoC ERD TDD".split())
# A period of its own ("the Q3 planning process", "the 2026 roadmap"): an -ing line about it is
# work under way, not a habit.
_PERIOD = re.compile(r"^(?:q[1-4]|h[12]|fy\d*|(?:19|20)\d\d|this|next|current|upcoming)$")
# Phrases at the start that say when or where, moved behind the action ("In Q3, ran …").
SETTING_WORDS = word_set(
    "in during after before over last this since across for within following at throughout"
)
# Subjects that stand for the user ("My team and I shipped …").
TEAM_SUBJECTS: tuple[tuple[str, str], ...] = (
    ("my team and i", "with the team"),
    ("our team and i", "with the team"),
    ("the team and i", "with the team"),
    ("my squad and i", "with the squad"),
    ("together with my team,", "with the team"),
)
JOINERS = word_set("and then or")


@dataclass(frozen=True)
class Lead:
    """How a line starts, and how to write it as a clause.

    ``kind``: "verb" (it opened with a verb), "duty" ("Responsible for …"), "role" (a role noun
    made into an action), "noun" (a verb was put in front), or "" for an empty line.
    ``replaced`` holds the words rewritten ("I was", "Responsible for", "Mentor"), for --lint.
    """

    verb: Verb | None
    rest: str
    kind: str = ""
    form: str = ""  # base, third, past, gerund, duty or nominal, when the line had a verb
    first: str = ""
    replaced: str = ""
    unfinished: bool = False
    joined: tuple[tuple[int, Verb], ...] = field(default=())  # verbs after "and", by word index
    mark: str = ""  # a comma the user put straight after the verb ("Defined, with the CFO, …")

    @property
    def is_vague(self) -> bool:
        return self.verb is not None and self.verb.base in VAGUE

    def _rest(self, form: str) -> str:
        if not self.joined:
            return self.rest
        ws = words(self.rest)
        for i, v in self.joined:
            if i < len(ws):
                ws[i] = v.past if form == "past" else v.gerund
        return " ".join(ws)

    def past_clause(self) -> str:
        assert self.verb is not None
        return join(capitalise(self.verb.past) + self.mark, self._rest("past"))

    def gerund_clause(self) -> str:
        assert self.verb is not None
        return join(self.verb.gerund + self.mark, self._rest("gerund"))


def _next_is_object(next_word: str) -> bool:
    b = bare(next_word)
    return b in OBJECT_OPENERS or bool(NUMBER.match(next_word)) or next_word[:1] in "\"“'‘"


@cache  # pure and called for every bullet: the same few hundred words recur
def found_verb(word: str, next_word: str) -> tuple[Verb, str] | None:
    """The verb ``word`` is (and its form), judged with the word after it; None for a noun."""
    forms = lookup(word)
    past = next((f for f in forms if f.form == "past"), None)
    if past is not None:
        return prefixed_verb(past.base), "past"
    if forms:
        f = forms[0]
        looks_like_object = bool(next_word) and _next_is_object(next_word)
        noun_follows = bare(next_word) in NOUN_FOLLOWERS
        base_word = f.base.split("-", 1)[-1]
        if f.form == "gerund" and word in NOUNISH_ING and not looks_like_object:
            return None
        strong = base_word in STRONG and not noun_follows
        if looks_like_object or strong or (not next_word and f.form != "third"):
            return prefixed_verb(f.base), f.form
        if f.form == "gerund" and (not noun_follows or word.endswith("ing")):
            return prefixed_verb(f.base), f.form  # "Pairing with the data team on …"
        return None
    unknown = unknown_past(word)
    if unknown is not None:
        return unknown, "past"
    if next_word and _next_is_object(next_word):
        guessed = unknown_gerund(word)
        if guessed is not None:
            return guessed, "gerund"
    return None


def _joined_verbs(rest_words: list[str], form: str) -> tuple[tuple[int, Verb], ...]:
    """Verbs after "and"/"then" in the same form as the first ("… and presenting it")."""
    if form not in ("base", "third", "gerund", "past"):
        return ()
    out: list[tuple[int, Verb]] = []
    for i in range(1, len(rest_words)):
        if bare(rest_words[i - 1]) not in JOINERS or rest_words[i - 1].endswith(","):
            continue
        w = rest_words[i]
        if not w.isalpha() or not w.islower():
            continue
        forms = [f for f in lookup(w) if f.form == form]
        nxt = rest_words[i + 1] if i + 1 < len(rest_words) else ""
        loose = form in ("gerund", "past")
        if not forms and form == "past" and unknown_past(w) is not None:
            out.append((i, unknown_past(w)))  # type: ignore[arg-type]
            continue
        if forms and (loose or _next_is_object(nxt) or bare(nxt) in ("it", "them")):
            out.append((i, prefixed_verb(forms[0].base)))
    return tuple(out)


def _strip_subject(ws: list[str]) -> tuple[list[str], list[str], str]:
    """Drop a leading "I", "We", "My team and I" and helper verbs; returns what was dropped and
    the words to add at the end ("with the team")."""
    dropped: list[str] = []
    lowered = " ".join(ws).lower()
    for subject, tail in TEAM_SUBJECTS:
        if lowered.startswith(subject + " "):
            n = len(subject.split())
            return ws[n:], ws[:n], tail
    if (
        ws
        and bare(ws[0]) in SUBJECT_PRONOUNS
        and len(ws) > 1
        or len(ws) > 2
        and bare(ws[0]) in ("was", "were")
    ):
        dropped.append(ws.pop(0))
    while len(ws) > 1 and bare(ws[0]) in AUXILIARIES | NOW_WORDS:
        if bare(ws[0]) in ("had", "have") and found_verb(bare(ws[1]), "") is None:
            break  # "I had a skip-level": "had" is the verb
        dropped.append(ws.pop(0))
    return ws, dropped, ""


# Nouns made from a verb: "Management of the pilot" → "Managed the pilot".
NOMINALS: dict[str, str] = {
    "management": "manage",
    "delivery": "deliver",
    "development": "develop",
    "implementation": "implement",
    "coordination": "coordinate",
    "creation": "create",
    "introduction": "introduce",
    "negotiation": "negotiate",
    "organisation": "organise",
    "organization": "organize",
    "facilitation": "facilitate",
    "definition": "define",
    "analysis": "analyse",
    "ownership": "own",
    "execution": "execute",
    "preparation": "prepare",
    "evaluation": "evaluate",
    "consolidation": "consolidate",
    "selection": "select",
    "simplification": "simplify",
    "optimisation": "optimise",
    "optimization": "optimize",
    "supervision": "supervise",
    "oversight": "oversee",
}
# Words of talk a note may start with; they say nothing about the work.
DISCOURSE = word_set("so basically honestly anyway well ok okay also then and but")


def _setting_before_subject(ws: list[str]) -> str | None:
    """ "this quarter I took over X, audited …" → "took over X this quarter, audited …": a time
    said before the person moves behind the first clause, so the line opens with the verb."""
    for k in range(1, min(5, len(ws) - 1)):
        if bare(ws[k]) in ("i", "we") and ws[k][-1:].isalpha():
            setting = ws[:k]
            if bare(setting[0]) not in SETTING_WORDS or any(w[-1:] in ",;:" for w in setting):
                return None
            after = " ".join(ws[k:])
            head, comma, tail = after.partition(", ")
            nxt = words(tail)
            if comma and not (nxt and found_verb(bare(nxt[0]), nxt[1] if len(nxt) > 1 else "")):
                head, comma, tail = after, "", ""  # "… with the CFO, CRO and head of CS": a list
            said = " ".join(lower_first(w) if i == 0 else w for i, w in enumerate(setting))
            return f"{head} {said}{comma}{tail}"
        if bare(ws[k]) in STOP_SETTING:
            return None
    return None


STOP_SETTING = word_set("and or but then so")


# "CEO asked me to lead X": someone else's verb comes first; the person's own verb is after "to".
_ASKED_ME = re.compile(
    r"^(?:[Tt]he |[Mm]y |[Oo]ur )?(?P<who>(?:[\w&-]+ ){0,2}[\w&-]+) (?:asked|invited|tasked)"
    r" (?:me|us) to (?P<verb>[a-z]+) (?P<rest>.+)$"
)


NOBODY = word_set("nobody no one noone")
PRONOUN_ASKERS = word_set("he she they someone somebody everyone you it")


def _asked_to(text: str) -> str:
    """ "CEO asked me to lead the follow-up" → "lead the follow-up at the request of the CEO":
    never a verb glued in front of a note that holds its own ("Led CEO asked …")."""
    m = _ASKED_ME.match(text)
    if m is None or not any(f.form == "base" for f in lookup(m.group("verb"))):
        return text
    who = m.group("who")
    if found_verb(bare(who.split()[-1]), "") is not None and not who.isupper():
        return text
    if bare(who) in NOBODY:
        return text  # "nobody asked me to …" is not a request
    rest, comma, tail = m.group("rest").partition(", ")
    if bare(who) in PRONOUN_ASKERS:
        return f"{m.group('verb')} {rest} on request{comma}{tail}"  # "He asked me to …"
    who_words = who.split()
    if who_words[0][:1].isupper() and not who_words[0].isupper() and len(who_words) == 1:
        by = who  # a name: "at the request of Priya"
    else:
        by = "the " + lower_first(who)
    return f"{m.group('verb')} {rest} at the request of {by}{comma}{tail}"


def read_lead(text: str, kind: str = "work") -> Lead:
    """Find the verb that starts ``text``, or make one (see docs/bullets.md for every rule)."""
    text = _asked_to(mid_sentence_case(clean(text)))
    ws = words(text)
    if not ws:
        return Lead(None, "")
    setting = ""
    if ", " in text and bare(ws[0]) in SETTING_WORDS:
        head, _, after = text.partition(", ")
        if len(head.split()) <= 6 and after:
            inner = read_lead(after, kind)
            if inner.kind == "verb":
                setting = lower_first(head)
                return Lead(
                    inner.verb,
                    join(inner.rest, setting),
                    inner.kind,
                    inner.form,
                    inner.first,
                    inner.replaced,
                    inner.unfinished,
                    _joined_verbs(words(join(inner.rest, setting)), inner.form or "past"),
                )
    while len(ws) > 2 and bare(ws[0]) in DISCOURSE and ws[0][-1:].isalpha():
        ws = ws[1:]  # "So this quarter I took over …": a word of talk, not of the work
    moved = _setting_before_subject(ws)
    if moved is not None:
        return read_lead(moved, kind)
    ws, dropped, tail = _strip_subject(ws)
    unfinished = any(bare(w) in NOW_WORDS for w in dropped)
    lead = _read(ws, kind, dropped)
    rest = drop_first_person(join(lead.rest, tail))
    form = lead.form if lead.form in ("base", "third", "gerund", "past") else "past"
    joined = _joined_verbs(words(rest), form)
    if form == "base" and not joined:
        joined = _joined_verbs(words(rest), "past")  # "Sunset X and moved Y": both past
    return Lead(
        lead.verb,
        rest,
        lead.kind,
        lead.form,
        lead.first,
        lead.replaced,
        lead.unfinished or unfinished,
        joined,
        lead.mark,
    )


def _read(ws: list[str], kind: str, dropped: list[str]) -> Lead:
    replaced = " ".join(dropped)
    lowered = " ".join(ws).lower()
    for phrase in DUTY_PHRASES:
        if lowered == phrase or lowered.startswith(phrase + " "):
            n = len(phrase.split())
            gone = join(replaced, " ".join(ws[:n]))
            rest = ws[n:]
            inner = _read(rest, kind, []) if rest else None
            if inner is not None and inner.verb is not None and inner.form == "gerund":
                return Lead(inner.verb, inner.rest, "duty", "gerund", ws[0], gone)
            return Lead(prefixed_verb("own"), " ".join(rest), "duty", "duty", ws[0], gone)
    first, rest_words = ws[0], ws[1:]
    word = first.lower().rstrip(",:")
    next_word = rest_words[0] if rest_words else ""
    role = read_role(ws, kind)
    if role is not None:
        return Lead(role.verb, role.rest, "role", "", first, join(replaced, role.replaced))
    # "Review of last year's bets" → "Reviewed last year's bets": a verb used as a noun.
    if bare(next_word) == "of" and len(rest_words) > 1:
        base = next((f.base for f in lookup(word) if f.form == "base"), None)
        base = base or NOMINALS.get(word)
        if base is not None:
            after_of = rest_words[1:]
            head, at = head_noun(after_of)
            if (
                at >= 1
                and bare(after_of[0]) not in DETERMINERS
                and not after_of[0][:1].isupper()
                and not head.endswith("s")
            ):
                after_of = ["the", *after_of]  # "Mgmt of 5G pilot" → "Managed the 5G pilot"
            return Lead(prefixed_verb(base), " ".join(after_of), "verb", "nominal", first,
                        join(replaced, first, next_word))  # fmt: skip
    # "Successfully launched …": a filler adverb before the verb goes.
    if word.endswith("ly") and next_word and len(rest_words) > 1:
        after = found_verb(bare(next_word), rest_words[1])
        if after is not None and after[1] == "past":
            inner = _read(rest_words, kind, [*dropped, first])
            if word in ("jointly", "co"):
                v = inner.verb
                if v is not None:
                    v = prefixed_verb("co-" + v.base)
                return Lead(v, inner.rest, "verb", "past", first, inner.replaced)
            return inner
    found = found_verb(word, next_word)
    if found is None and bare(next_word) == "and" and len(rest_words) > 1:
        # "Hiring and onboarding 3 PMs": two -ing words joined are verbs, not a noun
        gerunds = [next((f for f in lookup(w) if f.form == "gerund"), None)
                   for w in (word, bare(rest_words[1]))]  # fmt: skip
        if gerunds[0] is not None and gerunds[1] is not None:
            found = prefixed_verb(gerunds[0].base), "gerund"
    if found is None and word in UNFINISHED_ING and lookup(word):
        found = prefixed_verb(lookup(word)[0].base), "gerund"
    if found is not None:
        v, form = found
        period = any(_PERIOD.match(bare(w)) for w in rest_words)
        habit = any(bare(w) in HABIT_WORDS for w in rest_words)
        unfinished = form == "gerund" and (
            v.base not in ONGOING or word in UNFINISHED_ING or (period and not habit)
        )
        if v.base == "have" and head_noun(rest_words)[0] in RUN_NOUNS | HOLD_NOUNS:
            v = prefixed_verb("hold")  # "Had skip-level with the CPO" → "Held a skip-level …"
            head, at = head_noun(rest_words)
            if at == 0 and head in COUNTABLE:
                rest_words = [article_for(rest_words[0]), *rest_words]
        mark = first[-1] if first[-1] in ",:" else ""
        if rest_words and rest_words[0].rstrip(",") in DOC_ACRONYMS:
            rest_words = ["the", *rest_words]  # "Wrote PRD for …" → "Wrote the PRD for …"
        return Lead(v, " ".join(rest_words), "verb", form, first, replaced, unfinished, (), mark)
    v, article = verb_for_noun(ws, kind)
    return Lead(v, noun_phrase(ws, article), "noun", "", first, replaced)
