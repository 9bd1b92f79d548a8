"""The house rules of docs/architecture.md, checked on the package's own source with ``ast``.

Every import is read, at the top of a module or inside a function, including those only made
for type checking: a rule broken anywhere fails here, with the file and line.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "pm_coach"

# For each room, the rooms of pm_coach it may import from (besides itself). ``errors`` is the one
# leaf every room may use; ``version`` is pm_coach/__init__.py.
ALLOWED: dict[str, set[str]] = {
    # A command parses its options, calls app/ and hands the result to emit(); prompts/ is the
    # seam for the questions a command asks before it acts (a confirmation).
    "cli": {"app", "prompts", "errors", "version"},
    "app": {"render", "prompts", "core", "models", "store", "errors"},
    "tools": {"render", "core", "models", "store", "errors"},  # scripts for people who grade
    "render": {"core", "models", "errors"},
    "prompts": {"core", "models", "errors"},
    "core": {"models", "errors"},
    "models": {"errors"},
    "store": {"models", "errors", "version"},  # the view cache names the version that wrote it
    "errors": set(),
}
# cli modules every command may share; any other cli module is a command, which no module but
# the registry (cli/__init__.py) may import.
CLI_SHARED = {"pm_coach.cli.state", "pm_coach.cli.options"}
# Command modules still on their way onto app/ (their use cases are being moved by another
# change): they may reach the lower rooms until then. Empty this set, never add to it.
CLI_NOT_YET: set[str] = set()
# The commands a user types (checked against the registry in test_the_commands_are_known).
COMMANDS = (
    "assess plan next log evidence export report feedback stories profile maps network import "
    "share cohort completion"
).split()


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def room(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "version"
    return {"__main__": "cli"}.get(parts[1], parts[1])


def submodule_or_package(name: str) -> str:
    exists = (PACKAGE / f"{name}.py").exists() or (PACKAGE / name).is_dir()
    return f"pm_coach.{name}" if exists else "pm_coach"


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, module) for every pm_coach module the file imports; ``from pm_coach import x``
    counts as importing ``pm_coach.x``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("pm_coach")]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}:{node.lineno}: use an absolute import"
            base = node.module or ""
            if base == "pm_coach":  # a submodule, or a name defined in pm_coach/__init__.py
                found += [(node.lineno, submodule_or_package(a.name)) for a in node.names]
            elif base.startswith("pm_coach."):
                found.append((node.lineno, base))
    return found


def type_checking_lines(path: Path) -> set[int]:
    """Lines of imports made only for type checking (``if TYPE_CHECKING:``): they count for the
    layers but not for cycles, since they never run."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) in (
            "TYPE_CHECKING",
            "typing.TYPE_CHECKING",
        ):
            lines |= {
                n.lineno for stmt in node.body for n in ast.walk(stmt) if hasattr(n, "lineno")
            }
    return lines


SOURCES = sorted(PACKAGE.rglob("*.py"))
GRAPH = {module_name(p): imports_of(p) for p in SOURCES}
WHERE = {module_name(p): p.relative_to(PACKAGE.parent) for p in SOURCES}
TYPING_ONLY = {module_name(p): type_checking_lines(p) for p in SOURCES}


def test_the_commands_are_known() -> None:
    from typer.main import get_command

    from pm_coach.cli import app

    assert set(get_command(app).commands) <= set(COMMANDS)  # type: ignore[attr-defined]


def test_the_rules_see_every_room() -> None:
    # A new room must be given its rules here before it can hold code.
    assert {room(m) for m in GRAPH} <= set(ALLOWED) | {"version"}


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_imports_point_down_only(module: str) -> None:
    mine = room(module)
    allowed = ALLOWED.get(mine, set()) | {mine}
    if module in CLI_NOT_YET:
        allowed |= {"render", "core", "models", "store"}
    wrong = [
        f"{WHERE[module]}:{line}: {mine} may not import {target} ({room(target)})"
        for line, target in GRAPH[module]
        if room(target) not in allowed
    ]
    assert not wrong, "\n".join(wrong)


def test_no_command_imports_another() -> None:
    wrong = [
        f"{WHERE[m]}:{line}: imports the command module {target}"
        for m, edges in GRAPH.items()
        if room(m) == "cli" and m not in ("pm_coach.cli", "pm_coach.__main__")
        for line, target in edges
        if target.startswith("pm_coach.cli") and target not in CLI_SHARED
    ]
    assert not wrong, "\n".join(wrong)


def test_no_import_cycle_inside_a_room() -> None:
    # Depth-first search over the imports that stay inside one room; a back edge is a cycle.
    cycles: list[str] = []
    state: dict[str, int] = {}

    def visit(m: str, trail: list[str]) -> None:
        state[m] = 1
        for line, target in GRAPH.get(m, []):
            if target not in GRAPH or room(target) != room(m) or target == m:
                continue
            if line in TYPING_ONLY[m]:
                continue
            if state.get(target) == 1:
                cycles.append(" -> ".join([*trail[trail.index(target) :], target]))
            elif target not in state:
                visit(target, [*trail, target])
        state[m] = 2

    for m in GRAPH:
        if m not in state:
            visit(m, [m])
    assert not cycles, "\n".join(cycles)


CLOCK = {("date", "today"), ("datetime", "now"), ("datetime", "today"), ("time", "time")}


@pytest.mark.parametrize("path", [p for p in SOURCES if room(module_name(p)) == "core"])
def test_core_reads_no_clock(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    calls = [
        f"{path.name}:{n.lineno}"
        for n in ast.walk(tree)
        if isinstance(n, ast.Call)
        and isinstance(n.func, ast.Attribute)
        and isinstance(n.func.value, ast.Attribute | ast.Name)
        and (getattr(n.func.value, "attr", None) or getattr(n.func.value, "id", None), n.func.attr)
        in CLOCK
    ]
    assert not calls, f"core must be given today, not read the clock: {calls}"


@pytest.mark.parametrize(
    "path", [p for p in SOURCES if room(module_name(p)) in {"core", "models", "store", "render"}]
)
def test_lower_rooms_print_nothing(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    prints = [
        n.lineno
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "print"
    ]
    assert not prints, f"{path.name} prints on lines {prints}: return text instead"


def test_the_checker_catches_a_broken_rule(tmp_path: Path) -> None:
    # The rules above must be able to fail: an upward import written into a scratch file is found.
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from pm_coach.core import plan\n    from pm_coach import cli\n")
    assert imports_of(bad) == [(2, "pm_coach.core"), (3, "pm_coach.cli")]
    assert room("pm_coach.core.plan") not in ALLOWED["store"]


# --- command hints live in app/hints.py, not in core/, store/ or render/ ---------------------
# A view gets the words of a command from app (render.hint.Say); render/ may name the program
# alone ("Made with pm-coach"), never a command line.

COMMAND_HINT = re.compile(r"pm-coach (?:--\S+ )*(" + "|".join(COMMANDS) + r")\b")


def literal_strings(tree: ast.AST) -> list[ast.Constant]:
    """String constants that are not docstrings, nor the header comment a data file carries
    (``COMMENT = "..."``: what the file says about itself)."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            skip.add(id(body[0].value))
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "COMMENT" for t in node.targets
        ):
            skip |= {id(n) for n in ast.walk(node.value)}
    return [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in skip
    ]


@pytest.mark.parametrize(
    "path",
    [p for p in SOURCES if room(module_name(p)) in {"core", "store", "render"}],
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_core_store_and_render_name_no_command(path: Path) -> None:
    where = str(path.relative_to(PACKAGE.parent))
    found = [
        f"{where}:{n.lineno}: {n.value!r}"
        for n in literal_strings(ast.parse(path.read_text(encoding="utf-8")))
        if COMMAND_HINT.search(n.value)
    ]
    assert not found, "word the hint in pm_coach/app/hints.py and raise a Hint:\n" + "\n".join(
        found
    )


def test_every_hint_raised_has_its_words() -> None:
    from pm_coach.app.hints import HINTS

    keys = {
        (str(p.relative_to(PACKAGE.parent)), n.lineno, n.args[0].value)
        for p in SOURCES
        for n in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
        if isinstance(n, ast.Call)
        and isinstance(n.func, ast.Name)
        and n.func.id == "Hint"
        and n.args
        and isinstance(n.args[0], ast.Constant)
    }
    assert keys, "no Hint found: the scan is broken"
    missing = [f"{w}:{line}: {key!r}" for w, line, key in keys if key not in HINTS]
    assert not missing, "\n".join(missing)


def test_a_command_hint_is_recognised() -> None:
    # The rule above must be able to fail.
    tree = ast.parse('"""pm-coach log in a docstring"""\nX = "See them with pm-coach maps list"\n')
    assert [n.value for n in literal_strings(tree) if COMMAND_HINT.search(n.value)] == [
        "See them with pm-coach maps list"
    ]


# --- no private corner of a library: the floors in pyproject.toml stay true -----------------
# A private module (typer._click, click._compat) or a name pulled in with __import__ can vanish
# in any release; the suite at the floors would not see it until the day it breaks.

LIBRARIES = ("typer", "click")


def private_uses(tree: ast.AST) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "__import__"
        ):
            found.append((node.lineno, "__import__"))
        for name in names:
            parts = name.split(".")
            if parts[0] in LIBRARIES and any(p.startswith("_") for p in parts[1:]):
                found.append((node.lineno, name))
                break  # one report a statement
    return sorted(found)


def test_the_private_use_checker_sees_each_kind() -> None:
    tree = ast.parse(
        "import typer._click\nfrom click._compat import x\nfrom typer import _thing\n"
        "os = __import__('os')\nfrom typer.main import get_command\nimport _thread\n"
    )
    assert private_uses(tree) == [
        (1, "typer._click"),
        (2, "click._compat"),
        (3, "typer._thing"),
        (4, "__import__"),
    ]


@pytest.mark.parametrize(
    "path",
    [*SOURCES, *sorted(PACKAGE.parent.joinpath("tests").rglob("*.py"))],
    ids=lambda p: str(p.relative_to(PACKAGE.parent)),
)
def test_no_private_module_of_typer_or_click_and_no_dunder_import(path: Path) -> None:
    if path.name == "test_architecture.py":
        return  # its own examples above
    found = private_uses(ast.parse(path.read_text(encoding="utf-8")))
    assert not found, f"{path.relative_to(PACKAGE.parent)}: {found}"
