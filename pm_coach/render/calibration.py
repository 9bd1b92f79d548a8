"""Calibration in words: over- and under-claims, blind spots, hidden strengths, the all-5s
challenge. Shared by ``assess``, ``report`` (every format) and ``plan`` so they say the same."""

from __future__ import annotations

from pm_coach.core.calibration import OVER, UNDER, Calibration, GapCalibration
from pm_coach.models.skillmap import EvidenceBar

_REACH = {
    "self": "any reach",
    "team": "your team or wider",
    "teams": "several teams or wider",
    "company": "the whole company or wider",
    "external": "outside the company",
}


def level_text(value: float | None) -> str:
    """A level or a median as people write it: 3, 2.5; "–" when there is none."""
    if value is None:
        return "–"
    return str(int(value)) if value == int(value) else f"{value:g}"


def requirement(bar: EvidenceBar) -> str:
    """What an entry needs to clear ``bar``, e.g. "several teams or wider, with a result"."""
    parts = [_REACH[bar.scope]]
    if bar.metric:
        parts.append("with a result and a number")
    elif bar.result or bar.level > 2:
        parts.append("with a result")
    return ", ".join(parts)


def _mid_sentence(text: str) -> str:
    """A map's sentence to follow "e.g.": "A roadmap…" becomes "a roadmap…", but an acronym
    ("OKRs for…") or a name keeps its capital when its second letter is one too."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def claim(g: GapCalibration) -> str | None:
    """The over- or under-claim sentence for one gap; None when rating and evidence agree."""
    if g.self_level is None:
        return None
    if g.verdict == OVER:
        backs = f"supports {g.supported}" if g.supported else "supports no level yet"
        text = f"{g.name}: you rate {g.self_level}; your evidence {backs}."
        if g.next_bar is not None:
            text += (
                f" Log what a level-{g.next_bar.level} person would have done, e.g. "
                f"{_mid_sentence(g.next_bar.proof.rstrip('.'))} ({requirement(g.next_bar)})."
            )
        return text
    if g.verdict == UNDER:
        return (
            f"{g.name}: your evidence supports {g.supported}; you rate {g.self_level}. "
            "Rate what you have shown: under-rating is common, most of all for confidence."
        )
    return None


def others_line(g: GapCalibration) -> str | None:
    """The blind-spot or hidden-strength sentence for one gap; None otherwise."""
    if g.self_level is None or g.others is None:
        return None
    seen = f"others see {level_text(g.others)}, you see {g.self_level}"
    if g.blind_spot:
        return (
            f"{g.name}: {seen}. A blind spot: ask them what they would need to see from you "
            f"before they rated it {g.self_level}."
        )
    if g.hidden_strength:
        return (
            f"{g.name}: {seen}. A hidden strength: they see more than you credit yourself "
            "with. This is usually the confidence gap talking; trust their view and use it."
        )
    return None


def raters_text(g: GapCalibration) -> str:
    """Each rater's level for the gap: "Dana (manager) 3, Sam (peer) 4"."""
    return ", ".join(
        f"{name} ({relation}) {level}" if relation else f"{name} {level}"
        for name, relation, level in g.raters
    )


def challenge(c: Calibration) -> str | None:
    """The challenge to a self-assessment that rates every gap 5 on thinner evidence."""
    if not c.all_fives_challenged:
        return None
    rated = [g for g in c.gaps if g.self_level is not None]
    backed = sum(1 for g in rated if g.supported >= 5)
    return (
        f"You rate every gap 5, but your evidence backs a 5 on {backed} of {len(rated)}. A 5 "
        "means people well beyond your team take up what you started; before you aim higher, "
        "test the claim: log that evidence, or ask a manager or mentor to rate you on the same "
        "statements."
    )


def window_text(c: Calibration) -> str:
    """Which evidence counted, e.g. "evidence from 2025-06-30 to 2026-06-30"."""
    from pm_coach.core.calibration import window_start

    return f"evidence from {window_start(c.on, c.window_days).isoformat()} to {c.until.isoformat()}"
