"""What Tab offers: which parameters take names from the data folder, and those names.

Typer's scripts (``pm-coach --install-completion``) run ``pm-coach`` with ``_PM_COACH_COMPLETE``
set on every Tab. The names behind an id argument or an option such as ``--gap`` are answered
here (cli/completion.py attaches the completers below to Typer's command tree), and when the words
typed so far plainly ask for such names (``pm-coach evidence show <Tab>``, ``… --gap <Tab>``), or
for a command or an option (``pm-coach ev<Tab>``, ``… --un<Tab>``, read from completion_tree.py,
which a test keeps equal to what Typer offers), :func:`quick_answer` answers before Typer,
pydantic or the command tree are even imported: a Tab over a log of 10,000 entries must answer
in well under 200 ms, and most of a normal start-up is spent on those imports. Anything less
plain (an option already given, say) goes to Typer.

Nothing here raises: a data folder that cannot be read offers nothing, and the command reports
the problem when it runs.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable, Mapping
from pathlib import Path

from pm_coach.store import names

COMPLETE_VAR = "_PM_COACH_COMPLETE"

# An option with this name completes this kind of name, in every command.
OPTIONS = {
    "--gap": "gap",
    "--add-gap": "gap",
    "--rm-gap": "gap",
    "--action": "action",
    "--evidence": "evidence",
    "--map": "map",
}
# The argument of these commands (group, command; "*": every command of the group).
ARGUMENTS = {
    ("evidence", "show"): "evidence",
    ("evidence", "edit"): "evidence",
    ("evidence", "rm"): "evidence",
    ("evidence", "restore"): "trash",
    ("plan", "done"): "action",
    ("plan", "skip"): "action",
    ("maps", "show"): "map",
    ("network", "*"): "contact",
}
NOT_ARGUMENTS = {("network", "add")}  # a new contact's name is not one there is yet
HELP_LIMIT = 200  # past this many names, no help text: it would only slow the shell down

# Each kind of name, and where it comes from: (folder, --map, what was typed) -> names.
SOURCES: dict[str, Callable[[Path, str | None, str], names.Named]] = {
    "evidence": lambda folder, _map, start: names.evidence_ids(folder, start, describe=HELP_LIMIT),
    "trash": lambda folder, _map, start: names.trash_ids(folder, start, describe=HELP_LIMIT),
    "gap": lambda folder, map_id, _start: names.gap_ids(folder, map_id),
    "action": lambda folder, _map, _start: names.plan_action_ids(folder),
    "contact": lambda folder, _map, _start: names.contact_names(folder),
    "map": lambda folder, _map, _start: names.map_ids(folder),
}


def argument_kind(group: str, command: str) -> str | None:
    """The kind of name the argument of ``group command`` takes, if any."""
    if (group, command) in NOT_ARGUMENTS:
        return None
    return ARGUMENTS.get((group, command)) or ARGUMENTS.get((group, "*"))


def candidates(
    kind: str,
    incomplete: str,
    *,
    shell: str = "",
    data_dir: str | None = None,
    map_id: str | None = None,
) -> list[tuple[str, str | None]]:
    """``(value, help)`` for each name of ``kind`` starting with ``incomplete`` (contact names
    in any case), as the shell should insert it (bash gets spaces escaped)."""
    try:
        from pm_coach.store.paths import data_dir as resolve

        found = SOURCES[kind](resolve(data_dir), map_id or None, incomplete)
    except Exception:  # noqa: BLE001 - completion must never fail in the user's shell
        return []
    if kind == "contact":
        start = incomplete.casefold()
        found = [(v, h) for v, h in found if v.casefold().startswith(start)]
    else:
        found = [(v, h) for v, h in found if v.startswith(incomplete)]
    many = len(found) > HELP_LIMIT
    return [
        (v.replace(" ", "\\ ") if shell == "bash" else v, None if many else (h or None))
        for v, h in found
    ]


def shell_words(env: Mapping[str, str]) -> tuple[list[str], str]:
    """The words typed before the cursor (program name left out) and the one being completed,
    from the variables Typer's scripts set (bash: COMP_WORDS/COMP_CWORD; zsh and fish:
    _TYPER_COMPLETE_ARGS). Unreadable ones give no words."""
    try:
        if "COMP_WORDS" in env:
            words = shlex.split(env["COMP_WORDS"])
            cword = int(env.get("COMP_CWORD", len(words)))
            return words[1:cword], words[cword] if cword < len(words) else ""
        line = env.get("_TYPER_COMPLETE_ARGS", "")
        words = shlex.split(line)[1:]
        if words and not line.endswith(" "):
            return words[:-1], words[-1]
        return words, ""
    except ValueError:  # an open quote, a bad number
        return [], ""


def _shell(env: Mapping[str, str]) -> str:
    """bash, zsh or fish from ``complete_bash`` (Typer's order) or ``bash_complete``
    (Click's); "" for anything else."""
    first, _, second = env.get(COMPLETE_VAR, "").partition("_")
    pair = {first, second}
    if "complete" not in pair:
        return ""
    shell = (pair - {"complete"}).pop() if len(pair) == 2 else ""
    return shell if shell in ("bash", "zsh", "fish") else ""


def quick_answer(env: Mapping[str, str]) -> tuple[str, int] | None:
    """What to print and the exit code, when the words ask for names this module knows;
    None to let Typer answer (commands, options, anything less plain)."""
    shell = _shell(env)
    if not shell:
        return None
    words, incomplete = shell_words(env)
    data_dir: str | None = None
    i = 0
    while i < len(words) and words[i].startswith("-"):
        if words[i] == "--data-dir" and i + 1 < len(words):
            data_dir, i = words[i + 1], i + 2
        elif words[i].startswith("--data-dir="):
            data_dir, i = words[i].partition("=")[2], i + 1
        elif words[i] == "--debug":
            i += 1
        else:
            return None
    rest = words[i:]
    kind: str | None = None
    if incomplete.startswith("-"):
        pass
    elif len(rest) >= 2 and rest[-1] in OPTIONS:
        kind = OPTIONS[rest[-1]]
    elif len(rest) == 2 and not rest[1].startswith("-"):
        kind = argument_kind(rest[0], rest[1])
    if kind is None:
        listed = from_tree(rest, incomplete, after_options=i > 0)
        if listed is None:
            return None
        return render(shell, listed, env.get("_TYPER_COMPLETE_FISH_ACTION", ""))
    map_id = next((rest[n + 1] for n in range(len(rest) - 2) if rest[n] == "--map"), None)
    found = candidates(kind, incomplete, shell=shell, data_dir=data_dir, map_id=map_id)
    return render(shell, found, env.get("_TYPER_COMPLETE_FISH_ACTION", ""))


def from_tree(
    rest: list[str], incomplete: str, *, after_options: bool = False
) -> list[tuple[str, str | None]] | None:
    """The subcommands or options Typer would offer after the words ``rest`` (pm-coach's own
    options left out; ``after_options`` when there were some), read from completion_tree.py
    instead of the command tree; None when the words are less plain than that (an option
    already given, a word that is no command), so that Typer answers."""
    from pm_coach.app.completion_tree import COMMANDS
    from pm_coach.app.completion_tree import OPTIONS as OPTION_NAMES

    path: list[str] = []
    while len(path) < len(rest) and " ".join([*path, rest[len(path)]]) in OPTION_NAMES:
        path.append(rest[len(path)])
    key, after = " ".join(path), rest[len(path) :]
    if key in COMMANDS and after:
        return None  # a group, then a word that is none of its commands
    if incomplete.startswith("-"):
        if "=" in incomplete or any(w.startswith("-") for w in after) or after_options:
            return None  # Typer leaves out options already given
        offered = OPTION_NAMES[key]
    elif key in COMMANDS:
        offered = COMMANDS[key]
    else:
        return None
    return [(name, help or None) for name, help in offered if name.startswith(incomplete)]


def _zsh_escape(text: str) -> str:
    return (
        text.replace('"', '""')
        .replace("'", "''")
        .replace("$", "\\$")
        .replace("`", "\\`")
        .replace(":", r"\\:")
    )


def render(shell: str, found: list[tuple[str, str | None]], fish_action: str) -> tuple[str, int]:
    """The candidates in the form Typer's script for ``shell`` reads (as Typer writes them)."""
    if shell == "bash":
        return "\n".join(v for v, _ in found) + "\n", 0
    if shell == "zsh":
        if not found:
            return "_files\n", 0
        items = "\n".join(
            f'"{_zsh_escape(v)}":"{_zsh_escape(h)}"' if h else f'"{_zsh_escape(v)}"'
            for v, h in found
        )
        return f"_arguments '*: :(({items}))'\n", 0
    if fish_action == "is-args":
        return "", 0 if found else 1
    lines = [f"{v}\t{_WHITESPACE.sub(' ', h)}" if h else v for v, h in found]
    return "\n".join(lines) + "\n", 0


_WHITESPACE = re.compile(r"\s")
