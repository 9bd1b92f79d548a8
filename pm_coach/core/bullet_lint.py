"""What ``export --lint`` says about a bullet: what the writer knows, and what fixes it.

Every finding says what to add or change and where the command that does it goes: :data:`EDIT`
stands for ``pm-coach evidence edit ID``, which app/ words (core names no command). A bullet the
user approved (``bullet`` set) is their wording: only first person and length are checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pm_coach.core.bullets import MAX_CHARS, Bullet
from pm_coach.core.bullets.wording import has_first_person

if TYPE_CHECKING:
    from pm_coach.models import Evidence


@dataclass(frozen=True)
class Finding:
    code: str
    message: str


# The codes, in the order they are reported.
CODES: tuple[str, ...] = (
    "no-result",
    "no-metric",
    "input-metric",
    "vague-verb",
    "unfinished",
    "role-noun",
    "first-person",
    "left-out",
    "too-long",
)
VAGUE_VERBS = ("led", "ran", "launched", "negotiated", "cut", "decided")
# Where a finding's message names the command that edits its entry, options after it: a control
# character, which no field of an entry may hold, so it never meets the user's own words.
EDIT = "\x1e"


def _quote(text: str) -> str:
    """``text`` in double quotes a shell keeps as typed (``$``, backquote and backslash
    escaped; a double quote becomes a single one)."""
    return '"' + "".join("\\" + ch if ch in "\\$`" else ch for ch in text.replace('"', "'")) + '"'


def findings(entry: Evidence, bullet: Bullet, limit: int = MAX_CHARS) -> list[Finding]:
    """The weak spots of one entry's bullet, each with its fix."""
    edit = EDIT
    reword = f"{edit} --bullet {_quote(entry.bullet or bullet.text)}"
    found: list[Finding] = []
    if entry.bullet:
        if has_first_person(entry.bullet):
            found.append(
                Finding("first-person", f"first person: say it without I, we or my: {reword}")
            )
        if len(entry.bullet) > limit:
            found.append(
                Finding(
                    "too-long",
                    f"too long: {len(entry.bullet)} characters, over {limit}; shorten it: {reword}",
                )
            )
        return found
    if not entry.result.strip():
        found.append(
            Finding("no-result", f'no result: add what came of it with: {edit} --result "…"')
        )
    outcomes = [m for m in entry.metrics if m not in bullet.inputs]
    if not entry.metrics:
        found.append(
            Finding(
                "no-metric",
                "no metric: add a number that shows the change (time saved, % moved, people "
                f'reached) with: {edit} --add-metric "…"',
            )
        )
    elif bullet.inputs and not outcomes:
        counted = ", ".join(bullet.inputs)
        found.append(
            Finding(
                "input-metric",
                f'counts inputs: "{counted}" says how much you did, not what changed; add a '
                f'metric for the outcome with: {edit} --add-metric "…"',
            )
        )
    lead = bullet.lead
    if lead.kind == "duty" or (lead.is_vague and not lead.unfinished):
        shown = lead.replaced or lead.first
        found.append(
            Finding(
                "vague-verb",
                f'vague verb: "{shown}" hides your part; start with what you did '
                f"({', '.join(VAGUE_VERBS)} …) with: {edit} --text " + _quote(entry.text),
            )
        )
    if lead.unfinished:
        found.append(
            Finding(
                "unfinished",
                f'unfinished: "{lead.replaced or lead.first}" reads as work in progress; once it '
                f'is done, add what came of it with: {edit} --result "…"',
            )
        )
    if lead.kind == "role":
        found.append(
            Finding(
                "role-noun",
                f'role, not an action: "{lead.replaced}" names a role; say what you did in it, '
                f"or keep the drafted line with: {reword}",
            )
        )
    if bullet.first_person:
        found.append(
            Finding("first-person", f"first person: the draft still says I, we or me: {reword}")
        )
    if bullet.dropped:
        what = " and ".join("the goal" if d == "goal" else "how you did it" for d in bullet.dropped)
        found.append(
            Finding(
                "left-out",
                f"left out {what} to keep the line under {limit} characters; shorten the entry "
                f"with {edit}, or write the line yourself: {edit} --bullet " + _quote(bullet.text),
            )
        )
    if bullet.unjoined:
        found.append(
            Finding(
                "left-out",
                f"left out the goal {_quote(bullet.unjoined)}: it does not join this line as a "
                'phrase; write it as something you set out to do ("Keep the platform simple") with '
                f"{edit}, or write the line yourself: {edit} --bullet " + _quote(bullet.text),
            )
        )
    if bullet.long:
        found.append(
            Finding(
                "too-long",
                f"too long: {len(bullet.text)} characters even without the goal; shorten the "
                f"entry with {edit}, or write the line yourself: {reword}",
            )
        )
    return found
