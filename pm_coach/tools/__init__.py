"""Small developer tools run with ``python -m pm_coach.tools.<name>``; not part of the CLI."""
