"""Putting one bullet together: the shape (result first, action then result, or the action
alone), the metrics beside what they measure, the goal at the end, and what is left out to fit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from pm_coach.core.bullets.action import (
    RATE,
    SPACED_DASH,
    and_second_action,
    join_actions,
    join_fragments,
    place_count,
    speaks_now,
    undash,
)
from pm_coach.core.bullets.bullet import MAX_CHARS, Bullet
from pm_coach.core.bullets.clauses import CLAUSE_MARKERS
from pm_coach.core.bullets.goal import aim, goal_clause
from pm_coach.core.bullets.lead import read_lead
from pm_coach.core.bullets.metrics import Metric, join_list, split_metrics
from pm_coach.core.bullets.result import PHRASE_RESULTS, a_count, read_result, second_subject
from pm_coach.core.bullets.sections import split_title, with_org
from pm_coach.core.bullets.verbs import word_set
from pm_coach.core.bullets.wording import (
    bare,
    capitalise,
    clean,
    formal,
    join,
    keep_names,
    lower_first,
    words,
)

# Verbs that report a finding: "so reminder timing turned out to be …" would claim a false cause.
# Work for other people whose results are their own ("3 of the 5 founders raised"): never "so".
HELPING = word_set("mentor coach advise tutor")
# Where the user's own text goes on past the action: inputs go before it.
AFTER_ACTION = re.compile(r", (?:which|so|resulting in|leading to) ")
# An input that is only how long the work took ("2 sprints", "6 weeks"): said "in 2 sprints".
DURATION = re.compile(r"^\d+ (?:sprints?|weeks?|months?|days?|quarters?)$")
FINDING_WORDS = word_set("turned showed revealed confirmed proved found suggested")


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
    text, result, goal = (
        join_actions(undash(join_fragments(formal(text)))),
        formal(result),
        formal(goal),
    )
    result = SPACED_DASH.sub("; ", result)
    metrics = [formal(m) for m in metrics]
    said = " ".join([text, title_tail, result])
    lead = read_lead(text, kind)
    if lead.verb is None:  # an empty text: nothing to say
        return Bullet("", "action", lead, None)
    res = read_result(result)
    kept, folded = split_metrics(list(metrics), said, result)
    amounts = [m.text for m in kept if m.kind == "amount"]
    # "down from 4 days" says where the result's number started: it follows the result
    starts = [m.text for m in kept if m.kind == "from"]
    if res is not None and starts:
        res = replace(res, text=", ".join([res.text, *[lower_first(t) for t in starts]]))
    else:
        amounts += starts
    inputs: list[str] = []
    for m in kept:
        if m.kind != "input":
            continue
        placed = place_count(lead, m.text)
        if placed is None:
            inputs.append(m.text)
        else:
            lead = placed
    all_inputs = tuple(m.text for m in kept if m.kind == "input")
    goal_text = goal_clause(goal)
    if not goal_text and res is None and goal.strip():
        goal_text = aim(goal)
    # Work still going on, with nothing come of it yet, is not written as done.
    ongoing = res is None and lead.form == "gerund" and (lead.unfinished or speaks_now(lead.rest))
    # A role held at a rate ("Mentor …, about 4 mentees a year") is still held: "Mentoring …".
    ongoing = ongoing or (lead.kind == "role" and bool(RATE.search(lead.rest)))
    # "I volunteer 2 evenings a month …": a present tense at a rate is still being done
    ongoing = ongoing or (
        lead.form in ("base", "third") and bool(RATE.search(lead.rest)) and lead.replaced != ""
    )

    def action(gerund: bool, extra: Sequence[str] = ()) -> str:
        if ongoing:
            clause = capitalise(lead.gerund_clause())
        else:
            clause = lead.gerund_clause() if gerund else lead.past_clause()
        if lead.kind == "role":
            clause = and_second_action(clause)
        said = with_org(clause, org, kind) + title_tail
        took = [i for i in inputs if DURATION.match(i)]
        if took and not ongoing and not title_tail:
            said += " in " + join_list(took)  # "(2 sprints)" reads "in 2 sprints"
        items = [*[i for i in inputs if i not in took or ongoing or title_tail], *extra]
        aside = AFTER_ACTION.search(said)
        if items and aside is not None and not title_tail:
            # "Ran a teardown (5 competitors), which fed into …": the count beside the action
            head, tail = said[: aside.start()], said[aside.start() :]
            return join(head, _brackets(items)) + tail
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
        # "Treasurer, Hackney Food Bank": a role is said first and what was done in it after,
        # never "Moved the books … by serving as a treasurer, Hackney Food Bank"
        and lead.kind != "role"
    )

    def compose(with_goal: bool, with_action: bool, first: bool = leads) -> str:
        goal_part = ", " + goal_text if with_goal and goal_text else ""
        if res is not None and first:
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
        semi = res.several and not second_subject(res.text.split("; ")[0])
        if res.kind == "verb" and semi and not same_verb and res.lead and not helper:
            # "Ran a pre-mortem …, surfacing 6 risks; 5 closed": what the work found or did
            link = ", "
            result_text = res.lead.gerund_clause()
        elif res.kind == "verb" and lead.kind == "role":
            link = " — "  # "Served as treasurer of X — moved the books onto Xero"
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
        elif a_count(result_text):
            # "~80 attendees": a count of the audience sits beside the action, in brackets
            body = join(done, _brackets([lower_first(result_text), *amounts]))
            return body + _metric_tail(kept, False, False) + goal_part
        else:
            opener = bare(result_text.split(" ", 1)[0])
            counted = kind != "work" and (opener[:1].isdigit() or opener in ("about", "over"))
            link = " — " if several or counted else ", resulting in "
        said = lower_first(result_text)
        if res.kind == "verb":
            said = result_text[:1].lower() + result_text[1:]  # the person's own verb
        body = done + link + join(said, _brackets(amounts))
        return body + _metric_tail(kept, res.kind == "clause", link == ", with ") + goal_part

    # The goal joins only a line whose last clause is the person's: "…, so the board approved
    # it, to keep the platform simple" would read as the board's purpose.
    goal_fits = bool(goal_text) and (
        res is None or leads or (res.kind in PHRASE_RESULTS and not res.several)
    )
    if goal_fits and res is not None and not leads and " — " in compose(False, True):
        goal_fits = False  # after a dash the goal would read as part of the result
    if (
        goal_fits
        and res is not None
        and not leads
        and (compose(False, True).count(", ") >= 3 or " and " in res.text)
    ):
        goal_fits = False  # after a run of parts the goal reads tacked on: --lint says so
    shape = "result-first" if leads else ("action" if res is None else "action-result")
    text_out = compose(goal_fits, True)
    dropped: tuple[str, ...] = ()
    long = False
    if len(text_out) > limit:
        tries = [((False, True), ("goal",))] if goal_fits else []
        # The action is never left out: a result without what was done is not a bullet.
        for (g, a), gone in tries:
            shorter = compose(g, a)
            if len(shorter) <= limit:
                text_out, dropped = shorter, gone
                break
        else:
            long = True
            if goal_fits:  # too long even so: the goal goes (and --lint says so)
                text_out, dropped = compose(False, True), ("goal",)
            if shape == "result-first" and res is not None and res.kind == "verb":
                # a long "by doing" part after a long result loses what it hangs on: the
                # action first, then the result ("Ran 22 interviews …, then killed …")
                text_out, shape = compose(False, True, False), "action-result"
    text_out = keep_names(text_out, text, result, goal)
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
