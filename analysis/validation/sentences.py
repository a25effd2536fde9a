"""Sentence boundaries: agreement of our splitter with nltk's Punkt given the same
abbreviation list (``PunktParameters.abbrev_types``), on the 600 reference articles.

Both split each body paragraph; a boundary is the offset where a sentence ends. Scores:
precision and recall of our boundaries against Punkt's, and the share of paragraphs split
identically. Punkt without training data is not a gold standard; the disagreements are the
cases to read (printed with ``--show``).
"""
from __future__ import annotations

import sys

from analysis.config import require_shared
from analysis.read.reader import read_article
from analysis.read.sentences import ABBREVIATIONS, TITLES, split_sentences
from analysis.validation.scoring import prf


def _punkt():
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS | TITLES)
    return PunktSentenceTokenizer(params)


def run(show: int = 0) -> dict:
    punkt = _punkt()
    tp = fp = fn = same = paragraphs = 0
    shown = 0
    for path in sorted(require_shared("corpus", "allsides", "articles").glob("*.json")):
        article, _ = read_article(path)
        for p in article.paragraphs:
            if p.kind != "body":
                continue
            ours = {b for _, b in split_sentences(article.text, p.start, p.end)}
            theirs = {p.start + b for _, b in punkt.span_tokenize(article.text[p.start:p.end])}
            tp += len(ours & theirs)
            fp += len(ours - theirs)
            fn += len(theirs - ours)
            paragraphs += 1
            same += ours == theirs
            if ours != theirs and shown < show:
                shown += 1
                print("---", " | ".join(sorted(article.text[max(p.start, b - 40):b + 40].replace("\n", " ")
                                             for b in ours ^ theirs)))
    return {"paragraphs": paragraphs, "identical_share": round(same / paragraphs, 4), **prf(tp, fp, fn)}


if __name__ == "__main__":
    print(run(show=int(sys.argv[1]) if len(sys.argv) > 1 else 0))
