"""House rules for the tests themselves: no test reads the clock while pytest collects it."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).parent


def _clock_calls_at_import(tree: ast.Module) -> list[int]:
    """Lines of ``today()`` / ``now()`` calls outside any function or class body."""
    lines: list[int] = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        for sub in ast.walk(node):
            if (
                isinstance(sub, ast.Call)
                and isinstance(sub.func, ast.Attribute)
                and sub.func.attr in ("today", "now", "utcnow")
            ):
                lines.append(sub.lineno)
    return lines


def test_the_checker_sees_a_module_level_today() -> None:
    tree = ast.parse(
        "import datetime as dt\nTODAY = dt.date.today()\ndef f():\n    dt.date.today()\n"
    )
    assert _clock_calls_at_import(tree) == [2]


def test_no_test_module_reads_the_date_at_import_time() -> None:
    found = []
    for path in sorted(TESTS.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        found += [f"{path.relative_to(TESTS)}:{line}" for line in _clock_calls_at_import(tree)]
    assert found == []
