from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pm_coach.cli import app

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own empty data folder; no test touches a real home directory."""
    folder = tmp_path / "pm-home"
    monkeypatch.setenv("PM_COACH_HOME", str(folder))
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    from pm_coach.render import console

    # rich reads COLUMNS / NO_COLOR when a console is made: each test gets fresh ones
    console.out.cache_clear()
    console.err.cache_clear()
    return folder


Run = Callable[..., "object"]


@pytest.fixture
def run() -> Callable[..., object]:
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None):  # noqa: A002
        return runner.invoke(app, list(args), input=input, env=env)

    return invoke


def pm_coach_cmd() -> list[str]:
    """The installed console script if it sits beside this Python, else ``python -m pm_coach``."""
    script = Path(sys.executable).with_name("pm-coach")
    return [str(script)] if script.exists() else [sys.executable, "-m", "pm_coach"]


def subprocess_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PM_COACH_HOME"] = str(home)
    return env
