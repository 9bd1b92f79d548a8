"""``network.toml``: the people who help with the user's growth, one ``[[contact]]`` each."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pm_coach.models.network import Contact
from pm_coach.store import files, tables

FILE_NAME = "network.toml"
KEY = "contact"
COMMENT = "pm-coach support network: one [[contact]] table per person. Safe to edit by hand."
# Names are unique ignoring case: commands find a contact by name.
UNIQUE_NAMES: tables.Unique[Contact] = tables.Unique(
    ident=lambda c: c.name.casefold(),
    what=lambda c: f"the name {c.name!r}",
    hint="Rename or remove one of the two contacts.",
)


def network_path(folder: Path) -> Path:
    return folder / FILE_NAME


def load_contacts(folder: Path) -> list[Contact]:
    """Every contact, validated, in file order; names must be unique (ignoring case)."""
    return tables.load_unique_tables(network_path(folder), KEY, Contact, UNIQUE_NAMES)


def change_contacts(
    folder: Path, change: Callable[[list[Contact]], list[Contact]]
) -> list[Contact]:
    """Load (validating), apply ``change`` and rewrite the file atomically, all under the lock."""
    from pm_coach.store.splice import splice_tables

    path = network_path(folder)
    with files.locked(folder):
        old = load_contacts(folder)
        contacts = change(list(old))
        before = files.read_text(path)
        text = None
        if before is not None:  # keep the user's comments: touch only the changed tables
            text = splice_tables(
                before,
                KEY,
                old,
                contacts,
                ident=lambda c: c.name.casefold(),
                record=lambda c: c.to_record(),
                parse=lambda t: tables.parse_tables(path, t, KEY, Contact),
            )
        if text is None:
            text = tables.dump_tables(KEY, [c.to_record() for c in contacts], COMMENT)
        files.atomic_write(path, text)
    return contacts
