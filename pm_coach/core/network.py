"""The support network: who helps with which gap, who has gone quiet, whom to look for.

Pure functions over :class:`~pm_coach.models.network.Contact` values; ``today`` is passed in.
``plan`` uses :func:`people_for_gap`, :func:`quiet_contacts` and :func:`who_to_look_for`; the
``network`` commands use the rest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from pm_coach.errors import Hint, InputError, NotFoundError, did_you_mean
from pm_coach.models.common import slug
from pm_coach.models.network import CONTACT_KINDS, HELPER_KINDS, Contact, Conversation

T = TypeVar("T")

QUIET_DAYS = 60

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
            "a circle is a group of peers, a mentee is someone you mentor).",
        )
    return value


def find(contacts: Iterable[Contact], name: str) -> Contact | None:
    """The contact with this name, ignoring case and extra spaces."""
    key = _key(name)
    return next((c for c in contacts if _key(c.name) == key), None)


def get(contacts: Iterable[Contact], name: str) -> Contact:
    """The contact with this name; a NotFoundError when there is none."""
    found = find(contacts, name)
    if found is None:
        raise _not_found(name, contacts)
    return found


def _not_found(name: str, contacts: Iterable[Contact]) -> NotFoundError:
    return NotFoundError(
        f"no one called {name!r} in your network.",
        hint=Hint("network-names", near=did_you_mean(name, [c.name for c in contacts])),
    )


def add(contacts: Sequence[Contact], contact: Contact) -> list[Contact]:
    """The contacts with ``contact`` added; a name already there is an InputError."""
    existing = find(contacts, contact.name)
    if existing is not None:
        raise InputError(
            f"{existing.name!r} is already in your network ({existing.kind}).",
            hint=Hint("network-rm", name=name_arg(existing.name)),
        )
    return [*contacts, contact]


def remove(contacts: Sequence[Contact], name: str) -> tuple[list[Contact], Contact]:
    """The contacts without the one named, and the one removed."""
    gone = find(contacts, name)
    if gone is None:
        raise _not_found(name, contacts)
    return [c for c in contacts if c is not gone], gone


def touch(
    contacts: Sequence[Contact], name: str, when: dt.date, note: str = ""
) -> tuple[list[Contact], Contact]:
    """Add a conversation on ``when`` (with an optional note) to the contact's history."""
    target = find(contacts, name)
    if target is None:
        raise _not_found(name, contacts)
    talk = _checked(lambda: Conversation(date=when, note=note))
    updated = Contact.model_validate(
        {**target.model_dump(), "conversations": [*target.conversations, talk]}
    )
    return [updated if c is target else c for c in contacts], updated


def edit(
    contacts: Sequence[Contact],
    name: str,
    *,
    kind: str | None = None,
    helps: Sequence[str] | None = None,
    contact: str | None = None,
    note: str | None = None,
    gap_ids: Sequence[str],
) -> tuple[list[Contact], Contact]:
    """The contacts with the named one changed; ``None`` leaves a field as it is.

    ``helps`` replaces the whole list (an empty list, or one empty value, clears it).
    """
    target = find(contacts, name)
    if target is None:
        raise _not_found(name, contacts)
    changes: dict[str, object] = {}
    if kind is not None:
        changes["kind"] = check_kind(kind)
    if helps is not None:
        changes["helps"] = check_gaps([h for h in helps if h.strip()], gap_ids)
    if contact is not None:
        changes["contact"] = contact
    if note is not None:
        changes["note"] = note
    if not changes:
        raise InputError(
            "nothing to change.",
            hint="Give at least one of --kind, --helps, --contact or --note.",
        )
    updated = _checked(lambda: Contact.model_validate({**target.model_dump(), **changes}))
    return [updated if c is target else c for c in contacts], updated


def check_gaps(helps: Iterable[str], gap_ids: Sequence[str]) -> list[str]:
    """Gap ids for --helps, normalised and without repeats; an unknown one is an InputError."""
    gaps: list[str] = []
    for raw in (part for value in helps for part in value.split(",") if part.strip()):
        gap = slug(raw)
        if gap not in gap_ids:
            raise InputError(
                f"unknown gap {raw.strip()!r} for --helps.",
                hint=f"{did_you_mean(gap, gap_ids)}Use one of: {', '.join(gap_ids)}.",
            )
        if gap not in gaps:
            gaps.append(gap)
    return gaps


def _kind_order(c: Contact) -> tuple[int, str]:
    return CONTACT_KINDS.index(c.kind), c.name.casefold()


def people_for_gap(contacts: Iterable[Contact], gap_id: str) -> list[Contact]:
    """The contacts who help with ``gap_id``: coaches first, then mentors, then circles.

    Mentees are left out: the user helps them, not the other way round.
    """
    return sorted(
        (c for c in contacts if gap_id in c.helps and c.kind in HELPER_KINDS), key=_kind_order
    )


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


def name_arg(name: str) -> str:
    """A name as typed on a command line: bare when a shell reads it as one plain word
    (letters, digits, ``-``, ``_``, ``.``, ``@``), else in double quotes with ``\\ " $ ` ``
    escaped, so ``O'Brien`` or ``Ana "Nan" Li`` paste as themselves."""
    if name and all(ch.isalnum() or ch in "-_.@" for ch in name) and name[0] != "-":
        return name
    escaped = "".join("\\" + ch if ch in '\\"$`' else ch for ch in name)
    return f'"{escaped}"'


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
    checked_kind = check_kind(kind)
    gaps = check_gaps(helps, gap_ids)
    return _checked(
        lambda: Contact(
            name=" ".join(name.split()),
            kind=checked_kind,  # type: ignore[arg-type]
            helps=gaps,
            contact=contact,
            note=note,
            created=created,
        )
    )


def _checked(make: Callable[[], T]) -> T:
    """Run a model constructor; a validation error becomes an InputError naming the flag."""
    from pydantic import ValidationError

    try:
        return make()
    except ValidationError as exc:
        from pm_coach.models.validation import input_error

        field = str(exc.errors()[0]["loc"][0]) if exc.errors()[0]["loc"] else "contact"
        flag = "NAME" if field == "name" else f"--{field}"
        raise input_error(exc, {field: flag}, default="contact") from None
