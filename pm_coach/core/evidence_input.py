"""What a person typed for a new evidence entry, and the checks on it that need neither
pydantic nor the skill map's models: ``log``'s lean path (app/lean_log.py) uses them as they
are, and :func:`plain_record` says what the full validation would make of an entry when it is
sure to accept it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pm_coach.core.dates import parse_date
from pm_coach.errors import InputError, did_you_mean
from pm_coach.models.limits import EVIDENCE_KINDS, NOT_ONE_LINE, SCOPES, SHORT_MAX, TEXT_MAX
from pm_coach.models.names import slug


@dataclass
class EvidenceInput:
    """Raw values from flags or the interactive form, before validation."""

    text: str
    gaps: list[str] = field(default_factory=list)
    result: str = ""
    metrics: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    goal: str = ""
    date: str = "today"
    kind: str = "work"
    org: str = ""
    action: str = ""
    scope: str = ""  # "" when not said


def split_ids(values: Iterable[str]) -> list[str]:
    """Ids as typed, one per ``--gap`` or several with commas (``strategy,buy-in``)."""
    return [part for value in values for part in value.split(",") if part.strip()]


def check_scope(scope: str) -> str | None:
    """A scope as typed, lowercased; None for an empty one; anything unknown: InputError."""
    value = scope.strip().lower()
    if not value:
        return None
    if value not in SCOPES:
        raise InputError(
            f"unknown scope {scope!r}.",
            hint="Use one of: self (just you), team (your team), teams (several teams), "
            "company (the whole company), external (outside it: industry, community).",
        )
    return value


# Words that show how far a piece of work reached, widest scope first. Only a guess: the log
# form pre-selects it, and the user confirms or changes it.
_SCOPE_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "external",
        re.compile(
            r"\b(meetups?|conferences?|podcasts?|keynotes?|webinars?|industry panel)\b", re.I
        ),
    ),
    (
        "company",
        re.compile(
            r"(?<!sprint )(?<!kanban )(?<!jira )\bboard\b|\bexec(s|utives?)?\b"
            r"|\bcompany[- ]wide\b|\ball[- ]hands\b|\bwhole company\b|\bc-suite\b",
            re.I,
        ),
    ),
)


def guess_scope(text: str, result: str = "") -> tuple[str, str] | None:
    """``(scope, the word that shows it)`` from what was typed, widest first; None: no clue."""
    words = f"{text} {result}"
    for scope, pattern in _SCOPE_WORDS:
        found = pattern.search(words)
        if found:
            return scope, found.group(0)
    return None


def clean_list(values: Iterable[str]) -> list[str]:
    out: list[str] = []
    for v in values:
        v = v.strip()
        if v and v not in out:
            out.append(v)
    return out


def gap_ids_of(gaps: Iterable[str], map_id: str, known: Sequence[str]) -> list[str]:
    """Normalise gap ids (``Buy In`` is ``buy-in``; commas separate several; no repeats) and
    refuse ones the map ``map_id`` (whose gaps are ``known``) does not have, naming the near
    miss."""
    out: list[str] = []
    for raw in split_ids(gaps):
        gap = slug(raw)
        if gap not in known:
            raise InputError(
                f"unknown gap {raw.strip()!r} for the skill map {map_id!r}.",
                hint=f"{did_you_mean(gap, list(known))}Use one of: {', '.join(known)}.",
            )
        if gap not in out:
            out.append(gap)
    return out


# The fields of an entry in file order, and those a record keeps even when empty.
_ORDER = (
    "id", "date", "text", "result", "metrics", "gaps", "tags", "goal", "kind", "org", "scope",
    "bullet", "action", "created",
)  # fmt: skip
_ALWAYS = frozenset({"id", "date", "text", "kind", "created"})


def _one_line(value: str, limit: int) -> str | None:
    """``value`` as the model stores a one-line field (stripped), or None when the model might
    refuse it or strip it differently (a control character or line break anywhere, too long)."""
    if NOT_ONE_LINE.search(value):
        return None
    value = value.strip()
    return value if len(value) <= limit else None


def plain_record(
    raw: EvidenceInput,
    *,
    entry_id: str,
    map_id: str,
    gap_ids: Sequence[str],
    today: dt.date,
    created: dt.datetime,
) -> dict[str, object] | None:
    """The record (``Evidence.to_record()``) that validating ``raw`` would give, without
    pydantic, for input it is sure to accept; None for anything else (an action, which needs the
    whole map, or any value the full validation might refuse), so that the caller can hand over
    to it and its messages. ``tests/test_lean_log.py`` holds the two to the same answers."""
    if raw.action.strip():
        return None
    text = _one_line(raw.text, TEXT_MAX)
    result, goal, org = (_one_line(v, TEXT_MAX) for v in (raw.result, raw.goal, raw.org))
    if not text or result is None or goal is None or org is None:
        return None
    lists = [raw.metrics, [t.lstrip("#") for t in raw.tags]]
    if any(_one_line(v, SHORT_MAX) is None for values in lists for v in values):
        return None
    kind = raw.kind.strip().lower()
    if kind not in EVIDENCE_KINDS:
        return None
    try:
        values: dict[str, object] = {
            "id": entry_id,
            "date": parse_date(raw.date, today, what="--date"),
            "text": text,
            "result": result,
            "metrics": clean_list(lists[0]),
            "gaps": gap_ids_of(raw.gaps, map_id, gap_ids),
            "tags": clean_list(lists[1]),
            "goal": goal,
            "kind": kind,
            "org": org,
            "scope": check_scope(raw.scope),
            "bullet": "",
            "action": "",
            "created": created,
        }
    except InputError:
        return None
    return {k: values[k] for k in _ORDER if k in _ALWAYS or values[k] not in ("", [], None)}
