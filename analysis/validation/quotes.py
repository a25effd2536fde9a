"""Validation of quoted-term kinds on PolNeAR dev (silver labels and hand-corrected labels).

Unit: every double-quoted span a plain reference finder sees (curly or straight pairs inside
a paragraph, outside markup tags). Silver label (guidelines p. 23): a span overlapping a gold
Content is attributed speech; one overlapping none is unattributed (scare, title, name).
Prediction: our quote at that span (matched when it covers at least half of it) is
attributed when its kind is ``direct`` or ``partial``; a span we did not find counts as
predicted unattributed. Scores: precision, recall, F1 per class and their macro average.

The headline: the shipped learned decision (:mod:`analysis.measures.quotes.learned`), trained on
PolNeAR train only (:mod:`analysis.validation.train_quote_kinds`), so dev is out of sample; both
variants (with the parse of the shipped spaCy model, and the text alone), with the confusion
of every predicted kind against the silver and hand-corrected labels. Beside it, the rules
alone: the thresholds of :class:`analysis.measures.quotes.kinds.QuoteRules` re-selected on the
training folds of a 5-fold cross-validation by article on dev and scored on the held-out fold
(the rules were written reading dev, so even that figure is partly in sample); the shipped
defaults in sample.
Baselines measured in the same run: "three words or fewer is a scare quote", and the same
with "and no reporting cue within 80 characters".
"""
from __future__ import annotations

import csv
import itertools
import json
import sys
from dataclasses import asdict
from importlib import resources
from pathlib import Path

from analysis.measures.quotes.kinds import QuoteRules, classify
from analysis.measures.quotes.spans import find_quotes
from analysis.read.reader import parse_text
from analysis.validation.polnear import Doc, load_dev, reference_quotes, silver_label
from analysis.validation.scoring import kfold_by_group, prf_table

HANDLABELS = Path(str(resources.files("analysis.validation") / "data" / "polnear_handlabels.tsv"))
ATTRIBUTED, UNATTRIBUTED = "attributed", "unattributed"
GRID = [QuoteRules(mb, ma, fs, tw) for mb, ma, fs, tw in itertools.product((4, 6, 8), (5, 8, 12), (0.7, 0.8, 0.9), (6, 8))]


def _hand_labels() -> dict[tuple[str, int, int], str]:
    with HANDLABELS.open(encoding="utf-8") as fh:
        rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
        return {(r["article"], int(r["start"]), int(r["end"])): r["hand"] for r in rows}


def _match(quotes, span):
    """Our quote covering at least half of the reference span, best overlap first."""
    best, best_overlap = None, 0
    for q in quotes:
        overlap = min(q.end, span[1]) - max(q.start, span[0])
        if overlap > best_overlap:
            best, best_overlap = q, overlap
    return best if best_overlap >= 0.5 * (span[1] - span[0]) else None


def _units(docs: tuple[Doc, ...], parsed: dict | None = None):
    """Per document: the article, its quotes (kinds unset), the reference spans with labels, and
    the parse of its prose (``parsed``: name -> (article, parse), as
    :func:`analysis.validation.polnear_parse.parsed_split` gives them; the attribution
    validation reads the same parse)."""
    hand = _hand_labels()
    out = []
    for doc in docs:
        article = parse_text(doc.text, "txt") if parsed is None else parsed[doc.name][0]
        found = find_quotes(article).quotes
        spans = []
        for span in reference_quotes(doc):
            silver = silver_label(doc, span)
            spans.append((span, silver, hand.get((doc.name, *span), silver)))
        out.append((doc, article, found, spans, None if parsed is None else parsed[doc.name][1]))
    return out


def _predict(units, rules: QuoteRules, *, learned: bool = False, parsed: bool = False,
             kinds: list | None = None) -> list[tuple[str, str, str, str]]:
    """(article, predicted, silver, hand) per reference span; ``kinds`` collects (kind, silver,
    hand) for the per-kind confusion."""
    rows = []
    for doc, article, found, spans, parse in units:
        quotes = classify(article, found, rules, parse=parse if parsed else None, learned=learned)
        for span, silver, hand in spans:
            q = _match(quotes, span)
            pred = ATTRIBUTED if q is not None and q.kind in {"direct", "partial"} else UNATTRIBUTED
            rows.append((doc.name, pred, silver, hand))
            if kinds is not None:
                kinds.append((q.kind if q is not None else "not found", silver, hand))
    return rows


def _confusion(kinds: list) -> dict:
    """Predicted kind by silver and by hand-corrected label."""
    out: dict[str, dict[str, int]] = {}
    for kind, silver, hand in kinds:
        row = out.setdefault(kind, {"silver_attributed": 0, "silver_unattributed": 0, "hand_attributed": 0, "hand_unattributed": 0})
        row[f"silver_{silver}"] += 1
        row[f"hand_{hand}"] += 1
    return dict(sorted(out.items()))


def _baselines(units) -> dict[str, list[tuple[str, str]]]:
    from analysis.measures.cues import find_cues

    short, short_no_cue = [], []
    for doc, article, _, spans, _ in units:
        for (a, b), silver, _ in spans:
            n = len(doc.text[a + 1:b - 1].split())
            short.append((UNATTRIBUTED if n <= 3 else ATTRIBUTED, silver))
            near = find_cues(doc.text, max(0, a - 80), min(len(doc.text), b + 80))
            near = [c for c in near if c.end <= a or c.start >= b]
            short_no_cue.append((UNATTRIBUTED if n <= 3 and not near else ATTRIBUTED, silver))
    return {"three words or fewer = scare": short, "... and no cue within 80 characters": short_no_cue}


def _macro(rows, gold_index=2) -> float:
    return prf_table([(r[1], r[gold_index]) for r in rows], (ATTRIBUTED, UNATTRIBUTED))["macro_f1"]


def run() -> dict:
    from analysis.validation.polnear_parse import parsed_split

    docs = load_dev()
    units = _units(docs, parsed_split("dev"))
    n_spans = sum(len(u[3]) for u in units)
    found = sum(1 for _, _, quotes, spans, _ in units for span, _, _ in spans if _match(quotes, span) is not None)
    classes = (ATTRIBUTED, UNATTRIBUTED)

    # the shipped learned decision, trained on PolNeAR train only: dev is out of sample
    learned = {}
    for variant, parsed in (("parse", True), ("text", False)):
        kinds: list = []
        rows = _predict(units, QuoteRules(), learned=True, parsed=parsed, kinds=kinds)
        learned[variant] = {"silver": prf_table([(p, s) for _, p, s, _ in rows], classes),
                            "corrected": prf_table([(p, h) for _, p, _, h in rows], classes),
                            "kinds": _confusion(kinds)}

    # the rules alone: select the rule thresholds on four folds of dev, score on the fifth
    by_rules = {rules: _predict(units, rules) for rules in GRID}
    cv_rows, chosen = [], []
    for train, test in kfold_by_group([d.name for d in docs], k=5, seed=0):
        best = max(GRID, key=lambda r: _macro([row for row in by_rules[r] if row[0] in train]))  # ties: grid order
        chosen.append(asdict(best))
        cv_rows += [row for row in by_rules[best] if row[0] in test]

    default_rows = by_rules[QuoteRules()]
    hand_rows = [r for r in default_rows if r[2] == UNATTRIBUTED]
    return {
        "articles": len(docs),
        "double_quoted_spans": n_spans,
        "found_share": round(found / n_spans, 4),
        "silver_attributed_share": round(sum(s == ATTRIBUTED for u in units for _, s, _ in u[3]) / n_spans, 4),
        "hand_labelled": sum(1 for u in units for _, s, h in u[3] if s == UNATTRIBUTED),
        "hand_flipped_to_attributed": sum(1 for u in units for _, s, h in u[3] if s != h),
        "learned": learned,
        "cv_silver": prf_table([(p, s) for _, p, s, _ in cv_rows], classes),
        "cv_corrected": prf_table([(p, h) for _, p, _, h in cv_rows], classes),
        "cv_chosen_rules": chosen,
        "default_silver": prf_table([(p, s) for _, p, s, _ in default_rows], classes),
        "default_corrected": prf_table([(p, h) for _, p, _, h in default_rows], classes),
        "default_on_hand_labelled": prf_table([(p, h) for _, p, _, h in hand_rows], classes),
        "baselines_silver": {name: prf_table(rows, classes) for name, rows in _baselines(units).items()},
    }


def _print(result: dict) -> None:
    print(f"PolNeAR dev: {result['articles']} articles, {result['double_quoted_spans']} double-quoted spans, "
          f"found {result['found_share']:.1%}; silver attributed {result['silver_attributed_share']:.1%}; "
          f"{result['hand_labelled']} silver-unattributed spans hand-labelled, "
          f"{result['hand_flipped_to_attributed']} of them are real quotes")
    print(f"{'':52} {'macro-F1':>9} {'F1 attr':>8} {'F1 unattr':>10} {'P unattr':>9} {'R unattr':>9}")
    rows = [(f"learned ({v}), trained on train, {lab}", result["learned"][v][lab])
            for v in ("parse", "text") for lab in ("silver", "corrected")]
    rows += [("rules: 5-fold CV, silver labels", result["cv_silver"]), ("rules: 5-fold CV, hand-corrected labels", result["cv_corrected"]),
            ("shipped defaults, silver (in sample)", result["default_silver"]),
            ("shipped defaults, hand-corrected", result["default_corrected"])]
    rows += [(f"baseline: {k}", v) for k, v in result["baselines_silver"].items()]
    for name, t in rows:
        u, a = t["classes"][UNATTRIBUTED], t["classes"][ATTRIBUTED]
        print(f"{name:52} {t['macro_f1']:9.3f} {a['f1']:8.3f} {u['f1']:10.3f} {u['precision']:9.3f} {u['recall']:9.3f}")


if __name__ == "__main__":
    res = run()
    _print(res)
    if "--json" in sys.argv:
        print(json.dumps(res, indent=1))
