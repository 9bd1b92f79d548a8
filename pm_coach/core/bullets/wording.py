"""Small word-level edits a bullet needs: spacing, capitals, articles and first person.

Every function here changes as little of the user's text as it can: a capital on the first word,
an article in front of a noun, a pronoun out. Names, acronyms and numbers are never touched.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from pm_coach.core.bullets.verbs import lookup, prefixed_verb, unknown_past, word_set

# Words that start a sentence only because it is a sentence: moved into the middle of a bullet
# they lose their capital. Anything else ("Stripe", "Salesforce", "Acme") is probably a name and
# keeps it, so the user's words stay as written.
ORDINARY_WORDS = word_set(
    """a an the our my their his her its this that these those each every all both some several
    many most more less fewer new first second third last next one two three four five six seven
    eight nine ten weekly monthly quarterly annual yearly daily internal external cross company
    team teams product products customer customers user users client clients pricing price prices
    review reviews roadmap roadmaps strategy strategic plan plans planning launch launches release
    releases feature features project projects programme program process processes meeting
    meetings workshop workshops session sessions talk talks article articles post posts blog
    podcast webinar panel guide playbook memo memos document documents doc docs report reports
    analysis research study survey interviews interview discovery experiment experiments test
    tests onboarding checkout billing payments payment search mobile web platform data metrics
    dashboard dashboards sales marketing support engineering design finance legal leadership
    board stakeholder stakeholders partner partners vendor vendors market competitor competitive
    competitors industry regulatory compliance hiring training mentoring coaching office hours
    lunch brown bag goal goals budget budgets contract contracts deal deals migration redesign
    rollout pilot prototype backlog sprint sprints retro retrospective decision decisions
    proposal proposals case business growth revenue retention churn activation conversion
    adoption engagement quality performance security reliability community charity volunteer
    volunteers nonprofit school university conference meetup she he they it there everyone
    nobody exec execs executive executives leadership director directors manager managers
    engineers designers founders students mentees attendees readers listeners time cost costs
    latency uptime tickets ticket refund refunds disputes dispute pushback sign-off signoff
    win-rate enterprise self-serve smb mid-market trial trials signups sign-ups renewal renewals
    pipeline forecast forecasts accuracy satisfaction response responses cycle lead leads
    handoff handoffs escalations incidents outages bugs defects errors complaints calls
    average median monthly weekly daily every now only also almost nearly over under about
    around half double twice average overall total net gross free paid in on at during after
    before over since across for within following with by to from of and or but so as into via
    toward towards throughout once when while"""
)

DETERMINERS = word_set(
    """a an the this that these those each every all both some several many most our my their his
    her its your one two three four five six seven eight nine ten"""
)


def clean(text: str) -> str:
    """Collapse runs of spaces and drop trailing full stops and separators."""
    text = " ".join(text.split())
    return text.rstrip(" .;,:")


# Shorthand a PM types in a log but a CV spells out. Each pattern is applied outside quoted
# titles only; numbers stay as written ("~120" → "about 120").
def _listed(items: list[str]) -> str:
    return ", ".join(items[:-1]) + " and " + items[-1]


def _arrow(m: re.Match[str]) -> str:
    """ "tests -> monthly giving as default" → ", leading to …"; "-> moved 300 customers" → " and
    moved …" (a second action); "-> bugs now sorted by impact" → " — bugs now …" (a clause)."""
    after = m.string[m.end() :].split(",", 1)[0].split(";", 1)[0]
    ws = [bare(w) for w in after.split()]

    def past(w: str) -> bool:
        return any(f.form == "past" for f in lookup(w)) or unknown_past(w) is not None

    if ws and past(ws[0]):
        return " and "
    if any(w in ("now", "no", "never", "is", "are", "was", "were") for w in ws) or any(
        past(w) for w in ws[1:]
    ):
        return " — "
    return ", leading to "


def _one_of(m: re.Match[str]) -> str:
    first = m.group(2).split(" ", 1)[0]
    if first in DETERMINERS or first in ("another", "each", "every", "any", "no", "same", "other"):
        return m.group(0)
    return f"{m.group(1)} {article_for(first)} {m.group(2)}"


def _the_team(m: re.Match[str]) -> str:
    if m.group(2) in DETERMINERS or m.group(2) in ("whole", "entire", "same", "other", "own"):
        return m.group(0)
    return f"{m.group(1)} the {m.group(2)} {m.group(3)}"


_SHORTHAND: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        # "x3 sessions": a count typed as a multiplier is the count
        (r"(?<![\w.])x(\d+)(?= [a-z])", r"\1"),
        # "eng + design + sales": a list typed with plus signs is a list
        (r"\b[\w-]+(?: \+ [\w-]+){2,}", lambda m: _listed(m.group(0).split(" + "))),
        (r"(?<=\w) \+ (?=\w)", " and "),
        (r"(?<=\w) & (?=\w)", " and "),
        (r"\b[Ww]/o\b ?", "without "),
        (r"\b[Ww]/ ?(?=\w)", "with "),
        (r"\b[Bb]/c\b", "because"),
        (r"\b(\d+) ?wks?\b", r"\1 weeks"),
        (r"\b1 weeks\b", "1 week"),
        (r"\bwks\b", "weeks"),
        (r"\b(\d+) ?hrs\b", r"\1 hours"),
        (r"\b(\d+)h\b", r"\1 hours"),
        (r"\b(\d+) ?mins\b", r"\1 minutes"),
        (r"\b(\d+) ?mos\b", r"\1 months"),
        (r"\b(\d+) ?yrs\b", r"\1 years"),
        (r"\b[Aa]pprox\.? ?(?=[\d$£€])", "about "),
        (r"(?<![\w~])~ ?(?=[\d$£€])", "about "),
        (r"\beng\b(?![-'’])", "engineering"),
        (r"\bmgmt\b", "management"),
        (r"\bMgmt\b", "Management"),
        (r"\bppl\b", "people"),
        (r"\bthru\b", "through"),
        (r"\bgovt\b", "government"),
        (r"\bdept\b", "department"),
        (r" (?:actually|basically|literally|really)(?= )", ""),
        # "9 screens -> 4": an arrow between two amounts is a change "from A to B"
        (r"\b(\d[\d,.]*%?(?: [a-z]+)?) ?(?:->|→|=>) ?(?=[\d$£€])", r"from \1 to "),
        # "A/B tests -> monthly giving as default": an arrow between two notes is what followed
        (r"(?<=[\w)]) (?:->|→|=>) (?=[a-z])", lambda m: _arrow(m)),
        (r"(?<=\w) ?(?:->|→|=>) ?(?=\w)", " to "),
        (r"\b[Aa]/[Bb]['’]d\b", "A/B-tested"),
        (r"\b([a-z]{3,}) ?/ ?(?:wk|week)\b", r"\1 a week"),
        (r"\b([a-z]{3,}) ?/ ?(?:mo|month)\b", r"\1 a month"),
        (r"\b([a-z]{3,}) ?/ ?(?:yr|year)\b", r"\1 a year"),
        (r"(?<=\d[kKmM]) ?/ ?(?:yr|year)\b", " a year"),
        (r"(?<=\d[kKmM]) ?/ ?(?:mo|month)\b", " a month"),
        (r"\b([a-z]{3,}) ?/ ?day\b", r"\1 a day"),
        # "with pricing team": a team named by what it does takes "the"
        (r"\b(with|to|from|for|and|across) ([a-z][a-z-]+) (team|squad)\b", lambda m: _the_team(m)),
        # "for low-cost airline partner": one partner, client or customer takes "a"
        (
            r"\b(for|with|to|from) ((?:[a-z][a-z-]+ ){0,2}(?:partner|client|customer|retailer|"
            r"insurer|lender|bank|charity|startup|supplier|vendor|council|hospital))"
            r"(?=[,:;.)]|$| (?:on|in|at|for|with|to|from|about|during|over)\b)",
            lambda m: _one_of(m),
        ),
        # "with CPO", "w/ CFO": a role said by its letters takes "the" as a person would
        (r"\b(with|to|from|for|and|by|between) (C[A-Z]?[A-Z]O|CISO|VP|SVP|EVP)\b", r"\1 the \2"),
        # "due Jan", "in Sept": a month said in full
        (
            r"\b(in|due|by|from|until|till|since|before|after|of|end|early|late|mid) "
            r"(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?(?!\w)",
            lambda m: f"{m.group(1)} {_MONTHS[m.group(2)[:3]]}",
        ),
        # ", no statutory breaches in Q2" tacked on after a clause: "…, with no statutory breaches"
        (r"(?<=[\w%)]), no (?=[\w$£€])(?![^,;]*, no )", ", with no "),
        # "…, ~6 wks of back and forth on the bezel": how long it took, said with "over"
        (
            r", ((?:about |around |roughly )?\d+ (?:weeks|months|days|sprints|quarters) of )",
            r" over \1",
        ),
        # informal words a CV says plainly
        (r"\bflopped\b", "fell short"),
        (r"\bflop\b", "failure"),
        # "API docs", "(docs, sandbox, …)": documentation; "design docs": documents
        (
            r"(?:(?<=\()|(?<=\bAPI )|(?<=\bdeveloper )|(?<=\bhelp )|(?<=\buser ))docs\b(?![-'’])",
            "documentation",
        ),  # fmt: skip
        (r"\b(?<!-)docs\b(?![-'’])", "documents"),
        (r"\b(got|get|gets|getting|won|secured|gained) sign off\b", r"\1 sign-off"),
        (r"\baccts\b", "accounts"),
        (r"\bacct\b", "account"),
        (r"\b(\d[\d.]*) ?pts\b", r"\1 points"),
        (r"\b1 ?pt\b", "1 point"),
        (r"\bml\b(?=[ ,.;)]|$)", "ML"),
        # "chargebacks -27%": a signed change said in words
        (r"(?<=[A-Za-z]) [-−](?=\d[\d,.]*(?:%| ?pts?\b| ?pp\b| points?\b))", " down "),
        (r"(?<=[A-Za-z]) \+(?=\d[\d,.]*(?:%| ?pts?\b| ?pp\b| points?\b))", " up "),
        (r"\b(?<!-)doc\b(?![-'’])", "document"),
        (r"\bThurs?\b\.?", "Thursday"),
        (r"\bTues?\b\.?", "Tuesday"),
        (r"\bWeds?\b\.?(?= |$)", "Wednesday"),
    )
)
_MONTHS = {
    m[:3]: m
    for m in "January February March April June July August September October November "
    "December".split()
}
_QUOTE_SPLIT = re.compile(r"(\"[^\"]*\"|“[^”]*”|'[^']{4,}'(?!\w))")


def formal(text: str) -> str:
    """Shorthand spelled out the way a CV writes it: "+" and "&" → "and", "w/" → "with", "5 wks"
    → "5 weeks", "~120" → "about 120", "eng" → "engineering"; fillers ("actually") go. Quoted
    titles keep their own words."""
    if not any(ch in text for ch in "+&/~→") and not _FORMAL_HINT.search(text):
        return text  # the common case, without the patterns
    parts = _QUOTE_SPLIT.split(text)
    for i in range(0, len(parts), 2):
        part = parts[i]
        for pattern, repl in _SHORTHAND:
            part = pattern.sub(repl, part)
        parts[i] = part
    return "".join(parts)


_FORMAL_HINT = re.compile(
    r"\b(?:wks?|hrs|mins|mos|yrs|approx|eng|[Mm]gmt|ppl|thru|govt|dept|actually|basically|literally|"
    r"really|flop|flopped|docs?|accts?|pts|ml|sign off|Thurs?|Tues?|Weds?)\b| -\d|\dwks?\b"
    r"|\d(?:hrs|mins|mos|yrs|h)\b"
    r"|->|→|=>|/wk|'d\b|, no |\bx\d| team\b| squad\b|\b(?:C[A-Z]?[A-Z]O|CISO|S?E?VP)\b"
    r"|\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b|partner|client|customer|retailer"
    r"|insurer|lender|bank|charity|startup|supplier|vendor|council|hospital|, (?:about )?\d"
)


def words(text: str) -> list[str]:
    return text.split(" ") if text else []


@cache  # called for nearly every word of every bullet; the same words recur
def bare(word: str) -> str:
    return word.lower().strip(",.;:!?\"'()“”‘’")


def join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


# Names a PM often starts a line with; any other capitalised first word is read as an ordinary
# word in a capital because it started the field ("Referral signups" → "referral signups").
KNOWN_NAMES = word_set(
    """stripe salesforce slack jira figma hubspot zendesk intercom amplitude mixpanel segment
    snowflake looker tableau notion confluence asana linear miro shopify google apple android
    microsoft aws azure twilio okta workday sap oracle adyen braintree paypal klarna marketo braze
    optimizely launchdarkly datadog github gitlab zoom gong pendo gainsight productboard loom
    dovetail maze hotjar fullstory heap airtable webflow wordpress medium substack linkedin
    youtube spotify uber airbnb netflix amazon meta facebook instagram tiktok chatgpt openai
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday christmas easter europe emea apac
    americas brazil germany france spain italy india japan china canada mexico ireland uk us usa
    london leeds manchester berlin paris dublin madrid lisbon amsterdam"""
)


@cache  # asked for the first word of every field; the same words recur
def is_ordinary(word: str) -> bool:
    """True for a word in a capital only because it started a sentence or a field."""
    plain = word.rstrip(",.;:")
    if plain == "A":
        return True
    core = plain.replace("-", "").replace("'", "").replace("’", "")
    return (
        len(plain) > 1
        and plain[0].isupper()
        and core.isalnum()
        and core[1:] == core[1:].lower()
        and plain.split("-", 1)[0][1:].isalpha()
        and plain.lower() not in KNOWN_NAMES
        and plain.lower().split("-", 1)[0] not in KNOWN_NAMES
    )


def lower_first(text: str) -> str:
    """Lowercase the first letter when the first word is an ordinary word in a capital.

    "Pricing review" → "pricing review", "Day-7 retention" → "day-7 retention"; names
    ("Stripe migration", "Code First Girls"), acronyms ("NPS", "Q3"), mixed case ("iOS") and
    "I" stay as written.
    """
    ws = text.split(" ", 2)
    word = ws[0]
    if not is_ordinary(word):
        return text
    nxt = ws[1] if len(ws) > 1 else ""
    if nxt[:1].isupper() and nxt[1:].islower() and word.lower() not in ORDINARY_WORDS:
        return text  # "Code First Girls", "Mind Tools": a name of several words
    return text[0].lower() + text[1:]


_SENTENCE_BREAK = re.compile(r"([.;!?])\s+(\S+)")


def mid_sentence_case(text: str) -> str:
    """Join the sentences of one field into one clause list: "Ran it. She led" → "Ran it; she led".

    A full stop between sentences becomes a semicolon and the ordinary word after it loses its
    capital; the same for a capital after a semicolon. Abbreviations ("e.g.", "vs.") are left.
    """

    if ". " not in text and "; " not in text and "? " not in text and "! " not in text:
        return text  # one sentence: the common case, without the regular expression

    def fix(m: re.Match[str]) -> str:
        mark, word = m.group(1), m.group(2)
        before = text[: m.start()].rsplit(" ", 1)[-1] + mark
        if mark == "." and (len(before) <= 3 or before.lower() in ("e.g.", "i.e.", "vs.", "etc.")):
            return m.group(0)
        if mark == "." and not (word[:1].isupper() and is_ordinary(word)):
            return m.group(0)
        return ("; " if mark in ".;" else mark + " ") + (lower_first(word) if mark != "!" else word)

    return _SENTENCE_BREAK.sub(fix, text)


def article_for(word: str) -> str:
    """ "a" or "an" for the word that follows it (by sound, for common cases)."""
    plain = word.strip("\"'“‘(")
    if not plain:
        return "a"
    if plain.isupper() and len(plain) > 1 and plain.isalpha():  # an acronym, read by letters
        return "an" if plain[0] in "AEFHILMNORSX" else "a"
    low = plain.lower()
    if low.startswith(("uni", "use", "usa", "eu", "one", "ubi", "uti")):
        return "a"
    if low.startswith(("hour", "honest", "honou")):
        return "an"
    return "an" if low[0] in "aeiou" else "a"


# --- first person -----------------------------------------------------------------------------

SUBJECT_PRONOUNS = word_set("i we i've we've i’ve we’ve i'm i’m we're we’re")
AUXILIARIES = word_set("am are was were have had been also then just successfully personally")
POSSESSIVES = {"my": "the", "our": "the", "My": "The", "Our": "The"}
# "…, I haven't touched one since March": a clause of the person's own after another, kept
# with its verb and without the pronoun, after a semicolon ("…; haven't touched one since March")
_LATER_I = re.compile(r"[,;] (?:I|we) (?!(?:am|are|was|were)\b)(?=[a-z])")
_MID_PRONOUN = re.compile(r"\b(and|then|so|but|after|before|until|when) (?:I|we) ")
_POSSESSIVE = re.compile(r"\b(?:[Mm]y|[Oo]ur)(?: own)?\b")
# "the three things we won't build" → "… the team won't build": only before a word that has the
# same form for every subject (a modal or a past tense helper).
_WE_MODAL = re.compile(
    r"(?<=\w )we (?=(?:won't|won’t|will|would|wouldn't|can|can't|can’t|cannot|could|couldn't|"
    r"should|shouldn't|must|might|did|didn't|didn’t)\b)"
)
FIRST_PERSON = re.compile(r"(?:\b(?:I|I'm|I’m|I've|I’ve|me|my|mine|myself|we|our|us|ours)\b)|^We\b")


# "and we haven't had a sev1 since" → ", with no sev1 since": nothing happened, said without we.
_NONE_SINCE = re.compile(
    r"(,? and |, |^)(?:I|we|We) (?:haven't|haven’t|have not|'ve not) (?:had|seen) (?:a|an|any) "
    r"(?=[\w-]+ (?:since|in|for)\b)"
)
_SO_I_CAN = re.compile(r"\bso(?: that)? (?:I|we) (?:can|could|would|will|might) ")
_WHEN_I = re.compile(r"\b(after|before|when|while|until|since|once) (?:I|we) ([a-z]+)\b")
_HOW_WE = re.compile(r"\b(how|what|where|when|why) (?:I|we) ([a-z]+)\b")
_WITHOUT_ME = re.compile(r"\bwithout (?:me|us)\b")
_MYSELF = re.compile(r"\b(?:by )?(?:myself|ourselves)\b")
# "wrote myself a glossary": "myself" as who it was for goes, the rest stays
_MYSELF_FOR = re.compile(r"\b(?:myself|ourselves) (?=(?:a|an|the|some)\b)")
# "my kid's school": a family member's school is a local school on a CV
_FAMILY_SCHOOL = re.compile(
    r"\b(?:[Mm]y|[Oo]ur|the) (?:kid|kids|son|daughter|child|children)['’]s? school\b"
)
# "for my Substack", "on my blog": the person's own outlet
_MY_OUTLET = re.compile(
    r"\b(?:[Mm]y|[Oo]ur) (Substack|Medium|blog|newsletter|podcast|YouTube channel)\b"
)
# "5 of my mentees" → "5 mentees"
_OF_MY = re.compile(
    r"\b(\d+|two|three|four|five|six|seven|eight|nine|ten|all|both|most) of (?:my|our) (?=[a-z])"
)
# "had time with me", "needs me for releases": the person after a verb or preposition
_ME = re.compile(
    r"\b(with|to|from|for|on|need|needs|needed|asked|asks|told|tells|gave|gives|ping|pings|"
    r"pinged|call|calls|called|emailed|chase|chased|chasing|involve|involved|involving|ask|"
    r"asks|asking) me\b"
)
_WE_AGREE = re.compile(r"(?<=\w )we ([a-z]+)\b")
_US = re.compile(r"(?<=\w )us\b(?!-)")
_WE_FORMS = {"are": "is", "were": "was", "have": "has", "do": "does", "'re": "is"}


def _gerund_after(m: re.Match[str]) -> str:
    """ "after I joined" → "after joining": the person is the subject of the whole line."""
    forms = [f for f in lookup(m.group(2)) if f.form in ("past", "base", "third")]
    if not forms:
        return m.group(0)
    return f"{m.group(1)} {prefixed_verb(forms[0].base).gerund}"


def _how_to(m: re.Match[str]) -> str:
    """ "how we sunset a feature" → "how to sunset a feature"."""
    forms = [f for f in lookup(m.group(2)) if f.form in ("past", "base")]
    if m.group(1) != "how" or not forms:
        return m.group(0)
    return f"how to {forms[0].base}"


def _myself(m: re.Match[str]) -> str:
    return "solo" if m.group(0).startswith("by ") else "personally"


def _team_agrees(m: re.Match[str]) -> str:
    """ "we ship weekly" → "the team ships weekly"; past tenses and modals stay."""
    verb = m.group(1)
    if verb in _WE_FORMS:
        return "the team " + _WE_FORMS[verb]
    third = [f for f in lookup(verb) if f.form == "third"]
    base = [f for f in lookup(verb) if f.form == "base"]
    past = [f for f in lookup(verb) if f.form == "past"]
    if base and not past:
        return "the team " + _third(verb)
    return "the team " + verb if past or third or not lookup(verb) else m.group(0)


def _third(verb: str) -> str:
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if len(verb) > 2 and verb.endswith("y") and verb[-2] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def drop_first_person(text: str) -> str:
    """Take first person out of the middle of a clause: "and I presented" → "and presented",
    "our largest customer" → "the largest customer", "so I can talk" → "to talk", "after I
    joined" → "after joining", "without me" → "independently", "myself" → "personally". A leading
    pronoun is the lead's job."""
    low = f" {text.lower()} "
    if not any(p in low for p in ("my", "our", " i ", " we ", " me", " us")):
        return text  # the common case, without the regular expressions
    parts = _QUOTE_SPLIT.split(text)
    if len(parts) > 1:  # a quoted title keeps its own words: 'Why we stopped …'
        return "".join(p if i % 2 else _drop_first_person(p) for i, p in enumerate(parts))
    return _drop_first_person(text)


def _drop_first_person(text: str) -> str:
    text = _NONE_SINCE.sub(lambda m: "no " if m.group(1) == "" else ", with no ", text)
    text = _SO_I_CAN.sub("to ", text)
    text = _WHEN_I.sub(_gerund_after, text)
    text = _HOW_WE.sub(_how_to, text)
    text = _WITHOUT_ME.sub("independently", text)
    text = _MYSELF_FOR.sub("", text)
    text = _MYSELF.sub(_myself, text)
    text = _FAMILY_SCHOOL.sub("a local school", text)
    text = _MY_OUTLET.sub(r"a personal \1", text)
    text = _OF_MY.sub(r"\1 ", text)
    text = _ME.sub(r"\1 the PM", text)
    text = _MID_PRONOUN.sub(r"\1 ", text)
    text = _LATER_I.sub("; ", text)
    text = _WE_MODAL.sub("the team ", text)
    text = _WE_AGREE.sub(_team_agrees, text)
    text = _US.sub("the team", text)
    return _POSSESSIVE.sub(lambda m: POSSESSIVES[m.group(0).split(" ")[0]], text)


_QUOTED = re.compile(r'"[^"]*"')


def has_first_person(text: str) -> bool:
    """True when ``text`` still speaks as I or we (US, the country, is not "us"); a quoted title
    ("What we learned …") is the title's own words."""
    return bool(FIRST_PERSON.search(_QUOTED.sub("", text)))


_INNER_NAME = re.compile(r"(?<=[a-z0-9,] )([A-Z][a-z]{2,})\b")


def keep_names(text: str, *fields: str) -> str:
    """A word the user capitalised in the middle of a sentence is a name ("handed it to Priya"):
    wherever the bullet lowercased it ("; priya has run …"), it gets its capital back."""
    names = {n for f in fields for n in _INNER_NAME.findall(f) if n.lower() not in ORDINARY_WORDS}
    for name in names:
        low = name.lower()
        if low in text:  # only where a field's first word was lowercased to join the line
            text = re.sub(rf"{_JOINED_AT}{low}\b", name, text)
    return text


_JOINED_AT = "(?:(?<=; )|(?<=— )|(?<=, )|(?<=so )|(?<=with )|(?<=then )|(?<=resulting in ))"
