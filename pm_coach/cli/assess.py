"""``pm-coach assess``: an honest self-assessment across the gaps of the active skill map."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from pm_coach.cli.state import interactive, state

if TYPE_CHECKING:
    from pm_coach.cli.state import Workspace

HELP = """Rate yourself on each gap of your skill map, against the level your target role needs.

For every gap you pick the statement closest to what you actually do now (not a number), then
the level your target role needs (default 4), then an optional note. Ctrl-C or Esc cancels
without saving. The result shows each gap against its target, the change since your last
assessment, the level your evidence of the last year supports (Backed) and, when someone has
rated you (pm-coach feedback), the median of their ratings. A rating above what the evidence
supports is an over-claim, one below it an under-claim; docs/calibration.md has the rules.

Examples:

  pm-coach assess

  pm-coach assess --gap delegation

  pm-coach assess --map apm-to-pm

  pm-coach assess --answers answers.toml --date 2026-09-30

  pm-coach assess --history --json

--gap re-rates one gap (repeatable) and carries the others over from your last
assessment. --answers takes a TOML file with a [levels] table (gap id = 1..5), optional
[targets] and [notes] tables and an optional map = "id" line; see docs/assessment.md.
"""


def register(app: typer.Typer) -> None:
    app.command("assess", help=HELP)(assess)


def assess(
    ctx: typer.Context,
    gap: Annotated[
        list[str] | None,
        typer.Option(
            "--gap",
            "-g",
            help="Re-assess only this gap (repeatable); the others are carried over.",
            metavar="ID",
        ),
    ] = None,
    map_id: Annotated[
        str | None,
        typer.Option(
            "--map", help="Skill map to assess against (default: your profile's).", metavar="ID"
        ),
    ] = None,
    answers: Annotated[
        str | None,
        typer.Option(
            "--answers",
            help="Take the ratings from this TOML file instead of asking (no terminal needed).",
            metavar="FILE",
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            "-d",
            metavar="DATE",
            help="Date the assessment (back-date it): YYYY-MM-DD, yesterday, '2 weeks ago', "
            "'3 Nov'… Default: today.",
        ),
    ] = None,
    window: Annotated[
        int,
        typer.Option(
            "--window",
            metavar="DAYS",
            help="Count evidence from this many days before the assessment date.",
        ),
    ] = 365,
    raters: Annotated[
        bool,
        typer.Option("--raters", help="Show each rater's level and notes, not only the median."),
    ] = False,
    history: Annotated[
        bool, typer.Option("--history", help="Show every assessment and the trend per gap.")
    ] = False,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help="Print JSON only: with --history the array of assessments, otherwise the "
            "one just saved.",
        ),
    ] = False,
) -> None:
    from pm_coach.errors import InputError

    st = state(ctx)
    if history:
        used = [f for f, v in (("--gap", gap), ("--answers", answers), ("--date", date)) if v]
        if used:
            raise InputError(
                "--history only shows what is saved; it cannot be combined with "
                f"{', '.join(used)}.",
                hint="Run 'pm-coach assess --history' alone (optionally with --map or --json).",
            )
        _history(st, map_id, as_json)
        return
    from pm_coach.core.calibration import check_window

    _assess(st, gap or [], map_id, answers, date, as_json, check_window(window), raters)


def _assess(
    st: Workspace,
    gap: list[str],
    map_id: str | None,
    answers: str | None,
    date: str | None,
    as_json: bool,
    window: int,
    show_raters: bool = False,
) -> None:
    import datetime as dt
    from pathlib import Path

    from pm_coach.core import assessment as core
    from pm_coach.errors import PreconditionError
    from pm_coach.store.assessments import add_assessment, load_assessments, read_answers
    from pm_coach.store.evidence import now_utc

    if answers is None and not interactive():
        raise PreconditionError(
            "assess asks its questions in a terminal, and this is not one.",
            hint="Give the ratings in a file instead: pm-coach assess --answers answers.toml "
            "(the format is in docs/assessment.md).",
        )
    today = dt.date.today()
    when = core.assessment_date(date, today)
    doc = None
    if answers is not None:
        doc = read_answers(Path(answers))
        map_id = core.answers_map(doc, answers, map_id)
    skill_map = st.skill_map(map_id)
    only = core.check_gap_ids(gap, skill_map)
    saved = load_assessments(st.folder)
    base = core.base_for(saved, skill_map.id, when)
    core.check_carry_over(skill_map, base, only, when)
    evidence = st.evidence.load()  # read before asking: a broken log stops us early

    if doc is not None:
        ratings = core.parse_answers(doc, skill_map, only=only, source=str(answers))
    else:
        from pm_coach.prompts.assess import assess_form
        from pm_coach.render import console
        from pm_coach.store.profile import load_profile

        gaps = [g for g in skill_map.gaps if not only or g.id in only]
        # The motivation check belongs to the very first assessment only, and only once.
        motivation = (
            skill_map.ask_motivation and not saved and not load_profile(st.folder).motivation
        )
        console.err().print(
            f"{skill_map.name}: {len(gaps)} gap{'s' if len(gaps) != 1 else ''}, three questions "
            "each"
            + (", after one about what you want next" if motivation else "")
            + ". Pick what you actually do now, not what you could do on a good day. "
            "Ctrl-C or Esc cancels without saving.\n"
        )
        ratings = assess_form(
            gaps, core.default_targets(skill_map, base), ask_motivation=motivation
        )

    new = core.build_assessment(
        skill_map, ratings, date=when, created=now_utc(), base=base, only=only
    )
    add_assessment(st.folder, new)
    if ratings.motivation:
        from pm_coach.store.profile import update_profile

        answer = ratings.motivation
        update_profile(st.folder, lambda p: p.with_changes({"motivation": answer}))

    if as_json:
        from pm_coach.render.assess import assessment_json

        print(assessment_json(new))
        return
    from pm_coach.render import console
    from pm_coach.render.assess import result_view

    everything = [*saved, new]
    results = core.gap_results(new, skill_map, everything, evidence, rerated=only or None)
    from pm_coach.core.calibration import calibrate
    from pm_coach.core.feedback import latest_raters
    from pm_coach.core.priorities import biggest_gaps
    from pm_coach.core.progress import previous
    from pm_coach.store.feedback import load_feedback

    others = latest_raters(load_feedback(st.folder), skill_map.id)
    calibration = calibrate(skill_map, new.levels, evidence, new.date, raters=others, days=window)
    out = console.out()
    out.print(
        result_view(
            results,
            new,
            map_name=skill_map.name,
            has_previous=previous(everything, new) is not None,
            history_count=len(core.for_map(everything, skill_map.id)),
            calibration=calibration,
            show_raters=show_raters,
            unicode=_unicode(out.encoding),
            biggest=[s.gap for s in biggest_gaps(skill_map, new, evidence, today, raters=others)],
        )
    )


def _history(st: Workspace, map_id: str | None, as_json: bool) -> None:
    from pm_coach.core import assessment as core
    from pm_coach.render.assess import history_json
    from pm_coach.store.assessments import load_assessments

    items = load_assessments(st.folder)
    if map_id:
        map_id = st.active_map_id(map_id)
        items = [a for a in items if a.map == map_id]
    if as_json:
        print(history_json(items))
        return
    from pm_coach.errors import PmCoachError
    from pm_coach.render import console
    from pm_coach.render.assess import history_view

    if not items:
        console.err().print(
            f"No assessments of the {map_id!r} map yet."
            if map_id
            else "No assessments yet. Start with: pm-coach assess"
        )
        return
    out = console.out()
    active = map_id or st.active_map_id()
    for number, mid in enumerate(core.maps_in(items, first=active)):
        of_map = core.for_map(items, mid)
        try:
            skill_map = st.skill_map(mid)
        except PmCoachError:  # the map was removed or broken since: show the ids
            skill_map = None
        names = {g.id: g.name for g in skill_map.gaps} if skill_map else {}
        if number:
            out.print()
        out.print(
            history_view(
                of_map,
                core.trends(of_map, skill_map.gap_ids if skill_map else ()),
                map_id=mid,
                map_name=skill_map.name if skill_map else mid,
                names=names,
                unicode=_unicode(out.encoding),
            )
        )


def _unicode(encoding: str) -> bool:
    return encoding.lower().replace("-", "").startswith("utf")
