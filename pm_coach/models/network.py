"""One person in the user's support network: a coach, a mentor or a circle of peers."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from pm_coach.models.common import OneLine, Short, Slug

CONTACT_KINDS: tuple[str, ...] = ("coach", "mentor", "circle")
ContactKind = Literal["coach", "mentor", "circle"]


class Contact(BaseModel):
    """A person (or a peer group) who helps with some gaps. Field order is the file order."""

    model_config = ConfigDict(extra="forbid")

    name: Short
    kind: ContactKind
    helps: list[Slug] = Field(default_factory=list)
    contact: OneLine = ""
    note: OneLine = ""
    last_contact: dt.date | None = None
    created: dt.datetime

    def to_record(self) -> dict[str, object]:
        """The contact as a plain dict in file order, leaving out empty optional fields."""
        record: dict[str, object] = {"name": self.name, "kind": self.kind}
        if self.helps:
            record["helps"] = list(self.helps)
        if self.contact:
            record["contact"] = self.contact
        if self.note:
            record["note"] = self.note
        if self.last_contact is not None:
            record["last_contact"] = self.last_contact
        record["created"] = self.created
        return record

    def to_json(self) -> dict[str, object]:
        data = self.model_dump(mode="json")
        data["last_contact"] = self.last_contact.isoformat() if self.last_contact else None
        return data
