"""How often the gap suggestion ``log`` makes is right, on statements the model never trained on.

"Applied and correct" counts a statement as right only when a gap is applied and it is the
labelled one; left untagged counts as wrong. "Precision" is the share of applied tags that are
right. Both are computed by ``python -m pm_coach.tools.eval_suggest FILE``, the same command a
person runs; docs/suggestions.md reports the figures.

- ``labelled_evidence.toml`` (100) and ``labelled_blind.toml`` (50) were written for the earlier
  keyword rule and are extra validation for the trained model: they are not in its training data
  and were not used to choose its thresholds. Measured when the model was frozen: 98% applied and
  correct / 99% precision, and 98% / 100%. The floors sit a little below.
- ``suggest_blind.toml`` (100, 20 per gap) is the blind set written from the gap definitions
  alone by someone who never saw the training data; it is measured once, after the model is
  frozen, and kept here as a floor (the issue's bar: 80% applied and correct).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from pm_coach.core.gap_model import GapModel
from pm_coach.store.maps import MapCatalog, load_suggest_weights
from pm_coach.tools.eval_suggest import evaluate
from pm_coach.tools.suggest_data import load_statements

DATA = Path(__file__).parent / "data"
GAPS = ("strategy", "buy-in", "confidence", "domain", "delegation")


def figures(name: str) -> tuple[float, float]:
    skill_map = MapCatalog(Path("/nonexistent-user-folder")).load("leadership")
    model = GapModel.for_map(load_suggest_weights("leadership"), skill_map.gap_ids)
    assert model is not None
    statements = load_statements(DATA / name, skill_map.gap_ids)
    fig = evaluate(statements, skill_map, model)
    return fig.applied_correct, fig.precision


@pytest.mark.parametrize(
    ("name", "per_gap", "min_applied", "min_precision"),
    [("labelled_evidence.toml", 20, 0.90, 0.95), ("labelled_blind.toml", 10, 0.90, 0.95)],
)
def test_extra_validation_sets_stay_at_the_measured_level(
    name: str, per_gap: int, min_applied: float, min_precision: float
) -> None:
    counts = Counter(s.gap for s in load_statements(DATA / name))
    assert counts == dict.fromkeys(GAPS, per_gap)
    applied, precision = figures(name)
    assert applied >= min_applied, f"{name}: applied and correct fell to {applied:.0%}"
    assert precision >= min_precision, f"{name}: precision fell to {precision:.0%}"


@pytest.mark.skipif(
    not (DATA / "suggest_blind.toml").is_file(),
    reason="the blind set is held by the coordinator until the model is measured on it",
)
def test_blind_set() -> None:
    applied, _ = figures("suggest_blind.toml")
    assert applied >= 0.80, f"blind set: applied and correct fell to {applied:.0%}"
