"""The agenda for the next conversation, as a one-page Markdown document."""

from __future__ import annotations

from pm_coach.core.network import name_arg
from pm_coach.core.prep import Prep
from pm_coach.render.hint import Say
from pm_coach.render.plan import md
from pm_coach.render.words import count


def markdown(prep: Prep, say: Say) -> str:
    """The agenda; ``say`` words the commands in it (app.hints.say)."""
    c = prep.contact
    who = md(c.name)
    lines = [f"# Next conversation with {who} ({c.kind})", ""]
    talks = len(c.conversations)
    if prep.last_talked is None:
        lines.append(f"Prepared {prep.today.isoformat()} · no conversation recorded yet")
    else:
        days = (prep.today - prep.last_talked).days
        lines.append(
            f"Prepared {prep.today.isoformat()} · last talked {prep.last_talked.isoformat()} "
            f"({count(days, 'day')} ago) · {count(talks, 'conversation')} so far"
        )
    lines.append("")
    lines += _first_conversation(prep, say)

    if c.kind == "mentee":
        lines += ["## What we are working on", ""]
        if prep.focus:
            lines += [f"- {md(f.name)}" for f in prep.focus]
        else:
            lines.append(
                f"- Nothing recorded yet: ask {who} which gap they want to work on "
                f"({', '.join(prep.gap_ids)}), then add it with "
                f"`{say('network-edit-helps', name=name_arg(c.name), gap=prep.gap_ids[0])}`."
            )
    else:
        lines += ["## What I am working on", ""]
        if prep.no_assessment:
            lines.append(
                f"- No self-assessment yet, so no focus gaps: run `{say('assess')}` before the "
                "conversation."
            )
        for f in prep.focus:
            mark = f" · {who} helps with this" if f.helped else ""
            lines.append(f"- **{md(f.name)}**: level {f.current}, aiming for {f.target}{mark}")
        if prep.focus and not any(f.helped for f in prep.focus):
            lines.append(
                f"- None of these is a gap {who} helps with; ask which one they know best."
            )
    lines.append("")

    heading = (
        f"## Since we last talked ({prep.last_talked.isoformat()})"
        if prep.last_talked
        else "## Evidence from the last 30 days"
    )
    lines += [heading, ""]
    if prep.evidence:
        for e in prep.evidence:
            text = md(e.text)
            if e.result:
                text += f" — {md(e.result)}"
            gaps = f" ({', '.join(e.gaps)})" if e.gaps else ""
            lines.append(f"- {e.date.isoformat()}: {text}{gaps}")
        if prep.more_evidence:
            # quoted, so that pasted into a shell it stays one value
            since = prep.last_talked.isoformat() if prep.last_talked else '"30 days ago"'
            lines.append(
                f"- …and {count(prep.more_evidence, 'more entry', 'more entries')}: "
                f"`{say('evidence-since', since=since)}`"
            )
    else:
        lines.append(
            "- Nothing logged in this time. Say what got in the way; that is worth an answer too."
        )
    lines.append("")

    if c.kind != "mentee":
        lines += ["## Due or overdue", ""]
        if prep.actions:
            for a in prep.actions:
                when = (
                    f"overdue since {a.due.isoformat()}"
                    if a.status == "overdue" and a.due
                    else f"due {a.due.isoformat()}"
                    if a.due
                    else "no date"
                )
                lines.append(f"- [ ] {md(a.title)} ({a.gap}, {when})")
        elif prep.next_up is not None:
            a = prep.next_up
            due = f", due {a.due.isoformat()}" if a.due else ""
            lines.append(
                f"- Nothing due in the next two weeks. Next up: {md(a.title)} ({a.gap}{due})"
            )
        else:
            lines.append("- Nothing due in the next two weeks.")
        if not prep.saved_plan and not prep.no_assessment:
            lines.append(
                "- (No saved plan, so these dates are worked out today; keep them fixed with "
                f"`{say('plan-new')}`.)"
            )
        lines.append("")

    lines += ["## One question to ask", "", f"> {md(prep.question)}", ""]
    lines += ["## One thing to offer", "", md(prep.offer), ""]
    if prep.topics:
        lines += ["## If the conversation needs a start", ""]
        for n, t in enumerate(prep.topics, start=1):
            lines.append(f"{n}. **{md(t.title)}**: {md(t.prompt)}")
        lines.append("")
    lines += [
        "## Notes",
        "",
        f"Afterwards, record it: `{say('network-touch-note', name=name_arg(c.name))}`",
        "",
    ]
    return "\n".join(lines)


FLAGS = {"goal": "--goal", "investment": "--investment", "personality": "--personality"}


def _first_conversation(prep: Prep, say: Say) -> list[str]:
    """For a first conversation: how to introduce yourself, or what to ask a new mentee."""
    lines: list[str] = []
    if prep.introduce or prep.unanswered:
        lines += ["## Introduce yourself", ""]
        lines += [f"- {md(s)}" for s in prep.introduce]
        if prep.unanswered:
            flags = " ".join(f'{FLAGS[n]} "…"' for n in prep.unanswered)
            lines.append(
                f"- Not answered yet: {', '.join(prep.unanswered)}. Worth a minute before you "
                f"meet: `{say('profile-set', flags=flags)}`"
            )
        lines.append("")
    if prep.ask_first:
        lines += ["## Ask first", ""]
        lines += [f"{n}. {md(q)}" for n, q in enumerate(prep.ask_first, start=1)]
        lines.append("")
    return lines


def as_json(prep: Prep) -> str:
    """The agenda's parts as JSON, for tools that lay it out themselves."""
    import json

    data = {
        "contact": prep.contact.to_json(),
        "prepared": prep.today.isoformat(),
        "last_talked": prep.last_talked.isoformat() if prep.last_talked else None,
        "focus": [
            {"gap": f.gap, "name": f.name, "current": f.current, "target": f.target,
             "helped": f.helped}
            for f in prep.focus
        ],
        "evidence": [e.to_json() for e in prep.evidence],
        "more_evidence": prep.more_evidence,
        "actions": [
            {"id": a.id, "title": a.title, "gap": a.gap,
             "due": a.due.isoformat() if a.due else None, "status": a.status}
            for a in prep.actions
        ],
        "next_up": (
            {"id": prep.next_up.id, "title": prep.next_up.title, "gap": prep.next_up.gap,
             "due": prep.next_up.due.isoformat() if prep.next_up.due else None}
            if prep.next_up
            else None
        ),
        "question": prep.question,
        "offer": prep.offer,
        "topics": [{"title": t.title, "prompt": t.prompt} for t in prep.topics],
        "introduce": list(prep.introduce),
        "unanswered": list(prep.unanswered),
        "ask_first": list(prep.ask_first),
    }  # fmt: skip
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
