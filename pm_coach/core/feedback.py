"""Ratings from others: the form a rater reads, the answers template they fill in, checking
what comes back, and each rater's latest ratings for calibration.

Pure: text and models in, text and models out; the caller reads and writes the files.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pm_coach.core.calibration import Rater
from pm_coach.errors import DataFileError, InputError
from pm_coach.models import SkillMap
from pm_coach.models.common import SHORT_MAX, TEXT_MAX
from pm_coach.models.feedback import RELATIONS, Feedback

ANSWER_KEYS = ("map", "levels", "notes")


@dataclass
class Answers:
    """What a rater gave, per gap id."""

    map: str | None = None
    levels: dict[str, int] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)


# --- checking what the user typed ------------------------------------------------------------


def check_name(name: str) -> str:
    """The rater's name: one line, 1-200 characters."""
    clean = " ".join(name.split())
    if not clean:
        raise InputError("the rater's name is empty.", hint='Give a name, e.g. "Dana Reyes".')
    if len(clean) > SHORT_MAX or any(ord(ch) < 32 or ord(ch) == 127 for ch in clean):
        raise InputError(
            f"the rater's name must be one line of at most {SHORT_MAX} characters.",
            hint="Use the name you know them by.",
        )
    return clean


def check_relation(relation: str | None) -> str | None:
    if relation is None or not relation.strip():
        return None
    value = relation.strip().lower()
    if value not in RELATIONS:
        raise InputError(
            f"unknown relation {relation!r}.", hint=f"Use one of: {', '.join(RELATIONS)}."
        )
    return value


def slug(name: str) -> str:
    """A file-name-safe form of a name: "Dana Reyes" → "dana-reyes"."""
    out = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")
    return out[:40] or "rater"


# --- the answers file ------------------------------------------------------------------------


def key_line(text: str, table: str | None, key: str) -> int | None:
    """The line (1-based) where ``key`` is set inside ``[table]`` (None: the top level)."""
    current: str | None = None
    header = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]\s*(#.*)?$")
    setting = re.compile(r'^\s*(?:"([^"]*)"|\'([^\']*)\'|([A-Za-z0-9_-]+))\s*=')
    for number, line in enumerate(text.splitlines(), start=1):
        found = header.match(line)
        if found:
            current = found.group(1).strip().strip('"')
            continue
        found = setting.match(line)
        if found and current == table:
            name = next(g for g in found.groups() if g is not None)
            if name == key:
                return number
    return None


def _level(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if 1 <= value <= 5 else None


def parse_answers(
    doc: Mapping[str, Any], text: str, skill_map: SkillMap, *, source: str
) -> Answers:
    """Check a filled-in answers file against the map. Gaps may be left out; every problem
    found is listed, each with its line, in one :class:`DataFileError`."""
    problems: list[str] = []

    def at(table: str | None, key: str) -> str:
        line = key_line(text, table, key)
        where = f"{table}.{key}" if table else key
        return f"line {line}: {where}" if line else where

    for key in doc:
        if key not in ANSWER_KEYS:
            problems.append(
                f"{at(None, key) if not isinstance(doc[key], dict) else key}: unknown entry "
                f'{key!r}; the file holds map = "…", [levels] and [notes]'
            )
    answers = Answers()
    named = doc.get("map")
    if named is not None:
        if not isinstance(named, str) or named.strip().lower() != skill_map.id:
            problems.append(
                f"{at(None, 'map')}: the answers are for the map {named!r}, but the ratings "
                f"are being added to {skill_map.id!r}"
            )
        else:
            answers.map = skill_map.id
    known = skill_map.gap_ids
    tables: dict[str, dict[str, Any]] = {}
    for name in ("levels", "notes"):
        value = doc.get(name, {})
        if not isinstance(value, dict):
            problems.append(f"{at(None, name)}: must be a table, written [{name}] on its own line")
            value = {}
        tables[name] = value
    for gap_id, value in tables["levels"].items():
        where = at("levels", gap_id)
        if gap_id not in known:
            problems.append(
                f"{where}: the map {skill_map.id!r} has no gap {gap_id!r} "
                f"(its gaps: {', '.join(known)})"
            )
            continue
        level = _level(value)
        if level is None:
            problems.append(f"{where}: {value!r} is not a level; use a whole number from 1 to 5")
            continue
        answers.levels[gap_id] = level
    for gap_id, value in tables["notes"].items():
        where = at("notes", gap_id)
        if gap_id not in known:
            problems.append(f"{where}: the map {skill_map.id!r} has no gap {gap_id!r}")
        elif not isinstance(value, str):
            problems.append(f"{where}: a note must be text in quotes")
        elif len(value) > TEXT_MAX or any(ord(ch) < 32 for ch in value):
            problems.append(f"{where}: a note must be one line of at most {TEXT_MAX} characters")
        elif value.strip():
            answers.notes[gap_id] = value.strip()
    if not problems and not answers.levels:
        problems.append(
            "no level given: fill in at least one gap under [levels] (remove the # at the "
            "start of its line and put a number from 1 to 5 after the =)"
        )
    if problems:
        unique = list(dict.fromkeys(problems))
        shown = "\n  ".join(unique)
        raise DataFileError(
            f"{source} has {len(unique)} problem(s):\n  {shown}",
            hint="Fix the file and run the command again; nothing was saved.",
        )
    return answers


# --- the form and the template ---------------------------------------------------------------


def _md(text: str) -> str:
    out = text.replace("\\", "\\\\")
    for ch in "*_`[]<>#|":
        out = out.replace(ch, "\\" + ch)
    return out


def form_markdown(skill_map: SkillMap, name: str, person: str, template_name: str) -> str:
    """The form a rater reads: per gap its summary and its five statements, without numbers
    and without the PM's own ratings."""
    if person:
        p = _md(person)
        title = f"How do you see {p}'s work?"
        ask = (
            f"{p} would value your honest view of where they stand today on the areas a "
            f"{_md(skill_map.to_role)} needs. For each area, tick the one statement that best "
            f"matches what you have seen {p} do, not what they could do on a good day."
        )
    else:
        title = "How do you see my work?"
        ask = (
            "I would value your honest view of where I stand today on the areas a "
            f"{_md(skill_map.to_role)} needs. For each area, tick the one statement that best "
            "matches what you have seen me do, not what I could do on a good day."
        )
    lines = [
        f"# {title}",
        "",
        f"Hello {_md(name)},",
        "",
        ask + " Skip any area you have not seen enough of. A line on why helps more than "
        "anything else.",
        "",
        "The statements are written as the person being rated would say them.",
        "",
    ]
    for gap in skill_map.gaps:
        lines += [f"## {_md(gap.name)}", "", _md(gap.summary), ""]
        lines += [f"- [ ] {_md(statement)}" for statement in gap.levels]
        lines += ["", "Why (optional):", ""]
    lines += [
        "## Sending your answers back",
        "",
        "Reply with the ticked boxes, or fill in the answers file that came with this form"
        + (f" (`{_md(template_name)}`)" if template_name else "")
        + ": under `[levels]`, the first statement of an area counts as 1 and the last as 5.",
        "",
    ]
    return "\n".join(lines)


def _toml_comment(text: str) -> str:
    return " ".join(text.split())


def answers_template(skill_map: SkillMap, name: str) -> str:
    """The answers file in the format of ``assess --answers``, every line commented out."""
    from pm_coach.models.skillmap import LEVEL_COUNT

    lines = [
        f"# Answers from {_toml_comment(name)}, for the map {skill_map.id!r}.",
        "# For each area you rate, remove the # at the start of its line under [levels] and",
        "# put the number of the statement that fits best (1 = the first one, 5 = the last).",
        "# Leave out any area you have not seen enough of. A note goes in quotes, on one line.",
        "",
        f'map = "{skill_map.id}"',
        "",
        "[levels]",
    ]
    for gap in skill_map.gaps:
        lines.append(f"# {_toml_comment(gap.name)}:")
        for number in range(1, LEVEL_COUNT + 1):
            lines.append(f"#   {number}: {_toml_comment(gap.levels[number - 1])}")
        lines.append(f"# {gap.id} = ")
    lines += ["", "[notes]"]
    lines += [f'# {gap.id} = ""' for gap in skill_map.gaps]
    return "\n".join(lines) + "\n"


# --- others' latest ratings ------------------------------------------------------------------


def latest_raters(items: Iterable[Feedback], map_id: str) -> list[Rater]:
    """Each person's latest answers for ``map_id`` (names compared ignoring case), in the order
    they first rated."""
    newest: dict[str, Feedback] = {}
    order: list[str] = []
    for f in sorted(items, key=lambda f: (f.date, f.created)):
        if f.map != map_id:
            continue
        key = f.name.casefold()
        if key not in newest:
            order.append(key)
        newest[key] = f
    return [
        Rater(
            name=newest[k].name,
            relation=newest[k].relation or "",
            date=newest[k].date,
            levels=dict(newest[k].levels),
            notes=dict(newest[k].notes),
        )
        for k in order
    ]


def feedback_date(text: str | None, today: dt.date) -> dt.date:
    """``--date``: when the answers were given; today when not said; never in the future."""
    from pm_coach.core.dates import parse_date

    if not text:
        return today
    return parse_date(text, today, what="--date")


def summary(f: Feedback) -> str:
    who = f"{f.name} ({f.relation})" if f.relation else f.name
    return f"{f.id} · {f.date.isoformat()} · {who} · {len(f.levels)} gap(s) rated"
