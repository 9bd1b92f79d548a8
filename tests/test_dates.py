import datetime as dt

import pytest

from pm_coach.core.dates import parse_date
from pm_coach.errors import InputError

SUNDAY = dt.date(2026, 11, 22)  # a Sunday
MONDAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("2026-03-14", SUNDAY, dt.date(2026, 3, 14)),
        (" 2024-02-29 ", SUNDAY, dt.date(2024, 2, 29)),
        ("today", SUNDAY, SUNDAY),
        ("TODAY", SUNDAY, SUNDAY),
        ("yesterday", SUNDAY, dt.date(2026, 11, 21)),
        ("1 day ago", SUNDAY, dt.date(2026, 11, 21)),
        ("3 days ago", SUNDAY, dt.date(2026, 11, 19)),
        ("0 days ago", SUNDAY, SUNDAY),
        ("last monday", SUNDAY, dt.date(2026, 11, 16)),
        ("last saturday", SUNDAY, dt.date(2026, 11, 21)),
        ("last sunday", SUNDAY, dt.date(2026, 11, 15)),
        ("last monday", MONDAY, dt.date(2026, 11, 16)),
        ("last Friday", MONDAY, dt.date(2026, 11, 20)),
    ],
)
def test_accepted_forms(text: str, today: dt.date, expected: dt.date) -> None:
    assert parse_date(text, today) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "tomorow",
        "2026-13-01",
        "2026-02-30",
        "14/03/2026",
        "last week",
        "next monday",
        "three days ago",
        "2026-3-4",
    ],
)
def test_rejected_forms_list_the_accepted_ones(text: str) -> None:
    with pytest.raises(InputError) as info:
        parse_date(text, SUNDAY)
    assert "YYYY-MM-DD" in (info.value.hint or "")


def test_future_is_refused_unless_allowed() -> None:
    with pytest.raises(InputError, match="in the future"):
        parse_date("2026-11-23", SUNDAY)
    assert parse_date("2026-11-23", SUNDAY, allow_future=True) == MONDAY


def test_before_1970_is_refused() -> None:
    with pytest.raises(InputError, match="before 1970"):
        parse_date("1969-12-31", SUNDAY)
