"""The plan names the people who help with each focus gap, and who is missing or gone quiet."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from pm_coach.models import Assessment
from pm_coach.store.assessments import add_assessment


def today() -> dt.date:
    """Read when a test runs, not at import: a run that crosses midnight stays right."""
    return dt.date.today()


def assess(home: Path) -> None:
    add_assessment(
        home,
        Assessment(
            date=today(),
            map="leadership",
            levels={"strategy": 4, "buy-in": 1, "confidence": 2, "domain": 2, "delegation": 4},
            targets=dict.fromkeys(["strategy", "buy-in", "confidence", "domain", "delegation"], 4),
            created=dt.datetime.now(dt.UTC),
        ),
    )


def plan_json(run, *args: str) -> dict:
    r = run("plan", "--json", *args)
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def test_people_per_focus_gap_and_who_to_look_for(run, home: Path) -> None:
    assess(home)
    assert run("network", "add", "Sam Lee", "--kind", "mentor", "--helps", "buy-in").exit_code == 0
    assert (
        run(
            "network", "add", "Ana", "--kind", "coach", "--helps", "buy-in", "--helps", "confidence"
        ).exit_code
        == 0
    )
    data = plan_json(run)
    focus = {f["gap"]: f for f in data["focus"]}
    assert [p["name"] for p in focus["buy-in"]["people"]] == ["Ana", "Sam Lee"]  # coaches first
    assert focus["buy-in"]["look_for"] is None
    assert [p["name"] for p in focus["confidence"]["people"]] == ["Ana"]
    assert focus["domain"]["people"] == [] and focus["domain"]["look_for"].startswith("Look for")
    assert data["quiet"] == []
    text = run("plan", "--full").stdout
    assert "People who help: Ana (coach) · Sam Lee (mentor)" in text
    assert "Nobody in your network helps with this yet" in text


def test_relationships_gone_quiet_are_flagged(run, home: Path) -> None:
    assess(home)
    run("network", "add", "Sam Lee", "--kind", "mentor", "--helps", "buy-in")
    run("network", "touch", "Sam Lee", "--date", (today() - dt.timedelta(days=61)).isoformat())
    data = plan_json(run)
    assert [(p["name"], p["days_since_contact"], p["quiet"]) for p in data["quiet"]] == [
        ("Sam Lee", 61, True)
    ]
    buy_in = next(f for f in data["focus"] if f["gap"] == "buy-in")
    assert buy_in["people"][0]["quiet"] is True
    md = run("plan", "--format", "markdown").stdout
    assert "## Relationships gone quiet" in md and 'pm-coach network touch "Sam Lee"' in md


def test_plan_without_a_network_still_says_whom_to_look_for(run, home: Path) -> None:
    assess(home)
    data = plan_json(run)
    assert all(f["people"] == [] and f["look_for"] for f in data["focus"])
