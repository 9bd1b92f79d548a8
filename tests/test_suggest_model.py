"""The trained gap suggester: shipped weights, retraining, the abstain rule, the runner-up, the
fallback to the keyword rule for maps without weights, and how ``log`` and ``import`` use it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pm_coach.core import suggest
from pm_coach.core.gap_model import GapModel, Ranked, Thresholds
from pm_coach.models import SkillMap
from pm_coach.store import maps as store_maps
from pm_coach.store.evidence import EvidenceStore
from pm_coach.store.maps import MapCatalog, load_suggest_weights, weights_path

NOWHERE = Path("/nonexistent-user-folder")


@pytest.fixture(scope="module")
def leadership() -> SkillMap:
    return MapCatalog(NOWHERE).load("leadership")


@pytest.fixture(scope="module")
def model(leadership: SkillMap) -> GapModel:
    found = GapModel.for_map(load_suggest_weights("leadership"), leadership.gap_ids)
    assert found is not None
    return found


def tag(text: str, skill_map: SkillMap, model: GapModel | None, result: str = "") -> str | None:
    found = suggest.suggest_gap(text, result, skill_map, model)
    return found.gap if found else None


# --- the shipped model ----------------------------------------------------------------------------


@pytest.mark.parametrize("map_id", ["leadership", "apm-to-pm"])
def test_every_built_in_map_ships_weights_for_exactly_its_gaps(map_id: str) -> None:
    skill_map = MapCatalog(NOWHERE).load(map_id)
    loaded = GapModel.for_map(load_suggest_weights(map_id), skill_map.gap_ids)
    assert loaded is not None
    assert sorted(loaded.gaps) == sorted(skill_map.gap_ids)


def test_the_cases_the_keyword_rule_got_wrong_are_now_right(
    leadership: SkillMap, model: GapModel
) -> None:
    prewired = (
        "Pre-wired the chargeback policy change with ops, legal and sales leads before the "
        "steering group"
    )
    held = (
        "Presented the open banking roadmap to the exec committee and held the recommendation "
        "under questioning from the CFO"
    )
    # what the hand-weighted keyword rule made of them (issue #16)
    assert tag(prewired, leadership, None) == "confidence"
    assert tag(held, leadership, None) is None
    # the trained model
    assert tag(prewired, leadership, model) == "buy-in"
    assert tag(held, leadership, model) == "confidence"


@pytest.mark.parametrize(
    ("text", "gap"),
    [
        ("Ranked four candidate bets against the retention goal and dropped two", "strategy"),
        ("got finance and ops to sign off the new refund policy", "buy-in"),
        ("Rehearsed the board pitch with a colleague playing the sceptic", "confidence"),
        ("Spoke at a fintech meetup about the new payments regulation", "domain"),
        ("Mentored a junior PM through her first discovery sprint", "delegation"),
        ("handing the reporting area over to my report and stepping back", "delegation"),
    ],
)
def test_clear_statements_get_their_gap(
    leadership: SkillMap, model: GapModel, text: str, gap: str
) -> None:
    assert tag(text, leadership, model) == gap


def test_the_words_that_led_to_a_suggestion_are_words_of_the_text(
    leadership: SkillMap, model: GapModel
) -> None:
    found = suggest.suggest_gap(
        "Mentored a junior PM through her first launch", "", leadership, model
    )
    assert found is not None and found.gap == "delegation"
    assert "mentored" in found.matched and "junior" in found.matched
    assert all(w in "mentored a junior pm through her first launch" for w in found.matched)


def test_nothing_is_tagged_without_evidence(leadership: SkillMap, model: GapModel) -> None:
    assert tag("Tidied my desk", leadership, model) is None
    assert tag("", leadership, model) is None
    assert tag("Ran the quarterly review", leadership, model) is None
    # ... while the same line with a telling result is tagged
    assert (
        tag("Ran the quarterly review", leadership, model, "department heads agreed to back it")
        == "buy-in"
    )


# --- the decision rule, on a model written by hand ---------------------------------------------

HAND_MADE = """\
# a model written for this test
format 1
map tiny
gaps alpha beta gamma
trained_on 3
scale 1.0
min_top 0.6
min_margin 0.3
second 0.2
also 0.15
alpha 1.0
totals 10 10 10
features 4
--
margin\t6 0 0
sprint\t0 6 0
retro\t0 3 0
budget\t3 0 0
"""


def hand_model() -> GapModel:
    found = GapModel.from_text(HAND_MADE)
    assert found is not None
    return found


def ranked(*pairs: tuple[str, float]) -> list[Ranked]:
    return [Ranked(g, p, ("word",)) for g, p in pairs]


def test_a_gap_is_applied_only_above_both_thresholds() -> None:
    decide = hand_model().decide  # min_top 0.6, min_margin 0.3, second 0.2, also 0.15
    assert decide(ranked(("alpha", 0.6), ("beta", 0.3)))[0] == Ranked("alpha", 0.6, ("word",))
    assert decide(ranked(("alpha", 0.59), ("beta", 0.1)))[0] is None  # not likely enough
    assert decide(ranked(("alpha", 0.65), ("beta", 0.36)))[0] is None  # too close to the next
    assert decide(ranked(("alpha", 0.9), ("beta", 0.1)))[1] is None  # runner-up too unlikely
    assert decide(ranked(("alpha", 0.7), ("beta", 0.25)))[1] == Ranked("beta", 0.25, ("word",))
    # nothing applied: the runner-up is named (for a shortlist) from `second`, not `also`
    assert decide(ranked(("alpha", 0.45), ("beta", 0.4))) == (None, Ranked("beta", 0.4, ("word",)))
    assert decide(ranked(("alpha", 0.5), ("beta", 0.18))) == (None, None)
    # no known word at all: never a suggestion, whatever the numbers
    assert decide([Ranked("alpha", 0.9, ()), Ranked("beta", 0.1, ())]) == (None, None)


def test_hand_made_model_probabilities() -> None:
    m = hand_model()
    # feature lines hold word stems; log((6+1)/(10+4)) - log((0+1)/(10+4)) = log 7
    top = m.rank("margin")
    assert [r.gap for r in top] == ["alpha", "beta", "gamma"]
    assert top[0].probability == pytest.approx(7 / 9)
    assert top[0].words == ("margin",)
    tie = m.rank("margin sprint")  # 7 : 7 : 1, a tie goes to the gap listed first
    assert [r.gap for r in tie] == ["alpha", "beta", "gamma"]
    assert tie[0].probability == pytest.approx(7 / 15)
    assert m.rank("nothing known here")[0].words == ()


def test_suggestion_names_a_runner_up_that_is_nearly_as_likely() -> None:
    skill_map = _tiny_map()
    m = hand_model()
    # margin + budget for alpha (7 * 4), retro for beta (4): 28 : 4 : 1
    found = suggest.suggest_gap("margin budget retro", "", skill_map, m)
    assert found == suggest.Suggestion("alpha", round(28 / 33, 3), ("margin", "budget"), None)
    m.thresholds = Thresholds(1.0, 0.6, 0.3, 0.2, also=0.1)
    found = suggest.suggest_gap("margin budget retro", "", skill_map, m)
    assert found is not None and found.also == "beta"


def test_weights_for_other_gaps_are_not_used() -> None:
    assert GapModel.for_map(HAND_MADE, ["alpha", "beta", "gamma"]) is not None
    assert GapModel.for_map(HAND_MADE, ["gamma", "alpha", "beta"]) is not None  # order is free
    assert GapModel.for_map(HAND_MADE, ["alpha", "beta"]) is None
    assert (
        GapModel.for_map(HAND_MADE.replace("format 1", "format 2"), ["alpha", "beta", "gamma"])
        is None
    )
    assert GapModel.for_map("not a weights file", ["alpha"]) is None
    assert GapModel.for_map(None, ["alpha"]) is None


# --- retraining ---------------------------------------------------------------------------------


@pytest.mark.parametrize("map_id", ["leadership", "apm-to-pm"])
def test_retraining_reproduces_the_shipped_weights(map_id: str) -> None:
    from pm_coach.tools.train_suggest import build

    text, _ = build(map_id)
    assert text == weights_path(map_id).read_text("utf-8"), (
        f"skill_maps/weights/{map_id}.txt is stale: run python -m pm_coach.tools.train_suggest"
    )


def test_training_data_is_large_enough_and_labelled_with_known_gaps() -> None:
    from collections import Counter

    from pm_coach.tools.suggest_data import load_statements

    for map_id, per_gap in (("leadership", 150), ("apm-to-pm", 100)):
        skill_map = MapCatalog(NOWHERE).load(map_id)
        statements = load_statements(store_maps.training_path(map_id), skill_map.gap_ids)
        counts = Counter(s.gap for s in statements)
        assert set(counts) == set(skill_map.gap_ids)
        assert min(counts.values()) >= per_gap, (map_id, counts)
        assert sum(1 for s in statements if s.also) >= 5 * len(skill_map.gaps)
        assert len({s.text.casefold() for s in statements}) == len(statements)


# --- user maps ------------------------------------------------------------------------------------


def test_a_user_map_without_weights_uses_the_keyword_rule(run, home: Path) -> None:
    (home / "skill_maps").mkdir(parents=True)
    shutil.copy(Path(__file__).parent / "data" / "maps" / "tiny.toml", home / "skill_maps")
    skill_map = MapCatalog(home).load("tiny")
    assert load_suggest_weights("tiny") is None
    keyword = skill_map.gaps[0].keywords[0]
    r = run("log", f"Worked on {keyword} all week", "--map", "tiny")
    assert r.exit_code == 0, r.output
    assert EvidenceStore(home).load()[0].gaps == [skill_map.gaps[0].id]
    assert f'Tagged focus (suggested from "{keyword}"' in r.stdout


def test_a_user_copy_of_a_built_in_map_keeps_the_weights_while_its_gaps_stay(
    run, home: Path
) -> None:
    (home / "skill_maps").mkdir(parents=True)
    source = store_maps.builtin_dir() / "leadership.toml"
    (home / "skill_maps" / "leadership.toml").write_text(source.read_text("utf-8"), "utf-8")
    r = run("log", "Pre-wired the pricing change with legal and ops before the steering group")
    assert r.exit_code == 0, r.output
    assert EvidenceStore(home).load()[0].gaps == ["buy-in"]


# --- log and import -------------------------------------------------------------------------------


def test_log_tags_with_the_model_and_says_which_words(run, home: Path) -> None:
    r = run(
        "log",
        "Pre-wired the chargeback policy change with ops, legal and sales leads before the "
        "steering group",
    )
    assert r.exit_code == 0, r.output
    entry = EvidenceStore(home).load()[0]
    assert entry.gaps == ["buy-in"]
    assert (
        'Tagged buy-in (suggested from "legal", "sales", "ops"). If it shows another gap, change '
        f"it with: pm-coach evidence edit {entry.id} --rm-gap buy-in --add-gap strategy"
    ) in r.stdout


def test_log_names_a_second_gap_when_it_is_nearly_as_likely(
    run, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    weights = """\
format 1
map leadership
gaps strategy buy-in confidence domain delegation
trained_on 1
scale 1.0
min_top 0.5
min_margin 0.2
second 0.2
also 0.2
alpha 1.0
totals 10 10 10 10 10
features 2
--
roadmap\t6 0 0 0 0
exec\t0 2 0 0 0
"""
    monkeypatch.setattr(store_maps, "load_suggest_weights", lambda map_id: weights)
    r = run("log", "Took the roadmap to the exec")
    assert r.exit_code == 0, r.output
    entry = EvidenceStore(home).load()[0]
    assert entry.gaps == ["strategy"]
    assert 'Tagged strategy (suggested from "roadmap")' in r.stdout
    assert f"It may show buy-in too; add it with: pm-coach evidence edit {entry.id}" in r.stdout


def test_log_offers_the_best_two_when_neither_stands_out(
    run, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    weights = """\
format 1
map leadership
gaps strategy buy-in confidence domain delegation
trained_on 1
scale 1.0
min_top 0.5
min_margin 0.2
second 0.2
also 1.0
alpha 1.0
totals 10 10 10 10 10
features 2
--
roadmap\t4 0 0 0 0
exec\t0 4 0 0 0
"""
    monkeypatch.setattr(store_maps, "load_suggest_weights", lambda map_id: weights)
    r = run("log", "Took the roadmap to the exec")  # 5 : 5 : 1 : 1 : 1, a tie
    assert r.exit_code == 0, r.output
    entry = EvidenceStore(home).load()[0]
    assert entry.gaps == []
    assert (
        f"No gap tagged: it reads like strategy or buy-in. Add one with: "
        f"pm-coach evidence edit {entry.id}" in r.stdout
    )
    # --no-suggest: no model, no shortlist
    r = run("log", "Took the roadmap to the exec", "--no-suggest")
    assert "reads like" not in r.stdout


def test_log_with_an_action_and_no_gap_tags_the_actions_gap(run, home: Path) -> None:
    # the words point to delegation; the action belongs to strategy, and the action wins
    r = run("log", "Mentored a junior PM", "--action", "strategy-option-scoring")
    assert r.exit_code == 0, r.output
    entry = EvidenceStore(home).load()[0]
    assert entry.gaps == ["strategy"] and entry.action == "strategy-option-scoring"
    assert "Tagged strategy, the gap of action strategy-option-scoring." in r.stdout
    assert "suggested" not in r.stdout
    # an explicit --gap still wins over the action's gap
    r = run("log", "Mentored Jo", "--action", "strategy-option-scoring", "--gap", "delegation")
    assert r.exit_code == 0
    assert EvidenceStore(home).load()[1].gaps == ["delegation"]
    assert "the gap of action" not in r.stdout


def test_import_dry_run_shows_the_suggested_gap(run, home: Path, tmp_path: Path) -> None:
    csv = tmp_path / "log.csv"
    csv.write_text(
        "date,text,gap\n"
        "2026-03-02,Pre-wired the pricing change with legal and ops before the steering group,\n"
        "2026-03-03,Tidied my desk,\n"
        "2026-03-04,Mentored Jo,strategy\n",
        "utf-8",
    )
    r = run("import", "csv", str(csv), "--dry-run")
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert lines[0].endswith("[buy-in suggested]")
    assert lines[1].endswith("Tidied my desk")
    assert lines[2].endswith("[strategy]")
    assert EvidenceStore(home).load() == []


def _tiny_map() -> SkillMap:
    from tests.test_suggest import _gap
    from tests.test_suggest import _tiny_map as raw

    return SkillMap.model_validate(
        {**raw(), "gaps": [_gap("alpha", ["x"]), _gap("beta", ["y"]), _gap("gamma", ["z"])]}
    )


def test_eval_command_prints_the_figures_and_refuses_a_bad_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pm_coach.tools.eval_suggest import main

    good = tmp_path / "set.toml"
    good.write_text(
        '[[statement]]\ngap = "delegation"\n'
        'text = "Mentored a junior PM through her first launch"\n'
        '\n[[statement]]\ngap = "strategy"\ntext = "Tidied my desk"\n',
        "utf-8",
    )
    assert main([str(good)]) == 0
    out = capsys.readouterr().out
    assert "map leadership, trained weights" in out
    assert "n                      2" in out
    assert "applied and correct    50.0%" in out
    assert "precision              100.0%" in out
    assert "abstain                50.0%" in out
    # confusion rows in map order; columns the five gaps, then (none)
    assert [line.split() for line in out.splitlines()[-2:]] == [
        ["strategy", "0", "0", "0", "0", "0", "1"],
        ["delegation", "0", "0", "0", "0", "1", "0"],
    ]
    bad = tmp_path / "bad.toml"
    bad.write_text('[[statement]]\ntext = "no gap"\n', "utf-8")
    assert main([str(bad)]) == 2
    assert "statement 1: needs a text 'gap'" in capsys.readouterr().err
