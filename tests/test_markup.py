"""Issue #12 case 1: text a user typed or a skill map holds is printed as typed, never read as
rich markup. ``[/b]`` used to crash a whole table (exit 1), ``[red]`` and ``[wip]`` vanished and
``[link=…]`` became a hidden terminal hyperlink. Each command that renders such text with rich
runs here over the same poisoned data."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAPS = Path(__file__).parent / "data" / "maps"

EVIL = "Won [/b] the [red]deal[/red] [link=https://e.x]x[/link] :smile:"
TAG = "[wip]"
PERSON = "Sam [/x] Lee"
MAP_NAME = "Focus [/b] map [red]x[/red]"
GAP_NAME = "Focus [bold]now[/bold]"
ACTION = "Name one [link=https://e.x]goal[/link]"


@pytest.fixture
def poisoned(run, home: Path, tmp_path: Path) -> dict[str, str]:
    """A user map overriding 'leadership', an entry, a contact and an assessment, all with
    markup-looking text."""
    user = home / "skill_maps"
    user.mkdir(parents=True)
    text = (
        (MAPS / "tiny.toml")
        .read_text()
        .replace('id = "tiny"', 'id = "leadership"')
        .replace('name = "Tiny test map"', f'name = "{MAP_NAME}"')
        .replace('name = "Focus"', f'name = "{GAP_NAME}"')
        .replace('title = "Name one outcome per week"', f'title = "{ACTION}"')
    )
    (user / "leadership.toml").write_text(text)
    logged = run("log", EVIL, "--gap", "focus", "--tag", TAG, "--date", "2026-11-02")
    assert logged.exit_code == 0, logged.output
    entry_id = json.loads(run("evidence", "list", "--json").stdout)[0]["id"]
    added = run("network", "add", PERSON, "--kind", "mentor", "--helps", "focus")
    assert added.exit_code == 0, added.output
    answers = tmp_path / "answers.toml"
    answers.write_text('[levels]\nfocus = 2\n[notes]\nfocus = "Need [/i] more [red]calm[/red]"\n')
    return {"id": entry_id, "answers": str(answers)}


def test_assess_with_answers_prints_markup_text_and_saves_once(run, poisoned, home: Path) -> None:
    r = run("assess", "--answers", poisoned["answers"], "--date", "2026-11-03")
    assert r.exit_code == 0, r.output
    assert "Focus [bold]now[/bold]" in r.stdout
    assert "Need [/i] more [red]calm[/red]" in r.stdout
    saved = json.loads(run("assess", "--history", "--json").stdout)
    assert len(saved) == 1


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("evidence", "list"), [TAG, "[/b]", "[red]deal[/red]"]),
        (("evidence", "show", "{id}"), [EVIL, TAG]),
        (("network", "list"), [PERSON]),
        (("maps", "list"), [MAP_NAME]),
        (("maps", "show"), [MAP_NAME, GAP_NAME, ACTION]),
        (("plan", "new", "--start", "2026-11-23"), [MAP_NAME, ACTION]),
        (("assess", "--history"), [MAP_NAME, "Need [/i] more [red]calm[/red]"]),
        (("report",), [MAP_NAME, GAP_NAME]),
    ],
)
def test_every_rendering_command_prints_markup_literally(
    run, poisoned, args: tuple[str, ...], expected: list[str]
) -> None:
    done = run("assess", "--answers", poisoned["answers"], "--date", "2026-11-03")
    assert done.exit_code == 0, done.output
    r = run(*(a.format(**poisoned) for a in args))
    assert r.exit_code == 0, r.output
    flat = " ".join(r.stdout.split())  # a table title or cell may be wrapped
    for text in expected:
        assert text in flat, (text, r.stdout)
    assert "\x1b]8;" not in r.stdout  # no terminal hyperlink escape


def test_a_path_with_brackets_is_printed_as_it_is(run, tmp_path: Path) -> None:
    folder = tmp_path / "data [red]x[/red] [/b]"
    r = run("--data-dir", str(folder), "maps", "list")
    assert r.exit_code == 0, r.output
    assert "data [red]x[/red] [/b]" in r.stderr.replace("\n", "")


def test_no_console_is_made_outside_render_console() -> None:
    """A console made elsewhere could have markup switched back on."""
    makers = []
    for path in (ROOT / "pm_coach").rglob("*.py"):
        if path.name == "console.py" and path.parent.name == "render":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name == "Console":
                    makers.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert makers == []


def test_the_shared_consoles_read_no_markup_and_no_emoji() -> None:
    from pm_coach.render import console

    for c in (console.out(), console.err()):
        assert c._markup is False and c._emoji is False


def test_one_markdown_escape_keeps_table_breakers_literal() -> None:
    from markdown_it import MarkdownIt

    from pm_coach.render.markdown import md_escape

    text = "a|b *c* _d_ <e>"
    html = (
        MarkdownIt("commonmark")
        .enable("table")
        .render(f"| gap | note |\n|---|---|\n| x | {md_escape(text)} |\n")
    )
    assert "<td>a|b *c* _d_ &lt;e&gt;</td>" in html
    assert "<em>" not in html and "<e>" not in html
