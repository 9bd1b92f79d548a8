"""The support network: who helps with which gap, who has gone quiet, whom to look for.

Pure functions over :class:`~pm_coach.models.network.Contact` values; ``today`` is passed in.
``plan`` uses :func:`people_for_gap`, :func:`quiet_contacts` and :func:`who_to_look_for`; the
``network`` commands use the rest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from pm_coach.errors import InputError, NotFoundError
from pm_coach.models.network import CONTACT_KINDS, Contact

QUIET_DAYS = 60

KIND_ROLE = {
    "coach": "helps with one near-term goal, usually for a set number of sessions",
    "mentor": "a long, two-way relationship that gives broad perspective",
    "circle": "a group of peers working on similar goals who hold each other to them",
}

# What kind of person to look for when a gap has nobody, for the gaps of the shipped maps.
_LOOK_FOR = {
    "strategy": (
        "a mentor who has run a product area at director level or above, to talk through how "
        "they choose bets and say no over the long run"
    ),
    "buy-in": (
        "a mentor from outside product (sales, finance or operations leadership) who can tell "
        "you how product decisions land across the organisation"
    ),
    "confidence": (
        "a coach for a near-term goal, such as your next leadership review: someone who will "
        "rehearse hard questions with you and review your decisions"
    ),
    "domain": (
        "a circle of peers in your industry (a meetup, a practitioner community or an "
        "association) to swap what each of you is learning about customers and the market"
    ),
    "delegation": (
        "a mentor who already leads product managers, to talk through handing over work, "
        "and a circle of new managers to compare notes with"
    ),
    "discovery": (
        "a mentor who runs customer research often, and who will sit in on one of your "
        "interviews and tell you what they noticed"
    ),
    "delivery": (
        "a coach for the next release: an experienced PM or engineering lead who will review "
        "your plan and your scope cuts as you go"
    ),
    "data": (
        "a data analyst willing to be your buddy for a quarter, answering questions and checking "
        "your queries and conclusions"
    ),
    "communication": (
        "a mentor a level or two above you who will read your updates and presentations and "
        "tell you what a busy reader takes away"
    ),
    "business": (
        "a mentor in finance or sales who can walk you through how the business makes money, "
        "and a circle of peers reading the same business books"
    ),
}


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def check_kind(kind: str) -> str:
    """Normalise a kind; an unknown one is an InputError naming the valid kinds."""
    value = kind.strip().lower()
    if value not in CONTACT_KINDS:
        raise InputError(
            f"unknown kind {kind!r}.",
            hint=f"Use one of: {', '.join(CONTACT_KINDS)} "
            "(a coach helps with one near-term goal, a mentor for the long run, "
            "a circle is a group of peers).",
        )
    return value


def find(contacts: Iterable[Contact], name: str) -> Contact | None:
    """The contact with this name, ignoring case and extra spaces."""
    key = _key(name)
    return next((c for c in contacts if _key(c.name) == key), None)


def _not_found(name: str) -> NotFoundError:
    return NotFoundError(
        f"no one called {name!r} in your network.",
        hint="See the names with 'pm-coach network list'.",
    )


def add(contacts: Sequence[Contact], contact: Contact) -> list[Contact]:
    """The contacts with ``contact`` added; a name already there is an InputError."""
    existing = find(contacts, contact.name)
    if existing is not None:
        raise InputError(
            f"{existing.name!r} is already in your network ({existing.kind}).",
            hint="Use another name (for example add a surname), or remove the old one first "
            f"with: pm-coach network rm {_quote(existing.name)}",
        )
    return [*contacts, contact]


def remove(contacts: Sequence[Contact], name: str) -> tuple[list[Contact], Contact]:
    """The contacts without the one named, and the one removed."""
    gone = find(contacts, name)
    if gone is None:
        raise _not_found(name)
    return [c for c in contacts if c is not gone], gone


def touch(contacts: Sequence[Contact], name: str, when: dt.date) -> tuple[list[Contact], Contact]:
    """Record a conversation on ``when``; never moves ``last_contact`` backwards."""
    target = find(contacts, name)
    if target is None:
        raise _not_found(name)
    latest = max(when, target.last_contact) if target.last_contact else when
    updated = target.model_copy(update={"last_contact": latest})
    return [updated if c is target else c for c in contacts], updated


def _kind_order(c: Contact) -> tuple[int, str]:
    return CONTACT_KINDS.index(c.kind), c.name.casefold()


def people_for_gap(contacts: Iterable[Contact], gap_id: str) -> list[Contact]:
    """The contacts who help with ``gap_id``: coaches first, then mentors, then circles."""
    return sorted((c for c in contacts if gap_id in c.helps), key=_kind_order)


def last_seen(contact: Contact) -> dt.date:
    """The last conversation, or the day the contact was added when none is recorded."""
    return contact.last_contact or contact.created.date()


def days_quiet(contact: Contact, today: dt.date) -> int:
    return max(0, (today - last_seen(contact)).days)


def quiet_contacts(
    contacts: Iterable[Contact], today: dt.date, days: int = QUIET_DAYS
) -> list[Contact]:
    """Contacts with no recorded conversation in the last ``days`` days, quietest first.

    A contact never touched counts from the day it was added, so someone added last week is
    not yet quiet.
    """
    quiet = [c for c in contacts if days_quiet(c, today) >= days]
    return sorted(quiet, key=lambda c: (last_seen(c), c.name.casefold()))


def who_to_look_for(gap_id: str) -> str:
    """What kind of person to look for when nobody in the network helps with ``gap_id``."""
    known = _LOOK_FOR.get(gap_id)
    if known:
        return f"Look for {known}."
    return (
        f"Look for a coach if '{gap_id}' is tied to a near-term goal, a mentor who is strong in "
        "it for the long run, or a circle of peers working on it too."
    )


def _quote(name: str) -> str:
    return f'"{name}"' if any(ch.isspace() for ch in name) else name


def build_contact(
    *,
    name: str,
    kind: str,
    helps: Iterable[str],
    contact: str,
    note: str,
    gap_ids: Sequence[str],
    created: dt.datetime,
) -> Contact:
    """Validate what was typed and make a :class:`Contact`; every problem is an InputError."""
    from pydantic import ValidationError

    checked_kind = check_kind(kind)
    gaps: list[str] = []
    for raw in helps:
        gap = raw.strip().lower()
        if gap not in gap_ids:
            raise InputError(
                f"unknown gap {raw!r} for --helps.", hint=f"Use one of: {', '.join(gap_ids)}."
            )
        if gap not in gaps:
            gaps.append(gap)
    try:
        return Contact(
            name=" ".join(name.split()),
            kind=checked_kind,  # type: ignore[arg-type]
            helps=gaps,
            contact=contact,
            note=note,
            created=created,
        )
    except ValidationError as exc:
        err = exc.errors()[0]
        field = str(err["loc"][0]) if err["loc"] else "contact"
        flag = "NAME" if field == "name" else f"--{field}"
        msg = err["msg"]
        if err["type"] == "string_too_short":
            msg = "is empty"
        elif err["type"] == "string_too_long":
            msg = f"is too long (at most {(err.get('ctx') or {}).get('max_length')} characters)"
        raise InputError(
            f"{flag}: {msg}.", hint="Fix that value and run the command again."
        ) from None
