"""Shared rich consoles: data on stdout, messages on stderr. NO_COLOR is honoured by rich.

Nothing pm-coach prints is rich markup: user text (evidence, tags, contacts), skill-map text and
paths may hold square brackets or colons, and ``[/b]``, ``[red]``, ``[link=…]`` or ``:smile:``
must show as typed, never as styles, hidden links, emoji or a MarkupError. So both consoles are
made with markup, emoji and highlighting off, and every ``str`` handed to them (a table cell, a
title, a message) is printed literally; styles are given with ``rich.text.Text(style=…)``. Make
every console here: a test fails on any other ``Console(`` in the package.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


def _console(*, stderr: bool) -> Console:
    from rich.console import Console

    class PlainConsole(Console):
        def on_broken_pipe(self) -> None:
            # rich's default exits 1; the reader going away (``| head -1``) is not a failure.
            # Re-raised, it reaches the CLI's one error boundary, which ends with exit 0.
            self.quiet = True
            raise BrokenPipeError

    return PlainConsole(stderr=stderr, markup=False, emoji=False, highlight=False)


@cache
def out() -> Console:
    return _console(stderr=False)


@cache
def err() -> Console:
    return _console(stderr=True)
