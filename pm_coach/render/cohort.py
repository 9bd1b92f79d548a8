"""The cohort commands' output: member list, cohort report (terminal, Markdown, HTML, JSON) and
the pairing (text, JSON). Every name and note comes from member files other people wrote, so the
HTML escapes everything it did not write itself and the Markdown escapes its markup."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from html import escape
from typing import TYPE_CHECKING, Any

from pm_coach.core.cohort import CohortReport
from pm_coach.core.matching import Matching
from pm_coach.models.cohort import Member
from pm_coach.render.plan import md
from pm_coach.render.reasons import pair_why

if TYPE_CHECKING:
    from rich.console import RenderableType


def _level(x: float) -> str:
    return f"{x:g}"


# --- cohort list --------------------------------------------------------------------------------


def members_json(members: Sequence[Member]) -> str:
    return json.dumps([m.to_json() for m in members], ensure_ascii=False, indent=2)


def members_table(members: Sequence[Member]) -> RenderableType:
    from rich.table import Table

    t = Table(title=f"Cohort ({len(members)} members)", title_justify="left")
    t.add_column("name", style="cyan")
    t.add_column("focus", style="magenta")
    t.add_column("strengths")
    t.add_column("mentors", justify="right")
    t.add_column("shared", no_wrap=True)
    for m in members:
        t.add_row(
            m.name,
            ", ".join(m.focus),
            ", ".join(m.strengths),
            str(m.mentor) if m.mentor else "",
            m.shared_on.isoformat(),
        )
    return t


# --- cohort report ------------------------------------------------------------------------------


def report_json(r: CohortReport) -> str:
    data: dict[str, Any] = asdict(r)
    data["today"] = r.today.isoformat()
    data["weakest"] = [g.gap for g in r.weakest]
    for q in data["quiet"]:
        q["shared_on"] = q["shared_on"].isoformat()
    return json.dumps(data, ensure_ascii=False, indent=2)


def _summary(r: CohortReport) -> str:
    return (
        f"{r.members} members on the {r.map_id} map: {r.mentees} mentees, {r.mentors} mentors "
        f"offering {r.mentor_places} places"
    )


def report_terminal(r: CohortReport) -> RenderableType:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    t = Table(title="Where the cohort stands, per gap", title_justify="left")
    t.add_column("gap", style="cyan")
    t.add_column("rated", justify="right")
    t.add_column("median level", justify="right")
    t.add_column("median target", justify="right")
    t.add_column("below target", justify="right")
    t.add_column("strong", justify="right")
    for g in r.gaps:
        t.add_row(
            g.name,
            str(g.rated),
            _level(g.median_level),
            _level(g.median_target),
            str(g.below),
            str(g.strong),
        )
    parts: list[Any] = [Text(_summary(r)), t]
    if r.weakest:
        topics = ", ".join(f"{g.name} ({g.mean_need:g} below target on average)" for g in r.weakest)
        parts.append(Text(f"Session topics (the weakest gaps across the cohort): {topics}"))
    if r.quiet:
        quiet = ", ".join(f"{q.name} ({q.days} days)" for q in r.quiet)
        parts.append(Text(f"Gone quiet (no update shared for 30+ days): {quiet}"))
    else:
        parts.append(Text("Nobody has gone quiet: every member shared in the last 30 days."))
    if r.left_out:
        parts.append(Text(f"Left out (--skip-bad): {', '.join(r.left_out)}"))
    return Group(*parts)


def report_markdown(r: CohortReport) -> str:
    lines = [f"# Cohort report: {md(r.map_id)}", "", f"{md(_summary(r))} · {r.today.isoformat()}"]
    lines += [
        "",
        "## Where the cohort stands",
        "",
        "| Gap | Rated | Median level | Median target | Below target | Strong |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for g in r.gaps:
        lines.append(
            f"| {md(g.name)} | {g.rated} | {_level(g.median_level)} | "
            f"{_level(g.median_target)} | {g.below} | {g.strong} |"
        )
    lines += ["", "## Session topics", ""]
    if r.weakest:
        lines += [
            f"{n}. **{md(g.name)}**: {g.below} of {g.rated} below target, "
            f"{g.mean_need:g} levels on average"
            for n, g in enumerate(r.weakest, start=1)
        ]
    else:
        lines.append("Every member is at or above target in every gap.")
    lines += ["", "## Gone quiet", ""]
    if r.quiet:
        lines += [
            f"- {md(q.name)}: last shared {q.shared_on.isoformat()} ({q.days} days ago)"
            for q in r.quiet
        ]
    else:
        lines.append("Nobody: every member shared in the last 30 days.")
    if r.left_out:
        lines += ["", f"Left out (--skip-bad): {md(', '.join(r.left_out))}"]
    return "\n".join(lines) + "\n"


_CSS = """
body { margin: 0; background: #f5f7fa; color: #1d2433;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
main { max-width: 880px; margin: 0 auto; padding: 28px 16px 48px; }
h1 { font-size: 1.6rem; margin: 0 0 6px; } h2 { font-size: 1.1rem; margin: 0 0 12px; }
.sub, .muted { color: #5b6475; }
.card { background: #fff; border: 1px solid #e3e7ee; border-radius: 12px; padding: 18px 20px;
  margin-top: 18px; break-inside: avoid; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 7px 8px; border-bottom: 1px solid #e3e7ee; }
th { font-size: .8rem; text-transform: uppercase; color: #5b6475; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.bar { display: inline-block; height: 10px; background: #e0692b; border-radius: 3px; }
@media print { body { background: #fff; } .card { border-radius: 0; } }
"""


def report_html(r: CohortReport) -> str:
    def e(text: object) -> str:
        return escape(str(text), quote=True)

    widest = max((g.mean_need for g in r.gaps), default=0) or 1
    rows = "".join(
        f"<tr><td>{e(g.name)}</td><td class=num>{g.rated}</td>"
        f"<td class=num>{e(_level(g.median_level))}</td>"
        f"<td class=num>{e(_level(g.median_target))}</td><td class=num>{g.below}</td>"
        f'<td class=num>{g.strong}</td><td><span class=bar style="width:'
        f'{round(100 * g.mean_need / widest)}px"></span></td></tr>'
        for g in r.gaps
    )
    topics = (
        "<ol>"
        + "".join(
            f"<li><b>{e(g.name)}</b>: {g.below} of {g.rated} below target, "
            f"{e(f'{g.mean_need:g}')} levels on average</li>"
            for g in r.weakest
        )
        + "</ol>"
        if r.weakest
        else "<p>Every member is at or above target in every gap.</p>"
    )
    quiet = (
        "<ul>"
        + "".join(
            f"<li>{e(q.name)}: last shared {e(q.shared_on.isoformat())} ({q.days} days ago)</li>"
            for q in r.quiet
        )
        + "</ul>"
        if r.quiet
        else "<p>Nobody: every member shared in the last 30 days.</p>"
    )
    left = (
        f"<p class=muted>Left out (--skip-bad): {e(', '.join(r.left_out))}</p>"
        if r.left_out
        else ""
    )
    return (
        "<!doctype html>\n<html lang=en><head><meta charset=utf-8>"
        '<meta name=viewport content="width=device-width, initial-scale=1">'
        f"<title>Cohort report: {e(r.map_id)}</title><style>{_CSS}</style></head><body><main>"
        f"<h1>Cohort report: {e(r.map_id)}</h1>"
        f"<p class=sub>{e(_summary(r))} · {e(r.today.isoformat())}</p>"
        "<section class=card><h2>Where the cohort stands</h2><table><thead><tr><th>Gap</th>"
        "<th class=num>Rated</th><th class=num>Median level</th><th class=num>Median target</th>"
        "<th class=num>Below target</th><th class=num>Strong</th><th>Average gap</th></tr>"
        f"</thead><tbody>{rows}</tbody></table></section>"
        f"<section class=card><h2>Session topics</h2>{topics}</section>"
        f"<section class=card><h2>Gone quiet</h2>{quiet}{left}</section>"
        "</main></body></html>\n"
    )


# --- cohort match -------------------------------------------------------------------------------


def matching_json(m: Matching) -> str:
    data = {
        "pairs": [{"mentee": p.mentee, "mentor": p.mentor, "reason": pair_why(p)} for p in m.pairs],
        "unmatched": list(m.unmatched),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def matching_text(m: Matching) -> str:
    lines = [
        f"{len(m.pairs)} pairs from {m.mentors} mentors offering {m.places} places; "
        f"{len(m.unmatched)} mentees unmatched."
    ]
    lines += [f"{p.mentee} → {p.mentor}: {pair_why(p)}" for p in m.pairs]
    if m.unmatched:
        lines.append(f"Unmatched (no place left with a suitable mentor): {', '.join(m.unmatched)}")
    return "\n".join(lines) + "\n"
