"""The labelled tuning set (tests/data/bullets_labelled.toml): every bullet has its properties.

Each entry names the first word its bullet must start with and the phrases it must keep whole;
every entry is also checked for the rules a pasted bullet needs (numbers said once, no first
person, sentence case, nothing cut). These are tuning figures: the writer's author wrote them.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from pm_coach.core.bullets import write_bullet
from pm_coach.core.bullets.metrics import number_keys

DATA = Path(__file__).resolve().parent / "data" / "bullets_labelled.toml"
ENTRIES: list[dict[str, Any]] = tomllib.loads(DATA.read_text("utf-8"))["entry"]
PAST_VERBS_SEEN: set[str] = set()


def bullet_of(entry: dict[str, Any]) -> str:
    return write_bullet(
        entry["text"],
        result=entry.get("result", ""),
        metrics=entry.get("metrics", []),
        goal=entry.get("goal", ""),
        kind=entry.get("kind", "work"),
        org=entry.get("org", ""),
    ).text


def test_the_set_is_large_and_covers_every_section() -> None:
    assert len(ENTRIES) >= 120
    kinds = {e.get("kind", "work") for e in ENTRIES}
    assert kinds == {"work", "volunteer", "talk", "publication"}


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["text"][:40] for e in ENTRIES])
def test_labelled_entry(entry: dict[str, Any]) -> None:
    text = bullet_of(entry)
    allowed = set(entry.get("allow", []))
    # starts with one past-tense verb: the one the entry names
    assert text.split(" ", 1)[0].rstrip(",") == entry["starts"], text
    for phrase in entry.get("has", []):
        assert phrase in text, f"{phrase!r} missing from {text!r}"
    for phrase in entry.get("lacks", []):
        assert phrase not in text, f"{phrase!r} in {text!r}"
    # every number of the result and metrics, said exactly once (the text's own numbers stay)
    said = number_keys(text)
    result = entry.get("result", "")
    for key in set(number_keys(" ".join([result, *entry.get("metrics", [])]))):
        written = number_keys(entry["text"]).count(key) + number_keys(result).count(key)
        if key in entry.get("derived", []):
            assert said.count(key) <= written, f"{key} in {text!r}"  # worked out from the result
            continue
        assert said.count(key) == max(1, written), f"{key} in {text!r}"
    if "first-person" not in allowed:
        assert not re.search(r"\b(I|me|my|we|our|us)\b", text), text
    # sentence case: no capital straight after a semicolon unless it is a name or acronym
    for after in re.findall(r"; (\S+)", text):
        assert not (after[:1].isupper() and after[1:].islower()), text
    assert "…" not in text  # nothing cut mid-clause
    if entry.get("org"):
        assert entry["org"] in text  # section phrasing names the organisation


def test_connectors_vary_across_the_set() -> None:
    """No single connector carries the CV: "as measured by" never, any other in under 35%."""
    texts = [bullet_of(e) for e in ENTRIES]
    assert not any("as measured by" in t for t in texts)
    for connector in (", so ", ", with ", ", resulting in ", " by "):
        share = sum(connector in t for t in texts) / len(texts)
        assert share < 0.35, (connector, share)
