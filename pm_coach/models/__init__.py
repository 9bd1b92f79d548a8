"""Pydantic models for everything pm-coach stores or reads, one module per idea.

Models validate shape and values only; they know nothing about files (see ``pm_coach.store``) or
about which skill map is active (see ``pm_coach.core``).
"""

from pm_coach.models.assessment import Assessment
from pm_coach.models.common import ACTION_TYPES, EVIDENCE_KINDS, OneLine, Short, Slug
from pm_coach.models.evidence import Evidence
from pm_coach.models.profile import Profile, Role
from pm_coach.models.skillmap import Action, Gap, Resource, SkillMap

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
