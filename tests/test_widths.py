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


# --- report, stories, next, plan: one realistic history ------------------------------------------


@pytest.fixture
def history(run, tmp_path: Path) -> None:
    """A first assessment today, a plan, and three entries logged against it."""
    answers = tmp_path / "answers.toml"
    answers.write_text(
        "[levels]\nstrategy = 4\nbuy-in = 2\nconfidence = 1\ndomain = 2\ndelegation = 2\n"
    )
    for args in (
        ["assess", "--answers", str(answers)],
        ["plan", "new"],
        ["log", "Ran a pre-mortem with the team before the checkout release and wrote up the "
         "risks", "--gap", "confidence", "--result", "Two launch risks caught and fixed before "
         "release", "--metric", "0 sev-1 incidents", "--action", "confidence-pre-mortem"],
        ["log", "Mapped who shapes the pricing decision across sales, finance and legal",
         "--gap", "buy-in", "--result", "Finance lead agreed to back the new tiers", "--action",
         "buy-in-influence-map", "--scope", "teams"],
        ["log", "Wrote a page on how the payments industry makes money and its main rules",
         "--gap", "domain", "--result", "Changed the onboarding priority after the review",
         "--metric", "+8% activation", "--scope", "team"],
    ):  # fmt: skip
        r = run(*args)
        assert r.exit_code == 0, r.output


VIEWS = (["report"], ["stories"], ["next"], ["plan"], ["plan", "--full"], ["assess", "--history"])


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("view", VIEWS, ids=" ".join)
def test_every_view_fits_and_keeps_its_commands_whole(run, history, view, width) -> None:
    lines = at(run, width, *view)
    check_fits(lines, width)
    assert not any(line.rstrip().endswith("…") for line in lines), "cut where wrapping would do"


def test_report_at_80_columns(run, history) -> None:
    lines = at(run, 80, "report")
    assert lines[2:14] == [
        "",
        "gap                            now → target  level  evidence  backed",
        "Strategy                       4 → 4         ████·  0 (0)     0",
        "  over-claim",
        "Organisation-level buy-in      2 → 4         ██░░·  1 (1)     4",
        "  under-claim",
        "Confidence                     1 → 4         █░░░·  1 (1)     2",
        "  under-claim",
        "Domain and industry knowledge  2 → 4         ██░░·  1 (1)     3",
        "  under-claim",
        "Delegation                     2 → 4         ██░░·  0 (0)     0",
        "  over-claim",
    ]
    at_claims = lines.index("Claims and evidence")
    assert lines[at_claims + 1 : at_claims + 4] == [
        "• Strategy: you rate 4; your evidence supports no level yet. Log what a level-2",
        "  person would have done, e.g. a roadmap, update or CV line of yours that names",
        "  the company goal behind each item (any reach).",
    ]
    at_cv = lines.index("Strongest evidence, as CV lines")
    assert lines[at_cv + 1 : at_cv + 3] == [
        "• Changed the onboarding priority after the review (+8% activation) by writing a",
        "  page on how the payments industry makes money and its main rules",
    ]


def test_stories_at_60_columns(run, history) -> None:
    lines = at(run, 60, "stories")
    assert lines[:7] == [
        "Story bank for Senior PM to product leader",
        "12 questions: 0 with a story ready, 9 that need work, 3 with",
        "no story yet.",
        "",
        "1. Tell us about a bet you stopped, or a request you turned",
        "   down. Why, and what happened next?",
        "   [needs work] gaps: strategy, confidence",
    ]
    assert lines[7].startswith("   Best entry ")
    assert lines[8].startswith("   Situation ")  # the month logged in, then what to add
    action = lines.index("   Action    Ran a pre-mortem with the team before the")
    assert lines[action : action + 11] == [
        "   Action    Ran a pre-mortem with the team before the",
        "             checkout release and wrote up the risks",
        "   Result    Two launch risks caught and fixed before",
        "             release (0 sev-1 incidents)",
        "   To strengthen: reach not recorded; this question wants at",
        "   least 'teams'.",
        "   To create one: Audit how last year’s big bets actually",
        "   performed (strategy-bet-review), then log it:",
        '     pm-coach log "what you did" --action strategy-bet-review',
        "   The panel listens for: What you gave up, the goal that",
        "   decided it, and the number that told you.",
    ]


def test_next_wraps_what_comes_next_instead_of_cutting_it(run, history) -> None:
    lines = at(run, 60, "next")
    at_progress = next(i for i, line in enumerate(lines) if line.startswith("Progress:"))
    assert lines[at_progress : at_progress + 2] == [
        "Progress: Confidence 1 of 3 done",
        "  Organisation-level buy-in 1 of 1 done · and 1 more",
    ]
    wide = at(run, 120, "next")
    assert (
        "Progress: Confidence 1 of 3 done · Organisation-level buy-in 1 of 1 done · "
        "Domain and industry knowledge 0 of 1 done" in wide
    )
    at_next = lines.index("Next up:")
    assert lines[at_next + 1].startswith("  domain-transfer-map · due ")
    assert joined(lines[at_next + 1 : at_next + 3]).endswith(
        "Map what carries over into a new industry, and what does not"
    )


def test_plan_full_at_80_columns_lists_its_reasons_under_the_table(run, history) -> None:
    lines = at(run, 80, "plan", "--full")
    at_why = lines.index("Why this order")
    assert lines[at_why + 1 : at_why + 4] == [
        "1. 3 levels below target; no evidence needed at level 1",
        "2. 2 levels below target; no evidence logged yet, so the rating is still a claim",
        "3. 2 levels below target; no evidence logged yet, so the rating is still a claim",
    ]
    assert lines[-5:] == [  # the first open action, so that each command pastes as shown
        "As you finish each action:",
        '  pm-coach log "what you did" --action confidence-role-play',
        "Or mark it done: pm-coach plan done confidence-role-play",
        'Not doing one: pm-coach plan skip confidence-role-play --why "the reason"',
        "The week ahead: pm-coach next",
    ]


def test_gap_names_stay_on_one_line_at_80_columns(run, history) -> None:
    for view in (["assess", "--history"], ["plan"], ["report"]):
        lines = at(run, 80, *view)
        assert any(line.lstrip(" 0123456789").startswith("Domain and industry knowledge ")
                   for line in lines), (view, lines)  # fmt: skip


@pytest.mark.parametrize("width", WIDTHS)
def test_report_with_a_trend_never_cuts_a_gap_name(run, history, tmp_path: Path, width) -> None:
    earlier = tmp_path / "earlier.toml"
    earlier.write_text(
        "[levels]\nstrategy = 3\nbuy-in = 2\nconfidence = 1\ndomain = 2\ndelegation = 2\n"
    )
    r = run("assess", "--answers", str(earlier), "--date", "2026-01-10")
    assert r.exit_code == 0, r.output
    lines = at(run, width, "report")
    check_fits(lines, width)
    assert not any("…" in line for line in lines), "\n".join(lines)
    # each word of each gap name whole (a name wraps in its column; rich may break at a hyphen)
    words = set(" ".join(lines[3:20]).replace("-", " ").split())
    for name in ("Organisation-level buy-in", "Domain and industry knowledge", "Delegation"):
        assert set(name.replace("-", " ").split()) <= words, lines[3:20]
    if width >= 80:
        assert "Domain and industry knowledge" in joined(lines[3:20])
