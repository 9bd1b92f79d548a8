"""Fast start: the paths a user runs most often do not import what they do not need.

Each check runs pm-coach in a fresh interpreter (imports are cached per process, so an
in-process check would prove nothing) and lists the modules loaded when it exits, the way
typer's own tests/test_rich_import.py does. See docs/performance.md for why these matter.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import subprocess_env

PROBE = textwrap.dedent(
    """\
    import atexit, json, sys

    OUT = sys.argv[1]

    def report():
        with open(OUT, "w") as fh:
            json.dump(sorted(sys.modules), fh)

    atexit.register(report)
    from pm_coach.cli import main
    sys.argv = ["pm-coach", *sys.argv[2:]]
    main()
    """
)

INTERACTIVE_ONLY = ("questionary", "prompt_toolkit", "pm_coach.prompts")


def loaded(home: Path, tmp_path: Path, *args: str) -> set[str]:
    out = tmp_path / "modules.json"
    p = subprocess.run(
        [sys.executable, "-c", PROBE, str(out), *args],
        env=subprocess_env(home),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert p.returncode == 0, p.stderr
    return set(json.loads(out.read_text("utf-8")))


def top_level(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def test_help_imports_no_prompt_library_no_rich_and_no_pydantic(home: Path, tmp_path: Path) -> None:
    mods = loaded(home, tmp_path, "--help")
    for name in (*INTERACTIVE_ONLY, "rich", "pydantic", "tomllib", "jsonschema"):
        assert name not in mods and name not in top_level(mods), name


@pytest.mark.parametrize(
    "args",
    [
        ["log", "Ran the pricing review", "--gap", "strategy", "--metric", "+3%"],
        [
            "log",
            "Spoke at a meetup",
            "--kind",
            "talk",
            "--org",
            "ProductTank",
            "--date",
            "yesterday",
        ],
    ],
)
def test_flagged_log_imports_no_prompt_library(home: Path, tmp_path: Path, args: list[str]) -> None:
    mods = loaded(home, tmp_path, *args)
    assert "pm_coach.store.evidence" in mods  # it did log something
    tops = top_level(mods)
    for name in (*INTERACTIVE_ONLY, "rich", "jsonschema", "tomli_w", "tomlkit", "filelock"):
        assert name not in mods and name not in tops, name
    # PM_COACH_HOME is set: nothing needs to ask the platform where data lives.
    assert "platformdirs" not in tops


def test_log_with_a_suggestion_loads_only_the_small_model(home: Path, tmp_path: Path) -> None:
    mods = loaded(home, tmp_path, "log", "Mentored a junior PM through her first launch")
    assert "pm_coach.core.gap_model" in mods  # the trained suggester was used ...
    tops = top_level(mods)
    # ... without training code, the prompt library, rich, or a numeric library
    for name in (*INTERACTIVE_ONLY, "pm_coach.tools", "rich", "tomli_w", "numpy", "sklearn"):
        assert name not in mods and name not in tops, name
