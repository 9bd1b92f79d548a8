"""docs/cli.md is generated from the commands' own --help and must match it.

Regenerate after changing a command's options or help text:

    python -m tests.test_cli_reference
"""

from __future__ import annotations

from pathlib import Path

import typer
from typer.testing import CliRunner

from pm_coach.cli import app

DOC = Path(__file__).resolve().parent.parent / "docs" / "cli.md"
HEADER = (
    "# Command reference\n\n"
    "Generated from `pm-coach … --help` by `python -m tests.test_cli_reference`; a test fails\n"
    "when it no longer matches the commands.\n"
)


def command_paths() -> list[list[str]]:
    root = typer.main.get_command(app)
    paths: list[list[str]] = []

    def walk(cmd: object, path: list[str]) -> None:
        paths.append(path)
        for name, sub in sorted(getattr(cmd, "commands", {}).items()):
            walk(sub, [*path, name])

    walk(root, [])
    return paths


def render_reference() -> str:
    runner = CliRunner()
    parts = [HEADER]
    for path in command_paths():
        result = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "100", "NO_COLOR": "1"})
        assert result.exit_code == 0, result.output
        title = " ".join(["pm-coach", *path])
        parts.append(f"\n## `{title}`\n\n```text\n{result.stdout.rstrip()}\n```\n")
    return "".join(parts)


def test_cli_reference_is_current() -> None:
    assert DOC.read_text(encoding="utf-8") == render_reference(), (
        "docs/cli.md is out of date: run python -m tests.test_cli_reference"
    )


if __name__ == "__main__":
    DOC.write_text(render_reference(), encoding="utf-8")
    print(f"wrote {DOC}")
