"""The progress report for the terminal (rich) and as Markdown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pm_coach.core.report import GapReport, Report

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


def sparkline(trend: tuple[int | None, ...]) -> str:
    return "".join(SPARK.get(v, " ") if v is not None else " " for v in trend)


def signed(change: int | None) -> str:
    if change is None:
        return "new"
    return f"{change:+d}" if change else "0"


def levels(g: GapReport) -> str:
    cur = "–" if g.current is None else str(g.current)
    tgt = "–" if g.target is None else str(g.target)
    return f"{cur} → {tgt}"


def heading(report: Report) -> str:
    compared = (
        f"change since {report.baseline_on}"
        if report.baseline_on != report.assessed_on
        else "first assessment"
    )
    return (
        f"assessed {report.assessed_on} · {compared} · "
        f"{report.evidence_total} evidence entr{'y' if report.evidence_total == 1 else 'ies'}"
    )


def terminal(report: Report) -> list[RenderableType]:
    from rich.table import Table
    from rich.text import Text

    parts: list[RenderableType] = [
        Text(f"Progress report: {report.map_name}", style="bold"),
        Text(heading(report), style="dim"),
        Text(""),
    ]
    t = Table(box=None, pad_edge=False, padding=(0, 1), header_style="bold")
    t.add_column("gap", overflow="fold")
    t.add_column("now → target", no_wrap=True)
    t.add_column("level", no_wrap=True)
    t.add_column("change", justify="right", no_wrap=True)
    t.add_column("evidence (90d)", justify="right", no_wrap=True)
    t.add_column("trend", no_wrap=True)
    for g in report.gaps:
        name = Text(g.name)
        if g.unproven:
            name.append("\n  no evidence yet", style="bold yellow")
        t.add_row(
            name,
            levels(g),
            level_bar(g.current, g.target),
            signed(g.change),
            f"{g.evidence} ({g.evidence_90d})",
            sparkline(g.trend),
        )
    parts.append(t)
    parts.append(Text("█ reached  ░ to close up to target  · beyond target", style="dim"))
    parts.append(Text(""))
    parts.append(Text("Evidence logged per month", style="bold"))
    most = max((n for _, n in report.months), default=0) or 1
    months = Table(box=None, pad_edge=False, padding=(0, 1), show_header=False)
    months.add_column(no_wrap=True)
    months.add_column(no_wrap=True)
    months.add_column(justify="right", no_wrap=True)
    for month, n in report.months:
        months.add_row(month, "▇" * round(30 * n / most) if n else "", str(n))
    parts.append(months)
    if report.next_actions:
        parts.append(Text(""))
        parts.append(Text("Next actions", style="bold"))
        for a in report.next_actions:
            due = f" (due {a.due})" if a.due else ""
            parts.append(Text(f"• {a.gap}: {a.title}{due}"))
    return parts


def _md(text: str) -> str:
    """Escape the characters that would change a Markdown table or list item."""
    out = text.replace("\\", "\\\\")
    for ch in "|*_`[]<>#":
        out = out.replace(ch, "\\" + ch)
    return out


def markdown(report: Report) -> str:
    lines = [
        f"# Progress report: {_md(report.map_name)}",
        "",
        f"_{heading(report)}_",
        "",
        "| Gap | Now → target | Level | Change | Evidence (last 90 days) | Trend | |",
        "| --- | --- | --- | ---: | ---: | --- | --- |",
    ]
    for g in report.gaps:
        flag = "**no evidence yet**" if g.unproven else ""
        lines.append(
            f"| {_md(g.name)} | {levels(g)} | {level_bar(g.current, g.target)} "
            f"| {signed(g.change)} | {g.evidence} ({g.evidence_90d}) | {sparkline(g.trend)} "
            f"| {flag} |"
        )
    lines += ["", "█ reached · ░ to close up to the target · · beyond the target", ""]
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
