"""Time shell completion as the shell runs it: a whole ``pm-coach`` process per Tab.

    python bench/completion.py                  # 10,000 entries, 7 runs of each case
    python bench/completion.py --entries 100000 --runs 5

Builds ``bench/.work/completion-N/`` (an evidence log of N entries, a profile, an assessment, a
plan and two contacts), then runs each case with the variables Typer's bash or zsh script sets
(``_PM_COACH_COMPLETE``, ``COMP_WORDS``/``COMP_CWORD`` or ``_TYPER_COMPLETE_ARGS``) and prints the
median wall-clock and CPU time and the number of candidates. The target is under 200 ms a Tab.
Also times ``pm-coach log`` with flags, the start-up completion must not slow down.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench import WORK, samples  # noqa: E402

PM_COACH = str(Path(sys.executable).with_name("pm-coach"))


def bash(line: str) -> dict[str, str]:
    words = line.split(" ")
    return {
        "_PM_COACH_COMPLETE": "complete_bash",
        "COMP_WORDS": line,
        "COMP_CWORD": str(len(words) - 1),
    }


def zsh(line: str) -> dict[str, str]:
    return {"_PM_COACH_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": line}


CASES: list[tuple[str, dict[str, str], list[str]]] = [
    ("bash: evidence show <Tab>", bash("pm-coach evidence show "), []),
    ("bash: evidence edit k<Tab>", bash("pm-coach evidence edit k"), []),
    ("zsh:  evidence show <Tab>", zsh("pm-coach evidence show "), []),
    ("bash: log x --gap <Tab>", bash("pm-coach log x --gap "), []),
    ("bash: plan done <Tab>", bash("pm-coach plan done "), []),
    ("bash: network show <Tab>", bash("pm-coach network show "), []),
    ("bash: ev<Tab> (commands)", bash("pm-coach ev"), []),
    ("log with flags (no completion)", {}, ["log", "Ran the review", "--gap", "strategy"]),
]


def run_once(env: dict[str, str], args: list[str]) -> tuple[float, float, int]:
    start = time.perf_counter()
    proc = subprocess.Popen(
        [PM_COACH, *args],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    out = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"pm-coach {' '.join(args)} failed (status {status})")
    return wall, usage.ru_utime + usage.ru_stime, len(out.splitlines())


def ids(n: int) -> list[str]:
    """``n`` distinct ids of pm-coach's form, the same every run."""
    import random

    from pm_coach.store.ids import ALPHABET, LENGTH

    rng, out = random.Random(6), set()
    while len(out) < n:
        out.add("".join(rng.choice(ALPHABET) for _ in range(LENGTH)))
    return sorted(out)


def build_home(folder: Path, n: int) -> None:
    """An evidence log of ``n`` entries in pm-coach's own format, a profile and an assessment
    (so that ``plan`` makes a plan)."""
    import datetime as dt

    from pm_coach.models import Assessment, Evidence, Profile
    from pm_coach.store import files
    from pm_coach.store.assessments import add_assessment
    from pm_coach.store.evidence import COMMENT, FILE_NAME, KEY
    from pm_coach.store.maps import MapCatalog
    from pm_coach.store.profile import update_profile

    if folder.exists():
        shutil.rmtree(folder)
    files.ensure_dir(folder)
    gap_ids = MapCatalog(folder).load("leadership").gap_ids
    records = [
        Evidence(
            id=entry_id,
            date=s.when.date(),
            text=s.text,
            gaps=s.gaps,
            kind=s.kind,  # type: ignore[arg-type]
            org=s.org,
            created=s.when.replace(tzinfo=dt.UTC),
        ).to_record()
        for entry_id, s in zip(ids(n), samples(n, gap_ids), strict=True)
    ]
    files.atomic_write(folder / FILE_NAME, files.dump_tables(KEY, records, COMMENT))
    update_profile(folder, lambda _old: Profile(name="Bench Mark", hours_per_week=4))
    levels = {g: 1 + i % 5 for i, g in enumerate(gap_ids)}
    add_assessment(
        folder,
        Assessment(
            date=dt.date(2026, 6, 1),
            map="leadership",
            levels=levels,
            targets={g: min(5, v + 1) for g, v in levels.items()},
            created=dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC),
        ),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    opts = parser.parse_args()
    home = WORK / f"completion-{opts.entries}"
    build_home(home, opts.entries)
    base = {k: v for k, v in os.environ.items() if not k.startswith(("_PM_COACH", "COMP_"))}
    base["PM_COACH_HOME"] = str(home)
    for cmd in (
        ["plan"],
        ["network", "add", "Dana Reyes", "--kind", "mentor"],
        ["network", "add", "Sam Lee", "--kind", "coach"],
    ):
        subprocess.run([PM_COACH, *cmd], env=base, check=True, capture_output=True)
    print(f"{opts.entries:,} entries in {home}; median of {opts.runs} runs (after one warm-up)")
    print(f"{'case':34} {'wall ms':>8} {'cpu ms':>8} {'lines':>6}")
    for name, extra, args in CASES:
        env = {**base, **extra}
        run_once(env, args)
        walls, cpus, lines = [], [], 0
        for _ in range(opts.runs):
            wall, cpu, lines = run_once(env, args)
            walls.append(wall)
            cpus.append(cpu)
        print(
            f"{name:34} {statistics.median(walls) * 1000:8.0f} "
            f"{statistics.median(cpus) * 1000:8.0f} {lines:6d}"
        )


if __name__ == "__main__":
    main()
