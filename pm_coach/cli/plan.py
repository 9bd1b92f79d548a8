"""``pm-coach plan``: what to do in the coming weeks, sized to your time, leaving evidence."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from pm_coach.cli.state import state
from pm_coach.errors import InputError, PreconditionError

HELP = """Turn your latest self-assessment into a plan for the coming weeks.

The plan ranks your gaps (the furthest below target first, raised when no recent evidence backs
the rating), picks 2-3 focus gaps and schedules actions from the skill map that fit your weekly
hours, each with a due date, the evidence it leaves and the log command that records it.
Actions you have logged evidence against show as done and the plan moves on.

Examples:

  pm-coach plan

  pm-coach plan --weeks 8 --start 2026-12-07 --hours 4

  pm-coach plan --format markdown -o plan.md

  pm-coach plan --json
"""

FORMATS = ("terminal", "markdown")


def register(app: typer.Typer) -> None:
    app.command("plan", help=HELP)(plan)


def plan(
    ctx: typer.Context,
    weeks: Annotated[
        int,
        typer.Option("--weeks", "-w", help="How many weeks the plan covers (1-52).", metavar="N"),
    ] = 12,
    start: Annotated[
        str,
        typer.Option(
            "--start",
            help="First day of the plan: YYYY-MM-DD, today, yesterday, 'N days ago', "
            "'last monday'.",
            metavar="DATE",
        ),
    ] = "today",
    hours: Annotated[
        float | None,
        typer.Option(
            "--hours",
            help="Hours a week you can give it (default: your profile's, else 3).",
            metavar="H",
        ),
    ] = None,
    map_id: Annotated[
        str | None,
        typer.Option(
            "--map", help="Skill map to plan with (default: your profile's).", metavar="ID"
        ),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="terminal (default) or markdown; markdown is the default with -o.",
            metavar="FORMAT",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the Markdown plan to FILE.", metavar="FILE"),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace FILE if it already exists.")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the plan as JSON and nothing else.")
    ] = False,
) -> None:
    from pm_coach.core.dates import parse_date
    from pm_coach.core.plan import build_plan
    from pm_coach.core.progress import latest
    from pm_coach.store.assessments import load_assessments
    from pm_coach.store.profile import load_profile

    kind = _check_format(fmt, output, as_json)
    today = dt.date.today()
    first_day = parse_date(start, today, allow_future=True, what="--start")

    st = state(ctx)
    profile = load_profile(st.folder)
    skill_map = st.skill_map(map_id.strip().lower() if map_id else profile.map)
    assessment = latest(load_assessments(st.folder), skill_map.id)
    if assessment is None:
        raise PreconditionError(
            f"no self-assessment for the skill map {skill_map.id!r} yet: run "
            f"'{_assess_command(skill_map.id, profile.map)}' first, then 'pm-coach plan'."
        )
    result = build_plan(
        skill_map,
        assessment,
        st.evidence.load(),
        start=first_day,
        weeks=weeks,
        hours_per_week=profile.hours_per_week if hours is None else hours,
        log_map=None if skill_map.id == profile.map else skill_map.id,
    )
    from pm_coach.core.plan import with_network
    from pm_coach.store.network import load_contacts

    result = with_network(result, load_contacts(st.folder))

    if as_json:
        from pm_coach.render.plan import as_json as dump

        print(dump(result))
        return
    if kind == "markdown":
        from pm_coach.render.plan import markdown

        text = markdown(
            result,
            name=profile.name,
            current_role=profile.current_role,
            target_role=profile.target_role,
        )
        if output is None:
            print(text, end="")
            return
        from pm_coach.store.output import write_output

        write_output(output, text, force=force)
        actions = sum(1 for g in [*result.focus, *result.prove_it] for a in g.actions if a.due)
        print(
            f"Wrote the plan to {output}: {_count(len(result.focus), 'focus gap')}, "
            f"{_count(actions, 'scheduled action')}, {_count(result.weeks, 'week')} "
            f"from {result.start}."
        )
        return
    from pm_coach.render import console
    from pm_coach.render.plan import terminal

    console.out().print(terminal(result))


def _check_format(fmt: str | None, output: Path | None, as_json: bool) -> str:
    kind = (fmt or ("markdown" if output is not None else "terminal")).strip().lower()
    if kind == "md":
        kind = "markdown"
    if kind not in FORMATS:
        raise InputError(f"unknown --format {fmt!r}.", hint=f"Use one of: {', '.join(FORMATS)}.")
    if as_json and (fmt is not None or output is not None):
        raise InputError(
            "--json cannot be combined with --format or -o.",
            hint="Use --json alone for JSON, or --format markdown -o FILE for a document.",
        )
    if output is not None and kind != "markdown":
        raise InputError(
            "-o writes a Markdown document; the terminal view is for the screen.",
            hint="Use --format markdown -o FILE.",
        )
    return kind


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _assess_command(map_id: str, profile_map: str) -> str:
    return "pm-coach assess" if map_id == profile_map else f"pm-coach assess --map {map_id}"
