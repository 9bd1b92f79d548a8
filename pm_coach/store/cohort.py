"""Member files in a cohort folder: writing one for ``share``, reading them all for ``cohort``.

Reading never stops at the first problem: every file is read and every problem is collected
with its file, line and what is wrong, so a programme lead can fix them all in one pass.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from pm_coach.errors import Hint, PmCoachError
from pm_coach.models.cohort import Member, unrated_gaps
from pm_coach.store import files, memberfile, tables

COMMENT = (
    "pm-coach cohort member file, written by 'pm-coach share'. It holds only what its owner "
    "agreed to share."
)
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int | None
    what: str
    aside: Hint | None = None  # a remark that names a command, worded in app/hints.py

    def __str__(self) -> str:
        where = f"{self.path}, line {self.line}" if self.line else str(self.path)
        return f"{where}: {self.what}"


@dataclass(frozen=True)
class Loaded:
    members: list[Member]
    paths: list[Path]  # the file each member came from, same order
    problems: list[Problem]
    bad_files: list[Path]  # files with at least one problem


def member_text(member: Member) -> str:
    """The member file: top-level keys first, then [levels], [targets], [[evidence]]."""
    from pm_coach.store.tomlfmt import key, table, value

    record = member.to_record()
    levels = record.pop("levels")
    targets = record.pop("targets")
    evidence = record.pop("evidence", [])
    lines = [f"# {COMMENT}", f"schema_version = {SCHEMA_VERSION}"]
    lines += [f"{key(k)} = {value(v)}" for k, v in record.items()]
    for name, mapping in (("levels", levels), ("targets", targets)):
        lines += ["", f"[{name}]"]
        lines += [f"{key(k)} = {value(v)}" for k, v in mapping.items()]  # type: ignore[union-attr]
    text = "\n".join(lines) + "\n"
    for item in evidence:  # type: ignore[union-attr]
        text += "\n" + table("evidence", item)
    return text


_HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_-]+)\s*\]\]?")
_KEY = re.compile(r"^\s*\"?([A-Za-z0-9_-]+)\"?\s*=")


def key_line(text: str, loc: tuple[int | str, ...]) -> int | None:
    """The line a validation error points at: a top-level key, a key inside [levels] or
    [targets], or the n-th [[evidence]] table; None when the key is missing."""
    if not loc:
        return None
    head = str(loc[0])
    if head == "evidence" and len(loc) > 1 and isinstance(loc[1], int):
        lines = tables.table_lines(text, "evidence")
        return lines[loc[1]] if loc[1] < len(lines) else None
    want_table, want_key = (head, str(loc[1])) if len(loc) > 1 else ("", head)
    table = ""
    header_line = None
    for number, line in enumerate(text.splitlines(), start=1):
        m = _HEADER.match(line)
        if m:
            table = m.group(1)
            if table == head and header_line is None:
                header_line = number
            continue
        k = _KEY.match(line)
        if k and table == want_table and k.group(1) == want_key:
            return number
    return header_line


def _read_one(path: Path) -> tuple[Member | None, list[Problem]]:
    try:
        # Other members' files: owned by them, so not owner-checked; still never a link, a
        # FIFO or a device, and bounded like any file pm-coach reads.
        text = files.read_text(path, own=False) or ""
        doc = memberfile.parse(text)
        if doc is None:  # not in the plain form share writes: tomllib decides
            doc = tables.parse_toml(path, text)
    except PmCoachError as exc:
        message = exc.message.removeprefix(f"{path}, ").removeprefix(f"{path}: ")
        m = re.match(r"line (\d+)(?:, column \d+)?: (.*)$", message, flags=re.S)
        if m:
            return None, [Problem(path, int(m.group(1)), m.group(2).rstrip("."))]
        return None, [Problem(path, None, message.rstrip("."))]
    problems: list[Problem] = []
    version = doc.pop("schema_version", None)
    if version != SCHEMA_VERSION:
        what = (
            "'schema_version' is missing"
            if version is None
            else f"'schema_version' is {version!r}; this pm-coach reads {SCHEMA_VERSION}"
        )
        problems.append(Problem(path, key_line(text, ("schema_version",)) or 1, what))
    for key, what in unrated_gaps(doc):
        problems.append(Problem(path, key_line(text, (key,)), what))
    try:
        member = Member.model_validate(doc, strict=True)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"])
            field = ".".join(str(p) for p in loc) or "file"
            msg = str(err["msg"]).removeprefix("Value error, ")
            if err["type"] == "missing":
                msg = f"'{field}' is missing"
            elif err["type"] == "extra_forbidden":
                msg = f"'{field}' is not a member-file key"
            else:
                msg = f"'{field}': {msg}"
            aside = Hint("member-keys") if err["type"] == "extra_forbidden" else None
            problems.append(Problem(path, key_line(text, loc), msg, aside))
    return (None if problems else member), _in_line_order(problems)


def _in_line_order(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: p.line or 0)


def load_members(folder: Path) -> Loaded:
    """Every ``*.toml`` directly in ``folder``, in name order, with all their problems."""
    from pm_coach.errors import NotFoundError

    if not folder.is_dir():
        raise NotFoundError(
            f"{folder} is not a folder.", hint="Give the cohort's shared folder with --dir."
        )
    members: list[Member] = []
    paths: list[Path] = []
    problems: list[Problem] = []
    bad: list[Path] = []
    try:
        names = sorted(n for n in os.listdir(folder) if n.endswith(".toml"))
    except OSError as exc:
        raise files.storage_error(exc, folder) from None
    for name in names:
        path = folder / name
        member, found = _read_one(path)
        if found:
            problems += found
            bad.append(path)
        elif member is not None:
            members.append(member)
            paths.append(path)
    return Loaded(members, paths, problems, bad)
