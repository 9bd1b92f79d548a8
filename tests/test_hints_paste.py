"""Hints that paste: every ``pm-coach …`` command the product prints parses when pasted into a
shell, as shown. Each is split as a POSIX shell splits it (no pipe, redirect or ``;`` outside
quotes) and handed to the real click command, which must accept every option and value; and it
names real values, never a placeholder such as ``GAP``, ``ID`` or ``NAME`` that a shell takes
as typed (only ``…`` marks words the reader writes)."""

from __future__ import annotations

import re
import shlex
import string
from pathlib import Path

import pytest
import typer

from pm_coach.app.hints import HINTS
from pm_coach.cli import app

# A realistic value for each field a hint in app/hints.py fills. A hint with a field not here
# fails the test below: add the field with a value a user could meet.
VALUES = {
    "map": "leadership",
    "path": "skill_maps/growth-pm.toml",
    "near": "Did you mean 'strategy'? ",
    "known": "leadership, apm-to-pm",
    "name": '"Siobhán O\'Brien"',
    "id": "k3m9xq",
    "gap": "buy-in",
    "action": "strategy-goal-map",
    "kind": "mentor",
    "weeks": "16",
    "hours": "4",
    "since": "2026-10-01",
    "flags": '--investment "…" --personality "…"',
    "company": "'Acme & Co'",
    "title": "'Senior PM'",
    "start": "2024-03",
    "end": " --end 2025-06",
}
PLACEHOLDER = re.compile(r"[A-Z][A-Z_-]+(\.[a-z]+)?")
SHELL_OPERATORS = set("|&;<>()")


def commands_in(text: str) -> list[str]:
    """Each ``pm-coach …`` command in ``text``: to its closing quote or backtick when it opens
    after one, else to the end of its clause (`` (``, ``, or``, ``. `` or the line's end)."""
    found = []
    for line in text.splitlines():
        for m in re.finditer(r"pm-coach ", line):
            before = line[m.start() - 1] if m.start() else " "
            rest = line[m.start() :]
            if before in "'`":
                end = rest.find(before, 1)
                found.append(rest[: end if end > 0 else len(rest)])
                continue
            if not (before.isspace() or before in "(:"):
                continue  # a path or a word such as pm-coach's
            command = _clause(rest)
            found.append(command)
    return found


def _clause(rest: str) -> str:
    """``rest`` up to where the prose starts again, skipping anything inside double quotes."""
    quoted = False
    for i, ch in enumerate(rest):
        if ch == '"':
            quoted = not quoted
        if quoted:
            continue
        tail = rest[i:]
        if tail.startswith((" (", ")", ", ", "; ", ". ")) or tail == ".":
            return rest[:i]
    return rest


def check_pastes(command: str) -> None:
    """``command`` as a shell and then pm-coach would read it: no shell operator, no
    placeholder, and options and values the real click command accepts."""
    lexer = shlex.shlex(command, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    tokens = list(lexer)
    operators = [t for t in tokens if set(t) <= SHELL_OPERATORS]
    assert not operators, f"{command!r}: a shell reads {operators} as operators"
    args = shlex.split(command)
    assert args[0] == "pm-coach", command
    placeholders = [a for a in args[1:] if PLACEHOLDER.fullmatch(a)]
    assert not placeholders, f"{command!r}: {placeholders} would be taken as typed"
    group = typer.main.get_command(app)
    try:
        ctx = group.make_context("pm-coach", args[1:])
        cmd = group
        while hasattr(cmd, "resolve_command"):
            rest = [*ctx._protected_args, *ctx.args]
            if not rest:
                break
            name, sub, rest = cmd.resolve_command(ctx, rest)
            assert sub is not None, command
            cmd = sub
            ctx = cmd.make_context(name or "", rest, parent=ctx)
    except typer.Exit as done:  # --help: parsed, and the help would be shown
        assert done.exit_code == 0, command
        return
    assert not ctx.args or cmd.allow_extra_args, f"{command!r}: {ctx.args} left over"


def test_the_checker_refuses_what_a_shell_or_pm_coach_would() -> None:
    check_pastes('pm-coach log "Ran the review" --gap strategy --result "Kept"')
    check_pastes('pm-coach network touch "Siobhán O\'Brien"')
    for bad in (
        "pm-coach network add Ada --kind coach|mentor|circle",
        "pm-coach evidence edit ID --add-gap strategy",
        "pm-coach evidence edit k3m9xq --add-gap GAP",
        "pm-coach log 'unclosed",
        "pm-coach evidence list --bogus",
        "pm-coach evidence show",
        "pm-coach nosuch",
    ):
        with pytest.raises(Exception):  # noqa: B017, PT011 (shlex, click and assert errors alike)
            check_pastes(bad)


def test_commands_are_found_where_prose_holds_them() -> None:
    text = (
        'As you finish each action: pm-coach log "…" --action a-b (or pm-coach plan done a-b).\n'
        "See the ids with 'pm-coach evidence list'. Then `pm-coach next` helps.\n"
        "Saved in /home/x/pm-coach data. Run: pm-coach plan"
    )
    assert commands_in(text) == [
        'pm-coach log "…" --action a-b',
        "pm-coach plan done a-b",
        "pm-coach evidence list",
        "pm-coach next",
        "pm-coach plan",
    ]


@pytest.mark.parametrize("key", sorted(HINTS))
def test_every_hint_in_app_hints_pastes(key: str) -> None:
    fields = [f for _, f, _, _ in string.Formatter().parse(HINTS[key]) if f]
    missing = [f for f in fields if f not in VALUES]
    assert not missing, f"give {missing} a realistic value in VALUES"
    text = HINTS[key].format(**VALUES)
    for command in commands_in(text):
        check_pastes(command)


def _setup(run, home: Path) -> dict[str, str]:
    """A PM a few weeks in: profile, assessment, a plan, evidence (one entry untagged by
    the suggester's guess), contacts; returns the ids met on the way."""

    def ok(*args: str) -> str:
        r = run(*args)
        assert r.exit_code == 0, (args, r.output)
        return r.output

    ok("profile", "set", "--name", "Dana Whitfield", "--target-role", "Head of Product")
    answers = home.parent / "answers.toml"
    answers.write_text(
        "[levels]\nstrategy = 2\nbuy-in = 3\nconfidence = 2\ndomain = 4\ndelegation = 1\n"
    )
    ok("assess", "--answers", str(answers), "--date", "2026-09-30")
    ok("plan", "new", "--start", "2026-10-01")
    ids = {}
    out = ok("log", "Presented the platform vision at the all-hands", "--gap", "confidence")
    ids["scoped"] = out.split()[1]
    out = ok("log", "Coached a new PM through her first roadmap review")
    ids["guessed"] = out.split()[1]
    ok("log", "Ran the Q3 pricing review", "--gap", "strategy", "--result", "Tier retired")
    ok("network", "add", "Siobhán O'Brien", "--kind", "mentor", "--helps", "delegation")
    ok("network", "touch", "Siobhán O'Brien", "--date", "2026-07-01")
    ok("network", "add", "Ada", "--kind", "mentee")
    return ids


VIEWS = [
    ("report",),
    ("assess", "--history"),
    ("plan",),
    ("plan", "--full"),
    ("next",),
    ("maps", "list"),
    ("maps", "show", "leadership"),
    ("network", "list"),
    ("network", "show", "Ada"),
    ("network", "find"),
    ("export",),
    ("export", "--lint"),
    ("evidence", "list"),
    ("evidence", "tag"),
    ("profile", "show"),
    ("profile", "role", "list"),
    ("feedback", "list"),
    ("stories",),
]


def test_every_command_printed_by_the_views_pastes(run, home: Path) -> None:
    _setup(run, home)
    sheet = home.parent / "old-log.csv"
    sheet.write_text(
        "date,text\n2026-03-02,Coached two new PMs through their first roadmap reviews\n"
        "2026-03-09,Had coffee\n"
    )
    seen = []
    for view in [
        ("import", "csv", str(sheet)),
        *VIEWS,
        ("network", "add", "Lee Chen", "--kind", "coach"),
        ("network", "prep", "Ada"),
        ("network", "find", "--gap", "strategy"),
        ("export", "--review"),
        ("export", "--format", "json-resume"),
    ]:
        r = run(*view)
        seen += commands_in(r.stdout + r.stderr)
    seen += commands_in(run("log", "Spoke at the board offsite about the roadmap").output)
    seen += commands_in(run("log", "Mentored two new PMs on discovery interviews").output)
    assert len(seen) > 20  # the views above do print hints: the finder found them
    broken = []
    for command in dict.fromkeys(seen):
        try:
            check_pastes(command)
        except Exception as exc:  # noqa: BLE001 (every broken hint is listed, not the first)
            broken.append(f"{command}  <- {exc}")
    assert not broken, "\n".join(broken)
