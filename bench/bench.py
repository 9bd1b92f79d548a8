"""Time pm-coach against jrnl 4.6 on evidence logs of growing size, whole processes only.

Run it from the repository root with the Python that has pm-coach installed:

    python bench/bench.py --install-jrnl            # 100, 1,000 and 10,000 entries
    python bench/bench.py --large --write-doc       # also 100,000 entries; rewrite the doc

Every figure is the median wall-clock time of ``--runs`` runs of a fresh process (after one
warm-up run that is not counted). Within a round, every pm-coach and jrnl command runs once in
turn, so a noisy moment on the machine hits both tools. Peak memory is the largest ``ru_maxrss``
of any timed child process (``os.wait4``). Nothing here touches your real pm-coach or jrnl data:
everything lives in ``bench/.work/`` (git-ignored).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import time
import venv
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = HERE / ".work"
JRNL_VENV = WORK / "jrnl-venv"
JRNL_VERSION = "4.6"
DOC = REPO / "docs" / "performance.md"
DEFAULT_SIZES = (100, 1_000, 10_000)
LARGE = 100_000
MEMORY_LIMIT_KB = 1024 * 1024  # 1 GB, in ru_maxrss units (KiB on Linux)

# --- data folders ---------------------------------------------------------------------------


def build_pm_coach_home(folder: Path, n: int) -> None:
    """A fresh data folder of ``n`` entries, built in a child process: a fork inherits the
    parent's memory high-water mark, so the timing parent stays small to keep each child's
    ru_maxrss its own."""
    if folder.exists():
        shutil.rmtree(folder)
    gen = [sys.executable, "-m", "pm_coach.tools.gen_log", str(folder), "--entries", str(n)]
    subprocess.run(gen, check=True)


JRNL_CONFIG = """\
colors:
  body: none
  date: none
  tags: none
  title: none
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: {journal}
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%Y-%m-%d %H:%M'
version: '{version}'
"""


def build_jrnl_home(folder: Path, n: int) -> Path:
    """A jrnl config (no encryption) in ``folder/config`` and a plain-text journal of ``n``
    entries with the same content as the pm-coach log; returns the XDG_CONFIG_HOME to use."""
    if folder.exists():
        shutil.rmtree(folder)
    config_home = folder / "config"
    (config_home / "jrnl").mkdir(parents=True)
    journal = folder / "journal.txt"
    (config_home / "jrnl" / "jrnl.yaml").write_text(
        JRNL_CONFIG.format(journal=journal, version=JRNL_VERSION), "utf-8"
    )
    from pm_coach.tools.gen_log import entries  # only in the child that builds the data

    gap_ids = ["strategy", "buy-in", "confidence", "people", "domain"]
    with journal.open("w", encoding="utf-8") as fh:
        for e in entries(n, gap_ids):
            body = ". ".join(x for x in [e.result, *e.metrics] if x)
            tags = " ".join(f"@{g}" for g in e.gaps + e.tags)
            fh.write(f"[{e.created:%Y-%m-%d %H:%M}] {e.text}. {body}\n{tags}\n\n")
    return config_home


def install_jrnl() -> Path:
    exe = JRNL_VENV / "bin" / "jrnl"
    if not exe.exists():
        print(f"Installing jrnl {JRNL_VERSION} into {JRNL_VENV.relative_to(REPO)} …", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(JRNL_VENV)
        subprocess.run(
            [
                str(JRNL_VENV / "bin" / "python"),
                "-m",
                "pip",
                "install",
                "-q",
                f"jrnl=={JRNL_VERSION}",
            ],
            check=True,
        )
    return exe


# --- timing ---------------------------------------------------------------------------------
@dataclass
class Case:
    tool: str  # "pm-coach" or "jrnl"
    name: str  # row label, e.g. "log", "--help"
    size: int | None  # entries in the log, None for size-free commands
    argv: list[str]
    env: dict[str, str]
    times: list[float] = field(default_factory=list)  # wall-clock, one per timed run
    cpu_times: list[float] = field(default_factory=list)  # user + system of the child
    maxrss_kb: int = 0
    failure: str = ""
    to_file: Path | None = None  # stdout goes to this file (rewritten each run), not /dev/null
    prepare: Callable[[], None] | None = None  # run before each timed run, not timed
    count_lines: bool = False  # read stdout through a pipe and keep how many lines it had
    lines: int = 0

    def run_once(self) -> tuple[float, float]:
        """One run of the whole process: its wall-clock and CPU time. Peak RSS, the first
        failure and (with ``count_lines``) the number of lines it printed are kept."""
        if self.prepare is not None:
            self.prepare()
        out: Any = subprocess.DEVNULL
        if self.to_file is not None:
            out = self.to_file.open("wb")
        elif self.count_lines:
            out = subprocess.PIPE
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            self.argv,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.PIPE,
        )
        assert proc.stderr is not None
        if proc.stdout is not None:  # short output (completion candidates): stdout, then stderr
            self.lines = len(proc.stdout.read().splitlines())
            proc.stdout.close()
        err = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        proc.stderr.close()
        if self.to_file is not None:
            out.close()
        self.maxrss_kb = max(self.maxrss_kb, usage.ru_maxrss)
        if proc.returncode != 0 and not self.failure:
            self.failure = f"exit {proc.returncode}: {err.decode(errors='replace').strip()[-300:]}"
        return elapsed, usage.ru_utime + usage.ru_stime

    def timed(self) -> None:
        """One timed run, kept."""
        wall, cpu = self.run_once()
        self.times.append(wall)
        self.cpu_times.append(cpu)

    @property
    def median(self) -> float:
        return statistics.median(self.times) if self.times else float("nan")

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu_times) if self.cpu_times else float("nan")


def pm_coach_exe() -> str:
    script = Path(sys.executable).with_name("pm-coach")
    if not script.exists():
        sys.exit(f"no pm-coach beside {sys.executable}: run this with pm-coach's own Python.")
    return str(script)


def existing_commands(exe: str) -> set[str]:
    """Top-level commands pm-coach has right now (parsed from its --help)."""
    out = subprocess.run([exe, "--help"], capture_output=True, text=True, check=True).stdout
    names = set()
    for line in out.splitlines():
        stripped = line.strip()
        if stripped and line.startswith("  ") and not stripped.startswith("-"):
            names.add(stripped.split()[0])
    return names


def has_subcommand(exe: str, *argv: str) -> bool:
    return subprocess.run([exe, *argv, "--help"], capture_output=True).returncode == 0


def build_cases(
    sizes: list[int],
    jrnl: Path | None,
    notes: list[str],
    large_add: bool = False,
    baseline: Path | None = None,
) -> list[Case]:
    exe = pm_coach_exe()
    commands = existing_commands(exe)
    base_env = {k: v for k, v in os.environ.items() if not k.startswith(("PM_COACH", "JRNL"))}
    # An installed pm-coach has its bytecode compiled; with PYTHONDONTWRITEBYTECODE set, every
    # run of a changed checkout would compile its modules again and time that instead.
    base_env.pop("PYTHONDONTWRITEBYTECODE", None)
    base_env.update({"NO_COLOR": "1", "COLUMNS": "100"})
    cases: list[Case] = []
    pm_env = dict(base_env, PM_COACH_HOME=str(WORK / "pm-help"))
    cases.append(Case("pm-coach", "--help", None, [exe, "--help"], pm_env))
    if jrnl:
        j_env = dict(base_env, XDG_CONFIG_HOME=str(build_jrnl_home(WORK / "jrnl-help", 0)))
        cases.append(Case("jrnl", "--help", None, [str(jrnl), "--help"], j_env))

    wanted = [
        ("log", ["log"]),
        ("evidence list --json", ["evidence", "list"]),
        ("evidence list > file", ["evidence", "list"]),
        ("export --format markdown", ["export"]),
        ("export --top 10", ["export"]),
        ("export --format json-resume", ["export"]),
        ("export --lint", ["export"]),
        ("report --json", ["report"]),
        ("plan", ["plan"]),
        ("plan --json", ["plan"]),
        ("evidence list --json after a hand edit", ["evidence", "list"]),
    ]
    available = {}
    for label, probe in wanted:
        if probe[0] in commands and has_subcommand(exe, *probe):
            available[label] = True
        else:
            available[label] = False
            notes.append(f"`pm-coach {label}` is skipped: the command does not exist yet.")

    for n in sizes:
        print(f"Building logs of {n:,} entries …", flush=True)
        home = WORK / f"pm-{n}"
        build_pm_coach_home(home, n)
        env = dict(pm_env, PM_COACH_HOME=str(home))
        if available["log"]:
            argv = [exe, "log", "Ran the pricing review with finance", "--gap", "strategy"]
            argv += ["--result", "Dropped two bets", "--metric", "+12% activation"]
            argv += ["--tag", "q3", "--date", "yesterday"]
            cases.append(Case("pm-coach", "log", n, argv, env))
        if available["evidence list --json"]:
            cases.append(
                Case(
                    "pm-coach", "evidence list --json", n, [exe, "evidence", "list", "--json"], env
                )
            )
        if available["export --format markdown"]:
            cases.append(
                Case(
                    "pm-coach",
                    "export --format markdown",
                    n,
                    [exe, "export", "--format", "markdown"],
                    env,
                )
            )
        if available["plan"]:
            cases.append(Case("pm-coach", "plan", n, [exe, "plan"], env))
        simple = {
            "evidence list > file": ["evidence", "list"],
            "export --top 10": ["export", "--top", "10"],
            # no jrnl counterpart: here for their time and peak memory
            "export --format json-resume": ["export", "--format", "json-resume"],
            "export --lint": ["export", "--lint"],
            "report --json": ["report", "--json"],
            "plan --json": ["plan", "--json"],
        }
        for label, args in simple.items():
            if available[label]:
                case = Case("pm-coach", label, n, [exe, *args], env)
                if label.endswith("> file"):
                    case.to_file = WORK / f"out-{n}.txt"
                cases.append(case)
        if available["evidence list --json after a hand edit"] and n < LARGE:
            label = "evidence list --json after a hand edit"
            # A folder of its own: a hand edit in the shared one would make every other row
            # that follows it time the first run after a hand edit (log validating the whole
            # file and handing over to the full command line, reads rebuilding the cache).
            edited = WORK / f"pm-{n}-edited"
            build_pm_coach_home(edited, n)
            env = dict(env, PM_COACH_HOME=str(edited))
            edit = hand_edit(edited / "evidence.toml")
            cases.append(
                Case("pm-coach", label, n, [exe, "evidence", "list", "--json"], env, prepare=edit)
            )
            if baseline is not None:
                old = [sys.executable, "-m", "pm_coach", "evidence", "list", "--json"]
                old_env = dict(env, PYTHONPATH=str(baseline))
                cases.append(Case("baseline", label, n, old, old_env, prepare=edit))
        if jrnl:
            jrnl_home = WORK / f"jrnl-{n}"
            subprocess.run(
                [sys.executable, __file__, "--build-jrnl", str(n), str(jrnl_home)], check=True
            )
            j_env = dict(base_env, XDG_CONFIG_HOME=str(jrnl_home / "config"))
            add = [str(jrnl), "Ran the pricing review with finance. Dropped two bets @strategy"]
            if n < LARGE or large_add:
                cases.append(Case("jrnl", "add", n, add, j_env))
            else:
                notes.append(
                    f"`jrnl add` at {n:,} entries is not timed: one run takes minutes (jrnl "
                    "reads and rewrites the whole journal); --jrnl-large-add includes it."
                )
            cases.append(
                Case("jrnl", "--export markdown", n, [str(jrnl), "--export", "markdown"], j_env)
            )
            if n < LARGE:  # jrnl's search takes over a minute a run at 100,000
                search = Case("jrnl", "-contains the", n, [str(jrnl), "-contains", "the"], j_env)
                search.to_file = WORK / f"jrnl-out-{n}.txt"
                cases.append(search)
    return cases


def hand_edit(path: Path) -> Callable[[], None]:
    """What a person's editor does to the log: here, a comment added at the end. pm-coach's
    stamp and view cache no longer match, so the next read validates the whole file."""

    def edit() -> None:
        with path.open("a", encoding="utf-8") as fh:
            fh.write("# looked at this by hand\n")

    return edit


def baseline_tree(rev: str) -> Path:
    """pm-coach's source at ``rev`` in bench/.work/, to time "today's read" next to this one."""
    target = WORK / f"baseline-{rev}"
    if not target.exists():
        target.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "-C", str(REPO), "archive", rev, "pm_coach", "skill_maps", "content"],
            check=True,
            capture_output=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def measure(cases: list[Case], runs: int, *, shuffle: bool = True, quiet: bool = False) -> None:
    """One warm-up run of every case, then ``runs`` rounds in which every case runs once (in a
    shuffled order, so a noisy moment on the machine hits all of them). bench/completion.py
    times its cases with this loop too."""
    if not quiet:
        print(f"Warm-up, then {runs} interleaved rounds of {len(cases)} commands …", flush=True)
    for case in cases:  # warm-up: page cache, .pyc files, pm-coach's stamp, jrnl's config upgrade
        case.run_once()
        case.failure = ""
    for r in range(runs):
        order = list(cases)
        if shuffle:
            random.Random(r).shuffle(order)
        for case in order:
            case.timed()
        if not quiet:
            print(f"  round {r + 1}/{runs} done", flush=True)


# --- report ---------------------------------------------------------------------------------
# Which other command each pm-coach row is measured against (issue 21), in the same run.
PAIRS = {
    "--help": "--help",
    "log": "add",
    "export --format markdown": "--export markdown",
    "export --top 10": "--export markdown",
    "evidence list --json": "--export markdown",
    "report --json": "--export markdown",
    "plan --json": "--export markdown",
    "evidence list > file": "-contains the",
}
TARGETS_21 = {  # pm-coach row at 10,000 entries: the most its ratio may be
    "export --format markdown": 0.5,
    "evidence list --json": 0.5,
    "report --json": 0.5,
    "plan --json": 0.5,
    "evidence list > file": 0.5,
    "log": 0.05,
    "evidence list --json after a hand edit": 1.2,
}
RSS_TARGET_KB = 250 * 1024


def partner(cases: list[Case], c: Case) -> Case | None:
    if c.name.endswith("after a hand edit"):
        return find(cases, "baseline", c.name, c.size)
    return find(cases, "jrnl", PAIRS.get(c.name, ""), c.size)


def fmt_s(seconds: float) -> str:
    return "—" if seconds != seconds else f"{seconds:.3f} s"


def find(cases: list[Case], tool: str, name: str, size: int | None) -> Case | None:
    return next((c for c in cases if (c.tool, c.name, c.size) == (tool, name, size)), None)


def report(cases: list[Case], sizes: list[int], notes: list[str]) -> tuple[str, list[str]]:
    """The Markdown table and the list of target verdicts."""
    lines = [
        "| command | entries | pm-coach median | jrnl command | jrnl median "
        "| pm-coach / jrnl | peak RSS |",
        "|---|---:|---:|---|---:|---:|---:|",
    ]
    for c in cases:
        if c.tool != "pm-coach":
            continue
        j = partner(cases, c)
        ratio = f"{c.median / j.median:.2f}" if j and j.times else "—"
        other = "—" if j is None else f"`jrnl {j.name}`" if j.tool == "jrnl" else "the baseline"
        lines.append(
            f"| `{c.name}` | {'—' if c.size is None else f'{c.size:,}'} | {fmt_s(c.median)} | "
            f"{other} | {fmt_s(j.median) if j else '—'} | "
            f"{ratio} | "
            f"{c.maxrss_kb / 1024:.0f} MB |"
        )
    for c in cases:
        if c.tool == "jrnl" and not any(
            o.tool == "pm-coach" and PAIRS.get(o.name) == c.name and o.size == c.size for o in cases
        ):
            lines.append(
                f"| — | {'—' if c.size is None else f'{c.size:,}'} | — | `jrnl {c.name}` | "
                f"{fmt_s(c.median)} | — | {c.maxrss_kb / 1024:.0f} MB |"
            )
    for c in cases:
        if c.failure:
            notes.append(f"`{c.tool} {c.name}` at {c.size} entries failed: {c.failure}")

    verdicts: list[str] = []

    def verdict(ok: bool | None, text: str) -> None:
        mark = "not measured" if ok is None else ("holds" if ok else "DOES NOT HOLD")
        verdicts.append(f"- {text}: **{mark}**")

    log10k, log100 = find(cases, "pm-coach", "log", 10_000), find(cases, "pm-coach", "log", 100)
    add10k = find(cases, "jrnl", "add", 10_000)
    if log10k and add10k:
        verdict(
            log10k.median <= add10k.median / 10,
            f"`log` at 10,000 ≤ 1/10 of jrnl add at 10,000 "
            f"({fmt_s(log10k.median)} vs {fmt_s(add10k.median / 10)})",
        )
    else:
        verdict(None, "`log` at 10,000 ≤ 1/10 of jrnl add at 10,000")
    if log10k and log100:
        verdict(
            log10k.median <= 1.25 * log100.median,
            f"`log` at 10,000 within 1.25× of `log` at 100 ({log10k.median / log100.median:.2f}×)",
        )
    else:
        verdict(None, "`log` at 10,000 within 1.25× of `log` at 100")
    ph, jh = find(cases, "pm-coach", "--help", None), find(cases, "jrnl", "--help", None)
    if ph and jh:
        verdict(
            ph.median <= jh.median, f"`--help` no slower than jrnl's ({ph.median / jh.median:.2f}×)"
        )
    else:
        verdict(None, "`--help` no slower than jrnl's")
    ex10k = find(cases, "pm-coach", "export --format markdown", 10_000)
    jex10k = find(cases, "jrnl", "--export markdown", 10_000)
    if ex10k and jex10k:
        verdict(
            ex10k.median <= jex10k.median,
            f"`export` at 10,000 no slower than jrnl's export at 10,000 "
            f"({ex10k.median / jex10k.median:.2f}×)",
        )
    else:
        verdict(None, "`export` at 10,000 no slower than jrnl's export at 10,000")
    for name, limit in TARGETS_21.items():
        c = find(cases, "pm-coach", name, 10_000)
        j = partner(cases, c) if c else None
        what = f"`{name}` at 10,000 / {'the baseline' if j and j.tool == 'baseline' else 'jrnl'}"
        if c and j and c.times and j.times:
            r = c.median / j.median
            verdict(
                r <= limit, f"{what} ≤ {limit} ({r:.2f}; {fmt_s(c.median)} vs {fmt_s(j.median)})"
            )
        else:
            verdict(None, f"{what} ≤ {limit}")
    big = [c for c in cases if c.tool == "pm-coach" and c.size == LARGE]
    if big:
        worst = max(big, key=lambda c: c.maxrss_kb)
        verdict(
            worst.maxrss_kb < RSS_TARGET_KB,
            f"peak RSS at 100,000 under 250 MB, any command (largest: `{worst.name}`, "
            f"{worst.maxrss_kb / 1024:.0f} MB)",
        )
    else:
        verdict(None, "peak RSS at 100,000 under 250 MB, any command (run with --large)")
    if big:
        worst = max(big, key=lambda c: c.maxrss_kb)
        ok = all(not c.failure for c in big) and worst.maxrss_kb < MEMORY_LIMIT_KB
        verdict(
            ok,
            f"100,000 entries work with peak memory under 1 GB (largest: `{worst.name}`, "
            f"{worst.maxrss_kb / 1024:.0f} MB)",
        )
    else:
        verdict(None, "100,000 entries work with peak memory under 1 GB (run with --large)")
    return "\n".join(lines), verdicts


def load() -> str:
    """The 1-minute load average, to print next to the figures."""
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except OSError:
        return "unknown"


LOAD: list[str] = []


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} logical cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def write_doc(table: str, verdicts: list[str], notes: list[str], command: str, runs: int) -> None:
    today = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    text = DOC.read_text("utf-8") if DOC.exists() else ""
    begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
    block = "\n".join(
        [
            begin,
            f"Measured {today} on {machine()}; load average {LOAD[0]} at the start, "
            f"{load()} at the end (wall-clock figures on a busy machine are noisy; the ratios "
            "pair both tools in the same rounds).",
            "",
            f"Repeat with: `{command}`",
            "",
            f"Median wall-clock time of {runs} runs of a whole process after one warm-up run; "
            "pm-coach and jrnl runs interleaved. Peak RSS is the largest `ru_maxrss` of the "
            "processes of that row, the warm-up included (for `log` that is the one run that "
            "validates a log pm-coach did not write itself).",
            "",
            table,
            "",
            "Targets:",
            "",
            *verdicts,
            *([""] + [f"Note: {n}" for n in notes] if notes else []),
            end,
        ]
    )
    if begin in text and end in text:
        text = text[: text.index(begin)] + block + text[text.index(end) + len(end) :]
    else:
        text = (text or "# Performance\n\n") + "\n" + block + "\n"
    DOC.write_text(text, "utf-8")
    print(f"Wrote {DOC.relative_to(REPO)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (≥ 5)")
    parser.add_argument(
        "--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="comma-separated log sizes"
    )
    parser.add_argument("--large", action="store_true", help=f"also time {LARGE:,} entries")
    parser.add_argument(
        "--install-jrnl",
        action="store_true",
        help=f"install jrnl {JRNL_VERSION} into bench/.work/jrnl-venv if it is not there",
    )
    parser.add_argument(
        "--jrnl-large-add", action="store_true", help=f"also time jrnl's add at {LARGE:,} (slow)"
    )
    parser.add_argument("--no-jrnl", action="store_true", help="time pm-coach only")
    parser.add_argument(
        "--baseline",
        metavar="REV",
        help="also time the first read after a hand edit with pm-coach at git revision REV",
    )
    parser.add_argument("--write-doc", action="store_true", help="update docs/performance.md")
    parser.add_argument("--build-jrnl", nargs=2, metavar=("N", "DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.build_jrnl:
        build_jrnl_home(Path(args.build_jrnl[1]), int(args.build_jrnl[0]))
        return 0
    if args.runs < 5:
        parser.error("--runs must be at least 5")
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    if args.large and LARGE not in sizes:
        sizes.append(LARGE)

    jrnl: Path | None = None
    if not args.no_jrnl:
        exe = JRNL_VENV / "bin" / "jrnl"
        if args.install_jrnl:
            jrnl = install_jrnl()
        elif exe.exists():
            jrnl = exe
        else:
            print("jrnl is not installed: pass --install-jrnl to compare with it.", file=sys.stderr)

    WORK.mkdir(parents=True, exist_ok=True)
    LOAD.append(load())
    notes: list[str] = []
    baseline = baseline_tree(args.baseline) if args.baseline else None
    cases = build_cases(sizes, jrnl, notes, args.jrnl_large_add, baseline)
    measure(cases, args.runs)
    import resource

    parent_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    notes.append(
        f"peak RSS is measured per child with os.wait4; the timing process itself peaked at "
        f"{parent_mb:.0f} MB, a floor a forked child starts from."
    )
    table, verdicts = report(cases, sizes, notes)
    print()
    print(table)
    print()
    print("\n".join(verdicts))
    for n in notes:
        print(f"Note: {n}")
    if args.write_doc:
        shown = ["python bench/bench.py", "--install-jrnl"]
        if args.large:
            shown.append("--large")
        if args.runs != 5:
            shown.append(f"--runs {args.runs}")
        if args.sizes != ",".join(map(str, DEFAULT_SIZES)):
            shown.append(f"--sizes {args.sizes}")
        if args.baseline:
            shown.append(f"--baseline {args.baseline}")
        shown.append("--write-doc")
        write_doc(table, verdicts, notes, " ".join(shown), args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
