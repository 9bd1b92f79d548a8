"""A line of text that ends in a pm-coach command, for rich views: its words wrap like any text,
but the command is never broken across lines, so it pastes into a shell as shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pm_coach.render.plain import cells, split_command

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult


class Hint:
    def __init__(self, text: str, style: str = "") -> None:
        self.text = text
        self.style = style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.text import Text

        prose, command = split_command(self.text)
        if not command or cells(self.text) <= options.max_width:
            yield Text(self.text, style=self.style)
            return
        if prose:
            yield Text(prose, style=self.style)
        yield Text("  " + command, style=self.style, no_wrap=True, overflow="ignore")
