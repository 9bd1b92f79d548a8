"""``plans.toml``: every plan made, oldest first; the last one is the active plan.

Each plan is one ``[[plan]]`` table followed by its ``[[plan.gap]]`` ranking rows and its
``[[plan.action]]`` tables. A file that does not parse or validate is never written to: the error
names the file and the line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from pm_coach.errors import DataFileError
from pm_coach.models.plan import SavedPlan
from pm_coach.store import files, tables

FILE_NAME = "plans.toml"
KEY = "plan"
COMMENT = (
    "pm-coach plans, oldest first; the last one is your active plan. Due dates are fixed once "
    "saved. Safe to edit by hand."
)


def plans_path(folder: Path) -> Path:
    return folder / FILE_NAME


def load_plans(folder: Path) -> list[SavedPlan]:
    """Every saved plan, in file order (oldest first); empty when there is no file yet."""
    from pm_coach.store import model_cache

    path = plans_path(folder)
    raw = files.read_bytes(path)
    if raw is None:
        return []
    return model_cache.kept(
        folder, "plans", raw, lambda: parse_plans(path, files.decode_text(path, raw))
    )


def active_plan(folder: Path) -> SavedPlan | None:
    """The newest saved plan, or None."""
    plans = load_plans(folder)
    return plans[-1] if plans else None


def parse_plans(path: Path, text: str) -> list[SavedPlan]:
    doc = tables.parse_toml(path, text)
    tables.check_schema_version(path, doc)
    unknown = sorted(set(doc) - {"schema_version", KEY})
    if unknown:
        raise DataFileError(
            f"{path}: unknown top-level key(s) {', '.join(map(repr, unknown))}.",
            hint=f"Only 'schema_version' and [[{KEY}]] tables belong in this file. "
            + files.FIX_HINT,
        )
    raw = doc.get(KEY, [])
    if not isinstance(raw, list) or not all(isinstance(r, dict) for r in raw):
        raise DataFileError(
            f"{path}: '{KEY}' must be a list of [[{KEY}]] tables.", hint=files.FIX_HINT
        )
    plans: list[SavedPlan] = []
    for i, record in enumerate(raw):
        try:
            plans.append(SavedPlan.model_validate(record, strict=True))
        except ValidationError as exc:
            loc = tuple(exc.errors()[0]["loc"])
            line = _line_of(text, i, loc)
            raise DataFileError(
                f"{path}, line {line} (plan {i + 1}): {tables.describe_validation(exc)}.",
                hint=files.FIX_HINT,
            ) from None
    return plans


def _line_of(text: str, plan_index: int, loc: tuple[Any, ...]) -> int | str:
    """The line a validation error points at: the key's line inside the right table."""
    lines = text.splitlines()
    headers = tables.table_lines(text, KEY)
    if plan_index >= len(headers):
        return "?"
    begin = headers[plan_index]
    end = headers[plan_index + 1] if plan_index + 1 < len(headers) else len(lines) + 1
    where = begin
    field = loc[0] if loc else None
    if len(loc) >= 2 and field in ("gap", "action") and isinstance(loc[1], int):
        sub = [n for n in tables.table_lines(text, f"{KEY}.{field}") if begin < n < end]
        if loc[1] < len(sub):
            where = sub[loc[1]]
            following = [n for n in sub if n > where]
            end = following[0] if following else end
            field = loc[2] if len(loc) >= 3 else None
    if isinstance(field, str):
        pattern = re.compile(rf"^\s*{re.escape(field)}\s*=")
        for number in range(where, min(end, len(lines) + 1)):
            if pattern.match(lines[number - 1]):
                return number
    return where


def dump_plans(plans: list[SavedPlan]) -> str:
    from pm_coach.store.tomlfmt import table

    out = f"# {COMMENT}\nschema_version = {tables.SCHEMA_VERSION}\n"
    for p in plans:
        out += "\n" + table(KEY, p.to_record())
        for g in p.ranking:
            out += "\n" + table(f"{KEY}.gap", g.model_dump(exclude_defaults=False))
        for a in p.actions:
            out += "\n" + table(f"{KEY}.action", a.to_record())
    return out


def add_plan(folder: Path, plan: SavedPlan) -> None:
    """Save ``plan`` as the newest (active) plan; older plans stay as history."""
    change_plans(folder, lambda plans: [*plans, plan])


def change_plans(
    folder: Path, change: Callable[[list[SavedPlan]], list[SavedPlan]]
) -> list[SavedPlan]:
    """Load (validating), apply ``change`` and rewrite the file atomically, under the lock."""
    with files.locked(folder):
        plans = change(load_plans(folder))
        files.atomic_write(plans_path(folder), dump_plans(plans))
    return plans
