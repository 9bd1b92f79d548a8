"""What every command needs from the global options: the workspace they name."""

from __future__ import annotations

import typer

from pm_coach.app.terminal import interactive
from pm_coach.app.workspace import Workspace

__all__ = ["Workspace", "interactive", "state"]


def state(ctx: typer.Context) -> Workspace:
    obj = ctx.find_root().obj
    if not isinstance(obj, Workspace):
        obj = Workspace()
        ctx.find_root().obj = obj
    return obj
