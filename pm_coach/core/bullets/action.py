"""Shaping what the person did before it is written: dashes the user typed, several past actions
joined with "and", an input count placed after the verb, and work still going on.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pm_coach.core.bullets.clauses import ADVERBIAL, PARTICIPLE_FOLLOWERS, is_present, subject_verb
from pm_coach.core.bullets.lead import Lead, found_verb
from pm_coach.core.bullets.verbs import word_set
from pm_coach.core.bullets.wording import bare, join, lower_first, words


def speaks_now(rest: str) -> bool:
    """ "… a support agent who wants to move into product": the line speaks of the present, so
    "Mentoring …" stays as it is rather than "Mentored … who wants"."""
    ws = [bare(w) for w in words(rest)]
    for i in range(len(ws) - 1):
        nxt = ws[i + 1]
        if ws[i] == "who" and nxt.endswith("s") and not nxt.endswith("ss") and len(nxt) > 3:
            return True  # "who wants", "who runs": a person described as they are now
        if ws[i] == "that" and is_present(nxt, False):
            return True
    return False


def place_count(lead: Lead, metric: str) -> Lead | None:
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


SPACED_DASH = re.compile(r" [-–] ")
RATE = re.compile(r"\b(?:a|per|each|every) (?:year|month|week|quarter|term)\b")


def _starts_past(part: str) -> bool:
    ws = words(part)
    if not ws or not ws[0].islower():
        return False
    found = found_verb(bare(ws[0]), ws[1] if len(ws) > 1 else "")
    return found is not None and found[1] == "past"


def _run_on_nouns(ws: list[str]) -> bool:
    """ "exec review Q3 roadmap": two noun groups side by side with no word to join them (a
    period such as "Q3" in the middle), which no verb put in front can make read."""
    return 3 <= len(ws) <= 6 and any(
        0 < i < len(ws) - 1 and re.fullmatch(r"(?:Q[1-4]|H[12]|FY\d+|20\d\d)", w)
        for i, w in enumerate(ws)
    )


def undash(text: str) -> str:
    """A dash the user typed between two parts, made into what it stands for: details in
    brackets ("discovery (14 interviews …)"), a list after a colon ("the Q3 plan: collecting
    bets, sizing …"), a second action joined with "and". Dashes inside quotes stay."""
    m = SPACED_DASH.search(text)
    if m is None:
        return text
    before, after = text[: m.start()].rstrip(" ,"), text[m.end() :].strip()
    if not before or not after or before.count('"') % 2 or before.count("“") > before.count("”"):
        return text
    ws = words(after)
    first = bare(ws[0])
    found = found_verb(first, ws[1] if len(ws) > 1 else "")
    if found is not None and found[1] == "past" and ws[0].islower():
        bws = words(before)
        own = found_verb(bare(bws[0]), bws[1] if len(bws) > 1 else "")
        if own is None and _run_on_nouns(bws):
            # "exec review Q3 roadmap - got sign off …": no verb is put in front of a heap of
            # nouns ("Built an exec review Q3 roadmap"): the action leads, the note follows
            return f"{undash(after)} ({before})"
        return f"{before} and {undash(after)}"
    if found is not None and found[1] == "gerund" and ws[0].islower():
        bws = words(before)
        own = found_verb(bare(bws[0]), bws[1] if len(bws) > 1 else "")
        if own is None and len(bws) <= 5 and "," not in before and ", " not in after:
            # "Pricing principles - drafting w/ the CFO" → "drafting pricing principles with …"
            return join(ws[0], lower_first(before), *ws[1:])
    parts = after.split(", ")
    done = [_starts_past(p) for p in parts]
    if len(parts) > 1 and any(done) and not all(done) and "(" not in after:
        # "revamp - 4 tiers -> 3, removed per-seat": parts of two kinds are not a list
        return f"{before} ({'; '.join(parts)})"
    if (found is not None and found[1] == "gerund") or ", " in after:
        return f"{before}: {after}"
    if "(" in after or ")" in after:
        return f"{before}: {after}"
    return f"{before} ({after})"


# A full stop typed between note fragments ("engine v2. w/ risk team. ml scoring"): the next
# part starts in lower case (or with a number), so it is not a sentence of its own.
_FRAGMENT_STOP = re.compile(r"(?<=[\w)%])\. (?=[a-z0-9(]|[A-Z]{2})")
ABBREVIATIONS = word_set(
    "eg ie vs etc approx incl esp cf dr mr mrs ms st no nos inc ltd co corp dept est min max"
)
FRAGMENT_PREPS = word_set("with for at across in on alongside via using")


def join_fragments(text: str) -> str:
    """Raw notes with full stops between fragments, joined into one line that reads: a part
    starting with a preposition follows on ("v2 with the risk team"), a past-tense action is
    joined with "and", and a bare noun phrase is the detail, in brackets."""
    parts: list[str] = []
    start = 0
    for m in _FRAGMENT_STOP.finditer(text):
        before = text[start : m.start()].rsplit(" ", 1)[-1]
        if bare(before) in ABBREVIATIONS or "." in before or len(bare(before)) < 2:
            continue  # "e.g. fees", "vs. the old flow", "Dr. Shah": not a full stop
        parts.append(text[start : m.start()])
        start = m.end()
    parts.append(text[start:])
    if len(parts) < 2:
        return text
    actions, details = [parts[0]], []
    for part in parts[1:]:
        ws = words(part)
        if len(ws) > 1 and bare(ws[0]) in ("then", "and"):
            part, ws = " ".join(ws[1:]), ws[1:]  # "… v2. then rolled out …": an action
        found = found_verb(bare(ws[0]), ws[1] if len(ws) > 1 else "") if ws else None
        if ws and bare(ws[0]) in FRAGMENT_PREPS:
            actions[-1] = join(actions[-1], part)
        elif found is not None and found[1] == "past":
            actions.append(part)
        elif subject_verb(ws)[0] == "clause":
            actions[-1] += "; " + part  # "adoption was slow": a clause with its own subject
        else:
            details.append(part)
    out = actions[0] if len(actions) == 1 else ", ".join(actions[:-1]) + " and " + actions[-1]
    if details:
        out = join(out, "(" + "; ".join(details) + ")")
    return out


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
    if not first or "; " in head or ":" in head:
        return text
    if " and " in head:
        if ", " in head:
            return text
        mine = found_verb(bare(first[0]), first[1] if len(first) > 1 else "")
        theirs = found_verb(ws[0], ws[1] if len(ws) > 1 else "")
        after = bare(ws[1]) if len(ws) > 1 else ""
        if (
            mine is not None
            and theirs is not None
            and mine[1] == theirs[1] == "past"
            and after not in PARTICIPLE_FOLLOWERS
            and after not in ADVERBIAL
        ):
            return f"{head}, and {last}"  # "Reworked A and B, and freed C"
        return text
    mine = found_verb(bare(first[0]), first[1] if len(first) > 1 else "")
    theirs = found_verb(ws[0], ws[1] if len(ws) > 1 else "")
    if mine is None or theirs is None or mine[1] != "past" or theirs[1] != "past":
        return text
    after = bare(ws[1]) if len(ws) > 1 else ""
    if after in PARTICIPLE_FOLLOWERS or after in ADVERBIAL:
        return text  # "…, backed by usage data": a participle, not a second action
    _, joiner, third = last.rpartition(" and ")
    third_ws = words(third)
    if joiner and third_ws and third_ws[0].islower():
        found = found_verb(third_ws[0], third_ws[1] if len(third_ws) > 1 else "")
        if found is not None and found[1] == "past":
            return text  # "A, B and C" already: never "A and B and C"
    if any(found_verb(bare(w), "") is not None for w in words(head.split(", ", 1)[-1])[:1]):
        return f"{head} and {last}"  # every part an action: "A, B and C"
    return f"{head} and {last}" if ", " not in head else text


def and_second_action(clause: str) -> str:
    """ "Served as a trustee of the PTA, set up online payments" → "… of the PTA and set up
    online payments": a thing done after a role, joined with "and" (", and" after another)."""
    head, sep, last = clause.partition(", ")
    ws = words(last)
    if not sep or not ws or not ws[0].islower():
        return clause
    found = found_verb(ws[0], ws[1] if len(ws) > 1 else "")
    if found is None or found[1] != "past" or bare(ws[1] if len(ws) > 1 else "") in ADVERBIAL:
        return clause
    before, joiner, done = head.rpartition(" and ")
    if joiner:
        after = words(done)
        verb = found_verb(after[0], after[1] if len(after) > 1 else "") if after else None
        if verb is not None and verb[1] == "past":
            return f"{before}, {done} and {last}"  # "A and B, C" → "A, B and C"
        return f"{head}, and {last}"
    return f"{head} and {last}"
