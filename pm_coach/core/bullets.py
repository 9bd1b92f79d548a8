"""Writing one CV bullet from one evidence entry: deterministic rules, no AI model.

The shape is *accomplished X, as measured by Y, by doing Z*, plus the business goal when one is
recorded. Every rule (and what happens when a rule cannot tell) is described in docs/bullets.md;
the table of cases in tests/test_bullets.py is the executable version of that page.

Only the first word of a clause is ever changed (its tense, its capital); the rest of the user's
words and numbers are kept exactly. A bullet longer than :data:`MAX_CHARS` is shortened clause by
clause, never inside a metric.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pm_coach.core.verbs import (
    AUXILIARIES,
    DANGLING,
    DUTY_PHRASES,
    NOUN_FOLLOWERS,
    NOUNISH_ING,
    NUMBER,
    OBJECT_OPENERS,
    PRONOUNS,
    STRONG,
    VAGUE,
    Verb,
    lookup,
    prefixed_verb,
    unknown_gerund,
    unknown_past,
    verb,
)

MAX_CHARS = 200
ELLIPSIS = "…"

# --- reading the start of a line --------------------------------------------------------------


@dataclass(frozen=True)
class Lead:
    """How a line of the user's text starts.

    ``verb`` is the verb found (or None when the line starts with something else); ``rest`` is
    every word after it, unchanged; ``replaced`` is what was rewritten ("Responsible for", "I")
    so --lint can mention it.
    """

    verb: Verb | None
    rest: str
    first: str
    form: str = ""  # base, third, past, gerund, or "" when no verb was found
    replaced: str = ""

    @property
    def is_vague(self) -> bool:
        return self.verb is not None and self.verb.base in VAGUE

    def past_clause(self) -> str:
        assert self.verb is not None
        return join(capitalise(self.verb.past), self.rest)

    def gerund_clause(self) -> str:
        assert self.verb is not None
        return join(self.verb.gerund, self.rest)


def join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


# Words that start a sentence only because it is a sentence: moved into the middle of a bullet
# they lose their capital. Anything else ("Stripe", "Salesforce", "Acme") is probably a name and
# keeps it, so the user's words stay as written.
ORDINARY_WORDS = frozenset(
    """a an the our my their his her its this that these those each every all both some several
    many most more new first second third last next one two three four five six seven eight nine
    ten weekly monthly quarterly annual yearly daily internal external cross company team teams
    product products customer customers user users client clients pricing price prices review
    reviews roadmap roadmaps strategy strategic plan plans planning launch launches release
    releases feature features project projects programme program process processes meeting
    meetings workshop workshops session sessions talk talks article articles post posts blog
    podcast webinar panel guide playbook memo memos document documents doc docs report reports
    analysis research study survey interviews interview discovery experiment experiments test
    tests onboarding checkout billing payments payment search mobile web platform data metrics
    dashboard dashboards sales marketing support engineering design finance legal leadership
    board stakeholder stakeholders partner partners vendor vendors market competitor competitive
    competitors industry regulatory compliance hiring training mentoring coaching office hours
    lunch brown bag okr okrs goal goals budget budgets contract contracts deal deals migration
    redesign rollout pilot prototype mvp backlog sprint sprints retro retrospective decision
    decisions proposal proposals case business growth revenue retention churn activation
    conversion adoption engagement quality performance security reliability community charity
    volunteer volunteers nonprofit school university conference meetup""".split()
)


def lower_first(text: str) -> str:
    """Lowercase the first letter when the first word is an ordinary word in a capital.

    "Pricing review" → "pricing review"; names ("Stripe migration"), acronyms ("NPS", "Q3"),
    mixed case ("iOS") and "I" stay as written.
    """
    word = text.split(" ", 1)[0]
    plain = word.rstrip(",.;:")
    if (
        len(plain) > 1
        and plain[0].isupper()
        and plain[1:].isalpha()
        and plain[1:].islower()
        and (plain.lower() in ORDINARY_WORDS or bool(lookup(plain.lower())))
    ):
        return text[0].lower() + text[1:]
    return text


def clean(text: str) -> str:
    """Collapse runs of spaces and drop trailing full stops and separators."""
    text = " ".join(text.split())
    return text.rstrip(" .;,:")


def _words(text: str) -> list[str]:
    return text.split(" ") if text else []


def _bare(word: str) -> str:
    return word.lower().strip(",.;:!?\"'()")


def _next_is_object(next_word: str) -> bool:
    bare = _bare(next_word)
    return bare in OBJECT_OPENERS or bool(NUMBER.match(next_word)) or next_word[:1] in "\"“'‘"


def read_lead(text: str) -> Lead:
    """Find the verb that starts ``text`` (see docs/bullets.md for every rule)."""
    words = _words(clean(text))
    if not words:
        return Lead(None, "", "")
    replaced: list[str] = []
    # "I ran …", "We have shipped …": drop the pronoun and helper verbs.
    if _bare(words[0]) in PRONOUNS and len(words) > 1:
        replaced.append(words.pop(0))
        while len(words) > 1 and _bare(words[0]) in AUXILIARIES:
            replaced.append(words.pop(0))
    elif len(words) > 2 and _bare(words[0]) in {"was", "were"}:
        replaced.append(words.pop(0))
    lowered = " ".join(words).lower()
    for phrase in DUTY_PHRASES:
        if lowered == phrase or lowered.startswith(phrase + " "):
            n = len(phrase.split())
            replaced.extend(words[:n])
            rest = words[n:]
            inner = read_lead(" ".join(rest)) if rest else None
            if inner is not None and inner.verb is not None and inner.form == "gerund":
                return Lead(inner.verb, inner.rest, words[0], "gerund", " ".join(replaced))
            return Lead(verb("own"), " ".join(rest), words[0], "duty", " ".join(replaced))
    first, rest_words = words[0], words[1:]
    rest = " ".join(rest_words)
    word = first.lower()
    next_word = rest_words[0] if rest_words else ""
    # "Review of last year's bets" → "Reviewed last year's bets": a verb used as a noun.
    if _bare(next_word) == "of" and len(rest_words) > 1:
        base = next((f.base for f in lookup(word) if f.form == "base"), None)
        if base is not None:
            replaced.extend(words[:2])
            v = prefixed_verb(base)
            return Lead(v, " ".join(rest_words[1:]), first, "nominal", " ".join(replaced))
    found = _found_verb(word, next_word)
    if found is None:
        return Lead(None, " ".join(words), first, "", " ".join(replaced))
    v, form = found
    return Lead(v, rest, first, form, " ".join(replaced))


@cache  # pure and called for every bullet: the same few hundred words recur
def _found_verb(word: str, next_word: str) -> tuple[Verb, str] | None:
    forms = lookup(word)
    past = next((f for f in forms if f.form == "past"), None)
    if past is not None:
        return prefixed_verb(past.base), "past"
    if forms:
        f = forms[0]
        looks_like_object = bool(next_word) and _next_is_object(next_word)
        noun_follows = _bare(next_word) in NOUN_FOLLOWERS
        base_word = f.base.split("-", 1)[-1]
        if f.form == "gerund" and word in NOUNISH_ING and not looks_like_object:
            return None
        strong = base_word in STRONG and not noun_follows
        if looks_like_object or strong or (not next_word and f.form != "third"):
            return prefixed_verb(f.base), f.form
        return None
    unknown = unknown_past(word)
    if unknown is not None:
        return unknown, "past"
    if next_word and _next_is_object(next_word):
        guessed = unknown_gerund(word)
        if guessed is not None:
            return guessed, "gerund"
    return None


# --- the bullet -------------------------------------------------------------------------------

# The verb used when a line starts with a noun ("Pricing review with sales"), by evidence kind.
DEFAULT_VERBS: dict[str, Verb] = {
    "work": Verb("deliver", "delivered", "delivering"),
    "volunteer": Verb("contribute", "contributed to", "contributing to"),
    "talk": Verb("present", "presented", "presenting"),
    "publication": Verb("publish", "published", "publishing"),
}


@dataclass
class _Part:
    text: str
    trim: bool = False
    min_words: int = 0
    cut: bool = False  # shortened by dropping words, so it ends with an ellipsis

    def render(self) -> str:
        return self.text + (ELLIPSIS if self.cut else "")


@dataclass(frozen=True)
class Bullet:
    text: str
    shortened: bool
    lead: Lead  # how the user's TEXT started
    result_lead: Lead | None  # how the result started, when it led the bullet

    def __str__(self) -> str:
        return self.text


def join_metrics(metrics: list[str]) -> str:
    items = [clean(m) for m in metrics if clean(m)]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def goal_phrase(goal: str) -> tuple[str, str]:
    """The fixed words that bring in the goal, and the user's goal words that follow them."""
    text = clean(goal)
    words = _words(text)
    if words and words[0].lower() == "to" and len(words) > 1:
        words = words[1:]
        text = " ".join(words)
    if not words:
        return "", ""
    forms = lookup(words[0].lower())
    if any(f.form == "base" for f in forms):
        return "in support of the goal to ", lower_first(text)
    return "in support of ", lower_first(text)


def _result_clause_like(lead: Lead) -> bool:
    """True when a result that does not start with a verb still holds one early on
    ("Board approved the plan"), so it reads as a clause rather than a noun phrase."""
    for word in _words(lead.rest)[:3]:
        w = _bare(word)
        if any(f.form == "past" for f in lookup(w)) or unknown_past(w) is not None:
            return True
    return False


def write_bullet(
    text: str,
    *,
    result: str = "",
    metrics: list[str] | tuple[str, ...] = (),
    goal: str = "",
    kind: str = "work",
    limit: int = MAX_CHARS,
) -> Bullet:
    """One CV bullet from one piece of evidence. Pure and deterministic."""
    lead = read_lead(text)
    if lead.verb is None:
        default = DEFAULT_VERBS.get(kind, DEFAULT_VERBS["work"])
        lead = Lead(default, lower_first(lead.rest), lead.first, "", lead.replaced)
    result_text = clean(result)
    metric_text = join_metrics(list(metrics))
    r_lead = read_lead(result_text) if result_text else None
    passive = (
        r_lead is not None
        and r_lead.form == "past"
        and _bare(r_lead.rest.split(" ", 1)[0]) in ("by", "to")
    )
    result_first = (
        r_lead is not None
        and r_lead.verb is not None
        and not passive
        and r_lead.form in ("past", "base", "gerund", "duty")
    )

    parts: list[_Part] = []
    if result_first and r_lead is not None:
        parts.append(_Part(r_lead.past_clause(), trim=True, min_words=3))
        if metric_text:
            parts.append(_Part(", as measured by " + metric_text))
        if lead.form:  # the user's TEXT starts with a verb: "by running …"
            parts.append(_Part(", by "))
            parts.append(_Part(lead.gerund_clause(), trim=True, min_words=3))
        else:  # it starts with a noun: "through the Q3 review"
            parts.append(_Part(", through "))
            parts.append(_Part(lead.rest, trim=True, min_words=2))
    else:
        parts.append(_Part(lead.past_clause(), trim=True, min_words=3))
        if result_text and r_lead is not None:
            if passive or _result_clause_like(r_lead):
                parts.append(_Part("; "))
            else:
                parts.append(_Part(", resulting in "))
            parts.append(_Part(lower_first(result_text), trim=True, min_words=2))
        if metric_text:
            parts.append(_Part(", as measured by " + metric_text))
    intro, goal_words = goal_phrase(goal)
    if goal_words:
        parts.append(_Part(", " + intro))
        parts.append(_Part(goal_words, trim=True, min_words=2))
    shortened = _shorten(parts, limit)
    return Bullet(
        "".join(p.render() for p in parts), shortened, lead, r_lead if result_first else None
    )


# --- shortening -------------------------------------------------------------------------------

_BOUNDARIES = (
    ", ",
    "; ",
    " – ",
    " — ",
    " - ",
    " (",
    " and ",
    " with ",
    " so that ",
    " so ",
    " to ",
    " by ",
    " after ",
    " because ",
    " which ",
    " while ",
    " including ",
)


def _strip_dangling(words: list[str]) -> list[str]:
    while len(words) > 1 and _bare(words[-1]) in DANGLING | {""}:
        words = words[:-1]
    if words:
        words[-1] = words[-1].rstrip(",;:(–—-")
    return words


def _drop_clause(part: _Part) -> bool:
    """Drop the last clause of ``part`` (after a comma, "and", "with" …) if enough is left."""
    if part.cut:
        return False
    cut_at = max((part.text.rfind(b) for b in _BOUNDARIES), default=-1)
    if cut_at <= 0:
        return False
    head = _strip_dangling(_words(part.text[:cut_at]))
    if len(head) < max(part.min_words, 1):
        return False
    part.text = " ".join(head)
    return True


def _drop_word(part: _Part) -> bool:
    """Drop the last word of ``part`` (it then ends with an ellipsis) if enough is left."""
    words = _strip_dangling(_words(part.text)[:-1])
    if len(words) < max(part.min_words, 1):
        return False
    part.text = " ".join(words)
    part.cut = True
    return True


def _shorten(parts: list[_Part], limit: int) -> bool:
    """Shorten until the bullet fits: first drop whole clauses, longest part first, then words.

    Metrics and the connecting words are never touched, so a bullet with very long metrics may
    stay over the limit (and --lint says so).
    """
    shortened = False
    for step in (_drop_clause, _drop_word):
        while sum(len(p.render()) for p in parts) > limit:
            trimmable = sorted((p for p in parts if p.trim), key=lambda p: -len(p.text))
            if not any(step(p) for p in trimmable):
                break
            shortened = True
    return shortened
