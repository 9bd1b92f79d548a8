"""Usage errors Click finds while parsing read like every other pm-coach error:
`pm-coach: error: …` and `hint: …` on stderr, exit 2, no `Usage:` / `Error:` box; and help
names what an option takes in words, never Python types."""

from __future__ import annotations

import re
import subprocess

import pytest

from tests.conftest import pm_coach_cmd, subprocess_env

ERR = "pm-coach: error: "


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (
            ["evidence", "list", "--bogus"],
            f"{ERR}'pm-coach evidence list' has no option --bogus.\n"
            "  hint: See the options with: pm-coach evidence list --help\n",
        ),
        (
            ["evidence", "list", "--jsn"],
            f"{ERR}'pm-coach evidence list' has no option --jsn.\n"
            "  hint: Did you mean --json or --since? See the options with: "
            "pm-coach evidence list --help\n",
        ),
        (
            ["export", "--top", "0"],
            f"{ERR}invalid value for '--top': it should be greater than or equal to 1\n"
            "  hint: See the options with: pm-coach export --help\n",
        ),
        (
            ["evidence", "show"],
            f"{ERR}missing argument 'ID'.\n"
            "  hint: See the options with: pm-coach evidence show --help\n",
        ),
        (
            ["evidence", "lst"],
            f"{ERR}no such command 'lst'.\n"
            "  hint: Did you mean 'list'? See the commands with: pm-coach evidence --help\n",
        ),
        (
            ["--bogus"],
            f"{ERR}'pm-coach' has no option --bogus.\n"
            "  hint: See the commands with: pm-coach --help\n",
        ),
        (
            ["log", "Ran the review", "--gap"],
            f"{ERR}option '--gap' requires an argument.\n"
            "  hint: Add --help to the command to see its options.\n",
        ),
    ],
)
def test_a_usage_error_is_one_error_line_and_one_hint(run, args: list[str], stderr: str) -> None:
    r = run(*args)
    assert r.exit_code == 2
    assert r.stderr == stderr
    assert r.stdout == ""


def test_a_group_without_a_command_still_shows_its_help(run) -> None:
    r = run("evidence")
    assert r.exit_code == 2
    assert "Usage: pm-coach evidence [OPTIONS] COMMAND [ARGS]..." in r.output
    assert ERR not in r.output


def test_the_installed_command_reports_usage_errors_the_same_way(home) -> None:
    p = subprocess.run(
        [*pm_coach_cmd(), "evidence", "list", "--bogus"],
        capture_output=True,
        text=True,
        env=subprocess_env(home),
    )
    assert p.returncode == 2
    assert p.stderr.startswith(f"{ERR}'pm-coach evidence list' has no option --bogus.\n")
    assert "Error:" not in p.stderr and "Usage:" not in p.stderr


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["evidence", "list"], "  -g, --gap GAP      Only entries tagged with this gap"),
        (["evidence", "list"], "  --since DATE       Only entries on or after this date."),
        (["evidence", "show"], "  ID  The entry's id.  [required]"),
        (["log"], "Usage: pm-coach log [OPTIONS] [TEXT]"),
    ],
)
def test_help_names_values_in_words(run, args: list[str], line: str) -> None:
    r = run(*args, "--help")
    assert r.exit_code == 0
    assert line in r.stdout.splitlines() or any(s.startswith(line) for s in r.stdout.splitlines())


def test_no_help_page_shows_a_python_type(run) -> None:
    from typer.main import get_command

    from pm_coach.cli import app

    root = get_command(app)
    paths: list[list[str]] = [[]]
    for name, command in root.commands.items():  # type: ignore[attr-defined]
        paths.append([name])
        paths.extend([name, sub] for sub in getattr(command, "commands", {}))
    for path in paths:
        r = run(*path, "--help")
        assert r.exit_code == 0, path
        assert not re.search(r"<(str|int|float|path|list\[)", r.stdout), (path, r.stdout)
