"""Validate sentiment toward a target on NewsMTSC dev-rw and dev-mt.

NewsMTSC (Hamborg and Donnay, EACL 2021; MIT licence per its dataset card) labels the
polarity of a news sentence toward each target mention: 2.0 negative, 4.0 neutral,
6.0 positive. Every target counts once, as listed (dev-mt lists a few mentions twice, under
two entity ids). Three scorers are compared by macro-F1 over the three labels, per-label F1
and accuracy:

- ``target``: :func:`analysis.measures.sentiment.targets.score_targets`, the trained model;
- ``vader_sentence``: vaderSentiment compound of the whole sentence, positive at >= 0.05,
  negative at <= -0.05, neutral between (VADER's README thresholds);
- ``vader_window``: the same on the target's words plus :data:`WINDOW_WORDS` white-space
  words each side. 12 is the best size on NewsMTSC *train* among 2 to 20 (macro-F1 0.531;
  5 words 0.504, 8 0.524, 20 0.528); the dev files were not used to choose it.

Run: ``python -m analysis.validation.newsmtsc`` (prints a table; well under a minute).
Raises :class:`analysis.config.SharedMissing` when the shared data folder is absent.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import NamedTuple

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis.config import SharedMissing, require_shared
from analysis.measures.sentiment.targets import LABELS, score_targets

SPLITS = ("dev-rw", "dev-mt")
POLARITY_LABELS = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
VADER_THRESHOLD = 0.05
WINDOW_WORDS = 12


class Target(NamedTuple):
    """One annotated target: the sentence, the mention's offsets and its gold label."""

    text: str
    start: int
    end: int
    label: str


def load(split: str) -> list[Target]:
    """The targets of ``benchmarks/newsmtsc/<split>.jsonl`` (train, dev-rw or dev-mt)."""
    path = require_shared("benchmarks", "newsmtsc", f"{split}.jsonl")
    targets = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            text = record["sentence_normalized"]
            for target in record["targets"]:
                label = POLARITY_LABELS[target["polarity"]]
                targets.append(Target(text, target["from"], target["to"], label))
    return targets


def scores(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    """Macro-F1, F1 per label and accuracy, rounded to 4 decimals."""
    out = {}
    for label in LABELS:
        tp = sum(g == p == label for g, p in zip(gold, predicted))
        n_pred, n_gold = predicted.count(label), gold.count(label)
        out[f"f1_{label}"] = round(2 * tp / (n_pred + n_gold), 4) if n_pred + n_gold else 0.0
    out = {"macro_f1": round(sum(out.values()) / len(LABELS), 4), **out}
    out["accuracy"] = round(sum(g == p for g, p in zip(gold, predicted)) / len(gold), 4)
    return out


def vader_label(compound: float) -> str:
    """VADER's three classes from a compound score (thresholds +-0.05)."""
    if compound >= VADER_THRESHOLD:
        return "positive"
    if compound <= -VADER_THRESHOLD:
        return "negative"
    return "neutral"


def window(target: Target, size: int = WINDOW_WORDS) -> str:
    """The target's words and ``size`` white-space separated words on each side."""
    before = target.text[: target.start].split()[-size:]
    after = target.text[target.end :].split()[:size]
    return " ".join(before + target.text[target.start : target.end].split() + after)


def scorers() -> dict[str, Callable[[list[Target]], list[str]]]:
    """Name -> function from targets to predicted labels."""
    compound = SentimentIntensityAnalyzer().polarity_scores
    return {
        "target": lambda ts: [r.label for r in score_targets((t.text, t.start, t.end) for t in ts)],
        "vader_sentence": lambda ts: [vader_label(compound(t.text)["compound"]) for t in ts],
        "vader_window": lambda ts: [vader_label(compound(window(t))["compound"]) for t in ts],
    }


def run() -> dict:
    """``{split: {scorer: scores}}`` for dev-rw and dev-mt."""
    results = {}
    for split in SPLITS:
        targets = load(split)
        gold = [t.label for t in targets]
        results[split] = {
            name: scores(gold, predict(targets)) for name, predict in scorers().items()
        }
    return results


def main() -> None:
    try:
        results = run()
    except SharedMissing as error:
        raise SystemExit(f"NewsMTSC validation skipped: {error}") from None
    columns = ["macro_f1", *(f"f1_{label}" for label in LABELS), "accuracy"]
    print(f"{'split':8} {'scorer':15} " + " ".join(f"{c:>11}" for c in columns))
    for split, by_scorer in results.items():
        for name, row in by_scorer.items():
            print(f"{split:8} {name:15} " + " ".join(f"{row[c]:>11.4f}" for c in columns))


if __name__ == "__main__":
    main()
