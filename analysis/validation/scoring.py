"""Scoring helpers shared by the validations: per-class precision/recall/F1, folds by article."""
from __future__ import annotations

import random
from collections.abc import Iterable, Sequence


def prf(tp: float, fp: float, fn: float) -> dict[str, float]:
    """Precision, recall and F1 from counts (0 where undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def prf_table(pairs: Iterable[tuple[str, str]], classes: Sequence[str]) -> dict:
    """Per-class scores and the macro average for (predicted, gold) label pairs."""
    pairs = list(pairs)
    out = {}
    for c in classes:
        tp = sum(p == c and g == c for p, g in pairs)
        fp = sum(p == c and g != c for p, g in pairs)
        fn = sum(p != c and g == c for p, g in pairs)
        out[c] = {**prf(tp, fp, fn), "support": sum(g == c for _, g in pairs)}
    macro = sum(v["f1"] for v in out.values()) / len(classes)
    accuracy = sum(p == g for p, g in pairs) / len(pairs) if pairs else 0.0
    return {"classes": out, "macro_f1": round(macro, 4), "accuracy": round(accuracy, 4), "n": len(pairs)}


def kfold_by_group(groups: Sequence[str], k: int = 5, seed: int = 0) -> list[tuple[set[str], set[str]]]:
    """``k`` (train, test) splits of the distinct group names (articles), shuffled with ``seed``."""
    names = sorted(set(groups))
    random.Random(seed).shuffle(names)
    folds = [set(names[i::k]) for i in range(k)]
    return [(set(names) - fold, fold) for fold in folds]
