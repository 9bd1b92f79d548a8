"""The conversation toolkit and people-finding guide shipped in ``content/network.toml``."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from pm_coach.models.common import Slug
from pm_coach.models.network import CONTACT_KINDS, HELPER_KINDS

MESSAGE_FIELDS = ("gap", "goal", "investment")


class KindGuide(BaseModel):
    """When a kind of relationship fits, where to find one, and a first message to send."""

    model_config = ConfigDict(defer_build=True, extra="forbid")

    fits: str = Field(min_length=1)
    where: list[str] = Field(min_length=1)
    message: str = Field(min_length=1)

    @model_validator(mode="after")
    def _known_placeholders(self) -> KindGuide:
        import string

        names = {f for _, f, _, _ in string.Formatter().parse(self.message) if f is not None}
        unknown = sorted(names - set(MESSAGE_FIELDS))
        if unknown:
            raise ValueError(
                f"message uses unknown placeholder(s) {', '.join(unknown)}; "
                f"use {', '.join('{' + f + '}' for f in MESSAGE_FIELDS)}"
            )
        return self


class Introduce(BaseModel):
    """The answers a good mentor asks about first, as the user says them (each sentence fills
    in its own answer from the profile), and the same questions to ask someone you mentor."""

    model_config = ConfigDict(defer_build=True, extra="forbid")

    goal: str = Field(min_length=1)
    investment: str = Field(min_length=1)
    personality: str = Field(min_length=1)
    ask_mentee: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _own_placeholder(self) -> Introduce:
        import string

        for name in ("goal", "investment", "personality"):
            text = getattr(self, name)
            used = {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}
            if used != {name}:
                raise ValueError(f"introduce.{name} must use {{{name}}} and no other placeholder")
        return self


class GapGuide(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    look_for: str
    ask: str = Field(min_length=1)

    @model_validator(mode="after")
    def _known_kind(self) -> GapGuide:
        if self.look_for not in HELPER_KINDS:
            raise ValueError(f"look_for must be one of {', '.join(HELPER_KINDS)}")
        return self


class Topic(BaseModel):
    """A conversation starter; ``gaps`` and ``kinds`` say where it fits (empty: anywhere)."""

    model_config = ConfigDict(defer_build=True, extra="forbid")

    title: str = Field(min_length=1)
    prompt: str = Field(min_length=1)
    gaps: list[Slug] = Field(default_factory=list)
    kinds: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _known_kinds(self) -> Topic:
        unknown = [k for k in self.kinds if k not in CONTACT_KINDS]
        if unknown:
            raise ValueError(f"unknown kind(s) {', '.join(unknown)}")
        return self


class NetworkGuide(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    kinds: dict[str, KindGuide]
    introduce: Introduce
    gaps: dict[Slug, GapGuide] = Field(default_factory=dict)
    offers: dict[str, str] = Field(default_factory=dict)
    topics: list[Topic] = Field(default_factory=list)

    @model_validator(mode="after")
    def _every_helper_kind(self) -> NetworkGuide:
        missing = [k for k in HELPER_KINDS if k not in self.kinds]
        if missing:
            raise ValueError(f"[kinds] needs an entry for {', '.join(missing)}")
        return self
