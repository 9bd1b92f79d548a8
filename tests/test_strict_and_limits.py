"""Issue #12 cases 5 and 8: files pm-coach reads are read strictly, and no file, however odd,
ends in an internal error (exit 1).

* A value of the wrong type in a hand-edited data file (``created = 2``, ``hours_per_week =
  true``, a level written ``"2"`` or ``true``) is an error naming the file, the line and the
  field (exit 3); it used to be converted quietly and written back converted.
* Arrays nested 20,000 deep, or an integer of 5,000 digits, in any TOML or JSON file pm-coach
  reads, are exit 3 naming the file (they were exit 1).
* ``evidence edit`` on a read-only folder is exit 5; an editor that leaves bytes that are not
  UTF-8, deletes its file or puts a folder there gets a clear message, and no ``.edit-…toml`` is
  left behind, not even after an edit that was killed. ``plan --start 9999-12-31`` is exit 2.
"""

from __future__ import annotations

import ast
import errno
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAPS = Path(__file__).parent / "data" / "maps"
ANSWERS = "[levels]\nstrategy = 3\nbuy-in = 2\nconfidence = 4\ndomain = 1\ndelegation = 2\n"
DEEP = "x = " + "[" * 20000 + "]" * 20000 + "\n"
HUGE = "x = " + "9" * 5000 + "\n"


@pytest.fixture
def filled(run, home: Path, tmp_path: Path) -> Path:
    """One of each data file, written by pm-coach."""
    answers = tmp_path / "answers.toml"
    answers.write_text(ANSWERS)
    for args in (
        ["log", "Ran the pricing review", "--gap", "strategy", "--date", "2026-11-02"],
        ["assess", "--answers", str(answers), "--date", "2026-11-03"],
        ["network", "add", "Sam Lee", "--kind", "mentor", "--helps", "strategy"],
        ["profile", "set", "--name", "Alex Doe", "--hours-per-week", "4"],
    ):
        r = run(*args)
        assert r.exit_code == 0, (args, r.output)
    return home


# --- case 8: strict reading ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "old_re", "new", "command", "field"),
    [
        (
            "evidence.toml",
            "created = ",
            "created = 2\nold_created = ",
            ["evidence", "list"],
            "created",
        ),
        (
            "profile.toml",
            "hours_per_week = 4",
            "hours_per_week = true",
            ["profile", "show"],
            "hours_per_week",
        ),
        (
            "assessments.toml",
            "strategy = 3",
            'strategy = "2"',
            ["assess", "--history"],
            "levels.strategy",
        ),
        (
            "assessments.toml",
            "strategy = 3",
            "strategy = true",
            ["assess", "--history"],
            "levels.strategy",
        ),
        ("network.toml", 'kind = "mentor"', "kind = 1", ["network", "list"], "kind"),
    ],
    ids=["created-int", "hours-bool", "level-string", "level-bool", "kind-int"],
)
def test_a_wrong_type_in_a_data_file_is_an_error_not_a_conversion(
    run, filled: Path, name: str, old_re: str, new: str, command: list[str], field: str
) -> None:
    path = filled / name
    text = path.read_text()
    if name == "evidence.toml":  # keep the file valid TOML: swap the whole created line
        lines = text.splitlines(keepends=True)
        i = next(n for n, line in enumerate(lines) if line.startswith("created = "))
        lines[i] = "created = 2\n"
        path.write_text("".join(lines))
        line = i + 1
    else:
        assert old_re in text
        path.write_text(text.replace(old_re, new, 1))
        line = next(n for n, t in enumerate(path.read_text().splitlines(), 1) if new in t)
    before = path.read_bytes()
    r = run(*command)
    assert r.exit_code == 3, r.output
    assert str(path) in r.stderr
    assert f"field '{field}'" in r.stderr
    assert re.search(rf"line {line}\b", r.stderr), r.stderr
    # and nothing is written back converted
    run("log", "Another", "--gap", "strategy")
    run("profile", "set", "--name", "Someone")
    assert path.read_bytes() == before


def test_a_wrong_type_in_a_user_map_is_an_error(run, home: Path) -> None:
    user = home / "skill_maps"
    user.mkdir(parents=True)
    text = (
        (MAPS / "tiny.toml").read_text().replace("effort_hours = 1\n", "effort_hours = true\n", 1)
    )
    (user / "tiny.toml").write_text(text)
    r = run("maps", "show", "tiny")
    assert r.exit_code == 3, r.output
    assert "effort_hours" in r.stderr


def test_every_data_file_read_in_store_is_validated_strictly() -> None:
    """Files added later are held to the same rule: any pydantic validation in store/ must
    pass strict=True."""
    loose = []
    for path in (ROOT / "pm_coach" / "store").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            if node.func.attr not in ("model_validate", "validate_python", "validate_json"):
                continue
            strict = [k for k in node.keywords if k.arg == "strict"]
            if not (strict and isinstance(strict[0].value, ast.Constant) and strict[0].value.value):
                loose.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert loose == []


# --- case 5: parser limits ----------------------------------------------------------------------
@pytest.mark.parametrize("poison", [DEEP, HUGE], ids=["deep", "huge-int"])
@pytest.mark.parametrize(
    ("name", "command"),
    [
        ("evidence.toml", ["evidence", "list"]),
        ("profile.toml", ["profile", "show"]),
        ("assessments.toml", ["assess", "--history"]),
        ("network.toml", ["network", "list"]),
        ("skill_maps/mine.toml", ["maps", "show", "mine"]),
    ],
)
def test_deep_or_huge_values_in_a_data_file_are_exit_3(
    run, filled: Path, name: str, command: list[str], poison: str
) -> None:
    path = filled / name
    path.parent.mkdir(exist_ok=True)
    path.write_text("schema_version = 1\n" + poison)
    r = run(*command)
    assert r.exit_code == 3, r.output
    assert str(path) in r.stderr


@pytest.mark.parametrize("poison", [DEEP, HUGE], ids=["deep", "huge-int"])
def test_deep_or_huge_values_in_an_answers_file_are_exit_3(
    run, tmp_path: Path, poison: str
) -> None:
    answers = tmp_path / "answers.toml"
    answers.write_text(ANSWERS + poison)
    r = run("assess", "--answers", str(answers))
    assert r.exit_code == 3, r.output
    assert str(answers) in r.stderr


@pytest.mark.parametrize(
    "doc",
    ["[" * 20000 + "]" * 20000, '{"entries": [' + "9" * 5000 + "]}"],
    ids=["deep", "huge-int"],
)
def test_deep_or_huge_values_in_a_jrnl_export_are_exit_3(run, tmp_path: Path, doc: str) -> None:
    source = tmp_path / "journal.json"
    source.write_text(doc)
    r = run("import", "jrnl", str(source))
    assert r.exit_code == 3, r.output
    assert str(source) in r.stderr


# --- case 5: evidence edit ----------------------------------------------------------------------
def editor(tmp_path: Path, body: str) -> str:
    script = tmp_path / "editor.py"
    script.write_text("import os, sys\npath = sys.argv[1]\n" + body)
    return f"{sys.executable} {script}"


def leftovers(home: Path) -> list[str]:
    return sorted(p.name for p in home.iterdir() if p.name.startswith(".edit-"))


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("open(path, 'wb').write(b'text = \"caf\\xe9\"\\n')\n", "not valid UTF-8"),
        ("os.unlink(path)\n", "deleted the file"),
        (
            "os.unlink(path)\nos.mkdir(path)\nopen(os.path.join(path, 'x'), 'w').write('x')\n",
            "folder",
        ),
        ("open(path, 'a').write('x = ' + '[' * 20000 + ']' * 20000)\n", "nested too deeply"),
        ("open(path, 'a').write('x = ' + '9' * 5000)\n", "too many digits"),
    ],
    ids=["not-utf8", "deleted", "folder", "deep", "huge-int"],
)
def test_an_editor_leaving_a_mess_gets_a_message_and_no_leftovers(
    run, filled: Path, tmp_path: Path, body: str, message: str
) -> None:
    entry = json.loads(run("evidence", "list", "--json").stdout)[0]["id"]
    before = (filled / "evidence.toml").read_bytes()
    r = run("evidence", "edit", entry, env={"EDITOR": editor(tmp_path, body)})
    assert r.exit_code == 2, r.output
    assert message in r.stderr
    assert "internal error" not in r.stderr
    assert (filled / "evidence.toml").read_bytes() == before
    assert leftovers(filled) == []


def test_the_scratch_file_of_a_killed_edit_is_removed_next_time(
    run, filled: Path, tmp_path: Path
) -> None:
    entry = json.loads(run("evidence", "list", "--json").stdout)[0]["id"]
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead_pid = int(dead.stdout)  # that process has exited
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (filled / f".edit-{entry}-{dead_pid}-abc.toml").write_text("killed edit")
        (filled / f".edit-{entry}-oldstyle.toml").write_text("from before pids were named")
        (filled / f".edit-{entry}-{alive.pid}-def.toml").write_text("open in another terminal")
        r = run("evidence", "edit", entry, env={"EDITOR": editor(tmp_path, "pass\n")})
        assert r.exit_code == 0, r.output
        assert leftovers(filled) == [f".edit-{entry}-{alive.pid}-def.toml"]
    finally:
        alive.kill()
        alive.wait()


def test_evidence_edit_on_a_read_only_folder_is_exit_5(
    run, filled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = json.loads(run("evidence", "list", "--json").stdout)[0]["id"]
    real_open = os.open

    def read_only(path: object, flags: int, *args: object, **kw: object) -> int:
        writes = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
        if str(path).startswith(str(filled)) and flags & writes:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_open(path, flags, *args, **kw)

    monkeypatch.setattr(os, "open", read_only)
    r = run("evidence", "edit", entry, env={"EDITOR": editor(tmp_path, "pass\n")})
    assert r.exit_code == 5, r.output
    assert "read-only file system" in r.stderr
    monkeypatch.undo()
    assert leftovers(filled) == []


def test_plan_start_at_the_end_of_time_is_a_usage_error(run, filled: Path) -> None:
    r = run("plan", "new", "--start", "9999-12-31")
    assert r.exit_code == 2, r.output
    assert "9999-12-31 is more than 100 years away" in r.stderr
