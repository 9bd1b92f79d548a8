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
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench import WORK, Case, build_pm_coach_home, measure  # noqa: E402

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    opts = parser.parse_args()
    home = WORK / f"completion-{opts.entries}"
    build_pm_coach_home(home, opts.entries)
    base = {k: v for k, v in os.environ.items() if not k.startswith(("_PM_COACH", "COMP_"))}
    base["PM_COACH_HOME"] = str(home)
    for cmd in (
        ["plan"],
        ["network", "add", "Dana Reyes", "--kind", "mentor"],
        ["network", "add", "Sam Lee", "--kind", "coach"],
    ):
        subprocess.run([PM_COACH, *cmd], env=base, check=True, capture_output=True)
    cases = [
        Case("pm-coach", name, opts.entries, [PM_COACH, *args], {**base, **extra}, count_lines=True)
        for name, extra, args in CASES
    ]
    measure(cases, opts.runs, shuffle=False, quiet=True)
    print(f"{opts.entries:,} entries in {home}; median of {opts.runs} runs (after one warm-up)")
    print(f"{'case':34} {'wall ms':>8} {'cpu ms':>8} {'lines':>6}")
    for case in cases:
        print(
            f"{case.name:34} {case.median * 1000:8.0f} {case.cpu_median * 1000:8.0f} "
            f"{case.lines:6d}"
        )
    failed = [f"{case.name}: {case.failure}" for case in cases if case.failure]
    if failed:
        raise SystemExit("\n".join(failed))


if __name__ == "__main__":
    main()
