"""The README cannot go stale: its test command is what CI runs, and every `pm-coach` example in
it runs, in order, against a fresh data folder."""

from __future__ import annotations

import re
import shlex
import shutil
import sys
from pathlib import Path

import pytest

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


def test_readme_examples_run(
    run, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("EDITOR", f"{sys.executable} -c pass")  # an editor that changes nothing
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
        r = run(*shlex.split(example)[1:])
        if key in NEEDS_TERMINAL:
            assert r.exit_code == 6, f"{example}: {r.output}"
            continue
        assert r.exit_code == 0, f"{example}\n{r.output}"
        assert "Traceback" not in r.output
        m = re.search(r"Logged ([a-z0-9]{6})", r.stdout)
        if m and not entry:
            entry = m.group(1)
    assert (tmp_path / "plan.md").exists() and (tmp_path / "progress.html").exists()
    assert (tmp_path / "cv.md").exists() and (tmp_path / "resume.json").exists()
