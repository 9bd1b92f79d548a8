"""Numbers and metrics: which numbers a field holds, what a metric says, when one is folded.

A bullet says each number once. A metric whose numbers are all said already by the result (or
the text) is *folded*: it adds nothing but the number again, so it is left out. A metric that
counts inputs ("9 interviews") says how much was done, not what changed, so it goes with the
action rather than the result, and --lint asks for an outcome.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from pm_coach.core.bullets.verbs import lookup, unknown_past, word_set
from pm_coach.core.bullets.wording import bare, clean, words

NUMBER = re.compile(
    r"(?<![\w.])[+\-−~≈<>]?[$£€]?(\d[\d,]*(?:\.\d+)?)\s?(%|x|×|k|K|m|M|bn|B|points?|pts?|pp)?(?![\w])"
)
SPELLED = word_set("two three four five six seven eight nine ten eleven twelve twenty dozen")

# Things done on the way to an outcome: counting them shows effort, not a result.
INPUT_NOUNS = word_set(
    """interviews interview meetings meeting workshops workshop sessions session calls call
    surveys survey 1:1s 1:1 one-on-ones drafts draft iterations docs documents pages slides
    emails demos visits conversations experiments tests prototypes
    stakeholders interviewed spoke met held ran run conducted sent written reviewed attended
    walkthroughs presentations rounds sprints tickets triaged reviews memos specs prds"""
)
# Words that make a count an outcome even when it names an input ("3 hours saved a week").
OUTCOME_WORDS = word_set(
    """saved save saving fewer less more cut cuts reduced reduction up down faster slower lift
    lifted growth grew increase increased decrease decreased retained won closed signed adopted
    avoided gained higher lower improved improvement shorter quicker dropped fell rose doubled
    halved tripled per reach reached attendees readers listeners views downloads subscribers
    revenue arr mrr pipeline conversion retention churn activation nps csat ahead early earlier
    sooner"""
)
DIRECTION = word_set("up down")
TIME_UNITS = word_set("hours hour days day weeks week months month")


def number_keys(text: str) -> list[str]:
    """The numbers in ``text`` as comparable keys: "$1.2M" → "1.2m", "+12%" → "12%"."""
    return list(_number_keys(text))


@lru_cache(maxsize=4096)  # metrics and results recur across a log ("+12% activation")
def _number_keys(text: str) -> tuple[str, ...]:
    keys = []
    for m in NUMBER.finditer(text):
        value = m.group(1).replace(",", "")
        unit = (m.group(2) or "").lower().replace("×", "x").rstrip("s")
        if unit in ("pt", "pp", "point"):
            unit = "pt"
        if unit in SCALE:  # "6k" and "6,000" are one number
            value, unit = _scaled(value, SCALE[unit]), ""
        keys.append(value + unit)
    return tuple(keys)


SCALE = {"k": 1_000, "m": 1_000_000, "bn": 1_000_000_000, "b": 1_000_000_000}


def _scaled(value: str, times: int) -> str:
    """ "1.2" thousands → "1200": whole numbers without a decimal point, so "6k" meets "6,000"."""
    try:
        amount = round(float(value) * times, 6)
    except ValueError:
        return value
    return str(int(amount)) if amount == int(amount) else str(amount)


@dataclass(frozen=True)
class Metric:
    text: str
    kind: str  # "input", "clause" (own verb), "change" (X up 12%), "from" (down from 4), "amount"


def _has_finite_verb(ws: list[str]) -> bool:
    """A past tense after the first word that is not an adjective ("exec pushback fell")."""
    for i, w in enumerate(ws[1:5], start=1):
        b = bare(w)
        prev = bare(ws[i - 1])
        is_past = any(f.form == "past" for f in lookup(b)) or unknown_past(b) is not None
        if is_past and not NUMBER.match(prev) and prev not in ("a", "an", "the"):
            return i < len(ws) - 1 or b in ("fell", "rose", "grew", "dropped", "doubled")
    return False


@lru_cache(maxsize=4096)  # the same metric text is classified once
def classify(metric: str) -> Metric:
    text = clean(metric)
    ws = words(text)
    plain = [bare(w) for w in ws]
    if any(p in OUTCOME_WORDS for p in plain) or any(ch in text for ch in "$£€"):
        kind = "amount"
    elif number_keys(text) and any(p in INPUT_NOUNS for p in plain):
        kind = "input"
    elif (
        number_keys(text)
        and any(p in TIME_UNITS for p in plain)
        and ("spent" in plain or "of" in plain)
    ):
        kind = "input"  # "6 weeks of research", "40 hours spent"
    else:
        kind = "amount"
    if len(plain) > 2 and (plain[0] == "from" or plain[0] in DIRECTION and plain[1] == "from"):
        return Metric(text, "from")  # "down from 4 days": where the result's number started
    if kind == "amount" and len(ws) > 1:
        if any(p in DIRECTION for p in plain[1:]) and not NUMBER.match(ws[0]):
            kind = "change"
        elif _has_finite_verb(ws) and not NUMBER.match(ws[0]):
            kind = "clause"
    return Metric(text, kind)


def folded(metric: str, said: str) -> bool:
    """True when every number of ``metric`` is already in ``said`` (and it has one)."""
    keys = number_keys(metric)
    if not keys:
        return False
    have = number_keys(said)
    return all(k in have for k in keys)


# A number the result may say in words: "no P1 incidents" says "0 P1 incidents", "halved" says
# "50% fewer", "about a third" says "~33% less".
NUMBER_WORDS: dict[str, tuple[str, ...]] = {
    "0": ("no", "zero", "none"),
    "0%": ("no", "zero", "none"),
    "50%": ("half", "halved"),
    "33%": ("a third", "one third"),
    "25%": ("a quarter", "one quarter"),
    "75%": ("three quarters",),
    "66%": ("two thirds", "two-thirds"),
    "67%": ("two thirds", "two-thirds"),
    "100%": ("doubled",),
    "2x": ("doubled", "twice"),
    "200%": ("tripled",),
    "3x": ("tripled",),
}
MEASURE_WORDS = word_set(
    """fewer less more lower higher reduction increase drop cut decrease smaller larger bigger
    shorter longer faster slower cheaper"""
)
# Small numbers written as words: "two weeks" says "2 weeks", "one session" says "1 session".
SPELLED: dict[str, str] = {
    "1": "one",
    "2": "two",
    "3": "three",
    "4": "four",
    "5": "five",
    "6": "six",
    "7": "seven",
    "8": "eight",
    "9": "nine",
    "10": "ten",
    "11": "eleven",
    "12": "twelve",
}


def said_in_words(metric: str, result: str, keys: Sequence[str] | None = None) -> bool:
    """True when ``result`` says the metric's one number in words about the same thing
    ("no P1 incidents …" and "0 P1 incidents"; "missed shifts halved" and "50% fewer missed
    shifts")."""
    keys = number_keys(metric) if keys is None else keys
    if not keys or not result:
        return False
    low = " " + " ".join(bare(w) for w in words(clean(result))) + " "
    if all(k in SPELLED for k in keys):
        # every number spelled out before the same word: "2 weeks early" and "two weeks ahead";
        # "3 to 1 review sessions" and "one session instead of three"
        plain = [bare(w) for w in words(clean(metric))]
        said = all(
            f" {SPELLED[k]} " in low or k == "1" and (" a " in low or " an " in low) for k in keys
        )  # "under a day" says "<1 day"
        return said and any(
            len(w) > 2 and not w[:1].isdigit() and (f" {w} " in low or f" {w.rstrip('s')} " in low)
            for w in plain
        )
    if len(keys) != 1 or keys[0] not in NUMBER_WORDS:
        return False
    if not any(f" {w} " in low for w in NUMBER_WORDS[keys[0]]):
        return False
    about = [
        bare(w)
        for w in words(NUMBER.sub(" ", metric))
        if len(bare(w)) > 2 and bare(w) not in MEASURE_WORDS
    ]
    return bool(about) and all(f" {w} " in low for w in about)


_FROM_TO = re.compile(
    r"\bfrom (?:about |around |roughly |~)?([\d.,]+)([kKmM]?)(%?)[^\d;]{0,30}? to "
    r"(?:about |around |roughly |~)?([\d.,]+)([kKmM]?)(%?)"
)
CHANGE_WORDS = word_set(
    """lift gain rise increase improvement drop fall cut reduction shorter faster slower longer
    fewer less more higher lower better pt pts pp point points"""
)


def derived(metric: str, keys: Sequence[str], result: str) -> bool:
    """ "3 pt lift" beside "from 9% to 12%", "33 days shorter" beside "from 94 to 61 days": a
    change worked out from the result's own two numbers says nothing new, so it is folded."""
    if len(keys) != 1 or not any(w in CHANGE_WORDS for w in metric.lower().split()):
        return False
    m = _FROM_TO.search(result)
    if m is None:
        return False
    try:
        a = float(m.group(1).replace(",", "")) * SCALE.get(m.group(2).lower(), 1)
        b = float(m.group(4).replace(",", "")) * SCALE.get(m.group(5).lower(), 1)
        n = float(re.sub(r"[^\d.]", "", keys[0]))
    except ValueError:
        return False
    if abs(abs(a - b) - n) < 0.51:
        return True  # the difference, in the result's units or points
    return keys[0].endswith("%") and a > 0 and abs(abs(a - b) / a * 100 - n) < 1.01


def split_metrics(
    metrics: Sequence[str], said: str, result: str = ""
) -> tuple[list[Metric], list[str]]:
    """The metrics to write, by kind, and the ones folded into ``said`` (result and text), or
    said in words by ``result``."""
    kept: list[Metric] = []
    gone: list[str] = []
    if not metrics:
        return kept, gone
    seen = set(number_keys(said))  # the numbers said so far, worked out once
    for raw in metrics:
        text = clean(raw)
        if not text:
            continue
        keys = number_keys(text)
        # "five hospital pharmacists" in the text says "5 pharmacists" as well
        spelled = bool(keys) and all(k in SPELLED for k in keys) and said_in_words(text, said, keys)
        if (keys and all(k in seen for k in keys)) or said_in_words(text, result, keys) or spelled:
            gone.append(text)
            continue
        if derived(text, keys, result):
            gone.append(text)
            continue
        kept.append(classify(text))
        seen.update(keys)
    return kept, gone


def join_list(items: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"; items holding a comma are kept apart with semicolons."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    if any("," in i for i in items):
        return "; ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
