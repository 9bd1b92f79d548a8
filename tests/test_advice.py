"""The plan fits the person: its opening answers the motivation check, actions carry notes for
the PM's background, and each gap's reading suits the current level and the market."""

from __future__ import annotations

import json
from pathlib import Path

LEVELS = "[levels]\nstrategy = 2\nbuy-in = 2\nconfidence = 3\ndomain = 3\ndelegation = 1\n"


def plan_json(run, tmp_path: Path, *profile: str) -> dict:
    answers = tmp_path / "a.toml"
    answers.write_text(LEVELS, encoding="utf-8")
    if profile:
        assert run("profile", "set", *profile).exit_code == 0
    assert run("assess", "--answers", str(answers)).exit_code == 0
    r = run("plan", "--json")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def test_an_engineer_in_b2b_who_prefers_the_ic_path(run, tmp_path: Path) -> None:
    data = plan_json(run, tmp_path, "--background", "engineering", "--market", "b2b",
                     "--motivation", "ic")  # fmt: skip
    assert data["opening"] == (
        "You would rather grow as a principal or staff PM than manage PMs. Put strategy, "
        "buy-in and domain first; delegation matters less on that path, and a lower target for "
        "it is a fair choice."
    )
    buy_in = next(g for g in data["focus"] if g["gap"] == "buy-in")
    assert buy_in["advice"] == [
        "Chart who shapes your next big decision: coming from engineering, technical merit "
        "will not carry this on its own; write down what each person stands to lose, not only "
        "what the design gains."
    ]
    strategy = next(g for g in data["focus"] if g["gap"] == "strategy")
    assert [r["title"] for r in strategy["resources"]] == [
        "Good Strategy Bad Strategy",
        "Escaping the Build Trap",
        "Competing Against Luck",
        "Radical Focus",
    ]


def test_a_salesperson_who_wants_to_manage(run, tmp_path: Path) -> None:
    data = plan_json(run, tmp_path, "--background", "sales", "--motivation", "manage")
    assert data["opening"].startswith("You want to lead a team of PMs")
    buy_in = next(g for g in data["focus"] if g["gap"] == "buy-in")
    assert buy_in["advice"] == [
        "Chart who shapes your next big decision: this plays to your sales background."
    ]


def test_no_profile_means_no_opening_and_no_notes(run, tmp_path: Path) -> None:
    data = plan_json(run, tmp_path)
    assert data["opening"] is None
    assert all(g["advice"] == [] for g in data["focus"])


def test_the_markdown_plan_opens_with_the_motivation(run, tmp_path: Path) -> None:
    plan_json(run, tmp_path, "--motivation", "unsure")
    r = run("plan", "--format", "markdown")
    assert r.exit_code == 0, r.output
    assert (
        "You are not sure yet whether you want to manage PMs. Mentoring or coaching someone (a "
        "delegation action) is a low-risk way to find out before you commit.\n\n## Priorities"
    ) in r.stdout
