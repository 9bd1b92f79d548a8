"""A line of text that may end in a pm-coach command, for rich views: its words wrap at spaces
with a hanging indent, and the command is never broken across lines (nor cut at the screen's
edge), so it pastes into a shell as shown."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from pm_coach.render.plain import hang

# The words of a hint that names a pm-coach command, by its key: ``say("to-plan")``,
# ``say("log-gap", gap="strategy")``. The words live in app/hints.py; the use case in app/ hands
# its ``say`` to the view, so render/ holds keys and prose but never a command line.
Say = Callable[..., str]

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult


class Hint:
    """``text`` laid out at the width it is given: the first line starts with ``first``, the
    others with ``rest`` (spaces as wide as ``first`` unless given). Indent a Hint with these,
    not with rich's Padding, which would cut a long command at the edge."""

    def __init__(self, text: str, style: str = "", *, first: str = "", rest: str | None = None):
        self.text = text
        self.style = style
        self.first = first
        self.rest = rest

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.text import Text

        for line in hang(self.text, options.max_width, self.first, self.rest):
            yield Text(line, style=self.style, no_wrap=True, overflow="ignore")
