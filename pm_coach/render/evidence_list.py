"""``evidence list`` as plain lines, written one entry at a time.

Column widths come from the screen width alone, never from measuring the entries, so a row is
laid out as soon as it arrives and memory stays the same however long the log is. Standard
library only (no rich, pydantic or typer): a lean read path can print the same bytes.

Three layouts, chosen by width (``wide=True`` keeps all six columns whatever the width):

- 120 columns and more: id, date, what you did, result / metrics, gaps, tags;
- 72 to 119: id, date, what you did (result and tags on lines below it), gaps;
- under 72: id, date, what you did (result, gaps and tags on lines below it).

Text wraps at spaces inside its own column; no line ends in a space.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from pm_coach.render.plain import cells, pad, wrap

WIDE_FROM = 120
MEDIUM_FROM = 72
ID_W = 6
DATE_W = 10
GAPS_W = 14
TAGS_W = 12
SEP = "  "
# --wide on a narrow screen: the two text columns never get narrower than this.
MIN_TEXT_W = 30
MIN_RESULT_W = 20


class Row(NamedTuple):
    """One entry as the list shows it: plain strings, the date as YYYY-MM-DD."""

    id: str
    date: str
    text: str
    result: str = ""
    metrics: Sequence[str] = ()
    gaps: Sequence[str] = ()
    tags: Sequence[str] = ()


def title(shown: int, total: int) -> str:
    """The line above the table: how many entries, and how many of them are shown."""
    if shown < total:
        return f"Evidence (newest {shown} of {total})"
    return f"Evidence ({total})"


def layout(width: int, wide: bool = False) -> str:
    """Which layout fits ``width`` columns: ``wide``, ``medium`` or ``narrow``."""
    if wide or width >= WIDE_FROM:
        return "wide"
    return "medium" if width >= MEDIUM_FROM else "narrow"


def _widths(width: int, kind: str) -> list[int]:
    """Column widths for ``kind``; the last is the text (or, wide, text and result)."""
    if kind == "wide":
        rest = width - (ID_W + DATE_W + GAPS_W + TAGS_W + 5 * len(SEP))
        text_w = max(rest * 3 // 5, MIN_TEXT_W)
        result_w = max(rest - text_w, MIN_RESULT_W)
        return [ID_W, DATE_W, text_w, result_w, GAPS_W, TAGS_W]
    if kind == "medium":
        return [ID_W, DATE_W, width - (ID_W + DATE_W + GAPS_W + 3 * len(SEP)), GAPS_W]
    return [ID_W, DATE_W, width - (ID_W + DATE_W + 2 * len(SEP))]


HEADERS = {
    "wide": ["id", "date", "what you did", "result / metrics", "gaps", "tags"],
    "medium": ["id", "date", "what you did", "gaps"],
    "narrow": ["id", "date", "what you did"],
}


def _outcome(row: Row) -> str:
    return "; ".join(x for x in [row.result, *row.metrics] if x)


def _cells(row: Row, kind: str, widths: list[int]) -> list[list[str]]:
    """Each column's lines for one row."""
    text_w = widths[2]
    text = wrap(row.text, text_w)
    outcome = _outcome(row)
    gaps = ", ".join(row.gaps)
    tags = ", ".join(row.tags)
    if kind == "wide":
        return [
            [row.id],
            [row.date],
            text,
            wrap(outcome, widths[3]),
            wrap(gaps, GAPS_W),
            wrap(tags, TAGS_W),
        ]
    below = wrap(f"→ {outcome}", text_w) if outcome else []
    if kind == "medium":
        if tags:
            below += wrap(f"tags: {tags}", text_w)
        return [[row.id], [row.date], text + below, wrap(gaps, GAPS_W)]
    labelled = [f"{name}: {value}" for name, value in (("gaps", gaps), ("tags", tags)) if value]
    together = "  ".join(labelled)
    if labelled and cells(together) <= text_w:
        below.append(together)
    else:
        for part in labelled:
            below += wrap(part, text_w)
    return [[row.id], [row.date], text + below]


def _join(columns: list[list[str]], widths: list[int]) -> Iterator[str]:
    height = max(1, *(len(c) for c in columns))
    last = len(columns) - 1
    for i in range(height):
        parts = []
        for n, (col, w) in enumerate(zip(columns, widths, strict=True)):
            value = col[i] if i < len(col) else ""
            parts.append(value if n == last else pad(value, w))
        yield SEP.join(parts).rstrip() + "\n"


def lines(rows: Iterable[Row], width: int, *, heading: str, wide: bool = False) -> Iterator[str]:
    """The whole listing, a line at a time (each ends in a newline): ``heading``, the column
    names, then every row of ``rows`` as it comes."""
    kind = layout(width, wide)
    widths = _widths(width, kind)
    yield heading + "\n"
    yield from _join([[h] for h in HEADERS[kind]], widths)
    for row in rows:
        columns = _cells(row, kind, widths)
        if cells(row.id) > ID_W:  # an imported id longer than usual gets a line of its own
            yield row.id + "\n"
            columns[0] = []
        yield from _join(columns, widths)
