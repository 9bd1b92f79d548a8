"""The story bank as terminal text, Markdown and JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence

from pm_coach.core.stories import StoryMatch
from pm_coach.render.hint import Say
from pm_coach.render.plain import hang
from pm_coach.render.plan import md

MARK = {"ready": "ready", "weak": "needs work", "missing": "no story yet"}


def counts_line(matches: Sequence[StoryMatch]) -> str:
    ready = sum(m.status == "ready" for m in matches)
    weak = sum(m.status == "weak" for m in matches)
    missing = sum(m.status == "missing" for m in matches)
    return (
        f"{len(matches)} questions: {ready} with a story ready, {weak} that need work, "
        f"{missing} with no story yet."
    )


def _outline(label: str, text: str, width: int) -> list[str]:
    """One part of the outline: the label in a column of its own, the text wrapped beside it."""
    return hang(text, width, f"   {label:<10}") or [f"   {label}"]


def as_text(matches: Sequence[StoryMatch], map_name: str, say: Say, width: int = 80) -> str:
    """The story bank laid out for ``width`` columns: each question with a hanging indent
    under its number, the outline's text beside its labels, no word or command broken;
    ``say`` words the log command (app.hints.say)."""
    lines = [*hang(f"Story bank for {map_name}", width), *hang(counts_line(matches), width), ""]
    for n, m in enumerate(matches, start=1):
        q = m.question
        lines += hang(q.question, width, f"{n}. ")
        lines += hang(f"[{MARK[m.status]}] gaps: {', '.join(q.gaps)}", width, "   ")
        if m.entry is not None and m.outline is not None:
            lines.append(f"   Best entry {m.entry.id} ({m.entry.date.isoformat()}):")
            lines += _outline("Situation", m.outline.situation, width)
            lines += _outline("Action", m.outline.action, width)
            lines += _outline("Result", m.outline.result, width)
            if m.gaps_to_fix:
                lines += hang("To strengthen: " + "; ".join(m.gaps_to_fix) + ".", width, "   ")
        if m.status != "ready":
            lines += hang(
                f"To create one: {m.action_title} ({m.action_id}), then log it: "
                + say("log-action", action=m.action_id),
                width,
                "   ",
            )
        if q.listen_for:
            lines += hang(f"The panel listens for: {q.listen_for}", width, "   ")
        lines.append("")
    return "\n".join(lines)


def as_markdown(matches: Sequence[StoryMatch], map_name: str) -> str:
    lines = [f"# Story bank: {md(map_name)}", "", md(counts_line(matches)), ""]
    for n, m in enumerate(matches, start=1):
        q = m.question
        lines += [f"## {n}. {md(q.question)}", ""]
        lines.append(f"*{MARK[m.status]}* · gaps: {md(', '.join(q.gaps))}")
        if q.listen_for:
            lines.append(f"· the panel listens for: {md(q.listen_for)}")
        lines.append("")
        if m.entry is not None and m.outline is not None:
            lines += [
                f"From entry `{m.entry.id}` ({m.entry.date.isoformat()}):",
                "",
                f"- **Situation:** {md(m.outline.situation)}",
                f"- **Action:** {md(m.outline.action)}",
                f"- **Result:** {md(m.outline.result)}",
                "",
            ]
            if m.gaps_to_fix:
                lines += [f"To strengthen: {md('; '.join(m.gaps_to_fix))}.", ""]
        if m.status != "ready":
            lines += [
                f"To create one: {md(m.action_title)} (`{m.action_id}`).",
                "",
            ]
    return "\n".join(lines).rstrip("\n") + "\n"


def as_json(matches: Sequence[StoryMatch], map_id: str) -> str:
    rows = []
    for m in matches:
        q = m.question
        rows.append(
            {
                "id": q.id,
                "question": q.question,
                "gaps": list(q.gaps),
                "scope": q.scope,
                "listen_for": q.listen_for,
                "status": m.status,
                "evidence": m.entry.id if m.entry else None,
                "outline": (
                    {
                        "situation": m.outline.situation,
                        "action": m.outline.action,
                        "result": m.outline.result,
                    }
                    if m.outline
                    else None
                ),
                "to_strengthen": list(m.gaps_to_fix),
                "create_with": {"action": m.action_id, "title": m.action_title},
            }
        )
    return json.dumps({"map": map_id, "stories": rows}, ensure_ascii=False, indent=2) + "\n"
