"""Print the drafted bullet of every ``[[entry]]`` in a TOML file, numbered, for grading by hand.

    python -m pm_coach.tools.draft_bullets FILE.toml

Each entry may hold text, result, metrics (a list), goal, kind, org and gaps, the same fields as
an evidence entry; other keys are ignored. Nothing is written anywhere.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from pm_coach.core.bullets import write_bullet


def drafts(path: Path) -> list[str]:
    data = tomllib.loads(path.read_text("utf-8"))
    out: list[str] = []
    for entry in data.get("entry", []):
        metrics = entry.get("metrics", [])
        bullet = write_bullet(
            str(entry.get("text", "")),
            result=str(entry.get("result", "")),
            metrics=[metrics] if isinstance(metrics, str) else [str(m) for m in metrics],
            goal=str(entry.get("goal", "")),
            kind=str(entry.get("kind", "work")),
            org=str(entry.get("org", "")),
        )
        out.append(bullet.text)
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m pm_coach.tools.draft_bullets FILE.toml", file=sys.stderr)
        return 2
    for number, text in enumerate(drafts(Path(argv[0])), start=1):
        print(f"{number:3}. {text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
