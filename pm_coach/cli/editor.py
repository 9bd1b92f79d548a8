"""Editing one evidence entry in the user's editor, validated before anything is saved."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shlex
import subprocess
import tempfile
import tomllib
from typing import TYPE_CHECKING

from pm_coach.cli.state import AppState, interactive
from pm_coach.errors import InputError, PmCoachError, PreconditionError
from pm_coach.models import Evidence

if TYPE_CHECKING:
    pass


def _editor() -> list[str]:
    cmd = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not cmd:
        raise PreconditionError(
            "no editor is set.",
            hint="Set $EDITOR (e.g. export EDITOR=nano) or $VISUAL, then run the command again.",
        )
    return shlex.split(cmd)


def _check(text: str, original: Evidence, st: AppState) -> Evidence | None:
    from pm_coach.core.evidence import check_action, check_gaps, validate_entry

    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        return None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"the edited entry is not valid TOML: {exc}.") from None
    if data.get("id", original.id) != original.id:
        raise InputError("the id cannot change.", hint=f'Put back id = "{original.id}".')
    data["id"] = original.id
    data["created"] = original.created
    data = {k: v for k, v in data.items() if v != "" or k == "text"}
    entry = validate_entry(data)
    skill_map = st.skill_map()
    entry = entry.model_copy(
        update={
            "gaps": check_gaps(entry.gaps, skill_map),
            "action": check_action(entry.action, skill_map),
        }
    )
    if entry.date > dt.date.today():
        raise InputError(f"date {entry.date} is in the future.")
    return entry


def edit_entry(original: Evidence, st: AppState) -> Evidence | None:
    """Open the entry in the editor until it validates or the user gives up.

    Returns the updated entry, or None when nothing changed or the edit was abandoned.
    """
    from pm_coach.render.evidence import as_edit_toml
    from pm_coach.store.files import ensure_dir

    editor = _editor()
    ensure_dir(st.folder)
    text = as_edit_toml(original)
    fd, tmp = tempfile.mkstemp(prefix=f".edit-{original.id}-", suffix=".toml", dir=st.folder)
    try:
        os.fchmod(fd, 0o600)
        while True:
            with os.fdopen(os.dup(fd), "w", encoding="utf-8") as fh:
                fh.seek(0)
                fh.truncate()
                fh.write(text)
            try:
                subprocess.run([*editor, tmp], check=True)
            except FileNotFoundError:
                raise PreconditionError(
                    f"the editor {editor[0]!r} was not found.", hint="Check $VISUAL / $EDITOR."
                ) from None
            except subprocess.CalledProcessError as exc:
                raise PreconditionError(
                    f"the editor exited with code {exc.returncode}; nothing was saved."
                ) from None
            with open(tmp, encoding="utf-8") as fh:
                text = fh.read()
            try:
                entry = _check(text, original, st)
            except PmCoachError as exc:
                from pm_coach.cli import print_error

                print_error(exc.message, exc.hint)
                if interactive():
                    from pm_coach import prompts

                    if prompts.confirm("Open the editor again to fix it?", default=True):
                        continue
                raise InputError(
                    "the edit was not valid, so it was abandoned; the entry is unchanged.",
                    hint=f"Run 'pm-coach evidence edit {original.id}' to try again.",
                ) from None
            if entry is None or entry == original:
                return None
            return entry
    finally:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
