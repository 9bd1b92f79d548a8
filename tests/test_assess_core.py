"""The pure assessment logic: reading an answers document, carrying gaps over for --gap, and the
facts behind the result table and the history."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pm_coach.core import assessment as core
from pm_coach.errors import DataFileError, InputError, PreconditionError
from pm_coach.models import Assessment, Evidence
from pm_coach.store.maps import MapCatalog

SKILL_MAP = MapCatalog(Path("/nonexistent")).load("leadership")
GAPS = SKILL_MAP.gap_ids
CREATED = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)


def full_levels(**over: int) -> dict[str, int]:
    levels = dict.fromkeys(GAPS, 2)
    levels.update({k.replace("_", "-"): v for k, v in over.items()})
    return levels


def make(date: str, minute: int = 0, **over: int) -> Assessment:
    levels = full_levels(**over)
    return Assessment(
        date=dt.date.fromisoformat(date),
        map="leadership",
        levels=levels,
        targets=dict.fromkeys(levels, 4),
        created=CREATED + dt.timedelta(minutes=minute),
    )


def evidence(date: str, *gaps: str, n: int = 0) -> Evidence:
    return Evidence(
        id=f"e{n:04d}",
        date=dt.date.fromisoformat(date),
        text="did a thing",
        gaps=list(gaps),
        created=CREATED,
    )


# --- answers documents ---------------------------------------------------------------------


def parse(doc: dict, only: list[str] | None = None) -> core.Ratings:
    return core.parse_answers(doc, SKILL_MAP, only=only or [], source="answers.toml")


def test_full_answers_are_read() -> None:
    ratings = parse(
        {
            "levels": full_levels(strategy=3),
            "targets": {"strategy": 5},
            "notes": {"delegation": "  mentoring two APMs "},
        }
    )
    assert ratings.levels == full_levels(strategy=3)
    assert ratings.targets == {"strategy": 5}
    assert ratings.notes == {"delegation": "mentoring two APMs"}


def test_every_problem_in_the_file_is_listed_at_once() -> None:
    levels = full_levels(strategy=7)
    del levels["domain"]
    levels["vision"] = 3
    with pytest.raises(DataFileError) as info:
        parse({"levels": levels, "targets": {"buy-in": 0}, "extra": 1})
    message = info.value.message
    assert "answers.toml has 5 problem(s)" in message
    assert "levels.strategy: 7 is not a level" in message
    assert "levels.vision: the skill map 'leadership' has no gap 'vision'" in message
    assert "targets.buy-in: 0 is not a level" in message
    assert "levels: no level for domain" in message
    assert "unknown top-level key(s) 'extra'" in message


@pytest.mark.parametrize("bad", [True, 3.0, "3", [3]])
def test_levels_must_be_whole_numbers(bad: object) -> None:
    with pytest.raises(DataFileError, match="is not a level"):
        parse({"levels": {**full_levels(), "strategy": bad}})


def test_levels_table_is_required() -> None:
    with pytest.raises(DataFileError, match=r"\[levels\] is missing"):
        parse({"targets": {"strategy": 4}})


def test_target_for_an_unrated_gap_is_refused() -> None:
    with pytest.raises(DataFileError, match=r"targets.strategy: given, but \[levels\] has no"):
        parse({"levels": {"buy-in": 3}, "targets": {"strategy": 4}}, only=["buy-in", "strategy"])


def test_with_only_the_named_gaps_may_appear() -> None:
    assert parse({"levels": {"delegation": 3}}, only=["delegation"]).levels == {"delegation": 3}
    with pytest.raises(DataFileError, match="only delegation is being re-assessed"):
        parse({"levels": {"delegation": 3, "strategy": 2}}, only=["delegation"])


def test_answers_map_agrees_with_the_flag() -> None:
    assert core.answers_map({"map": "APM-to-PM"}, "f", None) == "apm-to-pm"
    assert core.answers_map({}, "f", "leadership") == "leadership"
    assert core.answers_map({"map": "leadership"}, "f", "leadership") == "leadership"
    with pytest.raises(InputError, match="disagree"):
        core.answers_map({"map": "apm-to-pm"}, "f", "leadership")
    with pytest.raises(DataFileError):
        core.answers_map({"map": 3}, "f", None)


def test_gap_ids_are_checked_and_put_in_map_order() -> None:
    assert core.check_gap_ids(["Delegation", "strategy", "strategy"], SKILL_MAP) == [
        "strategy",
        "delegation",
    ]
    with pytest.raises(InputError, match="has no such gap"):
        core.check_gap_ids(["vision"], SKILL_MAP)


# --- building ------------------------------------------------------------------------------


def test_missing_targets_default_to_4_then_to_the_last_target() -> None:
    ratings = core.Ratings(levels=full_levels())
    first = core.build_assessment(SKILL_MAP, ratings, date=dt.date(2026, 1, 1), created=CREATED)
    assert set(first.targets.values()) == {4}
    base = first.model_copy(update={"targets": {**first.targets, "strategy": 5}})
    second = core.build_assessment(
        SKILL_MAP, ratings, date=dt.date(2026, 4, 1), created=CREATED, base=base
    )
    assert second.targets["strategy"] == 5 and second.targets["buy-in"] == 4


def test_gap_carries_the_others_over_with_their_notes() -> None:
    base = make("2026-01-01", strategy=3).model_copy(
        update={"notes": {"strategy": "old strategy note", "delegation": "old delegation note"}}
    )
    ratings = core.Ratings(levels={"delegation": 4}, targets={"delegation": 5})
    new = core.build_assessment(
        SKILL_MAP,
        ratings,
        date=dt.date(2026, 3, 1),
        created=CREATED,
        base=base,
        only=["delegation"],
    )
    assert new.levels == {**base.levels, "delegation": 4}
    assert new.targets == {**base.targets, "delegation": 5}
    # the carried gap keeps its note; the re-rated gap's old note does not describe the new rating
    assert new.notes == {"strategy": "old strategy note"}


def test_gap_without_an_earlier_assessment_is_a_precondition_error() -> None:
    with pytest.raises(PreconditionError, match="no earlier assessment"):
        core.check_carry_over(SKILL_MAP, None, ["strategy"], dt.date(2026, 1, 1))


def test_gap_with_an_incomplete_base_names_what_is_missing() -> None:
    base = make("2026-01-01")
    base = base.model_copy(
        update={
            "levels": {"strategy": 2},
            "targets": {"strategy": 4},
        }
    )
    with pytest.raises(PreconditionError) as info:
        core.check_carry_over(SKILL_MAP, base, ["delegation"], dt.date(2026, 2, 1))
    assert "buy-in, confidence, domain" in info.value.message
    assert "--gap buy-in" in (info.value.hint or "")


def test_base_is_the_latest_on_or_before_the_date() -> None:
    a, b, c = make("2026-01-01"), make("2026-03-01"), make("2026-06-01")
    assert core.base_for([a, b, c], "leadership", dt.date(2026, 4, 1)) is b
    assert core.base_for([a, b, c], "leadership", dt.date(2026, 3, 1)) is b
    assert core.base_for([a, b, c], "leadership", dt.date(2025, 12, 1)) is None
    assert core.base_for([a, b, c], "apm-to-pm", dt.date(2026, 7, 1)) is None


# --- results -------------------------------------------------------------------------------


def test_results_show_gap_change_and_evidence() -> None:
    old = make("2026-01-01", strategy=2, confidence=3)
    new = make("2026-04-01", 1, strategy=3, confidence=3, domain=4)
    log = [
        evidence("2026-02-01", "confidence", n=1),
        evidence("2026-03-01", "confidence", "strategy", n=2),
        evidence("2026-05-01", "domain", n=3),  # after the assessment: does not back it
    ]
    rows = {r.gap_id: r for r in core.gap_results(new, SKILL_MAP, [old, new], log)}
    assert rows["strategy"].change == 1 and rows["strategy"].evidence == 1
    assert rows["strategy"].to_go == 1
    assert rows["confidence"].change == 0 and rows["confidence"].evidence == 2
    assert rows["domain"].evidence == 0
    assert rows["domain"].to_go == 0


def test_first_assessment_has_no_change() -> None:
    only = make("2026-01-01", strategy=3)
    rows = core.gap_results(only, SKILL_MAP, [only], [])
    assert all(r.change is None for r in rows)


def test_back_dated_assessment_compares_with_the_one_before_it() -> None:
    jan, jun = make("2026-01-01", strategy=1), make("2026-06-01", strategy=4)
    mar = make("2026-03-01", 5, strategy=2)
    rows = {r.gap_id: r for r in core.gap_results(mar, SKILL_MAP, [jan, jun, mar], [])}
    assert rows["strategy"].change == 1


def test_rerated_marks_the_carried_gaps() -> None:
    a = make("2026-01-01")
    rows = core.gap_results(a, SKILL_MAP, [a], [], rerated=["delegation"])
    assert [r.gap_id for r in rows if not r.carried] == ["delegation"]


# --- trends --------------------------------------------------------------------------------


def test_trend_per_gap_runs_oldest_first() -> None:
    history = [
        make("2026-06-01", 2, strategy=4, buy_in=1),
        make("2026-01-01", strategy=2, buy_in=3),
        make("2026-03-01", 1, strategy=3, buy_in=3),
    ]
    trend = {t.gap_id: t for t in core.trends(history, GAPS)}
    assert [lvl for _, lvl in trend["strategy"].points] == [2, 3, 4]
    assert trend["strategy"].change == 2 and trend["strategy"].direction == "up"
    assert trend["buy-in"].direction == "down"
    assert trend["confidence"].direction == "flat"
    assert [t.gap_id for t in core.trends(history, GAPS)] == GAPS


def test_trend_of_a_single_assessment_is_new() -> None:
    [t, *_] = core.trends([make("2026-01-01")], GAPS)
    assert t.direction == "new" and t.target == 4


def test_maps_in_puts_the_active_map_first() -> None:
    apm = make("2025-01-01").model_copy(update={"map": "apm-to-pm"})
    lead = make("2026-01-01")
    assert core.maps_in([lead, apm]) == ["apm-to-pm", "leadership"]
    assert core.maps_in([lead, apm], first="leadership") == ["leadership", "apm-to-pm"]
