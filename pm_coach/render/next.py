"""``pm-coach next``: the week ahead in under 20 lines, laid out for the screen's width (80
columns when piped). Week in, text out."""

from __future__ import annotations

from typing import Any

from pm_coach.core.network import name_arg
from pm_coach.core.plan_model import Plan, PlannedAction
from pm_coach.core.tracking import Week
from pm_coach.render.hint import Say
from pm_coach.render.json_out import dumps, fields
from pm_coach.render.plain import cells, hang, split_command, wrap
from pm_coach.render.plan import day_short, offer_lines, replan_line

MAX_LINES = 19
MAX_ACTIONS = 4  # overdue and due this week together, each with its log line


def _action_lines(a: PlannedAction, when: str, width: int) -> list[str]:
    """The action's id and date, its title after them, wrapped under the id."""
    return hang(f"{a.id} · {when} · {a.title}", width, "  ", "    ")


def _wrapped(text: str, width: int = 80, max_lines: int = 2) -> list[str]:
    """``text`` in at most ``max_lines`` lines; a pm-coach command in it is never cut, and the
    words are cut (with "…") only when they would take more lines than that."""
    out = hang(text, width, "", "  ")
    if len(out) <= max_lines:
        return out
    prose, command = split_command(text)
    if command and max_lines > 1:
        return [*_wrapped(prose, width, max_lines - 1), "  " + command]
    return [*out[: max_lines - 1], _cut(" ".join(out[max_lines - 1 :]), width)]


def _cut(text: str, width: int) -> str:
    """``text`` cut at a space to fit ``width`` with "…" after it."""
    text = " ".join(text.split())
    if cells(text) <= width:
        return text
    kept = wrap(text, width - 2)[0]
    return kept + " …"


def _items(label: str, items: list[str], width: int, max_lines: int = 2) -> list[str]:
    """``label`` and ``items`` joined by " · ", broken only between items (an item is never
    split), continued lines indented; items beyond ``max_lines`` are counted, not shown."""
    lines: list[str] = []
    line = label
    for n, item in enumerate(items):
        joined = f"{line} · {item}" if line != label else f"{line} {item}"
        if cells(joined) <= width or line == label:
            line = joined
            continue
        if len(lines) + 1 == max_lines:
            line += f" · and {len(items) - n} more"
            break
        lines.append(line)
        line = f"  {item}"
    return [*lines, line]


def lines(plan: Plan, week: Week, say: Say, width: int = 80) -> list[str]:
    """The Monday view, as plain lines no wider than ``width`` columns (a pm-coach command
    excepted: it is never cut) and fewer than 20 in all.

    What to do comes first (overdue, due this week, each with its log line), then the re-plan
    prompt and one "looks done" offer; next up, progress, quiet people and silent gaps follow
    while there is room. ``say`` words the commands (app.hints.say)."""
    head = hang(f"Week of {day_short(week.today)} {week.today.year} · {plan.map_name}", width)
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
                urgent += _action_lines(a, f"{label} {day_short(a.due)}", width)
                urgent.append(f"    {a.log}")
                shown += 1
    more = len(week.overdue) + len(week.due) - shown
    if more > 0:
        urgent.append(f"  … and {more} more: {say('plan')}")
    if not urgent:
        urgent.append("Nothing due this week.")
    tail = [
        line
        for t in [*offer_lines(plan, say)[:1], replan_line(plan, say)]
        if t
        for line in _wrapped(t, width)
    ]
    optional: list[list[str]] = []
    if week.next:
        optional.append(
            ["Next up:"]
            + [
                line
                for a in week.next[:2]
                if a.due is not None
                for line in _action_lines(a, f"due {day_short(a.due)}", width)
            ]
        )
    if week.progress:
        optional.append(
            _items(
                "Progress:", [f"{p.name} {p.done} of {p.total} done" for p in week.progress], width
            )
        )
    if plan.quiet:
        people = ", ".join(f"{p.name} ({p.days_since_contact} days)" for p in plan.quiet)
        optional.append(
            _wrapped(
                f"Gone quiet: {people}. After you talk: "
                + say("network-touch", name=name_arg(plan.quiet[0].name)),
                width,
            )
        )
    if plan.silent_gaps:
        names = ", ".join(name for _, name in plan.silent_gaps)
        optional.append(_wrapped(f"No evidence in 90 days: {names}", width))
    out = head + urgent
    for block in optional:
        if len(out) + len(block) + len(tail) <= MAX_LINES:
            out += block
    return (out + tail)[:MAX_LINES]


def _action(a: PlannedAction) -> dict[str, Any]:
    return fields(a, "id title gap due status log")


def as_json(plan: Plan, week: Week) -> str:
    data = {
        "today": week.today,
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
    return dumps(data)
