"""scipy's assignment solver, loaded without the rest of ``scipy.optimize``.

``cohort match`` needs one function, ``linear_sum_assignment``, which scipy ships as a small
compiled module (``scipy/optimize/_lsap``). Importing it the ordinary way runs
``scipy.optimize``'s package start-up first, which loads most of scipy (linear algebra, sparse
matrices, statistics helpers) and costs about 0.6 s of CPU: a third of the whole command at
2,000 members. :func:`linear_sum_assignment` loads the compiled module by itself (it needs only
numpy) and falls back to the ordinary import whenever that does not work, for example on a
scipy that lays its files out differently. Either way it is scipy's own solver.

Raises ImportError when scipy is not installed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

Solver = Callable[..., tuple[Any, Any]]


@cache
def linear_sum_assignment() -> Solver:
    """scipy's ``linear_sum_assignment`` (rows, cols = solve(cost))."""
    try:
        return _compiled()
    except Exception:  # noqa: BLE001 - any surprise: the ordinary, slower import
        from scipy.optimize import linear_sum_assignment as solve

        return solve


def _compiled() -> Solver:
    import importlib.machinery
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("scipy")
    if spec is None or spec.origin is None:
        raise ImportError("scipy is not installed")
    folder = Path(spec.origin).parent / "optimize"
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        path = folder / f"_lsap{suffix}"
        if path.is_file():
            break
    else:
        raise ImportError("scipy.optimize._lsap is not a compiled module here")
    name = "scipy.optimize._lsap"
    module_spec = importlib.util.spec_from_file_location(name, path)
    if module_spec is None or module_spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    solve: Solver = module.linear_sum_assignment
    return solve
