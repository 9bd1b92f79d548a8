"""English verb forms for bullet writing: past tense, -ing form and the words around a verb.

A table of verbs common in product work (irregular ones spelled out, regular ones derived), the
look-up that tells which form a word is, and the word lists that help read the start of a line.
Pure data and functions; used by :mod:`pm_coach.core.bullets`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache


def word_set(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string (easier to read and extend)."""
    return frozenset(words.split())


# Irregular past tenses of verbs a product manager uses (base form → past tense).
IRREGULAR: dict[str, str] = {
    "become": "became",
    "begin": "began",
    "bet": "bet",
    "break": "broke",
    "bring": "brought",
    "bid": "bid",
    "broadcast": "broadcast",
    "build": "built",
    "buy": "bought",
    "catch": "caught",
    "choose": "chose",
    "cut": "cut",
    "deal": "dealt",
    "do": "did",
    "draw": "drew",
    "drive": "drove",
    "fall": "fell",
    "feed": "fed",
    "feel": "felt",
    "fight": "fought",
    "find": "found",
    "forecast": "forecast",
    "forget": "forgot",
    "get": "got",
    "give": "gave",
    "go": "went",
    "grow": "grew",
    "have": "had",
    "hang": "hung",
    "hear": "heard",
    "hit": "hit",
    "hold": "held",
    "keep": "kept",
    "know": "knew",
    "lay": "laid",
    "lead": "led",
    "leave": "left",
    "lend": "lent",
    "let": "let",
    "lose": "lost",
    "make": "made",
    "meet": "met",
    "outgrow": "outgrew",
    "outsell": "outsold",
    "overcome": "overcame",
    "overrun": "overran",
    "oversee": "oversaw",
    "pay": "paid",
    "put": "put",
    "read": "read",
    "rebuild": "rebuilt",
    "rethink": "rethought",
    "rewrite": "rewrote",
    "rise": "rose",
    "run": "ran",
    "say": "said",
    "see": "saw",
    "seek": "sought",
    "sell": "sold",
    "send": "sent",
    "set": "set",
    "shoot": "shot",
    "shut": "shut",
    "shrink": "shrank",
    "sink": "sank",
    "sit": "sat",
    "speak": "spoke",
    "spend": "spent",
    "spin": "spun",
    "split": "split",
    "spread": "spread",
    "stand": "stood",
    "strike": "struck",
    "sweep": "swept",
    "take": "took",
    "teach": "taught",
    "tell": "told",
    "think": "thought",
    "throw": "threw",
    "understand": "understood",
    "undertake": "undertook",
    "underwrite": "underwrote",
    "upset": "upset",
    "win": "won",
    "withdraw": "withdrew",
    "undergo": "underwent",
    "foresee": "foresaw",
    "write": "wrote",
}

# Regular verbs a product manager uses (base forms); their past tense follows the spelling rules.
REGULAR: frozenset[str] = word_set(
    """
    accelerate achieve acquire activate adopt advise advocate align allocate analyse analyze
    apply approve architect assess assist attend attract audit author automate benchmark brief
    broker calibrate capture champion change chair clarify close coach collaborate commission
    communicate compare complete conduct consolidate consult contribute convert convince
    coordinate craft create curate debug decide define delegate deliver demo deploy deprecate
    design develop devise diagnose direct discover document double draft drop earn educate
    eliminate enable engage establish evaluate exceed execute expand experiment facilitate
    finalise finalize fix focus formalise formalize found frame gain generate guide halve handle
    help host identify implement improve increase influence initiate inspire integrate interview
    introduce investigate involve iterate join kick launch lift localise localize lower manage
    map measure mediate mentor merge migrate minimise minimize model moderate modernise monitor
    motivate negotiate onboard open optimise optimize orchestrate organise organize outline own
    participate partner persuade pilot pioneer pitch plan present prevent prioritise prioritize
    produce promote propose prototype prove publish pull quantify raise rank reach recommend
    record recruit redesign reduce refactor refine reframe relaunch release remove reorganise
    reorganize replace report research reshape resolve restructure retain retire revamp review
    revise revive roll save scale schedule scope score secure segment shadow shape ship shorten
    showcase simplify sketch slash solve source spearhead sponsor standardise standardize start
    steer stop streamline strengthen structure summarise summarize supervise support survey
    sustain synthesise synthesize test track train transform translate triage trim triple turn
    unblock unify unlock update upgrade validate visualise visualize volunteer work
    accept adapt address adjust agree amplify announce anticipate archive arrange articulate
    assemble assign attain avert balance boost bundle calculate cancel centralise centralize
    challenge chart check cite codify collect combine commercialise compile compose conceive
    configure connect construct contain contract cover cultivate curb decommission decrease
    defend deflect demonstrate derisk de-risk describe detect differentiate distil distill
    distribute diversify edit elevate embed encourage end engineer enhance enlist ensure envision
    equip escalate estimate examine expedite explain explore extend extract fast-track foster
    free fund gather govern hire ideate illustrate incubate inform innovate install instrument
    interpret invent invest invite kill land learn license link lobby maintain market maximise
    maximize mobilise modify narrow navigate nurture obtain offer operate overhaul pause perform
    pick pivot position practise prepare price probe procure protect provide push qualify rally
    rebrand recover redirect refocus regain reinforce reinvent reject relocate rename renegotiate
    renew repackage repair replatform represent reprioritise reprioritize rescope rescue reset
    restart restore retrain reuse reveal revisit rework right-size sample screen script select
    sequence serve settle share shift shortlist sign size smooth specify speed stabilise stabilize
    staff stage steward stress-test study submit succeed sunset supply surface switch tackle
    tailor target tighten trace trade transition trial troubleshoot uncover underpin unite use
 try begin vet voice widen wire wrap author enter arrive pair dogfood timebox
    """
)

# Verbs whose last consonant doubles before -ed and -ing (plan → planned, planning).
DOUBLING: frozenset[str] = word_set(
    """
    bet begin bid commit control cut drop get hit let map omit overrun permit plan put refer run
    scrap set ship shut sit slim spin split stop submit sunset trim upset win
    """
)

# Verbs that say little about what the person did; --lint suggests a stronger one.
VAGUE: frozenset[str] = word_set(
    "assist attend contribute do handle have help involve participate support work"
)

# A present-tense or -ing form of one of these starts a verb phrase almost whatever follows.
STRONG: frozenset[str] = word_set(
    """
    align automate coach convince create cut define deliver double drive establish facilitate
    grow halve host introduce mentor migrate negotiate organise organize own persuade prioritise
    prioritize publish recruit redesign reduce rewrite run secure ship simplify spearhead speak
    streamline teach triple unblock write
    """
)

# -ing words that usually name a thing at the start of a line ("Pricing review", "Hiring plan").
NOUNISH_ING: frozenset[str] = word_set(
    """
    billing branding budgeting building engineering forecasting funding hiring marketing meeting
    messaging networking offboarding onboarding packaging planning positioning pricing
    recruiting reporting roadmapping staffing testing ticketing training
    """
)

# Words after a present-tense or -ing form that show it is a verb taking an object.
OBJECT_OPENERS: frozenset[str] = word_set(
    """
    a an the this that these those my our your their his her its every each all both several
    some many few us them him it me one two three four five six seven eight nine ten eleven
    twelve twenty dozens hundreds new weekly monthly quarterly daily fortnightly annual yearly
    regular up off out together back down
    """
)

# Words after a present-tense form that show it is a noun ("Review of ...", "Mentor for ...").
NOUN_FOLLOWERS: frozenset[str] = word_set("of for to at on in with from by and is was were")


# Phrases rewritten because they describe a duty, not an accomplishment.
DUTY_PHRASES: tuple[str, ...] = (
    "responsible for",
    "accountable for",
    "in charge of",
    "tasked with",
    "charged with",
    "owner of",
)

NUMBER = re.compile(r"^[+\-~≈<>$£€]?\d")


@dataclass(frozen=True)
class Verb:
    """A verb in the two forms a bullet needs."""

    base: str
    past: str
    gerund: str


def regular_past(base: str) -> str:
    if base.endswith("e"):
        return base + "d"
    if re.search(r"[^aeiou]y$", base):
        return base[:-1] + "ied"
    if base in DOUBLING:
        return base + base[-1] + "ed"
    return base + "ed"


def gerund(base: str) -> str:
    if base.endswith("ie"):
        return base[:-2] + "ying"
    if base.endswith(("ee", "ye", "oe")):
        return base + "ing"
    if base.endswith("e") and len(base) > 2:
        return base[:-1] + "ing"
    if base in DOUBLING:
        return base + base[-1] + "ing"
    return base + "ing"


def third_person(base: str) -> str:
    if base.endswith(("s", "sh", "ch", "x", "z", "o")):
        return base + "es"
    if re.search(r"[^aeiou]y$", base):
        return base[:-1] + "ies"
    return base + "s"


def verb(base: str) -> Verb:
    past = IRREGULAR.get(base) or regular_past(base)
    return Verb(base, past, gerund(base))


@dataclass(frozen=True)
class Form:
    base: str
    form: str  # "base", "third", "past" or "gerund"


# Past tenses spelled the British way, beside the table's own ("learnt" as well as "learned").
ALSO_PAST: dict[str, str] = {
    "learnt": "learn",
    "spelt": "spell",
    "burnt": "burn",
    "dreamt": "dream",
    "leapt": "leap",
    "spoilt": "spoil",
}


def build_index() -> dict[str, list[Form]]:
    index: dict[str, list[Form]] = {}
    for word, base in ALSO_PAST.items():
        index.setdefault(word, []).append(Form(base, "past"))
    for base in sorted(set(IRREGULAR) | REGULAR):
        v = verb(base)
        for form, word in (
            ("base", base),
            ("third", third_person(base)),
            ("past", v.past),
            ("gerund", v.gerund),
        ):
            index.setdefault(word, []).append(Form(base, form))
    return index


INDEX = build_index()
PREFIXES = ("co-", "re-", "pre-")


def lookup(word: str) -> list[Form]:
    """The known forms of ``word`` (lowercase), handling co-/re-/pre- prefixes."""
    found = INDEX.get(word)
    if found:
        return found
    for prefix in PREFIXES:
        if word.startswith(prefix) and word[len(prefix) :] in INDEX:
            return [Form(prefix + f.base, f.form) for f in INDEX[word[len(prefix) :]]]
    return []


@cache
def prefixed_verb(base: str) -> Verb:
    for prefix in PREFIXES:
        if base.startswith(prefix) and base[len(prefix) :] in INDEX:
            inner = verb(base[len(prefix) :])
            return Verb(base, prefix + inner.past, prefix + inner.gerund)
    return verb(base)


NOT_PAST: frozenset[str] = frozenset({"hundred", "embed", "shed", "sacred", "naked", "wicked"})


def unknown_past(word: str) -> Verb | None:
    """A regular past tense not in the table (``ideated``), with its -ing form worked out.

    Dropping -ed and adding -ing undoes the spelling changes of -ed too (ideated → ideating,
    scrapped → scrapping); only -ied needs care (copied → copying).
    """
    if len(word) < 5 or not word.endswith("ed") or word.endswith("eed") or word in NOT_PAST:
        return None
    if not word.replace("-", "").isalpha():
        return None
    gerund = word[:-3] + "ying" if word.endswith("ied") else word[:-2] + "ing"
    return Verb(word, word, gerund)


def unknown_gerund(word: str) -> Verb | None:
    """A regular -ing form not in the table (``scoping``), with its past tense worked out."""
    if len(word) < 6 or not word.endswith("ing"):
        return None
    stem = word[:-3]
    if stem.endswith("y") and len(stem) > 1 and stem[-2] not in "aeiou":
        past = stem[:-1] + "ied"
    elif stem.endswith("e"):
        past = stem + "d"
    else:
        past = stem + "ed"
    return Verb(stem, past, word)
