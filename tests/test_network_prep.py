"""Preparing the next conversation, finding people, giving back: core on fixed dates, then the
commands."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from pm_coach.app.hints import say
from pm_coach.core.finding import suggest
from pm_coach.core.mentoring import Strength, strengths
from pm_coach.core.prep import ActionItem, FocusItem, build_prep, pick_topics
from pm_coach.errors import DataFileError
from pm_coach.models import Assessment, Evidence
from pm_coach.models.guide import NetworkGuide
from pm_coach.models.network import Contact, Conversation
from pm_coach.render.prep import markdown
from pm_coach.store.content import network_guide
from pm_coach.store.maps import MapCatalog

TODAY = dt.date(2026, 6, 1)
CREATED = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)


def ev(entry_id: str, day: str, text: str, gaps: list[str], result: str = "") -> Evidence:
    return Evidence(
        id=entry_id,
        date=dt.date.fromisoformat(day),
        text=text,
        result=result,
        gaps=gaps,
        created=CREATED,
    )


@pytest.fixture
def leadership(home: Path):
    return MapCatalog(home).load("leadership")


def sam(*talks: str, kind: str = "mentor", helps: tuple[str, ...] = ("strategy",)) -> Contact:
    return Contact(
        name="Sam Lee",
        kind=kind,  # type: ignore[arg-type]
        helps=list(helps),
        conversations=[Conversation(date=dt.date.fromisoformat(d)) for d in talks],
        created=CREATED,
    )


FOCUS = [
    FocusItem("delegation", "Delegation", 1, 4, False),
    FocusItem("strategy", "Strategy", 2, 4, True),
]
ACTIONS = [
    ActionItem("strategy-goal-map", "Map a year of work to goals", "strategy",
               dt.date(2026, 5, 20), "overdue"),
    ActionItem("strategy-skip-level", "Hear the skip-level's priorities", "strategy",
               dt.date(2026, 6, 10)),
    ActionItem("strategy-option-scoring", "Rank candidate bets", "strategy", dt.date(2026, 7, 1)),
    ActionItem("strategy-cv-rewrite", "Reframe the CV", "strategy", dt.date(2026, 5, 1), "done"),
    ActionItem("delegation-time-audit", "Audit your week", "delegation", dt.date(2026, 6, 3)),
]  # fmt: skip
ENTRIES = [
    ev("aaa111", "2026-04-30", "Before the last talk", ["strategy"]),
    ev("eee555", "2026-05-01", "On the day of the last talk", ["strategy"]),
    ev("bbb222", "2026-05-10", "Scored three bets", ["strategy"], "CPO chose *pricing*"),
    ev("ccc333", "2026-05-12", "Ran a brown-bag on claims", ["domain"]),
    ev("ddd444", "2026-05-20", "Wrote the not-doing list", ["strategy"]),
]


def test_prep_builds_the_agenda_from_plan_and_log(leadership) -> None:
    prep = build_prep(
        sam("2026-03-01", "2026-05-01"),
        today=TODAY,
        skill_map=leadership,
        focus=FOCUS,
        actions=ACTIONS,
        entries=ENTRIES,
        strengths=[Strength("domain", "Domain knowledge", 4, 4, 4, 3)],
        guide=network_guide(),
    )
    # this person's gaps first
    assert [f.gap for f in prep.focus] == ["strategy", "delegation"]
    # only evidence after 2026-05-01, their gap first, newest first within each group
    assert [e.id for e in prep.evidence] == ["ddd444", "bbb222", "ccc333"]
    # overdue and due within two weeks, only for the gaps they help with; done ones left out
    assert [(a.id, a.status) for a in prep.actions] == [
        ("strategy-goal-map", "overdue"),
        ("strategy-skip-level", "open"),
    ]
    assert prep.question.startswith("When you had several good options")
    assert "Domain knowledge" in prep.offer
    assert len(prep.topics) == 3
    assert all(not t.kinds or "mentor" in t.kinds for t in prep.topics)

    text = markdown(prep, say)
    assert text.startswith("# Next conversation with Sam Lee (mentor)\n")
    assert "last talked 2026-05-01 (31 days ago) · 2 conversations so far" in text
    assert "- **Strategy**: level 2, aiming for 4 · Sam Lee helps with this" in text
    assert "## Since we last talked (2026-05-01)" in text
    assert "- 2026-05-10: Scored three bets — CPO chose \\*pricing\\* (strategy)" in text
    assert "- [ ] Map a year of work to goals (strategy, overdue since 2026-05-20)" in text
    assert "- [ ] Hear the skip-level's priorities (strategy, due 2026-06-10)" in text
    assert "Rank candidate bets" not in text and "Audit your week" not in text
    assert "## One question to ask\n\n> When you had several good options" in text
    assert "## If the conversation needs a start\n\n1. **" in text
    assert 'pm-coach network touch "Sam Lee" --note' in text
    assert len(text.splitlines()) < 60  # one page


def test_prep_with_nothing_due_names_the_next_action(leadership) -> None:
    prep = build_prep(
        sam("2026-05-25"),
        today=TODAY,
        skill_map=leadership,
        focus=FOCUS,
        actions=[ACTIONS[2]],
        entries=ENTRIES,
        strengths=[],
        guide=network_guide(),
    )
    assert prep.actions == [] and prep.evidence == []
    text = markdown(prep, say)
    assert "Next up: Rank candidate bets (strategy, due 2026-07-01)" in text
    assert "Nothing logged in this time" in text
    # no strength of their own to offer: the toolkit's offer for a mentor
    assert prep.offer == network_guide().offers["mentor"]


def test_prep_for_someone_never_talked_to_uses_the_last_30_days(leadership) -> None:
    prep = build_prep(
        sam(), today=TODAY, skill_map=leadership, focus=FOCUS, actions=[], entries=ENTRIES,
        strengths=[], guide=network_guide(),
    )  # fmt: skip
    assert [e.id for e in prep.evidence] == ["ddd444", "bbb222", "ccc333"]
    assert "no conversation recorded yet" in markdown(prep, say)
    assert "## Evidence from the last 30 days" in markdown(prep, say)


def test_more_evidence_than_a_page_says_how_many_and_how_to_see_them(leadership) -> None:
    many = [
        ev(f"m{i:05d}", f"2026-05-{10 + i}", f"Review number {i}", ["strategy"]) for i in range(11)
    ]
    never = build_prep(
        sam(), today=TODAY, skill_map=leadership, focus=FOCUS, actions=[], entries=many,
        strengths=[], guide=network_guide(),
    )  # fmt: skip
    # pasted as shown, the command reads the same 30 days (unquoted, the shell splits them)
    assert '- …and 3 more entries: `pm-coach evidence list --since "30 days ago"`' in markdown(
        never, say
    )
    one_more = [*many[:8], many[8]]
    once = build_prep(
        sam("2026-05-09"), today=TODAY, skill_map=leadership, focus=FOCUS, actions=[],
        entries=one_more, strengths=[], guide=network_guide(),
    )  # fmt: skip
    assert "- …and 1 more entry: `pm-coach evidence list --since 2026-05-09`" in markdown(once, say)


def test_prep_for_a_mentee_is_about_their_gaps(leadership) -> None:
    jo = sam("2026-05-01", kind="mentee", helps=("buy-in",))
    prep = build_prep(
        jo, today=TODAY, skill_map=leadership, focus=FOCUS, actions=ACTIONS, entries=ENTRIES,
        strengths=[], guide=network_guide(),
    )  # fmt: skip
    text = markdown(prep, say)
    assert "## What we are working on\n\n- Organisation-level buy-in\n" in text
    assert [f.gap for f in prep.focus] == ["buy-in"]
    assert "Due or overdue" not in text
    assert prep.offer == network_guide().offers["mentee"]


def test_topics_rotate_with_each_conversation() -> None:
    guide = network_guide()
    first = [t.title for t in pick_topics(guide, "mentor", ["strategy"], 0)]
    second = [t.title for t in pick_topics(guide, "mentor", ["strategy"], 1)]
    assert len(first) == 3 and len(second) == 3 and first != second
    assert first == [t.title for t in pick_topics(guide, "mentor", ["strategy"], 0)]
    assert first[:2] == ["A bet you would not make again", "Saying no in writing"]


def test_strengths_need_target_and_evidence_that_reaches_it(leadership) -> None:
    a = Assessment(
        date=TODAY,
        map="leadership",
        levels={"strategy": 4, "domain": 5, "buy-in": 4, "confidence": 3},
        targets={"strategy": 4, "domain": 4, "buy-in": 4, "confidence": 3},
        created=CREATED,
    )
    entries = [
        *ENTRIES,  # activities without scope or result: they back levels 1-2 at most
        ev("fff666", "2026-05-15", "Briefed three teams on a rival's pricing", ["domain"],
           "Two teams moved a launch").model_copy(update={"scope": "teams"}),
        ev("ggg777", "2026-05-16", "Agreed roadmap trade-offs with sales", ["buy-in"],
           "Sales signed off").model_copy(update={"scope": "team"}),
        ev("hhh888", "2025-04-01", "Old: led the pricing strategy for the company", ["strategy"],
           "Revenue up 8%").model_copy(update={"scope": "company"}),
    ]  # fmt: skip
    got = strengths(leadership, a, entries, TODAY)
    # domain: level 5, target 4, and a several-teams entry with a result supports 4.
    # strategy: rated 4, but its only wide entry is older than a year; buy-in: the entry
    # reaches one team only (level 3); confidence: at target with no evidence at all.
    assert [(s.gap, s.level, s.target, s.supported, s.evidence) for s in got] == [
        ("domain", 5, 4, 4, 2),
    ]
    assert strengths(leadership, None, ENTRIES, TODAY) == []


def test_find_suggests_a_kind_a_place_and_a_message() -> None:
    guide = network_guide()
    people = [sam(helps=("strategy",))]
    gaps = [("strategy", "Strategy"), ("confidence", "Confidence"), ("domain", "Domain")]
    found = suggest(
        gaps, people, guide, goal="a Head of Product role by 2028.",
        investment="an hour every two weeks",
    )  # fmt: skip
    assert [(s.gap, s.kind) for s in found] == [("confidence", "coach"), ("domain", "circle")]
    coach = found[0]
    assert len(coach.where) == 3
    assert [w.split(":")[0] for w in coach.where] == ["On the job", "At events", "Online"]
    assert "working towards a Head of Product role by 2028 and" in coach.message
    assert "help with is confidence" in coach.message
    assert "an hour every two weeks" in coach.message
    # without a goal the target role is used, then a plain fallback
    plain = suggest([("delegation", "Delegation")], [], guide, target_role="Director of Product")
    assert "a Director of Product role" in plain[0].message
    assert "an hour or so a month" in plain[0].message
    # --gap asks even when someone helps
    assert suggest([("strategy", "Strategy")], people, guide, include_helped=True)[0].kind == (
        "mentor"
    )


def test_the_guide_refuses_unknown_placeholders_and_kinds() -> None:
    good = network_guide().model_dump()
    bad = json.loads(json.dumps(good))
    bad["kinds"]["coach"]["message"] = "Hello {nickname}"
    with pytest.raises(ValueError, match="unknown placeholder"):
        NetworkGuide.model_validate(bad)
    bad = json.loads(json.dumps(good))
    bad["gaps"]["strategy"]["look_for"] = "guru"
    with pytest.raises(ValueError, match="look_for"):
        NetworkGuide.model_validate(bad)
    bad = json.loads(json.dumps(good))
    del bad["kinds"]["circle"]
    with pytest.raises(ValueError, match="circle"):
        NetworkGuide.model_validate(bad)


def test_a_broken_guide_file_is_a_data_error(tmp_path: Path, monkeypatch) -> None:
    from pm_coach.store import content

    (tmp_path / "network.toml").write_text("schema_version = 1\n[kinds]\n")
    monkeypatch.setattr(content, "content_dir", lambda: tmp_path)
    content.network_guide.cache_clear()
    try:
        with pytest.raises(DataFileError, match="network.toml"):
            content.network_guide()
    finally:
        content.network_guide.cache_clear()


# --- commands -----------------------------------------------------------------------------------


def setup_pm(run, tmp_path: Path) -> None:
    answers = tmp_path / "answers.toml"
    answers.write_text(
        "[levels]\nstrategy = 2\nbuy-in = 3\nconfidence = 2\ndomain = 4\ndelegation = 1\n"
        "[targets]\nstrategy = 4\ndomain = 4\n"
    )
    assert run("assess", "--answers", str(answers)).exit_code == 0
    run("log", "Ran the industry brown-bag for 40 people", "--gap", "domain", "--date",
        "20 days ago", "--result", "Two teams changed their roadmap",
        "--scope", "teams")  # fmt: skip
    run("log", "Scored three bets", "--result", "CPO chose pricing", "--gap", "strategy",
        "--date", "5 days ago")  # fmt: skip
    run("network", "add", "Sam Lee", "--kind", "mentor", "--helps", "strategy")
    run("network", "touch", "Sam Lee", "--date", "10 days ago")


def test_prep_command_prints_and_writes_the_agenda(run, home: Path, tmp_path: Path) -> None:
    setup_pm(run, tmp_path)
    r = run("network", "prep", "sam lee")
    assert r.exit_code == 0, r.output
    last = (dt.date.today() - dt.timedelta(days=10)).isoformat()
    assert r.stdout.startswith("# Next conversation with Sam Lee (mentor)")
    assert f"## Since we last talked ({last})" in r.stdout
    assert "Scored three bets — CPO chose pricing (strategy)" in r.stdout
    assert "brown-bag" not in r.stdout  # logged before the last conversation
    assert "- **Strategy**: level 2, aiming for 4 · Sam Lee helps with this" in r.stdout
    # domain is at target with evidence: offered back
    assert "## One thing to offer\n\nWhat you have learned in Domain" in r.stdout

    out = tmp_path / "agenda.md"
    r = run("network", "prep", "Sam Lee", "-o", str(out))
    assert r.exit_code == 0 and f"Wrote the agenda for Sam Lee to {out}" in r.stderr
    assert out.read_text().startswith("# Next conversation with Sam Lee")
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    r = run("network", "prep", "Sam Lee", "-o", str(out))
    assert r.exit_code == 2 and "already exists" in r.stderr
    assert run("network", "prep", "Sam Lee", "-o", str(out), "--force").exit_code == 0
    data = json.loads(run("network", "prep", "Sam Lee", "--json").stdout)
    assert data["contact"]["name"] == "Sam Lee" and data["question"].startswith("When you had")
    assert [e["text"] for e in data["evidence"]] == ["Scored three bets"]
    assert len(data["topics"]) == 3


def test_prep_without_an_assessment_says_so(run, home: Path) -> None:
    run("network", "add", "Sam", "--kind", "coach", "--helps", "confidence")
    r = run("network", "prep", "Sam")
    assert r.exit_code == 0, r.output
    assert "No self-assessment yet" in r.stdout
    r = run("network", "prep", "Nobody")
    assert r.exit_code == 4 and "no one called 'Nobody'" in r.stderr


def test_find_uses_the_focus_gaps_and_the_profile(run, home: Path, tmp_path: Path) -> None:
    setup_pm(run, tmp_path)
    r = run("profile", "set", "--goal", "a Head of Product role within 18 months",
            "--investment", "an hour every two weeks")  # fmt: skip
    assert r.exit_code == 0 and "goal" in r.stdout and "an hour every two weeks" in r.stdout
    r = run("network", "find", "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["based_on"] == "focus"
    # strategy is a focus gap but Sam helps with it; the others have nobody
    assert [(s["gap"], s["kind"]) for s in data["suggestions"]] == [
        ("delegation", "mentor"),
        ("confidence", "coach"),
    ]
    assert "a Head of Product role within 18 months" in data["suggestions"][0]["message"]
    assert [s["gap"] for s in data["can_mentor"]] == ["domain"]
    assert data["mentees"] == []

    r = run("network", "find")
    assert "Delegation (delegation): look for a mentor" in r.stdout
    assert "Where to look:" in r.stdout and "On the job:" in r.stdout
    assert "Giving back: you could mentor others in" in r.stdout
    assert 'pm-coach network add "…" --kind mentee --helps domain' in r.stdout

    r = run("network", "find", "--gap", "strategy", "--json")
    assert [s["gap"] for s in json.loads(r.stdout)["suggestions"]] == ["strategy"]
    r = run("network", "find", "--gap", "teleport")
    assert r.exit_code == 2 and "unknown gap 'teleport'" in r.stderr


def test_find_without_an_assessment_lists_every_gap(run, home: Path) -> None:
    r = run("network", "find", "--json")
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert data["based_on"] == "all"
    assert [s["gap"] for s in data["suggestions"]] == [
        "strategy", "buy-in", "confidence", "domain", "delegation",
    ]  # fmt: skip
    r = run("network", "find")
    assert "No self-assessment yet" in r.stderr


def test_the_wheel_ships_the_toolkit(tmp_path: Path) -> None:
    import subprocess
    import sys
    import zipfile

    root = Path(__file__).resolve().parent.parent
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=root,
        check=True,
        capture_output=True,
    )
    [wheel] = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "pm_coach/content/network.toml" in names


def test_prep_follows_the_saved_plan_and_its_statuses(run, home: Path, tmp_path: Path) -> None:
    setup_pm(run, tmp_path)
    r = run("network", "prep", "Sam Lee")
    assert "No saved plan, so these dates are worked out today" in r.stdout
    assert "overdue since" not in r.stdout

    assert run("plan", "new", "--start", "60 days ago").exit_code == 0
    r = run("network", "prep", "Sam Lee")
    assert r.exit_code == 0, r.output
    assert "No saved plan" not in r.stdout
    assert "- [ ] Map a year of your work to the company goals (strategy, overdue since" in (
        r.stdout
    )
    # only the gaps Sam helps with: delegation's overdue actions stay out of this agenda
    assert "(delegation, overdue" not in r.stdout

    assert run("plan", "done", "strategy-goal-map").exit_code == 0
    r = run("network", "prep", "Sam Lee")
    assert "Map a year of your work" not in r.stdout


# --- the self-awareness answers: asked once in the profile, used in messages and first agendas --

ANSWERS = {
    "goal": "a Head of Product role within 18 months.",
    "investment": "an hour every two weeks",
    "personality": "quiet in big meetings; I think best in writing",
}


def test_a_first_message_ends_with_how_the_pm_works_best() -> None:
    [coach] = suggest(
        [("confidence", "Confidence")], [], network_guide(), goal="a Head of Product role",
        investment="an hour every two weeks", personality=" I think best in writing. ",
    )  # fmt: skip
    assert coach.message.endswith(
        "I'll bring a concrete problem to each one. So you know how I work best: I think best "
        "in writing."
    )
    [plain] = suggest([("confidence", "Confidence")], [], network_guide())
    assert "how I work best" not in plain.message


def test_a_first_conversation_opens_with_an_introduction(leadership) -> None:
    prep = build_prep(
        sam(), today=TODAY, skill_map=leadership, focus=FOCUS, actions=[], entries=ENTRIES,
        strengths=[], guide=network_guide(), answers=ANSWERS,
    )  # fmt: skip
    assert prep.introduce == [
        "What I am working towards: a Head of Product role within 18 months.",
        "The time I can give: an hour every two weeks.",
        "So you know how I work best: quiet in big meetings; I think best in writing.",
    ]
    assert prep.unanswered == [] and prep.ask_first == []
    text = markdown(prep, say)
    assert (
        "## Introduce yourself\n\n- What I am working towards: a Head of Product role within "
        "18 months.\n" in text
    )
    assert text.index("## Introduce yourself") < text.index("## What I am working on")
    # from the second conversation on, no introduction
    later = build_prep(
        sam("2026-05-01"), today=TODAY, skill_map=leadership, focus=FOCUS, actions=[],
        entries=ENTRIES, strengths=[], guide=network_guide(), answers=ANSWERS,
    )  # fmt: skip
    assert later.introduce == [] and "Introduce yourself" not in markdown(later, say)


def test_unanswered_questions_are_named_with_the_command_that_answers_them(leadership) -> None:
    prep = build_prep(
        sam(), today=TODAY, skill_map=leadership, focus=FOCUS, actions=[], entries=ENTRIES,
        strengths=[], guide=network_guide(), answers={"goal": "a Director role"},
    )  # fmt: skip
    assert prep.introduce == ["What I am working towards: a Director role."]
    assert prep.unanswered == ["investment", "personality"]
    assert (
        "- Not answered yet: investment, personality. Worth a minute before you meet: "
        '`pm-coach profile set --investment "…" --personality "…"`' in markdown(prep, say)
    )


def test_a_first_talk_with_a_mentee_starts_with_the_questions_to_ask(leadership) -> None:
    jo = sam(kind="mentee", helps=("buy-in",))
    prep = build_prep(
        jo, today=TODAY, skill_map=leadership, focus=FOCUS, actions=[], entries=ENTRIES,
        strengths=[], guide=network_guide(), answers=ANSWERS,
    )  # fmt: skip
    assert prep.introduce == [] and prep.unanswered == []
    assert len(prep.ask_first) == 4
    assert "## Ask first\n\n1. What do you want to be doing in a year or two" in markdown(prep, say)


def test_the_guide_refuses_an_introduction_with_the_wrong_placeholder() -> None:
    bad = json.loads(json.dumps(network_guide().model_dump()))
    bad["introduce"]["personality"] = "How I work: {goal}."
    with pytest.raises(ValueError, match=r"introduce.personality must use \{personality\}"):
        NetworkGuide.model_validate(bad)


def test_personality_is_set_once_and_used_by_find_and_prep(run, home: Path, tmp_path: Path):
    setup_pm(run, tmp_path)
    r = run("profile", "set", "--personality", "quiet in big meetings; I think best in writing")
    assert r.exit_code == 0, r.output
    assert "personality     quiet in big meetings; I think best in writing\n" in r.stdout
    data = json.loads(run("profile", "show", "--json").stdout)
    assert data["personality"] == "quiet in big meetings; I think best in writing"
    message = json.loads(run("network", "find", "--json").stdout)["suggestions"][0]["message"]
    assert message.endswith(
        "So you know how I work best: quiet in big meetings; I think best in writing."
    )
    run("network", "add", "Ana Ruiz", "--kind", "coach", "--helps", "confidence")
    r = run("network", "prep", "Ana Ruiz")
    assert r.exit_code == 0, r.output
    assert (
        "- So you know how I work best: quiet in big meetings; I think best in writing.\n"
        in r.stdout
    )
    assert json.loads(run("network", "prep", "Ana Ruiz", "--json").stdout)["unanswered"] == [
        "goal",
        "investment",
    ]
    # Sam has been talked to already: no introduction
    assert "Introduce yourself" not in run("network", "prep", "Sam Lee").stdout
