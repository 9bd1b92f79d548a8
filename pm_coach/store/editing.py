"""The scratch file an evidence entry is edited in: TOML with every field, private (0600), in
the data folder (not /tmp, where others may read it), removed when the edit is over."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from pm_coach.models import Evidence
from pm_coach.store.files import ensure_dir
from pm_coach.store.tomlfmt import key, value

EDIT_HEADER = (
    "# Edit this evidence entry, save and close the editor.\n"
    "# 'id' and 'created' cannot change. Save an empty file to abandon the edit.\n"
    "# kind is one of work, volunteer, talk, publication.\n"
    "# scope (how far it reached) is one of self, team, teams, company, external, or empty.\n"
)


def as_edit_toml(e: Evidence) -> str:
    """Every field, one per line (empty ones too, so they are easy to fill in)."""
    record = {
        "id": e.id,
        "date": e.date,
        "text": e.text,
        "result": e.result,
        "metrics": e.metrics,
        "gaps": e.gaps,
        "tags": e.tags,
        "goal": e.goal,
        "kind": e.kind,
        "org": e.org,
        "scope": e.scope or "",
        "action": e.action,
        "created": e.created,
    }
    return EDIT_HEADER + "".join(f"{key(k)} = {value(v)}\n" for k, v in record.items())


@contextlib.contextmanager
def scratch_file(folder: Path, entry_id: str) -> Iterator[Path]:
    """A new empty file, mode 0600, in ``folder``; removed on the way out, whatever happens."""
    ensure_dir(folder)
    fd, tmp = tempfile.mkstemp(prefix=f".edit-{entry_id}-", suffix=".toml", dir=folder)
    try:
        os.fchmod(fd, 0o600)
        os.close(fd)
        yield Path(tmp)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
