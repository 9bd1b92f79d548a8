"""`evidence list` fits the screen: three layouts by width, text wrapped at spaces in its own
column, no trailing spaces, --reverse / --limit / --wide, and a writer that streams."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pm_coach.render.evidence_list import Row, lines
from pm_coach.render.plain import cells, wrap

LOG = """schema_version = 1

[[evidence]]
id = "swg8su"
date = 2026-11-02
text = "Coached a junior PM through her first launch, from the brief to the retro with the team"
result = "launched on time"
metrics = ["3 risks found"]
gaps = ["delegation", "strategy"]
tags = ["mentoring"]
kind = "work"
created = 2026-11-23T03:15:03Z

[[evidence]]
id = "j7dduw"
date = 2026-11-03
text = "Short one"
gaps = ["buy-in"]
kind = "work"
created = 2026-11-23T03:15:03Z

[[evidence]]
id = "gz3ydq"
date = 2026-11-04
text = "Wrote the pricing memo"
tags = ["pricing", "q4 planning"]
kind = "work"
created = 2026-11-23T03:15:04Z
"""


@pytest.fixture
def logged(home: Path) -> Path:
    home.mkdir(mode=0o700)
    (home / "evidence.toml").write_text(LOG)
    return home


def listed(run, columns: int, *args: str) -> list[str]:
    r = run("evidence", "list", *args, env={"COLUMNS": str(columns)})
    assert r.exit_code == 0, r.output
    return r.stdout.splitlines()


def test_at_60_columns_everything_sits_under_the_text(run, logged: Path) -> None:
    assert listed(run, 60) == [
        "Evidence (3)",
        "id      date        what you did",
        "swg8su  2026-11-02  Coached a junior PM through her first",
        "                    launch, from the brief to the retro with",
        "                    the team",
        "                    → launched on time; 3 risks found",
        "                    gaps: delegation, strategy",
        "                    tags: mentoring",
        "j7dduw  2026-11-03  Short one",
        "                    gaps: buy-in",
        "gz3ydq  2026-11-04  Wrote the pricing memo",
        "                    tags: pricing, q4 planning",
    ]


def test_at_80_columns_gaps_keep_their_column(run, logged: Path) -> None:
    assert listed(run, 80) == [
        "Evidence (3)",
        "id      date        what you did                                  gaps",
        "swg8su  2026-11-02  Coached a junior PM through her first         delegation,",
        "                    launch, from the brief to the retro with the  strategy",
        "                    team",
        "                    → launched on time; 3 risks found",
        "                    tags: mentoring",
        "j7dduw  2026-11-03  Short one                                     buy-in",
        "gz3ydq  2026-11-04  Wrote the pricing memo",
        "                    tags: pricing, q4 planning",
    ]


def test_at_120_columns_all_six_columns_show(run, logged: Path) -> None:
    assert listed(run, 120) == [
        "Evidence (3)",
        "id      date        what you did                              result / metrics"
        "              gaps            tags",
        "swg8su  2026-11-02  Coached a junior PM through her first     launched on time; 3 risks"
        "     delegation,     mentoring",
        "                    launch, from the brief to the retro with  found"
        "                         strategy",
        "                    the team",
        "j7dduw  2026-11-03  Short one                                                           "
        "    buy-in",
        "gz3ydq  2026-11-04  Wrote the pricing memo                                              "
        "                    pricing, q4",
        "                                                                                        "
        "                    planning",
    ]


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_no_line_is_wider_than_the_screen_or_ends_in_a_space(
    run, logged: Path, columns: int
) -> None:
    for line in listed(run, columns):
        assert cells(line) <= columns, line
        assert line == line.rstrip(), repr(line)


def test_wide_keeps_all_columns_on_a_narrow_screen(run, logged: Path) -> None:
    out = listed(run, 60, "--wide")
    assert out[1] == (
        "id      date        what you did                    result / metrics      gaps"
        "            tags"
    )
    assert out[2] == (
        "swg8su  2026-11-02  Coached a junior PM through     launched on time; 3   delegation,"
        "     mentoring"
    )


def test_reverse_shows_newest_first_and_limit_keeps_the_newest(run, logged: Path) -> None:
    out = listed(run, 80, "--reverse")
    assert [line[:6] for line in out[2:] if line[:1] != " "] == ["gz3ydq", "j7dduw", "swg8su"]
    out = listed(run, 80, "--limit", "2")
    assert out[0] == "Evidence (newest 2 of 3)"
    assert [line[:6] for line in out[2:] if line[:1] != " "] == ["j7dduw", "gz3ydq"]
    out = listed(run, 80, "-n", "1", "-r")
    assert out[0] == "Evidence (newest 1 of 3)"
    assert [line[:6] for line in out[2:] if line[:1] != " "] == ["gz3ydq"]


def test_limit_and_reverse_apply_to_json_too(run, logged: Path) -> None:
    r = run("evidence", "list", "--json", "--limit", "2", "--reverse")
    assert [e["id"] for e in json.loads(r.stdout)] == ["gz3ydq", "j7dduw"]


def test_limit_zero_is_a_usage_error(run, logged: Path) -> None:
    r = run("evidence", "list", "--limit", "0")
    assert r.exit_code == 2
    assert "pm-coach: error: --limit 0 shows nothing." in r.stderr


def test_a_long_imported_id_gets_its_own_line(run, home: Path) -> None:
    home.mkdir(mode=0o700)
    (home / "evidence.toml").write_text(LOG.replace('"j7dduw"', '"abcdefghjk23"'))
    out = listed(run, 80)
    assert out[7:9] == [
        "abcdefghjk23",
        "        2026-11-03  Short one                                     buy-in",
    ]


# --- the writer itself --------------------------------------------------------------------------


def test_the_writer_streams_rows_as_they_come() -> None:
    """A row is printed before the next one is even read: nothing measures the whole table."""

    def rows() -> Iterator[Row]:
        yield Row("aaa111", "2026-01-01", "First")
        raise AssertionError("the writer read a second row before printing the first")

    out = lines(rows(), 80, heading="Evidence")
    assert [next(out) for _ in range(3)] == [
        "Evidence\n",
        "id      date        what you did                                  gaps\n",
        "aaa111  2026-01-01  First\n",
    ]


def test_wrap_breaks_at_spaces_and_cuts_only_a_word_longer_than_the_line() -> None:
    assert wrap("one two three four", 9) == ["one two", "three", "four"]
    assert wrap("see https://example.com/a/very/long/path now", 12) == [
        "see",
        "https://exam",
        "ple.com/a/ve",
        "ry/long/path",
        "now",
    ]
    assert wrap("", 10) == []


def test_wide_characters_count_two_columns() -> None:
    assert cells("日本語") == 6
    assert wrap("日本語 のテキスト", 8) == ["日本語", "のテキス", "ト"]


def test_the_writer_module_imports_neither_rich_nor_pydantic_nor_typer() -> None:
    code = (
        "import sys, pm_coach.render.evidence_list; "
        "print(sorted(m for m in ('rich', 'pydantic', 'typer') if m in sys.modules))"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert p.stdout.strip() == "[]"


def test_log_confirmation_fits_80_columns_and_cuts_the_text_at_a_word(run) -> None:
    r = run(
        "log",
        "Coached a junior PM through her first launch, from the brief to the retro with the "
        "whole team",
        "--gap",
        "delegation",
        "--date",
        "2026-11-05",
    )
    assert r.exit_code == 0, r.output
    first = r.stdout.splitlines()[0]
    assert first[:6] == "Logged"
    assert first[13:] == " · 2026-11-05 · Coached a junior PM through her… [delegation]"
    for line in r.stdout.splitlines():
        assert cells(line) <= 80, line
