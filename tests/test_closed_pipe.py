"""Issue #12 case 9: ``pm-coach … | head -1`` ends with exit 0 and no message for every command
that prints, as the README promises. rich used to exit 1 on a broken pipe, and help printed while
the command line was parsed went round the CLI's error boundary.

The reader is gone before pm-coach writes a byte (the read end of the pipe is closed at once),
so every run hits the broken pipe on its first write: no timing is involved.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import pm_coach_cmd, subprocess_env

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX pipes")

COMMANDS = [
    "--help",
    "--version",
    "log --help",
    "evidence list",
    "evidence list --json",
    "evidence show {id}",
    "export",
    "export --format json",
    "report",
    "report --json",
    "report --format markdown",
    "report --format html",
    "plan",
    "plan --json",
    "next",
    "assess --history",
    "assess --history --json",
    "maps list",
    "maps list --json",
    "maps show",
    "maps show --json",
    "network list",
    "network list --json",
    "profile show",
]


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("pipe") / "home"
    from typer.testing import CliRunner

    from pm_coach.cli import app

    runner = CliRunner()
    env = {"PM_COACH_HOME": str(home)}
    answers = home.parent / "answers.toml"
    answers.write_text(
        "[levels]\nstrategy = 3\nbuy-in = 2\nconfidence = 4\ndomain = 1\ndelegation = 2\n"
    )
    steps = [
        ["log", "Ran the pricing review", "--gap", "strategy", "--date", "2026-11-02"],
        ["network", "add", "Sam Lee", "--kind", "mentor", "--helps", "strategy"],
        ["assess", "--answers", str(answers), "--date", "2026-11-03"],
        ["profile", "set", "--name", "Alex Doe"],
        ["plan", "new", "--start", "2026-11-23"],
    ]
    for args in steps:
        r = runner.invoke(app, args, env=env)
        assert r.exit_code == 0, (args, r.output)
    listed = runner.invoke(app, ["evidence", "list", "--json"], env=env)
    import json

    entry_id = json.loads(listed.stdout)[0]["id"]
    return {"home": str(home), "id": entry_id}


@pytest.mark.parametrize("command", COMMANDS)
def test_a_reader_that_went_away_is_not_an_error(filled: dict[str, str], command: str) -> None:
    args = command.format(**filled).split()
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = subprocess.run(
            [*pm_coach_cmd(), *args],
            env=subprocess_env(Path(filled["home"])),
            stdout=write_end,
            stderr=subprocess.PIPE,
            timeout=60,
        )
    finally:
        os.close(write_end)
    assert (proc.returncode, proc.stderr.decode()) == (0, "")
