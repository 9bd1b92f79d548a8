"""An export holds one line per entry, not whole drafts, and writes as it goes; the bytes are
the same as writing the whole document at once, whatever state the kept drafts are in."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pm_coach.cli import app
from pm_coach.core.export import Item
from pm_coach.models import Evidence, Profile, Role
from pm_coach.models.evidence_view import EvidenceView
from pm_coach.models.roles import RoleView
from pm_coach.render import export as render
from pm_coach.render.markdown import md_escape, md_escape_lines
from pm_coach.store import view_cache
from pm_coach.store.evidence import EvidenceStore
from pm_coach.store.profile import update_profile


def test_escaping_many_lines_at_once_is_escaping_each() -> None:
    texts = ["Plain words", "*bold* and [link]", "# not a heading", "-dash first", "", "a|b~c"]
    assert md_escape_lines(texts) == [
        "Plain words",
        "\\*bold\\* and \\[link\\]",
        "\\# not a heading",
        "\\-dash first",
        "",
        "a\\|b\\~c",
    ]
    assert md_escape_lines(["one\ntwo", "#x"]) == [md_escape("one\ntwo"), "\\#x"]


def _view(id_: str, gaps: tuple[str, ...], kind: str = "work") -> EvidenceView:
    return EvidenceView(
        (id_, "2024-01-02", "Did it", "", (), gaps, (), "", kind, "", None, "", "",
         "2024-01-02T09:00:00Z")
    )  # fmt: skip


def test_export_json_is_the_bytes_of_one_json_dump() -> None:
    acme = RoleView("Acme", "PM", "2020-01", "")
    items = [
        Item(_view("a1", ("x", "y-z")), 'Said "quoted" \\ — ü\u2028', False, acme),
        Item(_view("b2", (), "talk"), "Tab\there", False, None),
        Item(_view("c3", ("q",)), "Line", True, RoleView("B&Co", "T", "2019-01", "2020-02")),
    ]  # fmt: skip
    assert "".join(render.as_json(items)) == (
        "[\n"
        "  {\n"
        '    "id": "a1",\n'
        '    "date": "2024-01-02",\n'
        '    "kind": "work",\n'
        '    "gaps": [\n'
        '      "x",\n'
        '      "y-z"\n'
        "    ],\n"
        '    "role": {\n'
        '      "company": "Acme",\n'
        '      "title": "PM",\n'
        '      "start": "2020-01",\n'
        '      "end": null\n'
        "    },\n"
        '    "bullet": "Said \\"quoted\\" \\\\ — ü\u2028"\n'
        "  },\n"
        "  {\n"
        '    "id": "b2",\n'
        '    "date": "2024-01-02",\n'
        '    "kind": "talk",\n'
        '    "gaps": [],\n'
        '    "role": null,\n'
        '    "bullet": "Tab\\there"\n'
        "  },\n"
        "  {\n"
        '    "id": "c3",\n'
        '    "date": "2024-01-02",\n'
        '    "kind": "work",\n'
        '    "gaps": [\n'
        '      "q"\n'
        "    ],\n"
        '    "role": {\n'
        '      "company": "B&Co",\n'
        '      "title": "T",\n'
        '      "start": "2019-01",\n'
        '      "end": "2020-02"\n'
        "    },\n"
        '    "bullet": "Line"\n'
        "  }\n"
        "]\n"
    )
    assert "".join(render.as_json([])) == "[]\n"


ENTRIES = [
    Evidence(
        id=f"e{i:02d}x",
        date=dt.date(2024, 1 + i % 12, 1 + i),
        text=text,
        result=result,
        metrics=metrics,
        kind=kind,  # type: ignore[arg-type]
        org=org,
        created=dt.datetime(2026, 1, 1, 9, tzinfo=dt.UTC),
    )
    for i, (text, result, metrics, kind, org) in enumerate(
        [
            ("Ran the *pricing* review with finance", "Finance funded phase two", [], "work", ""),
            ("Wrote a one-page strategy for payments", "", ["+12% activation"], "work", ""),
            ("Spoke at ProductTank about discovery", "", [], "talk", "ProductTank"),
            ("# Mentored two junior PMs", "Both were promoted", [], "volunteer", "Girls Code"),
            ("Cut the onboarding funnel from 9 steps to 4", "", ["-30% drop-off"], "work", ""),
        ]
    )
]
ARGVS = [
    ["export"],
    ["export", "--format", "markdown"],
    ["export", "--format", "json"],
    ["export", "--format", "json-resume"],
    ["export", "--lint"],
    ["export", "--lint", "--json"],
]


def _damage(home: Path, how: str, monkeypatch: pytest.MonkeyPatch) -> None:
    path = home / ".drafts.cache"
    if how == "deleted":
        path.unlink()
    elif how == "torn":
        path.write_bytes(path.read_bytes()[:-5])
    elif how == "byte flipped":
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0x55
        path.write_bytes(bytes(data))
    elif how == "another version":
        monkeypatch.setattr(view_cache, "__version__", "0.0.1-other")


@pytest.mark.parametrize("how", ["deleted", "torn", "byte flipped", "another version"])
def test_kept_drafts_in_any_state_give_the_same_export(
    home: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    store = EvidenceStore(home)
    for e in ENTRIES:
        store.append(lambda new_id, e=e: e.model_copy(update={"id": new_id}))
    update_profile(
        home,
        lambda p: Profile(name="Alex", roles=[Role(company="Acme", title="PM", start="2024-03")]),
    )
    runner = CliRunner()
    want = {}
    for argv in ARGVS:  # the first run drafts every line and keeps them
        r = runner.invoke(app, argv)
        assert r.exit_code == 0, r.output
        want[tuple(argv)] = (r.stdout, r.stderr)
    assert json.loads(want[("export", "--format", "json")][0])[0]["bullet"]
    for argv in ARGVS:
        _damage(home, how, monkeypatch)
        r = runner.invoke(app, argv)
        assert (r.exit_code, r.stdout, r.stderr) == (0, *want[tuple(argv)]), (how, argv)


def test_entries_from_the_cache_share_one_set_of_field_names(home: Path) -> None:
    store = EvidenceStore(home)
    for e in ENTRIES[:2]:
        store.append(lambda new_id, e=e: e.model_copy(update={"id": new_id}))
    first, second = EvidenceStore(home).load()  # from the view cache the appends kept
    assert first.__pydantic_fields_set__ is second.__pydantic_fields_set__  # ~0.7 KB an entry
    first.text = "Changed in memory"  # assigning a field: the other entry stays as it was
    copy = second.model_copy(update={"result": "Other"})
    assert second.text == "Wrote a one-page strategy for payments" and second.result == ""
    assert copy.result == "Other" and first.text == "Changed in memory"
    assert len(second.model_fields_set) == 14


def test_lint_json_is_the_bytes_of_one_json_dump() -> None:
    from pm_coach.core.bullet_lint import Finding
    from pm_coach.core.export import LintReport

    reports = [
        LintReport(
            _view("a1", ()),
            [Finding("no-result", 'Say what "changed" \\ — ü\u2028'), Finding("no-metric", "x")],
        ),
        LintReport(_view("b2", ()), [Finding("too-long", "Tab\there")]),
    ]
    expected = (
        "[\n"
        "  {\n"
        '    "id": "a1",\n'
        '    "date": "2024-01-02",\n'
        '    "text": "Did it",\n'
        '    "findings": [\n'
        "      {\n"
        '        "code": "no-result",\n'
        '        "message": "Say what \\"changed\\" \\\\ — ü\u2028"\n'
        "      },\n"
        "      {\n"
        '        "code": "no-metric",\n'
        '        "message": "x"\n'
        "      }\n"
        "    ]\n"
        "  },\n"
        "  {\n"
        '    "id": "b2",\n'
        '    "date": "2024-01-02",\n'
        '    "text": "Did it",\n'
        '    "findings": [\n'
        "      {\n"
        '        "code": "too-long",\n'
        '        "message": "Tab\\there"\n'
        "      }\n"
        "    ]\n"
        "  }\n"
        "]\n"
    )
    assert "".join(render.lint_json(iter(reports))) == expected
    whole = [
        {
            "id": r.entry.id,
            "date": "2024-01-02",
            "text": "Did it",
            "findings": [{"code": f.code, "message": f.message} for f in r.findings],
        }
        for r in reports
    ]
    assert expected == json.dumps(whole, ensure_ascii=False, indent=2) + "\n"  # as it was made
    assert "".join(render.lint_json(iter([]))) == "[]\n"


def test_lint_text_is_written_an_entry_at_a_time_with_the_count_last() -> None:
    from pm_coach.core.bullet_lint import Finding
    from pm_coach.core.export import LintReport

    reports = [
        LintReport(_view("a1", ()), [Finding("no-result", "Say what changed.")]),
        LintReport(_view("b2", ()), [Finding("no-metric", "Add a number.")]),
    ]
    pieces = list(render.lint_text(iter(reports), 5, 80))
    assert pieces == [
        "a1 · 2024-01-02 · Did it\n  Say what changed.\n",
        "b2 · 2024-01-02 · Did it\n  Add a number.\n",
        "\n2 of 5 entries would make weak bullets.\n",
    ]
    assert "".join(render.lint_text(iter([]), 5, 80)) == (
        "No weak entries: all 5 would make bullets with a result and a number.\n"
    )
    assert "".join(render.lint_text(iter([]), 0, 80)) == "No evidence to check.\n"
