"""Shell completion through Typer's own mechanism, with pm-coach's names behind it.

``pm-coach --install-completion`` / ``--show-completion`` install or print Typer's script for
bash, zsh or fish; on Tab the script runs ``pm-coach`` with ``_PM_COACH_COMPLETE`` set. Plain
requests for names, commands and options are answered before this module is reached
(``pm_coach/__main__.py`` and app/completion.py); everything else comes here: Typer completes
commands and options, and the
parameters that take names (app/completion.py says which) get a completer attached to the
command tree, only while completing, so an ordinary command never pays for it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from pm_coach.app.completion import COMPLETE_VAR, OPTIONS, argument_kind, candidates


@dataclass(frozen=True)
class Candidate:
    """One completion, as Typer's shell formats read it (value, help, type)."""

    value: str
    help: str | None = None
    type: str = "plain"


def _completer(kind: str) -> Any:
    def complete(ctx: Any, incomplete: str) -> list[Candidate]:
        instruction = os.environ.get(COMPLETE_VAR, "")
        found = candidates(
            kind,
            incomplete,
            shell="bash" if "bash" in instruction else "",
            data_dir=ctx.find_root().params.get("data_dir"),
            map_id=ctx.params.get("map_id") if kind == "gap" else None,
        )
        return [Candidate(value, help) for value, help in found]

    return complete


def attach(command: Any, path: tuple[str, ...] = ()) -> None:
    """Give every parameter of the tree that takes names its completer."""
    for param in getattr(command, "params", []):
        if getattr(param, "param_type_name", "") == "argument":
            kind = argument_kind(*path) if len(path) == 2 else None
        else:
            kind = next((OPTIONS[o] for o in getattr(param, "opts", ()) if o in OPTIONS), None)
        if kind is not None:
            param.shell_complete = _completer(kind)
    for name, sub in getattr(command, "commands", {}).items():
        attach(sub, (*path, name))


def complete(app: Any) -> None:
    """Answer the shell through Typer (it prints the candidates and exits)."""
    first, _, second = os.environ.get(COMPLETE_VAR, "").partition("_")
    if second == "complete":  # Click's order (bash_complete): Typer reads the verb first
        os.environ[COMPLETE_VAR] = f"{second}_{first}"
    import typer.main

    command = typer.main.get_command(app)
    attach(command)
    command.main(prog_name="pm-coach")
