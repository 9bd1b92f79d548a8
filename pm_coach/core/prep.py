"""A one-page agenda for the next conversation with someone in the network.

Pure: the contact, the user's focus gaps and actions, the evidence log, their strengths and the
conversation toolkit go in; a :class:`Prep` comes out. ``today`` is passed in. Every choice is
deterministic, and the topics rotate with the number of conversations held, so the next
agenda suggests different ones.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from pm_coach.core.mentoring import Strength
from pm_coach.models import Evidence, SkillMap
from pm_coach.models.guide import NetworkGuide, Topic
from pm_coach.models.network import Contact

DUE_SOON_DAYS = 14  # actions due within this many days are worth raising
MAX_EVIDENCE = 8  # keeps the agenda to a page
TOPIC_COUNT = 3


@dataclass(frozen=True)
class FocusItem:
    """A gap the user is working on, as the agenda shows it."""

    gap: str
    name: str
    current: int
    target: int
    helped: bool  # this person helps with it


@dataclass(frozen=True)
class ActionItem:
    """An action from the plan with its due date and status (open, overdue, done, skipped)."""

    id: str
    title: str
    gap: str
    due: dt.date | None
    status: str = "open"


@dataclass(frozen=True)
class Prep:
    contact: Contact
    today: dt.date
    last_talked: dt.date | None
    focus: list[FocusItem]
    evidence: list[Evidence]  # since the last conversation, this person's gaps first
    more_evidence: int  # entries left out to keep to a page
    actions: list[ActionItem]  # due soon or overdue
    next_up: ActionItem | None  # the next open action when nothing is due soon
    question: str
    offer: str
    topics: list[Topic] = field(default_factory=list)
    no_assessment: bool = False
    saved_plan: bool = False  # the actions come from the saved plan, not one worked out today
    # A first conversation with a coach, mentor or circle: the user's answers to what a good
    # mentor asks first, as sentences, and which of goal/investment/personality are unanswered.
    introduce: list[str] = field(default_factory=list)
    unanswered: list[str] = field(default_factory=list)
    # A first conversation with a mentee: the same questions, to ask them.
    ask_first: list[str] = field(default_factory=list)
    gap_ids: list[str] = field(default_factory=list)  # the map's, for a hint naming one


def _evidence_since(
    entries: Sequence[Evidence], since: dt.date | None, gaps: Sequence[str], today: dt.date
) -> list[Evidence]:
    """Entries dated after ``since`` (all of the last 30 days when never talked), those tagged
    with ``gaps`` first, newest first within each group."""
    start = since + dt.timedelta(days=1) if since else today - dt.timedelta(days=30)
    picked = [e for e in entries if start <= e.date <= today]
    return sorted(
        picked,
        key=lambda e: (not set(e.gaps) & set(gaps), -e.date.toordinal(), e.id),
    )


def _question(contact: Contact, focus: Sequence[FocusItem], guide: NetworkGuide) -> str:
    for item in focus:
        if item.helped and item.gap in guide.gaps:
            return guide.gaps[item.gap].ask
    for gap in contact.helps:
        if gap in guide.gaps:
            return guide.gaps[gap].ask
    for item in focus:
        if item.gap in guide.gaps:
            return guide.gaps[item.gap].ask
    return "What is one thing you wish you had known a year earlier in your career?"


def _offer(contact: Contact, strengths: Sequence[Strength], guide: NetworkGuide) -> str:
    if strengths and contact.kind != "coach":
        s = strengths[0]
        return (
            f"What you have learned in {s.name} (you rate yourself {s.level} and your evidence "
            f"supports {s.supported}): offer one story or one template they could use."
        )
    return guide.offers.get(contact.kind, "Ask what they are working on and how you could help.")


def pick_topics(
    guide: NetworkGuide, kind: str, gaps: Sequence[str], rotation: int, count: int = TOPIC_COUNT
) -> list[Topic]:
    """Topics that fit the relationship: ones about the given gaps first (in gap order), then
    ones for this kind of relationship; the start turns with ``rotation`` within each group."""

    def fits_kind(t: Topic) -> bool:
        return not t.kinds or kind in t.kinds

    by_gap: list[Topic] = []
    for g in gaps:
        by_gap += [t for t in guide.topics if g in t.gaps and fits_kind(t) and t not in by_gap]
    general = [t for t in guide.topics if not t.gaps and fits_kind(t)]

    def turned(items: list[Topic]) -> list[Topic]:
        if not items:
            return []
        k = rotation % len(items)
        return items[k:] + items[:k]

    out: list[Topic] = []
    for t in turned(by_gap)[:2] + turned(general):
        if t not in out:
            out.append(t)
    for t in turned(by_gap)[2:]:
        if t not in out:
            out.append(t)
    return out[:count]


def build_prep(
    contact: Contact,
    *,
    today: dt.date,
    skill_map: SkillMap,
    focus: Sequence[FocusItem],
    actions: Sequence[ActionItem],
    entries: Sequence[Evidence],
    strengths: Sequence[Strength],
    guide: NetworkGuide,
    no_assessment: bool = False,
    saved_plan: bool = False,
    answers: dict[str, str] | None = None,
) -> Prep:
    """The agenda for the next conversation with ``contact``. ``answers`` are the user's
    profile answers (``goal``, ``investment``, ``personality``), used on a first conversation."""
    last = contact.last_contact
    if contact.kind == "mentee":
        # with a mentee the agenda is about what you help them with, not your own plan
        names = {g.id: g.name for g in skill_map.gaps}
        focus = [FocusItem(g, names.get(g, g), 0, 0, True) for g in contact.helps]
        actions, next_up = [], None
        gaps_of_interest = list(contact.helps)
    else:
        helped = [f for f in focus if f.helped]
        gaps_of_interest = [f.gap for f in helped] or list(contact.helps)
        due_by = today + dt.timedelta(days=DUE_SOON_DAYS)
        focus_ids = {f.gap for f in (helped or focus)}
        open_ones = sorted(
            (a for a in actions if a.gap in focus_ids and a.status in ("open", "overdue")),
            key=lambda a: (a.due or dt.date.max, a.id),
        )
        actions = [a for a in open_ones if a.due is not None and a.due <= due_by]
        next_up = None if actions or not open_ones else open_ones[0]
        focus = sorted(focus, key=lambda f: not f.helped)  # their gaps first, stable otherwise
    since = _evidence_since(entries, last, gaps_of_interest, today)
    first = not contact.conversations
    introduce, unanswered = _introduce(guide, answers or {}) if first else ([], [])
    if contact.kind == "mentee":
        introduce, unanswered = [], []
    return Prep(
        gap_ids=list(skill_map.gap_ids),
        contact=contact,
        today=today,
        last_talked=last,
        focus=list(focus),
        evidence=since[:MAX_EVIDENCE],
        more_evidence=max(0, len(since) - MAX_EVIDENCE),
        actions=list(actions),
        next_up=next_up,
        question=_question(contact, focus, guide),
        offer=_offer(contact, strengths, guide),
        topics=pick_topics(guide, contact.kind, gaps_of_interest, len(contact.conversations)),
        no_assessment=no_assessment,
        saved_plan=saved_plan,
        introduce=introduce,
        unanswered=unanswered,
        ask_first=list(guide.introduce.ask_mentee) if first and contact.kind == "mentee" else [],
    )


ANSWERS = ("goal", "investment", "personality")


def _introduce(guide: NetworkGuide, answers: dict[str, str]) -> tuple[list[str], list[str]]:
    """The sentences that introduce the user, from the answers they gave, and the names of the
    answers they have not given yet."""
    from pm_coach.core.finding import answer

    said, missing = [], []
    for name in ANSWERS:
        text = answer(answers.get(name, ""))
        if text:
            said.append(getattr(guide.introduce, name).format(**{name: text}))
        else:
            missing.append(name)
    return said, missing
