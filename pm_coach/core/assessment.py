"""Self-assessment logic: reading an answers document, carrying ratings over for ``--gap``, and
the facts shown after an assessment (gap size, change since last time, evidence behind it) and in
the history (trend per gap).

Pure: plain values and models in, models and dataclasses out; no files, no clock, no printing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from pm_coach.core.dates import parse_date
from pm_coach.core.progress import evidence_by_gap, previous
from pm_coach.errors import DataFileError, Hint, InputError, PreconditionError
from pm_coach.models import Assessment, Evidence, SkillMap
from pm_coach.models.common import TEXT_MAX, slug

DEFAULT_TARGET = 4
MIN_LEVEL, MAX_LEVEL = 1, 5
ANSWER_KEYS = ("map", "levels", "targets", "notes")


@dataclass
class Ratings:
    """What the user gave in this run, per gap id (only the gaps they were asked about)."""

    levels: dict[str, int] = field(default_factory=dict)
    targets: dict[str, int] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    # The answer to the motivation check (manage, ic, expert, unsure); None when not asked or
    # skipped. It belongs in the profile, not in the assessment.
    motivation: str | None = None


# --- choosing what to assess ---------------------------------------------------------------


def check_gap_ids(raw: Iterable[str], skill_map: SkillMap) -> list[str]:
    """The ``--gap`` values, lowercased, de-duplicated, in the map's order; unknown: InputError."""
    wanted: set[str] = set()
    for value in raw:
        gap_id = slug(value)
        if skill_map.gap(gap_id) is None:
            raise InputError(
                f"--gap {value!r}: the skill map {skill_map.id!r} has no such gap.",
                hint=f"Use one of: {', '.join(skill_map.gap_ids)}.",
            )
        wanted.add(gap_id)
    return [g for g in skill_map.gap_ids if g in wanted]


def answers_map(doc: Mapping[str, Any], source: str, override: str | None) -> str | None:
    """The map an answers document names, checked against ``--map``; None if it names none."""
    named = doc.get("map")
    if named is None:
        return override
    if not isinstance(named, str) or not named.strip():
        raise DataFileError(
            f'{source}: map: must be a map id in quotes, e.g. map = "leadership".',
            hint=Hint("maps-list"),
        )
    named = slug(named)
    if override and slug(override) != named:
        raise InputError(
            f"--map {override!r} and the answers file's map = {named!r} disagree.",
            hint="Drop --map, or change (or remove) the map line in the file.",
        )
    return named


def assessment_date(text: str | None, today: dt.date) -> dt.date:
    """``--date``: any form ``parse_date`` knows; today when not given; never in the future."""
    if not text:
        return today
    when = parse_date(text, today, allow_future=True, what="--date")
    if when > today:
        raise InputError(
            f"--date {when.isoformat()} is in the future (today is {today.isoformat()}).",
            hint="An assessment records where you stand now or stood before; leave --date out "
            "for today.",
        )
    return when


def base_for(assessments: Sequence[Assessment], map_id: str, on: dt.date) -> Assessment | None:
    """The assessment of ``map_id`` in force on ``on``: the newest one dated on or before it."""
    same = [a for a in assessments if a.map == map_id and a.date <= on]
    return max(same, key=lambda a: (a.date, a.created), default=None)


def default_targets(skill_map: SkillMap, base: Assessment | None) -> dict[str, int]:
    """The target offered per gap: the last one set, else the map's default target, else level 4
    (beyond my own team)."""
    old = base.targets if base else {}
    fallback = map_target(skill_map)
    return {g: old.get(g, fallback) for g in skill_map.gap_ids}


def map_target(skill_map: SkillMap) -> int:
    """The target a gap has when none is set: the map's ``default_target``, else level 4."""
    return skill_map.default_target or DEFAULT_TARGET


# --- the answers document ------------------------------------------------------------------


def _level(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if MIN_LEVEL <= value <= MAX_LEVEL else None


def parse_answers(
    doc: Mapping[str, Any], skill_map: SkillMap, *, only: Sequence[str] = (), source: str
) -> Ratings:
    """Check an answers document against the map and return the ratings in it.

    Without ``only`` every gap of the map needs a level; with it, exactly those gaps may appear.
    Every problem found is listed in one :class:`DataFileError` (``source`` names the file).
    """
    problems: list[str] = []
    known = skill_map.gap_ids
    asked = list(only) if only else known

    unknown_keys = [k for k in doc if k not in ANSWER_KEYS]
    if unknown_keys:
        problems.append(
            f"unknown top-level key(s) {', '.join(map(repr, unknown_keys))}: "
            'the file holds map = "…", [levels], [targets] and [notes]'
        )

    tables: dict[str, dict[str, Any]] = {}
    for name in ("levels", "targets", "notes"):
        value = doc.get(name, {})
        if not isinstance(value, dict):
            problems.append(f"{name}: must be a table, written [{name}] on a line of its own")
            value = {}
        tables[name] = value
    if "levels" not in doc:
        problems.append("[levels] is missing: it gives one level (1-5) per gap id")

    ratings = Ratings()
    for name, table in tables.items():
        for gap_id, value in table.items():
            where = f"{name}.{gap_id}"
            if gap_id not in known:
                problems.append(
                    f"{where}: the skill map {skill_map.id!r} has no gap {gap_id!r} "
                    f"(its gaps: {', '.join(known)})"
                )
                continue
            if gap_id not in asked:
                problems.append(
                    f"{where}: only {', '.join(asked)} is being re-assessed (--gap); "
                    "remove this line or drop --gap"
                )
                continue
            if name == "notes":
                if not isinstance(value, str):
                    problems.append(f"{where}: a note must be text in quotes")
                elif len(value) > TEXT_MAX or any(ch in value for ch in "\r\n"):
                    problems.append(
                        f"{where}: a note must be one line of at most {TEXT_MAX} characters"
                    )
                elif value.strip():
                    ratings.notes[gap_id] = value.strip()
                continue
            level = _level(value)
            if level is None:
                problems.append(
                    f"{where}: {value!r} is not a level; use a whole number from 1 to 5"
                )
                continue
            if name == "levels":
                ratings.levels[gap_id] = level
            else:
                ratings.targets[gap_id] = level

    if "levels" in doc and isinstance(doc["levels"], dict):
        rated = set(doc["levels"])
        missing = [g for g in asked if g not in rated]
        if missing:
            problems.append(f"levels: no level for {', '.join(missing)}; every gap needs one")
        for name in ("targets", "notes"):
            for gap_id in tables[name]:
                if gap_id in known and gap_id in asked and gap_id not in rated:
                    problems.append(f"{name}.{gap_id}: given, but [levels] has no {gap_id}")

    if problems:
        unique = list(dict.fromkeys(problems))
        shown = "\n  ".join(unique)
        raise DataFileError(
            f"{source} has {len(unique)} problem(s):\n  {shown}",
            hint="Fix the file and run the command again; docs/assessment.md shows the format.",
        )
    return ratings


# --- building the assessment ---------------------------------------------------------------


def check_carry_over(
    skill_map: SkillMap, base: Assessment | None, only: Sequence[str], date: dt.date
) -> None:
    """With ``--gap``, the other gaps come from ``base``: it must exist and rate them all.

    Called before any question is asked, so the user does not answer in vain.
    """
    if not only:
        return
    if base is None:
        raise PreconditionError(
            f"--gap re-assesses single gaps and carries the others over, but there is no "
            f"earlier assessment of the {skill_map.id!r} map on or before {date} to carry "
            "them from.",
            hint=Hint("assess-first"),
        )
    missing = [g for g in skill_map.gap_ids if g not in only and g not in base.levels]
    if missing:
        raise PreconditionError(
            f"the assessment of {base.date} has no level for {', '.join(missing)}, so "
            "they cannot be carried over.",
            hint="Rate them too: add "
            + " ".join(f"--gap {g}" for g in missing)
            + ", or run a full assessment.",
        )


def build_assessment(
    skill_map: SkillMap,
    ratings: Ratings,
    *,
    date: dt.date,
    created: dt.datetime,
    base: Assessment | None = None,
    only: Sequence[str] = (),
) -> Assessment:
    """The new assessment: this run's ratings, plus (with ``only``) the other gaps carried over
    from ``base`` (level, target and note unchanged). A missing target becomes the default."""
    levels: dict[str, int] = {}
    targets: dict[str, int] = {}
    notes: dict[str, str] = {}
    if only:
        check_carry_over(skill_map, base, only, date)
    defaults = default_targets(skill_map, base)
    for gap_id in skill_map.gap_ids:
        if gap_id in ratings.levels:
            levels[gap_id] = ratings.levels[gap_id]
            targets[gap_id] = ratings.targets.get(gap_id, defaults[gap_id])
            if ratings.notes.get(gap_id):
                notes[gap_id] = ratings.notes[gap_id]
        elif only and base is not None:
            levels[gap_id] = base.levels[gap_id]
            targets[gap_id] = base.targets.get(gap_id, defaults[gap_id])
            if base.notes.get(gap_id):
                notes[gap_id] = base.notes[gap_id]
        else:
            raise InputError(f"no level given for the gap {gap_id!r}.")
    try:
        return Assessment(
            date=date,
            map=skill_map.id,
            levels=levels,
            targets=targets,
            notes=notes,
            created=created,
        )
    except ValidationError as exc:
        from pm_coach.models.validation import input_error

        raise input_error(exc, default="assessment") from None


# --- facts shown after an assessment -------------------------------------------------------


@dataclass(frozen=True)
class GapResult:
    gap_id: str
    name: str
    level: int
    target: int
    to_go: int  # target - level; zero or less means the target is met
    change: int | None  # since the previous assessment of the same map; None: not rated then
    evidence: int  # entries tagged with this gap, dated on or before the assessment
    note: str = ""
    carried: bool = False  # carried over from an earlier assessment (not re-rated this time)
    prompt: str = ""  # a question that helps recall evidence for this gap


def gap_results(
    assessment: Assessment,
    skill_map: SkillMap,
    history: Sequence[Assessment],
    evidence: Iterable[Evidence],
    *,
    rerated: Sequence[str] | None = None,
) -> list[GapResult]:
    """One row per gap of the map the assessment rates: the numbers the result table shows.

    ``history`` is every stored assessment (``assessment`` itself may be among them);
    ``rerated`` names the gaps rated in this run (None: all of them).
    """
    before = previous(history, assessment)
    upto = [e for e in evidence if e.date <= assessment.date]
    by_gap = evidence_by_gap(upto, skill_map.gap_ids)
    out: list[GapResult] = []
    for gap in skill_map.gaps:
        if gap.id not in assessment.levels:
            continue
        level = assessment.levels[gap.id]
        target = assessment.targets.get(gap.id, map_target(skill_map))
        old = before.levels.get(gap.id) if before else None
        entries = by_gap[gap.id]
        out.append(
            GapResult(
                gap_id=gap.id,
                name=gap.name,
                level=level,
                target=target,
                to_go=target - level,
                change=None if old is None else level - old,
                evidence=len(entries),
                note=assessment.notes.get(gap.id, ""),
                carried=rerated is not None and gap.id not in rerated,
                prompt=gap.prompts[0] if gap.prompts else "",
            )
        )
    return out


# --- the history ---------------------------------------------------------------------------


@dataclass(frozen=True)
class GapTrend:
    gap_id: str
    points: list[tuple[dt.date, int]]  # (assessment date, level), oldest first
    target: int | None  # the latest target set

    @property
    def first(self) -> int:
        return self.points[0][1]

    @property
    def last(self) -> int:
        return self.points[-1][1]

    @property
    def change(self) -> int:
        return self.last - self.first

    @property
    def direction(self) -> str:
        """``up``, ``down``, ``flat``, or ``new`` when rated only once."""
        if len(self.points) < 2:
            return "new"
        return "up" if self.change > 0 else "down" if self.change < 0 else "flat"


def for_map(assessments: Iterable[Assessment], map_id: str) -> list[Assessment]:
    """The assessments of one map, oldest first."""
    return sorted((a for a in assessments if a.map == map_id), key=lambda a: (a.date, a.created))


def maps_in(assessments: Iterable[Assessment], first: str | None = None) -> list[str]:
    """The map ids used, ``first`` (the active one) leading, then by first use."""
    ordered = sorted(assessments, key=lambda a: (a.date, a.created))
    ids = list(dict.fromkeys(a.map for a in ordered))
    if first in ids:
        ids.remove(first)
        ids.insert(0, first)
    return ids


def trends(assessments: Sequence[Assessment], gap_order: Sequence[str] = ()) -> list[GapTrend]:
    """Trend per gap over the given assessments (all of one map).

    Gaps come in ``gap_order`` (the map's order), then any others the history holds.
    """
    ordered = sorted(assessments, key=lambda a: (a.date, a.created))
    ids = list(dict.fromkeys([*gap_order, *(g for a in ordered for g in a.levels)]))
    out: list[GapTrend] = []
    for gap_id in ids:
        points = [(a.date, a.levels[gap_id]) for a in ordered if gap_id in a.levels]
        if not points:
            continue
        target = next((a.targets[gap_id] for a in reversed(ordered) if gap_id in a.targets), None)
        out.append(GapTrend(gap_id=gap_id, points=points, target=target))
    return out
