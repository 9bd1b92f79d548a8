"""Use cases behind ``network prep`` and ``network find``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pm_coach.core.finding import FindResult
from pm_coach.core.prep import Prep
from pm_coach.models import Assessment, Evidence, Profile, SkillMap
from pm_coach.models.network import Contact


@dataclass(frozen=True)
class Situation:
    """What prep and find both start from: the profile, map, latest assessment, log, network."""

    profile: Profile
    skill_map: SkillMap
    assessment: Assessment | None
    entries: list[Evidence]
    contacts: list[Contact]


def load_situation(folder: Path) -> Situation:
    from pm_coach.core.progress import latest
    from pm_coach.store.assessments import load_assessments
    from pm_coach.store.evidence import EvidenceStore
    from pm_coach.store.maps import MapCatalog
    from pm_coach.store.network import load_contacts
    from pm_coach.store.profile import load_profile

    profile = load_profile(folder)
    skill_map = MapCatalog(folder).load(profile.map)
    return Situation(
        profile=profile,
        skill_map=skill_map,
        assessment=latest(load_assessments(folder), skill_map.id),
        entries=EvidenceStore(folder).load(),
        contacts=load_contacts(folder),
    )


def _focus_and_actions(
    s: Situation, today: dt.date
) -> tuple[list[tuple[str, str, int, int]], list[tuple[str, str, str, dt.date | None, str]]]:
    """The focus gaps (id, name, current, target) and their actions (id, title, gap, due,
    status) of the plan made today from the latest assessment; empty without one."""
    if s.assessment is None:
        return [], []
    from pm_coach.core.plan import build_plan

    plan = build_plan(
        s.skill_map, s.assessment, s.entries, start=today, hours_per_week=s.profile.hours_per_week
    )
    focus = [(g.gap, g.name, g.current, g.target) for g in plan.focus]
    actions = []
    for g in plan.focus:
        for a in g.actions:
            if a.done:
                status = "done"
            elif a.due is not None and a.due < today:
                status = "overdue"
            else:
                status = "open"
            actions.append((a.id, a.title, g.gap, a.due, status))
    return focus, actions


def prep(folder: Path, name: str, today: dt.date) -> Prep:
    """The agenda for the next conversation with the named contact."""
    from pm_coach.core import network
    from pm_coach.core.mentoring import strengths
    from pm_coach.core.prep import ActionItem, FocusItem, build_prep
    from pm_coach.store.content import network_guide

    s = load_situation(folder)
    contact = network.get(s.contacts, name)
    focus, actions = _focus_and_actions(s, today)
    return build_prep(
        contact,
        today=today,
        skill_map=s.skill_map,
        focus=[FocusItem(g, n, cur, tgt, g in contact.helps) for g, n, cur, tgt in focus],
        actions=[ActionItem(*a) for a in actions],
        entries=s.entries,
        strengths=strengths(s.skill_map, s.assessment, s.entries, today),
        guide=network_guide(),
        no_assessment=s.assessment is None,
    )


def find(folder: Path, gap: str | None, today: dt.date) -> FindResult:
    """Whom to look for: for ``gap``, or for each focus gap nobody helps with."""
    from pm_coach.core.evidence import check_gaps
    from pm_coach.core.finding import suggest
    from pm_coach.core.mentoring import strengths
    from pm_coach.store.content import network_guide

    s = load_situation(folder)
    names = {g.id: g.name for g in s.skill_map.gaps}
    if gap is not None:
        [gap_id] = check_gaps([gap], s.skill_map)
        gaps, based_on = [(gap_id, names[gap_id])], "gap"
    elif s.assessment is None:
        gaps, based_on = list(names.items()), "all"
    else:
        focus, _ = _focus_and_actions(s, today)
        gaps, based_on = [(g, n) for g, n, _, _ in focus], "focus"
    found = suggest(
        gaps,
        s.contacts,
        network_guide(),
        goal=s.profile.goal,
        investment=s.profile.investment,
        target_role=s.profile.target_role,
        include_helped=gap is not None,
    )
    return FindResult(
        suggestions=found,
        strengths=strengths(s.skill_map, s.assessment, s.entries, today),
        mentees=[c.name for c in s.contacts if c.kind == "mentee"],
        based_on=based_on,
    )
