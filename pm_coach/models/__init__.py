"""Pydantic models for everything pm-coach stores or reads, one module per idea.

Models validate shape and values only; they know nothing about files (see ``pm_coach.store``) or
about which skill map is active (see ``pm_coach.core``).

Names are loaded on first use (PEP 562), so ``from pm_coach.models import Evidence`` builds only
the evidence model: building every pydantic model costs a fast command like ``log`` ~35 ms.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_WHERE = {
    "Assessment": "assessment",
    "ACTION_TYPES": "common",
    "EVIDENCE_KINDS": "common",
    "OneLine": "common",
    "Short": "common",
    "Slug": "common",
    "Evidence": "evidence",
    "Profile": "profile",
    "Role": "profile",
    "Action": "skillmap",
    "Gap": "skillmap",
    "Resource": "skillmap",
    "SkillMap": "skillmap",
}

__all__ = [
    "ACTION_TYPES",
    "EVIDENCE_KINDS",
    "Action",
    "Assessment",
    "Evidence",
    "Gap",
    "OneLine",
    "Profile",
    "Resource",
    "Role",
    "Short",
    "SkillMap",
    "Slug",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'pm_coach.models' has no attribute {name!r}")
    value = getattr(import_module(f"pm_coach.models.{module}"), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:
    from pm_coach.models.assessment import Assessment
    from pm_coach.models.common import ACTION_TYPES, EVIDENCE_KINDS, OneLine, Short, Slug
    from pm_coach.models.evidence import Evidence
    from pm_coach.models.profile import Profile, Role
    from pm_coach.models.skillmap import Action, Gap, Resource, SkillMap
