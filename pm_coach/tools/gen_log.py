"""Generated evidence logs and the data folders around them, for tests and bench/.

The same arguments give the same entries and the same bytes: every choice comes from
``random.Random`` with the seed given, and dates run from 2015-01-05 to 2026-06-01 whatever
today is. A folder holds the log and, when asked, a profile and an assessment of the
leadership map, so that ``plan`` has something to plan from. From the command line, the log
file is written alone, as a person or another tool writes it: bench/ counts the first read,
which validates it.

    python -m pm_coach.tools.gen_log FOLDER --entries 10000 [--seed 6]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from collections.abc import Sequence
from pathlib import Path

from pm_coach.models import Assessment, Evidence, Profile
from pm_coach.store import files
from pm_coach.store.assessments import add_assessment
from pm_coach.store.evidence import COMMENT, FILE_NAME, KEY, EvidenceStore
from pm_coach.store.ids import ALPHABET, LENGTH
from pm_coach.store.maps import MapCatalog
from pm_coach.store.profile import update_profile
from pm_coach.store.tables import dump_tables

MAP = "leadership"
SEED = 6
VERBS = [
    "Ran", "Led", "Wrote", "Presented", "Negotiated", "Coached", "Reframed", "Shipped", "Killed",
    "Mapped",
]  # fmt: skip
THINGS = [
    "the Q3 bet review with finance",
    "a pricing experiment for the starter plan",
    "the onboarding funnel teardown with design",
    "a one-page strategy for the payments squad",
    "the quarterly roadmap review with sales leaders",
    "a skip-level with the VP of engineering",
    "the churn interviews synthesis for the exec team",
    "a hiring loop for a senior PM",
    "the migration plan off the legacy billing system",
    "a post-mortem on the failed referral launch",
]
RESULTS = [
    "Dropped two bets and moved their people to activation",
    "Finance agreed to fund the second phase",
    "The team stopped three low-value projects",
    "Sales now brings churn reasons to the weekly review",
    "",
    "The VP asked me to run it again next quarter",
]
METRICS = [
    "+12% activation",
    "saves 3 eng-months",
    "-8% churn in 60 days",
    "NPS 31 → 44",
    "4 teams aligned",
    "€1.2M pipeline",
]
TAGS = ["q3", "pricing", "hiring", "exec", "billing", "talk"]
KINDS = ["work", "work", "work", "work", "volunteer", "talk", "publication"]
FIRST = dt.datetime(2015, 1, 5, 9, 0, tzinfo=dt.UTC)
LAST = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
ASSESSED = dt.date(2026, 6, 1)
PROFILE = Profile(
    name="Bench Mark", current_role="Senior PM", target_role="Head of Product", hours_per_week=4
)


def entries(n: int, gap_ids: Sequence[str], seed: int = SEED) -> list[Evidence]:
    """``n`` entries, oldest first and evenly spread over the years, each tagged with up to two
    of ``gap_ids`` (any number of them); their ids are unique and in no order."""
    rng = random.Random(seed + n)
    step = (LAST - FIRST) / max(n, 1)
    out = []
    for i, entry_id in enumerate(unique_ids(n, seed)):
        kind = rng.choice(KINDS)
        when = FIRST + step * i
        out.append(
            Evidence(
                id=entry_id,
                date=when.date(),
                text=f"{rng.choice(VERBS)} {rng.choice(THINGS)} (#{i})",
                result=rng.choice(RESULTS),
                metrics=rng.sample(METRICS, rng.randint(0, 2)),
                gaps=rng.sample(list(gap_ids), min(rng.randint(0, 2), len(gap_ids))),
                tags=rng.sample(TAGS, rng.randint(0, 2)),
                kind=kind,  # type: ignore[arg-type]
                org="ProductTank" if kind != "work" else "",
                created=when,
            )
        )
    return out


def unique_ids(n: int, seed: int = SEED) -> list[str]:
    rng = random.Random(seed)
    seen: set[str] = set()
    while len(seen) < n:
        seen.add("".join(rng.choice(ALPHABET) for _ in range(LENGTH)))
    ids = sorted(seen)
    rng.shuffle(ids)
    return ids


def gap_ids(folder: Path) -> list[str]:
    """The gaps of the map the folder's assessment is made on."""
    return MapCatalog(folder).load(MAP).gap_ids


def write_home(
    folder: Path,
    log: Sequence[Evidence],
    *,
    profile: Profile | None = None,
    assessed: dt.date | None = None,
    by_hand: bool = False,
) -> Path:
    """``log`` as ``folder``'s evidence log, entries and ids as given, written as pm-coach writes
    it (with the view its reads start from), or ``by_hand``: the file alone, as a person or
    another tool writes it, which pm-coach's first read validates whole. With ``profile``, that
    profile; with ``assessed``, an assessment of the leadership map made that day at 09:00 UTC,
    its gaps at levels 1 to 5 in turn and each target one above (5 at most)."""
    files.ensure_dir(folder)
    if by_hand:
        records = [e.to_record() for e in log]
        files.atomic_write(folder / FILE_NAME, dump_tables(KEY, records, COMMENT))
    else:
        EvidenceStore(folder).rewrite(lambda _old: list(log))
    if profile is not None:
        update_profile(folder, lambda _old: profile)
    if assessed is not None:
        levels = {g: 1 + i % 5 for i, g in enumerate(gap_ids(folder))}
        add_assessment(
            folder,
            Assessment(
                date=assessed,
                map=MAP,
                levels=levels,
                targets={g: min(5, v + 1) for g, v in levels.items()},
                created=dt.datetime.combine(assessed, dt.time(9, 0), dt.UTC),
            ),
        )
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pm_coach.tools.gen_log",
        description="Write a data folder with a generated log, a profile and an assessment.",
    )
    parser.add_argument("folder", type=Path, help="a new or empty folder")
    parser.add_argument("--entries", type=int, default=1000, help="how many (default 1000)")
    parser.add_argument("--seed", type=int, default=SEED, help=f"(default {SEED})")
    args = parser.parse_args(argv)
    if args.entries < 0:
        parser.error("--entries takes a whole number, 0 or more")
    if args.folder.exists() and (not args.folder.is_dir() or any(args.folder.iterdir())):
        print(f"{args.folder} is not an empty folder; nothing written", file=sys.stderr)
        return 2
    log = entries(args.entries, gap_ids(args.folder), args.seed)
    write_home(args.folder, log, profile=PROFILE, assessed=ASSESSED, by_hand=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
