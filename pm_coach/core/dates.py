"""Parsing the dates a person types: ``2026-03-14``, ``today``, ``3 days ago``, ``last friday``."""

from __future__ import annotations

import datetime as dt
import re

from pm_coach.errors import InputError

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
EARLIEST = dt.date(1970, 1, 1)
ACCEPTED_FORMS = (
    "YYYY-MM-DD (e.g. 2026-03-14), 'today', 'yesterday', 'N days ago' (e.g. '3 days ago'), "
    "or 'last monday' … 'last sunday'"
)

_DAYS_AGO = re.compile(r"^(\d{1,5})\s+days?\s+ago$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


FURTHEST = dt.timedelta(days=36525)  # 100 years: room for any plan, far from the year 9999


def parse_date(
    text: str, today: dt.date, *, allow_future: bool = False, what: str = "date"
) -> dt.date:
    """Turn a typed date into a :class:`datetime.date`, relative to ``today``.

    ``last <weekday>`` is the most recent such day strictly before today (on a Monday,
    ``last monday`` is a week ago). Dates before 1970 and, unless ``allow_future``, after
    ``today`` are refused.
    """
    raw = text.strip().lower()
    value: dt.date | None = None
    if raw == "today":
        value = today
    elif raw == "yesterday":
        value = today - dt.timedelta(days=1)
    elif m := _DAYS_AGO.match(raw):
        value = today - dt.timedelta(days=int(m.group(1)))
    elif raw.startswith("last ") and raw[5:].strip() in WEEKDAYS:
        wanted = WEEKDAYS.index(raw[5:].strip())
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
    if value is None:
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
