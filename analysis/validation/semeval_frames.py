"""Validate :func:`analysis.measures.framing.frames.article_frames` on SemEval-2023 Task 3, subtask 2.

Data: the 282 English dev articles in ``shared/benchmarks/semeval23-frames`` (first line the
title, used as the headline), each labelled with the Policy Frames Codebook frames it uses.
Score: micro-F1 over (article, frame) pairs, as the task's official scorer, with precision,
recall and per-frame F1.

What is tuned on these articles, and how it is scored out of sample:

- the decision rule's parameters (one density threshold per frame, on a grid of 0.01 cue
  weight per sentence capped at 0.5, found by coordinate ascent on micro-F1; and
  ``min_sentences`` in {1, 2}) are fitted on four fifths of the articles and applied to the
  fifth, for each of 5 folds by article (seeded shuffle, seed 0). The pooled predictions
  give the headline figure; 5-fold CV with seeds 1 to 4 shows its spread.
- the lexicon itself was written from the codebook, not fitted (see
  ``analysis.validation.build_frame_lexicon``); dev statistics only suggested candidates,
  each reviewed by hand, and 37 entries came from them ("clergy", "plague", "pleaded
  guilty"). Cross-validation cannot remove that influence, so it was measured: without
  those 37 entries the CV micro-F1 is the same (0.638 with seed 0).

Side by side, in the same run: always answering the four most frequent frames (counted on
all 282 articles, as the usual baseline, and on the training folds), and TF-IDF with a
one-vs-rest logistic regression in the same folds (scikit-learn; unigrams, English stop
words, sublinear tf, min_df 2, C = 1, balanced class weights, threshold 0.5; this
configuration gives 0.656 here, the project's reference figure of about 0.675 came from
another). Nothing of either is shipped.

Run: ``python -m analysis.validation.semeval_frames`` (about a minute).
"""
from __future__ import annotations

import random
import re
import time
from collections import Counter
from dataclasses import dataclass

from analysis.config import require_shared
from analysis.measures.framing.frames import DENSITY_THRESHOLDS, FRAMES, article_frames, sentence_frames
from analysis.measures.framing.frames import MIN_SENTENCES as SHIPPED_MIN_SENTENCES
from analysis.lexicon import load_lexicon
from analysis.read.sentences import split_sentences

#: Threshold grid for the per-frame density rule: 0, 0.01, ... 0.5 cue weight per sentence.
GRID = tuple(round(i / 100, 2) for i in range(51))
MIN_SENTENCES = (1, 2)
FOLDS = 5
SEED = 0
REPEATS = (1, 2, 3, 4)


@dataclass(frozen=True)
class Features:
    """What the decision rule reads from one article."""

    sentences: int
    weight: dict[str, float]  # summed cue weight per frame
    carriers: dict[str, int]  # sentences with a cue of the frame


def load() -> tuple[list[str], dict[str, str], dict[str, frozenset[str]]]:
    """Article ids (sorted), texts and gold frame sets."""
    base = require_shared("benchmarks", "semeval23-frames")
    gold: dict[str, frozenset[str]] = {}
    for line in (base / "labels-subtask-2.txt").read_text(encoding="utf-8").splitlines():
        if line.strip():
            key, _, value = line.partition("\t")
            gold[key.strip()] = frozenset(v.strip() for v in value.split(",") if v.strip() in FRAMES)
    ids = sorted(gold)
    texts = {k: (base / "articles" / f"article{k}.txt").read_text(encoding="utf-8") for k in ids}
    return ids, texts, gold


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences line by line (the first line, the title, is sentence 0: the headline)."""
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        spans += split_sentences(text, line.start(), line.end())
    return spans


def features(text: str) -> Features:
    per = sentence_frames(text, sentence_spans(text))
    weight = dict.fromkeys(FRAMES, 0.0)
    carriers = dict.fromkeys(FRAMES, 0)
    for s in per:
        for frame in s.frames:
            carriers[frame] += 1
        for cue in s.cues:
            weight[cue.frame] += cue.weight
    return Features(max(len(per), 1), weight, carriers)


def micro(pred: dict[str, frozenset[str]], gold: dict[str, frozenset[str]], keys) -> dict[str, float]:
    tp = sum(len(pred[k] & gold[k]) for k in keys)
    npred = sum(len(pred[k]) for k in keys)
    ngold = sum(len(gold[k]) for k in keys)
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return {"f1": 2 * p * r / (p + r) if p + r else 0.0, "precision": p, "recall": r}


def per_frame(pred, gold, keys) -> dict[str, dict[str, float]]:
    out = {}
    for f in FRAMES:
        tp = sum(f in pred[k] and f in gold[k] for k in keys)
        npred = sum(f in pred[k] for k in keys)
        ngold = sum(f in gold[k] for k in keys)
        out[f] = {"gold": ngold, "predicted": npred, "f1": 2 * tp / (npred + ngold) if npred + ngold else 0.0}
    return out


def _uses(feat: Features, frame: str, threshold: float, min_sentences: int) -> bool:
    return feat.carriers[frame] >= min_sentences and feat.weight[frame] / feat.sentences >= threshold


def predict(feats: dict[str, Features], keys, thresholds: dict[str, float], min_sentences: int):
    return {k: frozenset(f for f in FRAMES if _uses(feats[k], f, thresholds[f], min_sentences)) for k in keys}


def fit(feats: dict[str, Features], gold, keys, min_sentences: int) -> dict[str, float]:
    """Per-frame density thresholds maximising micro-F1 on ``keys`` (coordinate ascent).

    Frames start at the grid's top; each round sets every frame's threshold to the grid
    value that maximises micro-F1 given the others; ties keep the higher threshold. Five
    rounds (it settles in two or three).
    """
    keys = list(keys)
    ngold = sum(len(gold[k]) for k in keys)
    density = {f: [feats[k].weight[f] / feats[k].sentences if feats[k].carriers[f] >= min_sentences else -1.0
                   for k in keys] for f in FRAMES}
    truth = {f: [f in gold[k] for k in keys] for f in FRAMES}

    def counts(f, t):
        hits = [d >= t for d in density[f]]
        return sum(hits), sum(h and g for h, g in zip(hits, truth[f]))

    thresholds = dict.fromkeys(FRAMES, GRID[-1])
    state = {f: counts(f, GRID[-1]) for f in FRAMES}
    for _ in range(5):
        for f in FRAMES:
            npred = sum(state[x][0] for x in FRAMES if x != f)
            tp = sum(state[x][1] for x in FRAMES if x != f)
            best = None
            for t in reversed(GRID):
                n, hit = counts(f, t)
                score = 2 * (tp + hit) / (npred + n + ngold)
                if best is None or score > best[0] + 1e-12:
                    best = (score, t, (n, hit))
            thresholds[f], state[f] = best[1], best[2]
    return thresholds


def fit_rule(feats, gold, keys) -> tuple[int, dict[str, float]]:
    """``min_sentences`` and thresholds with the best micro-F1 on ``keys``."""
    best = None
    for m in MIN_SENTENCES:
        th = fit(feats, gold, keys, m)
        score = micro(predict(feats, keys, th, m), gold, keys)["f1"]
        if best is None or score > best[0] + 1e-12:
            best = (score, m, th)
    return best[1], best[2]


def folds(ids: list[str], seed: int = SEED, k: int = FOLDS) -> list[list[str]]:
    order = list(ids)
    random.Random(seed).shuffle(order)
    return [sorted(order[i::k]) for i in range(k)]


def cv_lexicon(feats, gold, ids, seed: int = SEED):
    pred, chosen = {}, []
    for test in folds(ids, seed):
        held = set(test)
        train = [k for k in ids if k not in held]
        m, th = fit_rule(feats, gold, train)
        chosen.append((m, th))
        pred.update(predict(feats, test, th, m))
    return pred, chosen


def top4(gold, keys_for_counting) -> frozenset[str]:
    counts = Counter(f for k in keys_for_counting for f in gold[k])
    return frozenset(f for f, _ in sorted(counts.items(), key=lambda i: (-i[1], FRAMES.index(i[0])))[:4])


def cv_top4(gold, ids, seed: int = SEED):
    pred = {}
    for test in folds(ids, seed):
        held = set(test)
        answer = top4(gold, [k for k in ids if k not in held])
        pred.update({k: answer for k in test})
    return pred


def cv_tfidf_lr(texts, gold, ids, seed: int = SEED):
    """TF-IDF + one-vs-rest logistic regression in the same folds (reference only)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    pred = {}
    for test in folds(ids, seed):
        held = set(test)
        train = [k for k in ids if k not in held]
        vectorizer = TfidfVectorizer(sublinear_tf=True, min_df=2, stop_words="english")
        x_train = vectorizer.fit_transform([texts[k] for k in train])
        x_test = vectorizer.transform([texts[k] for k in test])
        answers = {k: set() for k in test}
        for f in FRAMES:
            y = [f in gold[k] for k in train]
            if not any(y):
                continue
            model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000)
            model.fit(x_train, y)
            for k, p in zip(test, model.predict_proba(x_test)[:, 1]):
                if p >= 0.5:
                    answers[k].add(f)
        pred.update({k: frozenset(v) for k, v in answers.items()})
    return pred


def cross_validated(seed: int = SEED) -> dict[str, float]:
    """The headline figure alone: micro-F1, precision and recall of the lexicon rule, 5-fold CV."""
    ids, texts, gold = load()
    feats = {k: features(texts[k]) for k in ids}
    return micro(cv_lexicon(feats, gold, ids, seed)[0], gold, ids)


def run(*, with_lr: bool = True) -> dict:
    """All figures of the validation, as plain data."""
    ids, texts, gold = load()
    feats = {k: features(texts[k]) for k in ids}
    started = time.perf_counter()
    spans = {k: sentence_spans(texts[k]) for k in ids}
    split_ms = 1000 * (time.perf_counter() - started) / len(ids)
    started = time.perf_counter()
    analysed = {k: article_frames(texts[k], spans[k], headline=0) for k in ids}
    per_article_ms = 1000 * (time.perf_counter() - started) / len(ids)

    pred, chosen = cv_lexicon(feats, gold, ids)
    repeats = [micro(cv_lexicon(feats, gold, ids, seed)[0], gold, ids)["f1"] for seed in REPEATS]
    shipped = {k: frozenset(analysed[k].article_frames) for k in ids}
    primary_in_gold = sum(analysed[k].primary_frame in gold[k] for k in ids if analysed[k].primary_frame)
    with_primary = sum(1 for k in ids if analysed[k].primary_frame)
    full_m, full_th = fit_rule(feats, gold, ids)
    result = {
        "articles": len(ids),
        "gold_pairs": sum(len(gold[k]) for k in ids),
        "lexicon_cv": micro(pred, gold, ids),
        "lexicon_cv_per_frame": per_frame(pred, gold, ids),
        "lexicon_cv_repeats": {"seeds": list(REPEATS), "f1": repeats},
        "lexicon_cv_min_sentences": [m for m, _ in chosen],
        "lexicon_any_cue": micro({k: frozenset(f for f in FRAMES if feats[k].carriers[f]) for k in ids}, gold, ids),
        "shipped_rule_in_sample": micro(shipped, gold, ids),
        "fit_on_all": {"min_sentences": full_m, "thresholds": full_th},
        "shipped": {"min_sentences": SHIPPED_MIN_SENTENCES, "thresholds": dict(DENSITY_THRESHOLDS)},
        "primary_frame_in_gold": primary_in_gold / with_primary if with_primary else 0.0,
        "top4_all": micro({k: top4(gold, ids) for k in ids}, gold, ids),
        "top4_frames": sorted(top4(gold, ids), key=FRAMES.index),
        "top4_cv": micro(cv_top4(gold, ids), gold, ids),
        "ms_per_article": per_article_ms,
        "ms_per_article_sentence_split": split_ms,
        "words_per_article": sum(len(texts[k].split()) for k in ids) / len(ids),
        "lexicon_size": dict(Counter(r["frame"] for r in load_lexicon("frames").rows)),
    }
    if with_lr:
        started = time.perf_counter()
        lr = cv_tfidf_lr(texts, gold, ids)
        result["tfidf_lr_cv"] = micro(lr, gold, ids)
        result["tfidf_lr_cv_per_frame"] = per_frame(lr, gold, ids)
        result["tfidf_lr_seconds"] = time.perf_counter() - started
    return result


def _table(r: dict) -> str:
    rows = [
        ("lexicon + per-frame thresholds, 5-fold CV", r["lexicon_cv"]),
        ("always the 4 most frequent (counted on all)", r["top4_all"]),
        ("always the 4 most frequent, 5-fold CV", r["top4_cv"]),
    ]
    if "tfidf_lr_cv" in r:
        rows.append(("TF-IDF + one-vs-rest LR, 5-fold CV", r["tfidf_lr_cv"]))
    rows += [
        ("lexicon, any cue = frame (no tuning)", r["lexicon_any_cue"]),
        ("shipped thresholds, in sample (optimistic)", r["shipped_rule_in_sample"]),
    ]
    out = [f"SemEval-2023 Task 3 subtask 2, English dev: {r['articles']} articles, {r['gold_pairs']} (article, frame) pairs",
           "", f"{'system':46s} {'micro-F1':>8s} {'P':>6s} {'R':>6s}"]
    out += [f"{name:46s} {s['f1']:8.3f} {s['precision']:6.3f} {s['recall']:6.3f}" for name, s in rows]
    reps = ", ".join(f"{x:.3f}" for x in r["lexicon_cv_repeats"]["f1"])
    out += ["", f"lexicon CV micro-F1 with other fold seeds {r['lexicon_cv_repeats']['seeds']}: {reps}",
            f"min_sentences chosen per fold: {r['lexicon_cv_min_sentences']}",
            f"top-4 frames: {', '.join(r['top4_frames'])}",
            f"primary frame among the gold frames: {r['primary_frame_in_gold']:.3f}",
            f"time per article ({r['words_per_article']:.0f} words on average): article_frames "
            f"{r['ms_per_article']:.1f} ms, sentence splitting {r['ms_per_article_sentence_split']:.1f} ms", "",
            f"{'frame':46s} {'gold':>5s} {'pred':>5s} {'F1':>6s}" + ("  LR F1" if "tfidf_lr_cv" in r else "") + "  entries"]
    for f in FRAMES:
        s = r["lexicon_cv_per_frame"][f]
        lr = f"  {r['tfidf_lr_cv_per_frame'][f]['f1']:5.3f}" if "tfidf_lr_cv" in r else ""
        out.append(f"{f:46s} {s['gold']:5d} {s['predicted']:5d} {s['f1']:6.3f}{lr}  {r['lexicon_size'].get(f, 0):7d}")
    fit_all = r["fit_on_all"]
    out += ["", f"fitted on all {r['articles']} articles (min_sentences={fit_all['min_sentences']}):",
            "  " + ", ".join(f"{f}: {t:g}" for f, t in fit_all["thresholds"].items())]
    if fit_all != r["shipped"]:
        out.append("  NOTE: differs from analysis.measures.framing.frames.DENSITY_THRESHOLDS; update the shipped values")
    return "\n".join(out)


def main() -> None:
    print(_table(run()))


if __name__ == "__main__":
    main()
