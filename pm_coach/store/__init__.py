"""The only package that touches pm-coach's data files.

``paths`` decides where data lives; ``files`` holds the safe primitives (lock, atomic write, strict
TOML reading with line numbers); one module per data file builds on them.
"""
