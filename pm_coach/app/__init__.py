"""Use cases: one function per command, the only layer that uses both ``store`` and ``core``.

Each loads what it needs through ``store``, calls ``core`` and returns a result object that the
command line hands to a renderer.
"""
