"""Turning a jrnl JSON export or a CSV file into evidence entries, all or nothing.

Pure: the caller reads the file and passes its text, the skill map, ``today`` and the creation
time. Any problem raises :class:`~pm_coach.errors.DataFileError` naming the file, the entry or
row number and what is wrong, so the caller writes nothing. The rules are documented for users
in docs/import.md.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pm_coach.core.evidence import EvidenceInput, build_entry
from pm_coach.errors import DataFileError, Hint, InputError
from pm_coach.models import Evidence, SkillMap
from pm_coach.models.common import TEXT_MAX

if TYPE_CHECKING:
    from pm_coach.core.gap_model import GapModel

ELLIPSIS = "…"
CSV_REQUIRED = ("date", "text")
CSV_OPTIONAL = ("gap", "result", "metric", "tag", "goal", "scope", "kind", "org", "action")
CSV_ALIASES = {"gaps": "gap", "metrics": "metric", "tags": "tag"}
SEPARATOR = ";"
STARRED_TAG = "starred"
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
PLACEHOLDER_ID = "new"


@dataclass(frozen=True)
class Candidate:
    """One entry read from the file, validated, not yet given an id."""

    where: str  # "entry 3" or "row 5", for messages
    entry: Evidence
    suggested: str | None = None  # the gap applied by suggestion, if any


@dataclass(frozen=True)
class ImportPlan:
    new: list[Candidate]
    duplicates: list[Candidate]


# --- shared helpers ---------------------------------------------------------------------------


def one_line(text: str) -> str:
    """Collapse every run of whitespace (line breaks included) into one space."""
    return " ".join(text.split())


def clip(text: str, limit: int = TEXT_MAX) -> str:
    """Shorten ``text`` to at most ``limit`` characters, ending in "…".

    The cut falls at the last space before the limit when there is one in the second half, so
    words are not split; otherwise mid-word.
    """
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip() + ELLIPSIS


def _fail(source: str, where: str, message: str, hint: str | Hint | None = None) -> DataFileError:
    """An error in the file being imported; the hint always says that nothing was imported
    (a hint naming a command is for a value typed on the command line, not for a file)."""
    if not hint or isinstance(hint, Hint):
        hint = "Fix it in the file and run the import again; nothing was imported."
    elif "nothing was imported" not in hint.lower():
        hint = f"{hint.rstrip('.')}. Nothing was imported."
    return DataFileError(f"{source}, {where}: {message}", hint=hint)


def _date(value: object, today: dt.date, source: str, where: str) -> str:
    if not isinstance(value, str) or not _ISO.match(value.strip()):
        raise _fail(source, where, f"date {value!r} is not written as YYYY-MM-DD.")
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise _fail(source, where, f"date {value!r} is not a real calendar day.") from None
    if day > today:
        raise _fail(
            source,
            where,
            f"date {day.isoformat()} is in the future (today is {today.isoformat()}).",
            hint="Evidence records what already happened: correct the date or remove the "
            "entry, then run the import again; nothing was imported.",
        )
    if day.year < 1970:
        raise _fail(source, where, f"date {day.isoformat()} is before 1970.")
    return day.isoformat()


_FLAG_NAMES = {
    "TEXT": "text",
    "--result": "result",
    "--metric": "metric",
    "--tag": "tag",
    "--goal": "goal",
    "--date": "date",
    "--scope": "scope",
}


def _build(
    raw: EvidenceInput,
    *,
    skill_map: SkillMap,
    today: dt.date,
    created: dt.datetime,
    source: str,
    where: str,
    flags: bool,
) -> Evidence:
    try:
        return build_entry(
            raw, entry_id=PLACEHOLDER_ID, skill_map=skill_map, today=today, created=created
        )
    except InputError as exc:
        message = exc.message
        if not flags:
            for flag, column in _FLAG_NAMES.items():
                if message.startswith(flag + ":"):
                    message = column + message[len(flag) :]
        raise _fail(source, where, message, exc.hint) from None


def _suggest(
    raw: EvidenceInput, skill_map: SkillMap, enabled: bool, model: GapModel | None
) -> str | None:
    if not enabled or raw.gaps:
        return None
    from pm_coach.core.suggest import suggest_gap

    found = suggest_gap(raw.text, raw.result, skill_map, model)
    if found is None:
        return None
    raw.gaps = [found.gap]
    return found.gap


def _candidate(
    raw: EvidenceInput,
    skill_map: SkillMap,
    today: dt.date,
    created: dt.datetime,
    source: str,
    where: str,
    suggest: bool,
    model: GapModel | None,
) -> Candidate:
    """One imported row or entry: suggest a gap if it has none, then validate it."""
    suggested = _suggest(raw, skill_map, suggest, model)
    entry = _build(
        raw,
        skill_map=skill_map,
        today=today,
        created=created,
        source=source,
        where=where,
        flags=False,
    )
    return Candidate(where, entry, suggested)


# --- jrnl -------------------------------------------------------------------------------------


def parse_jrnl(
    text: str,
    *,
    source: str,
    skill_map: SkillMap,
    today: dt.date,
    created: dt.datetime,
    suggest: bool = True,
    model: GapModel | None = None,
) -> list[Candidate]:
    """Entries of a ``jrnl --format json`` export, in file order.

    Title → text, body → result (each made one line and clipped to the length limit), date
    kept, a tag naming a gap (its id or one of its keywords, any word form) → that gap, other
    tags → tags without the "@", starred → the tag "starred".
    """
    import json

    from pm_coach.core.suggest import gap_for_label

    if not text.strip():
        raise _fail(
            source,
            "whole file",
            "the file is empty: it holds no jrnl entries.",
            hint="jrnl writes an empty file when its filter matches no entry; check the filter "
            "(or leave it out) and export again with: jrnl --format json > FILE",
        )
    try:
        doc = json.loads(text)
    except (RecursionError, ValueError) as exc:
        if not isinstance(exc, json.JSONDecodeError):  # nested too deep, or a huge integer
            raise _fail(
                source,
                "somewhere in the file",
                "not valid JSON for pm-coach: values nested too deeply or a number with too "
                "many digits.",
                hint="Export it again with: jrnl --format json > FILE",
            ) from None
        raise _fail(
            source,
            f"line {exc.lineno}, column {exc.colno}",
            f"not valid JSON: {exc.msg}.",
            hint="Export it again with: jrnl --format json > FILE",
        ) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("entries"), list):
        raise _fail(
            source,
            "top level",
            'this is not a jrnl JSON export (no "entries" list).',
            hint="Export it with: jrnl --format json > FILE",
        )
    out: list[Candidate] = []
    for number, item in enumerate(doc["entries"], start=1):
        where = f"entry {number}"
        if not isinstance(item, dict):
            raise _fail(source, where, "is not a JSON object.")
        title = item.get("title", "")
        body = item.get("body", "")
        if not isinstance(title, str) or not isinstance(body, str):
            raise _fail(source, where, '"title" and "body" must be text.')
        day = _date(item.get("date"), today, source, where)
        tags_raw = item.get("tags", [])
        if not isinstance(tags_raw, list) or not all(isinstance(t, str) for t in tags_raw):
            raise _fail(source, where, '"tags" must be a list of text.')
        title, body = one_line(title), one_line(body)
        title, body = strip_tags(title, tags_raw), strip_tags(body, tags_raw)
        if not title:
            title, body = body, ""
        if not title:
            raise _fail(source, where, "has neither a title nor a body.")
        gaps: list[str] = []
        tags: list[str] = []
        for tag in tags_raw:
            label = tag.strip().lstrip("@#").strip()
            if not label:
                continue
            gap = gap_for_label(label, skill_map)
            if gap is not None:
                if gap not in gaps:
                    gaps.append(gap)
            elif label not in tags:
                tags.append(label)
        if item.get("starred") is True and STARRED_TAG not in tags:
            tags.append(STARRED_TAG)
        raw = EvidenceInput(text=clip(title), result=clip(body), gaps=gaps, tags=tags, date=day)
        out.append(_candidate(raw, skill_map, today, created, source, where, suggest, model))
    return out


def strip_tags(text: str, tags: Iterable[str]) -> str:
    """``text`` without the jrnl tag tokens (``@handover``) it holds: jrnl keeps them in the body,
    and once mapped to gaps and tags they are noise in a CV line. Only the export's own tags,
    written with their symbol, are removed, in any case; the spaces they leave are tidied."""
    tokens = sorted({t.strip() for t in tags if t.strip()[:1] in ("@", "#")}, key=len, reverse=True)
    if not tokens:
        return text
    pattern = re.compile(
        r"(?<![\w@#])(?:" + "|".join(re.escape(t) for t in tokens) + r")(?![\w-])", re.IGNORECASE
    )
    out = one_line(pattern.sub(" ", text))
    out = re.sub(r"\s+([,.;:!?)])", r"\1", out)
    return re.sub(r"(?:\s*[,;:(])+$", "", out).strip()


# --- CSV --------------------------------------------------------------------------------------


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(SEPARATOR) if part.strip()]


def _gap_ids(values: Iterable[str], skill_map: SkillMap) -> list[str]:
    """Gap ids as typed, or gap names (any case), turned into ids; unknown ones left for
    check_gaps to report."""
    by_name = {g.name.casefold(): g.id for g in skill_map.gaps}
    return [by_name.get(v.casefold(), v) for v in values]


def parse_csv(
    text: str,
    *,
    source: str,
    skill_map: SkillMap,
    today: dt.date,
    created: dt.datetime,
    suggest: bool = True,
    model: GapModel | None = None,
) -> list[Candidate]:
    """Rows of a CSV file with a header row, in file order.

    Columns: ``date`` and ``text`` required; ``gap``, ``result``, ``metric``, ``tag``, ``goal``,
    ``scope``, ``kind``, ``org`` and ``action`` optional, several values in one cell separated
    by ";". Rows are numbered as a spreadsheet shows them: the header is row 1. Blank rows are
    skipped.
    """
    import csv
    import io

    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise _fail(source, f"row {reader.line_num}", f"not valid CSV: {exc}.") from None
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise _fail(
            source,
            "row 1",
            "the header row is missing.",
            hint="The first row must name the columns, e.g. date,text,gap,result",
        )
    columns: list[str] = []
    known = (*CSV_REQUIRED, *CSV_OPTIONAL)
    for cell in rows[0]:
        name = cell.strip().lower()
        name = CSV_ALIASES.get(name, name)
        if name not in known:
            raise _fail(
                source,
                "row 1",
                f"unknown column {cell.strip()!r}.",
                hint=f"Columns pm-coach reads: {', '.join(known)}. Rename or remove the column, "
                "then run the import again; nothing was imported.",
            )
        if name in columns:
            raise _fail(source, "row 1", f"the column {name!r} appears twice.")
        columns.append(name)
    missing = [c for c in CSV_REQUIRED if c not in columns]
    if missing:
        raise _fail(
            source,
            "row 1",
            f"the required column(s) {', '.join(missing)} are missing.",
            hint="The header needs at least: date,text",
        )
    out: list[Candidate] = []
    for number, cells in enumerate(rows[1:], start=2):
        where = f"row {number}"
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(columns):
            raise _fail(
                source,
                where,
                f"has {len(cells)} cells but the header names {len(columns)} columns.",
                hint='Put quotes around a cell that contains a comma, e.g. "Cut scope, shipped '
                'early"; nothing was imported.',
            )
        row = dict(zip(columns, [c.strip() for c in cells], strict=False))
        day = _date(row.get("date", ""), today, source, where)
        body = one_line(row.get("text", ""))
        if not body:
            raise _fail(source, where, "the text cell is empty.")
        raw = EvidenceInput(
            text=body,
            result=one_line(row.get("result", "")),
            gaps=_gap_ids(_split(row.get("gap", "")), skill_map),
            metrics=_split(row.get("metric", "")),
            tags=_split(row.get("tag", "")),
            goal=one_line(row.get("goal", "")),
            date=day,
            scope=row.get("scope", ""),
            kind=row.get("kind", "").lower() or "work",
            org=one_line(row.get("org", "")),
            action=one_line(row.get("action", "")),
        )
        out.append(_candidate(raw, skill_map, today, created, source, where, suggest, model))
    return out


# --- duplicates -------------------------------------------------------------------------------


def duplicate_key(entry: Evidence) -> tuple[dt.date, str]:
    """Two entries are the same evidence when they share a date and text (ignoring case and
    spacing)."""
    return entry.date, one_line(entry.text).casefold()


def split_duplicates(candidates: Sequence[Candidate], existing: Iterable[Evidence]) -> ImportPlan:
    """Separate what is new from what the log (or an earlier row of the file) already has."""
    seen = {duplicate_key(e) for e in existing}
    new: list[Candidate] = []
    dupes: list[Candidate] = []
    for c in candidates:
        key = duplicate_key(c.entry)
        if key in seen:
            dupes.append(c)
        else:
            seen.add(key)
            new.append(c)
    return ImportPlan(new, dupes)
