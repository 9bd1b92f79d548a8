"""Developer tools, run as ``python -m pm_coach.tools.<name>``; not part of the CLI."""
