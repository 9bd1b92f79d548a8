"""Programme mode: share a member file, then list, report on and match a cohort folder."""

from __future__ import annotations

import datetime as dt
import json
import random
import stat
from pathlib import Path

import pytest

from pm_coach.cli import share as share_cli
from pm_coach.core.matching import match
from pm_coach.models.cohort import Member
from pm_coach.render.reasons import pair_why
from pm_coach.store.cohort import member_text

GAPS = ["strategy", "buy-in", "confidence", "domain", "delegation"]
NAMES = {g: g.title() for g in GAPS}


def member(
    name: str,
    levels: list[int],
    *,
    strengths: tuple[str, ...] = (),
    mentor: int = 0,
    manager: str = "",
    shared_on: dt.date = dt.date(2026, 11, 20),
    targets: list[int] | None = None,
) -> Member:
    return Member(
        name=name,
        map="leadership",
        shared_on=shared_on,
        assessed_on=dt.date(2026, 11, 1),
        levels=dict(zip(GAPS, levels, strict=True)),
        targets=dict(zip(GAPS, targets or [4] * 5, strict=True)),
        strengths=list(strengths),
        mentor=mentor,
        manager=manager,
    )


def write(folder: Path, *members: Member) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for m in members:
        (folder / f"{m.name.split()[0].lower()}.toml").write_text(member_text(m))


def solve(members: list[Member]):
    return match(members, gap_ids=GAPS, gap_names=NAMES, default_target=4)


# --- share --------------------------------------------------------------------------------------


def ready_to_share(run, tmp_path: Path) -> None:
    answers = tmp_path / "answers.toml"
    answers.write_text(
        "[levels]\nstrategy = 2\nbuy-in = 3\nconfidence = 2\ndomain = 4\ndelegation = 1\n"
        "[targets]\nstrategy = 4\ndomain = 4\n"
    )
    assert run("profile", "set", "--name", "Sam Lee").exit_code == 0
    assert run("assess", "--answers", str(answers)).exit_code == 0
    run("log", "Ran the claims brown-bag for 40 people", "--gap", "domain",
        "--result", "Two teams changed their roadmap", "--scope", "teams")  # fmt: skip
    run("log", "Private note about my salary talk", "--gap", "confidence")


def test_share_shows_the_file_and_writes_only_with_consent(run, tmp_path: Path) -> None:
    ready_to_share(run, tmp_path)
    out = tmp_path / "sam.toml"
    r = run("share", "-o", str(out))
    assert r.exit_code == 6 and "--yes" in r.stderr
    assert 'name = "Sam Lee"' in r.stdout  # the preview came first
    assert not out.exists()

    r = run("share", "-o", str(out), "--yes")
    assert r.exit_code == 0, r.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    text = out.read_text()
    assert text == r.stdout.rstrip("\n") + "\n"  # what was shown is what was written
    assert 'name = "Sam Lee"\nmap = "leadership"\n' in text
    assert 'strengths = ["domain"]' in text
    assert "[levels]\nstrategy = 2\nbuy-in = 3\n" in text
    # nothing beyond what was agreed: no evidence, no mentoring offer, no manager
    assert "brown-bag" not in text and "salary" not in text and "[[evidence]]" not in text
    assert "mentor =" not in text and "manager =" not in text
    assert "Two teams" not in text

    r = run("share", "-o", str(out), "--yes")
    assert r.exit_code == 2 and "already exists" in r.stderr
    r = run("share", "-o", str(out), "--yes", "--force", "--mentor", "2",
            "--manager", "Alex Kim", "--with-evidence")  # fmt: skip
    assert r.exit_code == 0, r.output
    text = out.read_text()
    assert 'mentor = 2\nmanager = "Alex Kim"\n' in text
    assert 'text = "Ran the claims brown-bag for 40 people — Two teams changed their roadmap"' in (
        text
    )
    assert "Private note about my salary talk" in text  # --with-evidence shares the year's lines


def test_share_asks_on_a_terminal(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pm_coach import prompts

    ready_to_share(run, tmp_path)
    out = tmp_path / "sam.toml"
    monkeypatch.setattr(share_cli, "interactive", lambda: True)
    asked: list[str] = []
    monkeypatch.setattr(prompts, "confirm", lambda msg, **_: asked.append(msg) or False)
    r = run("share", "-o", str(out))
    assert r.exit_code == 0 and "Nothing written." in r.stderr and not out.exists()
    assert asked == [f"Write this to {out}?"]
    monkeypatch.setattr(prompts, "confirm", lambda msg, **_: True)
    assert run("share", "-o", str(out)).exit_code == 0 and out.exists()


def test_share_needs_a_name_an_assessment_and_a_sane_capacity(run, tmp_path: Path) -> None:
    out = tmp_path / "x.toml"
    r = run("share", "-o", str(out), "--yes")
    assert r.exit_code == 6 and "no name" in r.stderr
    run("profile", "set", "--name", "Sam")
    r = run("share", "-o", str(out), "--yes")
    assert r.exit_code == 6 and "no self-assessment" in r.stderr
    r = run("share", "-o", str(out), "--yes", "--mentor", "11")
    assert r.exit_code == 2 and "--mentor 11" in r.stderr
    assert not out.exists()


# --- matching rules -----------------------------------------------------------------------------


def test_a_mentor_strong_in_the_weakest_gap_is_chosen() -> None:
    jo = member("Jo", [1, 3, 3, 3, 3])  # strategy is 3 below target
    mentors = [
        member("Ann", [4, 4, 4, 4, 4], strengths=("buy-in", "domain"), mentor=1),
        member("Ben", [5, 4, 4, 4, 4], strengths=("strategy",), mentor=1),
    ]
    result = solve([jo, *mentors])
    assert [(p.mentee, p.mentor) for p in result.pairs] == [("Jo", "Ben")]
    why = pair_why(result.pairs[0])
    assert why == "Ben is strong in Strategy, where Jo is 3 levels below target"
    assert result.unmatched == []


def test_the_weakest_gap_outweighs_several_small_ones() -> None:
    # Jo is 3 below target in strategy and 1 below in each of the other four gaps
    jo = member("Jo", [1, 3, 3, 3, 3])
    broad = member("Ann", [4, 4, 4, 4, 4], strengths=("buy-in", "confidence", "domain",
                                                      "delegation"), mentor=1)  # fmt: skip
    deep = member("Ben", [5, 4, 4, 4, 4], strengths=("strategy",), mentor=1)
    assert [p.mentor for p in solve([jo, broad, deep]).pairs] == ["Ben"]


def test_nobody_is_matched_with_their_own_manager() -> None:
    jo = member("Jo Park", [1, 4, 4, 4, 4], manager="ben  lee")
    ben = member("Ben Lee", [5, 4, 4, 4, 4], strengths=("strategy",), mentor=3)
    ann = member("Ann", [4, 4, 4, 4, 4], strengths=("domain",), mentor=1)
    result = solve([jo, ben, ann])
    assert [(p.mentee, p.mentor) for p in result.pairs] == [("Jo Park", "Ann")]
    # with only their manager free, the mentee stays unmatched rather than paired with them
    alone = solve([jo, ben])
    assert alone.pairs == [] and alone.unmatched == ["Jo Park"]


def test_capacity_is_respected_and_the_rest_are_named() -> None:
    mentees = [member(f"M{i}", [1, 3, 3, 3, 3]) for i in range(5)]
    ben = member("Ben", [5, 4, 4, 4, 4], strengths=("strategy",), mentor=2)
    result = solve([*mentees, ben])
    assert len(result.pairs) == 2 and all(p.mentor == "Ben" for p in result.pairs)
    assert len(result.unmatched) == 3
    assert sorted([p.mentee for p in result.pairs] + result.unmatched) == [
        "M0", "M1", "M2", "M3", "M4",
    ]  # fmt: skip


def test_mentees_are_spread_before_a_mentor_takes_a_second() -> None:
    a = member("A", [1, 3, 3, 3, 3])
    b = member("B", [1, 3, 3, 3, 3])
    x = member("X", [5, 4, 4, 4, 4], strengths=("strategy",), mentor=2)
    y = member("Y", [5, 4, 4, 4, 4], strengths=("strategy",), mentor=2)
    result = solve([a, b, x, y])
    assert sorted(p.mentor for p in result.pairs) == ["X", "Y"]


def generated(n_mentees: int, n_mentors: int, seed: int) -> list[Member]:
    rng = random.Random(seed)
    names = [f"P{i:04d}" for i in range(n_mentees + n_mentors)]
    people = []
    for i, name in enumerate(names):
        is_mentor = i >= n_mentees
        levels = [rng.randint(3, 5) if is_mentor else rng.randint(1, 4) for _ in GAPS]
        people.append(
            member(
                name,
                levels,
                strengths=tuple(g for g, lv in zip(GAPS, levels, strict=True) if lv >= 4)
                if is_mentor
                else (),
                mentor=rng.randint(1, 3) if is_mentor else 0,
                manager=rng.choice(names[n_mentees:]) if rng.random() < 0.5 else "",
            )
        )
    return people


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_cohorts_keep_every_rule(seed: int) -> None:
    people = generated(60, 15, seed)
    result = solve(people)
    by_name = {m.name: m for m in people}
    per_mentor: dict[str, int] = {}
    for p in result.pairs:
        mentee, mentor = by_name[p.mentee], by_name[p.mentor]
        assert mentee.mentor == 0 and mentor.mentor > 0
        assert mentee.manager != mentor.name, p
        per_mentor[p.mentor] = per_mentor.get(p.mentor, 0) + 1
        assert pair_why(p) and "\n" not in pair_why(p)
    assert all(per_mentor[name] <= by_name[name].mentor for name in per_mentor)
    places = sum(m.mentor for m in people)
    assert len(result.pairs) == min(places, 60) or result.unmatched
    matched = [p.mentee for p in result.pairs]
    assert len(set(matched)) == len(matched)
    assert sorted(matched + result.unmatched) == sorted(m.name for m in people if m.mentor == 0)
    # the same people in another order give the same pairs
    shuffled = people[:]
    random.Random(seed + 100).shuffle(shuffled)
    assert solve(shuffled) == result


# --- cohort commands ----------------------------------------------------------------------------


def small_cohort(folder: Path, today: dt.date) -> None:
    write(
        folder,
        member("Alex Kim", [4, 4, 4, 4, 4], strengths=("strategy", "delegation"), mentor=1),
        member("Bo Chen", [4, 4, 4, 5, 3], strengths=("domain", "buy-in"), mentor=2),
        member("Jo Park", [1, 3, 3, 3, 3], manager="Alex Kim", shared_on=today),
        member("Ria <b>Das</b> & co", [3, 2, 3, 1, 3], shared_on=today - dt.timedelta(days=40)),
        member("Tom Ng", [1, 3, 3, 3, 1], shared_on=today),
    )


def test_cohort_list(run, tmp_path: Path) -> None:
    folder = tmp_path / "cohort"
    small_cohort(folder, dt.date.today())
    r = run("cohort", "list", "--dir", str(folder), "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert [m["name"] for m in data] == ["Alex Kim", "Bo Chen", "Jo Park", "Ria <b>Das</b> & co",
                                         "Tom Ng"]  # fmt: skip
    assert data[1]["mentor"] == 2 and data[1]["strengths"] == ["domain", "buy-in"]
    r = run("cohort", "list", "--dir", str(folder))
    assert r.exit_code == 0 and "Bo Chen" in r.stdout and "Cohort (5 members)" in r.stdout


def test_cohort_report_in_every_format(run, tmp_path: Path) -> None:
    folder = tmp_path / "cohort"
    today = dt.date.today()
    small_cohort(folder, today)
    r = run("cohort", "report", "--dir", str(folder), "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert (data["members"], data["mentors"], data["mentor_places"], data["mentees"]) == (
        5, 2, 3, 3,
    )  # fmt: skip
    strategy = data["gaps"][0]
    assert strategy["gap"] == "strategy" and strategy["name"] == "Strategy"
    assert strategy["median_level"] == 3 and strategy["below"] == 3 and strategy["strong"] == 1
    assert data["weakest"] == ["strategy", "delegation", "domain"]
    assert [q["name"] for q in data["quiet"]] == ["Ria <b>Das</b> & co"]
    assert data["quiet"][0]["days"] == 40

    r = run("cohort", "report", "--dir", str(folder))
    assert r.exit_code == 0
    assert "Gone quiet" in r.stdout and "Ria <b>Das</b> & co (40 days)" in r.stdout

    md = tmp_path / "cohort.md"
    r = run("cohort", "report", "--dir", str(folder), "-o", str(md))
    assert r.exit_code == 0, r.output
    text = md.read_text()
    assert "| Strategy | 5 | 3 | 4 | 3 | 1 |" in text
    assert "- Ria \\<b\\>Das\\</b\\> & co: last shared" in text

    html = tmp_path / "cohort.html"
    r = run("cohort", "report", "--dir", str(folder), "--format", "html", "-o", str(html))
    assert r.exit_code == 0, r.output
    page = html.read_text()
    assert "<li>Ria &lt;b&gt;Das&lt;/b&gt; &amp; co: last shared" in page
    assert "<b>Das</b>" not in page
    assert stat.S_IMODE(html.stat().st_mode) == 0o600

    r = run("cohort", "report", "--dir", str(folder), "--format", "pdf")
    assert r.exit_code == 2 and "unknown format 'pdf'" in r.stderr
    # a file name that says another format than the one asked for is refused
    r = run("cohort", "report", "--dir", str(folder), "--format", "html", "-o",
            str(tmp_path / "x.md"))  # fmt: skip
    assert r.exit_code == 2 and not (tmp_path / "x.md").exists()


def test_cohort_match_json_and_file(run, tmp_path: Path) -> None:
    folder = tmp_path / "cohort"
    small_cohort(folder, dt.date.today())
    r = run("cohort", "match", "--dir", str(folder), "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert set(data) == {"pairs", "unmatched"}
    assert [(p["mentee"], p["mentor"]) for p in data["pairs"]] == [
        ("Jo Park", "Bo Chen"),
        ("Ria <b>Das</b> & co", "Bo Chen"),
        ("Tom Ng", "Alex Kim"),
    ]
    assert all(set(p) == {"mentee", "mentor", "reason"} for p in data["pairs"])
    assert data["pairs"][2]["reason"] == (
        "Alex Kim is strong in Strategy, where Tom Ng is 3 levels below target; also Delegation"
    )
    assert data["unmatched"] == []
    out = tmp_path / "pairs.json"
    r = run("cohort", "match", "--dir", str(folder), "-o", str(out))  # .json: JSON
    assert r.exit_code == 0 and json.loads(out.read_text()) == data
    assert f"Wrote 3 pairs to {out}" in r.stderr
    r = run("cohort", "match", "--dir", str(folder))
    assert "Tom Ng → Alex Kim: Alex Kim is strong in Strategy" in r.stdout


BROKEN = """schema_version = 1
name = "Broke"
map = "leadership"
shared_on = 2026-11-20
assessed_on = 2026-11-01
focus = ["teleport"]
mentor = 99
salary = 5

[levels]
strategy = 7
"""


def test_bad_member_files_are_all_listed_and_nothing_is_written(run, tmp_path: Path) -> None:
    folder = tmp_path / "cohort"
    small_cohort(folder, dt.date.today())
    (folder / "broke.toml").write_text(BROKEN)
    (folder / "syntax.toml").write_text('schema_version = 1\nname = "x\n')
    (folder / "twin.toml").write_text(member_text(member("tom ng", [2, 2, 2, 2, 2])))
    out = tmp_path / "pairs.json"
    r = run("cohort", "match", "--dir", str(folder), "--json", "-o", str(out))
    assert r.exit_code == 3
    assert not out.exists() and r.stdout == ""
    lines = [line.strip() for line in r.stderr.splitlines()]
    b, s, t, w = (str(folder / n) for n in ("broke.toml", "syntax.toml", "tom.toml", "twin.toml"))
    assert "7 problems in 4 member files; nothing was written:" in lines[0]
    assert lines[1:8] == [
        f"{b}, line 6: 'focus' names gaps with no level: teleport",
        f"{b}, line 7: 'mentor': Input should be less than or equal to 10",
        f"{b}, line 8: 'salary' is not a member-file key "
        "(only what 'pm-coach share -o member.toml' writes)",
        f"{b}, line 11: 'levels.strategy': Input should be less than or equal to 5",
        f"{s}, line 2: not valid TOML: Illegal character '\\n'",
        f"{t}, line 3: the name 'Tom Ng' is used by more than one member (also twin.toml)",
        f"{w}, line 3: the name 'tom ng' is used by more than one member (also tom.toml)",
    ]
    assert "--skip-bad" in r.stderr
    for command in ("list", "report"):
        assert run("cohort", command, "--dir", str(folder)).exit_code == 3

    r = run("cohort", "match", "--dir", str(folder), "--json", "--skip-bad")
    assert r.exit_code == 0, r.output
    assert "Left out 4 member file(s) with problems: broke.toml, syntax.toml, tom.toml, " \
        "twin.toml" in r.stderr  # fmt: skip
    assert [p["mentee"] for p in json.loads(r.stdout)["pairs"]] == [
        "Jo Park",
        "Ria <b>Das</b> & co",
    ]


def test_a_member_on_another_map_is_a_problem(run, tmp_path: Path) -> None:
    folder = tmp_path / "cohort"
    small_cohort(folder, dt.date.today())
    other = member("Zed", [2, 2, 2, 2, 2]).model_copy(update={"map": "apm-to-pm"})
    (folder / "zed.toml").write_text(member_text(other))
    r = run("cohort", "list", "--dir", str(folder))
    assert r.exit_code == 3
    assert (
        "zed.toml, line 4: uses the skill map 'apm-to-pm', but this cohort uses 'leadership'"
        in r.stderr
    )


def test_map_is_read_as_every_other_map_option_reads_it(run, tmp_path: Path) -> None:
    # "APM to PM" is the map apm-to-pm here too, as for plan, log and maps show
    folder = tmp_path / "cohort"
    folder.mkdir()
    zed = member("Zed", [2, 2, 2, 2, 2]).model_copy(update={"map": "apm-to-pm"})
    (folder / "zed.toml").write_text(member_text(zed))
    r = run("cohort", "list", "--dir", str(folder), "--map", "APM to PM", "--json")
    assert r.exit_code == 0, r.output
    assert [m["name"] for m in json.loads(r.stdout)] == ["Zed"]


def test_empty_or_missing_folder(run, tmp_path: Path) -> None:
    r = run("cohort", "list", "--dir", str(tmp_path / "nope"))
    assert r.exit_code == 4 and "not a folder" in r.stderr
    (tmp_path / "empty").mkdir()
    r = run("cohort", "report", "--dir", str(tmp_path / "empty"))
    assert r.exit_code == 6 and "no member files" in r.stderr


def test_match_without_scipy_says_how_to_install_it(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    folder = tmp_path / "cohort"
    small_cohort(folder, dt.date.today())
    from pm_coach.core import solver

    monkeypatch.setitem(sys.modules, "scipy", None)
    monkeypatch.setitem(sys.modules, "scipy.optimize", None)
    solver.linear_sum_assignment.cache_clear()
    r = run("cohort", "match", "--dir", str(folder))
    solver.linear_sum_assignment.cache_clear()
    assert r.exit_code == 6
    assert "needs scipy" in r.stderr and "pip install 'pm-coach[cohort]'" in r.stderr


def test_share_then_match_round_trip(run, tmp_path: Path, home: Path) -> None:
    """A member file written by share is one the cohort commands read."""
    ready_to_share(run, tmp_path)
    folder = tmp_path / "cohort"
    folder.mkdir()
    r = run("share", "-o", str(folder / "sam.toml"), "--yes", "--mentor", "1")
    assert r.exit_code == 0, r.output
    write(folder, member("Jo Park", [3, 3, 3, 1, 3]))
    data = json.loads(run("cohort", "match", "--dir", str(folder), "--json").stdout)
    assert data["pairs"] == [
        {
            "mentee": "Jo Park",
            "mentor": "Sam Lee",
            "reason": "Sam Lee is strong in Domain and industry knowledge, where Jo Park is 3 "
            "levels below target",
        }
    ]
