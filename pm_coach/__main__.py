"""The console script ``pm-coach`` (and ``python -m pm_coach``).

A shell asking what Tab should offer gets a quick answer when it asks for names (see
app/completion.py), before the command line and its libraries are loaded; everything else goes
to the command line.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    if "_PM_COACH_COMPLETE" in os.environ:
        from pm_coach.app.completion import quick_answer

        answer = quick_answer(os.environ)
        if answer is not None:
            text, code = answer
            sys.stdout.write(text)
            sys.stdout.flush()
            sys.exit(code)
    from pm_coach.cli import main as command_line

    command_line()


if __name__ == "__main__":
    main()
