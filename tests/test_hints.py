"""Hints that paste: a pm-coach command in a hint is one line, never broken by wrapping, and
names one value for an option (never `coach|mentor|circle`, which a shell reads as pipes)."""

from __future__ import annotations

import io
import re
from pathlib import Path

from rich.console import Console

from pm_coach.render.hint import Hint
from pm_coach.render.next import _wrapped
from pm_coach.render.plain import wrap_hint

ROOT = Path(__file__).resolve().parent.parent
LINE = (
    "Nobody in your network helps with this yet. For a coach or a circle, change the kind in: "
    'pm-coach network add "NAME" --kind mentor --helps strategy'
)


def test_wrap_hint_moves_the_command_to_a_line_of_its_own() -> None:
    assert wrap_hint(LINE, 50) == [
        "Nobody in your network helps with this yet. For a",
        "coach or a circle, change the kind in:",
        '  pm-coach network add "NAME" --kind mentor --helps strategy',
    ]


def test_wrap_hint_keeps_a_short_command_after_the_words() -> None:
    assert wrap_hint("After you talk, record it with: pm-coach network touch Ada", 40) == [
        "After you talk, record it with:",
        "  pm-coach network touch Ada",
    ]
    assert wrap_hint("Then run: pm-coach plan", 40) == ["Then run: pm-coach plan"]
    assert wrap_hint("Some words then the command pm-coach plan", 30) == [
        "Some words then the command",
        "  pm-coach plan",
    ]


def test_a_rich_view_never_breaks_the_command() -> None:
    out = io.StringIO()
    Console(file=out, width=50, color_system=None).print(Hint(LINE), crop=False)
    assert [line.rstrip() for line in out.getvalue().splitlines()] == [
        "Nobody in your network helps with this yet. For a",
        "coach or a circle, change the kind in:",
        '  pm-coach network add "NAME" --kind mentor --helps strategy',
    ]


def test_next_keeps_the_command_whole_when_it_shortens_a_line() -> None:
    text = (
        "Gone quiet: Ada Lovelace (40 days), Grace Hopper (52 days), Margaret Hamilton "
        "(61 days), Katherine Johnson (75 days). After you talk: pm-coach network touch NAME"
    )
    lines = _wrapped(text)
    assert len(lines) == 2
    assert lines[1] == "  pm-coach network touch NAME"


def test_no_hint_offers_alternatives_joined_by_a_pipe() -> None:
    pattern = re.compile(r"pm-coach [^\"'\n]*--\w+ \w+\|\w+")
    for path in (ROOT / "pm_coach").rglob("*.py"):
        assert not pattern.search(path.read_text()), path


def test_piped_rich_views_carry_no_trailing_spaces(run) -> None:
    logged = run("log", "Ran the pricing review", "--gap", "strategy", "--result", "Kept")
    assert logged.exit_code == 0, logged.output
    entry_id = logged.stdout.split()[1]
    for args in (["evidence", "show", entry_id],):
        r = run(*args, env={"COLUMNS": "80"})
        assert r.exit_code == 0, r.output
        assert r.stdout.strip()
        for line in r.stdout.splitlines():
            assert line == line.rstrip(), (args, line)
