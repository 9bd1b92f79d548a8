"""``pm-coach evidence list`` and ``show``: the log, filtered, as a table or JSON."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from pm_coach.app.emit import Message, Output
from pm_coach.app.workspace import Workspace
from pm_coach.errors import InputError, NotFoundError, PreconditionError

if TYPE_CHECKING:
    from rich.console import RenderableType

    from pm_coach.app.selection import Filters
    from pm_coach.core.evidence import EvidenceEdit
    from pm_coach.models import Evidence, SkillMap


def __getattr__(name: str) -> object:
    """``EvidenceEdit`` (what a command hands to edit_fields) is loaded when asked for: it
    brings pydantic, and the lean read path of ``evidence list`` does without it."""
    if name == "EvidenceEdit":
        from pm_coach.core.evidence import EvidenceEdit

        return EvidenceEdit
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class EvidenceList(Output):
    entries: list[Evidence]  # in the order shown
    filtered: bool  # a filter was given, so "nothing matches" rather than "nothing yet"
    total: int = -1  # how many matched before --limit; -1: all of them are shown
    wide: bool = False  # --wide: all six columns whatever the width

    formats: ClassVar[tuple[str, ...]] = ("terminal", "json")

    def render(self, fmt: str) -> str | Iterator[str]:
        from pm_coach.render import evidence as render

        if fmt == "json":
            return render.json_lines(self.entries)
        import sys

        from pm_coach.render.evidence_list import lines, title
        from pm_coach.render.plain import screen_width

        shown = len(self.entries)
        heading = title(shown, max(self.total, shown))
        rows = (render.row(e) for e in self.entries)
        return lines(rows, screen_width(sys.stdout), heading=heading, wide=self.wide)

    def empty(self, fmt: str) -> str | None:
        if self.entries:
            return None
        if self.filtered:
            return "No evidence matches."
        return 'No evidence yet. Log some with: pm-coach log "What you did" --gap strategy'


@dataclass(frozen=True)
class EvidenceEntry(Output):
    entry: Evidence

    formats: ClassVar[tuple[str, ...]] = ("terminal", "json")

    def render(self, fmt: str) -> str | RenderableType:
        if fmt == "json":
            return json.dumps(self.entry.to_json(), ensure_ascii=False, indent=2) + "\n"
        from pm_coach.render.evidence import detail

        return detail(self.entry)


def list_entries(
    ws: Workspace,
    today: dt.date,
    filters: Filters,
    *,
    reverse: bool = False,
    limit: int | None = None,
    wide: bool = False,
) -> EvidenceList:
    """The entries that match, oldest first (newest first with ``reverse``); with ``limit``,
    only the newest ``limit`` of them."""
    from pm_coach.core.selection import select

    flt = filters.checked(ws, today)
    if limit is not None and limit < 1:
        raise InputError(
            f"--limit {limit} shows nothing.", hint="Give 1 or more, or leave --limit out."
        )
    entries = select(ws.evidence.load(), flt)
    total = len(entries)
    if limit is not None:
        entries = entries[-limit:]
    if reverse:
        entries.reverse()
    return EvidenceList(entries, filters.given, total, wide)


def find_entry(entries: list[Evidence], typed: str) -> Evidence:
    """The entry ``typed`` names: its whole id or a unique start of 3+ characters."""
    from pm_coach.core.evidence import entry_named
    from pm_coach.core.short_ids import MIN_PREFIX

    found = entry_named(entries, typed)
    if found is None:
        short = len(typed.strip()) < MIN_PREFIX
        raise NotFoundError(
            f"no evidence entry with id {typed.strip()!r}.",
            hint=(f"Type at least the first {MIN_PREFIX} characters of an id. " if short else "")
            + "See the ids with: pm-coach evidence list",
        )
    return found


def show_entry(ws: Workspace, entry_id: str) -> EvidenceEntry:
    return EvidenceEntry(find_entry(ws.evidence.load(), entry_id))


def _saved(before: Evidence, after: Evidence) -> Message:
    from pm_coach.render.evidence import summary_line

    changed = [n for n in type(after).model_fields if getattr(before, n) != getattr(after, n)]
    if changed == ["bullet"]:  # the CV line alone: say what export will print
        if after.bullet:
            return Message((f"Saved the CV line of {after.id}: {after.bullet}",))
        return Message((f"Cleared the CV line of {after.id}; export drafts it again.",))
    return Message((f"Saved {summary_line(after)}", f"  Changed: {', '.join(changed)}."))


def edit_fields(ws: Workspace, typed: str, edit: EvidenceEdit, today: dt.date) -> Message:
    """``evidence edit ID --flag …``: change the fields the flags name, checked as ``log``
    checks them; only that entry's lines of the file are rewritten, and only when it changed."""
    from pm_coach.core.evidence import apply_edit

    skill_map = ws.skill_map()
    before = find_entry(ws.evidence.load(), typed)
    after = apply_edit(before, edit, skill_map, today)  # every check before the lock
    if after == before:
        return Message((f"No changes to {before.id}: it already reads so.",))
    return _saved(before, _save_edit(ws, before.id, edit, skill_map, today))


def _save_edit(
    ws: Workspace, entry_id: str, edit: EvidenceEdit, skill_map: SkillMap, today: dt.date
) -> Evidence:
    """Apply ``edit`` to the entry as it is on disk, under the lock; only its lines change."""
    from pm_coach.core.evidence import apply_edit

    done: list[Evidence] = []

    def change(entries: list[Evidence]) -> list[Evidence]:
        current = find_entry(entries, entry_id)
        updated = apply_edit(current, edit, skill_map, today)
        done.append(updated)
        return [updated if e.id == current.id else e for e in entries]

    ws.evidence.rewrite(change)
    return done[0]


def tag_untagged(ws: Workspace, today: dt.date) -> Message:
    """``evidence tag``: ask about each entry without a gap, the likely gap pre-ticked; each
    answer is saved before the next question, so stopping keeps what was tagged."""
    from pm_coach.app import terminal
    from pm_coach.core.evidence import EvidenceEdit
    from pm_coach.core.suggest import pretick_gaps
    from pm_coach.errors import Cancelled
    from pm_coach.render.evidence import summary_line

    waiting = [e for e in ws.evidence.load() if not e.gaps]
    waiting.sort(key=lambda e: (e.date, e.created))
    if not waiting:
        return Message(("Nothing to tag: every entry has a gap.",))
    if not terminal.interactive():
        raise PreconditionError(
            "evidence tag asks about each entry, and this is not an interactive terminal.",
            hint="Run it in a terminal, or see the untagged ones with 'pm-coach evidence list "
            "--untagged' and tag each with a gap id: "
            f"pm-coach evidence edit {waiting[0].id} --add-gap {ws.skill_map().gap_ids[0]}",
        )
    from pm_coach.prompts.tagging import tag_entry

    skill_map = ws.skill_map()
    model = ws.gap_model(skill_map)
    gaps = [(g.id, g.name) for g in skill_map.gaps]
    lines: list[str] = []
    try:
        for number, entry in enumerate(waiting, start=1):
            ticked = pretick_gaps(entry.text, entry.result, skill_map, model)
            chosen = tag_entry(number, len(waiting), summary_line(entry, 70), gaps, ticked)
            if chosen:
                saved = _save_edit(ws, entry.id, EvidenceEdit(add_gaps=chosen), skill_map, today)
                lines.append(f"Tagged {summary_line(saved)}")
    except Cancelled:
        raise Cancelled(
            f"Stopped: kept the {_entries(len(lines))} tagged so far; nothing else was saved."
        ) from None
    left = len(waiting) - len(lines)
    lines.append(f"Tagged {_entries(len(lines))}; {left} left without a gap.")
    return Message(tuple(lines))


def _entries(n: int) -> str:
    return f"{n} entr{'y' if n == 1 else 'ies'}"


def edit_in_editor(ws: Workspace, typed: str, today: dt.date) -> Message:
    """``evidence edit ID`` without flags: the whole entry in the user's editor."""
    from pm_coach.app.editor import edit_entry
    from pm_coach.render.evidence import summary_line

    entry = find_entry(ws.evidence.load(), typed)
    updated = edit_entry(entry, ws, today)
    if updated is None:
        return Message(("No changes.",))
    ws.evidence.replace(updated)
    return Message((f"Saved {summary_line(updated)}",))


def remove_entry(ws: Workspace, typed: str, *, yes: bool) -> Message:
    """``evidence rm``: ask first (unless ``yes``), keep the entry in the trash, remove it."""
    from pm_coach.render.evidence import summary_line
    from pm_coach.store.trash import move_to_trash

    entry = find_entry(ws.evidence.load(), typed)
    if not yes:
        from pm_coach.app import terminal

        if not terminal.interactive():
            raise PreconditionError(
                "removing needs a confirmation, and this is not an interactive terminal.",
                hint=f"Add --yes to remove it: pm-coach evidence rm {entry.id} --yes",
            )
        from pm_coach import prompts

        if not prompts.confirm(f"Remove {summary_line(entry)}?"):
            return Message(("Kept it; nothing removed.",))
    move_to_trash(ws.folder, entry, lambda: ws.evidence.remove(entry.id))
    return Message(
        (f"Removed {summary_line(entry)}",),
        told=(f"Kept in the trash; put it back with: pm-coach evidence restore {entry.id}",),
    )


def restore_entry(ws: Workspace, typed: str) -> Message:
    """``evidence restore``: put an entry from the trash back into the log, as it was."""
    from pm_coach.core.evidence import entry_named
    from pm_coach.render.evidence import summary_line
    from pm_coach.store.trash import load_trash, take_from_trash, trash_path

    trash = load_trash(ws.folder)
    entry = entry_named(trash, typed)
    if entry is None:
        recent = ", ".join(e.id for e in reversed(trash[-5:]))
        raise NotFoundError(
            f"no entry with id {typed.strip()!r} in the trash ({trash_path(ws.folder)}).",
            hint=f"Removed most recently: {recent}." if recent else "The trash is empty.",
        )

    def change(entries: list[Evidence]) -> list[Evidence]:
        if any(e.id == entry.id for e in entries):
            raise PreconditionError(
                f"the log already has an entry with id {entry.id}, so the one in the trash "
                "cannot go back under that id.",
                hint=f"See it with: pm-coach evidence show {entry.id} (the trash copy stays "
                f"in {trash_path(ws.folder)}).",
            )
        return [*entries, entry]

    ws.evidence.rewrite(change)
    take_from_trash(ws.folder, entry.id)
    return Message((f"Restored {summary_line(entry)}",))
