"""The promotion case as a Markdown document to hand to a manager."""

from __future__ import annotations

from pm_coach.core.case import PromotionCase, bar_words
from pm_coach.render.plan import md


def as_markdown(case: PromotionCase, person: str = "") -> str:
    who = f"{md(person)}: " if person else ""
    lines = [
        f"# Promotion case: {who}{md(case.from_role)} to {md(case.to_role)}",
        "",
        f"Prepared {case.prepared_on.isoformat()} from the self-assessment of "
        f"{case.assessed_on.isoformat()} against the *{md(case.map_name)}* skill map, and the "
        f"evidence logged from {case.window_days} days before it. Each level is a statement of "
        "what the person does; the evidence below is what backs it.",
        "",
        "| Area | Level claimed | Evidence supports | Others | Target |",
        "|------|---------------|-------------------|--------|--------|",
    ]
    for g in case.gaps:
        others = ", ".join(str(level) for _, _, level in g.others) or "–"
        target = str(g.target) if g.target is not None else "–"
        supported = str(g.supported) if g.supported else "none yet"
        lines.append(f"| {md(g.name)} | {g.claimed} | {supported} | {others} | {target} |")
    lines.append("")
    for g in case.gaps:
        lines += [f"## {md(g.name)}", ""]
        lines += [
            f"**Level claimed: {g.claimed} of 5.** “{md(g.statement)}”",
            "",
            f"**What proves it:** {md(bar_words(g.bar))}.",
            "",
            "### Evidence",
            "",
        ]
        if g.entries:
            for e in g.entries:
                reach = f", reach: {e.scope}" if e.scope else ""
                mark = "" if e.clears_claim else " *(below the bar for this level)*"
                lines.append(f"- {md(e.line)} ({e.date.isoformat()}{reach}){mark}")
        else:
            lines.append("- None logged in the window yet.")
        lines += ["", "### What others said", ""]
        if g.others or g.notes:
            for name, relation, level in g.others:
                lines.append(f"- {md(name)} ({md(relation)}): level {level}")
            for name, note in g.notes:
                lines.append(f"- {md(name)}: “{md(note)}”")
        else:
            lines.append("- No ratings from others yet.")
        lines += ["", "### Still missing", ""]
        if g.missing:
            lines += [f"- {md(m)}" for m in g.missing]
            if g.next_action is not None:
                produces = g.next_action.evidence.rstrip(".")
                lines.append(
                    f"- Planned next: {md(g.next_action.title)}, which produces "
                    f"{md(produces[0].lower() + produces[1:])}."
                )
        else:
            lines.append("- Nothing: the evidence clears the bar for the level claimed.")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
