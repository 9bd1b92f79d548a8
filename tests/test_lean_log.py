"""``log`` on the lean path writes and prints exactly what the full command line does.

Two data folders are built the same way (same entries, same profile, same plan, the same id
and clock for the new entry); the full CLI logs into one, the lean path into the other, and the
exit code, stdout, stderr and the bytes of ``evidence.toml`` must be the same. Whatever the
lean path cannot be sure of (input the model might refuse, options it does not take, files that
changed behind pm-coach's back, an entry that may finish a plan action) it hands over before it
writes or prints anything.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from pm_coach.__main__ import _lean, parse
from pm_coach.cli import app
from pm_coach.core.evidence import build_entry
from pm_coach.core.evidence_input import EvidenceInput, plain_record
from pm_coach.errors import InputError
from pm_coach.models import Evidence, Profile
from pm_coach.store import log_view
from pm_coach.store.evidence import EvidenceStore
from pm_coach.store.view_cache import load_views
from pm_coach.tools.gen_log import write_home
from tests.conftest import subprocess_env
from tests.test_lean_path import PROBE

CLOCK = dt.datetime(2026, 3, 2, 8, 30, tzinfo=dt.UTC)
ENTRIES = [
    Evidence(
        id=f"s{i:03d}",
        date=dt.date(2026, 1, 1) + dt.timedelta(days=i),
        text=text,
        result=result,
        gaps=gaps,
        created=dt.datetime(2026, 1, 1, 9, tzinfo=dt.UTC) + dt.timedelta(days=i),
    )
    for i, (text, result, gaps) in enumerate(
        [
            ("Ran the pricing review with finance", "Dropped two bets", ["strategy"]),
            ("Coached a junior PM through her first launch", "", ["delegation"]),
            ("Spoke at ProductTank about discovery", "", []),
        ]
    )
]


@pytest.fixture(autouse=True)
def fixed_id_and_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both paths draw the new entry's id and creation time the same way; here they are fixed
    so that the two folders can be compared byte for byte."""
    monkeypatch.setattr("pm_coach.store.ids.new_id", lambda taken, length=6: "new7k2")
    monkeypatch.setattr("pm_coach.store.log_file.now_utc", lambda: CLOCK)


def build(folder: Path, *, plan: bool = True, log_first: bool = True) -> Path:
    """A log of three entries, a profile on the leadership map, an assessment, a saved plan;
    then one full ``log`` (which keeps the view the lean path reads), undone by a rewrite."""
    profile = Profile(name="Alex", target_role="Head of Product")
    write_home(folder, ENTRIES, profile=profile, assessed=dt.date(2026, 1, 10))
    if plan:
        assert full(folder, ["plan"])[0] == 0
    if log_first:
        assert full(folder, ["log", "Warm-up entry", "--gap", "strategy"])[0] == 0
        EvidenceStore(folder).rewrite(lambda entries: entries[:-1])
    return folder


def full(folder: Path, argv: list[str]) -> tuple[int, str, str]:
    r = CliRunner().invoke(app, ["--data-dir", str(folder), *argv])
    return r.exit_code, r.stdout, r.stderr


def lean(
    folder: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> tuple[bool, str, str]:
    capsys.readouterr()
    ran = _lean(["--data-dir", str(folder), *argv])
    out, err = capsys.readouterr()
    return ran, out, err


def log_bytes(folder: Path) -> bytes:
    return (folder / "evidence.toml").read_bytes()


def cold_read(folder: Path, tmp: Path) -> list[dict[str, object]]:
    """The entries of ``folder``'s log as a first read of a copy validates them."""
    tmp.mkdir(mode=0o700)
    shutil.copyfile(folder / "evidence.toml", tmp / "evidence.toml")
    os.chmod(tmp / "evidence.toml", 0o600)
    return [e.to_json() for e in EvidenceStore(tmp).load()]


LEAN_ARGVS = [
    ["log", "Ran the pricing review with finance", "--gap", "strategy"],
    ["log", "Ran the pricing review with finance", "--gap", "strategy", "--result",
     "Dropped two bets", "--metric", "+12% activation", "--tag", "q3", "--date", "yesterday"],
    ["log", "  Spoke at the ProductTank meetup about discovery  ", "--kind", " Talk",
     "--org", "ProductTank", "-g", "domain"],
    ["log", "Presented the roadmap to the board", "-g", "strategy,Buy In", "-g", "strategy"],
    ["log", "Coached a junior PM through her first launch and wrote up what we learned for "
     "the whole team wiki so the next one goes faster", "--gap=delegation", "--scope", "TEAM",
     "-t", "#mentoring", "-t", "mentoring", "-m", " 3 launches ", "-m", "3 launches",
     "--goal", "Head of Product"],
    ["log", "Delegated the pricing page to Sam and stopped reviewing every change"],
    ["log", "Had lunch"],
    ["log", "Ran the pricing review", "--no-suggest"],
    ["log", "Wrote the Q3 strategy memo", "-g", "strategy", "--date", "3 days ago",
     "-r", "Finance funded phase two"],
    ["log", "Réunion avec l’équipe — tarification 🚀", "-g", "strategy", "-d", "last mon"],
    ["log", "--gap", "strategy", "Text after the option", "--result="],
    ["log", "Ran it", "--gap", ""],
    ["log", "Hosted a webinar for 300 customers", "-k", "talk", "--scope", "external"],
    ["log", "Ran it", "-g", "strategy", "-t", "#", "-t", " "],
]  # fmt: skip


@pytest.mark.parametrize("argv", LEAN_ARGVS, ids=lambda a: " ".join(a)[:40])
def test_lean_log_writes_and_prints_what_the_full_cli_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    a, b = build(tmp_path / "a"), build(tmp_path / "b")
    assert log_bytes(a) == log_bytes(b)
    want = full(a, argv)
    assert want[0] == 0, want
    assert lean(b, argv, capsys) == (True, want[1], want[2])
    assert log_bytes(a) == log_bytes(b)
    assert b"new7k2" in log_bytes(b)
    # the view cache now vouches for the new bytes, with the entry as a cold read gives it
    views = load_views(b)
    assert views is not None
    assert [v.to_json() for v in views] == cold_read(b, tmp_path / "c")
    assert oct((b / "evidence.toml").stat().st_mode & 0o777) == "0o600"
    # and the next read is the same on both sides
    assert full(b, ["evidence", "list", "--json"]) == full(a, ["evidence", "list", "--json"])


def test_lean_log_prints_the_suggestion_the_scope_and_the_logged_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = build(tmp_path / "h")
    ran, out, err = lean(home, ["log", "Presented the roadmap to the board", "-g", "strategy"],
                         capsys)  # fmt: skip
    assert ran and err == ""
    assert out == (
        "Logged new7k2 · 2026-11-23 · Presented the roadmap to the board [strategy]\n"
        '  Scope company (from "board"), one of self, team, teams, company, external. '
        "To change it: pm-coach evidence edit new7k2 --scope teams\n"
    ).replace("2026-11-23", dt.date.today().isoformat())


FALLBACK_ARGVS = [
    ["log", "Ran it", "--gap", "nosuch"],
    ["log", "Ran it", "--kind", "poem"],
    ["log", "Ran it", "--scope", "galaxy"],
    ["log", "Ran it", "--date", "tomorrow"],
    ["log", "Ran it", "--date", "someday"],
    ["log", "   "],
    ["log", "Line one\nline two", "-g", "strategy"],
    ["log", "Ran it\t", "-g", "strategy"],
    ["log", "a" * 1001, "-g", "strategy"],
    ["log", "Ran it", "-g", "strategy", "-m", "m" * 201],
    ["log", "Ran it", "--action", "strategy-option-scoring"],
    ["log", "Ran it", "--map", "leadership"],
    ["log"],
    ["log", "one", "two"],
    ["log", "--", "Ran it"],
    ["log", "Ran it", "--result", "-5% churn"],
    ["log", "Ran it", "-r", "a", "-r", "b"],
    ["log", "Ran it", "-gstrategy"],
    ["log", "Ran it", "--help"],
    ["log", "Ran it", "--gap"],
    ["--debug", "log", "Ran it", "-g", "strategy"],
]


@pytest.mark.parametrize("argv", FALLBACK_ARGVS, ids=lambda a: " ".join(a)[:40])
def test_what_the_lean_log_leaves_to_the_full_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    home = build(tmp_path / "h")
    before = log_bytes(home)
    assert lean(home, argv, capsys) == (False, "", "")
    assert log_bytes(home) == before


def test_a_hand_edited_profile_or_plan_hands_over_until_a_full_log_keeps_the_view(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = build(tmp_path / "h")
    argv = ["log", "Ran the pricing review", "-g", "strategy"]
    profile = home / "profile.toml"
    profile.write_text(profile.read_text("utf-8") + "# my note\n", "utf-8")
    assert lean(home, argv, capsys) == (False, "", "")
    assert full(home, argv)[0] == 0  # validates the edited profile and keeps the view again
    EvidenceStore(home).rewrite(lambda entries: entries[:-1])
    assert lean(home, argv, capsys)[0]
    EvidenceStore(home).rewrite(lambda entries: entries[:-1])
    plans = home / "plans.toml"
    plans.write_text(plans.read_text("utf-8") + "# moved things\n", "utf-8")
    assert lean(home, argv, capsys) == (False, "", "")
    (home / ".log.cache").unlink()
    assert full(home, argv)[0] == 0
    EvidenceStore(home).rewrite(lambda entries: entries[:-1])
    assert lean(home, argv, capsys)[0]


def test_an_invalid_profile_is_never_vouched_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = build(tmp_path / "h")
    (home / "profile.toml").write_text("schema_version = 1\nmap = 3\n", "utf-8")
    argv = ["log", "Ran the pricing review", "-g", "strategy"]
    assert lean(home, argv, capsys) == (False, "", "")
    code, _, err = full(home, argv)
    assert code == 3 and "profile.toml" in err
    log_view.keep(home)
    assert lean(home, argv, capsys) == (False, "", "")


def test_a_hand_edited_log_hands_over_and_the_full_cli_validates_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = build(tmp_path / "h")
    path = home / "evidence.toml"
    path.write_text(path.read_text("utf-8").replace("Dropped two bets", "Dropped 2 bets"), "utf-8")
    before = log_bytes(home)
    argv = ["log", "Ran the pricing review", "-g", "strategy"]
    assert lean(home, argv, capsys) == (False, "", "")
    assert log_bytes(home) == before
    assert full(home, argv)[0] == 0
    assert b"Dropped 2 bets" in log_bytes(home)  # the hand edit is kept, comments and all


def test_a_map_of_the_users_own_is_left_to_the_full_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pm_coach.store.map_files import builtin_dir

    home = build(tmp_path / "h")
    own = home / "skill_maps"
    own.mkdir(mode=0o700)
    shutil.copyfile(builtin_dir() / "leadership.toml", own / "leadership.toml")
    os.chmod(own / "leadership.toml", 0o600)
    argv = ["log", "Ran the pricing review", "-g", "strategy"]
    assert lean(home, argv, capsys) == (False, "", "")
    assert full(home, argv)[0] == 0
    assert lean(home, argv, capsys) == (False, "", "")  # no view is kept for it


def test_an_entry_that_may_finish_a_plan_action_is_left_to_the_full_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pm_coach.store.plans import active_plan

    home = build(tmp_path / "h")
    plan = active_plan(home)
    assert plan is not None
    action = plan.actions[0]
    argv = ["log", f"Done: {action.title}", "-g", action.gap]
    before = log_bytes(home)
    assert lean(home, argv, capsys) == (False, "", "")
    assert log_bytes(home) == before
    code, out, _ = full(home, argv)
    assert code == 0
    assert f"Looks like {action.id} is done" in out


def test_a_killed_append_is_recovered_the_same_way(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.test_guarantees import _killed_append

    a, b = build(tmp_path / "a"), build(tmp_path / "b")
    for folder in (a, b):
        _killed_append(EvidenceStore(folder))
    assert log_bytes(a) == log_bytes(b)
    argv = ["log", "Ran the pricing review", "-g", "strategy"]
    want = full(a, argv)
    assert want[0] == 0
    assert lean(b, argv, capsys) == (True, want[1], want[2])
    assert log_bytes(a) == log_bytes(b)
    assert b"Half-written" not in log_bytes(b)
    assert [v.to_json() for v in load_views(b) or []] == cold_read(b, tmp_path / "c")


def test_without_a_log_or_a_view_the_full_cli_logs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["log", "Ran the pricing review", "-g", "strategy"]
    empty = tmp_path / "empty"
    assert lean(empty, argv, capsys) == (False, "", "")
    assert not (empty / "evidence.toml").exists()
    home = build(tmp_path / "h", log_first=False)
    assert lean(home, argv, capsys) == (False, "", "")  # no view yet
    assert full(home, argv)[0] == 0  # keeps it
    EvidenceStore(home).rewrite(lambda entries: entries[:-1])
    assert lean(home, argv, capsys)[0]
    nothing_planned = build(tmp_path / "p", plan=False)
    assert lean(nothing_planned, argv, capsys)[0]


def test_log_options_are_read_as_the_full_cli_reads_them() -> None:
    argv = ["--data-dir", "d", "log", "-g", "a", "T", "--gap=b", "-m", "1", "--no-suggest"]
    assert parse(argv) == (
        "log",
        "d",
        {"gaps": ["a", "b"], "text": "T", "metrics": ["1"], "no_suggest": True},
    )
    assert parse(["log", "T", "--scope", "team", "--scope", "self"]) is None
    assert parse(["log", "-g", "strategy"]) is None


def test_the_lean_log_imports_no_typer_pydantic_or_rich(tmp_path: Path) -> None:
    home = build(tmp_path / "h")
    out = tmp_path / "modules.json"
    argv = ["--data-dir", str(home), "log", "Delegated the pricing page to Sam", "-r", "It shipped"]
    p = subprocess.run(
        [sys.executable, "-c", PROBE, str(out), *argv],
        env=subprocess_env(home),
        capture_output=True,
        text=True,
        check=False,
    )
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("Logged ")
    tops = {m.split(".")[0] for m in json.loads(out.read_text("utf-8"))}
    for name in ("typer", "click", "pydantic", "pydantic_core", "rich", "tomllib"):
        assert name not in tops, name


# --- the record made without the model is the model's ------------------------------------------
GAP_IDS = ("strategy", "buy-in", "delegation")
WORDS = st.sampled_from(
    ["", " ", "Ran the review", "  padded  ", "tab\there", "\u00a0nbsp\u00a0", "line\nbreak",
     "\u2028", "\x1f", "\x85", "é", "🚀 launch", "#q3", "##", "a" * 200, "b" * 201, "c" * 1000,
     "d" * 1001, " " + "e" * 1000, "\u3000wide\u3000", "\u200bzero"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    text=WORDS | st.text(max_size=30),
    result=WORDS,
    goal=WORDS,
    org=WORDS | st.text(max_size=10),
    metrics=st.lists(WORDS | st.text(max_size=8), max_size=3),
    tags=st.lists(WORDS | st.text(max_size=8), max_size=3),
    gaps=st.lists(
        st.sampled_from(["strategy", "Buy In", "buy_in", "strategy,delegation", "nosuch", "", ","]),
        max_size=3,
    ),
    kind=st.sampled_from(["work", " Talk ", "volunteer", "poem", ""]),
    scope=st.sampled_from(["", "team", " COMPANY ", "galaxy"]),
    date=st.sampled_from(
        [
            "today",
            "yesterday",
            "3 days ago",
            "tomorrow",
            "2020-02-30",
            "last fri",
            "1969-12-31",
            "2026-02-28",
        ]
    ),  # fmt: skip
    action=st.sampled_from(["", "", "strategy-option-scoring"]),
)
def test_the_plain_record_is_what_validation_makes_or_nothing(
    text: str,
    result: str,
    goal: str,
    org: str,
    metrics: list[str],
    tags: list[str],
    gaps: list[str],
    kind: str,
    scope: str,
    date: str,
    action: str,
) -> None:
    from pm_coach.store.maps import MapCatalog

    skill_map = MapCatalog(Path("unused")).load("leadership")
    assert set(GAP_IDS) <= set(skill_map.gap_ids)
    today = dt.date(2026, 3, 4)
    raw = EvidenceInput(
        text=text, gaps=gaps, result=result, metrics=metrics, tags=tags, goal=goal, date=date,
        kind=kind, org=org, action=action, scope=scope,
    )  # fmt: skip
    plain = plain_record(
        raw, entry_id="abc", map_id="leadership", gap_ids=skill_map.gap_ids, today=today,
        created=CLOCK,
    )  # fmt: skip
    try:
        made = build_entry(raw, entry_id="abc", skill_map=skill_map, today=today, created=CLOCK)
    except InputError:
        assert plain is None
        return
    if plain is not None:
        assert plain == made.to_record()


def test_a_plain_entry_gets_a_plain_record() -> None:
    raw = EvidenceInput(text=" Ran the review ", gaps=["Strategy"], tags=["#q3"], kind="Talk",
                        metrics=["+9%", " +9% "], scope="Team")  # fmt: skip
    plain = plain_record(
        raw, entry_id="abc", map_id="leadership", gap_ids=GAP_IDS, today=dt.date(2026, 3, 4),
        created=CLOCK,
    )  # fmt: skip
    assert plain == {
        "id": "abc",
        "date": dt.date(2026, 3, 4),
        "text": "Ran the review",
        "metrics": ["+9%"],
        "gaps": ["strategy"],
        "tags": ["q3"],
        "kind": "talk",
        "scope": "team",
        "created": CLOCK,
    }


def test_the_plain_limits_are_the_models() -> None:
    from typing import get_args

    from pm_coach.models.common import Scope
    from pm_coach.models.evidence import EvidenceKind
    from pm_coach.models.evidence_view import FIELDS
    from pm_coach.models.limits import EVIDENCE_KINDS, SCOPES

    assert SCOPES == get_args(Scope) == ("self", "team", "teams", "company", "external")
    assert EVIDENCE_KINDS == get_args(EvidenceKind) == ("work", "volunteer", "talk", "publication")
    assert tuple(Evidence.model_fields) == FIELDS
