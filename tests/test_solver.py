"""cohort match uses scipy's assignment solver without importing the rest of scipy.optimize."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import numpy as np
import pytest

from pm_coach.core import solver
from tests.test_cohort import small_cohort
from tests.test_startup import loaded

# 3 mentees (rows) by 2 places (columns); lower is better. The best: row 2 takes column 0
# (cost 1), row 0 takes column 1 (cost 2); row 1 is left out.
COST = [[4.0, 2.0], [5.0, 6.0], [1.0, 8.0]]


@pytest.fixture(autouse=True)
def fresh_solver():
    solver.linear_sum_assignment.cache_clear()
    yield
    solver.linear_sum_assignment.cache_clear()


def test_the_solver_finds_the_cheapest_assignment() -> None:
    rows, cols = solver.linear_sum_assignment()(np.array(COST))
    assert (rows.tolist(), cols.tolist()) == ([0, 2], [1, 0])


def test_the_compiled_solver_is_scipys_own_and_loads_without_its_package() -> None:
    fast = solver._compiled()
    assert fast.__module__ == "scipy.optimize._lsap"
    rows, cols = fast(np.array(COST).T)  # 2 places by 3 mentees: the same pairs, transposed
    assert (rows.tolist(), cols.tolist()) == ([0, 1], [2, 0])


def test_when_the_compiled_module_cannot_be_loaded_the_ordinary_import_is_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken() -> object:
        raise OSError("not here")

    monkeypatch.setattr(solver, "_compiled", broken)
    solve = solver.linear_sum_assignment()
    assert solve.__module__ == "scipy.optimize._lsap"
    assert [r.tolist() for r in solve(np.array(COST))] == [[0, 2], [1, 0]]


def test_without_scipy_the_solver_is_an_import_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "scipy", None)
    monkeypatch.setitem(sys.modules, "scipy.optimize", None)
    with pytest.raises(ImportError):
        solver.linear_sum_assignment()


def test_cohort_match_never_imports_scipy_optimize_or_linalg(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cohort"
    small_cohort(folder, dt.date.today())
    mods = loaded(home, tmp_path, "cohort", "match", "--dir", str(folder), "--json")
    assert "numpy" in mods
    assert {"scipy.optimize", "scipy.linalg", "scipy.sparse"}.isdisjoint(mods)
