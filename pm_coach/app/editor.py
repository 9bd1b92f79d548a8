"""Editing one evidence entry in the user's editor, validated before anything is saved."""

from __future__ import annotations

import datetime as dt
import os
import shlex
import subprocess
import sys

from pm_coach.app import terminal
from pm_coach.app.workspace import Workspace
from pm_coach.errors import InputError, PmCoachError, PreconditionError, error_text
from pm_coach.models import Evidence

FALLBACKS = ("nano", "vi")  # what a Unix system usually has when no editor is set


def _editor(entry_id: str) -> list[str]:
    """$VISUAL, else $EDITOR, else nano, else vi (saying so on stderr)."""
    cmd = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if cmd:
        return shlex.split(cmd)
    import shutil

    flags = (
        "Change a field with a flag instead, e.g. "
        f'pm-coach evidence edit {entry_id} --result "What came of it" '
        "(all flags: pm-coach evidence edit --help)"
    )
    found = next((name for name in FALLBACKS if shutil.which(name)), None)
    if found is None:
        raise PreconditionError(
            "no editor is set ($VISUAL, $EDITOR), and neither nano nor vi was found.",
            hint=f"{flags}, or set $EDITOR.",
        )
    if not terminal.interactive():
        raise PreconditionError(
            f"no editor is set ($VISUAL, $EDITOR), and {found} needs a terminal.",
            hint=f"{flags}, or set $EDITOR to a command that edits a file.",
        )
    print(f"No $VISUAL or $EDITOR is set: opening the entry in {found}.", file=sys.stderr)
    return [found]


def edit_entry(original: Evidence, ws: Workspace, today: dt.date) -> Evidence | None:
    """Open the entry in the editor until it validates or the user gives up.

    Returns the updated entry, or None when nothing changed or the edit was abandoned.
    """
    from pm_coach.core.evidence import entry_from_edit
    from pm_coach.store.editing import as_edit_toml, read_scratch, scratch_file, write_scratch

    editor = _editor(original.id)
    text = as_edit_toml(original)
    with scratch_file(ws.folder, original.id) as tmp:
        while True:
            write_scratch(tmp, text)
            try:
                subprocess.run([*editor, str(tmp)], check=True)
            except FileNotFoundError:
                raise PreconditionError(
                    f"the editor {editor[0]!r} was not found.", hint="Check $VISUAL / $EDITOR."
                ) from None
            except subprocess.CalledProcessError as exc:
                raise PreconditionError(
                    f"the editor exited with code {exc.returncode}; nothing was saved."
                ) from None
            try:
                text = read_scratch(tmp)
                entry = entry_from_edit(text, original, ws.skill_map(), today)
            except PmCoachError as exc:
                from pm_coach.app.hints import hint_text

                sys.stderr.write(error_text(exc.message, hint_text(exc.hint)))
                if terminal.interactive():
                    from pm_coach import prompts

                    if prompts.confirm("Open the editor again to fix it?", default=True):
                        continue
                raise InputError(
                    "the edit was not valid, so it was abandoned; the entry is unchanged.",
                    hint=f"Run pm-coach evidence edit {original.id} to try again, or change "
                    "one field with a flag (pm-coach evidence edit --help).",
                ) from None
            if entry is None or entry == original:
                return None
            return entry
