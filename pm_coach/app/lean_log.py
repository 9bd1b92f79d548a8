"""``log`` without typer, pydantic or rich: the same entry, the same bytes on disk and the same
words as the full command line, for a plainly typed entry.

A ``log`` is mostly start-up: importing the command line and validating the profile, the map
and the plan with pydantic costs a hundred times what appending one table does. This path takes
what it needs of those files from their view (store/log_view.py, checked against their bytes),
makes the record without the model (core/evidence_input.py ``plain_record``, which accepts only
what the model surely accepts), and appends it through the same guarded append as the full path
(store/log_file.py: the lock, the stamp, the pending stamp for a killed append, the view
cache's segment under the same lock).

It raises :class:`~pm_coach.app.lean.Fallback`, before anything is written, whenever it cannot
be sure to do exactly what the full path does: no view or a stale one, input the model might
refuse (the full path then says what is wrong), a log pm-coach did not write last (the whole
file needs validating), no log yet, or an entry that might finish an action of the plan (only
the whole log can tell).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from pm_coach.app.emit import Message
from pm_coach.app.lean import Fallback, fallback
from pm_coach.app.log import said
from pm_coach.app.workspace import Workspace
from pm_coach.core.evidence_input import EvidenceInput, guess_scope, plain_record


def lean_log(data_dir: str | None, options: dict[str, Any]) -> Callable[[], None]:
    """Log what ``options`` say (``text``, ``no_suggest`` and the fields of
    :class:`EvidenceInput` as the command line gave them) and return what prints the message."""
    from pm_coach.models.evidence_view import FIELDS, EvidenceView
    from pm_coach.store import files, log_view
    from pm_coach.store.log_file import LogFile, chunk_of, now_utc

    ws = Workspace(data_dir_override=data_dir)
    folder = ws.folder
    today = dt.date.today()
    log = LogFile(folder)
    if not files.check_regular(log.path):
        raise Fallback  # the first entry makes the file: the full path does that
    view = log_view.read(folder)
    if view is None:
        raise Fallback
    text = options["text"]
    no_suggest = bool(options.get("no_suggest"))
    raw = EvidenceInput(
        text=text, **{k: v for k, v in options.items() if k not in ("text", "no_suggest")}
    )
    gap = list(raw.gaps)
    model = None if gap or no_suggest else _gap_model(view.map_id, view.gap_ids)
    suggestion = None
    scope_guess = None
    if not raw.scope and not no_suggest:
        scope_guess = guess_scope(raw.text, raw.result)
        if scope_guess is not None:
            raw.scope = scope_guess[0]
    if not raw.gaps and not no_suggest:
        if model is None:
            raise Fallback  # the keyword rule needs the whole map
        from pm_coach.core.suggest import suggest_gap

        suggestion = suggest_gap(raw.text, raw.result, view, model)
        if suggestion is not None:
            raw.gaps = [suggestion.gap]
    record = plain_record(
        raw,
        entry_id="new",
        map_id=view.map_id,
        gap_ids=view.gap_ids,
        today=today,
        created=now_utc(),
    )
    if record is None:
        raise Fallback
    if view.plan_map == view.map_id:
        from pm_coach.core.offers import could_match

        tagged: Any = record.get("gaps", [])
        if could_match(view.actions, tagged, str(record["text"]), str(record.get("result", ""))):
            raise Fallback  # whether it is offered depends on the whole log and plan
    from pm_coach.app.emit import emit

    lines: list[str] = []

    def make(new_id: str) -> tuple[bytes, list[tuple[object, ...]]]:
        """The bytes and the view cache's row, and (before anything is written, so that a
        failure here can still hand over) what the command will say."""
        record["id"] = new_id
        row = _row(record, FIELDS)
        saved = EvidenceView(row)
        lines.extend(said(saved, raw, view.gap_ids, gap, True, suggestion, model, scope_guess))
        return chunk_of(record), [row]

    log.append_chunk(make, fallback)
    return lambda: emit(Message(tuple(lines)))


def _gap_model(map_id: str, gap_ids: tuple[str, ...]) -> Any:
    """The trained suggester shipped for the map, as ``Workspace.gap_model`` makes it."""
    from pm_coach.core.gap_model import GapModel
    from pm_coach.store.map_files import load_suggest_weights

    return GapModel.for_map(load_suggest_weights(map_id), gap_ids)


def _row(record: dict[str, object], fields: tuple[str, ...]) -> tuple[object, ...]:
    """The view cache's row for ``record``: every field in file order, as ``to_json`` gives it
    (dates as text, the creation time in UTC with a ``Z``, lists as tuples, empty ones kept)."""
    empty: dict[str, object] = {"metrics": (), "gaps": (), "tags": (), "scope": None}
    out: list[object] = []
    for name in fields:
        value = record.get(name, empty.get(name, ""))
        if isinstance(value, dt.datetime):
            if value.utcoffset() != dt.timedelta(0) or value.microsecond:
                raise Fallback
            value = value.replace(tzinfo=None).isoformat() + "Z"
        elif isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, list):
            value = tuple(value)
        out.append(value)
    return tuple(out)
