"""The progress report for the terminal (rich) and as Markdown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pm_coach.core.calibration import OVER, UNDER, level_number, window_start
from pm_coach.core.report import GapReport, Report
from pm_coach.render.calibration import (
    challenge,
    claim,
    level_text,
    others_line,
    raters_text,
    window_text,
)
from pm_coach.render.fit import ByWidth
from pm_coach.render.hint import Hint
from pm_coach.render.json_out import dumps, fields
from pm_coach.render.markdown import md_escape

if TYPE_CHECKING:
    from rich.console import RenderableType

SPARK = {1: "▁", 2: "▂", 3: "▄", 4: "▆", 5: "█"}


def level_bar(current: int | None, target: int | None) -> str:
    """Five cells: █ reached, ░ still to close up to the target, · beyond the target."""
    if current is None:
        return "not rated"
    cells = []
    for i in range(1, 6):
        if i <= current:
            cells.append("█")
        elif target is not None and i <= target:
            cells.append("░")
        else:
            cells.append("·")
    return "".join(cells)


def has_trend(report: Report) -> bool:
    """A trend needs two assessments: with one there is nothing to draw."""
    return len(report.assessment_dates) > 1


def sparkline(trend: tuple[int | None, ...]) -> str:
    if len(trend) < 2:
        return ""
    return "".join(SPARK.get(v, " ") if v is not None else " " for v in trend)


def signed(change: int | None) -> str:
    if change is None:
        return "new"
    return f"{change:+d}" if change else "0"


def levels(g: GapReport) -> str:
    cur = "–" if g.current is None else str(g.current)
    tgt = "–" if g.target is None else str(g.target)
    return f"{cur} → {tgt}"


def flag(report: Report, gap_id: str) -> str:
    """One or two words on how the rating compares: over-claim, blind spot…"""
    g = report.calibration.gap(gap_id)
    if g is None:
        return ""
    words = []
    if g.verdict == OVER:
        words.append("over-claim")
    elif g.verdict == UNDER:
        words.append("under-claim")
    if g.blind_spot:
        words.append("blind spot")
    elif g.hidden_strength:
        words.append("hidden strength")
    return ", ".join(words)


def calibration_lines(report: Report, *, show_raters: bool = False) -> list[str]:
    """The sentences below the table: claims, what others see, each rater, the challenge."""
    lines: list[str] = []
    for g in report.calibration.gaps:
        for line in (claim(g), others_line(g)):
            if line:
                lines.append(line)
        if show_raters and g.raters:
            lines.append(f"{g.name}, each rater: {raters_text(g)}.")
            lines += [f"{g.name}, {name} notes: {note}" for name, note in g.notes]
    found = challenge(report.calibration)
    if found:
        lines.append(found)
    return lines


def compared(report: Report) -> str:
    """What the change column is measured against, in words."""
    count = len(report.assessment_dates)
    if count > 1:  # two on one day still make a change to show
        return f"change since {report.baseline_on} ({count} assessments)"
    if report.since is not None:
        return f"no earlier assessment since {report.since}"
    return "first assessment"


def heading(report: Report) -> str:
    return (
        f"assessed {report.assessed_on} · {compared(report)} · "
        f"{report.evidence_total} evidence entr{'y' if report.evidence_total == 1 else 'ies'}"
    )


def terminal(report: Report, *, show_raters: bool = False) -> list[RenderableType]:
    from rich.table import Table
    from rich.text import Text

    parts: list[RenderableType] = [
        Text(f"Progress report: {report.map_name}", style="bold"),
        Text(heading(report), style="dim"),
        Text(""),
    ]
    # Every column reads left to right, numbers too, under headers that start where they do.
    # A first assessment has no change to show: the heading says "first assessment" instead of
    # a column of zeros, which gives the gap names room at 80 columns.
    trend = has_trend(report)
    with_others = bool(report.calibration.raters)

    def table(width: int) -> RenderableType:
        from rich.console import Group

        # On a narrow screen the bar gives way (the numbers say the same), so that gap names
        # keep room: they wrap at spaces, never cut.
        bar = width >= 66 + 15 * trend + 8 * with_others
        t = Table(box=None, pad_edge=False, padding=(0, 1), header_style="bold")
        t.add_column("gap", ratio=1, min_width=12, overflow="fold")
        t.add_column("now → target", no_wrap=True)
        if bar:
            t.add_column("level", no_wrap=True)
        if trend:
            t.add_column("change", no_wrap=True)
        t.add_column("evidence", no_wrap=True)
        t.add_column("backed", no_wrap=True)
        if with_others:
            t.add_column("others", no_wrap=True)
        if trend:
            t.add_column("trend", no_wrap=True)
        for g in report.gaps:
            name = Text(g.name)
            words = flag(report, g.gap)
            if words:
                name.append(f"\n  {words}", style="bold yellow")
            row = [name, levels(g)]
            if bar:
                row.append(level_bar(g.current, g.target))
            if trend:
                row.append(signed(g.change))
            row += [f"{g.evidence} ({g.evidence_90d})", str(g.supported)]
            if with_others:
                row.append(level_text(g.others))
            if trend:
                row.append(sparkline(g.trend))
            t.add_row(*row)
        if not bar:
            return t
        legend = Text("█ reached  ░ to close up to target  · beyond target", style="dim")
        return Group(t, legend)

    parts.append(ByWidth(table))
    parts.append(
        Hint(
            "evidence: entries in all (in the last 90 days); "
            f"backed: the highest level your {window_text(report.calibration)} supports"
            + ("; others: the median of others' latest ratings" if with_others else ""),
            "dim",
        )
    )
    said = calibration_lines(report, show_raters=show_raters)
    if said:
        parts.append(Text(""))
        parts.append(Text("Claims and evidence", style="bold"))
        parts += [Hint(line, first="• ") for line in said]
    parts.append(Text(""))
    parts.append(Text("Evidence logged per month", style="bold"))
    most = max((n for _, n in report.months), default=0) or 1
    months = Table(box=None, pad_edge=False, padding=(0, 1), show_header=False)
    months.add_column(no_wrap=True)
    months.add_column(no_wrap=True)
    months.add_column(justify="right", no_wrap=True)
    shown = list(report.months)
    quiet = next((i for i, (_, n) in enumerate(shown) if n), len(shown))
    if 3 <= quiet < len(shown):  # a long run of empty months before the first entry: one line
        parts.append(Text(f"none from {shown[0][0]} to {shown[quiet - 1][0]}", style="dim"))
        shown = shown[quiet:]
    for month, n in shown:
        months.add_row(month, "▇" * round(30 * n / most) if n else "", str(n))
    parts.append(months)
    if report.next_actions:
        parts.append(Text(""))
        parts.append(Text("Next actions", style="bold"))
        for a in report.next_actions:
            due = f" (due {a.due})" if a.due else ""
            parts.append(Hint(f"{a.gap}: {a.title}{due}", first="• "))
    if report.bullets:
        parts.append(Text(""))
        parts.append(Text("Strongest evidence, as CV lines", style="bold"))
        parts += [Hint(b, first="• ") for b in report.bullets]
    return parts


_md = md_escape


def markdown(report: Report, *, show_raters: bool = False) -> str:
    lines = [
        f"# Progress report: {_md(report.map_name)}",
        "",
        f"_{heading(report)}_",
        "",
        "| Gap | Now → target | Level | Change | Evidence (last 90 days) | Backed | Others "
        + ("| Trend | |" if has_trend(report) else "| |"),
        "| --- | --- | --- | ---: | ---: | ---: | ---: | "
        + ("--- | --- |" if has_trend(report) else "--- |"),
    ]
    for g in report.gaps:
        words = flag(report, g.gap)
        trend = f"| {sparkline(g.trend)} " if has_trend(report) else ""
        lines.append(
            f"| {_md(g.name)} | {levels(g)} | {level_bar(g.current, g.target)} "
            f"| {signed(g.change)} | {g.evidence} ({g.evidence_90d}) | {g.supported} "
            f"| {level_text(g.others)} {trend}"
            f"| {f'**{words}**' if words else ''} |"
        )
    lines += [
        "",
        "█ reached · ░ to close up to the target · · beyond the target. Backed: the highest "
        f"level your {window_text(report.calibration)} supports. Others: the median of others' "
        "latest ratings.",
        "",
    ]
    said = calibration_lines(report, show_raters=show_raters)
    if said:
        lines += ["## Claims and evidence", ""]
        lines += [f"- {_md(line)}" for line in said]
        lines.append("")
    lines += ["## Evidence logged per month", "", "| Month | Entries |", "| --- | ---: |"]
    lines += [f"| {m} | {n} |" for m, n in report.months]
    if report.next_actions:
        lines += ["", "## Next actions", ""]
        for a in report.next_actions:
            due = f" (due {a.due})" if a.due else ""
            lines.append(f"- **{_md(a.gap)}**: {_md(a.title)}{due}")
    if report.bullets:
        lines += ["", "## Strongest evidence, as CV lines", ""]
        lines += [f"- {_md(b)}" for b in report.bullets]
    return "\n".join(lines) + "\n"


def as_json(report: Report) -> str:
    """The report as JSON for ``--json`` (dates as YYYY-MM-DD)."""

    def raters(gap_id: str) -> list[dict[str, object]]:
        g = report.calibration.gap(gap_id)
        notes = dict(g.notes) if g else {}
        return [
            {"name": name, "relation": relation or None, "level": level, "note": notes.get(name)}
            for name, relation, level in (g.raters if g else ())
        ]

    def claim(gap_id: str) -> str | None:
        g = report.calibration.gap(gap_id)
        return g.verdict if g else None

    data = {
        "date": report.today,
        "map": report.map_id,
        "since": report.since,
        "assessed_on": report.assessed_on,
        "baseline_on": report.baseline_on,
        "assessments": list(report.assessment_dates),
        "evidence": report.evidence_total,
        "evidence_90d": report.evidence_recent,
        "evidence_window": {
            "from": window_start(report.calibration.on, report.calibration.window_days),
            "to": report.calibration.until,
        },
        "gaps": [
            fields(
                g,
                "gap name current target change evidence evidence_90d supported others claim "
                "raters trend last_evidence",
                others=level_number(g.others),
                claim=claim(g.gap),
                raters=raters(g.gap),
            )
            for g in report.gaps
        ],
        "months": [{"month": m, "evidence": n} for m, n in report.months],
        "next_actions": [
            fields(a, "gap id title due log", log=a.log_line) for a in report.next_actions
        ],
        "bullets": list(report.bullets),
    }
    return dumps(data) + "\n"
