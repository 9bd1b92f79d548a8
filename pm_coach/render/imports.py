"""What ``pm-coach import`` says: the entries a dry run would add or skip, and what was done."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from pm_coach.core.importers import ImportPlan
from pm_coach.models import Evidence
from pm_coach.render.words import count


def entries(n: int) -> str:
    return count(n, "entry", "entries")


def by_gap(added: Sequence[Evidence], suggested: int) -> str:
    """`` (strategy 2, no gap 1; 1 gap suggested)``, or nothing when no entry is added."""
    if not added:
        return ""
    counts: Counter[str] = Counter()
    for e in added:
        counts.update(e.gaps or ["no gap"])
    parts = ", ".join(f"{gap} {n}" for gap, n in counts.most_common())
    hint = f"; {count(suggested, 'gap')} suggested" if suggested else ""
    return f" ({parts}{hint})"


def line(e: Evidence, suggested: str | None) -> str:
    text = e.text if len(e.text) <= 70 else e.text[:69] + "…"
    gaps = ""
    if e.gaps:
        gaps = f" [{', '.join(e.gaps)}{' suggested' if suggested else ''}]"
    return f"{e.date.isoformat()} · {text}{gaps}"


def dry_run(plan: ImportPlan) -> list[str]:
    """One line per entry a dry run would import or skip, then the count."""
    out = [f"would import  {line(c.entry, c.suggested)}" for c in plan.new]
    out += [
        f"duplicate     {line(c.entry, None)}  ({c.where}: already in your log)"
        for c in plan.duplicates
    ]
    new = [c.entry for c in plan.new]
    out.append(
        f"Dry run: would import {entries(len(new))}"
        f"{by_gap(new, sum(1 for c in plan.new if c.suggested))}"
        f", skip {count(len(plan.duplicates), 'duplicate')}. Nothing was written."
    )
    return out
