"""Export writers: items in, text out (plain bullets, Markdown, JSON, JSON Resume)."""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from pm_coach.core.export import Item, LintReport, Section, sections
from pm_coach.render.markdown import md_escape, md_escape_lines
from pm_coach.render.words import MONTHS_SHORT

if TYPE_CHECKING:
    from pm_coach.models import Profile, Role

VOLUNTEER_POSITION = "Volunteer"
JSON_RESUME_SCHEMA = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"


SECTION_TITLES = {
    "volunteer": "Volunteering",
    "talk": "Talks",
    "publication": "Publications",
    "other": "Other work",
}


def month_name(month: str) -> str:
    """``2024-03`` → ``Mar 2024``."""
    year, number = month.split("-")
    return f"{MONTHS_SHORT[int(number) - 1]} {year}"


def role_span(role: Role) -> str:
    end = month_name(role.end) if role.end else "present"
    return f"{month_name(role.start)} – {end}"


# --- text -------------------------------------------------------------------------------------


def as_text(items: Sequence[Item]) -> Iterator[str]:
    """One bullet per line, newest first, nothing else (written as it comes: a big log's export
    is never held whole)."""
    for i in items:
        yield f"{i.text}\n"


# --- markdown ---------------------------------------------------------------------------------


def _md_items(section: Section, batch: int = 2000) -> Iterator[str]:
    """The section's bullets as Markdown list items, one a line, a batch of lines at a time."""
    for first in range(0, len(section.items), batch):
        items = section.items[first : first + batch]
        lines = md_escape_lines([i.text for i in items])
        if section.key == "role":
            yield "".join(f"- {line}\n" for line in lines)
            continue
        where = []
        for i in items:
            day, org = i.entry.date, i.entry.org
            if org and org.casefold() in i.text.casefold():
                org = ""
            when = _month(day.year, day.month)
            where.append(f"{org}, {when}" if org else when)
        places = md_escape_lines(where)
        yield "".join(f"- {line} ({place})\n" for line, place in zip(lines, places, strict=True))


@functools.cache  # a big log has a few hundred months and thousands of entries
def _month(year: int, month: int) -> str:
    return month_name(f"{dt.date(year, month, 1):%Y-%m}")


def as_markdown(items: Sequence[Item], roles: Sequence[Role]) -> Iterator[str]:
    """Bullets grouped by role (company, title, dates), newest first; entries outside any role
    under Volunteering, Talks, Publications and Other work. Written a batch of lines at a time."""
    for n, section in enumerate(sections(items, roles)):
        if section.role is not None:
            r = section.role
            head = f"## {md_escape(r.company)} — {md_escape(r.title)}\n\n*{role_span(r)}*"
        else:
            head = f"## {SECTION_TITLES[section.key]}"
        yield f"\n{head}\n\n" if n else f"{head}\n\n"
        yield from _md_items(section)


# --- json -------------------------------------------------------------------------------------


def as_json(items: Sequence[Item]) -> Iterator[str]:
    """The bullets with the ids of the entries they came from, newest first: the bytes
    ``json.dumps(rows, ensure_ascii=False, indent=2)`` writes, an entry at a time (``indent``
    makes json use its pure-Python encoder, whose every call leaves garbage for the collector,
    which read commands turn off)."""
    if not items:
        yield "[]\n"
        return
    text = json.encoder.encode_basestring  # a JSON string without escaping non-ASCII, in C
    for n, i in enumerate(items):
        e, r = i.entry, i.role
        gaps = (
            "[]"
            if not e.gaps
            else "[\n" + ",\n".join(f"      {text(g)}" for g in e.gaps) + "\n    ]"
        )
        if r is None:
            role = "null"
        else:
            end = text(r.end) if r.end else "null"
            role = (
                f'{{\n      "company": {text(r.company)},\n      "title": {text(r.title)},\n'
                f'      "start": {text(r.start)},\n      "end": {end}\n    }}'
            )
        yield (
            f'{"[" if n == 0 else ","}\n  {{\n    "id": {text(e.id)},\n'
            f'    "date": "{e.date.isoformat()}",\n    "kind": {text(e.kind)},\n'
            f'    "gaps": {gaps},\n    "role": {role},\n    "bullet": {text(i.text)}\n  }}'
        )
    yield "\n]\n"


# --- JSON Resume ------------------------------------------------------------------------------


def _basics(profile: Profile) -> dict[str, object]:
    basics: dict[str, object] = {}
    if profile.name:
        basics["name"] = profile.name
    if profile.current_role:
        basics["label"] = profile.current_role
    if profile.email:
        basics["email"] = profile.email
    if profile.summary:
        basics["summary"] = profile.summary
    if profile.location:
        from pm_coach.core.location import split_location

        basics["location"] = split_location(profile.location)
    return basics


def resume(items: Sequence[Item], roles: Sequence[Role], profile: Profile) -> dict[str, object]:
    """A JSON Resume document (https://jsonresume.org/schema).

    ``work`` has every role given (newest first) with its bullets as highlights; volunteer
    entries are grouped by organisation; talks become projects of type "talk"; publications go
    to ``publications``. Work entries outside every role have no place in it and are left out.
    """
    from pm_coach.models.profile import sort_roles

    doc: dict[str, object] = {"$schema": JSON_RESUME_SCHEMA, "basics": _basics(profile)}
    work = []
    for role in sort_roles(list(roles)):
        job: dict[str, object] = {
            "name": role.company,
            "position": role.title,
            "startDate": role.start,
        }
        if role.end:
            job["endDate"] = role.end
        job["highlights"] = [i.text for i in items if i.role == role]
        work.append(job)
    doc["work"] = work

    volunteer = []
    by_org: dict[str, list[Item]] = {}
    for i in items:
        if i.section == "volunteer":
            by_org.setdefault(i.entry.org, []).append(i)
    for org in sorted(by_org, key=lambda o: max(i.entry.date for i in by_org[o]), reverse=True):
        group = by_org[org]
        entry: dict[str, object] = {}
        if org:
            entry["organization"] = org
        # themes print "position | organization"; the entries hold no role title of their own
        entry["position"] = VOLUNTEER_POSITION
        entry["startDate"] = min(i.entry.date for i in group).strftime("%Y-%m")
        entry["endDate"] = max(i.entry.date for i in group).strftime("%Y-%m")
        entry["highlights"] = [i.text for i in group]
        volunteer.append(entry)
    doc["volunteer"] = volunteer

    projects = []
    publications = []
    for i in items:
        e = i.entry
        if i.section == "talk":
            talk: dict[str, object] = {"name": e.text, "type": "talk", "roles": ["Speaker"]}
            if e.org:
                talk["entity"] = e.org
            # a talk is one day: without an end date themes print "Apr 2026 – Present"
            talk["startDate"] = talk["endDate"] = e.date.isoformat()
            if i.text != e.text:
                talk["highlights"] = [i.text]
            projects.append(talk)
        elif i.section == "publication":
            pub: dict[str, object] = {"name": e.text}
            if e.org:
                pub["publisher"] = e.org
            pub["releaseDate"] = e.date.isoformat()
            if e.result and e.result != e.text:  # the title is already the name
                pub["summary"] = e.result
            publications.append(pub)
    doc["projects"] = projects
    doc["publications"] = publications
    return doc


def as_json_resume(items: Sequence[Item], roles: Sequence[Role], profile: Profile) -> Iterator[str]:
    """The document as ``json.dumps(..., indent=2)`` writes it, in the pieces it is made of."""
    encoder = json.JSONEncoder(ensure_ascii=False, indent=2)
    yield from encoder.iterencode(resume(items, roles, profile))
    yield "\n"


# --- --lint -----------------------------------------------------------------------------------


def lint_text(reports: Iterable[LintReport], total: int, width: int = 80) -> Iterator[str]:
    """Each weak entry (id, date and its text cut at a word to fit) and its findings below it,
    wrapped to ``width`` with the command that fixes each kept whole on a line of its own; then
    how many were weak. Written an entry at a time."""
    from pm_coach.render.plain import cut, wrap_message

    if not total:
        yield "No evidence to check.\n"
        return
    weak = 0
    for r in reports:
        weak += 1
        e = r.entry
        head = f"{e.id} · {e.date.isoformat()} · "
        lines = [head + cut(e.text, max(width - len(head), 12))]
        lines.extend(part for f in r.findings for part in wrap_message(f"  {f.message}", width))
        yield "".join(f"{line}\n" for line in lines)
    if not weak:
        yield f"No weak entries: all {total} would make bullets with a result and a number.\n"
        return
    yield f"\n{weak} of {total} entries would make weak bullets.\n"


def lint_json(reports: Iterable[LintReport]) -> Iterator[str]:
    """The weak entries and their findings: the bytes ``json.dumps(rows, ensure_ascii=False,
    indent=2)`` writes, an entry at a time and with the C string encoder (see :func:`as_json`)."""
    text = json.encoder.encode_basestring
    n = -1
    for n, r in enumerate(reports):
        e = r.entry
        found = ",\n".join(
            f'      {{\n        "code": {text(f.code)},\n        "message": {text(f.message)}\n'
            "      }"
            for f in r.findings
        )
        findings = f"[\n{found}\n    ]" if r.findings else "[]"
        yield (
            f'{"[" if n == 0 else ","}\n  {{\n    "id": {text(e.id)},\n'
            f'    "date": "{e.date.isoformat()}",\n    "text": {text(e.text)},\n'
            f'    "findings": {findings}\n  }}'
        )
    yield "[]\n" if n == -1 else "\n]\n"
