"""Train the reporting-cue classifier of :mod:`analysis.measures.sources.cue_model` on PolNeAR train.

``python -m analysis.validation.train_attribution_cues`` (needs ``../shared``; about ten minutes
the first time, while the train split is parsed and cached by :mod:`analysis.validation.polnear_parse`).

- Candidates: every verb and noun (and "according") of the parsed prose of the 840 train
  articles; a candidate is a cue when its characters overlap an annotated ``Cue`` span.
- Features seen fewer than ``MIN_COUNT`` times are dropped; a logistic regression (scikit-learn,
  balanced neither way) is fitted for each C of ``GRID_C`` in five folds grouped by article; the
  C and the probability threshold with the best out-of-fold F1 are kept, and the model is refitted
  on all of train with them.
- Written: ``models/attribution_cues.json`` (weights as plain data, the threshold, the
  out-of-fold figures beside the lexicon's own: a candidate the reporting lexicons list and
  :func:`analysis.measures.cues.find_cues` takes). Dev is never read here.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from analysis.validation.polnear import Doc, load_split

MODEL = Path(__file__).resolve().parents[1] / "models" / "attribution_cues.json"
MIN_COUNT = 3
TERMS = ("PolNeAR is distributed for research use; these weights are feature statistics learned from "
         "its annotations and hold none of its texts. Features are lemmas, dependency labels and "
         "neighbouring words, as listed in analysis.measures.sources.cue_model.")
#: A wider grid (0.03, 0.1, 0.3, 1, 3) chose 1.0 in the same cross-validation; the default
#: grid keeps that choice (each C costs five fits of a few minutes).
GRID_C = (1.0,)
THRESHOLDS = tuple(round(0.2 + 0.05 * i, 2) for i in range(13))


def candidate_rows(doc: Doc, article, parse) -> list[tuple[dict, int, bool]]:
    """(features, label, taken by the lexicon) for every candidate of one article."""
    from analysis.measures.cues import find_cues
    from analysis.measures.sources.cue_model import cue_features, is_candidate

    cues = [c for g in doc.attributions for c in g.cues]
    lexical = [(c.start, c.end) for s in article.sentences for c in find_cues(article.text, s.start, s.end)]
    out = []
    for piece, token in parse.tokens():
        if not is_candidate(token):
            continue
        a, b = parse.span_of(piece, token)
        label = int(any(a < e and s < b for s, e in cues))
        out.append((cue_features(token), label, any(a < e and s < b for s, e in lexical)))
    return out


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def main(argv: list[str] | None = None) -> int:
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    from analysis.validation.polnear_parse import parsed_split

    docs = {d.name: d for d in load_split("train")}
    parsed = parsed_split("train")
    rows, groups = [], []
    for name, (article, parse) in parsed.items():
        for row in candidate_rows(docs[name], article, parse):
            rows.append(row)
            groups.append(name)
    counts = Counter(k for f, _, _ in rows for k in f)
    feats = [{k: v for k, v in f.items() if counts[k] >= MIN_COUNT} for f, _, _ in rows]
    y = np.array([lab for _, lab, _ in rows])
    lex = np.array([t for _, _, t in rows])
    vec = DictVectorizer()
    X = vec.fit_transform(feats).tocsr()
    X.indices, X.indptr = X.indices.astype(np.int32), X.indptr.astype(np.int32)  # liblinear takes 32-bit indices
    groups = np.array(groups)
    print(f"{len(docs)} articles, {len(rows)} candidates, {int(y.sum())} cue tokens, {X.shape[1]} features", flush=True)
    best = None
    for c in GRID_C:
        oof = np.zeros(len(y))
        for tr, te in GroupKFold(n_splits=5).split(X, y, groups):
            clf = LogisticRegression(C=c, max_iter=2000, solver="liblinear").fit(X[tr], y[tr])
            oof[te] = clf.predict_proba(X[te])[:, 1]
        for t in THRESHOLDS:
            pred = oof >= t
            score = prf(int((pred & (y == 1)).sum()), int((pred & (y == 0)).sum()), int((~pred & (y == 1)).sum()))
            print(f"C {c} threshold {t}: {score}", flush=True)
            if best is None or score["f1"] > best[2]["f1"]:
                best = (c, t, score)
    c, t, score = best
    lexicon = prf(int((lex & (y == 1)).sum()), int((lex & (y == 0)).sum()), int((~lex & (y == 1)).sum()))
    clf = LogisticRegression(C=c, max_iter=2000, solver="liblinear").fit(X, y)
    names = vec.get_feature_names_out()
    weights = {n: round(float(w), 5) for n, w in zip(names, clf.coef_[0]) if abs(w) >= 1e-4}
    model = {
        "about": "Reporting-cue classifier over parsed candidates (analysis.measures.sources.cue_model). "
                 "Trained on PolNeAR train (840 articles; research use; no text is stored here) by "
                 "python -m analysis.validation.train_attribution_cues.",
        "data": "PolNeAR train split (Newell, Margolin and Ruths 2018), first listed annotator",
        "terms": TERMS,
        "candidates": len(rows), "cue_tokens": int(y.sum()), "C": c, "threshold": t,
        "cross_validation": {"folds": 5, "grouped_by": "article", "model": score, "lexicon": lexicon},
        "intercept": round(float(clf.intercept_[0]), 5),
        "weights": dict(sorted(weights.items())),
    }
    MODEL.write_text(json.dumps(model, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"kept C {c}, threshold {t}: out-of-fold {score}; lexicon {lexicon}; {len(weights)} weights -> {MODEL}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
