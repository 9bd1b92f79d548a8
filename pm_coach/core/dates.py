"""Parsing the dates a person types: ``2026-03-14``, ``yesterday``, ``2 weeks ago``, ``last fri``,
``3 Nov``. Every relative form is counted from the ``today`` given; nothing here reads a clock."""

from __future__ import annotations

import datetime as dt
import re

from pm_coach.errors import InputError

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
EARLIEST = dt.date(1970, 1, 1)
ACCEPTED_FORMS = (
    "YYYY-MM-DD (e.g. 2026-03-14), 'today', 'yesterday' (or 'yesterday morning'), "
    "'N days ago', 'N weeks ago', 'last fri' (any day, short or in full), "
    "or a day and month such as '3 Nov' or 'Nov 3' (the most recent one)"
)
# The same, short enough to sit beside a question in the log form.
EXAMPLES = "e.g. yesterday, 3 days ago, 2 weeks ago, last fri, 3 Nov, 2026-03-14"

_AGO = re.compile(r"^(\d{1,5})\s+(day|week)s?\s+ago$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DAY_MONTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?(?:,?\s+(\d{4}))?$")
_MONTH_DAY = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?$")
_SLASHED = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$")
_PARTS_OF_DAY = ("", "morning", "afternoon", "evening", "night")


FURTHEST = dt.timedelta(days=36525)  # 100 years: room for any plan, far from the year 9999


def _name_index(word: str, names: tuple[str, ...]) -> int | None:
    """Which of ``names`` ``word`` is, written in full or cut to three letters or more
    (``fri``, ``thurs``, ``sept``); None when it is none of them."""
    if len(word) < 3:
        return None
    for i, name in enumerate(names):
        if name.startswith(word) or (name == "september" and word == "sept"):
            return i
    return None


def _recent_day(day: int, month: int, today: dt.date) -> dt.date | None:
    """The most recent ``day`` of ``month`` that is not after ``today`` (29 Feb goes back to the
    last leap year); None when no month has such a day."""
    for year in range(today.year, today.year - 8, -1):
        try:
            value = dt.date(year, month, day)
        except ValueError:
            continue
        if value <= today:
            return value
    return None


def _day_and_month(raw: str, today: dt.date, text: str, what: str) -> dt.date | None:
    """``3 Nov``, ``Nov 3``, ``3rd November``, ``Nov 3 2025``; None when ``raw`` is not that."""
    if m := _DAY_MONTH.match(raw):
        day, month_word, year = m.group(1), m.group(2), m.group(3)
    elif m := _MONTH_DAY.match(raw):
        month_word, day, year = m.group(1), m.group(2), m.group(3)
    else:
        return None
    month = _name_index(month_word, MONTHS)
    if month is None:
        return None
    if year is not None:
        try:
            return dt.date(int(year), month + 1, int(day))
        except ValueError as exc:
            raise InputError(
                f"{what} {text!r} is not a real calendar day ({exc}).",
                hint=f"Accepted forms: {ACCEPTED_FORMS}.",
            ) from None
    value = _recent_day(int(day), month + 1, today)
    if value is None:
        raise InputError(
            f"{what} {text!r} is not a real calendar day.",
            hint=f"Accepted forms: {ACCEPTED_FORMS}.",
        )
    return value


def _refuse_slashed(raw: str, text: str, what: str) -> None:
    """``22/11/2026`` and the like: day-first or month-first cannot be told apart, so say which
    ISO date (or dates) it could mean instead of guessing."""
    m = _SLASHED.match(raw)
    if m is None:
        return
    a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if year < 100:
        year += 2000
    readings: list[str] = []
    for day, month in ((a, b), (b, a)):
        try:
            iso = dt.date(year, month, day).isoformat()
        except ValueError:
            continue
        if iso not in readings:
            readings.append(iso)
    if not readings:
        raise InputError(
            f"{what} {text!r} is not a real calendar day, read day-first or month-first.",
            hint="Write the date as YYYY-MM-DD (year, month, day), e.g. 2026-03-14.",
        )
    if len(readings) == 1:
        hint = f"Write it as {readings[0]} (year, month, day)."
    else:
        hint = f"Write {readings[0]} or {readings[1]} (year, month, day), whichever you meant."
    raise InputError(
        f"{what} {text!r} could be day-first or month-first, so it is not guessed.",
        hint=hint,
    )


def parse_date(
    text: str, today: dt.date, *, allow_future: bool = False, what: str = "date"
) -> dt.date:
    """Turn a typed date into a :class:`datetime.date`, relative to ``today``.

    ``last <weekday>`` is the most recent such day strictly before today (on a Monday,
    ``last monday`` is a week ago); ``3 Nov`` is the most recent 3 November not after today.
    Dates before 1970 and, unless ``allow_future``, after ``today`` are refused.
    """
    raw = " ".join(text.strip().lower().split())
    first, _, rest = raw.partition(" ")
    value: dt.date | None = None
    if raw == "today" or (first == "this" and rest in _PARTS_OF_DAY[1:]):
        value = today
    elif first == "yesterday" and rest in _PARTS_OF_DAY:
        value = today - dt.timedelta(days=1)
    elif m := _AGO.match(raw):
        days = int(m.group(1)) * (7 if m.group(2) == "week" else 1)
        value = today - dt.timedelta(days=days)
    elif first == "last" and (wanted := _name_index(rest, WEEKDAYS)) is not None:
        back = (today.weekday() - wanted) % 7 or 7
        value = today - dt.timedelta(days=back)
    elif m := _ISO.match(raw):
        try:
            value = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError as exc:
            raise InputError(
                f"{what} {text!r} is not a real calendar day ({exc}).",
                hint=f"Accepted forms: {ACCEPTED_FORMS}.",
            ) from None
    else:
        value = _day_and_month(raw, today, text, what)
    if value is None:
        _refuse_slashed(raw, text, what)
        raise InputError(
            f"{what} {text!r} is not a date pm-coach understands.",
            hint=f"Accepted forms: {ACCEPTED_FORMS}.",
        )
    if value < EARLIEST:
        raise InputError(
            f"{what} {value.isoformat()} is before 1970.", hint="Check the year you typed."
        )
    if not allow_future and value > today:
        raise InputError(
            f"{what} {value.isoformat()} is in the future (today is {today.isoformat()}).",
            hint="Evidence records what already happened: log it on the day it happens.",
        )
    if value > today + FURTHEST:
        raise InputError(
            f"{what} {value.isoformat()} is more than 100 years away.",
            hint="Check the year you typed.",
        )
    return value
