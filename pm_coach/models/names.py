"""Name normalisation shared by models and the lean read path (no pydantic here)."""

from __future__ import annotations


def slug(text: str) -> str:
    """An id as a person may type it (``Buy In``, ``APM-TO-PM``, ``buy_in``) as pm-coach writes
    it (``buy-in``, ``apm-to-pm``): the one normalisation of map, gap, action and format names."""
    return "-".join(text.strip().lower().replace("_", " ").split())
