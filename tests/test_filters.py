"""The evidence filters, as `evidence list` and `export` share them: any one filter that leaves
nothing says "matches" (the user narrowed it down), an empty log says "yet"."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import WriteData

LOG = """\
schema_version = 1

[[evidence]]
id = "abc123"
date = 2026-10-01
text = "Spoke at the product meetup"
gaps = ["strategy"]
tags = ["q3"]
kind = "talk"
created = 2026-10-01T09:00:00Z
"""

NARROWING = [
    ["--gap", "delegation"],
    ["--tag", "q4"],
    ["--since", "2026-11-01"],
    ["--until", "2026-09-01"],
]


@pytest.mark.parametrize(
    "args", [*NARROWING, ["--search", "zzz"], ["--untagged"]], ids=lambda a: a[0]
)
def test_evidence_list_with_a_filter_that_leaves_nothing_says_so(
    run, write_data: WriteData, args: list[str]
) -> None:
    write_data("evidence.toml", LOG)
    r = run("evidence", "list", *args)
    assert r.exit_code == 0, r.output
    assert r.stderr.strip() == "No evidence matches."


@pytest.mark.parametrize("args", [*NARROWING, ["--role", "Acme"]], ids=lambda a: a[0])
def test_export_with_a_filter_that_leaves_nothing_says_so(
    run, write_data: WriteData, args: list[str]
) -> None:
    write_data("evidence.toml", LOG)
    r = run("profile", "role", "add", "Acme", "Product Manager", "--start", "2026-01")
    assert r.exit_code == 0, r.output
    r = run("export", *args)
    assert r.exit_code == 0, r.output
    assert r.stderr.strip() == "No evidence matches; nothing to export."


def test_without_a_filter_an_empty_log_says_nothing_yet(run, home: Path) -> None:
    assert run("evidence", "list").stderr.strip() == (
        'No evidence yet. Log some with: pm-coach log "What you did" --gap strategy'
    )
    assert run("export").stderr.strip() == (
        'No evidence yet. Log some with: pm-coach log "What you did" --gap strategy'
    )
