"""Plain-text layout without rich: how wide the screen is, how wide a string shows, and wrapping
at spaces. Standard library only, so a lean read path can use it without importing rich."""

from __future__ import annotations

import os
import unicodedata
from typing import TextIO

# Layouts are worked out for at least this many columns; a narrower screen wraps them.
MIN_WIDTH = 40


def screen_width(stream: TextIO | None = None) -> int:
    """The width to lay text out for: ``COLUMNS`` when set (as rich reads it), else the terminal's
    width when ``stream`` is one, else 80 (a pipe or a file)."""
    given = os.environ.get("COLUMNS", "").strip()
    if given.isdigit() and int(given) > 0:
        return max(int(given), MIN_WIDTH)
    if stream is not None:
        try:
            if stream.isatty():
                return max(os.get_terminal_size(stream.fileno()).columns, MIN_WIDTH)
        except (AttributeError, OSError, ValueError):
            pass
    return 80


def _char_cells(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def cells(text: str) -> int:
    """How many terminal columns ``text`` takes (wide East Asian characters take two)."""
    if text.isascii():
        return len(text)
    return sum(_char_cells(ch) for ch in text)


def pad(text: str, width: int) -> str:
    """``text`` followed by spaces up to ``width`` columns."""
    return text + " " * (width - cells(text))


def _split_word(word: str, width: int) -> list[str]:
    """A word wider than ``width`` cut into pieces that fit (only a long URL or the like)."""
    pieces: list[str] = []
    piece, used = "", 0
    for ch in word:
        w = _char_cells(ch) if not ch.isascii() else 1
        if used + w > width and piece:
            pieces.append(piece)
            piece, used = "", 0
        piece += ch
        used += w
    if piece:
        pieces.append(piece)
    return pieces


def wrap(text: str, width: int) -> list[str]:
    """``text`` as lines of at most ``width`` columns, broken at spaces; a word longer than a
    whole line is the only thing ever cut. An empty text gives no lines."""
    if cells(text) <= width:
        return [text] if text.strip() else []
    lines: list[str] = []
    line, used = "", 0
    for word in text.split():
        w = cells(word)
        if w > width:
            if line:
                lines.append(line)
            *full, line = _split_word(word, width)
            lines.extend(full)
            used = cells(line)
            continue
        if not line:
            line, used = word, w
        elif used + 1 + w <= width:
            line += " " + word
            used += 1 + w
        else:
            lines.append(line)
            line, used = word, w
    if line:
        lines.append(line)
    return lines


def split_command(text: str) -> tuple[str, str]:
    """``text`` as the words before a ``pm-coach …`` command and the command itself (to the end
    of the text); the command is empty when there is none."""
    at = text.find("pm-coach ")
    if at < 0 or (at > 0 and not text[at - 1].isspace()):
        return text, ""
    return text[:at].rstrip(), text[at:]


def wrap_hint(text: str, width: int, indent: str = "  ") -> list[str]:
    """Like :func:`wrap`, but a ``pm-coach …`` command at the end is never broken: it follows the
    last words when it fits there, else it gets a line of its own (longer than ``width`` if it
    must), so it can be copied and pasted as one line."""
    prose, command = split_command(text)
    if not command or cells(text) <= width:
        return wrap(text, width)
    lines = wrap(prose, width)
    if lines and cells(lines[-1]) + 1 + cells(command) <= width:
        lines[-1] += " " + command
    else:  # a command with no words before it is not indented
        lines.append(indent + command if lines else command)
    return lines


def hang(text: str, width: int, first: str = "", rest: str | None = None) -> list[str]:
    """``text`` wrapped with a hanging indent: the first line starts with ``first`` (a bullet,
    a number, a label), the others with ``rest`` (spaces as wide as ``first`` unless given), so
    the words line up under each other. A ``pm-coach …`` command at the end stays whole, as in
    :func:`wrap_hint`."""
    rest = " " * cells(first) if rest is None else rest
    room = max(width - max(cells(first), cells(rest)), MIN_WIDTH // 2)
    lines = wrap_hint(text, room)
    return [(first if i == 0 else rest) + line for i, line in enumerate(lines)]


def wrap_message(line: str, width: int) -> list[str]:
    """A line of a message (a confirmation, a note) in ``width`` columns: its words wrap as
    :func:`wrap_hint` wraps them, and every line keeps the first one's indent."""
    if cells(line) <= width:
        return [line.rstrip()]
    body = line.lstrip()
    lead = line[: len(line) - len(body)]
    return [lead + part for part in wrap_hint(body, max(width - cells(lead), MIN_WIDTH // 2))]


def join_columns(columns: list[list[str]], widths: list[int], sep: str = "  ") -> list[str]:
    """Columns of wrapped lines side by side, each padded to its width but the last; no line
    ends in a space."""
    height = max(1, *(len(c) for c in columns))
    out = []
    for i in range(height):
        parts = [pad(c[i] if i < len(c) else "", w) for c, w in zip(columns, widths, strict=True)]
        out.append(sep.join(parts).rstrip())
    return out


def cut(text: str, width: int) -> str:
    """``text`` in at most ``width`` columns: whole when it fits, else cut at a word with "…"."""
    if cells(text) <= width:
        return text
    return wrap(text, width - 1)[0].rstrip(" ,;:") + "…"
