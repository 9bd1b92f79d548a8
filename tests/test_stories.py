"""The story bank: fixed evidence gives the expected story per question, missing and weak
stories name the action that would create one, and the command's outputs."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from pm_coach.core.stories import outline, story_bank
from pm_coach.models import Evidence
from pm_coach.store.maps import MapCatalog

LEADERSHIP = MapCatalog(Path("/nonexistent")).load("leadership")
TODAY = dt.date(2026, 11, 20)
CREATED = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)


def entry(eid: str, day: str, text: str, gaps: list[str], **more: object) -> Evidence:
    return Evidence(
        id=eid, date=dt.date.fromisoformat(day), text=text, gaps=gaps, created=CREATED, **more
    )


LOG = [
    entry(
        "kill01",
        "2026-06-02",
        "Stopped the offline sync project after scoring it against the three company goals",
        ["strategy"],
        result="Moved two engineers to onboarding",
        metrics=["activation up 4 points"],
        scope="teams",
        goal="Grow activation in the self-serve segment",
        org="Acme",
    ),
    entry(
        "memo02",
        "2026-03-10",
        "Wrote a strategy memo for payments",
        ["strategy"],
        scope="team",
    ),
    entry(
        "exec03",
        "2026-09-15",
        "Took the pricing recommendation to the leadership team against the CFO's view",
        ["confidence", "buy-in"],
        result="The board approved the new tiers",
        scope="company",
    ),
    entry(
        "ment04",
        "2026-05-01",
        "Coached a junior PM through her first discovery sprint",
        ["delegation"],
        result="She now runs interviews alone",
        scope="team",
    ),
    entry(
        "old05",
        "2019-01-05",
        "Helped with quarterly planning",
        ["strategy"],
    ),
]


def test_each_question_gets_its_best_entry() -> None:
    bank = {m.question.id: m for m in story_bank(LEADERSHIP, LOG, TODAY)}
    assert {q: (m.status, m.entry.id if m.entry else None) for q, m in bank.items()} == {
        "killed-bet": ("ready", "kill01"),
        "strategy-measured": ("weak", "memo02"),
        "market-read": ("weak", "old05"),
        "senior-disagreement": ("weak", "exec03"),
        "company-change": ("ready", "exec03"),
        "teams-conflict": ("weak", "exec03"),
        "incomplete-data": ("weak", "kill01"),
        "failure": ("weak", "kill01"),
        "hired-pm": ("ready", "ment04"),
        "coached-pm": ("weak", "ment04"),
        "underperformer": ("weak", "ment04"),
        "first-90-days": ("weak", "kill01"),
    }


def test_missing_questions_name_the_action_that_creates_a_story() -> None:
    only_strategy = [LOG[0]]
    bank = {m.question.id: m for m in story_bank(LEADERSHIP, only_strategy, TODAY)}
    hired = bank["hired-pm"]
    assert hired.status == "missing" and hired.entry is None and hired.outline is None
    assert (hired.action_id, hired.action_title) == (
        "delegation-hire-pm",
        "Help hire a product manager",
    )
    assert [q for q, m in bank.items() if m.status == "missing"] == [
        "senior-disagreement",
        "company-change",
        "teams-conflict",
        "hired-pm",
        "coached-pm",
        "underperformer",
    ]


def test_a_story_says_what_it_lacks() -> None:
    bank = {m.question.id: m for m in story_bank(LEADERSHIP, LOG, TODAY)}
    assert bank["strategy-measured"].gaps_to_fix == (
        "no result yet: say what came of it",
        "reach 'team'; this question wants at least 'teams'",
        "no number",
    )
    assert bank["coached-pm"].gaps_to_fix == (
        "the same entry is already your story for question 9; one of its own would be stronger",
        "no number",
    )


def test_entries_after_today_are_not_used() -> None:
    later = entry("late06", "2026-12-01", "Hired a PM", ["delegation"], result="Joined in Jan")
    bank = {m.question.id: m for m in story_bank(LEADERSHIP, [later], TODAY)}
    assert bank["hired-pm"].status == "missing"


def test_outline_is_built_from_the_entry_fields() -> None:
    o = outline(LOG[0])
    assert o.situation == "June 2026 at Acme: the aim was grow activation in the self-serve segment"
    assert o.action == (
        "Stopped the offline sync project after scoring it against the three company goals"
    )
    assert o.result == "Moved two engineers to onboarding (activation up 4 points)"
    bare = outline(LOG[1])
    assert bare.situation == "March 2026: [add what was at stake, and for whom]"
    assert bare.result == "[add what came of it, with a number if there is one]"


# --- the command -----------------------------------------------------------------------------


def log_two(run) -> None:
    r = run("log", "Stopped the offline sync project", "--gap", "strategy", "--result",
            "Moved two engineers to onboarding", "--metric", "activation up 4 points",
            "--scope", "teams", "--date", "2026-06-02")  # fmt: skip
    assert r.exit_code == 0, r.output
    r = run("log", "Coached a junior PM", "--gap", "delegation", "--date", "2026-05-01")
    assert r.exit_code == 0, r.output


def test_stories_lists_every_question(run) -> None:
    log_two(run)
    r = run("stories")
    assert r.exit_code == 0, r.output
    assert "12 questions: 1 with a story ready, 8 that need work, 3 with no story yet." in r.stdout
    assert "1. Tell us about a bet you stopped" in r.stdout
    assert "Result    Moved two engineers to onboarding (activation up 4 points)" in r.stdout
    assert "To create one: Help hire a product manager (delegation-hire-pm)" in r.stdout


def test_stories_json(run) -> None:
    log_two(run)
    r = run("stories", "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["map"] == "leadership" and len(data["stories"]) == 12
    first = data["stories"][0]
    assert first["id"] == "killed-bet" and first["status"] == "ready"
    assert first["outline"]["action"] == "Stopped the offline sync project"
    assert first["create_with"] == {
        "action": "strategy-bet-review",
        "title": "Audit how last year’s big bets actually performed",
    }
    underperformer = next(s for s in data["stories"] if s["id"] == "underperformer")
    assert underperformer["status"] == "weak"


def test_stories_markdown_to_a_file(run, tmp_path: Path) -> None:
    log_two(run)
    out = tmp_path / "stories.md"
    r = run("stories", "--format", "markdown", "-o", str(out))
    assert r.exit_code == 0, r.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Story bank: Senior PM to product leader\n")
    assert "## 1. Tell us about a bet you stopped" in text
    assert "- **Result:** Moved two engineers to onboarding (activation up 4 points)" in text
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    again = run("stories", "--format", "markdown", "-o", str(out))
    assert again.exit_code == 2 and "already exists" in again.stderr


def test_stories_for_the_apm_map(run) -> None:
    r = run("stories", "--map", "apm-to-pm", "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert [s["status"] for s in data["stories"]] == ["missing"] * 9
    assert data["stories"][0]["create_with"]["action"] == "discovery-interview-sprint"


def test_stories_unknown_format(run) -> None:
    r = run("stories", "--format", "pdf")
    assert r.exit_code == 2 and "unknown format 'pdf'" in r.stderr


def test_wider_reach_wins_over_a_newer_narrow_entry() -> None:
    narrow = entry(
        "team07",
        "2026-10-01",
        "Agreed the release plan with my team",
        ["buy-in"],
        result="Shipped on time",
        scope="team",
    )
    wide = entry(
        "comp08",
        "2026-04-01",
        "Got every department to adopt the new planning cycle",
        ["buy-in"],
        result="All six departments plan quarterly",
        scope="company",
    )
    bank = {m.question.id: m for m in story_bank(LEADERSHIP, [narrow, wide], TODAY)}
    assert bank["company-change"].entry is not None
    assert bank["company-change"].entry.id == "comp08"
    assert bank["company-change"].status == "ready"
