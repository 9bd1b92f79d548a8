"""Importing evidence from jrnl JSON exports and CSV files: all or nothing, no duplicates."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from pm_coach.core import importers
from pm_coach.errors import DataFileError, StorageError
from pm_coach.models import SkillMap
from pm_coach.models.common import TEXT_MAX
from pm_coach.store import files
from pm_coach.store.evidence import EvidenceStore
from pm_coach.store.maps import MapCatalog

DATA = Path(__file__).parent / "data" / "import"
TODAY = dt.date(2026, 6, 1)
CREATED = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def leadership() -> SkillMap:
    return MapCatalog(Path("/nonexistent-user-folder")).load("leadership")


def jrnl(entries: list[dict[str, Any]], skill_map: SkillMap, **kw: Any) -> list[Any]:
    text = json.dumps({"tags": {}, "entries": entries})
    return importers.parse_jrnl(
        text, source="j.json", skill_map=skill_map, today=TODAY, created=CREATED, **kw
    )


def csv(text: str, skill_map: SkillMap, **kw: Any) -> list[Any]:
    return importers.parse_csv(
        text, source="e.csv", skill_map=skill_map, today=TODAY, created=CREATED, **kw
    )


def entry(**kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "date": "2026-03-01",
        "time": "09:00",
        "title": "Wrote the memo.",
        "body": "",
        "tags": [],
        "starred": False,
    }
    base.update(kw)
    return base


# --- helpers ------------------------------------------------------------------------------------


def test_clip_cuts_at_a_word_boundary_and_marks_the_cut() -> None:
    assert importers.clip("short", 10) == "short"
    assert importers.clip("exactly10!", 10) == "exactly10!"
    assert importers.clip("alpha beta gamma delta", 12) == "alpha beta…"
    assert importers.clip("a" * 30, 10) == "a" * 9 + "…"  # no space in reach: cut mid-word
    long = ("word " * 400).strip()
    clipped = importers.clip(long)
    assert len(clipped) <= TEXT_MAX and clipped.endswith("word…")


def test_one_line_collapses_all_whitespace() -> None:
    assert importers.one_line("  a\n\n b\tc  \r\n") == "a b c"


# --- jrnl ---------------------------------------------------------------------------------------


def test_jrnl_title_body_date_and_tags(leadership: SkillMap) -> None:
    [c] = jrnl(
        [
            entry(
                date="2026-01-12",
                title="Handed the billing migration to Priya.",
                body="Weekly check-ins\nfor a month.\n\nShe owns it now.",
                tags=["@delegation", "@offsite", "@Q1"],
                starred=True,
            )
        ],
        leadership,
    )
    e = c.entry
    assert e.date == dt.date(2026, 1, 12)
    assert e.text == "Handed the billing migration to Priya."
    assert e.result == "Weekly check-ins for a month. She owns it now."
    assert e.gaps == ["delegation"] and c.suggested is None
    assert e.tags == ["offsite", "Q1", "starred"]
    assert c.where == "entry 1"


def test_jrnl_tag_naming_a_keyword_or_word_form_becomes_its_gap(leadership: SkillMap) -> None:
    cands = jrnl(
        [
            entry(title="a", tags=["@mentoring"]),
            entry(title="b", tags=["@competitors", "@buy_in"]),
            entry(title="c", tags=["@Strategy"]),
        ],
        leadership,
    )
    assert [c.entry.gaps for c in cands] == [["delegation"], ["domain", "buy-in"], ["strategy"]]
    assert all(c.entry.tags == [] for c in cands)


def test_jrnl_untagged_entries_get_a_suggestion_unless_switched_off(leadership: SkillMap) -> None:
    items = [entry(title="Spoke at the fintech meetup about open banking.")]
    [c] = jrnl(items, leadership)
    assert c.entry.gaps == ["domain"] and c.suggested == "domain"
    [c] = jrnl(items, leadership, suggest=False)
    assert c.entry.gaps == [] and c.suggested is None
    [c] = jrnl([entry(title="Long walk by the river.")], leadership)
    assert c.entry.gaps == [] and c.suggested is None


def test_jrnl_long_text_is_clipped_to_the_limit(leadership: SkillMap) -> None:
    body = "Notes from the quarterly review. " * 100
    [c] = jrnl([entry(title="T " * 600, body=body)], leadership)
    assert len(c.entry.result) <= TEXT_MAX and c.entry.result.endswith("…")
    assert len(c.entry.text) <= TEXT_MAX and c.entry.text.endswith("…")


def test_jrnl_entry_without_title_uses_the_body(leadership: SkillMap) -> None:
    [c] = jrnl([entry(title="", body="Ran the pre-mortem.\nFound two risks.")], leadership)
    assert c.entry.text == "Ran the pre-mortem. Found two risks." and c.entry.result == ""


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (entry(date="2026-02-30"), "entry 2: date '2026-02-30' is not a real calendar day"),
        (entry(date="03/01/2026"), "entry 2: date '03/01/2026' is not written as YYYY-MM-DD"),
        (
            entry(date="2026-06-02"),
            "entry 2: date 2026-06-02 is in the future (today is 2026-06-01)",
        ),
        (entry(title="", body=" \n "), "entry 2: has neither a title nor a body"),
        (entry(tags="@x"), 'entry 2: "tags" must be a list of text'),
        ("not an object", "entry 2: is not a JSON object"),
    ],
)
def test_jrnl_bad_entry_names_its_number(leadership: SkillMap, bad: Any, message: str) -> None:
    with pytest.raises(DataFileError) as info:
        jrnl([entry(), bad, entry()], leadership)
    assert info.value.message.startswith("j.json, ")
    assert message in info.value.message


def test_jrnl_not_an_export(leadership: SkillMap) -> None:
    with pytest.raises(DataFileError, match=r"line 1, column 2: not valid JSON"):
        importers.parse_jrnl(
            "{oops", source="j", skill_map=leadership, today=TODAY, created=CREATED
        )
    with pytest.raises(DataFileError, match='no "entries" list'):
        importers.parse_jrnl("[]", source="j", skill_map=leadership, today=TODAY, created=CREATED)


def test_jrnl_tag_words_are_taken_out_of_text_and_result(leadership: SkillMap) -> None:
    # jrnl 4.6 keeps the tags where they were typed and lists them (lowercased) under "tags"
    [c] = jrnl(
        [
            entry(
                title="Handed the launch to Sam @Handover.",
                body="Two weeks of pairing, resulting in @handover @delegation @team",
                tags=["@handover", "@delegation", "@team"],
            )
        ],
        leadership,
    )
    e = c.entry
    assert e.text == "Handed the launch to Sam."
    assert e.result == "Two weeks of pairing, resulting in"
    assert e.gaps == ["delegation"]
    assert e.tags == ["team"]  # @handover and @delegation both name the delegation gap


def test_jrnl_keeps_addresses_and_words_that_only_look_like_tags(leadership: SkillMap) -> None:
    [c] = jrnl(
        [
            entry(
                title="Mailed ann@team.org about @teamwork and the team",
                tags=["@team"],
            )
        ],
        leadership,
    )
    assert c.entry.text == "Mailed ann@team.org about @teamwork and the team"


def test_jrnl_entry_made_only_of_tags_in_the_title_uses_the_body(leadership: SkillMap) -> None:
    [c] = jrnl([entry(title="@q1", body="Ran the offsite.", tags=["@q1"])], leadership)
    assert c.entry.text == "Ran the offsite." and c.entry.result == ""


@pytest.mark.parametrize("text", ["", "\n", "  \n"])
def test_jrnl_empty_export_says_it_is_empty(leadership: SkillMap, text: str) -> None:
    with pytest.raises(DataFileError) as info:
        importers.parse_jrnl(text, source="j", skill_map=leadership, today=TODAY, created=CREATED)
    assert "the file is empty" in info.value.message
    assert "not valid JSON" not in info.value.message


# --- CSV ----------------------------------------------------------------------------------------


def test_csv_columns_and_multiple_values(leadership: SkillMap) -> None:
    text = (
        "Date, Text ,gap,result,metric,tag,goal\n"
        "2026-02-10,Ran the bet review,strategy;Organisation-level buy-in,Dropped two bets,"
        "saves 3 eng-months; frees 2 engineers,q1;review,Grow retention\n"
    )
    [c] = csv(text, leadership)
    e = c.entry
    assert e.date == dt.date(2026, 2, 10) and e.text == "Ran the bet review"
    assert e.gaps == ["strategy", "buy-in"]
    assert e.metrics == ["saves 3 eng-months", "frees 2 engineers"]
    assert e.tags == ["q1", "review"] and e.goal == "Grow retention"
    assert e.result == "Dropped two bets"


def test_csv_scope_column_sets_the_scope_and_may_be_blank(leadership: SkillMap) -> None:
    text = "date,text,scope\n2026-01-01,Ran the review, Company \n2026-01-02,Wrote a memo,\n"
    first, second = csv(text, leadership)
    assert first.entry.scope == "company"
    assert second.entry.scope is None


def test_csv_kind_org_and_action_columns(leadership: SkillMap) -> None:
    text = (
        "date,text,kind,org,action\n"
        "2026-01-05,Spoke on pricing,Talk,ProductTank Leeds,\n"
        "2026-01-06,Ran a mentoring circle,volunteer,Women in Product,\n"
        "2026-01-07,Wrote the memo,,,\n"
    )
    talk, volunteer, work = csv(text, leadership)
    assert (talk.entry.kind, talk.entry.org) == ("talk", "ProductTank Leeds")
    assert (volunteer.entry.kind, volunteer.entry.org) == ("volunteer", "Women in Product")
    assert (work.entry.kind, work.entry.org, work.entry.action) == ("work", "", "")


def test_csv_action_column_names_a_plan_action(leadership: SkillMap) -> None:
    [c] = csv("date,text,action\n2026-01-05,Did it,domain-90-day-plan\n", leadership)
    assert c.entry.action == "domain-90-day-plan"
    with pytest.raises(DataFileError, match=r"row 2: unknown action 'nope'"):
        csv("date,text,action\n2026-01-05,Did it,nope\n", leadership)
    with pytest.raises(DataFileError, match=r"row 2: unknown kind 'poem'"):
        csv("date,text,kind\n2026-01-05,Did it,poem\n", leadership)


def test_csv_needs_only_date_and_text_and_accepts_plural_names(leadership: SkillMap) -> None:
    [c] = csv("text,date,tags\nCoffee with a friend,2026-01-01,personal\n", leadership)
    assert c.entry.text == "Coffee with a friend" and c.entry.tags == ["personal"]


def test_csv_handles_bom_blank_rows_and_quoted_line_breaks(leadership: SkillMap) -> None:
    text = (
        "\ufeffdate,text,gap\r\n"
        "\r\n"
        '2026-01-02,"Got sales, legal and support\nto sign off the refund policy",buy-in\r\n'
        ",,\r\n"
        "2026-01-03,Wrote the memo,strategy\r\n"
    )
    cands = csv(text, leadership)
    assert [c.entry.text for c in cands] == [
        "Got sales, legal and support to sign off the refund policy",
        "Wrote the memo",
    ]
    assert [c.where for c in cands] == ["row 3", "row 5"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "row 1: the header row is missing"),
        ("date,notes,text\n", "row 1: unknown column 'notes'"),
        ("date,gap\n2026-01-01,strategy\n", "row 1: the required column(s) text are missing"),
        ("date,text,text\n", "row 1: the column 'text' appears twice"),
        ("date,text\n2026-01-01,ok\n2026-01-02,a,b\n", "row 3: has 3 cells but the header names 2"),
        ("date,text\n2026-01-01,ok\n2026-13-01,bad\n", "row 3: date '2026-13-01' is not a real"),
        ("date,text\n2026-01-01,ok\n2027-01-01,later\n", "row 3: date 2027-01-01 is in the future"),
        ("date,text\n2026-01-01,ok\nyesterday,x\n", "row 3: date 'yesterday' is not written as"),
        ("date,text\n2026-01-01,ok\n2026-01-02,\n", "row 3: the text cell is empty"),
        ("date,text,gap\n2026-01-01,ok,teleport\n", "row 2: unknown gap 'teleport'"),
        ("date,text,scope\n2026-01-01,ok,galaxy\n", "row 2: unknown scope 'galaxy'"),
        (f"date,text\n2026-01-01,{'x' * 1001}\n", "row 2: text: is too long (at most 1000"),
        (f"date,text,result\n2026-01-01,a,{'x' * 1001}\n", "row 2: result: is too long"),
        ('date,text\n2026-01-01,"unclosed\n', "not valid CSV"),
    ],
)
def test_csv_bad_row_names_its_row(leadership: SkillMap, text: str, message: str) -> None:
    with pytest.raises(DataFileError) as info:
        csv(text, leadership)
    assert info.value.message.startswith("e.csv, ")
    assert message in info.value.message
    assert info.value.hint and "othing was imported" in info.value.hint


# --- duplicates ---------------------------------------------------------------------------------


def test_duplicates_are_same_date_and_text_ignoring_case_and_spacing(leadership: SkillMap) -> None:
    text = (
        "date,text\n"
        "2026-01-01,Wrote the memo\n"
        "2026-01-01,wrote  the MEMO\n"  # same as the row above
        "2026-01-02,Wrote the memo\n"  # another day: new
        "2026-01-03,Already logged\n"
    )
    cands = csv(text, leadership)
    existing = [cands[3].entry.model_copy(update={"id": "abc234", "text": "already LOGGED"})]
    plan = importers.split_duplicates(cands, existing)
    assert [c.where for c in plan.new] == ["row 2", "row 4"]
    assert [c.where for c in plan.duplicates] == ["row 3", "row 5"]


# --- commands -----------------------------------------------------------------------------------


def test_import_jrnl_sorts_entries_into_gaps(run, home: Path) -> None:
    r = run("import", "jrnl", str(DATA / "journal.json"))
    assert r.exit_code == 0, r.output
    assert "Imported 5 entries" in r.stdout
    assert "delegation 2" in r.stdout and "no gap 1" in r.stdout
    assert "1 gap suggested" in r.stdout
    entries = EvidenceStore(home).load()
    assert [e.date.isoformat() for e in entries] == [
        "2026-01-12", "2026-02-03", "2026-03-18", "2026-04-22", "2026-05-02",
    ]  # fmt: skip
    assert [e.gaps for e in entries] == [
        ["delegation"], ["strategy"], ["delegation"], ["domain"], [],
    ]  # fmt: skip
    assert entries[1].tags == ["offsite", "starred"]
    assert len({e.id for e in entries}) == 5


def test_importing_the_same_file_twice_adds_nothing(run, home: Path) -> None:
    assert run("import", "csv", str(DATA / "evidence.csv")).exit_code == 0
    store = EvidenceStore(home)
    before = store.path.read_bytes()
    r = run("import", "csv", str(DATA / "evidence.csv"))
    assert r.exit_code == 0
    assert "Imported 0 entries" in r.stdout and "skipped 4 duplicates" in r.stdout
    assert store.path.read_bytes() == before


def test_dry_run_shows_everything_and_writes_nothing(run, home: Path) -> None:
    r = run("import", "csv", str(DATA / "evidence.csv"), "--dry-run")
    assert r.exit_code == 0, r.output
    assert sum(line.startswith("would import ") for line in r.stdout.splitlines()) == 4
    assert "Rehearsed the budget pitch" in r.stdout and "[confidence suggested]" in r.stdout
    assert "Nothing was written." in r.stdout
    assert not (home / "evidence.toml").exists()
    # after a real import, a dry run reports the duplicates
    run("import", "csv", str(DATA / "evidence.csv"))
    r = run("import", "csv", str(DATA / "evidence.csv"), "-n")
    assert r.stdout.count("duplicate") >= 4 and "would import 0 entries" in r.stdout


def test_no_suggest_imports_untagged(run, home: Path) -> None:
    r = run("import", "jrnl", str(DATA / "journal.json"), "--no-suggest")
    assert r.exit_code == 0
    gaps = [e.gaps for e in EvidenceStore(home).load()]
    assert gaps.count([]) == 2 and "suggested" not in r.stdout.split("\n")[0]


def test_a_bad_row_stops_the_import_and_nothing_is_written(run, home: Path, tmp_path: Path) -> None:
    assert run("log", "Already here", "--gap", "strategy").exit_code == 0
    store = EvidenceStore(home)
    before = store.path.read_bytes()
    bad = tmp_path / "bad.csv"
    bad.write_text("date,text,gap\n2026-01-01,Good row,strategy\n2026-01-02,Bad gap,teleport\n")
    r = run("import", "csv", str(bad))
    assert r.exit_code == 3
    assert f"{bad}, row 3: unknown gap 'teleport'" in r.stderr
    assert "Nothing was imported" in r.stderr
    assert store.path.read_bytes() == before


def test_a_future_jrnl_entry_stops_the_import(run, home: Path, tmp_path: Path) -> None:
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    path = tmp_path / "j.json"
    path.write_text(json.dumps({"entries": [entry(), entry(date=tomorrow, title="Later")]}))
    r = run("import", "jrnl", str(path))
    assert r.exit_code == 3 and "entry 2: date" in r.stderr and "in the future" in r.stderr
    assert not (home / "evidence.toml").exists()


def test_a_broken_log_is_not_written_to(run, home: Path) -> None:
    home.mkdir(parents=True)
    log = home / "evidence.toml"
    log.write_text("schema_version = 1\n\n[[evidence]]\nid = 'x'\n")
    r = run("import", "csv", str(DATA / "evidence.csv"))
    assert r.exit_code == 3 and "evidence.toml" in r.stderr
    assert log.read_text() == "schema_version = 1\n\n[[evidence]]\nid = 'x'\n"


def test_a_failed_write_leaves_the_log_as_it_was(
    run, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("log", "Already here")
    before = (home / "evidence.toml").read_bytes()

    def fail(path: Path, text: str) -> None:
        raise StorageError(f"cannot write {path}: the disk is full.")

    monkeypatch.setattr(files, "atomic_write", fail)
    r = run("import", "jrnl", str(DATA / "journal.json"))
    assert r.exit_code == 5 and "disk is full" in r.stderr
    assert (home / "evidence.toml").read_bytes() == before


def test_file_problems(run, home: Path, tmp_path: Path) -> None:
    r = run("import", "csv", str(tmp_path / "missing.csv"))
    assert r.exit_code == 4 and "no such file" in r.stderr
    r = run("import", "jrnl", str(DATA / "evidence.csv"))
    assert r.exit_code == 3 and "not valid JSON" in r.stderr and "jrnl --format json" in r.stderr
    latin = tmp_path / "latin.csv"
    latin.write_bytes("date,text\n2026-01-01,Caf\xe9 chat\n".encode("latin-1"))
    r = run("import", "csv", str(latin))
    assert r.exit_code == 3 and "line 2" in r.stderr and "UTF-8" in r.stderr
    r = run("import", "csv", str(tmp_path))
    assert r.exit_code == 5 and "is a folder" in r.stderr
    empty = tmp_path / "empty.json"
    empty.write_bytes(b"")
    r = run("import", "jrnl", str(empty))
    assert r.exit_code == 3 and "the file is empty" in r.stderr, r.output
    assert "not valid JSON" not in r.stderr


def test_imported_file_is_private_and_readable_by_evidence_list(run, home: Path) -> None:
    shutil.copy(DATA / "journal.json", home.parent / "journal.json")
    assert run("import", "jrnl", str(home.parent / "journal.json")).exit_code == 0
    assert (home / "evidence.toml").stat().st_mode & 0o777 == 0o600
    r = run("evidence", "list", "--json", "--gap", "delegation")
    assert [e["text"] for e in json.loads(r.stdout)] == [
        "Handed the billing migration to Priya with written success criteria.",
        "First session mentoring Jo, an APM on the growth team.",
    ]


def test_the_csv_example_in_the_help_imports(run, home: Path, tmp_path: Path) -> None:
    from pm_coach.cli.importer import CSV_HELP

    example = CSV_HELP.split("\b\n", 1)[1].strip()  # click's no-rewrap marker
    path = tmp_path / "example.csv"
    path.write_text("\n".join(line.strip() for line in example.splitlines()) + "\n")
    r = run("import", "csv", str(path))
    assert r.exit_code == 0, r.output
    [e] = EvidenceStore(home).load()
    assert (e.text, e.gaps, e.result, e.metrics) == (
        "Ran the Q2 bet review", ["strategy"], "Dropped two bets", ["saves 3 eng-months"],
    )  # fmt: skip
