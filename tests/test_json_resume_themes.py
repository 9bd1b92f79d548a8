"""A PM's JSON Resume as real themes print it: the ``resumed`` CLI with two published themes.

The themes read the document the way a person would use it, so what they print is checked
literally: a talk shows one date (not "– Present"), a volunteer role has a position, the location
is split, and a publication does not repeat its title. Needs node and the npm packages that
``.ci/run`` installs into ``.ci-node/`` (or the folder ``PM_COACH_NODE_DIR`` names).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from pm_coach.models import Evidence, Profile, Role
from pm_coach.store.evidence import EvidenceStore
from tests.conftest import ROOT
from tests.helpers import save_profile

SCHEMA = Path(__file__).parent / "data" / "json-resume-schema.json"
NODE_DIR = Path(os.environ.get("PM_COACH_NODE_DIR") or ROOT / ".ci-node")
RESUMED = NODE_DIR / "node_modules" / ".bin" / "resumed"
THEMES = ("jsonresume-theme-even", "jsonresume-theme-stackoverflow")
CREATED = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)


def needs_node() -> None:
    missing = [
        str(p.relative_to(NODE_DIR) if p.is_relative_to(NODE_DIR) else p)
        for p in (RESUMED, *(NODE_DIR / "node_modules" / t for t in THEMES))
        if not p.exists()
    ]
    if shutil.which("node") is None:
        missing.insert(0, "node")
    if not missing:
        return
    why = (
        f"needs node, the resumed CLI and two JSON Resume themes (missing: {', '.join(missing)}); "
        "install them with: npm install --prefix .ci-node resumed jsonresume-theme-even "
        "jsonresume-theme-stackoverflow"
    )
    if os.environ.get("CI"):  # .ci/run installs them: missing there is a failure, not a skip
        pytest.fail(why)
    pytest.skip(why)


def ev(entry_id: str, day: str, text: str, **kw: object) -> Evidence:
    return Evidence(id=entry_id, date=dt.date.fromisoformat(day), text=text, created=CREATED, **kw)


@pytest.fixture
def resume(run, home: Path) -> dict[str, object]:
    """A current role, a one-off talk, volunteering and an article with a result."""
    save_profile(
        home,
        Profile(
            name="Sam Lee",
            current_role="Senior Product Manager",
            location="Leeds, West Yorkshire, UK",
            roles=[Role(company="Acme Pay", title="Senior Product Manager", start="2024-03")],
        ),
    )
    store = EvidenceStore(home)
    for e in (
        ev("bet001", "2025-09-12", "Ran the Q3 bet review with finance", result="Dropped two bets"),
        ev(
            "tlk002",
            "2025-10-10",
            "Spoke on pricing experiments",
            kind="talk",
            org="ProductTank Leeds",
            metrics=["120 attendees"],
        ),
        ev(
            "vol003",
            "2025-06-01",
            "Mentored two junior PMs",
            result="One promoted to PM",
            kind="volunteer",
            org="Women in Product Leeds",
        ),
        ev(
            "pub004",
            "2025-02-14",
            "Wrote an article on discovery habits",
            result="Read by 4000 product people",
            kind="publication",
            org="Mind the Product",
        ),
    ):
        store.append(lambda _new, e=e: e)
    r = run("export", "--format", "json-resume")
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def test_the_resume_is_valid_against_the_official_schema(resume: dict[str, object]) -> None:
    import jsonschema

    schema = json.loads(SCHEMA.read_text("utf-8"))
    checker = jsonschema.Draft7Validator(
        schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )
    assert [e.message for e in checker.iter_errors(resume)] == []
    basics = resume["basics"]
    assert isinstance(basics, dict)
    assert basics["location"] == {"city": "Leeds", "region": "West Yorkshire", "countryCode": "GB"}


def rendered_lines(resume: dict[str, object], theme: str, tmp_path: Path) -> list[str]:
    """The theme's page as the lines of text a reader sees (styles and scripts dropped)."""
    source = tmp_path / "resume.json"
    source.write_text(json.dumps(resume), "utf-8")
    out = tmp_path / f"{theme}.html"
    done = subprocess.run(
        [str(RESUMED), "render", str(source), "--theme", theme, "--output", str(out)],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    page = out.read_text("utf-8")
    page = re.sub(r"<(style|script|svg)\b.*?</\1>", "", page, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", "\n", page))
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def after(lines: list[str], anchor: str, count: int) -> list[str]:
    """The ``count`` lines from the first one equal to ``anchor``."""
    assert anchor in lines, f"{anchor!r} is not on the page: {lines}"
    start = lines.index(anchor)
    return lines[start : start + count]


def test_even_theme_prints_each_section_right(resume, tmp_path: Path) -> None:
    needs_node()
    lines = rendered_lines(resume, "jsonresume-theme-even", tmp_path)
    assert "Leeds, United Kingdom" in lines  # city and country, not "Leeds, UK" as a city
    # the current role is the only thing still running
    assert [line for line in lines if "Present" in line] == ["– Present"]
    assert after(lines, "Spoke on pricing experiments", 6) == [
        "Spoke on pricing experiments",
        "Speaker",
        "at",
        "ProductTank Leeds",
        "Oct 2025",  # one date: the talk was one day
        "talk",
    ]
    assert after(lines, "Women in Product Leeds", 3) == [
        "Women in Product Leeds",
        "Volunteer",  # the position, not an empty "| Women in Product Leeds"
        "Jun 2025",
    ]
    assert after(lines, "Wrote an article on discovery habits", 5) == [
        "Wrote an article on discovery habits",
        "Published by",
        "Mind the Product",
        "Feb 2025",
        "Read by 4000 product people",  # the result as summary, not the title again
    ]
    assert lines.count("Wrote an article on discovery habits") == 1


def test_stackoverflow_theme_prints_each_section_right(resume, tmp_path: Path) -> None:
    needs_node()
    lines = rendered_lines(resume, "jsonresume-theme-stackoverflow", tmp_path)
    assert after(lines, "Leeds,", 3) == ["Leeds,", "West Yorkshire", "(GB)"]
    # this theme prints a range for every project: a one-day talk is "Oct 2025 - Oct 2025",
    # and only the current role is "Current"
    assert [line for line in lines if "Current" in line] == ["- Current"]
    assert after(lines, "Projects", 5) == [
        "Projects",
        "(1)",
        "Oct 2025",
        "- Oct 2025",
        "Spoke on pricing experiments",
    ]
    assert after(lines, "Volunteer", 6) == [
        "Volunteer",
        "(1)",
        "Jun 2025",
        "- Jun 2025",
        "Volunteer",  # the position, printed above the organisation
        "Women in Product Leeds",
    ]
    assert after(lines, "Wrote an article on discovery habits", 3) == [
        "Wrote an article on discovery habits",
        "in Mind the Product",
        "Read by 4000 product people",
    ]
    assert lines.count("Wrote an article on discovery habits") == 1
