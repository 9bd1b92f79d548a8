"""pm-coach never opens a network connection: every command works with sockets forbidden.

Two layers: in-process, socket creation and name lookups raise (and are recorded) while a
whole session of commands runs through the CLI; and in a real subprocess, a sitecustomize
module forbids sockets before pm-coach is even imported.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pm_coach.cli import app
from tests.conftest import pm_coach_cmd, subprocess_env

SESSION = [
    ["--help"],
    ["--version"],
    ["profile", "set", "--name", "Ada", "--target-role", "Head of Product"],
    ["profile", "show"],
    ["maps", "list"],
    ["maps", "show", "leadership"],
    ["assess", "--answers", "{answers}", "--date", "2026-11-01"],
    ["log", "Ran the Q3 bet review with finance", "--gap", "strategy", "--metric", "+12%"],
    ["log", "Spoke on pricing at a meetup", "--kind", "talk", "--org", "ProductTank"],
    ["evidence", "list"],
    ["evidence", "list", "--json"],
    ["plan"],
    ["export", "--format", "markdown"],
    ["export", "--format", "json"],
    ["report"],
]

ANSWERS = """\
[levels]
strategy = 2
buy-in = 3
confidence = 2
domain = 3
delegation = 1
"""


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_sockets(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    attempts: list[str] = []

    def forbid(what: str):  # noqa: ANN202
        def blocked(*args: object, **kwargs: object) -> None:
            attempts.append(f"{what}{args!r}")
            raise NetworkUsed(f"pm-coach tried to use the network: {what}{args!r}")

        return blocked

    monkeypatch.setattr(socket.socket, "__init__", forbid("socket"))
    monkeypatch.setattr(socket, "create_connection", forbid("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", forbid("getaddrinfo"))
    monkeypatch.setattr(socket, "gethostbyname", forbid("gethostbyname"))
    return attempts


def test_a_whole_session_opens_no_socket(no_sockets: list[str], tmp_path: Path) -> None:
    answers = tmp_path / "answers.toml"
    answers.write_text(ANSWERS, "utf-8")
    runner = CliRunner()
    for args in SESSION:
        result = runner.invoke(app, [a.format(answers=answers) for a in args])
        assert result.exit_code == 0, f"{args}: {result.output}"
        assert not isinstance(result.exception, NetworkUsed)
    assert no_sockets == []


SITECUSTOMIZE = textwrap.dedent(
    """\
    import socket, sys

    class _NoSocket(socket.socket):
        def __init__(self, *args, **kwargs):
            sys.stderr.write("NETWORK-USED: socket\\n")
            raise OSError("network access is forbidden in this test")

    def _no_lookup(*args, **kwargs):
        sys.stderr.write("NETWORK-USED: lookup\\n")
        raise OSError("network access is forbidden in this test")

    socket.socket = _NoSocket
    socket.create_connection = _no_lookup
    socket.getaddrinfo = _no_lookup
    """
)


def test_commands_in_a_subprocess_open_no_socket(home: Path, tmp_path: Path) -> None:
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(SITECUSTOMIZE, "utf-8")
    env = subprocess_env(home)
    env["PYTHONPATH"] = str(guard)
    probe = subprocess.run(
        [sys.executable, "-c", "import socket; socket.socket()"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "NETWORK-USED" in probe.stderr  # the guard is really in place
    for args in (
        ["log", "Ran the pricing review", "--gap", "strategy"],
        ["evidence", "list", "--json"],
        ["export", "--format", "markdown"],
    ):
        p = subprocess.run(
            [*pm_coach_cmd(), *args], env=env, capture_output=True, text=True, check=False
        )
        assert p.returncode == 0, p.stderr
        assert "NETWORK-USED" not in p.stderr
