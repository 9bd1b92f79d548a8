"""Evidence as list rows, a detail view, or JSON."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import RenderableType

    from pm_coach.models import Evidence
    from pm_coach.render.evidence_list import Row


def row(e: Evidence) -> Row:
    """An entry as ``evidence list`` shows it (see render/evidence_list.py)."""
    from pm_coach.render.evidence_list import Row  # the table's; --json does without it

    return Row(e.id, e.date.isoformat(), e.text, e.result, e.metrics, e.gaps, e.tags)


def detail(e: Evidence) -> RenderableType:
    from rich.table import Table

    t = Table.grid(padding=(0, 2))
    t.add_column(style="bold")
    t.add_column()
    rows = [
        ("id", e.id),
        ("date", e.date.isoformat()),
        ("text", e.text),
        ("result", e.result),
        ("metrics", "; ".join(e.metrics)),
        ("gaps", ", ".join(e.gaps)),
        ("tags", ", ".join(e.tags)),
        ("goal", e.goal),
        ("kind", e.kind),
        ("org", e.org),
        ("scope", e.scope or ""),
        ("action", e.action),
        ("created", e.created.isoformat()),
    ]
    for name, value in rows:
        if value:
            t.add_row(name, value)
    return t


def as_json(entries: Sequence[Evidence]) -> str:
    """A JSON array, one entry a line: readable, diffable, and written by json's fast C encoder
    (``indent`` would switch to the pure-Python one, several times slower on a big log)."""
    return "".join(json_lines(entries))[:-1]


def json_lines(entries: Sequence[Evidence]) -> Iterator[str]:
    """:func:`as_json` and a newline, a line at a time: a big log is never held as text."""
    if not entries:
        yield "[]\n"
        return
    yield "[\n"
    last = len(entries) - 1
    for i, e in enumerate(entries):
        yield json.dumps(e.to_json(), ensure_ascii=False) + (",\n" if i < last else "\n")
    yield "]\n"


def summary_line(e: Evidence, width: int = 71) -> str:
    """``id · date · text [gaps]`` in at most ``width`` columns (room for ``Logged `` or
    ``Restored `` before it on an 80-column line): a long text is cut at a word, with "…"."""
    from pm_coach.render.plain import cells, wrap

    gaps = f" [{', '.join(e.gaps)}]" if e.gaps else ""
    room = max(width - cells(f"{e.id} · {e.date.isoformat()} · {gaps}"), 12)
    text = e.text
    if cells(text) > room:
        text = wrap(text, room - 1)[0].rstrip(" ,;:") + "…"
    return f"{e.id} · {e.date.isoformat()} · {text}{gaps}"


def review_line(e: Evidence) -> str:
    """The entry as ``export --review`` shows it above its draft: text · result · metrics."""
    parts = [e.text]
    if e.result:
        parts.append(f"result: {e.result}")
    if e.metrics:
        parts.append("metrics: " + "; ".join(e.metrics))
    return " · ".join(parts)
