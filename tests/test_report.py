"""`pm-coach report`: figures on a fixture history, the HTML page, and how it renders."""

from __future__ import annotations

import datetime as dt
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pm_coach.core.report import build_report, month_keys
from pm_coach.models import Assessment, Evidence, Profile
from pm_coach.store.assessments import add_assessment
from pm_coach.store.evidence import EvidenceStore
from pm_coach.store.maps import MapCatalog
from tests.helpers import save_profile


def today() -> dt.date:
    """Read when a test runs, not at import: a run that crosses midnight stays right."""
    return dt.date.today()


HOSTILE = '<script>alert("x")</script> & "quotes"'


def days_ago(n: int) -> dt.date:
    return today() - dt.timedelta(days=n)


def assessment(
    date: dt.date, levels: dict[str, int], targets: dict[str, int] | None = None
) -> Assessment:
    return Assessment(
        date=date,
        map="leadership",
        levels=levels,
        targets=targets or dict.fromkeys(levels, 4),
        created=dt.datetime.combine(date, dt.time(9), tzinfo=dt.UTC),
    )


def entry(n: int, date: dt.date, gaps: list[str], text: str = "Did a thing") -> Evidence:
    return Evidence(
        id=f"e{n:04d}", date=date, text=text, gaps=gaps, result="It worked",
        metrics=["+5% conversion"], created=dt.datetime.combine(date, dt.time(10), tzinfo=dt.UTC),
    )  # fmt: skip


@pytest.fixture
def history(home: Path) -> Path:
    """Three assessments over a year and evidence spread over months."""
    add_assessment(
        home,
        assessment(
            days_ago(300),
            {"strategy": 2, "buy-in": 2, "confidence": 3, "domain": 2, "delegation": 1},
        ),
    )
    add_assessment(
        home,
        assessment(
            days_ago(150),
            {"strategy": 2, "buy-in": 3, "confidence": 3, "domain": 3, "delegation": 2},
        ),
    )
    add_assessment(
        home,
        assessment(
            days_ago(5),
            {"strategy": 3, "buy-in": 3, "confidence": 4, "domain": 3, "delegation": 2},
            {"strategy": 4, "buy-in": 4, "confidence": 4, "domain": 5, "delegation": 4},
        ),
    )
    store = EvidenceStore(home)
    dated = [
        (days_ago(200), ["strategy"]),
        (days_ago(100), ["strategy", "buy-in"]),
        (days_ago(40), ["strategy"]),
        (days_ago(10), ["delegation"]),
        (days_ago(2), ["buy-in"]),
        (days_ago(400), ["domain"]),  # outside the 12-month chart
    ]
    for i, (d, gaps) in enumerate(dated):
        store.append(
            lambda new_id, d=d, gaps=gaps, i=i: entry(
                i, d, gaps, text=HOSTILE if i == 4 else "Did a thing"
            )
        )
    save_profile(home, Profile(name=HOSTILE))
    return home


def test_json_figures_on_a_fixture_history(run, history: Path) -> None:
    r = run("report", "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    gaps = {g["gap"]: g for g in data["gaps"]}
    assert list(gaps) == ["strategy", "buy-in", "confidence", "domain", "delegation"]
    assert gaps["strategy"] == gaps["strategy"] | {
        "current": 3, "target": 4, "change": 1, "evidence": 3, "evidence_90d": 1,
        "supported": 2, "others": None, "claim": "over", "raters": [], "trend": [2, 2, 3],
    }  # fmt: skip
    assert gaps["buy-in"]["evidence"] == 2 and gaps["buy-in"]["evidence_90d"] == 1
    # rated 4 with nothing logged: a claim, not a fact
    assert (
        gaps["confidence"] | {"supported": 0, "claim": "over", "evidence": 0} == gaps["confidence"]
    )
    # the only domain entry is 400 days old: outside the year before the assessment
    assert gaps["domain"]["evidence"] == 1 and gaps["domain"]["supported"] == 0
    assert gaps["delegation"] == gaps["delegation"] | {
        "current": 2, "change": 1, "supported": 2, "claim": "match",
    }  # fmt: skip
    assert data["evidence_window"] == {
        "from": days_ago(370).isoformat(),
        "to": today().isoformat(),
    }
    assert len(data["months"]) == 12
    assert sum(m["evidence"] for m in data["months"]) == 5
    assert data["months"][-1]["month"] == today().strftime("%Y-%m")


def test_next_actions_come_from_the_plan_and_bullets_from_export(run, history: Path) -> None:
    from pm_coach.store.maps import MapCatalog

    data = json.loads(run("report", "--json").stdout)
    skill_map = MapCatalog(history).load("leadership")
    assert data["next_actions"], "a user below target on several gaps has something to do next"
    for action in data["next_actions"]:
        gap, _ = skill_map.action(action["id"])
        assert gap.id == action["gap"]
        assert today() <= dt.date.fromisoformat(action["due"]) <= today() + dt.timedelta(weeks=12)
        assert action["log"].endswith(f'log "…" --action {action["id"]}')
    plan = json.loads(run("plan", "--json").stdout)
    focus_gaps = [f["gap"] for f in plan["focus"]]
    assert [a["gap"] for a in data["next_actions"]][: len(focus_gaps)] == focus_gaps
    assert 1 <= len(data["bullets"]) <= 5
    exported = run("export", "--top", "5").stdout.splitlines()
    assert [b.lstrip("- ") for b in exported] and set(data["bullets"]) <= {
        b.lstrip("-• ").strip() for b in exported
    }


def test_an_action_the_log_shows_done_is_not_a_next_action(run, history: Path) -> None:
    assert run("plan").exit_code == 0  # a saved plan: the report reads its actions' statuses
    first = json.loads(run("report", "--json").stdout)["next_actions"][0]
    logged = run("log", "Ran the first step of the plan", "--action", first["id"])
    assert logged.exit_code == 0
    after = json.loads(run("report", "--json").stdout)["next_actions"]
    assert first["id"] not in [a["id"] for a in after]
    assert [a["gap"] for a in after][0] == first["gap"]  # the gap's next open action instead


def test_since_moves_the_baseline(run, history: Path) -> None:
    data = json.loads(run("report", "--json", "--since", days_ago(160).isoformat()).stdout)
    strategy = next(g for g in data["gaps"] if g["gap"] == "strategy")
    assert strategy["trend"] == [2, 3] and strategy["change"] == 1
    buy_in = next(g for g in data["gaps"] if g["gap"] == "buy-in")
    assert buy_in["change"] == 0


def test_no_assessment_yet(run) -> None:
    r = run("report")
    assert r.exit_code == 6 and "pm-coach assess" in r.stderr


def test_bad_format_and_date(run, history: Path) -> None:
    r = run("report", "--format", "pdf")
    assert r.exit_code == 2 and "terminal, markdown, html" in r.stderr
    r = run("report", "--since", "whenever")
    assert r.exit_code == 2 and "--since" in r.stderr


def test_terminal_view_fits_80_columns_without_colour(run, history: Path) -> None:
    r = run("report", env={"COLUMNS": "80", "NO_COLOR": "1"})
    assert r.exit_code == 0, r.output
    assert "\x1b[" not in r.stdout
    assert max(len(line) for line in r.stdout.splitlines()) <= 80
    assert "Strategy" in r.stdout and "over-claim" in r.stdout and "Claims and evidence" in r.stdout
    assert "Evidence logged per month" in r.stdout


class Balance(HTMLParser):
    VOID = {
        "meta",
        "br",
        "img",
        "hr",
        "input",
        "link",
        "circle",
        "line",
        "rect",
        "polyline",
        "path",
    }

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> (open: {self.stack[-3:]})")
        else:
            self.stack.pop()


def html_page(run, tmp_path: Path) -> str:
    out = tmp_path / "report.html"
    r = run("report", "--format", "html", "-o", str(out))
    assert r.exit_code == 0, r.output
    return out.read_text()


def test_html_is_well_formed_self_contained_and_escaped(run, history: Path, tmp_path: Path) -> None:
    page = html_page(run, tmp_path)
    parser = Balance()
    parser.feed(page)
    assert parser.errors == [] and parser.stack == []
    assert parser.tags.count("svg") >= 3 and "polyline" in parser.tags
    assert "script" not in parser.tags
    assert "<script>" not in page
    # the hostile string arrives twice (the profile name, an evidence bullet), escaped each time
    assert (
        page.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;")
        >= 2
    )
    assert "Next actions" in page and "Strongest evidence" in page
    assert "http://" not in page and "https://" not in page and "src=" not in page
    assert "@media print" in page and 'name="viewport"' in page


def test_html_output_refuses_to_overwrite(run, history: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    out.write_text("keep me")
    r = run("report", "--format", "html", "-o", str(out))
    assert r.exit_code == 2 and "--force" in r.stderr
    assert out.read_text() == "keep me"
    r = run("report", "--format", "html", "-o", str(out), "--force")
    assert r.exit_code == 0 and out.read_text().startswith("<!doctype html>")


def test_markdown_escapes_table_breakers(run, history: Path) -> None:
    r = run("report", "--format", "markdown")
    assert r.exit_code == 0
    assert r.stdout.startswith("# Progress report")
    assert "| Strategy |" in r.stdout


def test_month_keys_cross_the_year() -> None:
    assert month_keys(dt.date(2026, 2, 10), 4) == ["2025-11", "2025-12", "2026-01", "2026-02"]


def test_build_report_with_a_gap_rated_later() -> None:
    skill_map = MapCatalog(Path("/nonexistent")).load("leadership")
    first = assessment(days_ago(50), {"strategy": 2})
    second = assessment(days_ago(1), {"strategy": 3, "domain": 4})
    rep = build_report(skill_map, [second, first], [], today())
    by = {g.gap: g for g in rep.gaps}
    assert by["strategy"].change == 1 and by["domain"].change is None
    assert by["domain"].supported == 0 and by["delegation"].current is None
    assert rep.calibration.gap("delegation").verdict is None  # not rated: no claim


def test_terminal_view_ends_with_the_strongest_cv_lines(run, history: Path) -> None:
    r = run("report", env={"COLUMNS": "120", "NO_COLOR": "1"})
    assert r.exit_code == 0, r.output
    lines = r.stdout.split("Strongest evidence, as CV lines\n", 1)[1].splitlines()
    # five lines, the newest entry first (how a result is joined is the bullet writer's affair)
    assert len(lines) == 5 and all(line.endswith("worked (+5% conversion)") for line in lines)
    assert lines[0].startswith('• Led <script>alert("x")</script> & "quotes", ')
    assert [line[:14] for line in lines[1:]] == ["• Did a thing,"] * 4


def two_on_one_day(home: Path) -> None:
    day = days_ago(3)
    first = assessment(day, {"strategy": 2, "buy-in": 2})
    add_assessment(home, first)
    second = assessment(day, {"strategy": 3, "buy-in": 2}).model_copy(
        update={"created": first.created + dt.timedelta(hours=2)}
    )
    add_assessment(home, second)


def test_two_assessments_on_one_day_are_not_a_first_assessment(
    run, home: Path, tmp_path: Path
) -> None:
    two_on_one_day(home)
    day = days_ago(3).isoformat()
    said = f"assessed {day} · change since {day} (2 assessments) · 0 evidence entries"
    r = run("report")
    assert r.exit_code == 0, r.output
    assert said in r.stdout and "first assessment" not in r.stdout
    assert f"_{said}_" in run("report", "--format", "markdown").stdout
    page = html_page(run, tmp_path)
    assert f"change since {day} (2 assessments)</p>" in page
    assert "first assessment" not in page


def test_one_assessment_draws_no_trend(run, home: Path, tmp_path: Path) -> None:
    add_assessment(home, assessment(days_ago(3), {"strategy": 2, "buy-in": 3}))
    r = run("report")
    assert r.exit_code == 0, r.output
    assert "first assessment" in r.stdout
    rows = [" ".join(line.split()) for line in r.stdout.splitlines()]
    # no trend, and no change column: the heading says "first assessment" once
    assert "gap now → target level evidence backed" in rows
    assert "Strategy 2 → 4 ██░░· 0 (0) 0" in rows  # and no lone glyph at the end
    md = run("report", "--format", "markdown").stdout
    lines = md.splitlines()
    assert (
        "| Gap | Now → target | Level | Change | Evidence (last 90 days) | Backed | Others | |"
        in lines
    )
    assert "| Strategy | 2 → 4 | ██░░· | 0 | 0 (0) | 0 | – | **over-claim** |" in lines
    page = html_page(run, tmp_path)
    assert '<th class="narrow-hide">Trend</th>' not in page
    assert "polyline" not in page and "<circle" not in page
    assert "One assessment so far." in page
    assert json.loads(run("report", "--json").stdout)["gaps"][0]["trend"] == [2]


def test_recent_tile_counts_entries_not_gap_tags(run, home: Path, tmp_path: Path) -> None:
    add_assessment(home, assessment(days_ago(5), {"strategy": 2}))
    store = EvidenceStore(home)
    for i, (ago, gaps) in enumerate(
        [(10, ["strategy", "buy-in"]), (20, ["delegation"]), (200, [])]
    ):
        store.append(lambda _new, i=i, ago=ago, gaps=gaps: entry(i, days_ago(ago), gaps))
    page = html_page(run, tmp_path)
    # two entries in the last 90 days, tagged with three gaps between them
    assert "<b>2</b><span>entries in the last 90 days</span>" in page
    assert "<b>3</b><span>evidence entries</span>" in page
    data = json.loads(run("report", "--json").stdout)
    assert (data["evidence"], data["evidence_90d"]) == (3, 2)
