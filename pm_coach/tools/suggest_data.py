"""What training and evaluating the gap suggester share: reading labelled statements, turning a
skill map's own texts into training examples, cross-validation, and the figures we report.

A labelled file holds ``[[statement]]`` tables: ``gap`` (the main gap), ``text``, and optionally
``result`` and ``also`` (a second gap the statement shows too).
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pm_coach.core.gap_model import Example, GapModel, Ranked, Thresholds, fit
from pm_coach.models import SkillMap

FOLDS = 5
ALSO_SHARE = 0.5  # a statement's second gap learns from it at half weight
ALSO_HITS = 0.5  # a runner-up is named next to an applied gap when it is right this often
SHORTLIST_HITS = 0.9  # the best two gaps are named when they hold the right one this often
TARGET_PRECISION = 0.96  # thresholds keep at least this precision on held-out predictions


@dataclass(frozen=True)
class Statement:
    gap: str
    text: str
    result: str = ""
    also: str = ""


def load_statements(path: Path, gap_ids: Sequence[str] | None = None) -> list[Statement]:
    """The ``[[statement]]`` tables of a TOML file; every gap must be one of ``gap_ids``."""
    with open(path, "rb") as fh:
        raw = tomllib.load(fh).get("statement", [])
    out: list[Statement] = []
    for i, item in enumerate(raw, start=1):
        if not isinstance(item.get("gap"), str) or not isinstance(item.get("text"), str):
            raise ValueError(f"{path}: statement {i}: needs a text 'gap' and a text 'text'")
        st = Statement(
            gap=str(item["gap"]),
            text=str(item["text"]),
            result=str(item.get("result", "")),
            also=str(item.get("also", "")),
        )
        if gap_ids is not None:
            for g in (st.gap, st.also):
                if g and g not in gap_ids:
                    raise ValueError(f"{path}: statement {i}: unknown gap {g!r}")
        out.append(st)
    return out


def as_example(st: Statement) -> Example:
    labels = {st.gap: 1.0}
    if st.also and st.also != st.gap:
        labels[st.also] = ALSO_SHARE
    return Example(st.text, labels, st.result)


def map_examples(skill_map: SkillMap) -> list[Example]:
    """Each gap's own words in the map: name, summary, levels, keywords, prompts, actions."""
    out: list[Example] = []
    for gap in skill_map.gaps:
        label = {gap.id: 1.0}
        texts = [gap.name, gap.summary, *gap.levels, *gap.keywords, *gap.prompts]
        for action in gap.actions:
            texts += [action.title, *action.how, action.evidence]
        out += [Example(t, label) for t in texts]
    return out


def train(statements: Sequence[Statement], skill_map: SkillMap) -> dict[str, Any]:
    return fit([*map_examples(skill_map), *map(as_example, statements)], skill_map.gap_ids)


def folds(statements: Sequence[Statement], k: int = FOLDS) -> list[list[int]]:
    """Deterministic folds, balanced per gap: the n-th statement of each gap goes to fold n % k."""
    seen: dict[str, int] = {}
    out: list[list[int]] = [[] for _ in range(k)]
    for i, st in enumerate(statements):
        n = seen.get(st.gap, 0)
        seen[st.gap] = n + 1
        out[n % k].append(i)
    return out


def held_out_models(
    statements: Sequence[Statement], skill_map: SkillMap
) -> list[tuple[list[int], GapModel]]:
    """Per fold: the statements held out and a model trained without them."""
    out: list[tuple[list[int], GapModel]] = []
    for fold in folds(statements):
        held = set(fold)
        data = train([s for i, s in enumerate(statements) if i not in held], skill_map)
        thresholds = Thresholds(1.0, 1.0, 1.0, 1.0)
        model = GapModel(data["gaps"], data["features"], thresholds, data["totals"], data["alpha"])
        out.append((fold, model))
    return out


def held_out_rankings(
    statements: Sequence[Statement], models: Sequence[tuple[list[int], GapModel]]
) -> list[list[Ranked]]:
    """For every statement, the ranking by the model trained without its fold."""
    out: list[list[Ranked]] = [[] for _ in statements]
    for fold, model in models:
        for i in fold:
            out[i] = model.rank(statements[i].text, statements[i].result)
    return out


def choose_scale(
    statements: Sequence[Statement], models: Sequence[tuple[list[int], GapModel]]
) -> float:
    """The score scale whose held-out probabilities fit the labels best (least log loss)."""
    scored: list[tuple[list[float], int]] = []
    for fold, model in models:
        for i in fold:
            scores, seen = model.scores(statements[i].text, statements[i].result)
            if seen:
                scored.append((scores, model.gaps.index(statements[i].gap)))
    best = (math.inf, 1.0)
    for step in range(2, 31):
        scale = round(step * 0.05, 2)
        loss = 0.0
        for scores, truth in scored:
            top = max(scores)
            total = sum(math.exp((s - top) * scale) for s in scores)
            loss -= (scores[truth] - top) * scale - math.log(total)
        best = min(best, (loss / max(1, len(scored)), scale))
    return best[1]


@dataclass
class Figures:
    n: int = 0
    correct: int = 0  # applied, and the statement's main gap
    also: int = 0  # applied, and the statement's second gap
    wrong: int = 0  # applied, and neither
    ranked_first: int = 0
    gaps: list[str] = field(default_factory=list)  # the map's gaps, in order
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def applied(self) -> int:
        return self.correct + self.also + self.wrong

    @property
    def applied_correct(self) -> float:
        return self.correct / self.n if self.n else 0.0

    @property
    def precision(self) -> float:
        return self.correct / self.applied if self.applied else 1.0

    @property
    def precision_either(self) -> float:
        """Like precision, but a tag naming a statement's second gap counts as right too."""
        return (self.correct + self.also) / self.applied if self.applied else 1.0

    @property
    def abstain(self) -> float:
        return (self.n - self.applied) / self.n if self.n else 0.0


NONE = "(none)"


def measure(
    statements: Sequence[Statement], rankings: Sequence[Sequence[Ranked]], model: GapModel
) -> Figures:
    fig = Figures(gaps=list(model.gaps))
    for st, ranked in zip(statements, rankings, strict=True):
        applied, _ = model.decide(ranked)
        fig.n += 1
        if ranked and ranked[0].gap == st.gap and ranked[0].words:
            fig.ranked_first += 1
        got = applied.gap if applied else NONE
        row = fig.confusion.setdefault(st.gap, {})
        row[got] = row.get(got, 0) + 1
        if applied is None:
            continue
        if applied.gap == st.gap:
            fig.correct += 1
        elif applied.gap == st.also:
            fig.also += 1
        else:
            fig.wrong += 1
    return fig


def choose_thresholds(
    statements: Sequence[Statement],
    rankings: Sequence[Sequence[Ranked]],
    gaps: Sequence[str],
    scale: float,
) -> Thresholds:
    """The loosest thresholds that keep held-out precision at TARGET_PRECISION or better.

    Among all (top, margin) pairs on a 0.05 grid, take the one that applies the main gap most
    often while precision (a tag naming a statement's second gap counts as right here) stays at
    the target; ties go to the stricter pair. The runner-up threshold is the one that best
    matches the statements labelled with a second gap.
    """
    best: tuple[float, float, float] | None = None
    steps = [round(x * 0.05, 2) for x in range(0, 20)]
    for top in steps[6:]:
        for margin in steps[:13]:
            model = GapModel(gaps, {}, Thresholds(scale, top, margin, 1.0))
            fig = measure(statements, rankings, model)
            if fig.precision_either < TARGET_PRECISION:
                continue
            key = (fig.applied_correct, top, margin)
            if best is None or key > best:
                best = key
    top, margin = (best[1], best[2]) if best else (0.95, 0.6)
    thresholds = Thresholds(scale, top, margin, _choose_second(statements, rankings))
    return thresholds._replace(also=_choose_also(statements, rankings, thresholds))


def _choose_second(statements: Sequence[Statement], rankings: Sequence[Sequence[Ranked]]) -> float:
    """The lowest runner-up probability (0.20 to 0.45) from which the best two gaps make a
    shortlist worth showing: among held-out statements whose runner-up reaches it, the main gap
    is one of the two at least SHORTLIST_HITS of the time."""
    for step in range(4, 10):
        cut = round(step * 0.05, 2)
        shown = [
            (st, ranked)
            for st, ranked in zip(statements, rankings, strict=True)
            if len(ranked) > 1 and ranked[1].probability >= cut
        ]
        hits = sum(1 for st, ranked in shown if st.gap in (ranked[0].gap, ranked[1].gap))
        if shown and hits / len(shown) >= SHORTLIST_HITS:
            return cut
    return 0.45


def _choose_also(
    statements: Sequence[Statement], rankings: Sequence[Sequence[Ranked]], thresholds: Thresholds
) -> float:
    """The lowest runner-up probability (0.20 to 0.45) at which naming the runner-up next to an
    applied gap is right (it is one of the statement's labelled gaps) at least ALSO_HITS of the
    time, held out; 1.0 (never) when no cut is that good."""
    model = GapModel((), {}, thresholds._replace(also=0.0))
    applied = [
        (st, ranked)
        for st, ranked in zip(statements, rankings, strict=True)
        if model.decide(ranked)[0] is not None and len(ranked) > 1
    ]
    for step in range(4, 10):
        cut = round(step * 0.05, 2)
        shown = [(st, ranked[1]) for st, ranked in applied if ranked[1].probability >= cut]
        hits = sum(1 for st, second in shown if second.gap in (st.gap, st.also))
        if len(shown) >= 5 and hits / len(shown) >= ALSO_HITS:
            return cut
    return 1.0


def format_figures(fig: Figures, *, ranked: bool = True) -> str:
    """The figures as printed by the tools; ``ranked`` adds how often the main gap ranked first."""
    gaps = fig.gaps
    lines = [
        f"n                      {fig.n}",
        f"applied and correct    {fig.applied_correct:.1%}",
        f"precision              {fig.precision:.1%}",
        *(
            [f"precision, either gap  {fig.precision_either:.1%}  (a tag naming the second gap)"]
            if fig.also
            else []
        ),
        f"abstain                {fig.abstain:.1%}",
        *(
            [f"ranked first           {fig.ranked_first / fig.n if fig.n else 0:.1%}"]
            if ranked
            else []
        ),
        "",
        "confusion (rows: labelled gap, columns: applied gap)",
    ]
    cols = [*gaps, NONE]
    width = max(len(c) for c in [*cols, "labelled"]) + 2
    lines.append("labelled".ljust(width) + "".join(c.rjust(width) for c in cols))
    for g in gaps:
        if g not in fig.confusion:
            continue
        row = fig.confusion[g]
        lines.append(g.ljust(width) + "".join(str(row.get(c, 0)).rjust(width) for c in cols))
    return "\n".join(lines)
