"""Use cases: one function per command, the only layer that uses both ``store`` and ``core``.

Each loads what it needs through ``store``, calls ``core`` and returns a result object; ``emit``
turns a result into output (``--json``, ``--format``, ``-o``) the same way for every command.
"""
