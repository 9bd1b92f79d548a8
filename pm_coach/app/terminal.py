"""Whether a person is at the keyboard: the one test for when a form or a question may run."""

from __future__ import annotations

import sys


def interactive() -> bool:
    """True when both ends are a terminal, so a questionary form can run."""
    return sys.stdin.isatty() and sys.stdout.isatty()
