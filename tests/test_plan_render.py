"""The plan's three views: Markdown that stays valid whatever the map says, JSON, terminal text."""

from __future__ import annotations

import datetime as dt
import io
import json

from rich.console import Console

from pm_coach.app.hints import say
from pm_coach.core.plan import build_plan
from pm_coach.models import Action, SkillMap
from pm_coach.render.plan import as_json, markdown, terminal
from tests.test_plan_core import START, assess, ev, make_gap


def tricky_map() -> SkillMap:
    gap = make_gap("a")
    risky = Action(
        id="a-risky",
        title="Pick *one* bet | drop [the rest] <now>",
        how=["Score options_a and options_b."],
        evidence="A memo | with `scores`.",
        type="experience",
        effort_hours=2,
        weeks=1,
    )
    gap = gap.model_copy(update={"actions": [risky, *gap.actions]})
    return SkillMap(
        id="test",
        name="Test map",
        description="A map for tests.",
        from_role="PM",
        to_role="Lead",
        gaps=[gap, make_gap("b")],
    )


def test_markdown_escapes_text_from_the_map() -> None:
    plan = build_plan(tricky_map(), assess({"a": 1, "b": 2}), [], start=START)
    text = markdown(plan, say)
    assert "Pick \\*one\\* bet \\| drop \\[the rest\\] \\<now\\>" in text
    assert "options\\_a" in text
    assert "A memo \\| with \\`scores\\`." in text
    # Every table row still has exactly the columns of its header.
    for line in text.splitlines():
        if line.startswith("| ") and "Due" not in line and "Rank" not in line:
            cells = line.replace("\\|", "").count("|")
            assert cells in (5, 7, 9), line  # 9: the priorities table


def test_markdown_names_the_person_and_their_move() -> None:
    plan = build_plan(tricky_map(), assess({"a": 1, "b": 2}), [], start=START)
    text = markdown(plan, say, name="Ada", current_role="Senior PM", target_role="Director")
    assert text.startswith("# Development plan: Ada\n\nGrowing from Senior PM to Director.\n")
    assert markdown(plan, say).startswith("# Development plan\n\n- **Period:** 12 weeks")


def test_done_actions_in_json_and_markdown() -> None:
    entries = [ev("done01", START - dt.timedelta(days=3), ["a"], action="a-risky")]
    plan = build_plan(tricky_map(), assess({"a": 1, "b": 2}), entries, start=START)
    data = json.loads(as_json(plan))
    [done] = [a for a in data["focus"][0]["actions"] if a["done"]]
    assert done["id"] == "a-risky" and done["due"] is None
    assert done["done_on"] == (START - dt.timedelta(days=3)).isoformat()
    assert done["done_by"] == ["done01"]
    assert "- ~~Pick \\*one\\* bet" in markdown(plan, say)


def test_nothing_to_do_says_so() -> None:
    entries = [
        ev(f"ok{g}001", START - dt.timedelta(days=3), [g]).model_copy(
            update={"result": "Adopted company-wide", "metrics": ["3 teams"], "scope": "company"}
        )
        for g in "ab"
    ]  # evidence that backs even level 5
    plan = build_plan(tricky_map(), assess({"a": 4, "b": 5}), entries, start=START)
    assert plan.focus == [] and plan.prove_it == []
    assert "Every rated gap is at or above its target" in markdown(plan, say)
    buf = io.StringIO()
    Console(file=buf, width=80, no_color=True).print(terminal(plan, say))
    assert "Every rated gap is at or above its target" in buf.getvalue()
