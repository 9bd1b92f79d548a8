"""``network find`` as plain text for the terminal, or as JSON."""

from __future__ import annotations

import json
import textwrap
from dataclasses import asdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pm_coach.core.finding import FindResult
    from pm_coach.render.hint import Say


def _wrap(text: str, indent: str) -> str:
    rest = " " * len(indent) + ("" if indent.endswith("- ") else "  ")
    return textwrap.fill(text, width=88, initial_indent=indent, subsequent_indent=rest)


def text(result: FindResult, say: Say) -> str:
    """Whom to look for and how to add them once found; ``say`` words the commands."""
    lines: list[str] = []
    if not result.suggestions:
        lines.append(
            "Every focus gap already has someone who helps with it. To look for someone for a "
            "particular gap anyway: " + say("network-find-gap", gap=result.any_gap)
        )
    for s in result.suggestions:
        lines.append(f"{s.name} ({s.gap}): look for a {s.kind}")
        lines.append(_wrap(s.who, "  "))
        lines.append(_wrap(f"A {s.kind} fits {s.fits}.", "  "))
        lines.append("  Where to look:")
        lines += [_wrap(w, "    - ") for w in s.where]
        lines.append("  A first message to adapt:")
        lines.append(_wrap(s.message, "    "))
        lines.append("  When you have found someone: " + say("network-add", kind=s.kind, gap=s.gap))
        lines.append("")
    if result.strengths:
        lines.append("Giving back: you could mentor others in")
        for st in result.strengths:
            pieces = (
                f"evidence supports {st.supported} "
                f"({st.evidence} entr{'y' if st.evidence == 1 else 'ies'} in the last year)"
            )
            lines.append(
                f"  - {st.name} ({st.gap}): level {st.level}, target {st.target}, {pieces}"
            )
        if result.mentees:
            lines.append(f"  Already mentoring: {', '.join(result.mentees)}.")
        else:
            gap = result.strengths[0].gap
            lines.append("  To start: " + say("network-add", kind="mentee", gap=gap))
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def as_json(result: FindResult) -> str:
    data = {
        "based_on": result.based_on,
        "suggestions": [asdict(s) for s in result.suggestions],
        "can_mentor": [asdict(s) for s in result.strengths],
        "mentees": list(result.mentees),
    }
    return json.dumps(data, ensure_ascii=False, indent=2)
