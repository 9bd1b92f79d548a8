"""Use cases behind the ``network`` commands that show something: ``add``, ``list``, ``show``,
``prep`` and ``find``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from pm_coach.app.emit import Message, Output
from pm_coach.core.finding import FindResult
from pm_coach.core.prep import Prep
from pm_coach.errors import PreconditionError
from pm_coach.models import Assessment, Evidence, Profile, SkillMap
from pm_coach.models.network import Contact

if TYPE_CHECKING:
    from rich.console import RenderableType

    from pm_coach.app.workspace import Workspace
    from pm_coach.core.plan_model import Plan


@dataclass(frozen=True)
class Situation:
    """What prep and find both start from: the profile, map, latest assessment, log, network."""

    profile: Profile
    skill_map: SkillMap
    assessment: Assessment | None
    entries: list[Evidence]
    contacts: list[Contact]


def load_situation(folder: Path) -> Situation:
    from pm_coach.core.progress import latest
    from pm_coach.store.assessments import load_assessments
    from pm_coach.store.evidence import EvidenceStore
    from pm_coach.store.maps import MapCatalog
    from pm_coach.store.network import load_contacts
    from pm_coach.store.profile import load_profile

    profile = load_profile(folder)
    skill_map = MapCatalog(folder).load(profile.map)
    return Situation(
        profile=profile,
        skill_map=skill_map,
        assessment=latest(load_assessments(folder), skill_map.id),
        entries=EvidenceStore(folder).load(),
        contacts=load_contacts(folder),
    )


def current_plan(folder: Path, s: Situation, today: dt.date) -> tuple[Plan | None, bool]:
    """The plan the user is following and whether it is the saved one: the active saved plan
    (with each action's status today) when it uses the profile's map, else the plan worked
    out today from the latest assessment; (None, False) with neither."""
    from pm_coach.app.plan import active_plan_status

    saved = active_plan_status(folder, today)
    if saved is not None and saved.map_id == s.skill_map.id:
        return saved, True
    if s.assessment is None:
        return None, False
    from pm_coach.core.plan import build_plan

    made = build_plan(
        s.skill_map, s.assessment, s.entries, start=today, hours_per_week=s.profile.hours_per_week
    )
    return made, False


def _focus_and_actions(
    folder: Path, s: Situation, today: dt.date
) -> tuple[list[tuple[str, str, int, int]], list[tuple[str, str, str, dt.date | None, str]], bool]:
    """The focus gaps (id, name, current, target) and their actions (id, title, gap, due,
    status) of the plan in use, and whether it is the saved plan."""
    plan, saved = current_plan(folder, s, today)
    if plan is None:
        return [], [], False
    focus = [(g.gap, g.name, g.current, g.target) for g in plan.focus]
    actions = [(a.id, a.title, g.gap, a.due, a.status) for g in plan.focus for a in g.actions]
    return focus, actions, saved


def _json_rows(contacts: list[Contact], today: dt.date) -> str:
    import json

    from pm_coach.render.network import rows

    return json.dumps(rows(contacts, today), ensure_ascii=False, indent=2) + "\n"


def _one_json(contact: Contact, today: dt.date) -> str:
    import json

    from pm_coach.render.network import rows

    return json.dumps(rows([contact], today)[0], ensure_ascii=False, indent=2) + "\n"


@dataclass(frozen=True)
class AddedContact(Output):
    """``network add``: a line saying who was added, or the new contact as JSON."""

    contact: Contact
    today: dt.date
    gap_ids: tuple[str, ...] = ()  # the active map's, for the hint that adds one

    formats: ClassVar[tuple[str, ...]] = ("text", "json")
    file_format: ClassVar[str] = "json"

    def render(self, fmt: str) -> str | RenderableType:
        if fmt == "json":
            return _one_json(self.contact, self.today)
        c = self.contact
        helped = f" · helps {', '.join(c.helps)}" if c.helps else ""
        return f"Added {c.name} ({c.kind}){helped}\n"

    def notes(self, fmt: str) -> list[str]:
        from pm_coach.core.network import name_arg

        if self.contact.helps or self.contact.kind == "mentee" or not self.gap_ids:
            return []
        return [
            "  No --helps given, so 'plan' will not name them for any gap "
            f"({', '.join(self.gap_ids)}). To add one: "
            f"pm-coach network edit {name_arg(self.contact.name)} --helps {self.gap_ids[0]}"
        ]


def add(
    ws: Workspace,
    *,
    name: str,
    kind: str,
    helps: list[str],
    contact: str,
    note: str,
    today: dt.date,
) -> AddedContact:
    """Add someone to the network; a bad kind is reported before any file is read."""
    from pm_coach.core import network
    from pm_coach.store.evidence import now_utc
    from pm_coach.store.network import change_contacts

    network.check_kind(kind)
    gap_ids = ws.skill_map().gap_ids
    new = network.build_contact(
        name=name,
        kind=kind,
        helps=helps,
        contact=contact,
        note=note,
        gap_ids=gap_ids,
        created=now_utc(),
    )
    change_contacts(ws.folder, lambda contacts: network.add(contacts, new))
    return AddedContact(new, today, tuple(gap_ids))


@dataclass(frozen=True)
class NetworkList(Output):
    """``network list``: everyone, with how long since the last conversation."""

    contacts: list[Contact]
    today: dt.date

    formats: ClassVar[tuple[str, ...]] = ("terminal", "json")
    file_format: ClassVar[str] = "json"

    def render(self, fmt: str) -> str | RenderableType:
        if fmt == "json":
            return _json_rows(self.contacts, self.today)
        import sys

        from pm_coach.render.network import list_lines
        from pm_coach.render.plain import screen_width

        width = screen_width(sys.stdout)
        return "".join(f"{line}\n" for line in list_lines(self.contacts, self.today, width))

    def empty(self, fmt: str) -> str | None:
        if self.contacts:
            return None
        return (
            "No one in your network yet. Add someone with: "
            'pm-coach network add "Sam Lee" --kind mentor --helps strategy'
        )

    def notes(self, fmt: str) -> list[str]:
        from pm_coach.core import network

        quiet = network.quiet_contacts(self.contacts, self.today)
        if fmt == "json" or not quiet:
            return []
        return [
            f"{len(quiet)} gone quiet (no conversation in {network.QUIET_DAYS} days). After "
            f"you talk, record it with: pm-coach network touch {network.name_arg(quiet[0].name)}"
        ]

    def written(self, path: Path, fmt: str) -> str:
        return f"Wrote {len(self.contacts)} contacts to {path}"


def listing(folder: Path, today: dt.date) -> NetworkList:
    from pm_coach.store.network import load_contacts

    return NetworkList(load_contacts(folder), today)


@dataclass(frozen=True)
class ContactResult(Output):
    """``network show``: one contact and their conversation history."""

    contact: Contact
    today: dt.date

    formats: ClassVar[tuple[str, ...]] = ("terminal", "json")
    file_format: ClassVar[str] = "json"

    def render(self, fmt: str) -> str | RenderableType:
        if fmt == "json":
            return _one_json(self.contact, self.today)
        from pm_coach.render.network import detail

        return detail(self.contact, self.today)


def show(folder: Path, name: str, today: dt.date) -> ContactResult:
    from pm_coach.core import network
    from pm_coach.store.network import load_contacts

    return ContactResult(network.get(load_contacts(folder), name), today)


@dataclass(frozen=True)
class PrepResult(Output):
    """``network prep``: the agenda, Markdown by default."""

    prep: Prep

    formats: ClassVar[tuple[str, ...]] = ("markdown", "json")
    file_format: ClassVar[str] = "markdown"

    def render(self, fmt: str) -> str | RenderableType:
        from pm_coach.app.hints import say
        from pm_coach.render import prep as render

        return render.as_json(self.prep) if fmt == "json" else render.markdown(self.prep, say)

    def written(self, path: Path, fmt: str) -> str:
        return f"Wrote the agenda for {self.prep.contact.name} to {path}"


def prep(folder: Path, name: str, today: dt.date) -> PrepResult:
    """The agenda for the next conversation with the named contact."""
    from pm_coach.core import network
    from pm_coach.core.mentoring import strengths
    from pm_coach.core.prep import ActionItem, FocusItem, build_prep
    from pm_coach.store.content import network_guide

    s = load_situation(folder)
    contact = network.get(s.contacts, name)
    focus, actions, saved = _focus_and_actions(folder, s, today)
    return PrepResult(
        build_prep(
            contact,
            today=today,
            skill_map=s.skill_map,
            focus=[FocusItem(g, n, cur, tgt, g in contact.helps) for g, n, cur, tgt in focus],
            actions=[ActionItem(*a) for a in actions],
            entries=s.entries,
            strengths=strengths(s.skill_map, s.assessment, s.entries, today),
            guide=network_guide(),
            no_assessment=s.assessment is None,
            saved_plan=saved,
            answers={
                "goal": s.profile.goal,
                "investment": s.profile.investment,
                "personality": s.profile.personality,
            },
        )
    )


@dataclass(frozen=True)
class FindOutput(Output):
    """``network find`` for emit()."""

    result: FindResult

    formats: ClassVar[tuple[str, ...]] = ("text", "json")
    file_format: ClassVar[str] = "text"

    def render(self, fmt: str) -> str | RenderableType:
        from pm_coach.app.hints import say
        from pm_coach.render import finding

        if fmt == "json":
            return finding.as_json(self.result) + "\n"
        return finding.text(self.result, say)

    def notes(self, fmt: str) -> list[str]:
        if fmt == "json" or self.result.based_on != "all":
            return []
        return [
            "No self-assessment yet, so every gap nobody helps with is listed. Run "
            "'pm-coach assess' to narrow this to your focus gaps."
        ]


def find(folder: Path, gap: str | None, today: dt.date) -> FindOutput:
    """Whom to look for: for ``gap``, or for each focus gap nobody helps with."""
    from pm_coach.core.evidence import check_gaps
    from pm_coach.core.finding import suggest
    from pm_coach.core.mentoring import strengths
    from pm_coach.store.content import network_guide

    s = load_situation(folder)
    names = {g.id: g.name for g in s.skill_map.gaps}
    if gap is not None:
        [gap_id] = check_gaps([gap], s.skill_map)
        gaps, based_on = [(gap_id, names[gap_id])], "gap"
    elif s.assessment is None:
        gaps, based_on = list(names.items()), "all"
    else:
        focus, _, _ = _focus_and_actions(folder, s, today)
        gaps, based_on = [(g, n) for g, n, _, _ in focus], "focus"
    found = suggest(
        gaps,
        s.contacts,
        network_guide(),
        goal=s.profile.goal,
        investment=s.profile.investment,
        personality=s.profile.personality,
        target_role=s.profile.target_role,
        include_helped=gap is not None,
    )
    return FindOutput(
        FindResult(
            suggestions=found,
            strengths=strengths(s.skill_map, s.assessment, s.entries, today),
            mentees=[c.name for c in s.contacts if c.kind == "mentee"],
            based_on=based_on,
            any_gap=gaps[0][0] if gaps else s.skill_map.gap_ids[0],
        )
    )


# --- commands that change the network: each says what it did in a Message ---------------------


def _change(
    folder: Path, change: Callable[[list[Contact]], tuple[list[Contact], Contact]]
) -> Contact:
    """Apply ``change`` (contacts in, the new contacts and the one it concerned out) under the
    lock, and return that contact."""
    from pm_coach.store.network import change_contacts

    concerned: list[Contact] = []

    def apply(contacts: list[Contact]) -> list[Contact]:
        updated, who = change(contacts)
        concerned.append(who)
        return updated

    change_contacts(folder, apply)
    return concerned[0]


def _helped(c: Contact) -> str:
    return f" · helps {', '.join(c.helps)}" if c.helps else ""


def edit(
    ws: Workspace,
    name: str,
    *,
    kind: str | None,
    helps: list[str] | None,
    contact: str | None,
    note: str | None,
) -> Message:
    """``network edit``: change the fields given; the others keep their values."""
    from pm_coach.core import network

    gap_ids = ws.skill_map().gap_ids if helps is not None else []
    who = _change(
        ws.folder,
        lambda contacts: network.edit(
            contacts, name, kind=kind, helps=helps, contact=contact, note=note, gap_ids=gap_ids
        ),
    )
    return Message((f"Saved {who.name} ({who.kind}){_helped(who)}",))


def remove(ws: Workspace, name: str, *, yes: bool) -> Message:
    """``network rm``: ask first (unless ``yes``; no terminal and no ``yes`` is exit 6)."""
    from pm_coach.core import network

    if not yes:
        from pm_coach.app import terminal
        from pm_coach.store.network import load_contacts

        who = network.get(load_contacts(ws.folder), name)
        if not terminal.interactive():
            raise PreconditionError(
                "removing needs a confirmation, and this is not an interactive terminal.",
                hint="Add --yes to remove them: "
                f"pm-coach network rm {network.name_arg(who.name)} --yes",
            )
        from pm_coach import prompts

        talks = len(who.conversations)
        history = f" and {talks} recorded conversation{'s' if talks != 1 else ''}" if talks else ""
        if not prompts.confirm(f"Remove {who.name} ({who.kind}){history}?"):
            return Message(("Kept them; nothing removed.",))
    gone = _change(ws.folder, lambda contacts: network.remove(contacts, name))
    return Message((f"Removed {gone.name} ({gone.kind})",))


def touch(
    ws: Workspace, name: str, *, date: str, note: str, evidence: bool, today: dt.date
) -> Message:
    """``network touch``: record a conversation on the day given; with a mentee, also log it
    as delegation evidence unless ``evidence`` is False."""
    from pm_coach.core import network
    from pm_coach.core.dates import parse_date

    when = parse_date(date, today, what="--date")
    who = _change(ws.folder, lambda contacts: network.touch(contacts, name, when, note))
    lines = [f"Recorded a conversation with {who.name} on {when.isoformat()}"]
    if who.kind == "mentee" and evidence:
        from pm_coach.core.mentoring import mentoring_entry
        from pm_coach.render.evidence import summary_line
        from pm_coach.store.evidence import now_utc

        entry = mentoring_entry(who.name, when, note, ws.skill_map(), created=now_utc())
        saved = ws.evidence.append(lambda new_id: entry.model_copy(update={"id": new_id}))
        lines.append(f"  Logged as evidence: {summary_line(saved)}")
    return Message(tuple(lines))
