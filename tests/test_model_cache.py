"""``plan --json`` and ``report --json`` on the lean path keep the map, profile, plans,
assessments and feedback validated between runs; nothing a user does can tell, except speed.

Each test compares the lean path (which reads and writes the kept models) with the full command
line (which never does) after hand edits, damaged or foreign cache files and invalid data.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import shutil
from pathlib import Path

import pytest

from pm_coach.models import Evidence
from pm_coach.store import model_cache, view_cache
from tests.test_lean_path import full, lean, seed_plan

ENTRY = Evidence(
    id="abc",
    date=dt.date(2025, 5, 1),
    text="Ran the pricing review",
    result="Finance funded phase two",
    gaps=["strategy"],
    created=dt.datetime(2025, 5, 1, tzinfo=dt.UTC),
)
ARGVS = (["plan", "--json"], ["report", "--json"])


@pytest.fixture
def planned(home: Path) -> Path:
    seed_plan(home, [ENTRY])
    assert full(["plan"])[0] == 0
    return home


def same(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in ARGVS:
        want = full(argv)
        assert want[0] == 0, want
        assert lean(argv, capsys) == (True, want[1], want[2]), argv


def kept(home: Path) -> list[str]:
    return sorted(p.name for p in home.iterdir() if p.name.endswith(".model"))


def test_the_lean_plan_and_report_keep_the_models_and_print_the_same(
    planned: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert kept(planned) == []
    same(capsys)
    assert kept(planned) == [".assessments.model", ".map.model", ".plans.model", ".profile.model"]
    for name in kept(planned):
        assert oct((planned / name).stat().st_mode & 0o777) == "0o600"
    same(capsys)  # now from the kept models


def test_the_full_cli_neither_reads_nor_writes_them(planned: Path) -> None:
    for argv in ARGVS:
        assert full(argv)[0] == 0
    full(["log", "Wrote the pricing memo", "-g", "strategy"])
    assert kept(planned) == []


def test_hand_edits_are_seen(planned: Path, capsys: pytest.CaptureFixture[str]) -> None:
    same(capsys)
    profile = planned / "profile.toml"
    profile.write_text(profile.read_text("utf-8").replace("Alex", "Sam"), "utf-8")
    assessments = planned / "assessments.toml"
    text = assessments.read_text("utf-8")
    assessments.write_text(text.replace("2026-06-01", "2026-06-02", 1), "utf-8")
    plans = planned / "plans.toml"
    plans.write_text(plans.read_text("utf-8") + "# looked at it\n", "utf-8")
    same(capsys)
    _, out, _ = lean(["report", "--json"], capsys)
    assert '"assessed_on": "2026-06-02"' in out


def test_a_map_of_the_users_own_edited_by_hand_is_seen(
    planned: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pm_coach.store.map_files import builtin_dir

    own = planned / "skill_maps"
    own.mkdir(mode=0o700)
    mine = own / "leadership.toml"
    shutil.copyfile(builtin_dir() / "leadership.toml", mine)
    os.chmod(mine, 0o600)
    same(capsys)
    text = mine.read_text("utf-8")
    assert 'name = "Strategy' in text
    mine.write_text(text.replace('name = "Strategy', 'name = "Strategic sense', 1), "utf-8")
    same(capsys)
    assert "Strategic sense" in lean(["report", "--json"], capsys)[1]


def test_damaged_or_foreign_cache_files_are_not_trusted(
    planned: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    same(capsys)
    (planned / ".plans.model").write_bytes(b"\x00garbage")
    same(capsys)
    # a pickle that would run a command, stored under the right key: refused, not run
    raw = (planned / "plans.toml").read_bytes()
    evil = pickle.dumps(os.system)
    view_cache.remember(planned, ".plans.model", model_cache._models_key() + raw, evil)
    same(capsys)
    assert kept(planned)


def test_an_invalid_file_is_reported_by_the_full_cli_and_never_kept(
    planned: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    same(capsys)
    assessments = planned / "assessments.toml"
    assessments.write_text(assessments.read_text("utf-8").replace("2026-06-01", "2026-13-01"))
    for argv in ARGVS:
        assert lean(argv, capsys) == (False, "", "")
        code, _, err = full(argv)
        assert code == 3 and "assessments.toml" in err
    assert lean(["report", "--json"], capsys) == (False, "", "")


def test_no_data_folder_is_made_for_them(tmp_path: Path) -> None:
    from pm_coach.store.maps import MapCatalog

    model_cache.use(True)
    try:
        nowhere = tmp_path / "not-made"
        assert MapCatalog(nowhere).load("leadership").id == "leadership"
        assert not nowhere.exists()
    finally:
        model_cache.use(False)
