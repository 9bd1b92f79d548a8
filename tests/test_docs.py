"""The README cannot go stale: its test command is what CI runs, and every `pm-coach` example in
it runs, in order, against a fresh data folder."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import pm_coach_cmd, subprocess_env

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")

# Examples that open a form or ask a question: without a terminal they must stop at once with
# exit 6 and say what to do instead (the forms themselves are tested key by key and in a pty).
NEEDS_TERMINAL = {
    "pm-coach assess",
    "pm-coach assess --gap delegation",
    "pm-coach assess --map apm-to-pm",
    "pm-coach log",
    "pm-coach evidence rm ENTRY",
    "pm-coach export --review",
}


def sh_blocks(text: str) -> list[str]:
    return re.findall(r"```sh\n(.*?)```", text, flags=re.S)


def examples() -> list[str]:
    out = []
    for block in sh_blocks(README):
        joined = block.replace("\\\n", " ")
        for line in joined.splitlines():
            line = line.strip()
            if line.startswith("pm-coach"):
                out.append(re.sub(r"\s+#.*$", "", line).strip())
    return out


def test_readme_test_command_is_what_ci_runs() -> None:
    quick = README.split("## Quick start", 1)[1].split("## ", 1)[0]
    commands = [b.strip() for b in sh_blocks(quick)]
    assert len(commands) == 2, "Quick start shows exactly two set-up commands"
    assert commands[0].endswith("pm-coach assess")
    ci = (ROOT / ".ci" / "run").read_text()
    assert commands[1] in ci.splitlines(), "the README's test command must be .ci/run's"


def check_output(example: str, out: str, err: str, folder: Path) -> None:
    """What each kind of example must print or write, beyond exiting 0."""
    assert "Traceback" not in out + err and "pm-coach: error" not in err, err
    args = shlex.split(example)
    if "--json" in args and "-o" not in args:
        json.loads(out)  # only JSON on stdout
    if "-o" in args:
        target = folder / args[args.index("-o") + 1]
        body = target.read_text("utf-8")
        assert target.name in out + err, f"{example}: says what it wrote"
        starts = {".md": "#", ".html": "<!doctype html>", ".json": ("{", "[")}
        expected = starts.get(target.suffix)
        if expected and "share" not in args:
            assert body.startswith(expected), f"{example}: {target.name} holds what it says"
    if args[1] == "log" and len(args) > 2:
        assert re.search(r"^Logged [a-z0-9]{6} · ", out, flags=re.M), out
    if not any(a in args for a in ("-o", "--force")) and "rm" not in args:
        assert out.strip() or err.strip(), f"{example}: printed nothing"


def test_readme_examples_run(home: Path, tmp_path: Path) -> None:
    """Each example through the installed ``pm-coach`` script, as a person types it."""
    env = subprocess_env(home)
    env["EDITOR"] = f"{sys.executable} -c pass"  # an editor that changes nothing
    env.pop("VISUAL", None)
    (tmp_path / "answers.toml").write_text(
        "[levels]\nstrategy = 2\nbuy-in = 3\nconfidence = 2\ndomain = 3\ndelegation = 1\n"
        "[targets]\nstrategy = 4\n"
    )
    (tmp_path / "cohort").mkdir()  # the shared folder of the programme examples
    (tmp_path / "dana-filled.toml").write_text(  # what Dana sent back
        '[levels]\nstrategy = 3\nconfidence = 4\n[notes]\nconfidence = "Holds her ground"\n'
    )
    shutil.copy(ROOT / "tests/data/import/journal.json", tmp_path / "journal.json")
    shutil.copy(ROOT / "tests/data/import/evidence.csv", tmp_path / "evidence.csv")
    own_map = (ROOT / "skill_maps/leadership.toml").read_text()
    (tmp_path / "my-map.toml").write_text(own_map.replace('id = "leadership"', 'id = "my-map"', 1))

    ran = examples()
    assert len(ran) >= 40, ran
    entry = ""
    for example in ran:
        if entry:
            example = example.replace("k3m9xq", entry)
        key = (
            re.sub(r"\b[a-z0-9]{6}$", "ENTRY", example)
            if entry and example.endswith(entry)
            else example
        )
        p = subprocess.run(
            [*pm_coach_cmd(), *shlex.split(example)[1:]],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=120,
        )
        if key in NEEDS_TERMINAL:
            assert p.returncode == 6, f"{example}: {p.stderr}"
            assert "hint:" in p.stderr
            continue
        assert p.returncode == 0, f"{example}\n{p.stdout}{p.stderr}"
        check_output(example, p.stdout, p.stderr, tmp_path)
        m = re.search(r"Logged ([a-z0-9]{6})", p.stdout)
        if m and not entry:
            entry = m.group(1)
    assert (tmp_path / "plan.md").exists() and (tmp_path / "progress.html").exists()
    assert (tmp_path / "cv.md").exists() and (tmp_path / "resume.json").exists()
