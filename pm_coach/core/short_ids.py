"""Ids typed in short: any unique start of 3 or more characters stands for the whole id.

An id typed in full always wins, even when it is also the start of a longer one. A start shared
by several ids is a usage error that lists them, so the person can type one more character.
"""

from __future__ import annotations

from collections.abc import Mapping

from pm_coach.errors import InputError

MIN_PREFIX = 3
SHOWN = 10  # the most matches an ambiguous start lists


def resolve_id(typed: str, known: Mapping[str, str], *, what: str) -> str | None:
    """The id in ``known`` (id -> a few words about it) that ``typed`` names, in full or as a
    unique start of at least :data:`MIN_PREFIX` characters; None when none matches.

    An ambiguous start raises :class:`InputError` (exit 2) listing the ids it could be.
    """
    wanted = typed.strip().lower()
    if wanted in known:
        return wanted
    if len(wanted) < MIN_PREFIX:
        return None
    matches = [i for i in known if i.startswith(wanted)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        return None
    lines = [f"  {i}  {known[i]}".rstrip() for i in sorted(matches)[:SHOWN]]
    if len(matches) > SHOWN:
        lines.append(f"  … and {len(matches) - SHOWN} more")
    raise InputError(
        f"{typed.strip()!r} is the start of {len(matches)} {what} ids:\n" + "\n".join(lines),
        hint="Type more of the id, enough to tell it from the others.",
    )
