"""One person in the user's support network: a coach, a mentor, a circle of peers, or a mentee."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from pm_coach.models.common import OneLine, Record, Short, Slug

CONTACT_KINDS: tuple[str, ...] = ("coach", "mentor", "circle", "mentee")
# The kinds who help the user; a mentee is someone the user helps.
HELPER_KINDS: tuple[str, ...] = ("coach", "mentor", "circle")
ContactKind = Literal["coach", "mentor", "circle", "mentee"]


class Conversation(BaseModel):
    """One conversation: the day it happened and, optionally, what it was about."""

    model_config = ConfigDict(defer_build=True, extra="forbid")

    date: dt.date
    note: OneLine = ""

    def to_record(self) -> dict[str, object]:
        return {"date": self.date, "note": self.note} if self.note else {"date": self.date}


class Contact(Record):
    """A person (or a peer group) in the network. Field order is the file order.

    ``conversations`` is the history, oldest first. Files written before the history existed
    carry one ``last_contact`` date; it is read as a conversation without a note.
    """

    model_config = ConfigDict(defer_build=True, extra="forbid")

    name: Short
    kind: ContactKind
    helps: list[Slug] = Field(default_factory=list)
    contact: OneLine = ""
    note: OneLine = ""
    conversations: list[Conversation] = Field(default_factory=list)
    created: dt.datetime

    @model_validator(mode="before")
    @classmethod
    def _last_contact_is_a_conversation(cls, data: Any) -> Any:
        if isinstance(data, dict) and "last_contact" in data:
            data = dict(data)
            last = data.pop("last_contact")
            if last is not None:
                talks = list(data.get("conversations") or [])
                talks.append({"date": last})
                data["conversations"] = talks
        return data

    @model_validator(mode="after")
    def _history_in_date_order(self) -> Contact:
        # sorted() is stable: conversations on the same day keep the order they were recorded in
        self.conversations = sorted(self.conversations, key=lambda c: c.date)
        return self

    @property
    def last_contact(self) -> dt.date | None:
        """The day of the latest conversation, or None when none is recorded."""
        return self.conversations[-1].date if self.conversations else None

    def to_record(self) -> dict[str, object]:
        """The contact as a plain dict in file order, leaving out empty optional fields."""
        record: dict[str, object] = {"name": self.name, "kind": self.kind}
        if self.helps:
            record["helps"] = list(self.helps)
        if self.contact:
            record["contact"] = self.contact
        if self.note:
            record["note"] = self.note
        if self.conversations:
            record["conversations"] = [c.to_record() for c in self.conversations]
        record["created"] = self.created
        return record

    def to_json(self) -> dict[str, object]:
        # every field, and the date of the latest conversation (derived, not stored)
        last = self.last_contact
        return {**super().to_json(), "last_contact": last.isoformat() if last else None}
