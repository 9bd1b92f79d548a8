"""Rewrite a ``[[key]]`` file touching only the tables that changed.

The data files say they are safe to edit by hand, so a rewrite must not lose what the user wrote
around the entries: comments, blank lines, the layout of entries pm-coach did not change. The
text is cut into a head (before the first table) and one block per ``[[key]]`` table; comment
and blank lines at the end of a block belong to the gap before the next table and are kept
whatever happens to the table. A table whose record is unchanged keeps its bytes; a changed one
is replaced by a freshly written table; a removed one loses only its own lines; a new one is
written after the kept record it follows in the new order.

The result is parsed again and must give exactly the new records; a file laid out in a way the
cutting cannot follow (a multi-line string holding a line that looks like a table header, say)
returns None, and the caller writes the file whole, as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Sequence
from typing import Any

from pm_coach.store.tomlfmt import table

_ANY_HEADER = re.compile(r"^\s*\[")


def _is_gap_line(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _cut(text: str, key: str) -> tuple[str, list[tuple[str, str]]] | None:
    """(head, [(table, gap after it)]) or None when a header is not a ``[[key]]`` one."""
    entry = re.compile(rf"^\s*\[\[\s*{re.escape(key)}\s*\]\]\s*(#.*)?$")
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if _ANY_HEADER.match(line)]
    if any(not entry.match(lines[i].rstrip("\r\n")) for i in starts):
        return None
    if not starts:
        return text, []
    head = "".join(lines[: starts[0]])
    blocks: list[tuple[str, str]] = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        body = lines[start:end]
        cut = len(body)
        while cut > 1 and _is_gap_line(body[cut - 1]):
            cut -= 1
        table_text = "".join(body[:cut])
        if not table_text.endswith("\n"):
            table_text += "\n"
        blocks.append((table_text, "".join(body[cut:])))
    return head, blocks


def splice_tables(
    text: str,
    key: str,
    old: Sequence[Any],
    new: Sequence[Any],
    *,
    ident: Callable[[Any], Hashable],
    record: Callable[[Any], dict[str, Any]],
    parse: Callable[[str], Sequence[Any]],
) -> str | None:
    """``text`` (which parsed to ``old``) changed to hold ``new``, or None (write it whole)."""
    cut = _cut(text, key)
    if cut is None:
        return None
    head, blocks = cut
    if len(blocks) != len(old):
        return None
    old_at = {ident(item): i for i, item in enumerate(old)}
    if len(old_at) != len(old):
        return None
    new_ids = [ident(item) for item in new]
    kept = [old_at[i] for i in new_ids if i in old_at]
    if kept != sorted(kept):
        return None  # a reordering: not worth splicing
    fresh_after: dict[int, list[str]] = {}  # old index (-1: before all) -> new tables
    changed: dict[int, str] = {}
    last = -1
    for item, item_id in zip(new, new_ids, strict=True):
        i = old_at.get(item_id)
        if i is None:
            fresh_after.setdefault(last, []).append(table(key, record(item)))
            continue
        last = i
        if item != old[i]:
            changed[i] = table(key, record(item))
    out = [head if not head or head.endswith("\n") else head + "\n"]

    def add_fresh(tables: list[str], more_follows: bool) -> None:
        for t in tables:
            if not "".join(out).endswith("\n\n"):
                out.append("\n")
            out.append(t)
            if more_follows:
                out.append("\n")

    add_fresh(fresh_after.get(-1, []), bool(blocks))
    kept_set = set(kept)
    for i, (table_text, gap) in enumerate(blocks):
        if i in kept_set:
            out.append(changed.get(i, table_text))
            out.append(gap)
        elif gap.strip():
            out.append(gap)  # the user's comments after a removed table stay
        add_fresh(fresh_after.get(i, []), i + 1 < len(blocks))
    result = "".join(out)
    if len(kept_set) < len(blocks) and not text.endswith("\n\n"):
        result = result.rstrip("\n") + "\n"  # no blank tail left by removing the last table
    try:
        if list(parse(result)) != list(new):
            return None
    except Exception:  # noqa: BLE001 - any failure means: write the file whole instead
        return None
    return result
