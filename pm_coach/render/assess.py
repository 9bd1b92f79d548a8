"""Assessments as text: the result table after ``assess``, the history and its trend, JSON.

Every cell carries its meaning in characters, not only in colour, so the views read the same with
NO_COLOR; the tables are sized to fit an 80-column terminal.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from pm_coach.core.assessment import GapResult, GapTrend
from pm_coach.core.calibration import OVER, UNDER, Calibration
from pm_coach.models import Assessment
from pm_coach.models.skillmap import EvidenceBar
from pm_coach.render.fit import ByWidth
from pm_coach.render.hint import Hint, Say

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

MAX_POINTS = 6  # levels shown per gap in the trend; older ones are summarised by "…"


def bar(level: int, target: int, *, unicode: bool = True, cell: int = 2) -> Text:
    """Five cells of ``cell`` characters: filled up to the level, shaded up to the target,
    dotted beyond.

    ``███░░·· 2→4`` reads without colour: solid is where you are, shaded is the way to go.
    """
    from rich.text import Text

    full, todo, rest = ("█", "░", "·") if unicode else ("#", "-", ".")
    arrow = "→" if unicode else "->"
    met = level >= target
    out = Text()
    for i in range(1, 6):
        if i <= level:
            out.append(full * cell, style="green" if met else "yellow")
        elif i <= target:
            out.append(todo * cell, style="red")
        else:
            out.append(rest * cell, style="dim")
    out.append(f" {level}{arrow}{target}")
    return out


def to_go(r: GapResult) -> str:
    if r.to_go > 0:
        return f"{r.to_go} to go"
    if r.to_go == 0:
        return "met"
    return f"{-r.to_go} above"


def change(value: int | None, *, first: bool, unicode: bool = True) -> Text:
    from rich.text import Text

    if value is None:
        return Text("first" if first else "new", style="dim")
    if value > 0:
        return Text(f"{'▲' if unicode else '^'} +{value}", style="green")
    if value < 0:
        return Text(f"{'▼' if unicode else 'v'} {value}", style="red")
    return Text("= same", style="dim")


def log_line(say: Say, gap_id: str, bar: EvidenceBar | None = None) -> str:
    """The command that records evidence behind a rating: with the reach, result and number
    the next level's ``bar`` asks for, so it pastes as a real command."""
    line = say("log-gap", gap=gap_id)
    if bar is None or bar.result or bar.metric or bar.level > 2:
        line += ' --result "what came of it"'
    if bar is not None and bar.metric:
        line += ' --metric "the number"'
    if bar is not None and bar.scope != "self":
        line += f" --scope {bar.scope}"
    return line


def result_view(
    results: Sequence[GapResult],
    assessment: Assessment,
    *,
    map_name: str,
    has_previous: bool,
    history_count: int,
    calibration: Calibration,
    show_raters: bool = False,
    unicode: bool = True,
    biggest: Sequence[str] = (),
    say: Say,
) -> RenderableType:
    """The table shown after an assessment, how each rating compares with the evidence and
    with others' ratings, and what to do next.

    ``biggest``: the ids of the biggest gaps, in the order of the ranking rule plan uses;
    ``say`` words the commands it suggests (app.hints.say)."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from pm_coach.render.calibration import (
        challenge,
        claim,
        level_text,
        others_line,
        raters_text,
        window_text,
    )

    # On a first assessment every change would read "first": the title says it once instead,
    # which leaves the gap names room at 80 columns.
    first = " · first assessment" if not has_previous else ""
    with_others = bool(calibration.raters)

    def table(width: int) -> Table:
        narrow = width < 80  # a one-character bar leaves the gap names room
        t = Table(
            title=f"Where you stand · {map_name} · {assessment.date.isoformat()}{first}",
            title_justify="left",
            box=box.SIMPLE_HEAD,
            show_edge=False,
            expand=False,
        )
        t.add_column("Gap", ratio=1, min_width=12, overflow="fold")
        t.add_column("Now → target" if unicode else "Now -> target", no_wrap=True)
        t.add_column("To go", no_wrap=True)
        if has_previous:
            t.add_column("Change", no_wrap=True)
        t.add_column("Evidence", no_wrap=True)
        t.add_column("Backed", no_wrap=True)
        if with_others:
            t.add_column("Others", no_wrap=True)
        for r in results:
            name = Text(r.name)
            if r.carried:
                name.append(" (carried over)", style="dim")
            g = calibration.gap(r.gap_id)
            backed = Text(str(g.supported) if g else "–")
            if g is not None and g.verdict == OVER:
                backed.append(" over", style="bold red")
            elif g is not None and g.verdict == UNDER:
                backed.append(" under", style="bold yellow")
            row = [name, bar(r.level, r.target, unicode=unicode, cell=1 if narrow else 2), to_go(r)]
            if has_previous:
                row.append(change(r.change, first=False, unicode=unicode))
            row += [Text(str(r.evidence)), backed]
            if with_others:
                row.append(Text(level_text(g.others if g else None)))
            t.add_row(*row)
        return t

    parts: list[RenderableType] = [ByWidth(table)]
    claims = [(r, g) for r in results if (g := calibration.gap(r.gap_id)) and claim(g)]
    if claims:
        parts.append(Text(""))
        parts.append(
            Hint(
                "Your ratings against your evidence (Backed: the highest level your "
                f"{window_text(calibration)} shows):"
            )
        )
        for r, g in claims:
            parts.append(Hint(claim(g) or "", first="  "))
            if g.verdict == OVER:
                parts.append(Hint(log_line(say, r.gap_id, g.next_bar), "bold", first="    "))
                if r.prompt:
                    parts.append(Hint(f"{r.prompt})", "dim", first="    (", rest="     "))
    seen = [line for g in calibration.gaps if (line := others_line(g))]
    if show_raters:
        for g in calibration.gaps:
            if g.raters:
                seen.append(f"{g.name}, each rater: {raters_text(g)}.")
                seen += [f"{g.name}, {name} notes: {note}" for name, note in g.notes]
    if seen:
        parts.append(Text(""))
        parts.append(Text("What others see (Others: the median of their latest ratings):"))
        parts += [Hint(line, first="  ") for line in seen]
    notes = [r for r in results if r.note and not r.carried]
    if notes:
        parts.append(Text("\nYour notes:"))
        parts += [Hint(f"{r.name}: {r.note}", first="  ") for r in notes]

    by_id = {r.gap_id: r for r in results}
    open_ = [by_id[g] for g in biggest if g in by_id and by_id[g].to_go > 0][:3]
    count = f"{history_count} assessment{'s' if history_count != 1 else ''}"
    parts.append(Text(""))
    parts.append(Hint(f"Saved; {count} of this map so far: {say('assess-history')}"))
    if open_:
        biggest = ", ".join(f"{r.name} ({r.to_go} to go)" for r in open_)
        parts.append(Hint(f"Biggest gaps: {biggest}."))
        parts.append(Hint(say("to-plan")))
    challenged = challenge(calibration)
    if challenged:
        parts.append(Text(""))
        parts.append(Hint(challenged, "bold"))
    elif not open_:
        parts.append(Text("Every target is met: is it time to aim higher?"))
    return Group(*parts)


def _trail(points: Sequence[tuple[object, int]], unicode: bool) -> str:
    arrow = " → " if unicode else " -> "
    levels = [str(level) for _, level in points]
    if len(levels) > MAX_POINTS:
        levels = ["…" if unicode else "...", *levels[-(MAX_POINTS - 1) :]]
    return arrow.join(levels)


def history_view(
    assessments: Sequence[Assessment],
    trend: Sequence[GapTrend],
    *,
    map_id: str,
    map_name: str,
    names: Mapping[str, str],
    unicode: bool = True,
) -> RenderableType:
    """Every assessment of one map (levels as level/target per gap), then the trend per gap."""
    from rich import box
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    gap_ids = [g.gap_id for g in trend]
    title = f"Assessments · {map_name} ({map_id}) · {len(assessments)}"

    def cell(a: Assessment, g: str) -> str:
        if g in a.levels and g in a.targets:
            return f"{a.levels[g]}/{a.targets[g]}"
        return str(a.levels[g]) if g in a.levels else "–"

    def levels_table(width: int) -> RenderableType:
        """A row per assessment when every gap's column fits; on a narrower screen, a row per
        gap and a column for each of the latest assessments that fit (no column is cut)."""
        by_date = 12 + sum(max(len(g), 3) + 3 for g in gap_ids) <= width
        name_width = min(max((len(g) for g in gap_ids), default=3), 20)
        shown = assessments if by_date else assessments[-max(1, (width - name_width - 3) // 13) :]
        more = f", the latest {len(shown)} shown" if len(shown) < len(assessments) else ""
        t = Table(
            box=box.SIMPLE_HEAD,
            show_edge=False,
            expand=False,
        )
        if by_date:
            t.add_column("Date", no_wrap=True)
            for gap_id in gap_ids:
                t.add_column(gap_id, justify="center", no_wrap=True)
            for a in assessments:
                t.add_row(a.date.isoformat(), *(cell(a, g) for g in gap_ids))
        else:
            t.add_column("Gap")
            for a in shown:
                t.add_column(a.date.isoformat(), justify="center", no_wrap=True)
            for g in gap_ids:
                t.add_row(g, *(cell(a, g) for a in shown))
        # title and caption outside the table, so they wrap at the screen's width, not the table's
        return Group(Text(title + more), t, Text("each cell: your level/your target"))

    def trend_table(width: int) -> Table:
        cell = 1 if width < 90 else 2  # a shorter bar leaves the gap names room
        tr = Table(
            title="Trend per gap",
            title_justify="left",
            caption="levels: oldest first; change: from your first rating of the gap to your "
            "latest",
            caption_justify="left",
            box=box.SIMPLE_HEAD,
            show_edge=False,
            expand=False,
        )
        tr.add_column("Gap", min_width=18)
        tr.add_column("Levels")
        tr.add_column("Change", no_wrap=True)
        tr.add_column("Now → target" if unicode else "Now -> target", no_wrap=True)
        for g in trend:
            if g.direction == "new":
                moved = Text("rated once", style="dim")
            else:
                moved = change(g.change, first=False, unicode=unicode)
            tr.add_row(
                names.get(g.gap_id, g.gap_id),
                _trail(g.points, unicode),
                moved,
                bar(g.last, g.target, unicode=unicode, cell=cell)
                if g.target
                else Text(str(g.last)),
            )
        return tr

    parts: list[RenderableType] = [ByWidth(levels_table), Text(""), ByWidth(trend_table)]
    noted = _new_notes(assessments)
    if noted:
        parts.append(Text("\nNotes:"))
        for a, g, note in noted:
            line = Text(f"{a.date.isoformat()} · {names.get(g, g)}: {note}")
            parts.append(Padding(line, (0, 0, 0, 2), expand=False))
    return Group(*parts)


def _new_notes(assessments: Sequence[Assessment]) -> list[tuple[Assessment, str, str]]:
    """Each note the first time it appears for a gap (a carried-over note is not repeated)."""
    last: dict[str, str] = {}
    out: list[tuple[Assessment, str, str]] = []
    for a in assessments:
        for gap_id, note in a.notes.items():
            if last.get(gap_id) != note:
                out.append((a, gap_id, note))
            last[gap_id] = note
    return out


def history_json(assessments: Sequence[Assessment]) -> str:
    """A JSON array, oldest first; each object has date, map, levels, targets and notes."""
    return json.dumps([a.to_json() for a in assessments], ensure_ascii=False, indent=2)


def assessment_json(assessment: Assessment) -> str:
    return json.dumps(assessment.to_json(), ensure_ascii=False, indent=2)
