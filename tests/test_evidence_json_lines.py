"""``evidence list --json`` is written an entry at a time: the same JSON array, one entry a
line, without holding a big log as one text."""

from __future__ import annotations

import datetime as dt
import json

from pm_coach.models import Evidence
from pm_coach.render.evidence import as_json, json_lines


def entry(entry_id: str, text: str) -> Evidence:
    return Evidence(
        id=entry_id,
        date=dt.date(2026, 5, 1),
        text=text,
        created=dt.datetime(2026, 5, 1, tzinfo=dt.UTC),
    )


def test_an_empty_log_is_an_empty_array() -> None:
    assert list(json_lines([])) == ["[]\n"]
    assert as_json([]) == "[]"


def test_one_entry_a_line_and_commas_between() -> None:
    lines = list(json_lines([entry("abc", "Ran the pricing review"), entry("def", "Wrote é")]))
    assert lines[0] == "[\n" and lines[-1] == "]\n"
    assert lines[1].startswith('{"id": "abc", ') and lines[1].endswith("},\n")
    assert lines[2].startswith('{"id": "def", ') and lines[2].endswith("}\n")
    assert '"text": "Wrote é"' in lines[2]  # not escaped to \u00e9
    assert [e["id"] for e in json.loads("".join(lines))] == ["abc", "def"]
    assert as_json([entry("abc", "x")]) == "".join(json_lines([entry("abc", "x")]))[:-1]
