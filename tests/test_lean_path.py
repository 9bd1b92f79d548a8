"""The lean read path prints exactly what the full command line prints.

``evidence list`` (the table and JSON) and ``export`` (text, Markdown, JSON, --lint, --top,
filters) run without typer, pydantic or rich when the view cache matches the data files; the
bytes on stdout
and stderr must be the full CLI's, on generated logs, for every format and filter. ``plan
--json`` and ``report --json`` skip typer and rich and read the log from the cache: the same
comparison. When the cache does not vouch for the files, the lean path prints nothing and
hands over.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from pm_coach.__main__ import _lean, parse
from pm_coach.cli import app
from pm_coach.models import Evidence, Profile, Role
from pm_coach.store.view_cache import forget
from pm_coach.tools.gen_log import write_home
from tests.conftest import subprocess_env

ARGVS = [
    ["evidence", "list"],
    ["evidence", "list", "--reverse", "--limit", "3"],
    ["evidence", "list", "--wide", "-r", "-s", "pricing"],
    ["evidence", "list", "-n", "1"],
    ["evidence", "list", "--json"],
    ["evidence", "list", "--json", "--tag", "pricing"],
    ["evidence", "list", "--json", "-t", "hiring", "--tag=pricing"],
    ["evidence", "list", "--json", "--since", "2025-01-01", "--until", "2025-12-31"],
    ["evidence", "list", "--json", "--search", "ROADMAP"],
    ["evidence", "list", "--json", "-s", "no such words"],
    ["export"],
    ["export", "--format", "markdown"],
    ["export", "-f", "md", "--since", "2024-06-01"],
    ["export", "--format", "text", "--top", "3"],
    ["export", "--format=json"],
    ["export", "--json", "--top", "5", "--tag", "pricing"],
    ["export", "--lint"],
    ["export", "--lint", "--json"],
    ["export", "--approved"],
    ["export", "--approved", "--format", "markdown"],
    ["export", "--format", "markdown", "--until", "2024-12-31", "--top", "2"],
    ["export", "--tag", "nothing-has-this"],
]

TEXTS = [
    "Ran the pricing review with finance",
    "Wrote a one-page strategy for the payments squad",
    "Coached a junior PM through her first launch",
    "Presented the roadmap to the sales leaders",
    "Spoke at ProductTank about discovery",
    "Killed the referral launch after the test failed",
]


@st.composite
def logs(draw: st.DrawFn) -> list[Evidence]:
    n = draw(st.integers(1, 14))
    out = []
    for i in range(n):
        out.append(
            Evidence(
                id=f"e{i:03d}x",
                date=dt.date(2023, 1, 1) + dt.timedelta(days=draw(st.integers(0, 1000))),
                text=draw(st.sampled_from(TEXTS))
                + draw(st.sampled_from(["", " *fast*", " — again"])),
                result=draw(st.sampled_from(["", "Finance funded phase two", "Churn fell 8%"])),
                metrics=draw(st.sampled_from([[], ["+12% activation"], ["4 teams", "€1.2M"]])),
                gaps=draw(st.lists(st.sampled_from(["strategy", "buy-in", "domain"]), max_size=2)),
                tags=draw(st.lists(st.sampled_from(["pricing", "hiring", "Pricing"]), max_size=2)),
                goal=draw(st.sampled_from(["", "Head of Product"])),
                kind=draw(st.sampled_from(["work", "work", "volunteer", "talk", "publication"])),
                org=draw(st.sampled_from(["", "Acme", "ProductTank"])),
                scope=draw(st.sampled_from([None, "team", "company"])),
                bullet=draw(st.sampled_from(["", "", "Led pricing for 3 markets, +9% revenue"])),
                created=dt.datetime(2026, 1, 1, 9, tzinfo=dt.UTC)
                + dt.timedelta(seconds=draw(st.integers(0, 10**6))),
            )
        )
    return out


ALEX = Profile(
    name="Alex",
    roles=[
        Role(company="Acme", title="Senior PM", start="2024-03"),
        Role(company="Globex", title="PM", start="2022-01", end="2024-02"),
    ],
)


def seed(home: Path, entries: list[Evidence], roles: bool) -> None:
    write_home(home, entries, profile=ALEX if roles else None)


def full(argv: list[str]) -> tuple[int, str, str]:
    r = CliRunner().invoke(app, argv)
    return r.exit_code, r.stdout, r.stderr


def lean(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[bool, str, str]:
    capsys.readouterr()
    ran = _lean(argv)
    out, err = capsys.readouterr()
    return ran, out, err


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(entries=logs(), roles=st.booleans())
def test_lean_and_full_print_the_same_bytes(
    home: Path, capsys: pytest.CaptureFixture[str], entries: list[Evidence], roles: bool
) -> None:
    import shutil

    shutil.rmtree(home, ignore_errors=True)
    seed(home, entries, roles)
    full(["export"])  # a full read writes the profile's view, as any command that reads it
    for argv in ARGVS:
        forget(home)  # the full CLI reads the TOML file cold (and writes the cache again)
        (home / ".drafts.cache").unlink(missing_ok=True)  # and drafts every line afresh
        want = full(argv)
        ran, out, err = lean(argv, capsys)
        assert ran, argv  # the cache matched, so the lean path answered
        assert (0, out, err) == want, argv


def test_the_lean_path_hands_over_when_the_cache_does_not_match(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed(home, [Evidence(id="abc", date=dt.date(2025, 5, 1), text="Ran the pricing review",
                         created=dt.datetime(2025, 5, 1, tzinfo=dt.UTC))], roles=False)  # fmt: skip
    assert lean(["evidence", "list", "--json"], capsys)[0]
    path = home / "evidence.toml"
    path.write_text(path.read_text("utf-8").replace("pricing", "hiring!"), "utf-8")
    assert lean(["evidence", "list", "--json"], capsys) == (False, "", "")
    code, out, _ = full(["evidence", "list", "--json"])
    assert code == 0 and json.loads(out)[0]["text"] == "Ran the hiring! review"
    assert lean(["evidence", "list", "--json"], capsys)[0]  # the full read wrote it again
    (home / "profile.toml").write_text("schema_version = 1\nname = 3\n", "utf-8")
    assert lean(["export"], capsys) == (False, "", "")  # an unvalidated profile: full CLI


@pytest.mark.parametrize(
    "argv",
    [
        ["evidence", "list", "--limit", "-2"],
        ["evidence", "list", "--limit", "0"],  # refused: the full CLI says why
        ["evidence", "list", "--json", "--gap", "strategy"],  # gaps are checked against the map
        ["export", "-o", "cv.md"],
        ["export", "--format", "json-resume"],
        ["export", "--format", "case"],
        ["export", "--top", "0"],
        ["export", "--top", "-1"],
        ["export", "--review"],
        ["export", "--format"],
        ["export", "--help"],
        ["--debug", "export"],
        ["evidence", "list", "--json", "--since", "not a date"],
        ["export", "--json", "--format", "markdown"],
        ["log", "Ran the pricing review"],
        ["plan"],
        ["plan", "--json", "--full"],
        ["plan", "new", "--json"],
        ["report"],
        ["report", "--json", "--raters"],
        ["report", "--format", "json"],
    ],
)
def test_what_the_lean_path_leaves_to_the_full_cli(
    home: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    seed(home, [Evidence(id="abc", date=dt.date(2025, 5, 1), text="Ran the pricing review",
                         created=dt.datetime(2025, 5, 1, tzinfo=dt.UTC))], roles=False)  # fmt: skip
    assert lean(argv, capsys) == (False, "", "")


def test_options_are_read_as_the_full_cli_reads_them() -> None:
    assert parse(["--data-dir", "d", "export", "-t", "a", "--tag=b", "--top", "7"]) == (
        "export",
        "d",
        {"tag": ["a", "b"], "top": 7},
    )
    assert parse(["--version"]) == ("version", None, {})
    assert parse(["export", "--top", "+3"]) is None


PROBE = textwrap.dedent(
    """\
    import atexit, json, sys
    OUT = sys.argv[1]
    atexit.register(lambda: json.dump(sorted(sys.modules), open(OUT, "w")))
    from pm_coach.__main__ import main
    sys.argv = ["pm-coach", *sys.argv[2:]]
    main()
    """
)


@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["evidence", "list", "--json"],
        ["export", "--format", "markdown", "--top", "3"],
        ["export", "--json", "--since", "2025-01-01"],
    ],
)
def test_the_lean_path_imports_no_typer_pydantic_or_rich(
    home: Path, tmp_path: Path, args: list[str]
) -> None:
    seed(home, [Evidence(id="abc", date=dt.date(2025, 5, 1), text="Ran the pricing review",
                         created=dt.datetime(2025, 5, 1, tzinfo=dt.UTC))], roles=True)  # fmt: skip
    full(["export"])
    out = tmp_path / "modules.json"
    p = subprocess.run(
        [sys.executable, "-c", PROBE, str(out), *args],
        env=subprocess_env(home),
        capture_output=True,
        text=True,
        check=False,
    )
    assert p.returncode == 0, p.stderr
    tops = {m.split(".")[0] for m in json.loads(out.read_text("utf-8"))}
    for name in ("typer", "click", "pydantic", "pydantic_core", "rich", "tomllib"):
        assert name not in tops, name


def seed_plan(home: Path, entries: list[Evidence]) -> None:
    """A log, a profile and an assessment of the leadership map (no plan yet)."""
    write_home(home, entries, profile=ALEX, assessed=dt.date(2026, 6, 1))


@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(entries=logs())
def test_plan_and_report_json_print_the_same_bytes_from_the_cache(
    home: Path, capsys: pytest.CaptureFixture[str], entries: list[Evidence]
) -> None:
    import shutil

    shutil.rmtree(home, ignore_errors=True)
    seed_plan(home, entries)
    assert lean(["plan", "--json"], capsys) == (False, "", "")  # no plan yet: the full CLI
    assert full(["plan"])[0] == 0  # makes and saves one
    logged = full(["log", "Wrote the pricing strategy for 3 markets", "--gap", "strategy"])
    assert logged[0] == 0  # evidence inside the plan's weeks, which the plan shows
    for argv in (["plan", "--json"], ["report", "--json"]):
        forget(home)
        (home / ".drafts.cache").unlink(missing_ok=True)
        want = full(argv)
        ran, out, err = lean(argv, capsys)
        assert ran, argv
        assert (0, out, err) == want, argv
        ran, again, _ = lean(argv, capsys)  # with the scores kept by the first run
        assert ran and again == out, argv


@pytest.mark.parametrize("command", ["plan", "report"])
def test_plan_and_report_json_import_no_typer_or_rich(
    home: Path, tmp_path: Path, command: str
) -> None:
    seed_plan(home, [Evidence(id="abc", date=dt.date(2025, 5, 1), text="Ran the pricing review",
                              created=dt.datetime(2025, 5, 1, tzinfo=dt.UTC))])  # fmt: skip
    full(["plan"])
    out = tmp_path / "modules.json"
    p = subprocess.run(
        [sys.executable, "-c", PROBE, str(out), command, "--json"],
        env=subprocess_env(home),
        capture_output=True,
        text=True,
        check=False,
    )
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("{")
    tops = {m.split(".")[0] for m in json.loads(out.read_text("utf-8"))}
    for name in ("typer", "click", "rich"):
        assert name not in tops, name
