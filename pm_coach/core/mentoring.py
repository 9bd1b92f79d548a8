"""Giving back: mentoring as evidence of delegation, and the gaps a PM is ready to mentor in.

Pure functions; ``today`` and ``created`` are passed in.
"""

from __future__ import annotations

import datetime as dt

from pm_coach.core.evidence import validate_entry
from pm_coach.models import Evidence, SkillMap

MENTORING_GAP = "delegation"  # mentoring someone is how a PM without reports shows delegation
MENTORING_TAG = "mentoring"


def mentoring_entry(
    mentee: str, when: dt.date, note: str, skill_map: SkillMap, *, created: dt.datetime
) -> Evidence:
    """An evidence entry for a mentoring conversation, tagged with the delegation gap when the
    map has one. The id is a placeholder; the store gives the real one."""
    text = f"Mentoring session with {mentee}"
    if note.strip():
        text += f": {note.strip()}"
    values: dict[str, object] = {
        "id": "new",
        "date": when,
        "text": text,
        "gaps": [MENTORING_GAP] if skill_map.gap(MENTORING_GAP) is not None else [],
        "tags": [MENTORING_TAG],
        "created": created,
    }
    if "scope" in Evidence.model_fields:  # mentoring reaches beyond the PM's own work
        values["scope"] = "team"
    return validate_entry(values)
