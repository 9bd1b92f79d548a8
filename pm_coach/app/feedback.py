"""Use cases behind ``pm-coach feedback``: ask someone for ratings, add their answers, list them,
remove them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from pm_coach.app.emit import Message, Output
from pm_coach.app.workspace import Workspace
from pm_coach.core.calibration import Rater
from pm_coach.errors import InputError
from pm_coach.models.feedback import Feedback

if TYPE_CHECKING:
    from rich.console import RenderableType


@dataclass(frozen=True)
class FeedbackList(Output):
    """Every set of answers, oldest first."""

    items: list[Feedback]

    formats: ClassVar[tuple[str, ...]] = ("terminal", "json")
    file_format: ClassVar[str] = "json"

    def render(self, fmt: str) -> str | RenderableType:
        from pm_coach.render.feedback import as_json, table

        return as_json(self.items) + "\n" if fmt == "json" else table(self.items)

    def empty(self, fmt: str) -> str | None:
        if self.items:
            return None
        return (
            "No ratings from others yet. Ask someone, e.g.: "
            'pm-coach feedback request "Dana Reyes" -o dana.md'
        )


@dataclass(frozen=True)
class Request(Output):
    """The form and the answers file: printed, or written (then only said where)."""

    name: str
    form: str  # the Markdown form
    template: str  # the answers file, TOML
    form_path: Path | None = None  # where they were written (None: printed)
    template_path: Path | None = None

    formats: ClassVar[tuple[str, ...]] = ("markdown",)

    def render(self, fmt: str) -> str:
        if self.form_path is not None:
            return ""
        return (
            f"{self.form}\n<!-- The answers file: save what follows as a .toml file. -->\n"
            f"```toml\n{self.template}```\n"
        )

    def notes(self, fmt: str) -> list[str]:
        if self.form_path is None:
            return []
        from pm_coach.errors import printable

        return [
            printable(
                f"Wrote {self.form_path} (the form) and {self.template_path} (the answers file)."
            ),
            printable(
                f'When the answers come back: pm-coach feedback add "{self.name}" '
                f"{self.template_path} --relation manager"
            ),
        ]


def template_path_for(form_path: Path) -> Path:
    """The answers file beside the form: ``dana.md`` → ``dana-answers.toml``."""
    return form_path.with_name(f"{form_path.stem}-answers.toml")


def request(
    ws: Workspace, name: str, output: str | None, *, force: bool, map_id: str | None
) -> Request:
    """The form and template for ``name``; with ``output``, both written (neither if either
    would overwrite a file without ``force``)."""
    from pm_coach.core import feedback as core
    from pm_coach.store.profile import load_profile

    rater = core.check_name(name)
    skill_map = ws.skill_map(map_id)
    person = load_profile(ws.folder).name
    if output is None:
        template = core.answers_template(skill_map, rater)
        return Request(name, core.form_markdown(skill_map, rater, person, ""), template)
    import os

    from pm_coach.app.emit import check_named_for
    from pm_coach.store.output import write_output

    form_path = Path(output).expanduser()
    check_named_for(form_path, "markdown")  # the form is Markdown: not into form.html
    answers_path = template_path_for(form_path)
    if answers_path == form_path:
        raise InputError(
            f"{form_path} would be both the form and the answers file.",
            hint="Give the form a name ending in .md, e.g. -o dana.md",
        )
    if os.path.lexists(answers_path) and not force:
        raise InputError(
            f"{answers_path} already exists; nothing was written.",
            hint="Add --force to replace both files, or choose another name with -o.",
        )
    form = core.form_markdown(skill_map, rater, person, answers_path.name)
    template = core.answers_template(skill_map, rater)
    write_output(form_path, form, force=force)
    write_output(answers_path, template, force=force)
    return Request(name, form, template, form_path, answers_path)


def add(
    ws: Workspace,
    name: str,
    file: str,
    *,
    relation: str | None,
    date: str | None,
    map_id: str | None,
    today: dt.date,
) -> Message:
    """Check the answers file and store it; a bad file changes nothing."""
    from pm_coach.core import feedback as core
    from pm_coach.store.evidence import now_utc
    from pm_coach.store.feedback import add_feedback, read_answers_file

    rater = core.check_name(name)
    kind = core.check_relation(relation)
    when = core.feedback_date(date, today)
    doc, text = read_answers_file(Path(file).expanduser())
    named = doc.get("map")
    if map_id is None and isinstance(named, str) and named.strip():
        map_id = named  # ws.skill_map reads it as every --map is read (models.names.slug)
    skill_map = ws.skill_map(map_id)
    answers = core.parse_answers(doc, text, skill_map, source=file)
    created = now_utc()
    saved = add_feedback(
        ws.folder,
        lambda new_id: Feedback(
            id=new_id,
            name=rater,
            relation=kind,  # type: ignore[arg-type]
            date=when,
            map=skill_map.id,
            levels=answers.levels,
            notes=answers.notes,
            created=created,
        ),
    )
    return Message(
        (f"Added {core.summary(saved)}", "  See it beside your own ratings: pm-coach report")
    )


def listing(ws: Workspace) -> FeedbackList:
    return FeedbackList(list_all(ws))


def list_all(ws: Workspace) -> list[Feedback]:
    from pm_coach.store.feedback import load_feedback

    return load_feedback(ws.folder)


def get(ws: Workspace, feedback_id: str) -> Feedback:
    from pm_coach.errors import NotFoundError

    found = next((f for f in list_all(ws) if f.id == feedback_id), None)
    if found is None:
        raise NotFoundError(
            f"no feedback with id {feedback_id!r}.",
            hint="See the ids with 'pm-coach feedback list'.",
        )
    return found


def summary(found: Feedback) -> str:
    """One line naming a set of answers (for the question before removing it)."""
    from pm_coach.core.feedback import summary

    return summary(found)


def remove(ws: Workspace, feedback_id: str) -> Message:
    from pm_coach.store.feedback import remove_feedback

    return Message((f"Removed {summary(remove_feedback(ws.folder, feedback_id))}",))


def raters(ws: Workspace, map_id: str) -> list[Rater]:
    """Each person's latest ratings of ``map_id``, for calibration."""
    from pm_coach.core.feedback import latest_raters

    return latest_raters(list_all(ws), map_id)
