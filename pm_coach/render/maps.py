"""Skill maps as text: the list of maps, one map in full, JSON."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from pm_coach.models import SkillMap
from pm_coach.models.skillmap import LEVEL_LABELS, Resource

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult

    from pm_coach.models.catalog import MapEntry
    from pm_coach.render.hint import Say


def _source(entry: MapEntry) -> str:
    if entry.source.builtin:
        return "built-in"
    return "yours (replaces built-in)" if entry.overrides_builtin else "yours"


def list_table(entries: Sequence[MapEntry], active: str, say: Say) -> RenderableType:
    """The maps as a table, the active one marked; ``say`` words the commands."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from pm_coach.render.hint import Hint

    t = Table(
        title="Skill maps",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        expand=False,
    )
    t.add_column("", no_wrap=True)
    t.add_column("id", style="cyan", no_wrap=True)
    t.add_column("map", ratio=1, overflow="fold")
    t.add_column("gaps", justify="right")
    t.add_column("source")
    for e in entries:
        mark = "*" if e.source.id == active else ""
        if e.skill_map is None:
            t.add_row(
                mark,
                e.source.id,
                Text(
                    "not valid; see why with: " + say("maps-validate", path=e.source.path),
                    style="red",
                ),
                "",
                _source(e),
            )
            continue
        m = e.skill_map
        label = Text(m.name)
        label.append(f"\n{m.from_role} → {m.to_role}", style="dim")
        t.add_row(mark, m.id, label, str(len(m.gaps)), _source(e))
    others = [e.source.id for e in entries if e.skill_map is not None and e.source.id != active]
    if not others:
        return Group(t, Text(f"* active map ({active})"))
    change = say("profile-set-map", map=others[0])
    return Group(t, Hint(f"* active map ({active}); change it with: {change}"))


def list_json(entries: Sequence[MapEntry], active: str) -> str:
    out: list[dict[str, Any]] = []
    for e in entries:
        m = e.skill_map
        out.append(
            {
                "id": e.source.id,
                "name": m.name if m else None,
                "from_role": m.from_role if m else None,
                "to_role": m.to_role if m else None,
                "gaps": m.gap_ids if m else [],
                "source": "builtin" if e.source.builtin else "user",
                "path": str(e.source.path),
                "active": e.source.id == active,
                "valid": m is not None,
                "problems": list(e.problems),
            }
        )
    return json.dumps(out, ensure_ascii=False, indent=2)


def _span(levels: Sequence[int]) -> str:
    """``[1, 2, 3]`` as ``1-3``; a broken run as ``1, 3``."""
    ordered = sorted(levels)
    if ordered == list(range(ordered[0], ordered[-1] + 1)) and len(ordered) > 1:
        return f"{ordered[0]}-{ordered[-1]}"
    return ", ".join(str(n) for n in ordered)


def map_json(skill_map: SkillMap) -> str:
    """The map as data: the same fields and nesting as its TOML file."""
    return json.dumps(skill_map.model_dump(mode="json"), ensure_ascii=False, indent=2)


def resource_line(r: Resource) -> str:
    year = f", {r.year}" if r.year else ""
    return f"{r.title} ({r.author}{year}, {r.kind})"


class ActionRow(NamedTuple):
    id: str
    title: str
    type: str
    hours: str
    weeks: str


# A map's actions side by side (id, what to do, type, hours, weeks) from this many columns;
# narrower, each action is a line with its id and effort and its words wrapped below it.
ACTIONS_TABLE_FROM = 96
ACTION_ID_W = 26
TYPE_W = 12


def action_lines(rows: Sequence[ActionRow], width: int) -> list[str]:
    """The actions of a gap in ``width`` columns, every word whole, no line ending in a space."""
    from pm_coach.render.plain import join_columns, wrap

    if width >= ACTIONS_TABLE_FROM:
        id_w = max([ACTION_ID_W, *(len(r.id) for r in rows)])
        text_w = width - (id_w + TYPE_W + 5 + 5 + 4 * 2)
        widths = [id_w, text_w, TYPE_W, 5, 5]
        out = join_columns([["action id"], ["what to do"], ["type"], ["hours"], ["weeks"]], widths)
        for r in rows:
            out += join_columns(
                [[r.id], wrap(r.title, text_w), [r.type], [f"{r.hours:>5}"], [f"{r.weeks:>5}"]],
                widths,
            )
        return out
    out = ["Actions (id · type, effort):"]
    for r in rows:
        weeks = "week" if r.weeks == "1" else "weeks"
        out += wrap(f"{r.id} · {r.type}, {r.hours} h over {r.weeks} {weeks}", width)
        out += ["  " + line for line in wrap(r.title, width - 2)]
    return out


class Actions:
    """:func:`action_lines` as a rich renderable, laid out for the width it is given."""

    def __init__(self, rows: Sequence[ActionRow]) -> None:
        self.rows = rows

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.text import Text

        for line in action_lines(self.rows, options.max_width):
            yield Text(line)


def show(
    skill_map: SkillMap,
    say: Say,
    *,
    gap_id: str | None = None,
    levels: Mapping[str, int] | None = None,
    market: str = "",
    background: str = "",
) -> RenderableType:
    """The whole map (or one gap): levels and their evidence bars, actions with their effort,
    and resources: those that suit the PM's current level and market when ``levels`` has the
    gap, else all of them with the levels each suits. ``say`` words the closing command."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    from pm_coach.render.hint import Hint

    parts: list[RenderableType] = []
    head = Text(f"{skill_map.name} ", style="bold")
    head.append(f"({skill_map.id})", style="cyan")
    parts.append(head)
    parts.append(Text(f"{skill_map.from_role} → {skill_map.to_role}"))
    parts.append(Text(skill_map.description, style="dim"))
    for gap in skill_map.gaps:
        if gap_id and gap.id != gap_id:
            continue
        title = Text(f"\n{gap.name} ", style="bold")
        title.append(f"(--gap {gap.id})", style="cyan")
        parts.append(title)
        parts.append(Padding(Text(gap.summary), (0, 0, 0, 2)))
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True, style="bold")
        table.add_column()
        for i, text in enumerate(gap.levels, start=1):
            row = Text(f"{text} ({LEVEL_LABELS[i - 1]})")
            row.append(f"\nProof: {gap.bar(i).proof}", style="dim")
            table.add_row(f"{i}", row)
        parts.append(Padding(table, (0, 0, 0, 2)))
        rows = []
        for a in gap.actions:
            title = a.title
            note = a.background_note(background)
            if note and note[0] == "adapt":
                title += f" (from {background}: {note[1]})"
            elif note:
                title += f" (suits a {background} background)"
            rows.append(ActionRow(a.id, title, a.type, f"{a.effort_hours:g}", str(a.weeks)))
        parts.append(Padding(Actions(rows), (1, 0, 0, 2)))
        current = (levels or {}).get(gap.id)
        if current is not None:
            picked = gap.resources_for(current, market or None)
            where = f" in {market.upper()}" if market in ("b2b", "b2c") else ""
            reading = "; ".join(resource_line(r) for r in picked)
            label = f"Reading for level {current}{where}: "
            rest = len(gap.resources) - len(picked)
            tail = f" (+{rest} more in --json)" if rest else ""
        else:
            reading = "; ".join(
                f"{resource_line(r)} [levels {_span(r.level)}]" for r in gap.resources
            )
            label, tail = "Resources: ", ""
        parts.append(Padding(Text(f"{label}{reading}{tail}"), (1, 0, 0, 2)))
    parts.append(Text(""))
    parts.append(
        Hint(
            "Each action's steps and the evidence it produces: "
            + say("maps-show-json", map=skill_map.id),
            style="dim",
        )
    )
    return Group(*parts)
