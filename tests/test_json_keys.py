"""The keys of ``plan --json``, ``next --json`` and ``report --json``, in order: users' scripts
read them (some by position, as ``jq`` prints them), so a change of name or order is a break."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from pm_coach.models import Assessment, Evidence
from pm_coach.store.assessments import add_assessment
from pm_coach.store.evidence import EvidenceStore

LEVELS = {"strategy": 2, "buy-in": 3, "confidence": 4, "domain": 3, "delegation": 2}
CREATED = dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC)


def setup(home: Path) -> None:
    add_assessment(
        home,
        Assessment(
            date=dt.date(2026, 11, 2),
            map="leadership",
            levels=LEVELS,
            targets=dict.fromkeys(LEVELS, 4),
            created=CREATED,
        ),
    )
    EvidenceStore(home).append(
        lambda new_id: Evidence(
            id=new_id,
            date=dt.date(2026, 11, 3),
            text="Ran the pricing review with finance",
            gaps=["strategy"],
            created=CREATED,
        )
    )


def test_plan_json_keys_in_order(run, home: Path) -> None:
    setup(home)
    r = run("plan", "new", "--start", "2026-11-23", "--json")
    assert r.exit_code == 0, r.output
    plan = json.loads(r.stdout)
    assert list(plan) == [
        "start", "weeks", "end", "hours_per_week", "map", "assessed_on", "opening", "created",
        "today", "away", "planned_hours", "hours_by_type", "focus", "prove_it", "ranking",
        "unrated", "quiet", "replan", "offers",
    ]  # fmt: skip
    gap = plan["focus"][0]
    assert list(gap) == [
        "gap", "name", "rank", "current", "target", "why", "actions", "resources", "remaining",
        "people", "look_for", "advice",
    ]  # fmt: skip
    action = gap["actions"][0]
    assert list(action) == [
        "id", "title", "gap", "type", "due", "evidence", "done", "status", "starts",
        "first_week", "last_week", "effort_hours", "weekly_hours", "done_on", "done_by", "why",
        "how", "log",
    ]  # fmt: skip
    assert action["why"] is None and action["done"] is False
    assert action["log"] == f'pm-coach log "…" --action {action["id"]}'
    assert list(plan["ranking"][0]) == [
        "gap", "name", "rank", "current", "target", "score", "backed", "supported", "others",
        "blind_spot", "role", "why",
    ]  # fmt: skip
    top = plan["ranking"][0]
    assert (top["gap"], top["why"]) == (
        "delegation",
        "2 levels below target; no evidence logged yet, so the rating is still a claim",
    )


def test_next_and_report_json_keys_in_order(run, home: Path) -> None:
    setup(home)
    assert run("plan", "new", "--start", "2026-11-23").exit_code == 0
    r = run("next", "--json")
    assert r.exit_code == 0, r.output
    week = json.loads(r.stdout)
    assert list(week) == [
        "today", "due", "overdue", "next", "progress", "quiet", "silent_gaps", "offers", "replan",
    ]  # fmt: skip
    assert list(week["next"][0]) == ["id", "title", "gap", "due", "status", "log"]
    r = run("report", "--json")
    assert r.exit_code == 0, r.output
    report = json.loads(r.stdout)
    assert list(report["gaps"][0]) == [
        "gap", "name", "current", "target", "change", "evidence", "evidence_90d", "supported",
        "others", "claim", "raters", "trend", "last_evidence",
    ]  # fmt: skip
    assert report["gaps"][0]["last_evidence"] == "2026-11-03"
    assert list(report["next_actions"][0]) == ["gap", "id", "title", "due", "log"]
