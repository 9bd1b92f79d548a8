"""Suggesting which gaps a piece of evidence shows, from its words alone.

Offline and instant: no model, no download, standard library only (``log`` imports this on its
hot path). The method, documented for users in docs/suggestions.md:

1. Words are lower-cased and split at anything that is not a letter or digit, so matches always
   fall on word boundaries ("bet" never matches "alphabet") and "buy-in" equals "buy in".
2. Each word is reduced to a rough stem ("delegated", "delegating", "delegation" → "delegat";
   British and American spellings meet: "prioritised" and "prioritized" → "prioritiz").
3. A gap's terms are its id, its ``keywords`` from the skill map and, for some common keywords, a
   few general synonyms kept in :data:`RELATED` below (a map keyword "delegate" also brings in
   "hand off" and "hand over"). A synonym counts for less than a map term of the same length.
   Words the map's own descriptions of a gap (summary, levels, prompts, actions) use mostly for
   that gap count a little too, so a user's own map works without a long keyword list.
4. A term matches when its stems appear in the text in order. Each matched term adds its weight
   once: a phrase of several words weighs more than a single word, a term shared by several gaps
   is split between them, and a match only in the result counts for less than one in the text.
5. The best gap is applied only when the evidence for it is real: at least :data:`MIN_SCORE`
   and ahead of the next gap by :data:`MIN_LEAD`. No suggestion is better than a wrong one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from pm_coach.core.gap_model import GapModel

MIN_SCORE = 0.7  # one unshared keyword, or one general synonym, in the text
MIN_LEAD = 0.3  # the best gap must beat the runner-up by this much
PRETICK_SHARE = 0.6  # the form also pre-ticks gaps scoring at least this share of the best
PRETICK_MAX = 2

WORD_WEIGHT = 1.0
PHRASE_WEIGHT = 1.5  # a term of two or more words is more specific
RELATED_SHARE = 0.7  # a general synonym counts for this share of the keyword it stands for
RESULT_SHARE = 0.6  # a match found only in the result counts for this share
MAP_TEXT_WEIGHT = 0.35  # a word from the gap's own descriptions, at most
MAP_TEXT_PURITY = 0.6  # ... counted only if at least this share of its uses are in that gap
MAP_TEXT_MIN_USES = 2  # ... and the map uses it at least this often

# Words too common to say anything about a gap when they turn up in a map's descriptions.
_STOP_WORDS = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing done down during each either
    else even ever every few for from further get gets getting give given go going got had has
    have having he her here hers him his how i if in into is it its just last least less let
    like made make makes making many may me more most much must my need needs new next no nor
    not now of off often on once one only or other our ours out over own per rather same she
    should show shows so some such than that the their them then there these they this those
    through to too two three under until up upon us use used using very was way we were what
    when where whether which while who whom why will with within without would yet you your
    yours week weeks month months year years day days time times first second least end ask
    asked write wrote written list note notes page short simple each set keep kept
"""
_STOP = frozenset(_STOP_WORDS.split())

_TOKEN = re.compile(r"[a-z0-9]+")

# Words whose stem would collide with an unrelated word ("marketing" is a department, not the
# market; "meeting" is not "meet" in any useful sense here).
_KEEP = frozenset({"marketing", "meeting", "meetings", "news", "business", "analysis", "series"})

# General English synonyms for words that commonly appear in skill-map keywords. Keyed by a
# keyword (any word form: "delegate" also serves "delegated"); when a gap has that keyword, the
# phrases listed join its terms at RELATED_SHARE weight. They describe the same activity in
# other everyday words; none names a particular map, gap or company.
RELATED: dict[str, tuple[str, ...]] = {
    # choosing and prioritising
    "strategy": ("vision", "direction"),
    "prioritise": ("rank", "ranked", "ranking", "priority", "priorities", "trade off"),
    "roadmap": ("product plan", "annual plan"),
    "said no": ("turned down", "declined"),
    "not doing": ("stop doing", "won't do"),
    "okr": ("objectives", "key results"),
    "company goal": ("company objective", "company target"),
    # bringing people along
    "buy-in": ("bought in", "on board"),
    "influence": ("win over", "won over", "lobbied"),
    "persuade": ("convince",),
    "alignment": ("rally", "rallied", "same page", "common ground"),
    "agreement": ("sign off", "approval"),
    "department": ("other teams", "cross-team", "company-wide"),
    "executive": ("exec", "execs", "c-suite"),
    "pushback": ("pushed back", "push back", "resisted", "resistance"),
    "stakeholder map": ("influence map", "stakeholder grid"),
    # deciding under pressure
    "decision": ("decide", "made the call"),
    "recommend": ("proposal", "argued for"),
    "defended": ("stood by", "stood firm", "held firm"),
    "rehearsed": ("practised", "practiced", "dry run", "mock"),
    "escalated": ("ask for help", "asked for support"),
    # knowing the market
    "industry": ("vertical", "landscape", "sector"),
    "competitor": ("rival", "rivals", "incumbent"),
    "regulation": ("legislation", "law", "directive", "gdpr", "compliance"),
    "analyst report": ("market report", "whitepaper", "white paper"),
    "conference": ("keynote", "panel", "webinar", "summit"),
    "article": ("blog", "blog post", "essay", "newsletter"),
    "podcast": ("episode",),
    "shadowing": ("sat in on", "ride along"),
    "lunch-and-learn": ("lunch session", "teach-in"),
    # leading through others
    "delegate": ("hand off", "handed off", "handoff", "hand over", "handed over", "entrust"),
    "ownership": ("owner",),
    "mentor": ("mentee", "protege", "buddy"),
    "volunteer": ("nonprofit", "non-profit", "charity", "pro bono"),
    "community": ("meetup group",),
    "stepped back": ("step back", "stepping back"),
    "micromanage": ("hands off", "hands-off"),
}


@lru_cache(maxsize=1)
def _related_index() -> dict[tuple[str, ...], tuple[str, ...]]:
    out: dict[tuple[str, ...], tuple[str, ...]] = {}
    for key, phrases in RELATED.items():
        norm = tuple(stems(key))
        out[norm] = out.get(norm, ()) + phrases
    return out


class _ActionLike(Protocol):
    id: str
    title: str
    how: list[str]
    evidence: str


class _GapLike(Protocol):
    id: str
    keywords: list[str]
    name: str
    summary: str
    levels: list[str]
    prompts: list[str]

    @property
    def actions(self) -> Sequence[_ActionLike]: ...


class _MapLike(Protocol):
    @property
    def gaps(self) -> Sequence[_GapLike]: ...


@dataclass(frozen=True)
class Suggestion:
    """One gap the text points to, with its score and the words that matched."""

    gap: str
    score: float
    matched: tuple[str, ...] = field(default_factory=tuple)
    also: str | None = None  # a second gap nearly as likely, worth adding by hand


@lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """A rough, deterministic English stem; good enough to match word families."""
    w = word.lower()
    if w in _KEEP or len(w) <= 3:
        return w
    for suffix, repl in (
        ("isations", "iz"),
        ("izations", "iz"),
        ("isation", "iz"),
        ("ization", "iz"),
        ("ising", "iz"),
        ("izing", "iz"),
        ("ised", "iz"),
        ("ized", "iz"),
        ("ises", "iz"),
        ("izes", "iz"),
        ("ise", "iz"),
        ("ize", "iz"),
    ):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)] + repl
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("ied") and len(w) > 4:
        return w[:-3] + "y"
    for suffix in ("ations", "ation", "ions", "ion"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4 and w[-len(suffix) - 1] in "ts":
            return _tidy(w[: -len(suffix)])
    for suffix in ("ings", "ing", "ed"):
        if w.endswith(suffix):
            base = w[: -len(suffix)]
            if len(base) >= 3 and re.search(r"[aeiouy]", base):
                return _tidy(_undouble(base))
    if w.endswith("es") and len(w) > 4 and w[-3] in "sxz" or w.endswith(("ches", "shes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return _tidy(w[:-1])
    return _tidy(w)


def _undouble(base: str) -> str:
    if len(base) >= 4 and base[-1] == base[-2] and base[-1] not in "lsz":
        return base[:-1]
    return base


def _tidy(base: str) -> str:
    """Drop a final silent "e" so that "delegate" and "delegat(ed)" meet."""
    if base.endswith("e") and len(base) > 4 and not base.endswith(("ee", "ye")):
        return base[:-1]
    return base


def words(text: str) -> list[str]:
    """Lower-case words; apostrophes dropped so "won't" is one word."""
    return _TOKEN.findall(text.lower().replace("\u2019", "'").replace("'", ""))


def stems(text: str) -> list[str]:
    return [stem(t) for t in words(text)]


def _find(hay: Sequence[str], needle: Sequence[str]) -> int:
    """Index where ``needle`` starts as a run inside ``hay``, or -1."""
    n = len(needle)
    if n == 0 or n > len(hay):
        return -1
    first = needle[0]
    for i, s in enumerate(hay[: len(hay) - n + 1]):
        if s == first and tuple(hay[i : i + n]) == tuple(needle):
            return i
    return -1


@dataclass(frozen=True)
class _Term:
    label: str  # as written in the map (or the synonym list)
    stems: tuple[str, ...]
    weight: float


def _terms_for(gap: _GapLike) -> list[_Term]:
    out: dict[tuple[str, ...], _Term] = {}

    def add(label: str, share: float) -> None:
        key = tuple(stems(label))
        if not key:
            return
        weight = (PHRASE_WEIGHT if len(key) > 1 else WORD_WEIGHT) * share
        if key not in out or out[key].weight < weight:
            out[key] = _Term(label, key, weight)

    for label in [gap.id, *gap.keywords]:
        add(label, 1.0)
    related_index = _related_index()
    for label in [gap.id, *gap.keywords]:
        for related in related_index.get(tuple(stems(label)), ()):
            add(related, RELATED_SHARE)
    return list(out.values())


def _description(gap: _GapLike) -> str:
    parts = [gap.name, gap.summary, *gap.levels, *gap.prompts]
    for action in gap.actions:
        parts += [action.id.replace("-", " "), action.title, *action.how, action.evidence]
    return " ".join(parts)


def _map_text_terms(skill_map: _MapLike) -> dict[str, list[_Term]]:
    """Single words that the map's own descriptions of a gap use mostly for that gap.

    A word counts for a gap in proportion to the share of its uses that fall in that gap's
    summary, levels, prompts and actions; words spread over several gaps, rare words and common
    function words are left out.
    """
    uses: dict[str, dict[str, int]] = {}
    for gap in skill_map.gaps:
        for w in words(_description(gap)):
            if w in _STOP or len(w) < 3 or w.isdigit():
                continue
            per_gap = uses.setdefault(stem(w), {})
            per_gap[gap.id] = per_gap.get(gap.id, 0) + 1
    out: dict[str, list[_Term]] = {g.id: [] for g in skill_map.gaps}
    for word_stem, per_gap in uses.items():
        total = sum(per_gap.values())
        if total < MAP_TEXT_MIN_USES:
            continue
        for gap_id, n in per_gap.items():
            share = n / total
            if share >= MAP_TEXT_PURITY:
                out[gap_id].append(_Term(word_stem, (word_stem,), MAP_TEXT_WEIGHT * share))
    return out


def _index(skill_map: _MapLike) -> dict[str, list[_Term]]:
    terms = {g.id: _terms_for(g) for g in skill_map.gaps}
    owners: dict[tuple[str, ...], int] = {}
    for gap_terms in terms.values():
        for t in gap_terms:
            owners[t.stems] = owners.get(t.stems, 0) + 1
    index = {
        gap_id: [_Term(t.label, t.stems, t.weight / owners[t.stems]) for t in gap_terms]
        for gap_id, gap_terms in terms.items()
    }
    if MAP_TEXT_WEIGHT > 0:
        for gap_id, extra in _map_text_terms(skill_map).items():
            known = {t.stems for t in index[gap_id]}
            index[gap_id] += [t for t in extra if t.stems not in known and t.stems not in owners]
    return index


_CACHE: dict[int, tuple[object, dict[str, list[_Term]]]] = {}


def _cached_index(skill_map: _MapLike) -> dict[str, list[_Term]]:
    hit = _CACHE.get(id(skill_map))
    if hit is not None and hit[0] is skill_map:
        return hit[1]
    index = _index(skill_map)
    _CACHE.clear()
    _CACHE[id(skill_map)] = (skill_map, index)
    return index


def score_gaps(text: str, result: str, skill_map: _MapLike) -> list[Suggestion]:
    """Every gap with a score above zero, best first (ties in map order).

    ``matched`` holds the words as they were written in the text or result.
    """
    text_words, result_words = words(text), words(result)
    in_text = [stem(w) for w in text_words]
    in_result = [stem(w) for w in result_words]
    out: list[Suggestion] = []
    for gap_id, terms in _cached_index(skill_map).items():
        score = 0.0
        matched: list[str] = []
        for term in terms:
            n = len(term.stems)
            if (at := _find(in_text, term.stems)) >= 0:
                score += term.weight
                found = " ".join(text_words[at : at + n])
            elif (at := _find(in_result, term.stems)) >= 0:
                score += term.weight * RESULT_SHARE
                found = " ".join(result_words[at : at + n])
            else:
                continue
            if found not in matched:
                matched.append(found)
        if score > 0:
            out.append(Suggestion(gap_id, round(score, 3), tuple(matched)))
    order = {g.id: i for i, g in enumerate(skill_map.gaps)}
    out.sort(key=lambda s: (-s.score, order[s.gap]))
    return out


def best(suggestions: Sequence[Suggestion]) -> Suggestion | None:
    """The suggestion to apply, or None when the evidence is too thin or too evenly split."""
    if not suggestions or suggestions[0].score < MIN_SCORE:
        return None
    runner_up = suggestions[1].score if len(suggestions) > 1 else 0.0
    if suggestions[0].score - runner_up < MIN_LEAD:
        return None
    return suggestions[0]


def suggest_gap(
    text: str, result: str, skill_map: _MapLike, model: GapModel | None = None
) -> Suggestion | None:
    """The one gap to tag automatically, or None.

    With a trained ``model`` (built-in maps) its probabilities and thresholds decide, and a
    runner-up nearly as likely is named in ``also``; without one the keyword rule decides (see
    :func:`best`). ``score`` is then the probability, ``matched`` the words that weighed most.
    """
    if model is None:
        return best(score_gaps(text, result, skill_map))
    applied, also = model.decide(model.rank(text, result))
    if applied is None:
        return None
    return Suggestion(
        applied.gap, round(applied.probability, 3), applied.words, also.gap if also else None
    )


def shortlist(
    text: str, result: str, skill_map: _MapLike, model: GapModel | None = None
) -> tuple[str, ...]:
    """When no gap is applied but two are both likely (the runner-up reaches the model's
    ``second`` threshold): those two, most likely first. Empty otherwise, and without a model."""
    if model is None:
        return ()
    return model_shortlist(text, result, model)


def model_shortlist(text: str, result: str, model: GapModel) -> tuple[str, ...]:
    """:func:`shortlist` with a trained model (which needs nothing else of the map)."""
    ranked = model.rank(text, result)
    applied, also = model.decide(ranked)
    if applied is not None or also is None:
        return ()
    return (ranked[0].gap, also.gap)


def pretick_gaps(
    text: str, result: str, skill_map: _MapLike, model: GapModel | None = None
) -> list[str]:
    """Gap ids the interactive form pre-ticks for this text (at most :data:`PRETICK_MAX`).

    With a model: the most likely gap when it clears the probability threshold (a close
    runner-up does not stop it, since the user confirms), plus the runner-up when it reaches the
    model's ``also`` threshold, as ``log`` would name it.
    """
    if model is None:
        return pretick(score_gaps(text, result, skill_map))
    ranked = model.rank(text, result)
    if not ranked or not ranked[0].words or ranked[0].probability < model.thresholds.min_top:
        return []
    picked = [ranked[0].gap]
    if len(ranked) > 1 and ranked[1].probability >= model.thresholds.also:
        picked.append(ranked[1].gap)
    return picked[:PRETICK_MAX]


def pretick(suggestions: Sequence[Suggestion]) -> list[str]:
    """Gap ids to pre-tick in the form: the best gap when it clears MIN_SCORE, plus close ones."""
    if not suggestions or suggestions[0].score < MIN_SCORE:
        return []
    top = suggestions[0].score
    picked = [s.gap for s in suggestions if s.score >= max(MIN_SCORE, top * PRETICK_SHARE)]
    return picked[:PRETICK_MAX]


def gap_for_label(label: str, skill_map: _MapLike) -> str | None:
    """The gap a tag or short label names: its id, or one of its keywords (any word form).

    Used by import to turn a journal tag such as ``@delegation`` or ``@mentoring`` into a gap.
    Returns None when nothing matches or when the label belongs to more than one gap.
    """
    key = tuple(stems(label.replace("_", " ")))
    if not key:
        return None
    by_id = [g.id for g in skill_map.gaps if tuple(stems(g.id)) == key]
    if by_id:
        return by_id[0]
    hits = {g.id for g in skill_map.gaps for kw in g.keywords if tuple(stems(kw)) == key}
    return hits.pop() if len(hits) == 1 else None
