"""Options several commands share, so each reads and behaves the same everywhere."""

from __future__ import annotations

from typing import Annotated, Any

import typer

AsJson = Annotated[
    bool, typer.Option("--json", help="Print JSON and nothing else (the same as --format json).")
]
OutputFile = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to FILE instead of the screen. Without --format, a .md, .html or .json "
        "name picks the format.",
        metavar="FILE",
    ),
]
Force = Annotated[bool, typer.Option("--force", help="Let -o replace FILE if it exists.")]
MapId = Annotated[
    str | None,
    typer.Option("--map", help="Skill map to use (default: your profile's).", metavar="ID"),
]


def format_option(names: str) -> Any:
    """``--format/-f`` listing the command's formats; not given means: from -o, else the
    screen's."""
    return Annotated[str | None, typer.Option("--format", "-f", help=names, metavar="FORMAT")]
