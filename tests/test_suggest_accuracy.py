"""How often the gap suggestion is right on realistic evidence a PM would log.

Three sets of labelled statements, all for the leadership map, in
``tests/data/labelled_evidence.toml`` (its header says how each set was written and used):
"dev" (50, used while building and tuning), "holdout" (25) and "fresh" (25).

"Applied top-1 accuracy" counts a statement as right only when ``suggest_gap`` applies a gap and
it is the labelled one; left untagged counts as wrong. Precision is the share of applied
suggestions that are right (no suggestion beats a wrong one). "Ranking top-1" is how often the
labelled gap is ranked first, whether or not it clears the threshold (what the form pre-ticks
from).

Figures when these floors were set (applied / precision / ranking):
dev 70% / 95% / 78%, holdout 36% / 82% / 68%, fresh 52% / 87% / 72%.
The floors sit a little below, so a small deliberate change of the terms does not break the
suite while a real regression does.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path

import pytest

from pm_coach.core.suggest import best, score_gaps
from pm_coach.models import SkillMap
from pm_coach.store.maps import MapCatalog

DATA = Path(__file__).parent / "data" / "labelled_evidence.toml"
GAPS = ("strategy", "buy-in", "confidence", "domain", "delegation")
SETS = {"dev": 10, "holdout": 5, "fresh": 5}  # statements per gap


@pytest.fixture(scope="module")
def leadership() -> SkillMap:
    return MapCatalog(Path("/nonexistent-user-folder")).load("leadership")


def load(name: str | None = None) -> list[dict[str, str]]:
    with open(DATA, "rb") as fh:
        items: list[dict[str, str]] = tomllib.load(fh)["statement"]
    return [i for i in items if name is None or i["set"] == name]


def measure(items: list[dict[str, str]], skill_map: SkillMap) -> tuple[float, float, float]:
    """Applied top-1 accuracy, precision of applied suggestions, ranking top-1 accuracy."""
    right = wrong = ranked = 0
    for item in items:
        scores = score_gaps(item["text"], item.get("result", ""), skill_map)
        if scores and scores[0].gap == item["gap"]:
            ranked += 1
        found = best(scores)
        if found is None:
            continue
        if found.gap == item["gap"]:
            right += 1
        else:
            wrong += 1
    return right / len(items), right / max(1, right + wrong), ranked / len(items)


@pytest.mark.parametrize(("name", "per_gap"), SETS.items())
def test_labelled_sets_are_balanced(name: str, per_gap: int) -> None:
    counts = Counter(item["gap"] for item in load(name))
    assert counts == dict.fromkeys(GAPS, per_gap)


def test_every_statement_is_unique_and_in_a_known_set() -> None:
    items = load()
    assert {i["set"] for i in items} == set(SETS)
    assert len({i["text"] for i in items}) == len(items) == 100


@pytest.mark.parametrize(
    ("name", "min_applied", "min_precision", "min_ranked"),
    [
        ("dev", 0.66, 0.90, 0.74),
        ("holdout", 0.32, 0.75, 0.64),
        ("fresh", 0.48, 0.80, 0.68),
    ],
)
def test_top1_accuracy_stays_at_the_measured_level(
    leadership: SkillMap, name: str, min_applied: float, min_precision: float, min_ranked: float
) -> None:
    applied, precision, ranked = measure(load(name), leadership)
    assert applied >= min_applied, f"{name}: applied top-1 fell to {applied:.0%}"
    assert precision >= min_precision, f"{name}: precision fell to {precision:.0%}"
    assert ranked >= min_ranked, f"{name}: ranking top-1 fell to {ranked:.0%}"


def test_blind_set_accuracy(leadership: SkillMap) -> None:
    """50 statements written by someone who saw only the gap definitions, never the keyword
    lists or this code, and measured once: 58% applied top-1, 78% precision, 68% ranked first.
    Not used for tuning; the floors sit a little below so a regression shows."""
    path = Path(__file__).parent / "data" / "labelled_blind.toml"
    items = tomllib.loads(path.read_text(encoding="utf-8"))["statement"]
    assert Counter(i["gap"] for i in items) == dict.fromkeys(GAPS, 10)
    applied, precision, ranked = measure(items, leadership)
    assert applied >= 0.54 and precision >= 0.74 and ranked >= 0.64
