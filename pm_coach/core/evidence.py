"""Turning what a person typed into an evidence entry, and picking entries out of the log."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from pydantic import ValidationError

from pm_coach.core.dates import parse_date
from pm_coach.core.evidence_input import EvidenceInput as EvidenceInput
from pm_coach.core.evidence_input import check_scope as check_scope
from pm_coach.core.evidence_input import clean_list, gap_ids_of
from pm_coach.core.evidence_input import guess_scope as guess_scope
from pm_coach.core.evidence_input import split_ids as split_ids
from pm_coach.core.selection import EvidenceFilter as EvidenceFilter
from pm_coach.core.selection import select as select
from pm_coach.errors import Hint, InputError
from pm_coach.models import EVIDENCE_KINDS, Evidence, SkillMap
from pm_coach.models.common import slug
from pm_coach.models.validation import input_error


def check_gaps(gaps: Iterable[str], skill_map: SkillMap) -> list[str]:
    """Normalise gap ids (``Buy In`` is ``buy-in``; commas separate several; no repeats) and
    refuse ones the map does not have, naming the near miss."""
    return gap_ids_of(gaps, skill_map.id, skill_map.gap_ids)


def map_action_id(action: str, skill_map: SkillMap) -> str | None:
    """The id of the map's action that ``action`` names in full or by a unique start of 3+
    characters; None when none does. An ambiguous start is an InputError listing them."""
    from pm_coach.core.short_ids import resolve_id

    known = {a.id: a.title for g in skill_map.gaps for a in g.actions}
    return resolve_id(slug(action), known, what="action")


def check_action(action: str, skill_map: SkillMap) -> str:
    """The full id of the map's action named by ``action`` ("" for none); an unknown one is an
    InputError."""
    action = slug(action)
    if action:
        action = map_action_id(action, skill_map) or action
    if action and skill_map.action(action) is None:
        raise InputError(
            f"unknown action {action!r} in the skill map {skill_map.id!r}.",
            hint=Hint("action-ids", map=skill_map.id),
        )
    return action


def action_gaps(action: str, skill_map: SkillMap) -> list[str]:
    """The gap of a plan action: the tag of evidence that fulfils it when no gap is given."""
    found = skill_map.action(action) if action else None
    return [found[0].id] if found else []


def build_entry(
    raw: EvidenceInput, *, entry_id: str, skill_map: SkillMap, today: dt.date, created: dt.datetime
) -> Evidence:
    """Validate ``raw`` and make an :class:`Evidence`; every problem is an :class:`InputError`."""
    if not raw.text.strip():
        raise InputError(
            "the evidence text is empty.",
            hint=Hint("log-example"),
        )
    kind = raw.kind.strip().lower()
    if kind not in EVIDENCE_KINDS:
        raise InputError(
            f"unknown kind {raw.kind!r}.", hint=f"Use one of: {', '.join(EVIDENCE_KINDS)}."
        )
    action = check_action(raw.action, skill_map)
    values = {
        "id": entry_id,
        "date": parse_date(raw.date, today, what="--date"),
        "text": raw.text,
        "result": raw.result,
        "metrics": clean_list(raw.metrics),
        "gaps": check_gaps(raw.gaps, skill_map) or action_gaps(action, skill_map),
        "tags": clean_list(t.lstrip("#") for t in raw.tags),
        "goal": raw.goal,
        "kind": kind,
        "org": raw.org,
        "scope": check_scope(raw.scope),
        "action": action,
        "created": created,
    }
    return validate_entry(values)


FIELD_FLAGS = {
    "text": "TEXT",
    "result": "--result",
    "metrics": "--metric",
    "tags": "--tag",
    "goal": "--goal",
    "org": "--org",
    "scope": "--scope",
    "bullet": "--bullet",
}


# The same fields as ``evidence edit`` names them.
EDIT_FLAGS = {**FIELD_FLAGS, "text": "--text", "metrics": "--add-metric", "tags": "--add-tag"}


def validate_entry(values: dict[str, object], flags: dict[str, str] = FIELD_FLAGS) -> Evidence:
    try:
        return Evidence.model_validate(values)
    except ValidationError as exc:
        raise input_error(exc, flags, default="entry") from None


def entry_from_edit(
    text: str, original: Evidence, skill_map: SkillMap, today: dt.date
) -> Evidence | None:
    """The entry a person saved in the editor, checked; None when they emptied the file (or left
    only comments) to abandon the edit. The id and creation time cannot change."""
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        return None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"the edited entry is not valid TOML: {exc}.") from None
    except (RecursionError, ValueError):  # nested too deeply, or an integer too long to read
        raise InputError(
            "the edited entry is not valid TOML: values nested too deeply or a number with too "
            "many digits."
        ) from None
    if data.get("id", original.id) != original.id:
        raise InputError("the id cannot change.", hint=f'Put back id = "{original.id}".')
    data["id"] = original.id
    data["created"] = original.created
    data = {k: v for k, v in data.items() if v != "" or k == "text"}
    entry = validate_entry(data)
    entry = entry.model_copy(
        update={
            "gaps": check_gaps(entry.gaps, skill_map),
            "action": check_action(entry.action, skill_map),
        }
    )
    if entry.date > today:
        raise InputError(f"date {entry.date} is in the future.")
    return entry


@dataclass
class EvidenceEdit:
    """What ``evidence edit ID --flag …`` changes: None (or an empty list) leaves a field as it
    is; "" clears an optional text field."""

    text: str | None = None
    result: str | None = None
    date: str | None = None
    kind: str | None = None
    org: str | None = None
    goal: str | None = None
    action: str | None = None
    scope: str | None = None
    bullet: str | None = None
    add_gaps: list[str] = field(default_factory=list)
    rm_gaps: list[str] = field(default_factory=list)
    add_metrics: list[str] = field(default_factory=list)
    rm_metrics: list[str] = field(default_factory=list)
    add_tags: list[str] = field(default_factory=list)
    rm_tags: list[str] = field(default_factory=list)

    def is_empty(self) -> bool:
        return all(v is None or v == [] for v in vars(self).values())


def _removed(
    current: list[str], gone: Iterable[str], *, what: str, flag: str, key: Callable[[str], str]
) -> list[str]:
    """``current`` less each of ``gone`` (compared by ``key``); one it does not hold is an
    InputError naming what it does hold."""
    out = list(current)
    for raw in gone:
        matches = [v for v in out if key(v) == key(raw)]
        if not matches:
            held = ", ".join(current) if current else "none"
            raise InputError(
                f"{flag} {raw!r}: the entry has no such {what}.",
                hint=f"Its {what}s: {held}.",
            )
        out = [v for v in out if key(v) != key(raw)]
    return out


def apply_edit(
    entry: Evidence, edit: EvidenceEdit, skill_map: SkillMap, today: dt.date
) -> Evidence:
    """``entry`` with the changes of ``edit``, checked as ``log`` checks what it is given; every
    problem is an :class:`InputError` and nothing is changed."""
    values: dict[str, object] = entry.model_dump()
    if edit.text is not None:
        if not edit.text.strip():
            raise InputError(
                "--text is empty.", hint="Say what you did, or leave --text out to keep it."
            )
        values["text"] = edit.text.strip()
    for name in ("result", "org", "goal"):
        new = getattr(edit, name)
        if new is not None:
            values[name] = new.strip()
    if edit.bullet is not None:
        values["bullet"] = " ".join(edit.bullet.split())
    if edit.date is not None:
        values["date"] = parse_date(edit.date, today, what="--date")
    if edit.kind is not None:
        kind = edit.kind.strip().lower()
        if kind not in EVIDENCE_KINDS:
            raise InputError(
                f"unknown kind {edit.kind!r}.", hint=f"Use one of: {', '.join(EVIDENCE_KINDS)}."
            )
        values["kind"] = kind
    if edit.scope is not None:
        values["scope"] = check_scope(edit.scope)
    if edit.action is not None:
        values["action"] = check_action(edit.action, skill_map)
    gaps = _removed(entry.gaps, edit.rm_gaps, what="gap", flag="--rm-gap", key=slug)
    for gap in check_gaps(edit.add_gaps, skill_map):
        if gap not in gaps:
            gaps.append(gap)
    if not gaps and edit.action:
        gaps = action_gaps(str(values["action"]), skill_map)  # as log --action does
    values["gaps"] = gaps
    metrics = _removed(
        entry.metrics, edit.rm_metrics, what="metric", flag="--rm-metric", key=str.strip
    )
    values["metrics"] = clean_list([*metrics, *edit.add_metrics])

    def tag_key(tag: str) -> str:
        return tag.strip().lstrip("#").casefold()

    tags = _removed(entry.tags, edit.rm_tags, what="tag", flag="--rm-tag", key=tag_key)
    for tag in clean_list(t.lstrip("#") for t in edit.add_tags):
        if tag_key(tag) not in {tag_key(t) for t in tags}:
            tags.append(tag)
    values["tags"] = tags
    return validate_entry(values, EDIT_FLAGS)


def entry_named(entries: Sequence[Evidence], typed: str) -> Evidence | None:
    """The entry whose id is ``typed``, or starts with it (3+ characters, one entry only);
    None when none does. An ambiguous start is an InputError listing the entries."""
    from pm_coach.core.short_ids import resolve_id

    def about(e: Evidence) -> str:
        text = e.text if len(e.text) <= 50 else e.text[:49] + "…"
        return f"{e.date.isoformat()}  {text}"

    found = resolve_id(typed, {e.id: about(e) for e in entries}, what="evidence")
    return next((e for e in entries if e.id == found), None) if found else None
