"""The one Markdown escape every Markdown output uses (export, report, plan).

User text (an entry, a gap name, a contact, a plan note) must come out as the words typed, not
as markup: ``*``, ``_`` and ``~`` would turn into emphasis or strike-through, ``[``/``]`` into a
link, ``<`` into raw HTML, a backtick into code, and ``|`` would split a table cell. A leading
``#``, ``>``, ``+``, ``-`` or ``=`` would start a heading, quote, list or underline when the text
begins a line. Each of those characters gets a backslash, which CommonMark and GitHub Markdown
both read as "this character, literally".
"""

from __future__ import annotations

import re

_SPECIAL = frozenset("\\`*_[]<>|~")
_LINE_START = frozenset("#>+-=")
_ESCAPE = re.compile("[" + re.escape("".join(sorted(_SPECIAL))) + "]")  # one C call per text


def md_escape(text: str) -> str:
    """``text`` with every character Markdown could read as markup backslash-escaped."""
    out = _ESCAPE.sub(r"\\\g<0>", text) if _ESCAPE.search(text) else text  # most text has none
    if out[:1] in _LINE_START:
        out = "\\" + out
    return out


def md_escape_lines(texts: list[str]) -> list[str]:
    """:func:`md_escape` of each of ``texts`` (each one line), in one pass over all of them: a
    big export escapes tens of thousands of lines."""
    joined = "\n".join(texts)
    if _ESCAPE.search(joined):
        joined = _ESCAPE.sub(r"\\\g<0>", joined)
    out = joined.split("\n")
    if len(out) != len(texts):  # a text held a line break after all: one at a time
        return [md_escape(text) for text in texts]
    return [f"\\{line}" if line[:1] in _LINE_START else line for line in out]
