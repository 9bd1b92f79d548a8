"""A plan as a terminal view (rich), a Markdown document, or JSON. Plan in, text out."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from pm_coach.core.calibration import level_number
from pm_coach.core.network import name_arg
from pm_coach.core.plan_model import (
    DONE,
    FOCUS,
    OVERDUE,
    SKIPPED,
    FocusGap,
    Person,
    Plan,
    PlannedAction,
)
from pm_coach.core.schedule import MIX
from pm_coach.core.tracking import ALL_FINISHED, NEWER_ASSESSMENT
from pm_coach.render.fit import ByWidth
from pm_coach.render.hint import Hint, Say
from pm_coach.render.json_out import dumps, fields
from pm_coach.render.markdown import md_escape
from pm_coach.render.plain import hang
from pm_coach.render.words import MONTHS_SHORT

if TYPE_CHECKING:
    from rich.console import RenderableType

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
ROLE_LABELS = {
    "focus": "focus",
    "prove-it": "prove it",
    "later": "later",
    "on-track": "on track",
}


# --- shared wording ---------------------------------------------------------------------------


def day(d: dt.date) -> str:
    """``Sun 6 Dec 2026``: fixed English names, whatever the locale."""
    return f"{DAYS[d.weekday()]} {d.day} {MONTHS_SHORT[d.month - 1]} {d.year}"


def n_weeks(n: int) -> str:
    return "1 week" if n == 1 else f"{n} weeks"


def hours(h: float) -> str:
    return f"{round(h, 1):g}"


def weeks_label(a: PlannedAction) -> str:
    if a.first_week is None or a.last_week is None:
        return ""
    if a.first_week == a.last_week:
        return f"week {a.first_week}"
    return f"weeks {a.first_week}–{a.last_week}"


def effort_label(a: PlannedAction) -> str:
    text = f"{a.type} · {hours(a.effort_hours)} h"
    if a.weekly_hours is not None and a.last_week != a.first_week:
        text += f" (about {hours(a.weekly_hours)} h a week)"
    return text


def mix_label(plan: Plan) -> str:
    total = plan.planned_hours
    if not total:
        return "nothing planned"
    parts = [f"{round(100 * plan.hours_by_type[t] / total)}% {t}" for t in MIX]
    aim = "/".join(str(round(100 * v)) for v in MIX.values())
    return f"{', '.join(parts)}; aim {aim}"


def no_room_label(plan: Plan) -> str:
    return (
        f"no room in {n_weeks(plan.weeks)} at {hours(plan.hours_per_week)} h a week; "
        "try a longer --weeks or more --hours"
    )


def heading(g: FocusGap, number: int) -> str:
    kind = f"Focus {number}" if g.role == FOCUS else "Prove it"
    return f"{kind}: {g.name} (level {g.current}, target {g.target})"


def all_done_note(g: FocusGap, say: Say) -> list[str]:
    """What to do once every action of the gap is done, a line per command (none otherwise)."""
    if any(not a.finished for a in g.actions) or g.remaining:
        return []
    return [
        "Every action for this gap in the map is done.",
        f"Log new evidence: {say('log-gap', gap=g.gap)}",
        f"Or reassess: {say('assess')}",
    ]


def empty_text(say: Say) -> str:
    """What a plan with nothing to do says."""
    return (
        "Every rated gap is at or above its target and backed by recent evidence. "
        f"To plan your next step, raise a target: {say('assess')}"
    )


def footer(plan: Plan, say: Say) -> list[str]:
    """How to record the plan's progress: a line per command, each command at the end of its
    line (so none is ever wrapped in two), naming the first open action (the one most likely
    next) so that it pastes as shown."""
    open_ids = [a.id for g in (*plan.focus, *plan.prove_it) for a in g.actions if not a.finished]
    lines = []
    if open_ids:
        first = open_ids[0]
        lines = [
            f"As you finish each action: {say('log-action', action=first)}",
            f"Or mark it done: {say('plan-done', action=first)}",
            f"Not doing one: {say('plan-skip', action=first)}",
        ]
    return [*lines, f"The week ahead: {say('next')}"]


MD_FOOTER = (
    "Made with pm-coach. An action counts as done once its evidence is logged with the command "
    "shown, or it is marked done; due dates stay as saved until a new plan is made."
)


def day_short(d: dt.date) -> str:
    """``Sun 6 Dec``."""
    return f"{DAYS[d.weekday()]} {d.day} {MONTHS_SHORT[d.month - 1]}"


def away_label(plan: Plan) -> str:
    return ", ".join(
        f"{day_short(a)} to {day_short(b)}" if a != b else day_short(a) for a, b in plan.away
    )


def made_notice(plan: Plan, say: Say, *, saved: bool, auto: bool, width: int = 80) -> list[str]:
    """What a command says when it made a plan, as lines for ``width`` columns."""
    if not saved:
        return ["No plan yet."] if auto else []
    what = "No plan yet, so one was made for you" if auto else "Saved a new plan"
    said = [
        f"{what}: {n_weeks(plan.weeks)} from {day(plan.start)}, {hours(plan.hours_per_week)} h "
        "a week. Its due dates stay fixed.",
        *([f"See it: {say('plan')}"] if auto else []),
        f"Replace it: {say('plan-new')}",
    ]
    return [line for text in said for line in hang(text, width, "", "  ")]


def replan_line(plan: Plan, say: Say) -> str:
    if plan.replan == NEWER_ASSESSMENT:
        return (
            "You have reassessed since this plan was made. Plan from the new ratings "
            f"(done work carries over): {say('plan-new')}"
        )
    if plan.replan == ALL_FINISHED:
        return f"Every action in this plan is done or skipped. Make the next one: {say('plan-new')}"
    return ""


def offer_lines(plan: Plan, say: Say) -> list[str]:
    return [
        f"Looks like {o.action_id} is done: "
        + say("plan-done-by", action=o.action_id, id=o.evidence_id)
        for o in plan.offers
    ]


def status_label(a: PlannedAction) -> str:
    """``by Sun 6 Dec``, ``overdue since …``, ``done Mon 30 Nov``, ``skipped``, ``no room``."""
    if a.status == DONE:
        return f"done {day_short(a.done_on)}" if a.done_on else "done"
    if a.status == SKIPPED:
        return "skipped"
    if a.due is None:
        return "no room"
    if a.status == OVERDUE:
        return f"overdue since {day_short(a.due)}"
    return f"by {day_short(a.due)}"


SYMBOLS = {"done": "✓", "skipped": "–", "overdue": "!", "open": "☐"}


def no_fit_text(plan: Plan, say: Say) -> str:
    """Advice when not a single action fits the horizon (nothing is saved)."""
    nf = plan.no_fit
    assert nf is not None
    lines = [
        f"Nothing fits in {n_weeks(plan.weeks)} at {hours(plan.hours_per_week)} h a week, so no "
        "plan was saved.",
        f"The smallest action is {nf.action_id} ({nf.title}): {hours(nf.effort_hours)} h over at "
        f"least {n_weeks(nf.min_weeks)}.",
    ]
    tries = []
    if nf.weeks_needed is not None:
        tries.append(
            f"{n_weeks(nf.weeks_needed)} at {hours(plan.hours_per_week)} h a week: "
            + say("plan-new-fit", weeks=nf.weeks_needed, hours=hours(plan.hours_per_week))
        )
    if nf.hours_needed is not None:
        tries.append(
            f"{hours(nf.hours_needed)} h a week for {n_weeks(plan.weeks)}: "
            + say("plan-new-fit", weeks=plan.weeks, hours=hours(nf.hours_needed))
        )
    if tries:
        lines.append("It would fit in " + tries[0])
        lines.extend(f"or in {t}" for t in tries[1:])
    return "\n".join(lines)


def no_fit_json(plan: Plan) -> str:
    nf = plan.no_fit
    assert nf is not None
    return dumps(
        {
            "saved": False,
            "weeks": plan.weeks,
            "hours_per_week": plan.hours_per_week,
            "no_fit": fields(
                nf,
                "smallest title effort_hours min_weeks weeks_needed hours_needed",
                smallest=nf.action_id,
            ),
        }
    )


# --- support network --------------------------------------------------------------------------


def person_label(p: Person) -> str:
    quiet = f", quiet for {p.days_since_contact} days" if p.quiet else ""
    return f"{p.name} ({p.kind}{quiet})"


def people_line(g: FocusGap, say: Say) -> str:
    """Who helps with the gap, or what kind of person to look for; empty when neither applies."""
    if g.people:
        return "People who help: " + " · ".join(person_label(p) for p in g.people)
    if g.look_for:
        return (
            f"Nobody in your network helps with this yet. {g.look_for} For a coach or a circle, "
            "change the kind in: " + say("network-add", kind="mentor", gap=g.gap)
        )
    return ""


def quiet_lines(plan: Plan, say: Say) -> list[str]:
    return [
        f"{p.name} ({p.kind}): no conversation for {p.days_since_contact} days. After you talk: "
        + say("network-touch", name=name_arg(p.name))
        for p in plan.quiet
    ]


# --- JSON -------------------------------------------------------------------------------------


def _action_dict(a: PlannedAction) -> dict[str, Any]:
    return fields(
        a,
        "id title gap type due evidence done status starts first_week last_week effort_hours "
        "weekly_hours done_on done_by why how log",
        done=a.done,
        why=a.why or None,
    )


def _gap_dict(g: FocusGap) -> dict[str, Any]:
    return fields(
        g,
        "gap name rank current target why actions resources remaining people look_for advice",
        actions=[_action_dict(a) for a in g.actions],
        # A resource's fields are text, a year and a list of levels: as they are, they are what
        # model_dump(mode="json") gives, without building pydantic's serializer for the class.
        resources=[dict(r) for r in g.resources],
        people=[asdict(p) for p in g.people],
        look_for=g.look_for or None,
    )


def to_dict(plan: Plan) -> dict[str, Any]:
    return {
        "start": plan.start,
        "weeks": plan.weeks,
        "end": plan.end,
        "hours_per_week": plan.hours_per_week,
        "map": plan.map_id,
        "assessed_on": plan.assessed_on,
        "opening": plan.opening or None,
        "created": plan.created,
        "today": plan.today,
        "away": [{"first": a, "last": b} for a, b in plan.away],
        "planned_hours": round(plan.planned_hours, 2),
        "hours_by_type": dict(plan.hours_by_type),
        "focus": [_gap_dict(g) for g in plan.focus],
        "prove_it": [_gap_dict(g) for g in plan.prove_it],
        "ranking": [
            fields(
                s,
                "gap name rank current target score backed supported others blind_spot role why",
                others=level_number(s.others),
            )
            for s in plan.ranking
        ],
        "unrated": [{"gap": gid, "name": name} for gid, name in plan.unrated],
        "quiet": [asdict(p) for p in plan.quiet],
        "replan": plan.replan or None,
        "offers": [
            {"action": o.action_id, "evidence": o.evidence_id, "text": o.text} for o in plan.offers
        ],
    }


def as_json(plan: Plan) -> str:
    return dumps(to_dict(plan))


# --- terminal ---------------------------------------------------------------------------------


def _terminal_action(a: PlannedAction, plan: Plan, full: bool) -> list[RenderableType]:
    from rich.padding import Padding
    from rich.text import Text

    styles = {DONE: "green", SKIPPED: "dim", OVERDUE: "bold red"}
    line = Text(f"{SYMBOLS[a.status]} ", style=styles.get(a.status, ""))
    line.append(a.id, style="cyan")
    line.append(" · ")
    line.append(status_label(a), style=styles.get(a.status, "bold"))
    title = Text(a.title, style="dim" if a.finished else "")
    parts: list[RenderableType] = [
        Padding(line, (0, 0, 0, 2), expand=False),
        Padding(title, (0, 0, 0, 4), expand=False),
    ]
    if a.status == SKIPPED and a.why:
        parts.append(Padding(Text(f"why: {a.why}", style="dim"), (0, 0, 0, 4), expand=False))
    if a.due is None and not a.finished:
        parts.append(Padding(Text(no_room_label(plan), style="yellow"), (0, 0, 0, 4), expand=False))
    if not full:
        return parts
    if a.status == DONE and a.done_by:
        parts.append(
            Padding(
                Text(f"evidence: {', '.join(a.done_by)}", style="dim"), (0, 0, 0, 4), expand=False
            )
        )
    if a.finished:
        return parts
    if a.due is not None:
        parts.append(
            Padding(
                Text(f"{weeks_label(a)} · {effort_label(a)}", style="dim"),
                (0, 0, 0, 4),
                expand=False,
            )
        )
    # Steps hang under their numbers; "Log it" keeps its command whole (Padding would cut it).
    parts += [Hint(step, first=f"    {i}. ") for i, step in enumerate(a.how, start=1)]
    if a.evidence:
        parts.append(Hint(f"Evidence: {a.evidence}", first="    ", rest="      "))
    parts.append(Hint(f"Log it: {a.log}", "green", first="    ", rest="      "))
    return parts


def _terminal_gap(
    g: FocusGap, number: int, plan: Plan, full: bool, say: Say
) -> list[RenderableType]:
    from rich.padding import Padding
    from rich.text import Text

    parts: list[RenderableType] = [Text(""), Text(heading(g, number), style="bold magenta")]
    for a in g.actions:
        parts.extend(_terminal_action(a, plan, full))
    for line in g.advice if full else []:
        parts.append(Hint(line, "italic", first="  "))
    if full and g.resources:
        read = " · ".join(f"{r.title} ({r.author}, {r.kind})" for r in g.resources)
        parts.append(Hint(f"Resources: {read}", first="  ", rest="    "))
    people = people_line(g, say) if full else ""
    if people:
        parts.append(Hint(people, "italic", first="  ", rest="    "))
    note = all_done_note(g, say)
    if note:
        parts += [Hint(line, "yellow", first="  ") for line in note]
    elif full and g.remaining and g.role == FOCUS:
        more = "1 more action" if g.remaining == 1 else f"{g.remaining} more actions"
        parts.append(
            Padding(Text(f"{more} in the map for a later plan.", style="dim"), (0, 0, 0, 2))
        )
    return parts


def terminal(plan: Plan, say: Say, *, full: bool = False) -> RenderableType:
    """The plan on screen; ``say`` words its commands (app.hints.say)."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    parts: list[RenderableType] = [
        Text(f"Your plan: {plan.map_name}", style="bold"),
        Text(
            f"{day(plan.start)} to {day(plan.end)} · {n_weeks(plan.weeks)} at "
            f"{hours(plan.hours_per_week)} h a week · from your assessment of "
            f"{day_short(plan.assessed_on)}"
        ),
    ]
    if plan.away:
        parts.append(Text(f"Away: {away_label(plan)}", style="dim"))
    if plan.opening:
        parts.append(Text(plan.opening))
    if full:
        parts.append(
            Text(
                f"Planned {hours(plan.planned_hours)} of "
                f"{hours(plan.hours_per_week * plan.weeks)} h · mix: {mix_label(plan)}",
                style="dim",
            )
        )
    parts.append(Text(""))

    def priorities(width: int) -> RenderableType:
        # Below 110 columns the why column would wrap to a few words a line: the reasons
        # follow the table instead, one a line under the gap's rank.
        why_column = full and width >= 110
        table = Table(
            title="Priorities",
            title_justify="left",
            title_style="bold",
            box=box.SIMPLE_HEAD,
            pad_edge=False,
            show_edge=False,
            expand=False,
        )
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column("gap", style="magenta", max_width=30)
        table.add_column("level", justify="center", no_wrap=True)
        table.add_column("backed", justify="center", no_wrap=True)
        with_others = any(s.others is not None for s in plan.ranking)
        if with_others:
            table.add_column("others", justify="center", no_wrap=True)
        table.add_column("plan", no_wrap=True)
        if why_column:
            table.add_column("why", ratio=1)
        for s in plan.ranking:
            row = [str(s.rank), s.name, f"{s.current} → {s.target}", str(s.supported)]
            if with_others:
                row.append(_level(s.others))
            row.append(ROLE_LABELS.get(s.role, s.role))
            table.add_row(*row, *([s.why] if why_column else []))
        if not full or why_column:
            return table
        reasons = [Hint(s.why, first=f"{s.rank}. ") for s in plan.ranking]
        return Group(table, Text(""), Text("Why this order", style="bold"), *reasons)

    parts.append(ByWidth(priorities))
    if plan.unrated:
        names = ", ".join(name for _, name in plan.unrated)
        parts.append(Hint(f"Not rated in this assessment: {names}. Rate them: {say('assess')}"))
    if not plan.focus and not plan.prove_it:
        parts.extend([Text(""), Hint(empty_text(say), "yellow")])
    for i, g in enumerate(plan.focus, start=1):
        parts.extend(_terminal_gap(g, i, plan, full, say))
    for g in plan.prove_it:
        parts.extend(_terminal_gap(g, 0, plan, full, say))
    if full and plan.quiet:
        parts.extend([Text(""), Text("Relationships gone quiet", style="bold")])
        parts.extend(Hint(line, first="  ", rest="    ") for line in quiet_lines(plan, say))
    extra = [*offer_lines(plan, say), replan_line(plan, say)]
    extra = [line for line in extra if line]
    if extra:
        parts.append(Text(""))
        parts.extend(Hint(line, style="yellow") for line in extra)
    parts.append(Text(""))
    parts += [Hint(line, "dim") for line in footer(plan, say)]
    if not full:
        parts.append(Hint(f"Steps, evidence, resources and people: {say('plan-full')}", "dim"))
    return Group(*parts)


# --- Markdown ---------------------------------------------------------------------------------

md = md_escape


def _md_action(a: PlannedAction, number: int, plan: Plan, level: int) -> list[str]:
    lines = [f"{'#' * level} {number}. {md(a.title)}", ""]
    if a.due is None:
        lines.append(f"- **Not scheduled:** {md(no_room_label(plan))}")
    else:
        due = day(a.due)
        lines.append(f"- **When:** {weeks_label(a)}, due {due}")
    if a.status == OVERDUE:
        lines.append("- **Status:** overdue")
    effort = f"{a.type}, about {hours(a.effort_hours)} hours"
    if a.weekly_hours is not None and a.first_week != a.last_week:
        effort += f" ({hours(a.weekly_hours)} h a week)"
    lines.append(f"- **Kind and effort:** {effort}")
    lines.append("- **Steps:**")
    lines.extend(f"  {i}. {md(step)}" for i, step in enumerate(a.how, start=1))
    lines.append(f"- **Evidence it leaves:** {md(a.evidence)}")
    lines.append(f"- **Record it:** `{a.log}`")
    lines.append("")
    return lines


def _md_gap(g: FocusGap, number: int, plan: Plan, say: Say, level: int = 2) -> list[str]:
    lines = [f"{'#' * level} {md(heading(g, number))}", "", f"*Why:* {md(g.why)}.", ""]
    if g.advice:
        lines.extend([*(f"- {md(line)}" for line in g.advice), ""])
    finished = [a for a in g.actions if a.finished]
    if finished:
        lines.append("Already done or skipped:")
        lines.append("")
        for a in finished:
            when = day(a.done_on) if a.done_on else ""
            if a.status == SKIPPED:
                lines.append(f"- ~~{md(a.title)}~~ (`{a.id}`): skipped {when}; {md(a.why)}")
                continue
            proof = f", evidence {', '.join(a.done_by)}" if a.done_by else ""
            lines.append(f"- ~~{md(a.title)}~~ (`{a.id}`): done {when}{proof}")
        lines.append("")
    todo = [a for a in g.actions if not a.finished]
    for i, a in enumerate(todo, start=1):
        lines.extend(_md_action(a, i, plan, level + 1))
    note = all_done_note(g, say)
    if note:
        lines.extend([md(" ".join(note)), ""])
    if g.resources:
        lines.extend(["**Resources**", ""])
        lines.extend(f"- *{md(r.title)}*, {md(r.author)} ({r.kind})" for r in g.resources)
        lines.append("")
    people = people_line(g, say)
    if people:
        lines.extend([md(people), ""])
    if g.remaining and g.role == FOCUS and not note:
        more = "1 more action" if g.remaining == 1 else f"{g.remaining} more actions"
        lines.extend([f"{more} for this gap wait in the skill map for a later plan.", ""])
    return lines


def markdown(
    plan: Plan, say: Say, *, name: str = "", current_role: str = "", target_role: str = ""
) -> str:
    """The plan as a Markdown document to share with a manager or mentor; ``say`` words its
    commands (app.hints.say)."""
    title = f"Development plan: {md(name)}" if name else "Development plan"
    lines = [f"# {title}", ""]
    goal_from = current_role
    goal_to = target_role or plan.to_role
    if goal_from or target_role:
        move = f"from {md(goal_from)} to {md(goal_to)}" if goal_from else f"towards {md(goal_to)}"
        lines.extend([f"Growing {move}.", ""])
    lines.extend(
        [
            f"- **Period:** {n_weeks(plan.weeks)}, {day(plan.start)} to {day(plan.end)}",
            f"- **Time:** {hours(plan.hours_per_week)} hours a week; "
            f"{hours(plan.planned_hours)} hours planned — {mix_label(plan)}",
            f"- **Based on:** self-assessment of {day(plan.assessed_on)} against the skill map "
            f"*{md(plan.map_name)}* (`{plan.map_id}`)",
            "",
            *([md(plan.opening), ""] if plan.opening else []),
            "## Priorities",
            "",
            "| Rank | Gap | Now | Target | Backed | Others | In this plan | Why |",
            "|---:|---|---:|---:|---:|---:|---|---|",
        ]
    )
    for s in plan.ranking:
        lines.append(
            f"| {s.rank} | {md(s.name)} | {s.current} | {s.target} | {s.supported} | "
            f"{_level(s.others)} | {ROLE_LABELS.get(s.role, s.role)} | {md(s.why)} |"
        )
    lines.append("")
    if plan.unrated:
        names = ", ".join(md(n) for _, n in plan.unrated)
        lines.extend([f"Not rated in this assessment: {names}.", ""])
    if not plan.focus and not plan.prove_it:
        lines.extend([md(empty_text(say)), ""])
    timeline = sorted(
        (
            (a.due, a.starts, g_index, a_index, g, a)
            for g_index, g in enumerate([*plan.focus, *plan.prove_it])
            for a_index, a in enumerate(g.actions)
            if a.due is not None
        ),
        key=lambda row: row[:4],
    )
    if timeline:
        lines.extend(["## Timeline", "", "| Due | Weeks | Gap | Action |", "|---|---|---|---|"])
        for due, _, _, _, g, a in timeline:
            lines.append(f"| {day(due)} | {weeks_label(a)} | {md(g.name)} | {md(a.title)} |")
        lines.append("")
    for i, g in enumerate(plan.focus, start=1):
        lines.extend(_md_gap(g, i, plan, say))
    if plan.prove_it:
        lines.extend(
            [
                "## Ratings to prove",
                "",
                "These gaps are rated at or above target, but no evidence from the last 180 days "
                "backs the rating. One step each produces that evidence.",
                "",
            ]
        )
        for g in plan.prove_it:
            lines.extend(_md_gap(g, 0, plan, say, level=3))
    if plan.quiet:
        lines.extend(["## Relationships gone quiet", ""])
        lines.extend(f"- {md(line)}" for line in quiet_lines(plan, say))
        lines.append("")
    lines.extend(["---", "", md(MD_FOOTER), ""])
    return "\n".join(lines)


def _level(value: float | None) -> str:
    """Others' median as people write it (3, 2.5), or "–" when nobody rated the gap."""
    if value is None:
        return "–"
    return str(int(value)) if value == int(value) else f"{value:g}"
