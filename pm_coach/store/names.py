"""The names a shell completes: evidence ids, gap and action ids, contact names, map ids.

Completion runs on every Tab, so this reads the files as plainly and quickly as it can: only the
standard library (no pydantic, no validation), the evidence log by a scan for its ``id`` lines
rather than a parse. It is a best effort: a file that is missing, odd or broken gives no names
(the command itself reports the problem when it runs), never an error.
Each function returns ``(name, a few words about it)`` pairs.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any

from pm_coach.store.map_files import DEFAULT_MAP, USER_FOLDER, builtin_dir

Named = list[tuple[str, str]]

MAX_BYTES = 100 * 2**20  # as files.MAX_READ: nothing bigger is a pm-coach data file
# Starts with the literal "id" (no ``^``), so the regex engine skips ahead to each "id" instead of
# trying every line; _at_line_start then keeps those that open their line.
_ID_LINE = re.compile(rb'id[ \t]*=[ \t]*"([a-z0-9]{3,12})"[ \t]*$', re.M)
_TEXT_LINE = re.compile(rb'^[ \t]*text[ \t]*=[ \t]*"((?:[^"\\\n]|\\.)*)"', re.M)
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


def _read(path: Path) -> bytes | None:
    """The bytes of a regular file (never through a link), or None."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_BYTES:
            return None
        with os.fdopen(fd, "rb") as fh:
            fd = -1
            return fh.read()
    except OSError:
        return None
    finally:
        if fd != -1:
            os.close(fd)


def _toml(path: Path) -> dict[str, Any]:
    raw = _read(path)
    if raw is None:
        return {}
    import tomllib

    try:
        return tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError, ValueError):
        return {}


def _unescape(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace")
    if "\\" not in text:
        return text
    import json

    try:
        return str(json.loads(f'"{text}"'))
    except ValueError:
        return text


def evidence_ids(
    folder: Path, start: str = "", *, describe: int = 200, file_name: str = "evidence.toml"
) -> Named:
    """The ids of an evidence file that begin with ``start``, newest entry first, each with
    its text when no more than ``describe`` match (finding the texts is the slow part)."""
    data = _read(folder / file_name)
    if not data:
        return []
    prefix = start.encode("utf-8", "replace")
    found = [
        (m.group(1).decode("ascii"), m.end())
        for m in _ID_LINE.finditer(data)
        if m.group(1).startswith(prefix) and _at_line_start(data, m.start())
    ]
    found.reverse()
    if len(found) > describe:
        return [(entry_id, "") for entry_id, _ in found]
    return [(entry_id, _text_after(data, at)) for entry_id, at in found]


def _at_line_start(data: bytes, at: int) -> bool:
    """Whether only spaces or tabs come before ``at`` on its line."""
    return not data[data.rfind(b"\n", 0, at) + 1 : at].strip(b" \t")


def _text_after(data: bytes, at: int) -> str:
    """The ``text`` of the table whose ``id`` line ends at ``at``."""
    end = data.find(b"\n[", at)
    m = _TEXT_LINE.search(data, at, end if end != -1 else len(data))
    return _unescape(m.group(1)) if m else ""


def trash_ids(folder: Path, start: str = "", *, describe: int = 200) -> Named:
    return evidence_ids(folder, start, describe=describe, file_name="trash.toml")


def active_map_id(folder: Path) -> str:
    """The profile's map (the one commands use without --map)."""
    value = _toml(folder / "profile.toml").get("map")
    return value if isinstance(value, str) and _SLUG.match(value) else DEFAULT_MAP


def map_ids(folder: Path) -> Named:
    """The ids of every map pm-coach can see, built-in and the user's own."""
    found: dict[str, str] = {}
    for where in (builtin_dir(), folder / USER_FOLDER):
        try:
            paths = sorted(where.glob("*.toml"))
        except OSError:
            continue
        for path in paths:
            if _SLUG.match(path.stem):
                found[path.stem] = _map_name(path)
    return sorted(found.items())


_NAME_LINE = re.compile(rb'^name[ \t]*=[ \t]*"((?:[^"\\\n]|\\.)*)"', re.M)


def _map_name(path: Path) -> str:
    raw = _read(path) or b""
    head = raw.split(b"\n[", 1)[0]
    m = _NAME_LINE.search(head)
    return _unescape(m.group(1)) if m else ""


def _map_file(folder: Path, map_id: str) -> Path | None:
    if not _SLUG.match(map_id):
        return None
    for where in (folder / USER_FOLDER, builtin_dir()):
        path = where / f"{map_id}.toml"
        if path.is_file():
            return path
    return None


def gap_ids(folder: Path, map_id: str | None = None) -> Named:
    """The gaps of ``map_id`` (default: the profile's map), in map order, with their names."""
    path = _map_file(folder, map_id or active_map_id(folder))
    gaps = _toml(path).get("gaps") if path else None
    if not isinstance(gaps, list):
        return []
    return [
        (g["id"], str(g.get("name", "")))
        for g in gaps
        if isinstance(g, dict) and isinstance(g.get("id"), str)
    ]


def plan_action_ids(folder: Path, *, open_only: bool = True) -> Named:
    """The actions of the active (newest) plan, with their titles; with ``open_only``, only
    those not yet marked done or skipped."""
    plans = _toml(folder / "plans.toml").get("plan")
    if not isinstance(plans, list) or not plans or not isinstance(plans[-1], dict):
        return []
    actions = plans[-1].get("action")
    if not isinstance(actions, list):
        return []
    return [
        (a["id"], str(a.get("title", "")))
        for a in actions
        if isinstance(a, dict)
        and isinstance(a.get("id"), str)
        and not (open_only and a.get("mark") in ("done", "skipped"))
    ]


def contact_names(folder: Path) -> Named:
    """Everyone in the network, with how they help (their kind)."""
    contacts = _toml(folder / "network.toml").get("contact")
    if not isinstance(contacts, list):
        return []
    return [
        (c["name"], str(c.get("kind", "")))
        for c in contacts
        if isinstance(c, dict) and isinstance(c.get("name"), str)
    ]
