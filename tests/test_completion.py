"""Shell completion: the entry point is run with the variables Typer's bash, zsh and fish scripts
set (``_PM_COACH_COMPLETE``, ``COMP_WORDS``/``COMP_CWORD``, ``_TYPER_COMPLETE_ARGS``) and the
candidates are checked word for word. Names are answered by the quick path (pm_coach/__main__.py)
or through Typer (pm_coach.cli.main); both must say the same."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import WriteData, pm_coach_cmd, subprocess_env

LOG = """\
schema_version = 1

[[evidence]]
id = "abc123"
date = 2026-10-01
text = "Ran the Q3 bet review with finance"
gaps = ["strategy"]
kind = "work"
created = 2026-10-01T09:00:00Z

[[evidence]]
id = "abd456"
date = 2026-10-02
text = "Spoke at the \\"product\\" meetup"
kind = "talk"
created = 2026-10-02T09:00:00Z

[[evidence]]
id = "xyz789"
date = 2026-10-03
text = "Mentored a junior PM"
kind = "work"
created = 2026-10-03T09:00:00Z
"""

PLAN = """\
schema_version = 1

[[plan]]
map = "leadership"

[[plan.action]]
id = "strategy-goal-map"
title = "Map your work to the goals"
mark = "done"

[[plan.action]]
id = "buy-in-pre-wire"
title = "Pre-wire the next big decision"

[[plan.action]]
id = "buy-in-skip-level"
title = "Ask for a skip-level"
"""

NETWORK = """\
schema_version = 1

[[contact]]
name = "Dana Reyes"
kind = "mentor"

[[contact]]
name = "Sam Lee"
kind = "coach"
"""


@pytest.fixture
def data(home: Path, write_data: WriteData) -> Path:
    for name, text in (
        ("evidence.toml", LOG),
        ("plans.toml", PLAN),
        ("network.toml", NETWORK),
        ("trash.toml", LOG.replace("abc123", "old111").replace("abd456", "old222")),
    ):
        write_data(name, text)
    return home


def complete(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    env: dict[str, str],
    *,
    quick: bool = True,
) -> tuple[str, int]:
    """Run the console script's entry point (``quick``) or the command line behind it, as a
    shell's Tab does; returns stdout and the exit code."""
    for name in ("COMP_WORDS", "COMP_CWORD", "_TYPER_COMPLETE_ARGS", "_TYPER_COMPLETE_FISH_ACTION"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "argv", ["pm-coach"])
    if quick:
        from pm_coach.__main__ import main
    else:
        from pm_coach.cli import main
    with pytest.raises(SystemExit) as done:
        main()
    return capsys.readouterr().out, int(done.value.code or 0)


def bash(line: str, instruction: str = "complete_bash") -> dict[str, str]:
    """What Typer's bash script sets: the words so far, and the index of the one completed."""
    return {
        "_PM_COACH_COMPLETE": instruction,
        "COMP_WORDS": line,
        "COMP_CWORD": str(len(line.split(" ")) - 1),
    }


def zsh(line: str) -> dict[str, str]:
    return {"_PM_COACH_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": line}


def fish(line: str, action: str = "get-args") -> dict[str, str]:
    return {
        "_PM_COACH_COMPLETE": "complete_fish",
        "_TYPER_COMPLETE_ARGS": line,
        "_TYPER_COMPLETE_FISH_ACTION": action,
    }


# Each case: what the shell reports, and the exact answer (the same by both paths).
CASES = [
    (bash("pm-coach evidence show "), "xyz789\nabd456\nabc123\n"),
    (bash("pm-coach evidence edit ab"), "abd456\nabc123\n"),
    (bash("pm-coach evidence rm abc"), "abc123\n"),
    (bash("pm-coach evidence rm q"), "\n"),
    (bash("pm-coach evidence restore "), "xyz789\nold222\nold111\n"),
    (bash("pm-coach evidence show ab", "bash_complete"), "abd456\nabc123\n"),  # Click's order
    (bash("pm-coach plan done x --evidence x"), "xyz789\n"),
    (bash("pm-coach log x --gap "), "strategy\nbuy-in\nconfidence\ndomain\ndelegation\n"),
    (bash("pm-coach log x --gap d"), "domain\ndelegation\n"),
    (
        bash("pm-coach log x --map apm-to-pm --gap "),
        "discovery\ndelivery\ndata\ncommunication\nbusiness\n",
    ),
    (bash("pm-coach evidence edit abc --rm-gap st"), "strategy\n"),
    (bash("pm-coach evidence list --gap buy"), "buy-in\n"),
    (bash("pm-coach plan done "), "buy-in-pre-wire\nbuy-in-skip-level\n"),  # open ones
    (bash("pm-coach log x --action buy-in-s"), "buy-in-skip-level\n"),
    (bash("pm-coach network show "), "Dana\\ Reyes\nSam\\ Lee\n"),
    (bash("pm-coach network show s"), "Sam\\ Lee\n"),  # any case
    (bash("pm-coach maps show "), "apm-to-pm\nleadership\n"),
    (bash("pm-coach plan new --map a"), "apm-to-pm\n"),
    (
        zsh("pm-coach evidence show ab"),
        '_arguments \'*: :(("abd456":"Spoke at the ""product"" meetup"\n'
        '"abc123":"Ran the Q3 bet review with finance"))\'\n',
    ),
    (zsh("pm-coach evidence show q"), "_files\n"),
    (
        zsh("pm-coach network show "),
        '_arguments \'*: :(("Dana Reyes":"mentor"\n"Sam Lee":"coach"))\'\n',
    ),
    (fish("pm-coach log x --gap b"), "buy-in\tOrganisation-level buy-in\n"),
    (fish("pm-coach plan skip buy-in-p"), "buy-in-pre-wire\tPre-wire the next big decision\n"),
]


@pytest.mark.parametrize(("env", "expected"), CASES)
def test_names_by_both_paths(
    data: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    env: dict[str, str],
    expected: str,
) -> None:
    assert complete(monkeypatch, capsys, env) == (expected, 0)
    assert complete(monkeypatch, capsys, env, quick=False) == (expected, 0)


def test_fish_asks_first_whether_there_is_anything(
    data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for quick in (True, False):
        assert complete(
            monkeypatch, capsys, fish("pm-coach log x --gap b", "is-args"), quick=quick
        ) == (
            "",
            0,
        )
        assert complete(
            monkeypatch, capsys, fish("pm-coach log x --gap zz", "is-args"), quick=quick
        ) == ("", 1)


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        (bash("pm-coach ev"), "evidence\n"),
        (bash("pm-coach evidence re"), "restore\n"),
        (bash("pm-coach evidence list --un"), "--until\n--untagged\n"),
        (bash("pm-coach evidence edit abc --add-"), "--add-gap\n--add-metric\n--add-tag\n"),
        (bash("pm-coach network add "), "\n"),  # a new contact: no names offered
    ],
)
def test_commands_and_options_come_from_typer(
    data: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    env: dict[str, str],
    expected: str,
) -> None:
    assert complete(monkeypatch, capsys, env) == (expected, 0)


# Commands and options are answered from pm_coach/app/completion_tree.py when the words are
# plain (the quick path), else by Typer: both must say exactly what Typer says.
TREE_CASES = [
    bash("pm-coach "),
    bash("pm-coach ev"),
    bash("pm-coach evidence "),
    bash("pm-coach evidence list --"),
    bash("pm-coach evidence edit abc --add-"),
    bash("pm-coach --d"),
    bash("pm-coach --debug ev"),
    bash("pm-coach profile role "),
    bash("pm-coach zz"),
    bash("pm-coach evidence zz "),
    bash("pm-coach log x --gap strategy --g"),  # an option given: Typer leaves it out
    zsh("pm-coach ev"),
    zsh("pm-coach evidence list --un"),
    zsh("pm-coach zz"),
    fish("pm-coach net"),
    fish("pm-coach network add Ada --k"),
    fish("pm-coach zz", "is-args"),
    fish("pm-coach pl", "is-args"),
]


@pytest.mark.parametrize("env", TREE_CASES)
def test_commands_and_options_by_both_paths(
    data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], env
) -> None:
    quick, code = complete(monkeypatch, capsys, env)
    typer_says, typer_code = complete(monkeypatch, capsys, env, quick=False)
    # the same candidates; the order of --help and -h is Typer's hash seed's (shells sort them)
    assert (sorted(quick.splitlines()), code) == (sorted(typer_says.splitlines()), typer_code)


def test_quick_commands_and_options_are_typers(
    data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert complete(monkeypatch, capsys, zsh("pm-coach evidence re")) == (
        '_arguments \'*: :(("restore":"Put a removed entry back, as it was (the..."))\'\n',
        0,
    )
    assert complete(monkeypatch, capsys, fish("pm-coach network touch --n")) == (
        "--note\tWhat you talked about, in a line.\n"
        "--no-evidence\tWith a mentee: do not log the conversation as delegation evidence.\n",
        0,
    )


@pytest.mark.parametrize("line", ["pm-coach ev", "pm-coach evidence list --un"])
def test_tab_on_commands_and_options_loads_neither_typer_nor_pydantic(
    data: Path, tmp_path: Path, line: str
) -> None:
    out = tmp_path / "modules.json"
    env = {**subprocess_env(data), **bash(line)}
    p = subprocess.run(
        [sys.executable, "-c", PROBE, str(out)], env=env, capture_output=True, text=True
    )
    assert p.returncode == 0, p.stderr
    assert p.stdout in ("evidence\n", "--until\n--untagged\n")
    tops = {m.split(".")[0] for m in json.loads(out.read_text())}
    assert not tops & {"typer", "pydantic", "rich"}


def test_data_dir_on_the_command_line_is_used(
    data: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    other = tmp_path / "other"
    other.mkdir(mode=0o700)
    (other / "evidence.toml").write_text(LOG.replace("xyz789", "zzz000"), "utf-8")
    for line in (
        f"pm-coach --data-dir {other} evidence show z",
        f"pm-coach --data-dir={other} evidence show z",
    ):
        for quick in (True, False):
            assert complete(monkeypatch, capsys, bash(line), quick=quick) == ("zzz000\n", 0)


def test_a_broken_file_offers_nothing_and_never_fails(
    data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (data / "network.toml").write_text("[[contact]\nname = ", "utf-8")
    (data / "evidence.toml").write_bytes(b"\xff\xfe not text")
    for quick in (True, False):
        assert complete(monkeypatch, capsys, bash("pm-coach network show "), quick=quick) == (
            "\n",
            0,
        )
        assert complete(monkeypatch, capsys, bash("pm-coach evidence show "), quick=quick) == (
            "\n",
            0,
        )


def test_past_200_names_no_help_is_sent(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    home.mkdir(mode=0o700, parents=True)
    tables = "".join(
        f'\n[[evidence]]\nid = "a{n:04d}"\ndate = 2026-10-01\ntext = "Entry {n}"\nkind = "work"\n'
        f"created = 2026-10-01T09:00:00Z\n"
        for n in range(201)
    )
    (home / "evidence.toml").write_text("schema_version = 1\n" + tables, "utf-8")
    out, _ = complete(monkeypatch, capsys, fish("pm-coach evidence show a"))
    assert out.splitlines()[:2] == ["a0200", "a0199"]
    out, _ = complete(monkeypatch, capsys, fish("pm-coach evidence show a000"))
    assert out.splitlines()[:2] == ["a0009\tEntry 9", "a0008\tEntry 8"]


# --- the scripts Typer installs --------------------------------------------------------------


def script_env(home: Path) -> dict[str, str]:
    env = subprocess_env(home)
    env["_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION"] = "1"  # name the shell on the line
    env["HOME"] = str(home.parent)
    return env


@pytest.mark.parametrize(
    ("shell", "line"),
    [
        ("bash", "complete -o default -F _pm_coach_completion pm-coach"),
        ("zsh", "compdef _pm_coach_completion pm-coach"),
        ("fish", "complete --command pm-coach --no-files"),
    ],
)
def test_show_completion_prints_typers_script(home: Path, shell: str, line: str) -> None:
    p = subprocess.run(
        [*pm_coach_cmd(), "--show-completion", shell],
        env=script_env(home),
        capture_output=True,
        text=True,
        check=False,
    )
    assert p.returncode == 0, p.stderr
    assert f"_PM_COACH_COMPLETE=complete_{shell}" in p.stdout
    assert line in p.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="bash")
def test_tab_in_a_real_bash_with_the_installed_script(data: Path) -> None:
    """Install the script the way a user does, source it in bash, press 'Tab' (call the
    completion function as bash would) and read what bash would offer."""
    env = script_env(data)
    p = subprocess.run(
        [*pm_coach_cmd(), "--install-completion", "bash"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert p.returncode == 0, p.stderr
    script = data.parent / ".bash_completions" / "pm-coach.sh"
    assert script.is_file()
    assert f"source '{script}'" in (data.parent / ".bashrc").read_text()
    bin_dir = str(Path(pm_coach_cmd()[0]).parent)
    run = textwrap.dedent(
        f"""\
        export PATH={bin_dir}:$PATH
        source '{script}'
        COMP_WORDS=(pm-coach evidence show ab); COMP_CWORD=3
        _pm_coach_completion pm-coach
        printf '%s\\n' "${{COMPREPLY[@]}}"
        COMP_WORDS=(pm-coach network show D); COMP_CWORD=3
        _pm_coach_completion pm-coach
        printf '%s\\n' "${{COMPREPLY[@]}}"
        """
    )
    p = subprocess.run(
        ["bash", "--norc", "-c", run], env=env, capture_output=True, text=True, check=False
    )
    assert p.returncode == 0, p.stderr
    assert p.stdout == "abd456\nabc123\nDana\\ Reyes\n"


# --- cost ----------------------------------------------------------------------------------------

PROBE = textwrap.dedent(
    """\
    import atexit, json, sys

    OUT = sys.argv[1]

    def report():
        with open(OUT, "w") as fh:
            json.dump(sorted(sys.modules), fh)

    atexit.register(report)
    from pm_coach.__main__ import main
    sys.argv = ["pm-coach"]
    main()
    """
)


def test_tab_on_names_loads_neither_typer_nor_pydantic(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "modules.json"
    env = {**subprocess_env(data), **bash("pm-coach evidence show ")}
    p = subprocess.run(
        [sys.executable, "-c", PROBE, str(out)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert p.returncode == 0, p.stderr
    assert p.stdout == "xyz789\nabd456\nabc123\n"
    mods = set(json.loads(out.read_text()))
    tops = {m.split(".")[0] for m in mods}
    for name in ("typer", "pydantic", "rich", "tomllib"):
        assert name not in tops, name
    assert "pm_coach.cli" not in mods


def test_an_ordinary_command_never_loads_the_completion_code(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "modules.json"
    probe = PROBE.replace('sys.argv = ["pm-coach"]', 'sys.argv = ["pm-coach", "evidence", "list"]')
    env = {k: v for k, v in subprocess_env(home).items() if k != "_PM_COACH_COMPLETE"}
    p = subprocess.run(
        [sys.executable, "-c", probe, str(out)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert p.returncode == 0, p.stderr
    mods = set(json.loads(out.read_text()))
    assert "pm_coach.app.completion" not in mods and "pm_coach.cli.completion" not in mods
    assert "pm_coach.store.names" not in mods
