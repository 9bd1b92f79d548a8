"""Time the cohort commands on a large generated cohort, as whole processes.

Generates member files the way ``pm-coach share`` writes them (the ``Member`` model and
``store.cohort.member_text``) into ``bench/.work/cohort-N/``, then times ``cohort match --json``
and ``cohort report --format html`` end to end (start-up, reading and validating every file,
the work, the output) and checks them against the targets in the issue: match on 2,000 members
with 300 mentors under 5 s, report on 2,000 members under 3 s.

    python bench/cohort.py                      # 2,000 members, 300 mentors, 5 runs
    python bench/cohort.py --members 5000 --mentors 600 --runs 3

Run it with the Python that has pm-coach and the cohort extra installed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
GAPS = ["strategy", "buy-in", "confidence", "domain", "delegation"]
TARGETS = {"match": 5.0, "report": 3.0}


def generate(folder: Path, members: int, mentors: int, seed: int = 18) -> None:
    """``members`` member files, the last ``mentors`` of them offering 1-3 places; half the
    mentees name one of the mentors as their manager; a tenth have gone quiet."""
    from pm_coach.models.cohort import Member
    from pm_coach.store.cohort import member_text

    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.toml"):
        old.unlink()
    today = dt.date.today()
    names = [f"Member {i:05d}" for i in range(members)]
    mentor_names = names[members - mentors :]
    for i, name in enumerate(names):
        is_mentor = i >= members - mentors
        levels = {g: rng.randint(3, 5) if is_mentor else rng.randint(1, 4) for g in GAPS}
        targets = {g: rng.choice([3, 4, 4, 5]) for g in GAPS}
        member = Member(
            name=name,
            map="leadership",
            shared_on=today - dt.timedelta(days=rng.choice([1, 5, 12, 45]) if i % 10 == 0 else 3),
            assessed_on=today - dt.timedelta(days=20),
            levels=levels,
            targets=targets,
            focus=sorted(GAPS, key=lambda g: levels[g] - targets[g])[:2],
            strengths=[g for g in GAPS if levels[g] >= targets[g]] if is_mentor else [],
            mentor=rng.randint(1, 3) if is_mentor else 0,
            manager=rng.choice(mentor_names) if not is_mentor and rng.random() < 0.5 else "",
        )
        (folder / f"member-{i:05d}.toml").write_text(member_text(member), encoding="utf-8")


def pm_coach() -> list[str]:
    script = Path(sys.executable).with_name("pm-coach")
    return [str(script)] if script.exists() else [sys.executable, "-m", "pm_coach"]


def time_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock seconds and CPU seconds (user + system) of one whole process."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.decode()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def _load() -> str:
    """The machine's load averages, as ``uptime`` shows them: CPU time is the fairer figure
    on a busy machine, wall-clock time the one a user feels."""
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=2000)
    parser.add_argument("--mentors", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)

    folder = HERE / ".work" / f"cohort-{args.members}-{args.mentors}"
    generate(folder, args.members, args.mentors)
    env = dict(os.environ)
    env["PM_COACH_HOME"] = tempfile.mkdtemp(prefix="pm-coach-bench-")  # never the user's data
    cases = {
        "match": [*pm_coach(), "cohort", "match", "--dir", str(folder), "--json"],
        "report": [*pm_coach(), "cohort", "report", "--dir", str(folder), "--format", "html"],
    }
    load_before = _load()
    for argv_ in cases.values():
        time_once(argv_, env)  # warm-up: page cache and .pyc files
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
    for _ in range(args.runs):
        for name in random.sample(list(cases), len(cases)):
            times[name].append(time_once(cases[name], env))
    print(
        f"{args.members:,} members, {args.mentors:,} mentors; median of {args.runs} runs; "
        f"load average (1, 5, 15 min) {load_before} before, {_load()} after, on "
        f"{os.cpu_count()} CPUs"
    )
    failed = False
    for name, values in times.items():
        walls = [w for w, _ in values]
        median = statistics.median(walls)
        cpu = statistics.median(c for _, c in values)
        ok = median < TARGETS[name]
        failed |= not ok
        verdict = "meets" if ok else "MISSES"
        print(
            f"  cohort {name:<6} {median:6.2f} s wall (min {min(walls):.2f}, max "
            f"{max(walls):.2f}), {cpu:.2f} s CPU (user + system): {verdict} the target of "
            f"{TARGETS[name]:g} s"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
