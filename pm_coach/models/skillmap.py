"""Skill maps: gaps, behavioural levels, evidence-producing actions, resources.

The format is documented for map authors in ``docs/skill-maps.md``; keep the two in step.
"""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from pm_coach.models.common import SCOPES, Background, OneLine, Scope, Short, Slug

LEVEL_COUNT = 5
# The generic meaning of each level; a gap's own statements make it concrete.
LEVEL_LABELS: tuple[str, ...] = (
    "not yet",
    "emerging",
    "consistent in my own area",
    "beyond my own team",
    "role model for others",
)

ResourceKind = Literal[
    "book", "article", "talk", "course", "podcast", "newsletter", "tool", "letter"
]
RESOURCE_KINDS: tuple[str, ...] = get_args(ResourceKind)

Statement = Annotated[OneLine, StringConstraints(min_length=1)]


Audience = Literal["b2b", "b2c", "any"]
Level = Annotated[int, Field(ge=1, le=LEVEL_COUNT)]
ALL_LEVELS: tuple[int, ...] = tuple(range(1, LEVEL_COUNT + 1))


class Resource(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    title: Short
    author: Short  # the author, or the publisher when there is no single author
    kind: ResourceKind
    year: int | None = Field(default=None, ge=1800, le=2100)  # first published
    # The current levels it helps most; a PM at level 1 needs other reading than one at 4.
    level: list[Level] = Field(default_factory=lambda: list(ALL_LEVELS), min_length=1)
    audience: Audience = "any"

    def suits(self, level: int | None, market: str | None) -> bool:
        """True when the resource fits a PM at ``level`` (None: any) in ``market``."""
        if level is not None and level not in self.level:
            return False
        return market not in ("b2b", "b2c") or self.audience in ("any", market)


class EvidenceBar(BaseModel):
    """What evidence has to show before a level counts as proven."""

    model_config = ConfigDict(defer_build=True, extra="forbid")

    level: Level
    scope: Scope  # the narrowest reach that counts
    result: bool  # an outcome, not only an activity
    metric: bool = False  # a number in the result
    proof: Statement  # in the map's words: what a person at this level could show


# Used for a gap that gives no bars of its own (maps written before bars existed).
DEFAULT_BARS: tuple[tuple[str, bool], ...] = (
    ("self", False),
    ("self", False),
    ("team", True),
    ("teams", True),
    ("company", True),
)


def default_bar(level: int) -> EvidenceBar:
    scope, result = DEFAULT_BARS[level - 1]
    return EvidenceBar(
        level=level,
        scope=scope,  # type: ignore[arg-type]
        result=result,
        proof=f"Evidence at the '{LEVEL_LABELS[level - 1]}' level.",
    )


class Action(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    id: Slug
    title: Short
    how: list[Statement] = Field(min_length=1)
    evidence: Statement
    type: Literal["experience", "relationship", "learning"]
    effort_hours: float = Field(gt=0, le=200)
    weeks: int = Field(ge=1, le=26)
    # Actions (ids anywhere in the map) that should be done first: learn before you teach.
    after: list[Slug] = Field(default_factory=list)
    # The highest level this action's evidence can show.
    proves: Level = 3
    # Backgrounds this action plays to, and backgrounds that need to go about it differently.
    suits: list[Background] = Field(default_factory=list)
    adapt: dict[Background, Statement] = Field(default_factory=dict)

    def background_note(self, background: str | None) -> tuple[str, str] | None:
        """``("suits", "")`` or ``("adapt", note)`` for a PM of ``background``, else None."""
        if not background:
            return None
        if background in self.adapt:
            return "adapt", self.adapt[background]  # type: ignore[index]
        if background in self.suits:
            return "suits", ""
        return None


class Gap(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    id: Slug
    name: Short
    summary: Statement
    levels: list[Statement] = Field(min_length=LEVEL_COUNT, max_length=LEVEL_COUNT)
    actions: list[Action] = Field(min_length=4)
    resources: list[Resource] = Field(min_length=2)
    keywords: list[Short] = Field(min_length=1)
    prompts: list[Statement] = Field(min_length=1)
    # What proves each level (optional: without them a default ladder of scope is used).
    bars: list[EvidenceBar] = Field(default_factory=list)

    @field_validator("bars")
    @classmethod
    def _one_bar_per_level(cls, bars: list[EvidenceBar]) -> list[EvidenceBar]:
        if not bars:
            return bars
        found = sorted(b.level for b in bars)
        if found != list(ALL_LEVELS):
            raise ValueError(
                f"needs one bar for each level 1 to {LEVEL_COUNT}, found levels "
                + ", ".join(str(n) for n in found)
            )
        ordered = sorted(bars, key=lambda b: b.level)
        for lower, higher in zip(ordered, ordered[1:], strict=False):
            if SCOPES.index(higher.scope) < SCOPES.index(lower.scope):
                raise ValueError(
                    f"level {higher.level} asks for scope {higher.scope!r}, narrower than "
                    f"level {lower.level}'s {lower.scope!r}; a higher level cannot ask for less"
                )
            if (lower.result and not higher.result) or (lower.metric and not higher.metric):
                raise ValueError(
                    f"level {higher.level} drops the result or metric that level "
                    f"{lower.level} asks for; a higher level cannot ask for less"
                )
        return ordered

    def bar(self, level: int) -> EvidenceBar:
        """The evidence bar of ``level`` (1-5): the map's own, else the default ladder."""
        for b in self.bars:
            if b.level == level:
                return b
        return default_bar(level)

    def resources_for(self, level: int | None, market: str | None) -> list[Resource]:
        """The resources that suit a PM at ``level`` in ``market``; all of them if none do."""
        picked = [r for r in self.resources if r.suits(level, market)]
        return picked or list(self.resources)

    @field_validator("levels")
    @classmethod
    def _distinct_levels(cls, levels: list[str]) -> list[str]:
        seen: dict[str, int] = {}
        for i, text in enumerate(levels, start=1):
            key = " ".join(text.split()).casefold()
            if key in seen:
                raise ValueError(
                    f"level {i} repeats level {seen[key]} word for word; "
                    "each of the five statements must describe a different behaviour"
                )
            seen[key] = i
        return levels


class StoryQuestion(BaseModel):
    """A question a panel asks; a logged entry in one of ``gaps`` can answer it."""

    model_config = ConfigDict(defer_build=True, extra="forbid")

    id: Slug
    question: Statement
    gaps: list[Slug] = Field(min_length=1)
    # The scope a strong answer reaches (stories at least this wide rank first).
    scope: Scope = "team"
    # The action that would create a story for it when none is logged yet.
    action: Slug
    # A line on what the panel listens for.
    listen_for: Statement = ""


class SkillMap(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    schema_version: int = Field(default=1, ge=1, le=1)
    id: Slug
    name: Short
    description: Statement
    from_role: Short
    to_role: Short
    gaps: list[Gap] = Field(min_length=1)
    # The target offered in assess when the user has set none (None: level 4).
    default_target: Level | None = None
    # Ask the first assessment whether the PM wants to manage PMs at all (leadership maps).
    ask_motivation: bool = False
    # Questions a promotion panel or interviewer asks, each tied to the gaps its story shows.
    stories: list[StoryQuestion] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_ids(self) -> SkillMap:
        problems = duplicate_ids(
            [{"id": g.id, "actions": [{"id": a.id} for a in g.actions]} for g in self.gaps]
        )
        if problems:
            where, msg = problems[0]
            raise PydanticCustomError(
                "duplicate_id", "{where}: {msg}", {"where": where, "msg": msg}
            )
        return self

    @model_validator(mode="after")
    def _references(self, info: ValidationInfo) -> SkillMap:
        if isinstance(info.context, dict) and info.context.get("skip_references"):
            return self  # the caller reports every reference problem itself
        problems = reference_problems(self)
        if problems:
            where, msg = problems[0]
            raise PydanticCustomError(
                "bad_reference", "{where}: {msg}", {"where": where, "msg": msg}
            )
        return self

    def gap(self, gap_id: str) -> Gap | None:
        return next((g for g in self.gaps if g.id == gap_id), None)

    @property
    def gap_ids(self) -> list[str]:
        return [g.id for g in self.gaps]

    def action(self, action_id: str) -> tuple[Gap, Action] | None:
        for gap in self.gaps:
            for action in gap.actions:
                if action.id == action_id:
                    return gap, action
        return None


def reference_problems(skill_map: SkillMap) -> list[tuple[str, str]]:
    """Unknown action ids in ``after`` and in stories, unknown gaps in stories, and cycles in
    ``after``. Returns ``(field path, problem)`` pairs."""
    problems: list[tuple[str, str]] = []
    actions: dict[str, str] = {}
    after: dict[str, list[str]] = {}
    for i, gap in enumerate(skill_map.gaps):
        for j, action in enumerate(gap.actions):
            actions[action.id] = f"gaps[{i}].actions[{j}]"
            after[action.id] = action.after
    for aid, needs in after.items():
        for k, need in enumerate(needs):
            if need not in actions:
                problems.append(
                    (
                        f"{actions[aid]}.after[{k}]",
                        f"no action called {need!r} in this map; 'after' must name action ids",
                    )
                )
            elif need == aid:
                problems.append(
                    (f"{actions[aid]}.after[{k}]", "an action cannot come after itself")
                )
    cycle = _find_cycle(after)
    if cycle:
        problems.append(
            (
                f"{actions[cycle[0]]}.after",
                "the 'after' links go round in a circle ("
                + " → ".join([*cycle, cycle[0]])
                + "); each of those waits for another, so none could start",
            )
        )
    gap_ids = set(skill_map.gap_ids)
    seen: dict[str, int] = {}
    for s, story in enumerate(skill_map.stories):
        if story.id in seen:
            problems.append((f"stories[{s}].id", f"duplicate story id {story.id!r}"))
        seen[story.id] = s
        for k, gid in enumerate(story.gaps):
            if gid not in gap_ids:
                problems.append((f"stories[{s}].gaps[{k}]", f"no gap called {gid!r} in this map"))
        if story.action not in actions:
            problems.append(
                (f"stories[{s}].action", f"no action called {story.action!r} in this map")
            )
    return problems


def _find_cycle(after: dict[str, list[str]]) -> list[str]:
    """One cycle of ``after`` links (as action ids in order), or an empty list."""
    state: dict[str, int] = {}  # 1 on the current path, 2 finished
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in after.get(node, []):
            if nxt == node or nxt not in after:
                continue
            if state.get(nxt) == 1:
                return path[path.index(nxt) :]
            if state.get(nxt) is None:
                found = visit(nxt)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return []

    for start in after:
        if state.get(start) is None:
            found = visit(start)
            if found:
                return found
    return []


def duplicate_ids(gaps: object) -> list[tuple[str, str]]:
    """Every repeated gap id, and every action id used twice anywhere in the map.

    Works on raw TOML data as well as on validated gaps, so a map with other problems still gets
    its duplicates reported. Returns ``(field path, problem)`` pairs.
    """
    problems: list[tuple[str, str]] = []
    if not isinstance(gaps, list):
        return problems
    seen_gaps: dict[str, int] = {}
    seen_actions: dict[str, str] = {}
    for i, gap in enumerate(gaps):
        if not isinstance(gap, dict):
            continue
        gid = gap.get("id")
        if isinstance(gid, str):
            if gid in seen_gaps:
                problems.append(
                    (f"gaps[{i}].id", f"duplicate gap id {gid!r} (also gaps[{seen_gaps[gid]}])")
                )
            else:
                seen_gaps[gid] = i
        actions = gap.get("actions")
        if not isinstance(actions, list):
            continue
        for j, action in enumerate(actions):
            aid = action.get("id") if isinstance(action, dict) else None
            if not isinstance(aid, str):
                continue
            where = f"gaps[{i}].actions[{j}].id"
            if aid in seen_actions:
                problems.append(
                    (
                        where,
                        f"duplicate action id {aid!r} (also {seen_actions[aid]}); "
                        "action ids must be unique in the whole map",
                    )
                )
            else:
                seen_actions[aid] = where
    return problems
