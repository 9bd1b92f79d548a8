"""Measure the gap suggester on a file of labelled statements.

    python -m pm_coach.tools.eval_suggest FILE.toml [--map MAP]

FILE holds ``[[statement]]`` tables with ``gap``, ``text`` and optionally ``result``. Prints the
number of statements, how often the right gap was applied (an untagged statement counts as a
miss), precision (right among applied), how often nothing was applied, and a confusion table.
Uses exactly what ``pm-coach log`` uses: the shipped weights, or the keyword rule for a map
without them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from pm_coach.core.gap_model import GapModel, Ranked, Thresholds
from pm_coach.core.suggest import suggest_gap
from pm_coach.models import SkillMap
from pm_coach.store.maps import MapCatalog, load_suggest_weights
from pm_coach.tools import suggest_data as sd


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pm_coach.tools.eval_suggest")
    parser.add_argument("file", type=Path)
    parser.add_argument("--map", dest="map_id", help="skill map (default: the one whose gaps fit)")
    args = parser.parse_args(argv)
    catalog = MapCatalog(Path("/nonexistent"))
    try:
        statements = sd.load_statements(args.file)
    except (OSError, ValueError, KeyError) as exc:  # TOMLDecodeError is a ValueError
        print(f"cannot read {args.file}: {exc}", file=sys.stderr)
        return 2
    if not statements:
        print(f"{args.file} has no [[statement]] tables", file=sys.stderr)
        return 2
    labels = {s.gap for s in statements}
    map_id = args.map_id or next(
        (src.id for src in catalog.sources() if labels <= set(catalog.load(src.id).gap_ids)),
        None,
    )
    if map_id is None:
        print("no built-in map has all of these gaps; name one with --map", file=sys.stderr)
        return 2
    skill_map = catalog.load(map_id)
    model = GapModel.for_map(load_suggest_weights(map_id), skill_map.gap_ids)
    print(f"map {map_id}, {'trained weights' if model else 'keyword rule'}")
    print(sd.format_figures(evaluate(statements, skill_map, model), ranked=False))
    return 0


def evaluate(
    statements: Sequence[sd.Statement], skill_map: SkillMap, model: GapModel | None
) -> sd.Figures:
    """The figures for ``statements``, each decided exactly as ``pm-coach log`` decides."""
    rankings: list[list[Ranked]] = []
    for st in statements:
        found = suggest_gap(st.text, st.result, skill_map, model)
        rankings.append([Ranked(found.gap, 1.0, found.matched)] if found else [])
    apply_as_given = GapModel(skill_map.gap_ids, {}, Thresholds(1.0, 0.0, 0.0, 1.0))
    return sd.measure(statements, rankings, apply_as_given)


if __name__ == "__main__":
    sys.exit(main())
