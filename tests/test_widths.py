"""The everyday views at COLUMNS 60, 80 and 120: prose wraps at spaces with a hanging indent,
no line is wider than the screen unless it is a pm-coach command, and a command is never broken
(it stays on one line and parses as a shell line). Piped, no line ends in spaces."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

WIDTHS = (60, 80, 120)


def at(run, width: int, *args: str) -> list[str]:
    """The stdout lines of ``pm-coach ARGS`` on a screen ``width`` columns wide."""
    from pm_coach.render import console

    console.out.cache_clear()  # rich reads COLUMNS when a console is made
    console.err.cache_clear()
    result = run(*args, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def check_fits(lines: list[str], width: int) -> list[str]:
    """Every line fits ``width`` or is a whole command; none ends in a space. Returns the
    command lines, each checked to parse as one shell line."""
    commands = []
    for line in lines:
        assert line == line.rstrip(), repr(line)
        if line.strip().startswith("pm-coach "):
            commands.append(line.strip())
            assert shlex.split(line)[0] == "pm-coach"
        else:
            assert len(line) <= width, (width, line)
    return commands


def joined(lines: list[str]) -> str:
    return " ".join(" ".join(lines).split())


# --- assess ------------------------------------------------------------------------------------


@pytest.fixture
def assessed(run, tmp_path: Path) -> Path:
    """An over-claim that needs a reach (delegation rated 4 on an activity in the team) and
    over-claims that need none (strategy, buy-in)."""
    logged = run("log", "Mentored an APM", "--gap", "delegation", "--date", "2026-01-06",
                 "--scope", "team")  # fmt: skip
    assert logged.exit_code == 0, logged.output
    answers = tmp_path / "answers.toml"
    answers.write_text(
        "[levels]\nstrategy = 3\nbuy-in = 2\nconfidence = 4\ndomain = 1\ndelegation = 4\n"
    )
    return answers


@pytest.mark.parametrize("width", WIDTHS)
def test_assess_wraps_prose_and_keeps_each_log_command_whole(run, assessed, width) -> None:
    lines = at(run, width, "assess", "--answers", str(assessed), "--date", "2026-01-10")
    commands = check_fits(lines, width)
    assert 'pm-coach log "what you did" --gap strategy' in commands
    assert (
        'pm-coach log "what you did" --gap delegation --result "what came of it" --scope team'
        in commands
    )
    assert not any("…" in c for c in commands)
    text = joined(lines)
    assert (
        "Delegation: you rate 4; your evidence supports 2. Log what a level-3 person would have "
        "done, e.g. a whole outcome delivered by someone else in your area against success "
        "criteria you wrote (your team or wider, with a result)." in text
    )
    # a first assessment says so once, in the title, not as "first" on every row
    assert "first assessment" in joined(lines[:2])


def test_assess_at_80_columns(run, assessed) -> None:
    lines = at(run, 80, "assess", "--answers", str(assessed), "--date", "2026-01-10")
    assert lines[:9] == [
        "Where you stand · Senior PM to product leader · 2026-01-10 · first assessment",
        " Gap                             Now → target     To go     Evidence   Backed",
        "─" * 78,
        " Strategy                        ██████░░·· 3→4   1 to go   0          0 over",
        " Organisation-level buy-in       ████░░░░·· 2→4   2 to go   0          0 over",
        " Confidence                      ████████·· 4→4   met       0          0 over",
        " Domain and industry knowledge   ██░░░░░░·· 1→4   3 to go   0          0",
        " Delegation                      ████████·· 4→4   met       1          2 over",
        "",
    ]
    at_delegation = lines.index(
        "  Delegation: you rate 4; your evidence supports 2. Log what a level-3 person"
    )
    assert lines[at_delegation : at_delegation + 6] == [
        "  Delegation: you rate 4; your evidence supports 2. Log what a level-3 person",
        "  would have done, e.g. a whole outcome delivered by someone else in your area",
        "  against success criteria you wrote (your team or wider, with a result).",
        '    pm-coach log "what you did" --gap delegation --result "what came of it" --scope team',
        "    (What whole outcome did you hand to someone else, and how did you decide how",
        "     closely to check in?)",
    ]
