"""What the gap suggester costs ``pm-coach log``: whole processes, two revisions side by side.

    python bench/suggest_startup.py                 # this checkout against BASE (default: main~1)
    python bench/suggest_startup.py --base 2698c93 --runs 21

Each revision is exported with ``git archive`` into a temporary folder and byte-compiled, then
``log "TEXT"`` (a suggestion is made) and ``log "TEXT" --gap strategy`` (none is) run in turn,
each in a fresh process with its own empty data folder. Reported per case: the minimum and the
median CPU time (user + system, from ``getrusage`` of the children), which a busy machine
disturbs less than wall-clock time. Also: the in-process CPU time of reading the weights file
and making one suggestion, as ``log`` does.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TEXT = "Pre-wired the chargeback policy change with ops, legal and sales leads"

ONE_SUGGESTION = """
import sys, time
from pathlib import Path
from pm_coach.store.maps import MapCatalog, load_suggest_weights
from pm_coach.core.gap_model import GapModel
from pm_coach.core.suggest import suggest_gap
sm = MapCatalog(Path("/nonexistent")).load("leadership")
best = 1.0
for _ in range(50):
    start = time.process_time()
    model = GapModel.for_map(load_suggest_weights("leadership"), sm.gap_ids)
    suggest_gap(sys.argv[1], "", sm, model)
    best = min(best, time.process_time() - start)
print(f"{best * 1000:.2f}")
"""


def export(rev: str, into: Path) -> Path:
    into.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", rev], cwd=REPO, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(into / "pm_coach")], check=True)
    return into


def cpu_ms(root: Path, args: list[str]) -> float:
    env = dict(os.environ, PYTHONPATH=str(root), PM_COACH_HOME=tempfile.mkdtemp())
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [sys.executable, "-m", "pm_coach", *args],
        env=env,
        cwd=root,
        stdout=subprocess.DEVNULL,
        check=True,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return 1000 * (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="main~1", help="the revision to compare against")
    parser.add_argument("--head", default="HEAD")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        roots = {
            "base": export(args.base, Path(tmp, "base")),
            "head": export(args.head, Path(tmp, "head")),
        }
        cases = {"log (suggests)": ["log", TEXT], "log --gap": ["log", TEXT, "--gap", "strategy"]}
        times: dict[tuple[str, str], list[float]] = {}
        for _ in range(args.runs):
            for case, argv in cases.items():
                for name, root in roots.items():
                    times.setdefault((case, name), []).append(cpu_ms(root, argv))
        for (case, name), values in times.items():
            print(
                f"{case:16} {name:5} min {min(values):6.1f} ms   "
                f"median {statistics.median(values):6.1f} ms   (CPU, n={len(values)})"
            )
        env = dict(os.environ, PYTHONPATH=str(roots["head"]))
        one = subprocess.run(
            [sys.executable, "-c", ONE_SUGGESTION, TEXT],
            env=env,
            cwd=roots["head"],
            capture_output=True,
            text=True,
            check=True,
        )
        print(f"weights read + one suggestion (head, best of 50): {one.stdout.strip()} ms CPU")


if __name__ == "__main__":
    main()
