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
        ("last fri", SUNDAY, dt.date(2026, 11, 20)),
        ("last sun", SUNDAY, dt.date(2026, 11, 15)),
        ("Last Thu", SUNDAY, dt.date(2026, 11, 19)),
        ("last tues", SUNDAY, dt.date(2026, 11, 17)),
        ("1 week ago", SUNDAY, dt.date(2026, 11, 15)),
        ("2 weeks ago", SUNDAY, dt.date(2026, 11, 8)),
        ("2  Weeks  ago", SUNDAY, dt.date(2026, 11, 8)),
        ("yesterday morning", SUNDAY, dt.date(2026, 11, 21)),
        ("Yesterday evening", SUNDAY, dt.date(2026, 11, 21)),
        ("this afternoon", SUNDAY, SUNDAY),
        ("3 Nov", SUNDAY, dt.date(2026, 11, 3)),
        ("Nov 3", SUNDAY, dt.date(2026, 11, 3)),
        ("22 nov", SUNDAY, SUNDAY),
        ("23 Nov", SUNDAY, dt.date(2025, 11, 23)),  # tomorrow's date: last year's
        ("Dec 1", SUNDAY, dt.date(2025, 12, 1)),
        ("3rd November", SUNDAY, dt.date(2026, 11, 3)),
        ("november 3", SUNDAY, dt.date(2026, 11, 3)),
        ("Sept 9", SUNDAY, dt.date(2026, 9, 9)),
        ("29 Feb", SUNDAY, dt.date(2024, 2, 29)),  # the last leap year
        ("3 Nov 2025", SUNDAY, dt.date(2025, 11, 3)),
        ("Nov 3, 2025", SUNDAY, dt.date(2025, 11, 3)),
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
        "last week",
        "monday",
        "last mo",
        "32 Nov",
        "3 Novvember",
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


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("22/11/2026", "Write it as 2026-11-22 (year, month, day)."),
        ("11/22/2026", "Write it as 2026-11-22 (year, month, day)."),
        ("22.11.26", "Write it as 2026-11-22 (year, month, day)."),
        ("03/04/2026", "Write 2026-04-03 or 2026-03-04 (year, month, day), whichever you meant."),
    ],
)
def test_day_month_order_is_refused_with_the_iso_date_to_write(text: str, hint: str) -> None:
    with pytest.raises(InputError, match="could be day-first or month-first") as info:
        parse_date(text, SUNDAY)
    assert info.value.hint == hint


def test_a_slashed_date_that_is_no_day_either_way_says_so() -> None:
    with pytest.raises(InputError, match="not a real calendar day") as info:
        parse_date("31/31/2026", SUNDAY)
    assert "YYYY-MM-DD" in (info.value.hint or "")


def test_a_named_day_with_a_year_can_be_in_the_future_only_when_allowed() -> None:
    with pytest.raises(InputError, match="in the future"):
        parse_date("1 Dec 2026", SUNDAY)
    assert parse_date("1 Dec 2026", SUNDAY, allow_future=True) == dt.date(2026, 12, 1)
    with pytest.raises(InputError, match="not a real calendar day"):
        parse_date("30 Feb 2026", SUNDAY)


def test_log_refuses_a_slashed_date_with_the_iso_form_to_type(run) -> None:
    r = run("log", "Ran the review", "--gap", "strategy", "--date", "22/11/2026")
    assert r.exit_code == 2
    assert r.stderr == (
        "pm-coach: error: --date '22/11/2026' could be day-first or month-first, so it is not "
        "guessed.\n  hint: Write it as 2026-11-22 (year, month, day).\n"
    )
