"""Retrain the gap suggester of every built-in map that has training data, and write its weights.

    python -m pm_coach.tools.train_suggest            # write skill_maps/weights/<map>.txt
    python -m pm_coach.tools.train_suggest --check    # only say whether they are up to date

For each map: 5-fold cross-validation over ``skill_maps/training/<map>.toml`` chooses the abstain
thresholds (see ``suggest_data.choose_thresholds``) and gives the cross-validated figures printed
here; then the model is trained on all of it plus the map's own texts. The output depends only on
the map and the training file, so running it twice writes the same bytes.
"""

from __future__ import annotations

import argparse
import sys

from pm_coach.core.gap_model import GapModel, Thresholds, dump_weights
from pm_coach.store.files import atomic_write
from pm_coach.store.maps import MapCatalog, builtin_dir, training_path, weights_path
from pm_coach.tools import suggest_data as sd


def trained_maps() -> list[str]:
    return sorted(p.stem for p in (builtin_dir() / "training").glob("*.toml"))


def build(map_id: str) -> tuple[str, sd.Figures]:
    """The weights file's text for ``map_id`` and the cross-validated figures behind it."""
    from pathlib import Path

    skill_map = MapCatalog(Path("/nonexistent")).load(map_id)
    statements = sd.load_statements(training_path(map_id), skill_map.gap_ids)
    gaps = skill_map.gap_ids
    models = sd.held_out_models(statements, skill_map)
    scale = sd.choose_scale(statements, models)
    for _, model in models:
        model.thresholds = Thresholds(scale, 1.0, 1.0, 1.0)
    rankings = sd.held_out_rankings(statements, models)
    thresholds = sd.choose_thresholds(statements, rankings, gaps, scale)
    figures = sd.measure(statements, rankings, GapModel(gaps, {}, thresholds))
    data = sd.train(statements, skill_map)
    data["map"] = map_id
    data["thresholds"] = {
        "scale": thresholds.scale,
        "min_top": thresholds.min_top,
        "min_margin": thresholds.min_margin,
        "second": thresholds.second,
        "also": thresholds.also,
    }
    data["trained_on"] = len(statements)
    return dump_weights(data), figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pm_coach.tools.train_suggest")
    parser.add_argument("maps", nargs="*", help="map ids (default: every map with training data)")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if stale")
    args = parser.parse_args(argv)
    stale = []
    for map_id in args.maps or trained_maps():
        text, fig = build(map_id)
        path = weights_path(map_id)
        current = path.read_text("utf-8") if path.is_file() else None
        print(f"== {map_id}: 5-fold cross-validation on its training data")
        print(sd.format_figures(fig))
        if current == text:
            print(f"{path.name}: up to date")
        elif args.check:
            stale.append(map_id)
            print(f"{path.name}: differs from what the training data makes")
        else:
            atomic_write(path, text)
            path.chmod(0o644)  # shipped package data, not private user data
            print(f"{path.name}: written")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
