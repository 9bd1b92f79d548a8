"""Writing one CV bullet from one evidence entry: fixed rules, offline, the same every time.

:func:`write_bullet` (fields in) and :func:`draft` (an entry in) are the public ways in;
:func:`bullet_text` gives the user's own approved wording when there is one. The shape depends on
what the entry holds, so a CV does not repeat one connector line after line:

* a result that starts with a verb leads: "Cut refund disputes 62% by rewriting the refund flow";
* a result that is a clause follows the action: "Trained sales on the rubric, so sales now
  qualifies AIS leads"; a change reads "…, with retention up 12%"; a thing "…, resulting in …";
* metrics sit beside what they measure, in brackets; one that repeats a number already said is
  folded; one that counts inputs ("9 interviews") goes with the action;
* a goal closes the line: "…, to keep the platform simple" or "…, toward the 2026 target".

Words are never cut. When a bullet is longer than :data:`MAX_CHARS`, the goal is left out; the
action never is (a long result-first line puts the action first instead); if that is not enough
the bullet stays whole and long. Every part left out
is recorded on the :class:`Bullet`, and ``export --lint`` reports it. Rules in docs/bullets.md.

One module per idea, every one of them part of the writer (app/drafts.py keys kept drafts on
the source of every module in this package):

* ``verbs`` and ``wording``: the word tables, tenses, and cleaning a line (shorthand, first person);
* ``lead``: how the user's line starts (its verb, a role, a noun phrase);
* ``sections``: talks, publications, volunteering and organisations;
* ``metrics``: numbers, folded when already said, inputs told from outcomes;
* ``clauses``: where a clause's verb is and whether its subject needs "the";
* ``result`` and ``goal``: what came of the work and what it served, as parts of a line;
* ``action``: dashes, several actions, counts and work still going on;
* ``write``: the shapes, put together and fitted to the limit; ``bullet``: what comes back;
* ``memo``: the drafts of this process, and the line to print for an entry.
"""

from __future__ import annotations

from pm_coach.core.bullets.bullet import MAX_CHARS, Bullet
from pm_coach.core.bullets.memo import add_drafts, bullet_text, draft, known_drafts, write_draft
from pm_coach.core.bullets.write import write_bullet

__all__ = [
    "MAX_CHARS",
    "Bullet",
    "add_drafts",
    "bullet_text",
    "draft",
    "known_drafts",
    "write_bullet",
    "write_draft",
]
