"""Bad input, across the commands: a clear message, the documented exit code, no traceback, and
a data folder left byte for byte as it was.

Each case starts from the same data folder (an evidence log pm-coach wrote, a profile and an
assessment), optionally damages it, hashes every file, runs one command in-process, and checks
the exit code (the table in pm_coach/errors.py and the README), the message on stderr, that no
traceback and no "unexpected internal error" appeared, and that every hash is unchanged.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pm_coach.cli import app
from pm_coach.errors import ExitCode
from pm_coach.models import Assessment, Evidence, Profile
from pm_coach.store.assessments import add_assessment
from pm_coach.store.evidence import EvidenceStore
from tests.helpers import save_profile

CREATED = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC)
GAPS = ["strategy", "buy-in", "confidence", "domain", "delegation"]


def seed(home: Path) -> list[str]:
    store = EvidenceStore(home)
    ids = [
        store.append(
            lambda new_id, i=i: Evidence(
                id=new_id,
                date=dt.date(2026, 11, 1 + i),
                text=f"Ran review number {i} with finance",
                result="Dropped two bets",
                metrics=["+3% activation"],
                gaps=[GAPS[i % 5]],
                created=CREATED,
            )
        ).id
        for i in range(3)
    ]
    save_profile(home, Profile(name="Ada", target_role="Head of Product"))
    add_assessment(
        home,
        Assessment(
            date=dt.date(2026, 11, 1),
            map="leadership",
            levels={g: 2 for g in GAPS},
            targets={g: 4 for g in GAPS},
            created=CREATED,
        ),
    )
    return ids


def snapshot(home: Path) -> dict[str, str]:
    """Every entry under the data folder: file hashes, folder markers, link targets (and the
    hash of what a link points to)."""
    out: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(home):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            rel = str(p.relative_to(home))
            if p.is_symlink():
                target = p.resolve()
                digest = hashlib.sha256(target.read_bytes()).hexdigest() if target.is_file() else ""
                out[rel] = f"link -> {os.readlink(p)} {digest}"
            elif p.is_dir():
                out[rel] = "dir"
            else:
                out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


# --- damage done to the data folder before a case runs ---------------------------------------
def write_evidence(text: str) -> Callable[[Path], None]:
    def damage(home: Path) -> None:
        (home / "evidence.toml").write_text(text, "utf-8")

    return damage


def corrupt_toml(home: Path) -> None:
    p = home / "evidence.toml"
    p.write_text(p.read_text("utf-8").replace('text = "', 'text = "unclosed\n', 1), "utf-8")


def truncated(home: Path) -> None:
    p = home / "evidence.toml"
    raw = p.read_bytes()
    p.write_bytes(raw[: len(raw) - 25])  # cut inside the last entry, as a failing disk might


def schema(version: str) -> Callable[[Path], None]:
    def damage(home: Path) -> None:
        p = home / "evidence.toml"
        p.write_text(p.read_text("utf-8").replace("schema_version = 1", version), "utf-8")

    return damage


def bad_kind(home: Path) -> None:
    p = home / "evidence.toml"
    p.write_text(p.read_text("utf-8").replace('kind = "work"', 'kind = "party"', 1), "utf-8")


def duplicate_id(home: Path) -> None:
    p = home / "evidence.toml"
    text = p.read_text("utf-8")
    first = re.findall(r'^id = "([a-z0-9]+)"', text, re.M)
    p.write_text(text.replace(f'id = "{first[1]}"', f'id = "{first[0]}"'), "utf-8")


def not_utf8(home: Path) -> None:
    p = home / "evidence.toml"
    p.write_bytes(p.read_bytes().replace(b"finance", b"fin\xe9nce", 1))


def folder_instead_of_log(home: Path) -> None:
    (home / "evidence.toml").unlink()
    (home / "evidence.toml").mkdir()
    (home / "evidence.toml" / "keep.txt").write_text("not pm-coach's", "utf-8")


def symlinked_log(home: Path) -> None:
    elsewhere = home.parent / "elsewhere.toml"
    (home / "evidence.toml").rename(elsewhere)
    (home / "evidence.toml").symlink_to(elsewhere)


def corrupt_profile(home: Path) -> None:
    (home / "profile.toml").write_text('schema_version = 1\nname = "Ada\n', "utf-8")


def corrupt_assessments(home: Path) -> None:
    p = home / "assessments.toml"
    p.write_text(p.read_text("utf-8") + "\n[[assessment]]\ndate = 2026-13-45\n", "utf-8")


@dataclass
class Case:
    name: str
    args: list[str]
    code: int
    message: str  # a regular expression the message on stderr must match (case-insensitive)
    damage: Callable[[Path], None] | None = None


USAGE, DATA, NOT_FOUND, STORAGE = (
    ExitCode.USAGE,
    ExitCode.DATA,
    ExitCode.NOT_FOUND,
    ExitCode.STORAGE,
)

CASES = [
    # log: what a person types
    Case("empty text", ["log", ""], USAGE, "text is empty"),
    Case("blank text", ["log", "   "], USAGE, "text is empty"),
    Case("huge text", ["log", "x" * 5000], USAGE, "too long"),
    Case("control character", ["log", "rang \x07 the bell"], USAGE, "control character"),
    Case("two lines", ["log", "line one\nline two"], USAGE, "single line"),
    Case("escape sequence", ["log", "red \x1b[31m text"], USAGE, "control character"),
    Case("huge metric", ["log", "ok", "--metric", "9" * 300], USAGE, "--metric.*too long"),
    Case("far-future date", ["log", "ok", "--date", "2999-01-01"], USAGE, "in the future"),
    Case("impossible date", ["log", "ok", "--date", "2026-02-30"], USAGE, "not a real calendar"),
    Case("month 13", ["log", "ok", "--date", "2026-13-01"], USAGE, "not a real calendar"),
    Case("unreadable date", ["log", "ok", "--date", "next blursday"], USAGE, "not a date"),
    Case("before 1970", ["log", "ok", "--date", "1969-12-31"], USAGE, "before 1970"),
    Case("unknown gap", ["log", "ok", "--gap", "juggling"], USAGE, "unknown gap 'juggling'"),
    Case("unknown kind", ["log", "ok", "--kind", "party"], USAGE, "unknown kind"),
    Case("unknown map", ["log", "ok", "--map", "no-such-map"], NOT_FOUND, "no skill map"),
    Case("unknown action", ["log", "ok", "--action", "no-such-action"], USAGE, "unknown action"),
    # evidence
    Case("show unknown id", ["evidence", "show", "zzzzzz"], NOT_FOUND, "no evidence entry"),
    Case("rm unknown id", ["evidence", "rm", "zzzzzz", "--yes"], NOT_FOUND, "no evidence entry"),
    Case("edit unknown id", ["evidence", "edit", "zzzzzz"], NOT_FOUND, "no evidence entry"),
    Case("rm without --yes", ["evidence", "rm", "{id0}"], ExitCode.PRECONDITION, "--yes"),
    Case("list bad --since", ["evidence", "list", "--since", "soon"], USAGE, "not a date"),
    Case(
        "list since after until",
        ["evidence", "list", "--since", "2026-05-01", "--until", "2026-01-01"],
        USAGE,
        "after --until",
    ),
    Case("list unknown gap", ["evidence", "list", "--gap", "juggling"], USAGE, "unknown gap"),
    # other commands
    Case("export unknown format", ["export", "--format", "docx"], USAGE, "unknown format"),
    Case("export unknown gap", ["export", "--gap", "juggling"], USAGE, "unknown gap"),
    Case(
        "export over the log",
        ["export", "--format", "markdown", "-o", "{home}/evidence.toml"],
        USAGE,
        "inside pm-coach's data folder",
    ),
    Case("plan impossible start", ["plan", "new", "--start", "2026-02-30"], USAGE, "calendar day"),
    Case("plan unknown map", ["plan", "new", "--map", "no-such-map"], NOT_FOUND, "no skill map"),
    Case("report unknown format", ["report", "--format", "pdf"], USAGE, "unknown format"),
    Case("maps show unknown", ["maps", "show", "no-such-map"], NOT_FOUND, "no skill map"),
    Case(
        "assess missing answers file",
        ["assess", "--answers", "{home}/../no-such-answers.toml"],
        NOT_FOUND,
        "does not exist",
    ),
    Case("unknown command", ["fly"], USAGE, "no such command"),
    # damaged data files
    Case("corrupt TOML, log", ["log", "ok"], DATA, r"line \d+.*not valid TOML", corrupt_toml),
    Case("corrupt TOML, list", ["evidence", "list"], DATA, "not valid TOML", corrupt_toml),
    Case("truncated TOML, log", ["log", "ok"], DATA, "not valid TOML", truncated),
    Case("truncated TOML, rm", ["evidence", "rm", "{id0}", "--yes"], DATA, "TOML", truncated),
    Case("truncated TOML, export", ["export"], DATA, "not valid TOML", truncated),
    Case(
        "unknown schema_version",
        ["log", "ok"],
        DATA,
        "newer pm-coach",
        schema("schema_version = 99"),
    ),
    Case("missing schema_version", ["evidence", "list"], DATA, "schema_version", schema("")),
    Case("invalid field value", ["log", "ok"], DATA, "kind", bad_kind),
    Case("duplicate ids", ["evidence", "list"], DATA, "used twice", duplicate_id),
    Case("not UTF-8", ["log", "ok"], DATA, "not valid UTF-8", not_utf8),
    Case(
        "unknown top-level key",
        ["log", "ok"],
        DATA,
        "unknown top-level",
        write_evidence("schema_version = 1\nfoo = 1\n"),
    ),
    Case(
        "folder where the log should be",
        ["log", "ok"],
        STORAGE,
        "is a folder",
        folder_instead_of_log,
    ),
    Case(
        "folder where the log should be, list",
        ["evidence", "list"],
        STORAGE,
        "is a folder",
        folder_instead_of_log,
    ),
    Case("symlinked log", ["log", "ok"], STORAGE, "symbolic link", symlinked_log),
    Case(
        "symlinked log, rm",
        ["evidence", "rm", "{id0}", "--yes"],
        STORAGE,
        "symbolic link",
        symlinked_log,
    ),
    Case("corrupt profile", ["log", "ok"], DATA, "profile.toml", corrupt_profile),
    Case("corrupt assessments", ["plan"], DATA, "assessments.toml", corrupt_assessments),
]


def run_case(case: Case, home: Path) -> None:
    ids = seed(home)
    if case.damage:
        case.damage(home)
    before = snapshot(home)
    outside = snapshot(home.parent)  # e.g. the file a symlink points to, or an -o target
    args = [a.format(home=home, id0=ids[0]) for a in case.args]
    result = CliRunner().invoke(app, args)
    err = result.stderr
    assert result.exit_code == case.code, f"{case.name}: exit {result.exit_code}\n{result.output}"
    assert re.search(case.message, err, re.I | re.S), f"{case.name}: message was {err!r}"
    assert "Traceback" not in result.output and "unexpected internal error" not in err
    assert isinstance(result.exception, SystemExit)
    assert snapshot(home) == before, f"{case.name}: the data folder changed"
    assert snapshot(home.parent) == outside, f"{case.name}: files beside the data folder changed"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_refused_cleanly_and_changes_nothing(case: Case, home: Path) -> None:
    run_case(case, home)


def test_the_table_covers_at_least_thirty_cases_and_every_error_kind() -> None:
    assert len(CASES) >= 30
    assert {c.code for c in CASES} >= {USAGE, DATA, NOT_FOUND, STORAGE, ExitCode.PRECONDITION}


# --- a read-only data folder ------------------------------------------------------------------
# Tests run as root in CI, and root writes through file permissions, so a chmod'ed folder would
# not fail. The read-only file system is simulated instead: every os.open that would write, and
# every mkdir, in the data folder fails with EROFS, as it would on a read-only mount.


@pytest.fixture
def read_only(home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    seed(home)
    real_open, real_mkdir = os.open, os.mkdir
    writing = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC

    def ro_open(path: str | os.PathLike[str], flags: int, *args: object, **kwargs: object) -> int:
        if flags & writing and str(path).startswith(str(home)):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    def ro_mkdir(path: str | os.PathLike[str], *args: object, **kwargs: object) -> None:
        if str(path).startswith(str(home)):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        real_mkdir(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", ro_open)
    monkeypatch.setattr(os, "mkdir", ro_mkdir)
    return home


@pytest.mark.parametrize(
    "args",
    [
        ["log", "Ran the pricing review", "--gap", "strategy"],
        ["evidence", "rm", "{id0}", "--yes"],
        ["profile", "set", "--name", "Grace"],
    ],
    ids=["log", "rm", "profile set"],
)
def test_read_only_data_folder_gives_a_storage_error(read_only: Path, args: list[str]) -> None:
    home = read_only
    ids = [e.id for e in EvidenceStore(home).load()]
    before = snapshot(home)
    result = CliRunner().invoke(app, [a.format(id0=ids[0]) for a in args])
    assert result.exit_code == STORAGE, result.output
    assert re.search("cannot write .*permission denied|read-only", result.stderr, re.I)
    assert "Traceback" not in result.output
    assert snapshot(home) == before
    # Reading still works on a read-only folder.
    listing = CliRunner().invoke(app, ["evidence", "list", "--json"])
    assert listing.exit_code == 0, listing.output


def test_data_folder_path_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "data-file"
    blocker.write_text("mine", "utf-8")
    result = CliRunner().invoke(app, ["--data-dir", str(blocker), "log", "ok"])
    assert result.exit_code == STORAGE
    assert "not a folder" in result.stderr
    assert blocker.read_text("utf-8") == "mine"
