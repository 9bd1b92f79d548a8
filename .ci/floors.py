"""Print a pip constraints file that pins every dependency of pyproject.toml (the runtime ones
and the [test] extra) to its floor, the version after ``>=``. CI installs with it and runs the
suite again, so the floors written in pyproject.toml are versions that are known to work."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

project = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text())[
    "project"
]
requirements = [*project["dependencies"], *project["optional-dependencies"]["test"]]
for requirement in requirements:
    match = re.fullmatch(r"([A-Za-z0-9_.-]+)\s*>=\s*([0-9][0-9A-Za-z.]*)(,.*)?", requirement)
    if match is None:
        sys.exit(f"floors: {requirement!r} has no '>=' floor; give it one")
    print(f"{match.group(1)}=={match.group(2)}")
