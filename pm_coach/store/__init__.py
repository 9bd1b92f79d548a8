"""The only package that touches pm-coach's data files.

``paths`` decides where data lives; ``files`` holds the safe I/O primitives (lock, atomic write,
bounded reads, permissions); ``tables`` reads and writes TOML tables strictly, with line numbers;
one module per data file builds on them.
"""
