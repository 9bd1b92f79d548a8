"""What the writer hands back: a drafted line and what it knows about it (for --lint, ranking)."""

from __future__ import annotations

from dataclasses import dataclass

from pm_coach.core.bullets.lead import Lead
from pm_coach.core.bullets.wording import has_first_person

MAX_CHARS = 200


@dataclass(frozen=True)
class Bullet:
    """A drafted bullet and what the writer knows about it (for --lint and ranking)."""

    text: str
    shape: str  # "result-first", "action-result" or "action"
    lead: Lead  # how the user's text started
    result_lead: Lead | None  # the result's verb, when the result leads
    dropped: tuple[str, ...] = ()  # "goal", "action": parts left out to fit
    folded: tuple[str, ...] = ()  # metrics whose numbers the result or text already says
    inputs: tuple[str, ...] = ()  # metrics that count inputs rather than an outcome
    long: bool = False  # still longer than the limit, kept whole
    unjoined: str = ""  # a goal that does not join this line as a phrase, so it is left out

    @property
    def first_person(self) -> bool:
        return has_first_person(self.text)

    def __str__(self) -> str:
        return self.text
