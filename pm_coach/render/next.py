"""``pm-coach next``: the week ahead in under 20 lines at 80 columns. Week in, text out."""

from __future__ import annotations

import json
from typing import Any

from pm_coach.core.plan import Plan, PlannedAction
from pm_coach.core.tracking import Week
from pm_coach.render.plain import wrap_hint
from pm_coach.render.plan import day_short, offer_lines, replan_line

WIDTH = 80
MAX_LINES = 19
MAX_ACTIONS = 4  # overdue and due this week together, each with its log line


def _fit(text: str, width: int = WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _action_line(a: PlannedAction, when: str) -> str:
    return _fit(f"  {a.id} · {when} · {a.title}")


def _wrapped(text: str, max_lines: int = 2) -> list[str]:
    """``text`` in at most ``max_lines`` lines; a pm-coach command in it is never cut."""
    out = wrap_hint(text, WIDTH - 2)
    out = out[:1] + [line if line.startswith("  ") else "  " + line for line in out[1:]]
    if len(out) > max_lines and out[-1].startswith("  pm-coach "):
        return [*[_fit(" ".join(x.strip() for x in out[:-1]))], out[-1]][-max_lines:]
    if len(out) > max_lines:
        out = [*out[: max_lines - 1], _fit(" ".join(out[max_lines - 1 :]))]
    return out


def lines(plan: Plan, week: Week) -> list[str]:
    """The Monday view, as plain lines no wider than 80 columns and fewer than 20 in all.

    What to do comes first (overdue, due this week, each with its log line), then the re-plan
    prompt and one "looks done" offer; next up, progress, quiet people and silent gaps follow
    while there is room."""
    head = [_fit(f"Week of {day_short(week.today)} {week.today.year} · {plan.map_name}")]
    urgent: list[str] = []
    shown = 0
    for title, items, label in (
        ("Overdue", week.overdue, "overdue since"),
        ("Due this week", week.due, "due"),
    ):
        if not items:
            continue
        urgent.append(f"{title} ({len(items)}):")
        for a in items:
            if shown < MAX_ACTIONS and a.due:
                urgent += [_action_line(a, f"{label} {day_short(a.due)}"), _fit(f"    {a.log}")]
                shown += 1
    more = len(week.overdue) + len(week.due) - shown
    if more > 0:
        urgent.append(f"  … and {more} more: pm-coach plan")
    if not urgent:
        urgent.append("Nothing due this week.")
    tail = [line for t in [*offer_lines(plan)[:1], replan_line(plan)] if t for line in _wrapped(t)]
    optional: list[list[str]] = []
    if week.next:
        optional.append(
            ["Next up:"]
            + [
                _action_line(a, f"due {day_short(a.due)}")
                for a in week.next[:2]
                if a.due is not None
            ]
        )
    if week.progress:
        optional.append(
            _wrapped(
                "Progress: "
                + " · ".join(f"{p.name} {p.done} of {p.total} done" for p in week.progress)
            )
        )
    if plan.quiet:
        people = ", ".join(f"{p.name} ({p.days_since_contact} days)" for p in plan.quiet)
        optional.append(
            _wrapped(f"Gone quiet: {people}. After you talk: pm-coach network touch NAME")
        )
    if plan.silent_gaps:
        names = ", ".join(name for _, name in plan.silent_gaps)
        optional.append(_wrapped(f"No evidence in 90 days: {names}"))
    out = head + urgent
    for block in optional:
        if len(out) + len(block) + len(tail) <= MAX_LINES:
            out += block
    return (out + tail)[:MAX_LINES]


def _action(a: PlannedAction) -> dict[str, Any]:
    return {
        "id": a.id,
        "title": a.title,
        "gap": a.gap,
        "due": a.due.isoformat() if a.due else None,
        "status": a.status,
        "log": a.log,
    }


def as_json(plan: Plan, week: Week) -> str:
    data = {
        "today": week.today.isoformat(),
        "due": [_action(a) for a in week.due],
        "overdue": [_action(a) for a in week.overdue],
        "next": [_action(a) for a in week.next],
        "progress": [
            {"gap": p.gap, "name": p.name, "done": p.done, "total": p.total} for p in week.progress
        ],
        "quiet": [{"name": p.name, "days": p.days_since_contact} for p in plan.quiet],
        "silent_gaps": [gap for gap, _ in plan.silent_gaps],
        "offers": [{"action": o.action_id, "evidence": o.evidence_id} for o in plan.offers],
        "replan": plan.replan or None,
    }
    return json.dumps(data, ensure_ascii=False, indent=2)
