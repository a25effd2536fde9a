"""Train the target-sentiment model and write ``analysis/models/target_sentiment.json``.

Run: ``python -m analysis.validation.train_target_sentiment [--out PATH]`` (a few minutes on
two cores). Data: NewsMTSC ``train.jsonl`` from the shared folder (MIT licence per its dataset
card); dev-rw and dev-mt are scored only once, after everything is chosen, for the record.

Steps, all deterministic (fixed fold seed, deterministic solver, sorted vocabulary; the
provenance's date is today's, or that of ``SOURCE_DATE_EPOCH`` when set, so that a rerun
can rewrite the same bytes):

1. Features from :func:`analysis.measures.sentiment.targets.target_features`, the runtime's own code.
2. For each regularisation strength in :data:`C_GRID`: 5-fold cross-validation grouped by
   sentence (all targets of a sentence in one fold). Within each fold the model is fitted,
   pruned (terms whose largest centred weight is below :data:`PRUNE_BELOW` are dropped),
   refitted on the kept terms, exported to plain data and scored by the runtime's pure-Python
   scorer, so the figure is that of the shipped kind of model.
3. The best C by mean macro-F1 is fitted, pruned and refitted on all of train and written.

The feature set and the fixed settings were chosen beforehand by the same grouped
cross-validation on train (macro-F1 of unpruned models; differences below about 0.003 are
within fold noise): sentence words plus window words and pairs alone 0.622 (C=1); adding
the lexicon, VADER, quotation and shape cues 0.651; C=2 0.658 (balanced class weights;
none 0.656); adding the neighbours, clause words and clause valence and dropping punctuation
from the sentence words 0.667; sentence unigrams only instead of uni- and bigrams 0.669;
adding the clause's VADER compound 0.670. Window 5 (4: 0.665, 6: 0.667); cue scale 0.25
(0.5: 0.656, 1: 0.649 at C=1); idf helped (without: 0.652); sublinear tf and min_df 2 made no
difference (min_df 2 keeps the vocabulary smaller). Negation-marked tokens, distance-weighted
valence, clause word pairs, a speaker-by-valence interaction and a name/pronoun term did not
help. Pruning at C=2: threshold 0 0.666 (30,555 terms), 0.1 0.667 (26,597), 0.2 0.663
(17,138), 0.3 0.661 (9,749), 0.5 0.650 (2,893); 0.2 is the smallest model within 0.005 of
the best.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
from pathlib import Path

import numpy as np
import sklearn
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from analysis.config import require_shared
from analysis.lexicon import MODEL_DIR
from analysis.measures.sentiment.targets import (
    LABELS,
    MODEL_NAME,
    TargetFeatures,
    TargetModel,
    target_features,
)
from analysis.validation import newsmtsc

C_GRID = (1.0, 2.0, 4.0)
CUE_SCALE = 0.25
PRUNE_BELOW = 0.2
MIN_DF = 2
FOLDS = 5
SEED = 0
DIGITS = 4

FEATURES = (
    "computed by analysis.measures.sentiment.targets.target_features (its docstring has the detail). "
    "Terms: the sentence's words with the target removed (s:), tokens and token pairs in "
    "5-token windows left and right of the target (l:, r:), the one and two tokens next to it "
    "(l1:, r1:, l2:, r2:), the words of its clause (cl:, cr:). Cues: VADER lexicon valence sums "
    "(positive, negative; negation-flipped; log1p) in each window, clause half and the "
    "sentence; VADER compound of the sentence, the 5-word window and the clause; negation near "
    "the target; target inside quotes; sentence quotes; target is the speaker; pronoun; "
    "sentence-initial. The target's own words enter only the window and clause compounds and "
    "the pronoun cue."
)

Features = list[TargetFeatures]


def featurise(targets: list[newsmtsc.Target]) -> Features:
    """Terms and cues of every target, computed by the runtime's code."""
    return [target_features(t.text, t.start, t.end) for t in targets]


def _identity(terms: list[str]) -> list[str]:
    return terms


def fit(
    features: Features, labels: list[str], c: float, vocabulary: list[str] | None = None
) -> dict:
    """Fit TF-IDF plus logistic regression; return the model as plain data (centred weights)."""
    tfidf = TfidfVectorizer(
        analyzer=_identity, sublinear_tf=True, min_df=MIN_DF, vocabulary=vocabulary
    )
    terms = tfidf.fit_transform([f.terms for f in features])
    cue_names = list(features[0].cues)
    cues = np.array([[f.cues[name] for name in cue_names] for f in features]) * CUE_SCALE
    matrix = hstack([terms, cues]).tocsr()
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=5000).fit(matrix, labels)
    assert tuple(model.classes_) == LABELS, model.classes_
    coef = model.coef_ - model.coef_.mean(axis=0)  # softmax is unchanged; weights read per label
    intercept = model.intercept_ - model.intercept_.mean()
    vocab = tfidf.get_feature_names_out()
    n_terms = len(vocab)
    return {
        "classes": list(LABELS),
        "intercept": [round(float(b), DIGITS) for b in intercept],
        "cue_scale": CUE_SCALE,
        "cues": {name: _rounded(coef[:, n_terms + i]) for i, name in enumerate(cue_names)},
        "terms": {
            str(term): [round(float(idf), DIGITS), *_rounded(coef[:, i])]
            for i, (term, idf) in enumerate(zip(vocab, tfidf.idf_))
        },
    }


def _rounded(weights: np.ndarray) -> list[float]:
    return [round(float(w), DIGITS) for w in weights]


def train(features: Features, labels: list[str], c: float) -> dict:
    """Fit, drop the terms whose weights are all tiny, refit on the kept terms."""
    full = fit(features, labels, c)
    kept = sorted(t for t, row in full["terms"].items() if max(map(abs, row[1:])) >= PRUNE_BELOW)
    return fit(features, labels, c, vocabulary=kept)


def predict(model: dict, features: Features) -> list[str]:
    """Labels from the runtime's pure-Python scorer."""
    scorer = TargetModel(model)
    return [scorer.score(f).label for f in features]


def sentence_groups(targets: list[newsmtsc.Target]) -> list[int]:
    """One group number per distinct sentence, so its targets stay in one fold."""
    ids: dict[str, int] = {}
    return [ids.setdefault(t.text, len(ids)) for t in targets]


def cross_validate(
    features: Features, labels: list[str], groups: list[int], c: float
) -> list[float]:
    """Macro-F1 of each of the grouped folds."""
    folds = GroupKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    out = []
    for train_idx, test_idx in folds.split(features, labels, groups):
        model = train([features[i] for i in train_idx], [labels[i] for i in train_idx], c)
        gold = [labels[i] for i in test_idx]
        out.append(
            newsmtsc.scores(gold, predict(model, [features[i] for i in test_idx]))["macro_f1"]
        )
    return out


def provenance(
    c: float, cv: dict[float, list[float]], dev: dict[str, dict], n_targets: int
) -> dict:
    """Where the weights come from and how well they do."""
    data = require_shared("benchmarks", "newsmtsc", "train.jsonl").read_bytes()
    stamp = int(os.environ.get("SOURCE_DATE_EPOCH", dt.datetime.now(dt.timezone.utc).timestamp()))
    return {
        "model": f"multinomial logistic regression, L2, C={c}, class_weight balanced; terms as "
        f"TF-IDF (sublinear tf, smoothed idf, min_df {MIN_DF}, L2 norm), cues x {CUE_SCALE}",
        "features": FEATURES,
        "data": "NewsMTSC train.jsonl (Hamborg and Donnay, EACL 2021), "
        "github.com/fhamborg/NewsMTSC",
        "data_licence": "MIT (per the NewsMTSC dataset card)",
        "data_sha256": hashlib.sha256(data).hexdigest(),
        "training_targets": n_targets,
        "training_command": "python -m analysis.validation.train_target_sentiment",
        "sklearn_version": sklearn.__version__,
        "date": dt.datetime.fromtimestamp(stamp, dt.timezone.utc).date().isoformat(),
        "pruning": f"terms with every |centred weight| < {PRUNE_BELOW} dropped, then refitted",
        "weights": "centred across labels (the softmax is unchanged); "
        "terms: [idf, w_negative, w_neutral, w_positive]; cues: [w_negative, w_neutral, "
        "w_positive]",
        "cv": f"{FOLDS}-fold GroupKFold by sentence (shuffle seed {SEED}) on train; each fold's "
        "model pruned, refitted and scored in pure Python like the shipped one; C chosen by the "
        "mean macro-F1",
        "cv_macro_f1": {
            f"C={k}": {"mean": round(float(np.mean(v)), 4), "folds": v} for k, v in cv.items()
        },
        "dev_scores": dev,
        "dev_note": "NewsMTSC dev-rw and dev-mt, scored once after every choice was made; "
        "python -m analysis.validation.newsmtsc reproduces them beside the VADER baselines",
    }


def write(model: dict, path: Path) -> None:
    """JSON: the provenance indented, then one line per cue and per term."""
    parts = []
    for key, value in model.items():
        if key == "provenance":
            body = json.dumps(value, indent=1, ensure_ascii=False).replace("\n", "\n ")
        elif isinstance(value, dict):
            body = (
                "{\n"
                + ",\n".join(f"  {_compact(k)}: {_compact(v)}" for k, v in value.items())
                + "\n }"
            )
        else:
            body = _compact(value)
        parts.append(f" {_compact(key)}: {body}")
    path.write_text("{\n" + ",\n".join(parts) + "\n}\n", encoding="utf-8")


def _compact(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=MODEL_DIR / f"{MODEL_NAME}.json")
    args = parser.parse_args()
    targets = newsmtsc.load("train")
    features, labels = featurise(targets), [t.label for t in targets]
    groups = sentence_groups(targets)
    cv = {}
    for c in C_GRID:
        cv[c] = cross_validate(features, labels, groups, c)
        folds = ", ".join(f"{score:.4f}" for score in cv[c])
        print(f"C={c}: CV macro-F1 {np.mean(cv[c]):.4f} (folds {folds})", flush=True)
    best = max(C_GRID, key=lambda c: (np.mean(cv[c]), -c))
    model = train(features, labels, best)
    dev = {}
    for split in newsmtsc.SPLITS:
        gold = newsmtsc.load(split)
        dev[split] = newsmtsc.scores([t.label for t in gold], predict(model, featurise(gold)))
        print(f"{split}: {dev[split]}")
    write({"provenance": provenance(best, cv, dev, len(targets)), **model}, args.out)
    print(f"C={best}, {len(model['terms'])} terms, {args.out.stat().st_size} bytes -> {args.out}")


if __name__ == "__main__":
    main()
