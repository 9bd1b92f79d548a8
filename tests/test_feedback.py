"""`pm-coach feedback`: request → the rater fills the template → add → assess/report show it."""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path

import pytest

from pm_coach.models import Profile
from tests.helpers import save_profile

LEVELS = "[levels]\nstrategy = 5\nbuy-in = 3\nconfidence = 2\ndomain = 4\ndelegation = 2\n"
HOSTILE = '<script>alert("x")</script> & Co'


@pytest.fixture
def assessed(run, tmp_path: Path) -> None:
    path = tmp_path / "self.toml"
    path.write_text(LEVELS)
    assert run("assess", "--answers", str(path), "--date", "2026-11-01").exit_code == 0


def request_files(run, tmp_path: Path, name: str = "Dana Reyes") -> tuple[Path, Path]:
    form = tmp_path / "dana.md"
    r = run("feedback", "request", name, "-o", str(form))
    assert r.exit_code == 0, r.output
    return form, tmp_path / "dana-answers.toml"


def fill(template: Path, levels: dict[str, int], notes: dict[str, str] | None = None) -> None:
    """Fill the template as a rater would: uncomment the lines they answer."""
    text = template.read_text()
    for gap, level in levels.items():
        text = text.replace(f"\n# {gap} = \n", f"\n{gap} = {level}\n")
    for gap, note in (notes or {}).items():
        text = text.replace(f'\n# {gap} = ""', f"\n{gap} = {json.dumps(note)}")
    template.write_text(text)


def test_request_writes_a_form_without_numbers_and_a_template_beside_it(
    run, tmp_path: Path, assessed: None
) -> None:
    form, template = request_files(run, tmp_path)
    md = form.read_text()
    assert md.startswith("# How do you see my work?\n\nHello Dana Reyes,\n")
    assert "## Strategy\n" in md and "## Delegation\n" in md
    # each statement is a box to tick, with no level number in front of it
    assert (
        "- [ ] When I present my roadmap, I describe the features without saying which company "
        "goal each one serves.\n" in md
    )
    assert not re.search(r"^- \[ \] \d", md, flags=re.M)
    assert not re.search(r"level\s*\d|\b[1-5]/5\b", md)  # none of the PM's own ratings
    assert "dana-answers.toml" in md
    toml = template.read_text()
    assert 'map = "leadership"\n\n[levels]\n' in toml
    assert "\n# strategy = \n" in toml and '\n# strategy = ""' in toml
    for path in (form, template):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_request_names_the_person_from_the_profile(run, home: Path, tmp_path: Path) -> None:
    save_profile(home, Profile(name="Alex Kim"))
    form, _ = request_files(run, tmp_path)
    assert form.read_text().startswith("# How do you see Alex Kim's work?\n")


def test_request_without_output_prints_both(run) -> None:
    r = run("feedback", "request", "Sam")
    assert r.exit_code == 0
    assert r.stdout.startswith("# How do you see my work?")
    assert "```toml\n# Answers from Sam, for the map 'leadership'." in r.stdout


def test_request_refuses_to_overwrite_either_file(run, tmp_path: Path) -> None:
    (tmp_path / "dana-answers.toml").write_text("mine")
    r = run("feedback", "request", "Dana", "-o", str(tmp_path / "dana.md"))
    assert r.exit_code == 2 and "already exists; nothing was written" in r.stderr
    assert not (tmp_path / "dana.md").exists()
    assert (tmp_path / "dana-answers.toml").read_text() == "mine"


def test_round_trip_request_fill_add_report(run, home: Path, tmp_path: Path, assessed: None):
    _, template = request_files(run, tmp_path)
    fill(template, {"strategy": 2, "confidence": 4}, {"strategy": "Strong on options"})
    r = run("feedback", "add", "Dana Reyes", str(template), "--relation", "manager",
            "--date", "2026-11-05")  # fmt: skip
    assert r.exit_code == 0, r.output
    assert re.fullmatch(
        r"Added [a-z0-9]{6} · 2026-11-05 · Dana Reyes \(manager\) · 2 gap\(s\) rated",
        r.stdout.splitlines()[0],
    )
    listed = json.loads(run("feedback", "list", "--json").stdout)
    assert [{k: v for k, v in f.items() if k != "id"} for f in listed] == [
        {
            "name": "Dana Reyes",
            "relation": "manager",
            "date": "2026-11-05",
            "map": "leadership",
            "levels": {"strategy": 2, "confidence": 4},
            "notes": {"strategy": "Strong on options"},
        }
    ]
    data = json.loads(run("report", "--json").stdout)
    gaps = {g["gap"]: g for g in data["gaps"]}
    assert gaps["strategy"]["others"] == 2 and gaps["strategy"]["supported"] == 0
    assert gaps["strategy"]["raters"] == [
        {"name": "Dana Reyes", "relation": "manager", "level": 2, "note": "Strong on options"}
    ]
    assert gaps["buy-in"]["others"] is None and gaps["buy-in"]["raters"] == []
    out = " ".join(run("report").stdout.split())
    assert "Strategy: others see 2, you see 5. A blind spot" in out
    assert "Confidence: others see 4, you see 2. A hidden strength" in out
    assert "Dana Reyes (manager) 2" not in out  # each rater only on request
    out = " ".join(run("report", "--raters").stdout.split())
    assert "Strategy, each rater: Dana Reyes (manager) 2." in out
    assert "Strategy, Dana Reyes notes: Strong on options" in out


def test_others_is_the_median_of_each_raters_latest(run, tmp_path: Path, assessed: None) -> None:
    answers = tmp_path / "a.toml"
    for name, date, level in (("Dana", "2026-10-01", 1), ("Dana", "2026-11-02", 3),
                              ("Sam", "2026-11-03", 4)):  # fmt: skip
        answers.write_text(f"[levels]\ndomain = {level}\n")
        assert run("feedback", "add", name, str(answers), "--date", date).exit_code == 0
    [domain] = [g for g in json.loads(run("report", "--json").stdout)["gaps"]
                if g["gap"] == "domain"]  # fmt: skip
    assert domain["others"] == 3.5
    assert [r["level"] for r in domain["raters"]] == [3, 4]


def test_assess_shows_others_beside_self_and_evidence(run, tmp_path: Path) -> None:
    answers = tmp_path / "a.toml"
    answers.write_text("[levels]\nstrategy = 2\n")
    assert run("feedback", "add", "Dana", str(answers), "-r", "mentor").exit_code == 0
    path = tmp_path / "self.toml"
    path.write_text(LEVELS)
    r = run("assess", "--answers", str(path))
    assert r.exit_code == 0, r.output
    strategy = next(line for line in r.stdout.splitlines() if line.startswith(" Strategy"))
    assert re.search(r"\s0 over\s+2\s*$", strategy), strategy
    assert "Strategy: others see 2, you see 5. A blind spot" in " ".join(r.stdout.split())


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[levels]\nstrategy = 3\nteleport = 2\n", "line 3: levels.teleport: the map 'leadership'"),
        ("[levels]\nstrategy = 6\n", "line 2: levels.strategy: 6 is not a level"),
        ("[levels]\n\nstrategy = 0\n", "line 3: levels.strategy: 0 is not a level"),
        ('[levels]\nstrategy = "3"\n', "line 2: levels.strategy: '3' is not a level"),
        ("[levels]\nstrategy = 3\n[notes]\nstrategy = 4\n", "line 4: notes.strategy: a note"),
        ("[levels]\n", "no level given"),
        ("[levels]\nstrategy = \n", "line 2, column 12: not valid TOML"),
        ('map = "apm-to-pm"\n[levels]\nstrategy = 3\n', "line 1: map: the answers are for"),
        ("[levels]\nstrategy = 3\n[targets]\nstrategy = 4\n", "unknown entry 'targets'"),
    ],
)
def test_a_bad_answers_file_changes_nothing_and_names_the_line(
    run, home: Path, tmp_path: Path, text: str, message: str
) -> None:
    good = tmp_path / "good.toml"
    good.write_text("[levels]\nconfidence = 3\n")
    assert run("feedback", "add", "Dana", str(good)).exit_code == 0
    before = (home / "feedback.toml").read_bytes()
    bad = tmp_path / "bad.toml"
    bad.write_text(text)
    r = run("feedback", "add", "Sam", str(bad), "--map", "leadership")
    assert r.exit_code == 3, r.output
    assert message in r.stderr
    assert "nothing was saved" in r.stderr
    assert (home / "feedback.toml").read_bytes() == before


def test_bad_options_are_usage_errors(run, home: Path, tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text("[levels]\nconfidence = 3\n")
    r = run("feedback", "add", "Dana", str(good), "--relation", "boss")
    assert r.exit_code == 2 and "unknown relation 'boss'" in r.stderr
    assert "manager, mentor, peer, report" in r.stderr
    r = run("feedback", "add", "Dana", str(tmp_path / "missing.toml"))
    assert r.exit_code == 4
    r = run("feedback", "add", "  ", str(good))
    assert r.exit_code == 2 and "name is empty" in r.stderr
    assert not (home / "feedback.toml").exists()


def test_list_and_rm(run, home: Path, tmp_path: Path) -> None:
    assert "No ratings from others yet" in run("feedback", "list").stderr
    good = tmp_path / "good.toml"
    good.write_text("[levels]\nconfidence = 3\n")
    run("feedback", "add", "Dana", str(good))
    [entry] = json.loads(run("feedback", "list", "--json").stdout)
    assert "Dana" in run("feedback", "list").stdout
    r = run("feedback", "rm", entry["id"])
    assert r.exit_code == 6 and "--yes" in r.stderr
    r = run("feedback", "rm", entry["id"], "--yes")
    assert r.exit_code == 0 and r.stdout.startswith(f"Removed {entry['id']} · ")
    assert json.loads(run("feedback", "list", "--json").stdout) == []
    assert run("feedback", "rm", "nope12", "--yes").exit_code == 4
    assert stat.S_IMODE((home / "feedback.toml").stat().st_mode) == 0o600


def test_report_html_escapes_rater_names_and_notes(run, tmp_path: Path, assessed: None) -> None:
    answers = tmp_path / "a.toml"
    answers.write_text(f"[levels]\nstrategy = 2\n[notes]\nstrategy = {json.dumps(HOSTILE)}\n")
    assert run("feedback", "add", HOSTILE, str(answers)).exit_code == 0
    page = tmp_path / "r.html"
    assert run("report", "--format", "html", "--raters", "-o", str(page)).exit_code == 0
    html = page.read_text()
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in html
    md = run("report", "--format", "markdown", "--raters").stdout
    assert "<script>" not in md and "\\<script\\>" in md


def test_plan_ranks_a_blind_spot_up_and_shows_all_three_views(
    run, tmp_path: Path, home: Path
) -> None:
    path = tmp_path / "self.toml"
    # every gap one level below target 4, so only the calibration rules separate them
    path.write_text("[levels]\n" + "".join(f"{g} = 3\n" for g in
                    ("strategy", "buy-in", "confidence", "domain", "delegation")))  # fmt: skip
    assert run("assess", "--answers", str(path)).exit_code == 0
    before = json.loads(run("plan", "new", "--json").stdout)
    assert [r["gap"] for r in before["ranking"]][:2] == ["strategy", "buy-in"]  # map order
    answers = tmp_path / "a.toml"
    answers.write_text("[levels]\ndomain = 1\n")
    assert run("feedback", "add", "Dana", str(answers), "-r", "manager").exit_code == 0
    data = json.loads(run("plan", "new", "--json").stdout)
    first = data["ranking"][0]
    assert first["gap"] == "domain" and first["blind_spot"] is True
    assert first | {"current": 3, "supported": 0, "others": 1} == first
    assert first["why"].endswith("; others see 1, a blind spot")
    shown = run("plan").stdout
    row = next(line for line in shown.splitlines() if "Domain" in line and "3 → 4" in line)
    assert re.search(r"3 → 4\s+0\s+1\s", row), row


def test_an_id_used_twice_in_the_file_is_reported_with_both_lines(run, home: Path) -> None:
    table = (
        '[[feedback]]\nid = "abc123"\nname = "{name}"\ndate = 2026-11-0{day}\n'
        'map = "leadership"\nlevels = {{ strategy = 3 }}\ncreated = 2026-11-0{day}T10:00:00Z\n'
    )
    text = "schema_version = 1\n\n" + table.format(name="Dana", day=1)
    text += "\n" + table.format(name="Lee", day=2)
    home.mkdir(mode=0o700)
    (home / "feedback.toml").write_text(text)
    (home / "feedback.toml").chmod(0o600)
    r = run("feedback", "list")
    assert r.exit_code == 3
    assert "feedback.toml, line 11: id 'abc123' is used twice (first at line 3)." in r.stderr
    assert "Give one of the two another id (3-12 lowercase letters or digits)." in r.stderr
