"""Lists that fit: network list, maps show, profile show, export --lint and what log says after
saving are read at COLUMNS 60, 80 and 120 as a user sees them. Every line fits the width (only
a whole pm-coach command may run past it, so that it pastes as one line), words are never cut,
and no line ends in a space."""

from __future__ import annotations

import re

import pytest

from pm_coach.render import console

WIDTHS = (60, 80, 120)

NOTE = "Met through a mentoring scheme; prefers Thursday mornings before the product review"
SUMMARY = (
    "Senior PM with eight years in B2B payments, leading a platform team of six engineers and "
    "two designers; moved from engineering into product."
)


def show(run, width: int, *args: str) -> tuple[list[str], list[str]]:
    """stdout and stderr lines of ``pm-coach ARGS`` at ``width`` columns."""
    console.out.cache_clear()  # rich reads COLUMNS when a console is made
    console.err.cache_clear()
    r = run(*args, env={"COLUMNS": str(width)})
    assert r.exit_code == 0, r.output
    return r.stdout.splitlines(), r.stderr.splitlines()


def assert_fits(lines: list[str], width: int, words: tuple[str, ...] = ()) -> None:
    for line in lines:
        assert line == line.rstrip(), f"trailing space: {line!r}"
        if len(line) > width:
            assert line.lstrip().startswith("pm-coach "), f"{len(line)} > {width}: {line!r}"
    whole = set(re.findall(r"[\w'’-]+", " ".join(lines)))
    for word in words:
        assert word in whole, f"{word!r} cut or missing in {lines!r}"


@pytest.fixture
def network(run) -> None:
    for args in (
        ("Priya Raman", "--kind", "coach", "--helps", "strategy,buy-in", "--note", NOTE),
        ("Tomás Okafor", "--kind", "mentor", "--helps", "delegation", "--contact", "@tomas"),
        ("Leadership circle", "--kind", "circle", "--helps", "confidence"),
        ("Sam Lee", "--kind", "mentee", "--helps", "domain"),
    ):
        assert run("network", "add", *args).exit_code == 0


def test_network_list_at_80_keeps_gap_names_whole(run, network) -> None:
    out, _ = show(run, 80, "network", "list")
    assert out == [
        "Network (4)",
        "name                kind    last talked     helps with, contact, note",
        "Priya Raman         coach   never           helps strategy, buy-in",
        "                                            Met through a mentoring scheme;",
        "                                            prefers Thursday mornings before the",
        "                                            product review",
        "Tomás Okafor        mentor  never           helps delegation",
        "                                            @tomas",
        "Leadership circle   circle  never           helps confidence",
        "Sam Lee             mentee  never           you help with domain",
    ]


def test_network_list_at_60_merges_the_kind_and_at_120_gives_gaps_a_column(run, network) -> None:
    out, _ = show(run, 60, "network", "list")
    assert out[1:4] == [
        "name              last talked     kind, helps, contact, note",
        "Priya Raman       never           coach: helps strategy,",
        "                                  buy-in",
    ]
    out, _ = show(run, 120, "network", "list")
    assert out[1:3] == [
        "name                kind    helps with          last talked     contact, note",
        "Priya Raman         coach   strategy, buy-in    never           "
        "Met through a mentoring scheme; prefers Thursday",
    ]


@pytest.mark.parametrize("width", WIDTHS)
def test_network_list_fits(run, network, width: int) -> None:
    assert run("network", "touch", "Tomás Okafor", "--date", "90 days ago").exit_code == 0
    out, err = show(run, width, "network", "list")
    assert_fits(out + err, width, ("strategy", "buy-in", "delegation", "confidence", "Thursday"))
    assert "quiet 90 days" in " ".join(out)
    assert err[-1].strip() == 'pm-coach network touch "Tomás Okafor"' or err[-1].endswith(
        'pm-coach network touch "Tomás Okafor"'
    )


def test_maps_show_lists_the_actions_whole_at_every_width(run) -> None:
    out, _ = show(run, 60, "maps", "show", "leadership", "--gap", "strategy")
    at = out.index("  Actions (id · type, effort):")
    assert out[at + 1 : at + 3] == [
        "  strategy-goal-map · experience, 4 h over 2 weeks",
        "    Map a year of your work to the company goals",
    ]
    assert out[-1] == "  pm-coach maps show leadership --json"
    out, _ = show(run, 120, "maps", "show", "leadership", "--gap", "strategy")
    at = next(i for i, line in enumerate(out) if line.lstrip().startswith("action id"))
    assert out[at + 1] == (
        "  strategy-goal-map           Map a year of your work to the company goals"
        "                    experience        4      2"
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_maps_show_fits(run, width: int) -> None:
    out, _ = show(run, width, "maps", "show", "leadership")
    assert_fits(out, width, ("strategy-market-diagnosis", "leadership", "experience"))


def test_maps_list_names_a_real_map_to_switch_to(run) -> None:
    out, _ = show(run, 60, "maps", "list")
    assert out[-2:] == [
        "* active map (leadership); change it with:",
        "  pm-coach profile set --map apm-to-pm",
    ]


@pytest.fixture
def profile(run) -> None:
    r = run(
        "profile", "set", "--name", "Dana Whitfield", "--summary", SUMMARY,
        "--goal", "a Head of Product role within 18 months at a Series B or C fintech",
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    r = run("profile", "role", "add", "Northwind Payments", "Senior Product Manager",
            "--start", "2022-04")  # fmt: skip
    assert r.exit_code == 0, r.output


def test_profile_show_at_60_wraps_values_under_themselves(run, profile) -> None:
    out, _ = show(run, 60, "profile", "show")
    at = next(i for i, line in enumerate(out) if line.startswith("summary"))
    assert out[at : at + 6] == [
        "summary         Senior PM with eight years in B2B payments,",
        "                leading a platform team of six engineers and",
        "                two designers; moved from engineering into",
        "                product.",
        "goal            a Head of Product role within 18 months at a",
        "                Series B or C fintech",
    ]
    assert out[-2:] == [
        "   1. 2022-04 – present   Northwind Payments — Senior",
        "                          Product Manager",
    ]


@pytest.mark.parametrize("width", WIDTHS)
def test_profile_show_fits(run, profile, width: int) -> None:
    out, _ = show(run, width, "profile", "show")
    assert_fits(out, width, ("designers", "fintech", "Northwind", "Manager"))


@pytest.fixture
def weak(run) -> str:
    r = run("log", "Spoke at the board offsite about the platform roadmap and its budget")
    assert r.exit_code == 0, r.output
    return r.stdout.split()[1]


def test_lint_at_60_cuts_the_text_at_a_word_and_keeps_each_command_whole(run, weak) -> None:
    out, _ = show(run, 60, "export", "--lint")
    # the first line holds today's date: its ends are checked
    assert out[0].startswith(f"{weak} · ")
    assert out[0].endswith(" · Spoke at the board offsite about the…")
    assert out[1:6] == [
        "  no result: add what came of it with:",
        f'    pm-coach evidence edit {weak} --result "…"',
        "  no metric: add a number that shows the change (time saved,",
        "  % moved, people reached) with:",
        f'    pm-coach evidence edit {weak} --add-metric "…"',
    ]


@pytest.mark.parametrize("width", WIDTHS)
def test_lint_fits(run, weak, width: int) -> None:
    out, _ = show(run, width, "export", "--lint")
    assert_fits(out, width, ("result", "metric", "reached"))


@pytest.mark.parametrize("width", WIDTHS)
def test_what_log_says_fits(run, width: int) -> None:
    console.out.cache_clear()
    r = run(
        "log", "Spoke at the board offsite about the platform roadmap", env={"COLUMNS": str(width)}
    )
    assert r.exit_code == 0, r.output
    out = r.stdout.splitlines()
    assert_fits(out, width, ("confidence", "company", "external", "offsite"))
    entry = out[0].split()[1]
    assert out[-1].endswith(f"pm-coach evidence edit {entry} --scope teams")


def test_what_log_says_at_80(run) -> None:
    r = run("log", "Spoke at the board offsite about the platform roadmap", env={"COLUMNS": "80"})
    out = r.stdout.splitlines()
    entry = out[0].split()[1]
    assert out[1:] == [
        '  Tagged confidence (suggested from "board", "spoke", "offsite"). If it shows',
        "  another gap, change it with:",
        f"    pm-coach evidence edit {entry} --rm-gap confidence --add-gap strategy",
        '  Scope company (from "board"), one of self, team, teams, company, external. To',
        f"  change it: pm-coach evidence edit {entry} --scope teams",
    ]
