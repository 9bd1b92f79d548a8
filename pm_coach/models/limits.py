"""The values and limits the evidence model enforces, without pydantic: the models use them,
and so does ``log``'s lean path (app/lean_log.py), which must accept exactly what they accept
or hand over to the full command line."""

from __future__ import annotations

import re

EVIDENCE_KINDS: tuple[str, ...] = ("work", "volunteer", "talk", "publication")

# How far a piece of work reached, narrowest first: the ladder most skill levels climb.
SCOPES: tuple[str, ...] = ("self", "team", "teams", "company", "external")

TEXT_MAX = 1000
SHORT_MAX = 200

# Unicode category Cc is exactly U+0000-U+001F and U+007F-U+009F; Cs is the surrogates.
# One compiled search (instead of a per-character category lookup) keeps loading a big log fast.
NOT_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]")
