"""`pm-coach export`: roles, --top, --lint, filters, every format, and writing files with -o."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from pathlib import Path

import pytest

from pm_coach.app.export import lint_reports
from pm_coach.core import export as core
from pm_coach.core import ranking
from pm_coach.core.bullets import write_bullet
from pm_coach.models import Evidence, Profile, Role
from pm_coach.store.evidence import EvidenceStore
from tests.helpers import save_profile

SCHEMA = Path(__file__).parent / "data" / "json-resume-schema.json"
CREATED = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 1, 5)

ACME = Role(company="Acme Pay", title="Senior Product Manager", start="2024-03")
BETA = Role(company="Beta Health", title="Product Manager", start="2021-06", end="2024-02")


def ev(entry_id: str, day: str, text: str, **kw: object) -> Evidence:
    return Evidence(id=entry_id, date=dt.date.fromisoformat(day), text=text, created=CREATED, **kw)


def add(home: Path, *entries: Evidence) -> None:
    store = EvidenceStore(home)
    for e in entries:
        store.append(lambda _new, e=e: e)


# A year and a half of evidence across two roles, plus volunteering, a talk and an article.
ENTRIES = [
    ev(
        "bet001",
        "2025-09-12",
        "Ran the Q3 bet review with finance",
        result="Dropped two bets",
        metrics=["3 eng-months saved"],
        gaps=["strategy"],
        tags=["q3"],
        goal="Focus engineering on retention",
    ),
    ev(
        "onb002",
        "2025-03-02",
        "Responsible for the onboarding funnel",
        metrics=["+12% activation"],
        gaps=["delegation"],
    ),
    ev("app003", "2024-05-20", "Helped with the launch of the mobile app", gaps=["buy-in"]),
    ev(
        "prc004",
        "2023-11-03",
        "Pricing review with sales",
        result="Board approved the plan",
        gaps=["strategy"],
        tags=["pricing"],
    ),
    ev(
        "vol005",
        "2025-06-01",
        "Mentoring two junior PMs",
        result="One promoted to PM",
        kind="volunteer",
        org="Mind the Product",
        gaps=["delegation"],
    ),
    ev(
        "tlk006",
        "2025-10-10",
        "Spoke on pricing experiments at ProductTank Leeds",
        metrics=["120 attendees"],
        kind="talk",
        org="ProductTank",
        gaps=["domain"],
    ),
    ev(
        "pub007",
        "2025-02-14",
        "Wrote an article on discovery habits",
        kind="publication",
        org="Mind the Product",
        gaps=["domain"],
    ),
    ev("old008", "2019-02-01", "Ran 3 pre-mortems before launches", gaps=["confidence"]),
]


@pytest.fixture
def year(home: Path) -> Path:
    save_profile(
        home,
        Profile(
            name="Sam Lee",
            current_role="Senior Product Manager",
            email="sam@example.com",
            location="Leeds, UK",
            summary="Product manager moving into product leadership.",
            roles=[ACME, BETA],
        ),
    )
    add(home, *ENTRIES)
    return home


def bullet_of(entry_id: str) -> str:
    e = next(x for x in ENTRIES if x.id == entry_id)
    return write_bullet(
        e.text, result=e.result, metrics=e.metrics, goal=e.goal, kind=e.kind, org=e.org
    ).text


# --- roles ------------------------------------------------------------------------------------


def test_entry_belongs_to_the_role_whose_months_contain_it() -> None:
    roles = [ACME, BETA]
    assert core.role_for(dt.date(2024, 2, 29), roles) == BETA  # the end month is included
    assert core.role_for(dt.date(2024, 3, 1), roles) == ACME  # the start month is included
    assert core.role_for(dt.date(2021, 5, 31), roles) is None  # before every role


def test_overlapping_roles_pick_the_one_that_started_latest() -> None:
    side = Role(company="Side Co", title="Advisor", start="2024-09", end="2024-12")
    assert core.role_for(dt.date(2024, 10, 15), [ACME, side]) == side
    assert core.role_for(dt.date(2025, 1, 15), [ACME, side]) == ACME


def test_role_is_matched_by_number_company_title_or_part_of_one() -> None:
    roles = [BETA, ACME]
    assert core.match_roles(roles, "1") == [ACME]  # numbers follow 'profile role list'
    assert core.match_roles(roles, "beta health") == [BETA]
    assert core.match_roles(roles, "Product Manager") == [BETA]  # exact title beats a part
    assert core.match_roles(roles, "acme") == [ACME]
    with pytest.raises(core.NotFoundError) as info:
        core.match_roles(roles, "Gamma")
    assert "Acme Pay" in (info.value.hint or "")


# --- --top ------------------------------------------------------------------------------------


def test_top_prefers_metric_result_and_recency() -> None:
    strong = ev("aaa111", "2025-12-01", "Cut churn", result="Kept 40 accounts", metrics=["-2%"])
    no_metric = ev("bbb222", "2025-12-01", "Ran a review", result="Dropped a bet")
    old = ev("ccc333", "2022-01-01", "Cut costs", result="Saved money", metrics=["-10% spend"])
    assert core.top([no_metric, old, strong], 1, TODAY) == [strong]
    assert ranking.strength(strong, TODAY) > ranking.strength(old, TODAY)
    assert ranking.strength(old, TODAY) > ranking.strength(no_metric, TODAY)


def test_top_spreads_across_gaps() -> None:
    s1 = ev("str111", "2025-12-01", "A", result="r", metrics=["1"], gaps=["strategy"])
    s2 = ev("str222", "2025-11-30", "B", result="r", metrics=["2"], gaps=["strategy"])
    d1 = ev("del333", "2025-11-01", "C", result="r", metrics=["3"], gaps=["delegation"])
    picked = core.top([s1, s2, d1], 2, TODAY)
    assert {e.id for e in picked} == {"str111", "del333"}
    assert picked == core.top([d1, s2, s1], 2, TODAY)  # the input order does not matter


def test_top_never_puts_a_flagged_draft_over_a_clean_one_and_approved_lines_lead() -> None:
    clean = ev("cln111", "2023-01-01", "Cut churn", result="Kept 40 accounts", metrics=["-2%"])
    flagged = ev(  # newer, same gap as nothing else, but "working on" is unfinished work
        "flg222",
        "2025-12-01",
        "Working on the churn model",
        result="Found 3 churn drivers",
        metrics=["$2M ARR at risk"],
        gaps=["strategy"],
    )
    mine = ev("own333", "2021-01-01", "Ran a review", bullet="Ran the annual pricing review")
    assert [e.id for e in core.top([flagged, clean, mine], 3, TODAY)] == [
        "own333",
        "cln111",
        "flg222",
    ]


# --- --lint -----------------------------------------------------------------------------------


def test_lint_names_each_weakness_once_and_leaves_strong_entries_out() -> None:
    items = core.build_items(ENTRIES, [ACME, BETA])
    reports = {r.entry.id: [f.code for f in r.findings] for r in core.lint(items)}
    assert "bet001" not in reports
    assert reports["onb002"] == ["no-result", "vague-verb"]
    assert reports["app003"] == ["no-result", "no-metric", "vague-verb"]
    assert reports["prc004"] == ["no-metric"]  # starts with a noun: the writer adds "Ran a"


def test_lint_flags_a_bullet_that_had_to_be_cut() -> None:
    long = ev(
        "lng999", "2025-01-01", "Ran " + "a very long clause " * 15, result="x", metrics=["1"]
    )
    [report] = core.lint(core.build_items([long], []))
    assert [f.code for f in report.findings] == ["too-long"]


# --- the command: formats -----------------------------------------------------------------------


def test_text_is_one_bullet_per_line_newest_first(run, year: Path) -> None:
    r = run("export")
    assert r.exit_code == 0, r.output
    newest_first = sorted(ENTRIES, key=lambda e: e.date, reverse=True)
    assert r.stdout.splitlines() == [bullet_of(e.id) for e in newest_first]


def test_markdown_groups_by_role_newest_first_then_by_kind(run, year: Path) -> None:
    r = run("export", "--format", "markdown")
    assert r.exit_code == 0, r.output
    headings = [line for line in r.stdout.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Acme Pay — Senior Product Manager",
        "## Beta Health — Product Manager",
        "## Volunteering",
        "## Talks",
        "## Publications",
        "## Other work",
    ]
    acme = r.stdout.split("## Beta Health")[0]
    assert "*Mar 2024 – present*" in acme
    assert acme.index(bullet_of("bet001")) < acme.index(bullet_of("onb002"))
    assert bullet_of("prc004") in r.stdout.split("## Beta Health")[1].split("## Volunteering")[0]
    assert "*Jun 2021 – Feb 2024*" in r.stdout
    # the organisation is in the bullet already, so the note after it gives only the month
    assert f"- {bullet_of('vol005')} (Jun 2025)" in r.stdout
    assert "Mind the Product" in bullet_of("vol005")
    assert r.stdout.rstrip().endswith(f"- {bullet_of('old008')} (Feb 2019)")


def test_json_gives_each_bullet_with_the_id_it_came_from(run, year: Path) -> None:
    r = run("export", "--format", "json")
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    assert {row["id"]: row["bullet"] for row in rows} == {e.id: bullet_of(e.id) for e in ENTRIES}
    by_id = {row["id"]: row for row in rows}
    assert by_id["bet001"]["role"]["company"] == "Acme Pay"
    assert by_id["tlk006"]["role"] is None


def test_json_resume_is_valid_and_puts_each_kind_in_its_place(run, year: Path) -> None:
    import jsonschema

    r = run("export", "--format", "json-resume")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    schema = json.loads(SCHEMA.read_text("utf-8"))
    validator = jsonschema.Draft7Validator(
        schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )
    assert list(validator.iter_errors(doc)) == []
    assert doc["basics"] == {
        "name": "Sam Lee",
        "label": "Senior Product Manager",
        "email": "sam@example.com",
        "summary": "Product manager moving into product leadership.",
        "location": {"city": "Leeds", "countryCode": "GB"},
    }
    assert doc["work"] == [
        {
            "name": "Acme Pay",
            "position": "Senior Product Manager",
            "startDate": "2024-03",
            "highlights": [bullet_of("bet001"), bullet_of("onb002"), bullet_of("app003")],
        },
        {
            "name": "Beta Health",
            "position": "Product Manager",
            "startDate": "2021-06",
            "endDate": "2024-02",
            "highlights": [bullet_of("prc004")],
        },
    ]
    [vol] = doc["volunteer"]
    assert vol["organization"] == "Mind the Product"
    assert vol["position"] == "Volunteer"  # themes print "position | organization"
    assert vol["highlights"] == [bullet_of("vol005")]
    [talk] = doc["projects"]
    assert talk["type"] == "talk" and talk["entity"] == "ProductTank"
    # one day, not "Oct 2025 – Present"
    assert talk["startDate"] == "2025-10-10" and talk["endDate"] == "2025-10-10"
    [pub] = doc["publications"]
    assert pub == {
        "name": "Wrote an article on discovery habits",
        "publisher": "Mind the Product",
        "releaseDate": "2025-02-14",
    }  # no summary repeating the title
    assert "outside every role" in r.stderr  # old008 has no role, and the user is told


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Leeds, UK", {"city": "Leeds", "countryCode": "GB"}),
        ("Leeds", {"city": "Leeds"}),
        (
            "Leeds, West Yorkshire, United Kingdom",
            {"city": "Leeds", "region": "West Yorkshire", "countryCode": "GB"},
        ),
        ("Austin, TX", {"city": "Austin", "region": "TX", "countryCode": "US"}),
        ("Berlin, Germany", {"city": "Berlin", "countryCode": "DE"}),
        ("Leeds, West Yorkshire", {"city": "Leeds", "region": "West Yorkshire"}),
        ("Lagos,  nigeria ", {"city": "Lagos", "countryCode": "NG"}),
    ],
)
def test_location_is_split_where_the_text_allows(text: str, expected: dict[str, str]) -> None:
    from pm_coach.core.location import split_location

    assert split_location(text) == expected


def test_a_schema_violation_would_be_caught() -> None:
    """Guard for the test above: the validator really rejects a malformed resume."""
    import jsonschema

    schema = json.loads(SCHEMA.read_text("utf-8"))
    bad = {"work": [{"name": "Acme", "startDate": "March 2024"}]}
    assert list(jsonschema.Draft7Validator(schema).iter_errors(bad))


def test_json_resume_of_an_empty_profile_is_still_valid(run) -> None:
    import jsonschema

    r = run("export", "-f", "json-resume")
    assert r.exit_code == 0, r.output
    schema = json.loads(SCHEMA.read_text("utf-8"))
    jsonschema.validate(json.loads(r.stdout), schema)


def test_unknown_format_lists_the_valid_ones(run, year: Path) -> None:
    r = run("export", "--format", "pdf")
    assert r.exit_code == 2
    assert "unknown format 'pdf'" in r.stderr
    assert "text, markdown, json, json-resume" in r.stderr
    assert r.stdout == ""


def test_lint_lists_weak_entries_with_suggestions_and_exits_zero(run, year: Path) -> None:
    r = run("export", "--lint")
    assert r.exit_code == 0, r.output
    assert "bet001" not in r.stdout
    lines = r.stdout.splitlines()
    start = lines.index(next(x for x in lines if x.startswith("app003 · ")))
    block = "\n".join(lines[start + 1 : start + 4])
    assert all(x.startswith("  ") for x in lines[start + 1 : start + 4])
    assert "no result:" in block and "no metric:" in block and '"Helped"' in block
    assert "pm-coach evidence edit app003" in block
    assert "7 of 8 entries would make weak bullets." in r.stdout


def test_lint_as_json(run, year: Path) -> None:
    r = run("export", "--lint", "--format", "json")
    assert r.exit_code == 0, r.output
    codes = {row["id"]: [f["code"] for f in row["findings"]] for row in json.loads(r.stdout)}
    assert codes["app003"] == ["no-result", "no-metric", "vague-verb"]


# --- the command: filters ---------------------------------------------------------------------


def exported_ids(run, *args: str) -> set[str]:
    r = run("export", "--format", "json", *args)
    assert r.exit_code == 0, r.output
    return {row["id"] for row in json.loads(r.stdout)}


def test_filters_by_gap_tag_and_dates(run, year: Path) -> None:
    assert exported_ids(run, "--gap", "strategy") == {"bet001", "prc004"}
    assert exported_ids(run, "--gap", "domain", "--gap", "confidence") == {
        "tlk006",
        "pub007",
        "old008",
    }
    assert exported_ids(run, "--tag", "pricing") == {"prc004"}
    assert exported_ids(run, "--since", "2025-06-01", "--until", "2025-09-30") == {
        "bet001",
        "vol005",
    }


def test_filter_by_role_keeps_only_work_in_it(run, year: Path) -> None:
    assert exported_ids(run, "--role", "Acme Pay") == {"bet001", "onb002", "app003"}
    assert exported_ids(run, "--role", "2") == {"prc004"}
    r = run("export", "--role", "Gamma")
    assert r.exit_code == 4
    assert "no role matches 'Gamma'" in r.stderr


def test_json_resume_with_role_has_only_that_role(run, year: Path) -> None:
    r = run("export", "-f", "json-resume", "--role", "beta")
    doc = json.loads(r.stdout)
    assert [w["name"] for w in doc["work"]] == ["Beta Health"]
    assert doc["volunteer"] == [] and doc["projects"] == []


def test_top_n_through_the_command(run, year: Path) -> None:
    r = run("export", "--top", "3")
    assert r.exit_code == 0, r.output
    assert len(r.stdout.splitlines()) == 3
    assert bullet_of("bet001") in r.stdout  # metric, result and goal: the strongest
    assert run("export", "--top", "0").exit_code == 2


def test_bad_filters_are_refused(run, year: Path) -> None:
    assert run("export", "--gap", "nope").exit_code == 2
    r = run("export", "--since", "2025-01-01", "--until", "2024-01-01")
    assert r.exit_code == 2 and "Swap them" in r.stderr


def test_nothing_to_export_says_so_on_stderr(run, home: Path) -> None:
    r = run("export")
    assert r.exit_code == 0
    assert r.stdout == ""
    assert "No evidence yet" in r.stderr


# --- the command: -o FILE ---------------------------------------------------------------------


def test_output_file_is_written_privately(run, year: Path, tmp_path: Path) -> None:
    target = tmp_path / "cv.md"
    r = run("export", "-f", "markdown", "-o", str(target))
    assert r.exit_code == 0, r.output
    assert r.stdout == ""
    assert target.read_text("utf-8") == run("export", "-f", "markdown").stdout
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".cv.md")] == []


def test_output_refuses_to_overwrite_without_force(run, year: Path, tmp_path: Path) -> None:
    target = tmp_path / "cv.txt"
    target.write_text("my hand-edited CV\n")
    r = run("export", "-o", str(target))
    assert r.exit_code == 2
    assert "--force" in r.stderr
    assert target.read_text() == "my hand-edited CV\n"

    r = run("export", "-o", str(target), "--force")
    assert r.exit_code == 0, r.output
    assert target.read_text("utf-8").splitlines()[0] == bullet_of("tlk006")


def test_output_into_a_missing_folder_is_refused(run, year: Path, tmp_path: Path) -> None:
    r = run("export", "-o", str(tmp_path / "nowhere" / "cv.md"))
    assert r.exit_code == 4
    assert not (tmp_path / "nowhere").exists()


def test_lint_says_when_a_goal_could_not_join_the_line() -> None:
    entry = ev(
        "gol111",
        "2025-01-01",
        "Co-authored a guide to accessible checkout",
        result="Used by two retailers as their checklist",
        metrics=["2 retailers"],
        goal="Every shopper can check out",
    )
    [report] = lint_reports(core.build_items([entry], []))
    [finding] = report.findings
    assert finding.code == "left-out"
    assert finding.message.startswith(
        'left out the goal "Every shopper can check out": it does not join this line as a phrase'
    )
    assert "pm-coach evidence edit gol111" in finding.message
