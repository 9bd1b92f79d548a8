"""Gap suggestions: the keyword rule (used for maps that ship no trained weights), its threshold,
and how ``log`` applies suggestions. The trained model is tested in test_suggest_model.py."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from pm_coach.core import suggest
from pm_coach.models import SkillMap
from pm_coach.store.evidence import EvidenceStore
from pm_coach.store.maps import MapCatalog


@pytest.fixture(scope="module")
def leadership() -> SkillMap:
    return MapCatalog(Path("/nonexistent-user-folder")).load("leadership")


def top(text: str, skill_map: SkillMap, result: str = "") -> str | None:
    found = suggest.suggest_gap(text, result, skill_map)
    return found.gap if found else None


# --- matching -----------------------------------------------------------------------------------


def test_word_forms_meet_at_one_stem() -> None:
    assert (
        len({suggest.stem(w) for w in ("delegate", "delegated", "delegating", "delegation")}) == 1
    )
    assert suggest.stem("prioritised") == suggest.stem("prioritized") == suggest.stem("prioritise")
    assert suggest.stem("mentoring") == suggest.stem("mentored") == suggest.stem("mentor")
    assert suggest.stem("competitors") == suggest.stem("competitor")
    # different words stay apart
    assert suggest.stem("objective") != suggest.stem("objection")
    assert suggest.stem("marketing") != suggest.stem("market")


def test_matches_fall_on_word_boundaries(leadership: SkillMap) -> None:
    # "bet" is a strategy keyword; "alphabet" and "better" must not count for it
    assert top("Sorted the alphabet soup of better acronyms", leadership) is None
    assert top("Placed a bet on self-serve onboarding", leadership) == "strategy"


def test_phrases_match_in_order_and_across_hyphens(leadership: SkillMap) -> None:
    found = suggest.score_gaps("Got buy in from the leadership team", "", leadership)
    assert found[0].gap == "buy-in"
    assert "buy in" in found[0].matched and "leadership team" in found[0].matched
    # the same words out of order are not the phrase
    scores = suggest.score_gaps("The team leadership bought lunch", "", leadership)
    assert all("leadership team" not in s.matched for s in scores)


def test_general_synonyms_count_but_less_than_map_keywords(leadership: SkillMap) -> None:
    keyword = suggest.score_gaps("Delegated the launch", "", leadership)[0]
    synonym = suggest.score_gaps("Entrusted the launch to Kim", "", leadership)[0]
    phrase = suggest.score_gaps("Handed off the launch", "", leadership)[0]
    assert keyword.gap == synonym.gap == phrase.gap == "delegation"
    assert synonym.score == pytest.approx(keyword.score * suggest.RELATED_SHARE)
    assert synonym.matched == ("entrusted",) and "handed off" in phrase.matched


def test_a_term_shared_by_two_gaps_is_split_between_them() -> None:
    shared = SkillMap.model_validate(
        {**_tiny_map(), "gaps": [_gap("alpha", ["pricing", "sprint"]), _gap("beta", ["pricing"])]}
    )
    scores = {s.gap: s.score for s in suggest.score_gaps("Reworked pricing", "", shared)}
    assert scores["alpha"] == scores["beta"] == pytest.approx(suggest.WORD_WEIGHT / 2)
    assert suggest.suggest_gap("Reworked pricing", "", shared) is None  # a tie is no suggestion
    assert top("Reworked pricing in the sprint", shared) == "alpha"  # type: ignore[arg-type]


def test_a_match_only_in_the_result_counts_for_less(leadership: SkillMap) -> None:
    in_text = suggest.score_gaps("Mentored Jo", "", leadership)[0].score
    in_result = suggest.score_gaps("Weekly sessions with Jo", "mentored her", leadership)[0].score
    assert in_result == pytest.approx(in_text * suggest.RESULT_SHARE)


def test_no_suggestion_without_real_evidence(leadership: SkillMap) -> None:
    assert top("Had lunch with the team", leadership) is None
    assert top("", leadership) is None
    # two gaps equally likely: better to say nothing than to guess
    scores = suggest.score_gaps("Ran the review", "the team aligned on the roadmap", leadership)
    assert len(scores) == 2 and scores[0].score == scores[1].score
    assert suggest.best(scores) is None


def test_best_needs_the_minimum_score_and_a_lead() -> None:
    s = suggest.Suggestion
    assert suggest.best([s("a", suggest.MIN_SCORE)]) == s("a", suggest.MIN_SCORE)
    assert suggest.best([s("a", suggest.MIN_SCORE - 0.01)]) is None
    assert suggest.best([s("a", 2.0), s("b", 2.0 - suggest.MIN_LEAD + 0.01)]) is None
    assert suggest.best([s("a", 2.0), s("b", 2.0 - suggest.MIN_LEAD)]) == s("a", 2.0)


def test_pretick_takes_the_best_and_close_runners_up() -> None:
    s = suggest.Suggestion
    assert suggest.pretick([s("a", 3.0), s("b", 2.0), s("c", 1.5), s("d", 0.5)]) == ["a", "b"]
    assert suggest.pretick([s("a", 3.0), s("b", 1.0)]) == ["a"]
    assert suggest.pretick([s("a", 0.5)]) == []
    assert suggest.pretick([]) == []


def test_gap_for_label_reads_ids_and_keywords_in_any_form(leadership: SkillMap) -> None:
    assert suggest.gap_for_label("delegation", leadership) == "delegation"
    assert suggest.gap_for_label("Buy-In", leadership) == "buy-in"
    assert suggest.gap_for_label("buy_in", leadership) == "buy-in"
    assert suggest.gap_for_label("mentoring", leadership) == "delegation"
    assert suggest.gap_for_label("competitors", leadership) == "domain"
    assert suggest.gap_for_label("offsite", leadership) is None
    assert suggest.gap_for_label("", leadership) is None


def _gap(gid: str, keywords: list[str]) -> dict[str, Any]:
    action = {
        "title": "Do it",
        "how": ["Step"],
        "evidence": "Proof",
        "type": "experience",
        "effort_hours": 1,
        "weeks": 1,
    }
    return {
        "id": gid,
        "name": gid.title(),
        "summary": "A gap.",
        "levels": ["1", "2", "3", "4", "5"],
        "actions": [{**action, "id": f"{gid}-{i}"} for i in range(4)],
        "resources": [
            {"title": "A", "author": "B", "kind": "book"},
            {"title": "C", "author": "D", "kind": "book"},
        ],
        "keywords": keywords,
        "prompts": ["What?"],
    }


def _tiny_map() -> dict[str, Any]:
    return {
        "id": "tiny",
        "name": "Tiny",
        "description": "Test map.",
        "from_role": "A",
        "to_role": "B",
    }


# --- log ----------------------------------------------------------------------------------------


def test_log_applies_a_clear_suggestion_and_says_so(run, home: Path) -> None:
    r = run("log", "Mentored a junior PM through her first discovery sprint")
    assert r.exit_code == 0, r.output
    entry = EvidenceStore(home).load()[0]
    assert entry.gaps == ["delegation"]
    assert "Tagged delegation (suggested from" in r.stdout
    assert f"change it with: pm-coach evidence edit {entry.id}" in r.stdout


def test_log_uses_the_result_too(run, home: Path) -> None:
    # the text alone says too little ...
    assert run("log", "Weekly catch-up").exit_code == 0
    # ... the result says enough
    r = run("log", "Weekly catch-up", "--result", "Delegated the follow-up to two junior PMs")
    assert r.exit_code == 0
    assert [e.gaps for e in EvidenceStore(home).load()] == [[], ["delegation"]]


def test_no_suggest_leaves_the_entry_untagged(run, home: Path) -> None:
    r = run("log", "Mentored a junior PM", "--no-suggest")
    assert r.exit_code == 0
    assert EvidenceStore(home).load()[0].gaps == []
    assert "suggested" not in r.stdout and "No gap tagged" in r.stdout


def test_an_explicit_gap_is_never_overridden(run, home: Path) -> None:
    r = run("log", "Mentored a junior PM", "--gap", "confidence")
    assert r.exit_code == 0
    assert EvidenceStore(home).load()[0].gaps == ["confidence"]
    assert "suggested" not in r.stdout


def test_nothing_is_tagged_when_no_gap_stands_out(run, home: Path) -> None:
    r = run("log", "Tidied my desk")
    assert r.exit_code == 0
    assert EvidenceStore(home).load()[0].gaps == []
    assert "No gap tagged" in r.stdout


def test_the_form_is_given_suggestions_computed_from_the_typed_text(
    run, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever the form does with it, ``log`` hands it a suggester that, called with the text,
    gives the gaps to pre-tick; with --no-suggest it hands nothing."""
    from pm_coach import prompts
    from pm_coach.app import terminal
    from pm_coach.core.evidence import EvidenceInput

    seen: list[Any] = []

    def fake_form(gaps: Any, today: dt.date, *, suggested: Any = (), **io: Any) -> EvidenceInput:
        seen.append(suggested)
        return EvidenceInput(text="Mentored Jo", gaps=[])

    monkeypatch.setattr(terminal, "interactive", lambda: True)
    monkeypatch.setattr(prompts, "log_form", fake_form)
    assert run("log").exit_code == 0
    assert callable(seen[0]) and seen[0]("Coached a junior PM and delegated the launch") == [
        "delegation"
    ]
    assert run("log", "--no-suggest").exit_code == 0
    assert list(seen[1]) == []
    assert run("log", "--gap", "strategy").exit_code == 0
    assert list(seen[2]) == ["strategy"]


def test_form_pre_ticks_the_suggestion_key_by_key(home: Path) -> None:
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from pm_coach import prompts
    from pm_coach.app.log import form_suggester

    leadership_map = MapCatalog(home).load("leadership")
    with create_pipe_input() as inp:
        # text, then accept the checkbox as pre-ticked, empty result, no metrics, no scope,
        # date today, nothing more
        inp.send_text("Mentored a junior PM\r" + "\r" * 6)
        raw = prompts.log_form(
            [(g.id, g.name) for g in leadership_map.gaps],
            dt.date.today(),
            suggested=form_suggester(leadership_map),
            input=inp,
            output=DummyOutput(),
        )
    assert raw.gaps == ["delegation"]


def test_log_does_not_load_heavy_modules(home: Path) -> None:
    code = (
        "import sys\n"
        "from pm_coach.cli import main\n"
        "sys.argv = ['pm-coach', 'log', 'Mentored a junior PM']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('rich', 'questionary', 'jsonschema') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    env = {"PM_COACH_HOME": str(home), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert "Tagged delegation" in out.stdout, out.stderr
    assert "HEAVY []" in out.stdout


def test_words_from_a_gaps_own_descriptions_count_a_little() -> None:
    alpha = _gap("alpha", ["pricing"])
    alpha["summary"] = "Negotiating contracts with suppliers."
    alpha["prompts"] = ["Which supplier contract did you renegotiate?"]
    beta = _gap("beta", ["sprint"])
    beta["summary"] = "Shipping contracts on time."  # "contracts" now shared, but mostly alpha's
    custom = SkillMap.model_validate({**_tiny_map(), "gaps": [alpha, beta]})
    scores = {s.gap: s.score for s in suggest.score_gaps("Met two suppliers", "", custom)}
    assert set(scores) == {"alpha"}
    assert 0 < scores["alpha"] <= suggest.MAP_TEXT_WEIGHT
    # one description word alone is not enough to tag an entry
    assert suggest.suggest_gap("Met two suppliers", "", custom) is None
    # a word used as often by both gaps tells nothing
    assert "gap" not in {t.label for t in suggest._map_text_terms(custom)["alpha"]}


def test_every_synonym_key_belongs_to_a_shipped_keyword() -> None:
    """A RELATED key that matches no keyword would silently never be used."""
    catalog = MapCatalog(Path("/nonexistent-user-folder"))
    keys = set()
    for map_id in ("leadership", "apm-to-pm"):
        for gap in catalog.load(map_id).gaps:
            keys |= {tuple(suggest.stems(k)) for k in [gap.id, *gap.keywords]}
    dead = [k for k in suggest.RELATED if tuple(suggest.stems(k)) not in keys]
    assert dead == []


def test_log_suggests_from_the_map_in_use(run, home: Path) -> None:
    r = run("log", "Interviewed five customers about onboarding", "--map", "apm-to-pm")
    assert r.exit_code == 0, r.output
    assert EvidenceStore(home).load()[0].gaps == ["discovery"]
    assert "Tagged discovery (suggested" in r.stdout
