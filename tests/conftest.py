from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
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


WriteData = Callable[[str, str], Path]


@pytest.fixture
def write_data(home: Path) -> WriteData:
    """Put a data file written by hand into the test's data folder (made 0700, as pm-coach
    makes it), private (0600) as pm-coach keeps its files; returns the file's path."""

    def write(name: str, text: str) -> Path:
        home.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = home / name
        path.write_text(text, encoding="utf-8")
        os.chmod(path, 0o600)
        return path

    return write


@pytest.fixture
def set_umask() -> Iterator[Callable[[int], None]]:
    """Set the process umask for one test; the one before is put back afterwards."""
    before = os.umask(0o022)
    os.umask(before)
    yield os.umask
    os.umask(before)


def pm_coach_cmd() -> list[str]:
    """The installed console script if it sits beside this Python, else ``python -m pm_coach``."""
    script = Path(sys.executable).with_name("pm-coach")
    return [str(script)] if script.exists() else [sys.executable, "-m", "pm_coach"]


def subprocess_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PM_COACH_HOME"] = str(home)
    return env
