"""Phrasing for a bullet's section: role nouns, and the verb for a line that starts with a noun.

"Mentor at a startup accelerator" is a role, not an action; put a verb in front of it and it
reads "Delivered Mentor at …". Here a role becomes what the person did in it ("Mentored founders
at a startup accelerator", "Spoke at ProductCon", "Served as a trustee of …"), and a line that
starts with a noun gets the verb its head noun and section call for ("Gave a talk on …", "Wrote
an article on …", "Ran the pricing review …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pm_coach.core.bullets.verbs import Verb, lookup, prefixed_verb, verb, word_set
from pm_coach.core.bullets.wording import (
    DETERMINERS,
    article_for,
    bare,
    is_ordinary,
    join,
    lower_first,
    words,
)

# --- role nouns -------------------------------------------------------------------------------

# role noun → the verb that says what the person did; "" means "Served as a <role>".
ROLE_VERBS: dict[str, str] = {
    "mentor": "mentor",
    "speaker": "speak",
    "keynote": "",
    "panelist": "",
    "panellist": "",
    "host": "host",
    "co-host": "co-host",
    "organiser": "organise",
    "organizer": "organize",
    "co-organiser": "co-organise",
    "co-organizer": "co-organize",
    "founder": "found",
    "co-founder": "co-found",
    "chair": "chair",
    "co-chair": "co-chair",
    "advisor": "advise",
    "adviser": "advise",
    "coach": "coach",
    "facilitator": "facilitate",
    "moderator": "moderate",
    "editor": "edit",
    "author": "author",
    "co-author": "co-author",
    "volunteer": "volunteer",
    "instructor": "teach",
    "tutor": "tutor",
    "teacher": "teach",
    "lecturer": "",
    "judge": "",
    "trustee": "",
    "treasurer": "",
    "secretary": "",
    "governor": "",
    "ambassador": "",
    "reviewer": "",
    "member": "",
    "guest": "",
    "captain": "",
    "owner": "own",
    "lead": "",
    "pm": "",
    "apm": "",
    "manager": "",
    "liaison": "",
    "champion": "",
    "sponsor": "",
    "buddy": "",
    "interviewer": "",
}
ROLE_PREPS = word_set("at for of to with on in")
# Words that may stand before a role noun ("Volunteer mentor", "Guest speaker", "Board member").
ROLE_MODIFIERS = word_set(
    """volunteer guest keynote invited lead senior board founding external industry peer
    product pm startup community programme program event meetup panel podcast conference
    committee chapter school parent executive mentoring hackathon technical interim acting
    co-"""
)
# Who a mentor or coach works with, guessed from the place named (never invented otherwise).
PEOPLE_BY_PLACE: tuple[tuple[tuple[str, ...], str], ...] = (
    (("accelerator", "incubator", "startup", "start-up", "founder", "venture"), "founders"),
    (("school", "university", "college", "bootcamp", "student", "academy", "course"), "students"),
)
SERVE = Verb("serve as", "served as", "serving as")


@dataclass(frozen=True)
class Role:
    """A role rewritten as an action: the verb and the words after it."""

    verb: Verb
    rest: str
    replaced: str  # the role words as the user wrote them


def read_role(ws: list[str], kind: str) -> Role | None:
    """Read a line that starts with a role noun ("Mentor at …", "Guest speaker at …")."""
    mods: list[str] = []
    i = 0
    while i < len(ws) - 1 and i < 3 and bare(ws[i]) in ROLE_MODIFIERS and bare(ws[i]) != "lead":
        if bare(ws[i + 1]) not in ROLE_VERBS and bare(ws[i + 1]) not in ROLE_MODIFIERS:
            break
        mods.append(ws[i])
        i += 1
    if i >= len(ws):
        return None
    if not mods:
        # "Growth lead, activation squad": any noun phrase of up to three words ending in a
        # person noun and a comma names a role, when none of its words is a verb
        for j in (1, 2):
            if j < len(ws) - 1 and ws[j].endswith(",") and person_noun(ws[j]):
                if all(w.isalpha() and not lookup(w.lower()) for w in ws[:j]):
                    mods, i = list(ws[:j]), j
                break
    noun = bare(ws[i])
    if noun == "lead" and i + 1 < len(ws) and bare(ws[i + 1]) in ("pm", "product", "apm"):
        mods.append(ws[i])  # "Lead PM for checkout"
        i += 1
        noun = bare(ws[i])
        if noun == "product" and i + 1 < len(ws) and bare(ws[i + 1]) == "manager":
            i += 1
            noun = "manager"
    comma = ws[i].endswith(",")
    if noun not in ROLE_VERBS and not (comma and person_noun(ws[i])):
        return None
    after = ws[i + 1 :]
    if comma and after:
        return _role_with_place(ws, i, mods, kind)
    second = _second_role(after)
    if second:
        # "Treasurer + board member": two roles held together, said together, never "Led …"
        roles = " ".join(_role_case(w) for w in [*mods, ws[i], *after[:second]])
        rest = after[second:]
        if rest and bare(rest[0]) in ("for", "of", "on") and len(rest) > 1:
            rest = [rest[0], *_the(rest[1:])]
        return Role(SERVE, join(roles, " ".join(rest)), " ".join([*ws[: i + 1], *after[:second]]))
    if len(after) > 2 and bare(after[0]) == "and" and bare(after[1]) not in ROLE_VERBS:
        # "Treasurer and website for the food bank": the role, then the other thing done
        end = next((k for k, w in enumerate(after[1:], 1) if bare(w) in ROLE_PREPS), 0)
        if 1 < end <= 3 and not any(w.endswith(",") for w in after[1:end]):
            thing = after[1:end]
            v, _ = verb_for_noun(thing, kind)
            v = prefixed_verb("run") if v.base == "lead" else v
            role_words = " ".join(_role_case(w) for w in [*mods, ws[i]])
            titled = any(bare(m) in ("lead", "senior", "interim", "acting") for m in mods)
            first = role_words.split(" ", 1)[0]
            role_phrase = role_words if titled else join(article_for(first), role_words)
            place = after[end + 1 :]
            stop = next((k + 1 for k, w in enumerate(place) if w.endswith((",", ";"))), len(place))
            tail = place[stop:]
            mark = place[stop - 1][-1] if tail else ""
            place = [*place[: stop - 1], place[stop - 1].rstrip(",;")] if place else place
            did = join("and", v.past, "the", " ".join(thing)) + mark
            rest = join(role_phrase, after[end], " ".join(_the(place)), did, " ".join(tail))
            return Role(SERVE, rest, " ".join(ws[: i + 1]))
    if after and bare(after[0]) not in ROLE_PREPS:
        return None  # "Mentor two APMs": a verb, not a role
    if not after and not mods:
        return None  # a lone word: read as a verb elsewhere ("Mentor")
    replaced = " ".join(ws[: i + 1])
    prep = bare(after[0]) if after else ""
    tail = " ".join(after[1:])
    base = ROLE_VERBS[noun]
    if noun == "keynote" or (noun == "speaker" and any(bare(m) == "keynote" for m in mods)):
        return Role(verb("give"), join("a keynote", " ".join(after)), replaced)
    if noun in ("panelist", "panellist"):
        return Role(verb("speak"), join("on a panel", " ".join(after)), replaced)
    if noun == "volunteer" and prep in ("at", "with", "for", "on", "in") and not mods:
        return Role(verb("volunteer"), " ".join(after), replaced)
    if base and not mods:
        if noun == "speaker" and prep in ("at", "on", "in"):
            return Role(verb("speak"), " ".join(after), replaced)
        if prep in ("of", "for", "to") and tail and noun not in ("speaker", "volunteer"):
            return Role(prefixed_verb(base), tail, replaced)  # "Organiser of X" → "Organised X"
        if noun in ("mentor", "coach", "tutor") and prep in ("at", "with", "in", "on"):
            place = " ".join(after).lower()
            for cues, people in PEOPLE_BY_PLACE:
                if any(c in place for c in cues):
                    return Role(verb(base), join(people, " ".join(after)), replaced)
    # Anything else: "Served as a trustee of …", keeping every word of the role.
    role_words = " ".join(_role_case(w) for w in [*mods, ws[i]])
    first = role_words.split(" ", 1)[0]
    titled = any(bare(m) in ("lead", "senior", "interim", "acting") for m in mods)
    role_phrase = role_words if titled else join(article_for(first), role_words)
    if noun == "guest" and prep == "on":
        return Role(
            Verb("appear", "appeared as", "appearing as"), join(role_phrase, *after), replaced
        )
    if prep in ("for", "of", "on") and len(after) > 1:
        after = [after[0], *_the(after[1:])]  # "a PM lead for the checkout squad"
    return Role(SERVE, join(role_phrase, " ".join(after)), replaced)


def _second_role(after: list[str]) -> int:
    """How many words "and board member" takes after a first role noun; 0 when there is none."""
    if not after or bare(after[0]) != "and" or after[0] != bare(after[0]):
        return 0
    k = 1
    while k < len(after) - 1 and k < 3 and bare(after[k]) in ROLE_MODIFIERS:
        k += 1
    if k >= len(after) or not person_noun(after[k]) or bare(after[k]) in GENERIC_PLACES:
        return 0
    if after[k][-1:] in ",;":
        return 0
    if k + 1 < len(after) and bare(after[k + 1]) not in ROLE_PREPS:
        return 0
    return k + 1


# Endings of a noun naming a person ("steward", "convenor", "archivist", "trustee", "custodian").
PERSON_ENDINGS = ("er", "or", "ist", "ee", "ian", "ant")
# Words with those endings that are not people.
NOT_PEOPLE = word_set(
    """after under over never ever other either neither rather whether number paper cover order
    water later letter better faster bigger smaller higher lower greater fewer error major minor
    prior interior senior junior sooner quarter register poster banner border filter folder
    sticker trigger layer server browser tracker counter corner member-only committee coffee
    guarantee fee degree pedigree giant grant relevant assistant important tenant plan"""
)


def person_noun(word: str) -> bool:
    """True for a word shaped like a role a person holds: known, or "-er"/"-or"/"-ist"… ."""
    plain = bare(word)
    if plain in ROLE_VERBS:
        return True
    return (
        len(plain) >= 5
        and plain.isalpha()
        and plain.endswith(PERSON_ENDINGS)
        and plain not in NOT_PEOPLE
        and not lookup(plain)
    )


def _the(place: list[str]) -> list[str]:
    """ "internal PM guild" → "the internal PM guild"; a name ("Eastside Youth FC") stays bare."""
    if not place or bare(place[0]) in DETERMINERS or place[0][:1] in "0123456789'\"‘“":
        return place  # a number or a quoted title takes no article
    connectors = ("of", "and", "in", "for", "the", "on", "at")
    head = next((place[: k + 1] for k, w in enumerate(place) if w[-1:] in ",;:)"), place)
    if len(head) < 2 and not head[0].rstrip(",;:").endswith(("team", "pod", "squad", "group")):
        return place  # "for payments", "for growth": an area, not a thing with "the"
    common = any(w[:1].islower() and bare(w) not in connectors for w in place[:4])
    return ["the", *place] if common else place


# Roles whose verb takes what the role was held over as its object ("Hosted the podcast").
OBJECT_ROLES = word_set(
    """organiser organizer co-organiser co-organizer host co-host founder co-founder chair
    co-chair editor author co-author facilitator moderator"""
)


def _role_with_place(ws: list[str], i: int, mods: list[str], kind: str) -> Role:
    """ "Product owner, monetisation pod" / "Speaker, internal PM guild" / "Trustee, X Trust":
    a role then the place it is held, never a verb put in front of the role."""
    noun = bare(ws[i])
    replaced = " ".join(ws[: i + 1]).rstrip(",")
    after = ws[i + 1 :]
    role_words = " ".join(_role_case(w.rstrip(",")) for w in [*mods, ws[i]])
    if noun == "speaker" and not mods:
        return Role(verb("speak"), join("at", " ".join(_the(after))), replaced)
    if noun in OBJECT_ROLES and not mods:
        # "Organiser, monthly PM coffee morning" → "Organised the monthly PM coffee morning"
        return Role(prefixed_verb(ROLE_VERBS[noun]), " ".join(_the(after)), replaced)
    if noun in ("panelist", "panellist"):
        return Role(verb("speak"), join("on a panel at", " ".join(_the(after))), replaced)
    titled = any(bare(m) in ("lead", "senior", "interim", "acting") for m in mods)
    first = role_words.split(" ", 1)[0]
    role_phrase = role_words if titled else join(article_for(first), role_words)
    if kind == "volunteer":
        # the organisation goes straight after the role: "… a trustee with X, digital subgroup"
        if all(w[:1].isupper() and not w.endswith((",", ";")) for w in after):
            return Role(SERVE, join(role_phrase, "for", " ".join(after)), replaced)  # a name
        return Role(SERVE, f"{role_phrase}, {' '.join(after)}", replaced)
    return Role(SERVE, join(role_phrase, "for", " ".join(_the(after))), replaced)


def _role_case(word: str) -> str:
    """ "Trustee" → "trustee", "Board" → "board"; "PM" and names stay as written."""
    low = word.lower()
    if (low in ROLE_VERBS or low in ROLE_MODIFIERS or is_ordinary(word)) and word[1:].islower():
        return low
    return word


# --- a line that starts with a noun -----------------------------------------------------------

RUN_NOUNS = word_set(
    """review reviews meeting meetings workshop workshops session sessions offsite offsites retro
    retros retrospective retrospectives kickoff kick-off standup standups sync syncs 1:1 1:1s
    interviews interview training hours sprint sprints pilot pilots experiment experiments test
    tests survey surveys research study studies audit audits hackathon go/no-go demo demos
    process council forum programme program course cohort bootcamp meetup meetups
    lunch-and-learn ama webinar webinars postmortem post-mortem triage rotation roundtable
    discovery onboarding bar-raiser panel pre-mortem pre-mortems premortem premortems teardown
    teardowns deep-dive deep-dives clinic clinics lunch"""
)
# Meetings one holds rather than runs ("Held a skip-level with the CPO").
HOLD_NOUNS = word_set("skip-level skip-levels 1:1 1:1s call calls conversation conversations")
WRITE_NOUNS = word_set(
    """doc docs document documents memo memos prd prds spec specs brief briefs one-pager
    one-pagers narrative proposal proposals playbook playbooks guide guides principles faq faqs
    template templates case post posts article articles essay essays newsletter newsletters
    report reports rfc rfcs policy policies charter okrs requirements book chapter chapters
    paper papers piece pieces blog series column handbook"""
)
BUILD_NOUNS = word_set(
    """roadmap roadmaps dashboard dashboards model models prototype prototypes calculator tool
    tools pipeline page pages flow flows system systems backlog framework frameworks rubric
    scorecard scorecards taxonomy matrix tracker map maps"""
)
# Help given rather than led: "Pro bono product advice to a charity" → "Gave pro bono …".
GIVE_NOUNS = word_set("advice guidance feedback support help")
TALK_NOUNS = word_set("talk talks keynote presentation presentations lecture lectures speech")
RECORD_NOUNS = word_set("podcast episode episodes video videos")
# Singular nouns that need an article when the bullet's verb is put in front of them.
COUNTABLE = word_set(
    """review meeting workshop session offsite retro retrospective kickoff standup sync interview
    pilot experiment test survey study audit hackathon demo course cohort bootcamp meetup webinar
    postmortem roundtable panel doc document memo prd spec brief one-pager narrative proposal
    playbook guide template case post article essay newsletter report rfc policy charter book
    chapter paper piece blog series column handbook roadmap dashboard model prototype calculator
    tool pipeline page flow system framework rubric scorecard taxonomy matrix tracker talk keynote
    presentation lecture speech podcast episode video sprint trial pre-mortem premortem teardown
    deep-dive skip-level lunch-and-learn map call conversation clinic lunch"""
)
# Singular nouns for one piece of work: the default verb takes "the" ("Led the Stripe migration").
PROJECTS = word_set(
    """migration launch rollout redesign rebuild project programme program initiative rewrite
    overhaul integration expansion transition consolidation revamp refresh replatforming trial
    pilot vision effort workstream reorg restructure partnership negotiation transformation
    deprecation shutdown sunset"""
)
STOP_AT = word_set(
    "of for with on at to in into across between and from by about over under via after before"
)

DEFAULT_VERB: dict[str, str] = {
    "work": "lead",
    "volunteer": "lead",
    "talk": "present",
    "publication": "publish",
}


def head_noun(ws: list[str]) -> tuple[str, int]:
    """The noun a phrase is about ("Pricing review with sales" → "review") and its position."""
    head, at = "", -1
    for i, w in enumerate(ws):
        b = bare(w)
        if b in STOP_AT or w.startswith("("):
            break
        head, at = b, i
        if w.endswith((",", ";", ":")):
            break
    return head, at


def verb_for_noun(ws: list[str], kind: str) -> tuple[Verb, str]:
    """The verb to put before a noun phrase, and the article it needs ("", "a" or "the")."""
    head, at = head_noun(ws)
    if head == "study" and at > 0 and bare(ws[at - 1]) == "case":
        head = "case"
    if head == "panel" and kind == "talk":
        return verb("speak"), "on a"  # "Panel: …" → "Spoke on a panel: …"
    if head in TALK_NOUNS or head in GIVE_NOUNS:
        base = "give"
    elif head in HOLD_NOUNS:
        base = "hold"
    elif head in RECORD_NOUNS:
        base = "record"
    elif head in WRITE_NOUNS:
        base = "write"
    elif head in RUN_NOUNS:
        base = "run"
    elif head in BUILD_NOUNS:
        base = "build"
    else:
        base = DEFAULT_VERB.get(kind, "lead")
    first = bare(ws[0]) if ws else ""
    free = 0 <= at <= 3 and first not in DETERMINERS and not first[:1].isdigit()
    if free and base != DEFAULT_VERB.get(kind, "lead") and head in COUNTABLE:
        return verb(base), "a"
    late = 0 <= at <= 6 and first not in DETERMINERS and not first[:1].isdigit()
    if (free or late) and head in PROJECTS and not first.endswith(("'s", "’s")):
        return verb(base), "the"
    return verb(base), ""


def noun_phrase(ws: list[str], article: str) -> str:
    text = lower_first(" ".join(ws))
    if article in ("a", "on a"):
        return join(article[:-1] + article_for(text.split(" ", 1)[0]), text)
    return join(article, text)


TOPIC_PREPS = ("on", "about")


def _named_place(rest: str, org: str) -> str | None:
    """ "at a startup accelerator" with org "Tidewater Startup Accelerator" → "at Tidewater
    Startup Accelerator": the generic words the org's name already says give way to the name."""
    org_words = [w.lower() for w in org.split()]
    ws = words(rest)
    for i, w in enumerate(ws):
        if bare(w) not in ("a", "an", "the"):
            continue
        for j in range(i + 1, min(len(ws), i + 5)):
            word = ws[j]
            plain = bare(word)
            possessive = plain.endswith(("'s", "’s"))
            stem = plain[:-2] if possessive else plain
            after = bare(ws[j + 1]) if j + 1 < len(ws) else ""
            modifier = after and not possessive and after not in STOP_AT and word[-1:].isalnum()
            if stem == org_words[-1] and len(org_words) > 1 and not modifier:
                tail = word[len(word.rstrip(",.;:")) :]
                name = org + (word.rstrip(",.;:")[-2:] if possessive else "") + tail
                return " ".join([*ws[:i], name, *ws[j + 1 :]])
            if stem not in org_words:
                break
    return None


# General words for a place or outlet: the org's name goes beside them in brackets rather than
# after the line ("for the local product meetup (ProductTank Bristol)", not "… meetup with …").
GENERIC_PLACES = word_set(
    """meetup group chapter community charity nonprofit school bootcamp hospital accelerator
    incubator conference summit festival club association society network foundation newsletter
    podcast magazine blog journal publication hackathon"""
)


def _beside_place(rest: str, org: str) -> str | None:
    ws = words(rest)
    for j, w in enumerate(ws):
        plain = bare(w)
        if plain not in GENERIC_PLACES or j == 0:
            continue
        after = bare(ws[j + 1]) if j + 1 < len(ws) else ""
        if after and after not in STOP_AT and w[-1:].isalnum():
            continue  # "a podcast episode": the place is a modifier here
        before = ws[max(0, j - 4) : j]
        if not any(bare(x) in ("a", "an", "the") for x in before) or any(
            x.endswith((",", ";", ":")) for x in before
        ):
            continue
        core = w.rstrip(",.;:")
        return " ".join([*ws[:j], f"{core} ({org}){w[len(core) :]}", *ws[j + 1 :]])
    return None


_OPEN_QUOTE = re.compile(r"(?:^|(?<=\s))['‘]")
_WHO_AFTER_TITLE = re.compile(r", (?:[Ww]/ ?|with |alongside |together with )")


def split_title(text: str) -> tuple[str, str, str]:
    """A talk or article named with a colon, as (the line before it, the preposition, the title):
    "Article on saying no: how we publish …" → ("Article", "on", "Saying no: how we publish …");
    "Blog post: what we learned …" → ("Blog post", "", "What we learned …"). ("", "", "") when
    the line has no title. The title is kept word for word, first person included, in quotes."""
    head, colon, after = text.partition(": ")
    if not colon or len(after.split()) < 3 or len(head.split()) > 8 or '"' in text:
        return "", "", ""
    if _OPEN_QUOTE.search(head) and not _OPEN_QUOTE.search(after[:1]):
        return "", "", ""  # "Wrote 'Pricing: 5 mistakes' for …": the colon is inside the title
    if len(after) > 2 and after[0] in "'‘" and after[-1] in "'’":
        after = after[1:-1]  # 'What we got wrong': the bullet puts its own double quotes
    else:
        # An unquoted title ends where the note about who was there starts: "Panel: PMs in
        # public sector, w/ GDS + 2 councils" → a panel with GDS and 2 councils: "PMs in …".
        m = _WHO_AFTER_TITLE.search(after)
        if m is not None and len(after[: m.start()].split()) >= 2:
            head, after = f"{head} {after[m.start() + 2 :]}", after[: m.start()]
        title, comma, place = after.rpartition(", ")
        place_words = place.split()
        if (
            comma
            and len(title.split()) >= 2
            and len(place_words) >= 2
            and all(w[:1].isupper() or w[:1].isdigit() for w in place_words)
        ):
            # "Panel: PMs in regulated industries, Insurtech Insights 2025": the event is named
            # after the title, never inside its quotes
            head, after = f"{head} at {place}", title
    ws = head.split()
    for i in range(len(ws) - 1, 0, -1):
        if ws[i] in TOPIC_PREPS:
            title = " ".join(ws[i + 1 :]) + ": " + after
            return " ".join(ws[:i]), ws[i], title[:1].upper() + title[1:]
    return head, "", after[:1].upper() + after[1:]


def with_org(rest: str, org: str, kind: str) -> str:
    """Add the organisation to a talk, publication or volunteer line that does not name it."""
    org = " ".join(org.split())
    if not org or kind == "work" or org.casefold() in rest.casefold():
        return rest
    named = _named_place(rest, org) or _beside_place(rest, org)
    if named is not None:
        return named
    prep = {"talk": "at", "publication": "for", "volunteer": "with"}.get(kind, "at")
    if kind == "volunteer" and rest.rstrip().lower().endswith((" at", " with", " for")):
        return join(rest, org)
    ws = words(rest)
    if kind in ("talk", "publication"):
        # The place goes before the topic: "Gave a talk at X on pricing", so a title with its
        # own commas or colon is not followed by "at X".
        # only when the topic is a title with its own punctuation, or ends on "for"
        for i, w in enumerate(ws[:8]):
            if ":" in w or "(" in w:
                break
            if bare(w) in TOPIC_PREPS and w == bare(w) and i > 0:
                topic = ws[i:]
                # a topic of several words would take "at X" as its own ("PRDs engineers
                # read at X"): the place goes before it
                busy = (
                    any(ch in t for t in topic for ch in ",:;(")
                    or (prep == "for" and any(bare(t) == "for" for t in topic))
                    or (prep == "at" and len(topic) > 4)
                )
                if busy:
                    return " ".join([*ws[:i], prep, org, *ws[i:]])
                break
    if prep == "with" and " with " in rest:
        prep = "for"  # never two "with"s: "helping … with their website for X"
    if kind == "volunteer" and ", " in rest and "(" not in rest.split(", ", 1)[0]:
        head, _, tail = rest.partition(", ")  # the place beside what was done, before asides
        return f"{head} {prep} {org}, {tail}"
    if kind == "publication" and any(bare(w) == "for" for w in ws[1:]):
        prep = "in"  # "a guide … for e-commerce teams in Retail Tech Review", not "for … for"
    return join(rest, prep, org)
