"""The progress report as one self-contained HTML page: inline CSS and SVG, no scripts, no
external requests. Every string that came from the user is escaped. Prints on paper and reads on
a phone."""

from __future__ import annotations

import datetime as dt
import math
from html import escape

from pm_coach.core.report import GapReport, Report

PALETTE = ("#2f6fed", "#e0692b", "#1f9d6b", "#9b4fd1", "#c9a227", "#d14f7a", "#3a9bb8", "#6b7280")

# SVG text is drawn at FONT user units and never shown below MIN_PX pixels: a chart is as wide as
# its card, at least MIN_WIDTH (below that it scrolls sideways) and at most MAX_SCALE times its
# own width. Each chart is CHART_WIDTH units wide, so on a 390 px phone it fits without scrolling.
FONT = 13
MIN_PX = 11
CHART_WIDTH = 400
MIN_WIDTH = math.ceil(CHART_WIDTH * MIN_PX / FONT)
MAX_SCALE = 1.3

CSS = """
:root { --ink:#1d2433; --muted:#5b6475; --line:#e3e7ee; --accent:#2f6fed; --target:#e0692b;
  --bg:#f5f7fa; --card:#fff; --warn:#a15c07; --warnbg:#fff3e0; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 880px; margin: 0 auto; padding: 28px 16px 48px; }
h1 { font-size: 1.7rem; line-height: 1.2; margin: 0 0 6px; }
h2 { font-size: 1.1rem; margin: 0 0 12px; }
.sub { color: var(--muted); margin: 0; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 12px;
  padding: 18px 20px; margin-top: 18px; min-width: 0; }
.pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(380px, 100%), 1fr)); column-gap: 18px; }
.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: 12px;
  margin-top: 18px; }
.stat { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 12px 14px; }
.stat b { display: block; font-size: 1.6rem; line-height: 1.1; }
.stat span { color: var(--muted); font-size: .85rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 7px 8px; border-bottom: 1px solid var(--line); vertical-align: middle; }
th { font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.badge { display: inline-block; padding: 1px 9px; border-radius: 999px; background: var(--warnbg);
  color: var(--warn); font-size: .78rem; font-weight: 600; white-space: nowrap; }
.up { color: #1f7a4f; font-weight: 600; } .down { color: #b42318; font-weight: 600; }
.chart { overflow-x: auto; }
.chart svg { display: block; width: 100%; height: auto; }
svg text { font-family: inherit; fill: var(--ink); }
.legend { display: flex; flex-wrap: wrap; gap: 6px 16px; margin-top: 8px; font-size: .85rem; color: var(--muted); }
.legend i { display: inline-block; width: 12px; height: 12px; border-radius: 3px; margin-right: 6px;
  vertical-align: -1px; }
ol, ul { margin: 0; padding-left: 1.3em; } li { margin: 6px 0; }
code { font: .82rem/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--bg);
  padding: 1px 5px; border-radius: 4px; word-break: break-word; }
.muted { color: var(--muted); }
.scroll { overflow-x: auto; }
.note { font-size: .82rem; margin: 8px 0 0; }
footer { margin-top: 28px; color: var(--muted); font-size: .8rem; }
@media (max-width: 600px) {
  main { padding: 18px 10px 32px; } .card { padding: 14px 12px; }
  .narrow-hide { display: none; } th, td { padding: 6px 3px; } th { font-size: .68rem; letter-spacing: 0; }
  table { font-size: .86rem; }
}
/* A phone: each gap's row becomes a small card, its name on top and each figure under a label of
   its own (the column headings, hidden but still read out), so nothing scrolls sideways. */
@media (max-width: 480px) {
  .gaps thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  .gaps tr { display: grid; grid-template-columns: repeat(auto-fill, minmax(60px, 1fr));
    gap: 2px 6px; padding: 8px 0; border-bottom: 1px solid var(--line); }
  .gaps td { display: block; border: 0; padding: 0; text-align: left; } .gaps td.narrow-hide { display: none; }
  .gaps td.gap { grid-column: 1 / -1; font-weight: 600; margin-bottom: 2px; }
  .gaps td[data-label]::before { content: attr(data-label); display: block; font-size: .68rem;
    text-transform: uppercase; color: var(--muted); }
}
@page { margin: 12mm; }
@media print {
  body { background: #fff; font-size: 10pt; line-height: 1.4; } main { max-width: none; padding: 0; }
  .card, .stat { border-color: #ccc; }
  .card { padding: 6px 0 0; margin-top: 10px; border-width: 1px 0 0; border-radius: 0; }
  .pair { grid-template-columns: 1fr 1fr; } .chart svg { max-width: 330px; }
  li { margin: 3px 0; } h2 { margin-bottom: 6px; } th, td { padding: 4px 8px; }
  footer { margin-top: 12px; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .chart, .legend, .stats, tr, li, header { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _color(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


def _signed(change: int | None) -> str:
    if change is None:
        return '<span class="muted">new</span>'
    if change > 0:
        return f'<span class="up">+{change}</span>'
    if change < 0:
        return f'<span class="down">{change}</span>'
    return "0"


def _svg(height: int, label: str) -> str:
    """The opening tag of a chart CHART_WIDTH units wide (see MIN_WIDTH and MAX_SCALE)."""
    return (
        f'<svg viewBox="0 0 {CHART_WIDTH} {height}" role="img" aria-label="{_e(label)}" '
        f'style="min-width:{MIN_WIDTH}px;max-width:{round(CHART_WIDTH * MAX_SCALE)}px">'
    )


def _text(
    x: float, y: float, text: str, *, anchor: str = "start", size: int = FONT, extra: str = ""
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}"{extra}>'
        f"{_e(text)}</text>"
    )


def levels_chart(gaps: tuple[GapReport, ...]) -> str:
    """One bar per gap (name above it, so long names never clip): current level, target marked."""
    track_x, unit, row_h, top = 4, 64, 50, 24
    height = top + row_h * len(gaps) + 4
    out = ['<div class="chart">', _svg(height, "Current level against target level for each gap")]
    for lvl in range(6):
        x = track_x + lvl * unit
        anchor = "start" if lvl == 0 else "end" if lvl == 5 else "middle"
        out.append(f'<line x1="{x}" y1="{top - 4}" x2="{x}" y2="{height - 4}" stroke="#e3e7ee"/>')
        out.append(_text(x, top - 10, str(lvl), anchor=anchor, extra=' fill="#5b6475"'))
    for i, g in enumerate(gaps):
        y = top + i * row_h
        bar_y = y + 22
        out.append(_text(track_x, y + 16, g.name, size=FONT + 2, extra=' font-weight="600"'))
        out.append(
            f'<rect x="{track_x}" y="{bar_y}" width="{5 * unit}" height="16" rx="4" fill="#eef1f6"/>'
        )
        if g.current:
            out.append(
                f'<rect x="{track_x}" y="{bar_y}" width="{g.current * unit}" height="16" rx="4" '
                f'fill="#2f6fed"><title>{_e(g.name)}: level {g.current}</title></rect>'
            )
        if g.target:
            tx = track_x + g.target * unit - (2 if g.target == 5 else 0)
            out.append(
                f'<line x1="{tx}" y1="{bar_y - 5}" x2="{tx}" y2="{bar_y + 21}" stroke="#e0692b" '
                f'stroke-width="4"><title>target {g.target}</title></line>'
            )
        note = f"{g.current or '–'} / {g.target or '–'}"
        out.append(_text(track_x + 5 * unit + 14, bar_y + 13, note, extra=' fill="#5b6475"'))
    out.append("</svg></div>")
    return "".join(out)


def label_indexes(count: int, most: int = 4) -> list[int]:
    """Which of ``count`` points get a date label: the first, the last and evenly between,
    ``most`` at most, so labels never overlap."""
    if count <= most:
        return list(range(count))
    return sorted({round(k * (count - 1) / (most - 1)) for k in range(most)})


def trend_chart(report: Report) -> str:
    """One line per gap across the assessments in the window (levels 1–5)."""
    dates = report.assessment_dates
    left, right, top, bottom, width, height = 28, 6, 12, 32, CHART_WIDTH, 210
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(i: int) -> float:
        return left + plot_w * i / (len(dates) - 1)

    def y(level: int) -> float:
        return top + plot_h * (5 - level) / 4

    out = ['<div class="chart">', _svg(height, "Level per gap at each assessment")]
    for lvl in range(1, 6):
        out.append(
            f'<line x1="{left}" y1="{y(lvl)}" x2="{width - right}" y2="{y(lvl)}" stroke="#e3e7ee"/>'
        )
        out.append(_text(left - 8, y(lvl) + 4, str(lvl), anchor="end", extra=' fill="#5b6475"'))
    for i in label_indexes(len(dates)):
        anchor = "start" if i == 0 else "end" if i == len(dates) - 1 else "middle"
        out.append(
            _text(x(i), height - 10, dates[i].isoformat(), anchor=anchor, extra=' fill="#5b6475"')
        )
    for gi, g in enumerate(report.gaps):
        color = _color(gi)
        points = [(x(i), y(v)) for i, v in enumerate(g.trend) if v is not None]
        offset = (gi - (len(report.gaps) - 1) / 2) * 2.5  # keep equal lines apart
        if len(points) > 1:
            path = " ".join(f"{px:.1f},{py + offset:.1f}" for px, py in points)
            out.append(
                f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2.5"/>'
            )
        for px, py in points:
            out.append(f'<circle cx="{px:.1f}" cy="{py + offset:.1f}" r="4" fill="{color}"/>')
    out.append("</svg></div>")
    legend = "".join(
        f'<span><i style="background:{_color(i)}"></i>{_e(g.name)}</span>'
        for i, g in enumerate(report.gaps)
    )
    return "".join(out) + f'<div class="legend">{legend}</div>'


def months_chart(months: tuple[tuple[str, int], ...]) -> str:
    width, height, left, bottom, top = CHART_WIDTH, 170, 6, 28, 20
    most = max((n for _, n in months), default=0) or 1
    slot = (width - 2 * left) / max(1, len(months))
    out = ['<div class="chart">', _svg(height, "Evidence entries per month")]
    base = height - bottom
    for i, (month, n) in enumerate(months):
        h = (base - top) * n / most
        bx = left + i * slot + slot * 0.15
        mid = bx + slot * 0.35
        out.append(
            f'<rect x="{bx:.1f}" y="{base - h:.1f}" width="{slot * 0.7:.1f}" height="{h:.1f}" rx="3" '
            f'fill="#2f6fed"><title>{month}: {n}</title></rect>'
        )
        if n:
            out.append(_text(mid, base - h - 4, str(n), anchor="middle"))
        label = dt.date(int(month[:4]), int(month[5:]), 1).strftime("%b")
        out.append(_text(mid, height - 9, label, anchor="middle", extra=' fill="#5b6475"'))
    out.append(f'<line x1="{left}" y1="{base}" x2="{width - left}" y2="{base}" stroke="#c9d0db"/>')
    out.append("</svg></div>")
    return "".join(out)


def sparkline_svg(trend: tuple[int | None, ...], color: str) -> str:
    pts = [(i, v) for i, v in enumerate(trend) if v is not None]
    if not pts or len(trend) < 2:  # one assessment has no trend to draw
        return ""
    w, h = 64, 20
    n = max(1, len(trend) - 1)
    coords = " ".join(
        f"{2 + (w - 4) * i / n:.1f},{h - 2 - (h - 4) * (v - 1) / 4:.1f}" for i, v in pts
    )
    if len(pts) == 1:
        cx, cy = coords.split(",")
        return f'<svg viewBox="0 0 {w} {h}" width="{w}" height="{h}"><circle cx="{cx}" cy="{cy}" r="2.5" fill="{color}"/></svg>'
    return (
        f'<svg viewBox="0 0 {w} {h}" width="{w}" height="{h}" style="width:{w}px">'
        f'<polyline points="{coords}" fill="none" stroke="{color}" stroke-width="2"/></svg>'
    )


def page(report: Report, *, person: str = "", show_raters: bool = False) -> str:
    from pm_coach.render.calibration import level_text, window_text
    from pm_coach.render.report import calibration_lines, compared, flag, has_trend

    at_target = sum(1 for g in report.gaps if g.current and g.target and g.current >= g.target)
    over = sum(1 for g in report.calibration.gaps if g.verdict == "over")
    who = f"{_e(person)} · " if person else ""
    trend = has_trend(report)
    with_others = bool(report.calibration.raters)
    rows = []
    for i, g in enumerate(report.gaps):
        words = flag(report, g.gap)
        badge = f'<span class="badge">{_e(words)}</span>' if words else ""
        rows.append(
            f'<tr><td class="gap">{_e(g.name)} {badge}</td>'
            f'<td class="num" data-label="Now">{g.current or "–"}</td>'
            f'<td class="num" data-label="Target">{g.target or "–"}</td>'
            f'<td class="num" data-label="Change">{_signed(g.change)}</td>'
            f'<td class="num" data-label="Evidence">{g.evidence} '
            f'<span class="muted">({g.evidence_90d})</span></td>'
            f'<td class="num" data-label="Backed">{g.supported}</td>'
            + (
                f'<td class="num" data-label="Others">{level_text(g.others)}</td>'
                if with_others
                else ""
            )
            + (f'<td class="narrow-hide">{sparkline_svg(g.trend, _color(i))}</td>' if trend else "")
            + "</tr>"
        )
    head = (
        '<th>Gap</th><th class="num">Now</th><th class="num">Target</th>'
        '<th class="num">Change</th><th class="num">Evidence</th><th class="num">Backed</th>'
        + ('<th class="num">Others</th>' if with_others else "")
        + ('<th class="narrow-hide">Trend</th>' if trend else "")
    )
    said = calibration_lines(report, show_raters=show_raters)
    claims = (
        '<section class="card"><h2>Claims and evidence</h2><ul>'
        + "".join(f"<li>{_e(line)}</li>" for line in said)
        + "</ul></section>"
        if said
        else ""
    )
    moved = (
        trend_chart(report)
        if trend
        else '<p class="muted">One assessment so far. Re-assess in about three months to see '
        "how your levels move.</p>"
    )
    others_note = " Others: the median of others' latest ratings." if with_others else ""
    sections = [
        f"""<header><h1>Progress report</h1>
<p class="sub">{who}{_e(report.map_name)} · assessed {report.assessed_on} · {_e(compared(report))}</p></header>""",
        f"""<div class="stats">
<div class="stat"><b>{at_target}/{len(report.gaps)}</b><span>gaps at target</span></div>
<div class="stat"><b>{over}</b><span>ratings above your evidence</span></div>
<div class="stat"><b>{report.evidence_total}</b><span>evidence entries</span></div>
<div class="stat"><b>{report.evidence_recent}</b><span>entries in the last 90 days</span></div>
</div>""",
        f"""<section class="card"><h2>Where you stand</h2>{levels_chart(report.gaps)}
<div class="legend"><span><i style="background:#2f6fed"></i>current level</span>
<span><i style="background:#e0692b"></i>target level</span></div></section>""",
        f"""<section class="card"><h2>Gap by gap</h2><div class="scroll"><table class="gaps">
<thead><tr>{head}</tr></thead>
<tbody>{"".join(rows)}</tbody></table></div>
<p class="muted note">Evidence: entries logged for the gap, with the last 90 days in brackets.
Backed: the highest level your {_e(window_text(report.calibration))} supports.{others_note}</p></section>{claims}""",
        f"""<div class="pair"><section class="card"><h2>How it has moved</h2>{moved}</section>
<section class="card"><h2>Evidence logged per month</h2>{months_chart(report.months)}</section></div>""",
    ]
    if report.next_actions:
        items = "".join(
            f'<li><b>{_e(a.title)}</b> <span class="muted">· {_e(a.gap)}'
            f"{f' · due {a.due}' if a.due else ''}</span>"
            f"{f'<br><code>{_e(a.log_line)}</code>' if a.log_line else ''}</li>"
            for a in report.next_actions
        )
        sections.append(f'<section class="card"><h2>Next actions</h2><ol>{items}</ol></section>')
    if report.bullets:
        items = "".join(f"<li>{_e(b)}</li>" for b in report.bullets)
        sections.append(
            f'<section class="card"><h2>Strongest evidence, as CV lines</h2><ul>{items}</ul></section>'
        )
    title = f"Progress report · {report.map_name} · {report.assessed_on}"
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{_e(title)}</title>
<style>{CSS}</style>
</head>
<body>
<main>
{"".join(sections)}
<footer>Made with pm-coach on {report.today}. This page holds personal career data: share it with care.</footer>
</main>
</body>
</html>
"""
