"""The promotion case (export --format case): level claimed, evidence, what others said, what
is missing, per gap; on fixed dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pm_coach.core.calibration import Rater
from pm_coach.core.case import build_case
from pm_coach.models import Assessment, Evidence
from pm_coach.render.case import as_markdown
from pm_coach.store.maps import MapCatalog

LEADERSHIP = MapCatalog(Path("/nonexistent")).load("leadership")
CREATED = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 11, 20)

ASSESSMENT = Assessment(
    date=dt.date(2026, 11, 1),
    map="leadership",
    levels={"strategy": 4, "buy-in": 3},
    targets={"strategy": 4, "buy-in": 4},
    created=CREATED,
)


def entry(eid: str, day: str, text: str, gaps: list[str], **more: object) -> Evidence:
    return Evidence(
        id=eid, date=dt.date.fromisoformat(day), text=text, gaps=gaps, created=CREATED, **more
    )


LOG = [
    entry(
        "kill01",
        "2026-10-02",
        "Stopped the offline sync project",
        ["strategy"],
        result="Moved two engineers to onboarding",
        scope="teams",
    ),  # fmt: skip
    entry(
        "memo02", "2026-08-10", "Wrote a strategy memo for payments", ["strategy"], scope="team"
    ),  # fmt: skip
    entry(
        "map03",
        "2026-09-01",
        "Mapped whose agreement the pricing change needed",
        ["buy-in"],
        scope="team",
    ),  # fmt: skip
    entry(
        "old04",
        "2024-01-05",
        "Ran the planning offsite",
        ["buy-in"],
        result="Three departments agreed the roadmap",
        scope="teams",
    ),  # fmt: skip
]


def test_each_rated_gap_gets_claim_evidence_and_what_is_missing() -> None:
    case = build_case(LEADERSHIP, ASSESSMENT, LOG, TODAY)
    assert [g.gap for g in case.gaps] == ["strategy", "buy-in"]
    strategy, buy_in = case.gaps
    assert (strategy.claimed, strategy.supported, strategy.target) == (4, 4, 4)
    assert [(e.id, e.clears_claim) for e in strategy.entries] == [
        ("kill01", True),
        ("memo02", False),
    ]
    assert strategy.missing == ()
    assert (buy_in.claimed, buy_in.supported) == (3, 2)
    assert [e.id for e in buy_in.entries] == ["map03"]  # the 2024 entry is outside the year
    assert buy_in.missing == (
        "Nothing logged yet clears the bar for level 3: A written plan of who had to agree to a "
        "decision in your area and why, and how the decision then landed (needs reach of at "
        "least your own team and a result).",
        "To reach the target, level 4: A decision record signed off by several departments, "
        "showing who objected at first (needs reach across several teams and a result).",
    )
    assert buy_in.next_action is not None and buy_in.next_action.id == "buy-in-influence-map"


def test_what_others_said_comes_from_their_ratings() -> None:
    jo = Rater(
        name="Jo Park",
        relation="manager",
        date=dt.date(2026, 11, 10),
        levels={"strategy": 3},
        notes={"strategy": "Strong on trade-offs; widen the reach."},
    )
    case = build_case(LEADERSHIP, ASSESSMENT, LOG, TODAY, raters=[jo])
    assert case.gaps[0].others == (("Jo Park", "manager", 3),)
    text = as_markdown(case, "Sam Lee")
    assert "- Jo Park (manager): level 3\n" in text
    assert "- Jo Park: “Strong on trade-offs; widen the reach.”\n" in text
    assert "| Strategy | 4 | 4 | 3 | 4 |" in text


def test_the_document_has_its_sections() -> None:
    text = as_markdown(build_case(LEADERSHIP, ASSESSMENT, LOG, TODAY), "Sam Lee")
    assert text.startswith("# Promotion case: Sam Lee: Senior Product Manager to Head of Product\n")
    assert "| Organisation-level buy-in | 3 | 2 | – | 4 |" in text
    strategy = text[text.index("## Strategy") : text.index("## Organisation-level buy-in")]
    assert [line for line in strategy.splitlines() if line.startswith("#")] == [
        "## Strategy",
        "### Evidence",
        "### What others said",
        "### Still missing",
    ]
    assert "**Level claimed: 4 of 5.**" in strategy
    assert "- No ratings from others yet." in strategy
    assert "- Nothing: the evidence clears the bar for the level claimed." in strategy
    assert "*(below the bar for this level)*" in strategy
    assert "- Planned next: Chart who shapes your next big decision, which produces " in text


def test_export_case_command(run, tmp_path: Path) -> None:
    r = run("export", "--format", "case")
    assert r.exit_code == 6 and "has none yet" in r.stderr
    answers = tmp_path / "answers.toml"
    answers.write_text(
        "[levels]\nstrategy = 3\nbuy-in = 2\nconfidence = 2\ndomain = 4\ndelegation = 1\n",
        encoding="utf-8",
    )
    assert run("assess", "--answers", str(answers)).exit_code == 0
    out = tmp_path / "case.md"
    r = run("export", "--format", "case", "-o", str(out))
    assert r.exit_code == 0, r.output
    text = out.read_text(encoding="utf-8")
    assert "## Strategy" in text and "### Still missing" in text
    assert "## Delegation" in text
    r = run("export", "--format", "case", "--top", "3")
    assert r.exit_code == 2 and "--format case cannot be combined with --top" in r.stderr


def test_case_shows_stored_feedback(run, tmp_path: Path) -> None:
    answers = tmp_path / "self.toml"
    answers.write_text(
        "[levels]\nstrategy = 3\nbuy-in = 2\nconfidence = 2\ndomain = 4\ndelegation = 1\n",
        encoding="utf-8",
    )
    assert run("assess", "--answers", str(answers)).exit_code == 0
    theirs = tmp_path / "dana.toml"
    theirs.write_text(
        '[levels]\nstrategy = 2\n[notes]\nstrategy = "Good options, narrow reach."\n',
        encoding="utf-8",
    )
    r = run("feedback", "add", "Dana Reyes", str(theirs), "--relation", "manager")
    assert r.exit_code == 0, r.output
    r = run("export", "--format", "case")
    assert r.exit_code == 0, r.output
    strategy = r.stdout[r.stdout.index("## Strategy") : r.stdout.index("## Organisation")]
    assert "- Dana Reyes (manager): level 2\n" in strategy
    assert "- Dana Reyes: “Good options, narrow reach.”\n" in strategy
