"""A small trained classifier that reads a piece of evidence and says which gap it shows.

Multinomial naive Bayes over word stems and pairs of adjacent stems, trained offline from
labelled statements (``skill_maps/training/``) plus each gap's own words in the skill map; the
weights ship as a text file per built-in map (``skill_maps/weights/<map>.txt``, see
:func:`dump_weights`). Inference finds the few lines a text needs in that file, sums them and
takes one softmax: standard library only, nothing parsed up front, so ``log`` stays fast.

Everything here is pure: training takes the statements as values and returns the weights as a
plain dict; reading and writing the files is for ``store`` and ``pm_coach.tools``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple

from pm_coach.core.suggest import stem, words

FORMAT = 1
ALPHA = 1.0  # additive (Laplace) smoothing of the per-gap feature counts
MIN_FEATURE_WEIGHT = 1.0  # a feature must occur (weighted) this often in training to be kept
RESULT_SHARE = 1.0  # how much a word in the result counts against one in the text
DECIMALS = 4  # weights are rounded so the file is stable and small

# Function words that say nothing about a gap on their own. They still join their neighbour in a
# word pair, so "buy in" and "said no" are features even though "in" and "no" are not.
_STOP = frozenset(
    """
    a an the and or but of to for with on in at by from as into onto about over under than then
    i we my our me us you your he she his her they their them it its this that these those
    is are was were be been being am do does did done have has had will would can could should
    so such very just also too up out off all any some each every which who whom what when where
    how there here if while after before because via per
    """.split()
)


class Feature(NamedTuple):
    key: str  # "stem" or "stem stem"
    surface: str  # the words as written, for telling the user what led to a suggestion


def features(text: str) -> list[Feature]:
    """Distinct features of a text, in the order they first appear."""
    written = words(text)
    stems = [stem(w) for w in written]
    out: dict[str, Feature] = {}
    for i, s in enumerate(stems):
        if s not in _STOP and len(s) > 1 and not s.isdigit() and s not in out:
            out[s] = Feature(s, written[i])
        if i + 1 < len(stems):
            a, b = s, stems[i + 1]
            if (a in _STOP and b in _STOP) or a.isdigit() or b.isdigit():
                continue
            key = f"{a} {b}"
            if key not in out:
                out[key] = Feature(key, f"{written[i]} {written[i + 1]}")
    return list(out.values())


def _weighted(text: str, result: str) -> dict[str, tuple[float, str]]:
    found: dict[str, tuple[float, str]] = {}
    for f in features(result):
        found[f.key] = (RESULT_SHARE, f.surface)
    for f in features(text):
        found[f.key] = (1.0, f.surface)
    return found


# --- training -----------------------------------------------------------------------------------


class Example(NamedTuple):
    """One training statement: its text, its result, and how much it counts for each gap."""

    text: str
    labels: Mapping[str, float]
    result: str = ""


def fit(examples: Iterable[Example], gaps: Sequence[str]) -> dict[str, Any]:
    """Train on ``examples`` and return the model as plain data (see :class:`GapModel`).

    Naive Bayes needs only counts: for each feature, how often (weighted) it occurred in each
    gap's examples, plus each gap's total. They are kept as written ("2 0 0.5 0 0") and turned
    into log probabilities only for the features a text contains, so loading stays cheap. Gaps
    get equal prior weight: the training data is balanced by design.
    """
    counts: dict[str, list[float]] = {}
    totals = [0.0] * len(gaps)
    index = {g: i for i, g in enumerate(gaps)}
    for ex in examples:
        feats = _weighted(ex.text, ex.result)
        for gap, share in ex.labels.items():
            gi = index[gap]
            for key, (w, _) in feats.items():
                row = counts.setdefault(key, [0.0] * len(gaps))
                row[gi] += w * share
                totals[gi] += w * share
    kept = {k: row for k, row in counts.items() if sum(row) >= MIN_FEATURE_WEIGHT}
    return {
        "format": FORMAT,
        "gaps": list(gaps),
        "alpha": ALPHA,
        "totals": [_num(t) for t in totals],
        "features": {k: " ".join(str(_num(c)) for c in kept[k]) for k in sorted(kept)},
    }


def _num(x: float) -> float | int:
    """A count as written: whole numbers without ".0", halves and the like kept exact."""
    x = round(x, DECIMALS)
    return int(x) if x == int(x) else x


# --- inference ----------------------------------------------------------------------------------


class Ranked(NamedTuple):
    gap: str
    probability: float
    words: tuple[str, ...]  # the words of the text that pointed to this gap most, strongest first


class Thresholds(NamedTuple):
    scale: float  # naive Bayes is overconfident: scores are multiplied by this before the softmax
    min_top: float  # apply the best gap only if its probability is at least this...
    min_margin: float  # ...and it leads the runner-up by at least this
    second: float  # with no gap applied, name the best two when the runner-up reaches this
    also: float = 1.0  # with a gap applied, name the runner-up too when it reaches this


_Seen = tuple[list[float], float, str]  # a known feature: weights per gap, share, words as written


class _Lines(Mapping[str, str]):
    """The feature lines of a weights file, looked up where they are instead of parsed up front:
    a text needs a few dozen of the thousands of lines."""

    def __init__(self, body: str, size: int) -> None:
        self.body = body  # starts with "\n"; each line is "feature<TAB>count count ..."
        self.size = size

    def __getitem__(self, key: str) -> str:
        at = self.body.find(f"\n{key}\t")
        if at < 0 or "\n" in key or "\t" in key:
            raise KeyError(key)
        start = at + len(key) + 2
        end = self.body.find("\n", start)
        return self.body[start : end if end >= 0 else len(self.body)]

    def __len__(self) -> int:
        return self.size

    def __iter__(self) -> Iterator[str]:
        for line in self.body.splitlines():
            if line:
                yield line.split("\t", 1)[0]


def _telling(surfaces: Sequence[str], limit: int = 3) -> tuple[str, ...]:
    """The words to show a user, strongest first: no overlapping repeats, and a pair with a
    function word in it ("the exec") only when nothing plainer is left."""
    plain = [s for s in surfaces if not any(stem(w) in _STOP for w in s.split())]
    shown: list[str] = []
    for surface in [*plain, *(s for s in surfaces if s not in plain)]:
        if not any(set(surface.split()) & set(s.split()) for s in shown):
            shown.append(surface)
    return tuple(shown[:limit])


_BODY = "--"  # the line between a weights file's settings and its feature lines
_THRESHOLDS = ("scale", "min_top", "min_margin", "second", "also")


def dump_weights(data: Mapping[str, Any]) -> str:
    """The weights file for the output of :func:`fit` plus ``map``, ``trained_on`` and
    ``thresholds``: a few "name value..." lines, a line "--", then one line per feature,
    "feature<TAB>count per gap", sorted, so that a retrain diffs line by line."""
    t = data["thresholds"]
    lines = [
        "# Gap suggester weights: naive Bayes counts per gap (see pm_coach/core/gap_model.py).",
        "# Written by: python -m pm_coach.tools.train_suggest  (do not edit by hand)",
        f"format {data['format']}",
        f"map {data['map']}",
        f"gaps {' '.join(data['gaps'])}",
        f"trained_on {data['trained_on']}",
        *(f"{name} {t[name]}" for name in _THRESHOLDS),
        f"alpha {data['alpha']}",
        f"totals {' '.join(str(x) for x in data['totals'])}",
        f"features {len(data['features'])}",
        _BODY,
        *(f"{key}\t{counts}" for key, counts in sorted(data["features"].items())),
    ]
    return "\n".join(lines) + "\n"


class GapModel:
    """A trained model: ``gaps`` in order, each feature's counts per gap, and the thresholds."""

    def __init__(
        self,
        gaps: Sequence[str],
        counts: Mapping[str, str],
        thresholds: Thresholds,
        totals: Sequence[float] = (),
        alpha: float = ALPHA,
    ) -> None:
        self.gaps = tuple(gaps)
        self.counts = counts
        self.thresholds = thresholds
        self.alpha = alpha
        totals = list(totals) or [1.0] * len(self.gaps)
        vocab = len(counts)
        self._denominators = [math.log(t + alpha * vocab) for t in totals]
        self._rows: dict[str, list[float] | None] = {}

    @classmethod
    def from_text(cls, text: str) -> GapModel | None:
        """The model in a weights file's text (see :func:`dump_weights`), or None if it is not
        one this version can read."""
        head, sep, body = text.partition(f"\n{_BODY}\n")
        if not sep:
            return None
        fields: dict[str, list[str]] = {}
        for line in head.splitlines():
            if line and not line.startswith("#"):
                name, *values = line.split()
                fields[name] = values
        try:
            if fields["format"] != [str(FORMAT)]:
                return None
            gaps = fields["gaps"]
            thresholds = Thresholds(*(float(fields[n][0]) for n in _THRESHOLDS))
            totals = [float(x) for x in fields["totals"]]
            alpha = float(fields["alpha"][0])
            vocab = int(fields["features"][0])
        except (KeyError, IndexError, ValueError):
            return None
        if not gaps or len(totals) != len(gaps):
            return None
        return cls(gaps, _Lines("\n" + body, vocab), thresholds, totals, alpha)

    @classmethod
    def for_map(cls, text: str | None, gap_ids: Sequence[str]) -> GapModel | None:
        """The model in ``text`` if it was trained for exactly these gaps, else None.

        A user's copy of a built-in map keeps its weights as long as it keeps its gap ids; a map
        with other gaps falls back to the keyword rule.
        """
        model = cls.from_text(text) if text is not None else None
        if model is None or sorted(model.gaps) != sorted(gap_ids):
            return None
        return model

    def weights(self, key: str) -> list[float] | None:
        """The feature's log probability for each gap, centred on their mean (None if unknown)."""
        if key in self._rows:
            return self._rows[key]
        raw = self.counts.get(key)
        row: list[float] | None = None
        if isinstance(raw, str):
            try:
                counts = [float(c) for c in raw.split()]
            except ValueError:
                counts = []
            if len(counts) == len(self.gaps):
                logs = [
                    math.log(c + self.alpha) - d
                    for c, d in zip(counts, self._denominators, strict=True)
                ]
                mean = sum(logs) / len(logs)
                row = [x - mean for x in logs]
        self._rows[key] = row
        return row

    def scores(self, text: str, result: str = "") -> tuple[list[float], list[_Seen]]:
        """Each gap's log score for the text, and the known features it contains."""
        n = len(self.gaps)
        scores = [0.0] * n
        seen: list[_Seen] = []
        for key, (share, surface) in _weighted(text, result).items():
            row = self.weights(key)
            if row is None:
                continue
            seen.append((row, share, surface))
            for i in range(n):
                scores[i] += row[i] * share
        return scores, seen

    def probabilities(self, scores: Sequence[float]) -> list[float]:
        top = max(scores)
        exp = [math.exp((s - top) * self.thresholds.scale) for s in scores]
        total = sum(exp)
        return [e / total for e in exp]

    def rank(self, text: str, result: str = "") -> list[Ranked]:
        """Every gap with its probability, most likely first (ties in map order).

        A text with no known feature gives every gap the same probability and no words.
        """
        scores, seen = self.scores(text, result)
        if not seen:
            return [Ranked(g, 1.0 / len(self.gaps), ()) for g in self.gaps]
        probs = self.probabilities(scores)
        out = []
        for i, gap in enumerate(self.gaps):
            lead = sorted(
                ((row[i] * share, surface) for row, share, surface in seen if row[i] > 0),
                key=lambda x: -x[0],
            )
            out.append(Ranked(gap, probs[i], _telling([surface for _, surface in lead])))
        order = {g: i for i, g in enumerate(self.gaps)}
        out.sort(key=lambda r: (-r.probability, order[r.gap]))
        return out

    def decide(self, ranked: Sequence[Ranked]) -> tuple[Ranked | None, Ranked | None]:
        """The gap to apply (or None) and a runner-up worth naming (or None): next to an applied
        gap when it reaches ``also``; with none applied when it reaches ``second``, so that the
        best two can be offered as a shortlist."""
        if not ranked or not ranked[0].words:
            return None, None
        first = ranked[0]
        second = ranked[1] if len(ranked) > 1 else None
        runner = second.probability if second else 0.0
        applied = (
            first
            if first.probability >= self.thresholds.min_top
            and first.probability - runner >= self.thresholds.min_margin
            else None
        )
        cut = self.thresholds.second if applied is None else self.thresholds.also
        also = second if second and second.probability >= cut else None
        return applied, also
