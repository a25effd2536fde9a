"""Train the learned quote-kind decision on PolNeAR train; write ``models/quote_kinds.json``.

    python -m analysis.validation.train_quote_kinds [--out PATH]

Unit: every quote our finder sees in a PolNeAR train article, outside the markup of embedded
posts. Silver labels (guidelines p. 23):
a quote overlapping an annotated Content is speech; speech whose quoted words cover at least
80 % of that Content is ``direct``, else ``partial`` (the content runs on outside the marks).
Features: :mod:`analysis.measures.quotes.features`, with the parse of the shipped spaCy model
and, as a second variant for articles not parsed, the text features only. Two logistic regressions (scikit-learn): speech
against not speech, and direct against partial among speech. The regularisation, the class
weighting and the decision threshold are chosen by 5-fold cross-validation by article on train
(macro-F1 of speech against not speech); the cross-validated figures are written beside the
weights. A rule that decides speech and is right on at least 95 % of at least 100 training
quotes (``firm_rules``) keeps its decision, with that share as its probability (a title-case
quote right after "chanted" is speech although title case mostly is not); the learned model
decides the rest. Dev is never read here: :mod:`analysis.validation.quotes` scores the shipped model on
it. Lexical features (``prev=``, ``next=``, ``next2=``, ``gov=``) are kept when they occur in
at least ``MIN_COUNT`` training quotes. The weights ship as plain JSON (no pickle).

Parsed features are cached in ``.cache/quote_kinds/`` (delete it after retraining the parser).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from analysis.measures.quotes.learned import logistic
from analysis.validation.polnear import Doc, load_split, overlaps

MODEL = Path(__file__).resolve().parents[1] / "models" / "quote_kinds.json"
CACHE = Path(".cache/quote_kinds")
MIN_COUNT = 5
LEXICAL = ("prev=", "next=", "next2=", "gov=")
GRID_C = (0.01, 0.03, 0.1, 0.3, 1.0)
FIRM_SHARE, FIRM_MIN = 0.95, 100
THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7)


def silver(doc: Doc, q) -> tuple[int, int | None]:
    """(speech 1/0, direct 1 / partial 0 / None when not speech) for one quote."""
    contents = [c for c in doc.contents if overlaps((q.start, q.end), c)]
    if not contents:
        return 0, None
    c = max(contents, key=lambda c: min(c[1], q.end) - max(c[0], q.start))
    covered = min(c[1], q.end) - max(c[0], q.start)
    return 1, int(covered >= 0.8 * (c[1] - c[0]))


def rows(split: str, use_parse: bool) -> list[dict]:
    """One row per found quote: article, offsets, features, labels. The text features are read
    afresh (fast); the parse features are cached per split."""
    from analysis.measures.quotes.kinds import decisions
    from analysis.measures.quotes.spans import find_quotes
    from analysis.read.reader import parse_text

    parsed = _parse_features(split) if use_parse else {}
    out = []
    for doc in load_split(split):
        article = parse_text(doc.text, "txt")
        quotes = find_quotes(article).quotes
        tags = doc.tag_spans()
        for q, (_, f, _) in zip(quotes, decisions(article, quotes)):
            if any(overlaps((q.start, q.end), t) for t in tags):
                continue  # markup of an embedded post (``<tweet author="...">``), not the article's prose
            speech, direct = silver(doc, q)
            f.update(parsed.get(f"{doc.name} {q.start} {q.end}", {}))
            out.append({"article": doc.name, "start": q.start, "end": q.end, "features": f,
                        "speech": speech, "direct": direct})
    return out


def _parse_features(split: str) -> dict[str, dict]:
    """The parse features of every quote of ``split`` by "article start end" (cached)."""
    cache = CACHE / f"{split}-parse.json"
    if cache.exists():
        return json.loads(cache.read_text(encoding="utf-8"))
    from analysis.measures.quotes.features import parse_features
    from analysis.measures.quotes.spans import find_quotes
    from analysis.measures.sources.actors import parse_prose
    from analysis.nlp import load
    from analysis.read.reader import parse_text

    nlp, out = load(None), {}
    for n, doc in enumerate(load_split(split)):
        article = parse_text(doc.text, "txt")
        tree = parse_prose(article, nlp)
        for q in find_quotes(article).quotes:
            out[f"{doc.name} {q.start} {q.end}"] = parse_features(tree, q)
        if n % 100 == 0:
            print(f"  parsing {split}: {n} articles", file=sys.stderr)
    CACHE.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps(out), encoding="utf-8")
    return out


def vocabulary(features: list[dict]) -> list[str]:
    """Feature names kept: every non-lexical one, and lexical ones seen ``MIN_COUNT`` times."""
    counts: dict[str, int] = {}
    for f in features:
        for k in f:
            counts[k] = counts.get(k, 0) + 1
    return sorted(k for k, n in counts.items() if not k.startswith(LEXICAL) or n >= MIN_COUNT)


def _fit(features, labels, vocab, c, weight):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    keep = set(vocab)
    vec = DictVectorizer(sparse=True)
    x = vec.fit_transform([{k: v for k, v in f.items() if k in keep and k != "bias"} for f in features])
    model = LogisticRegression(C=c, class_weight=weight, max_iter=2000)
    model.fit(x, labels)
    weights = dict(zip(vec.get_feature_names_out(), (float(w) for w in model.coef_[0])))
    return {"intercept": float(model.intercept_[0]), "weights": weights}


def _macro(pairs) -> float:
    from analysis.validation.scoring import prf_table

    return prf_table([("speech" if p else "not", "speech" if g else "not") for p, g in pairs], ("speech", "not"))["macro_f1"]


def _rule_key(features: dict) -> str:
    return next((k for k in features if k.startswith("rule_reason=")), "")


def firm_rules(data: list[dict]) -> dict[str, float]:
    """The rules that decide speech with a share of speech of at least ``FIRM_SHARE`` over at least
    ``FIRM_MIN`` training quotes: their decision stands, their share is its probability."""
    counts: dict[str, list[int]] = {}
    for r in data:
        if next((k for k in r["features"] if k.startswith("rule=")), "") in ("rule=direct", "rule=partial"):
            c = counts.setdefault(_rule_key(r["features"]), [0, 0])
            c[0] += r["speech"]
            c[1] += 1
    return {k: round(s / n, 4) for k, (s, n) in sorted(counts.items()) if n >= FIRM_MIN and s / n >= FIRM_SHARE}


def _predict(model: dict, firm: dict[str, float], f: dict) -> float:
    return firm.get(_rule_key(f), None) or logistic(model, f)


def cross_validate(data: list[dict], k: int = 5) -> dict:
    """Choose C, class weighting and threshold by k-fold CV by article (the firm rules chosen
    inside each training fold too); the CV figures."""
    from analysis.validation.scoring import kfold_by_group, prf_table

    folds = kfold_by_group([r["article"] for r in data], k=k, seed=0)
    scored: dict[tuple, list[tuple[float, int, str]]] = {}
    for train, test in folds:
        tr = [r for r in data if r["article"] in train]
        te = [r for r in data if r["article"] in test]
        vocab = vocabulary([r["features"] for r in tr])
        firm = firm_rules(tr)
        for c in GRID_C:
            for weight in (None, "balanced"):
                m = _fit([r["features"] for r in tr], [r["speech"] for r in tr], vocab, c, weight)
                scored.setdefault((c, weight), []).extend((_predict(m, firm, r["features"]), r["speech"], r["article"]) for r in te)
    best, best_f1 = None, -1.0
    for (c, weight), probs in scored.items():
        for t in THRESHOLDS:
            f1 = _macro((p >= t, g) for p, g, _ in probs)
            if f1 > best_f1:
                best, best_f1 = (c, weight, t), f1
    c, weight, t = best
    probs = scored[(c, weight)]
    table = prf_table([("speech" if p >= t else "not", "speech" if g else "not") for p, g, _ in probs], ("speech", "not"))
    return {"C": c, "class_weight": weight, "threshold": t, "cv_speech": table}


def train(use_parse: bool) -> dict:
    """One variant: CV-chosen settings and figures, then both models fitted on all of train."""
    data = rows("train", use_parse)
    cv = cross_validate(data)
    vocab = vocabulary([r["features"] for r in data])
    speech = _fit([r["features"] for r in data], [r["speech"] for r in data], vocab, cv["C"], cv["class_weight"])
    spoken = [r for r in data if r["speech"]]
    direct = _fit([r["features"] for r in spoken], [r["direct"] for r in spoken], vocab, cv["C"], None)
    return {"parse": use_parse, "quotes": len(data),
            "speech_share": round(sum(r["speech"] for r in data) / len(data), 4),
            "threshold": cv["threshold"], "C": cv["C"], "class_weight": cv["class_weight"],
            "firm_rules": {k.removeprefix("rule_reason="): v for k, v in firm_rules(data).items()},
            "cv_train": cv["cv_speech"], "speech": speech, "direct": direct}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.validation.train_quote_kinds", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=MODEL)
    args = parser.parse_args(argv)
    from analysis.config import SharedMissing

    try:
        variants = {"text": train(False), "parse": train(True)}
    except SharedMissing as exc:
        print(f"analysis: {exc}", file=sys.stderr)
        return 2
    model = {"about": "Learned quote kinds (analysis.measures.quotes.learned), trained by "
                      "analysis.validation.train_quote_kinds on PolNeAR train (840 articles, silver labels "
                      "from its Content spans; research use; no text of it is in this file)",
             "min_count": MIN_COUNT, "variants": variants}
    args.out.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    for name, v in variants.items():
        t = v["cv_train"]
        print(f"{name}: {v['quotes']} quotes; CV by article on train: macro-F1 {t['macro_f1']:.3f}, "
              f"not-speech F1 {t['classes']['not']['f1']:.3f} (C={v['C']}, {v['class_weight']}, "
              f"threshold {v['threshold']})")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
