"""The fast member-file reader reads exactly what tomllib reads, or hands the file over."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest

from pm_coach.models.cohort import Member, SharedEvidence
from pm_coach.store.cohort import member_text
from pm_coach.store.memberfile import parse


def test_a_file_share_writes_reads_the_same_as_with_tomllib() -> None:
    member = Member(
        name="Zoë O'Neil <b>",
        map="leadership",
        shared_on=dt.date(2026, 11, 20),
        assessed_on=dt.date(2026, 11, 1),
        levels={"strategy": 2, "buy-in": 4},
        targets={"strategy": 4},
        focus=["strategy"],
        strengths=["buy-in"],
        mentor=2,
        manager="Alex Kim",
        evidence=[
            SharedEvidence(date=dt.date(2026, 10, 1), text="Ran the review — 3 teams", gaps=[]),
            SharedEvidence(date=dt.date(2026, 9, 1), text="Wrote a memo", gaps=["strategy"]),
        ],
    )
    text = member_text(member)
    assert parse(text) == tomllib.loads(text)
    assert parse(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        'name = "a\\"b"\n',  # an escape: tomllib decides
        'name = "x" # comment\n',
        "mentor = 1.5\n",
        "mentor = 007\n",
        "shared_on = 2026-02-30\n",
        "[levels]\na = 1\n[levels]\nb = 2\n",
        "levels = 1\n[levels]\n",
        "evidence = []\n[[evidence]]\ndate = 2026-01-01\n",
        'name = "x"\nname = "y"\n',
        "  name = 1\n",
        'name = "x"\r\n',
        "[other]\n",
        "t = { a = 1 }\n",
        'tags = ["a",  "b"]\n',
    ],
)
def test_anything_else_is_left_to_tomllib(text: str) -> None:
    assert parse(text) is None


def test_the_plain_subset_matches_tomllib_exactly() -> None:
    text = (
        '# comment\nschema_version = 1\nname = "Sam"\nfocus = []\nmentor = 0\nn = -3\n\n'
        '[targets]\nbuy-in = 4\n\n[[evidence]]\ndate = 2026-01-02\ngaps = ["a", "b"]\n'
        '\n[[evidence]]\ntext = ""\nnote = "tab\there"\ngaps = ["one, two", "three"]\n'
    )
    assert parse(text) == tomllib.loads(text)
    assert parse(text)["evidence"][1]["gaps"] == ["one, two", "three"]  # ", " inside an item
