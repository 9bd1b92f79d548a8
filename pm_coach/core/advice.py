"""Fitting a plan to the person: what they want next, where they came from, their market.

The plan itself is the same for everyone with the same ratings; this adds the coach's remarks
(an opening from the motivation check, a note on actions their background suits or needs to
approach differently) and keeps the reading that fits each gap's current level and their market.
Pure: plan and profile values in, a new plan out.
"""

from __future__ import annotations

from dataclasses import replace

from pm_coach.core.plan_model import FocusGap, Plan
from pm_coach.models import SkillMap

# What the plan opens with, per answer to the motivation check.
OPENINGS: dict[str, str] = {
    "manage": "You want to lead a team of PMs, so this plan builds the evidence a Head of "
    "Product panel asks for, hiring and coaching included.",
    "ic": "You would rather grow as a principal or staff PM than manage PMs. Put strategy, "
    "buy-in and domain first; delegation matters less on that path, and a lower target for it "
    "is a fair choice.",
    "expert": "You want to be the company's go-to expert in one area. Domain and buy-in carry "
    "that path; managing PMs is not required for it, so weigh the delegation actions lightly.",
    "unsure": "You are not sure yet whether you want to manage PMs. Mentoring or coaching "
    "someone (a delegation action) is a low-risk way to find out before you commit.",
}


def background_notes(g: FocusGap, skill_map: SkillMap, background: str) -> list[str]:
    """One line per planned action of ``g`` that the background suits or should adapt."""
    notes: list[str] = []
    for planned in g.actions:
        found = skill_map.action(planned.id)
        if found is None or planned.finished:
            continue
        note = found[1].background_note(background)
        if note is None:
            continue
        kind, text = note
        if kind == "suits":
            notes.append(f"{planned.title}: this plays to your {background} background.")
        else:
            notes.append(f"{planned.title}: coming from {background}, {_lower_first(text)}")
    return notes


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def tailor(
    plan: Plan, skill_map: SkillMap, *, background: str = "", market: str = "",
    motivation: str = "",
) -> Plan:  # fmt: skip
    """The plan with reading picked for each gap's current level and the market, background
    notes on its actions, and the opening that answers the motivation check."""

    def fit(g: FocusGap) -> FocusGap:
        gap = skill_map.gap(g.gap)
        if gap is None:
            return g
        reading = gap.resources_for(g.current, market or None) if g.resources else []
        return replace(g, resources=reading, advice=background_notes(g, skill_map, background))

    opening = OPENINGS.get(motivation, "") if skill_map.ask_motivation else ""
    return replace(
        plan,
        focus=[fit(g) for g in plan.focus],
        prove_it=[fit(g) for g in plan.prove_it],
        opening=opening,
    )
