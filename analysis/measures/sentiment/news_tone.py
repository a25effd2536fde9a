"""News tone: a sentence tone model trained on human ratings of news editorial sentences.

VADER (Hutto and Gilbert 2014) reads news poorly where the story is told by composition
rather than by single words: "helped the police crush the uprising" scores positive because
"helped" is, and "Is this not treason?" comes out mild. This model keeps VADER's numbers as
features and adds what VADER cannot see, all computed by token rules (no parse), in this
order (the detail is in :mod:`analysis.measures.sentiment.news_tone_features`):

1. VADER's scores (compound, pos, neg, neu);
2. hits of VADER's own lexicon: sums, counts, extremes; negation scope (a word within three
   tokens after "not", "no", "never", "n't", "without", ... up to the next punctuation has its
   valence flipped and is counted apart);
3. words not in VADER's lexicon that share a Snowball stem with lexicon words ("killings");
4. contrast: the valence after "but", "however", "although", ... and before it, apart;
5. questions (with a negation: "Is this not treason?") and exclamations;
6. the project's connotation lexicon (``analysis/lexicons/connotation.tsv``): harm, help,
   enable, gain and loss verbs, effect and writer-perspective sums; enabling harm ("helped
   the junta silence its critics": an enabling verb with a harm verb within eight tokens);
7. loaded language (``lexicons/loaded.tsv``): praise and other;
8. valence shifters (Polanyi and Zaenen 2006): a negative word right after a word that
   reverses it ("reduce", "prevent", "cure", "save", ...) counts as positive ("decrease
   cancer deaths"), a positive word after a word of loss ("lacking care") as negative;
9. induced valence: about 16,000 news words with a valence induced from VADER's lexicon by a
   ridge regression on all-MiniLM-L6-v2 word embeddings (computed once at training time and
   frozen in the model; no embedding is computed here), for the words VADER lacks, and for
   words of neither list by their Snowball stem;
10. TF-IDF of the words' Snowball stems (sublinear tf, smoothed idf, L2 norm), a stem within
   a negation scope marked ``NOT_``;
11. TF-IDF of the character 2- to 5-grams within words (scikit-learn's ``char_wb``).

A ridge regression on these features was fitted by ``python -m
analysis.validation.train_news_tone`` on the NYT editorial sentences rated by VADER's authors
(the 3,460 development sentences of ``shared/benchmarks/nyt-editorial``, MIT) and its weights
are plain JSON data (``analysis/models/news_tone.json``, with its provenance, the
cross-validated Pearson r, and frozen copies of the word lists it read: the connotation and
loaded-language lexicons and the induced valences, so that editing a lexicon changes no score
until the model is retrained). Scoring is pure Python and numpy: the same features, the same
arithmetic. Model card: ``docs/models/news_tone.md``.

Evidence: :func:`explain_tone` gives each score with the features that drove it (a word
stem or a named cue, and what it added), largest first.

Scale: the raters' own, about -4 (most negative) to +4 (most positive), 0 neutral; the
scores are not clipped (ridge predictions stay well inside, mostly within -3..+3). As a
rough guide, a score above +0.5 reads as positive, below -0.5 as negative.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from analysis.lexicon import load_model
from analysis.measures.sentiment import news_tone_features as _features
from analysis.measures.sentiment.news_tone_features import (  # noqa: F401 (re-exported)
    ToneFeatures,
    WordLists,
    stem,
    terms,
    tokens,
    vader_lexicon,
)

MODEL_NAME = "news_tone"
FEATURE_SET = "token-rules/2"


def featurize(
    texts: list[str], docs: list | None = None, *, lists: WordLists | None = None
) -> list[ToneFeatures]:
    """The features of every sentence text (:func:`news_tone_features.featurize`).

    ``lists``: the word lists to read (default: the copy frozen in the shipped model).

    ``docs``: optional spaCy ``Doc`` objects, one per text. The shipped model (feature set
    ``token-rules/2``) reads token rules only, so ``docs`` is checked for length and otherwise
    not read: parse-based features (valence by part of speech, negation and contrast clauses
    read from the dependency tree) added less than 0.004 to the cross-validated r, and a parse
    costs some 30 times the scoring.
    """
    if docs is not None and len(docs) != len(texts):
        raise ValueError(f"{len(docs)} docs for {len(texts)} texts")
    return _features.featurize(texts, lists or _model().lists)


def _tfidf(items: tuple[str, ...], table: dict[str, tuple[float, float]]) -> dict[str, float]:
    """Item -> its contribution (sublinear tf x idf, L2-normalised, x coefficient), in the
    order of first occurrence."""
    weights = {t: (1.0 + math.log(c)) * table[t][0] for t, c in Counter(items).items() if t in table}
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {t: w / norm * table[t][1] for t, w in weights.items()} if norm else {}


def _tfidf_sum(items: tuple[str, ...], idf: dict[str, float], coef: dict[str, float]) -> float:
    """The sum of :func:`_tfidf`'s contributions, computed in one pass (the scoring path)."""
    total = squares = 0.0
    for t, c in Counter(items).items():
        i = idf.get(t)
        if i is not None:
            w = i if c == 1 else (1.0 + math.log(c)) * i
            total += w * coef[t]
            squares += w * w
    return total / math.sqrt(squares) if squares else 0.0


class ToneModel:
    """A ridge model stored as plain data: TF-IDF terms, character n-grams, standardised cues."""

    def __init__(self, model: dict):
        self.intercept = float(model["intercept"])
        self.cue_names = list(model["cues"])
        cues = model["cues"]
        self.cue_mean = np.array([cues[c][0] for c in self.cue_names])
        self.cue_scale = np.array([cues[c][1] for c in self.cue_names])
        self.cue_coef = np.array([cues[c][2] for c in self.cue_names])
        self.terms = {t: (float(idf), float(w)) for t, (idf, w) in model["terms"].items()}
        self.chars = {t: (float(idf), float(w)) for t, (idf, w) in model.get("chars", {}).items()}
        self.lists = WordLists.from_data(model["word_lists"])
        self._fast = [({t: v[0] for t, v in table.items()}, {t: v[1] for t, v in table.items()})
                      for table in (self.terms, self.chars)]

    def _cue_parts(self, f: ToneFeatures) -> np.ndarray:
        x = np.array([f.cues[c] for c in self.cue_names], dtype=float)
        return (x - self.cue_mean) / self.cue_scale * self.cue_coef

    def score(self, f: ToneFeatures) -> float:
        """The predicted mean rating (about -4..+4) of one sentence."""
        (term_idf, term_coef), (char_idf, char_coef) = self._fast
        text_part = _tfidf_sum(f.terms, term_idf, term_coef)
        char_part = _tfidf_sum(f.chars, char_idf, char_coef)
        return self.intercept + text_part + char_part + float(self._cue_parts(f).sum())

    def contributions(self, f: ToneFeatures) -> dict[str, float]:
        """What each feature adds to the score: ``stem:<stem>`` terms, ``chars`` (all the
        character n-grams together) and ``cue:<name>`` cues.

        They sum, with the intercept, to :meth:`score` (up to rounding).
        """
        out = {f"stem:{t}": v for t, v in sorted(_tfidf(f.terms, self.terms).items())}
        out["chars"] = sum(_tfidf(f.chars, self.chars).values())
        for name, value in zip(self.cue_names, self._cue_parts(f)):
            out[f"cue:{name}"] = float(value)
        return out


@dataclass(frozen=True)
class ToneScore:
    """A sentence's news tone and the features that drove it.

    ``score``: as :func:`score_tone`; ``evidence``: (feature, contribution) pairs, the largest
    contributions first (``stem:`` a word stem, ``cue:`` a named cue of :func:`featurize`).
    """

    score: float
    evidence: tuple[tuple[str, float], ...]


@lru_cache(maxsize=1)
def _model() -> ToneModel:
    return ToneModel(load_model(MODEL_NAME))


def score_tone(texts: list[str], *, docs: list | None = None) -> list[float]:
    """News tone of each sentence text, on the raters' scale (about -4..+4, 0 neutral).

    One float per text, in order; the same texts give the same scores. ``docs`` (spaCy
    ``Doc`` objects, one per text) is accepted for parse-based features and not read by the
    shipped model (see :func:`featurize`).
    """
    model = _model()
    return [model.score(f) for f in featurize(texts, docs, lists=model.lists)]


def explain_tone(texts: list[str], *, top: int = 6, docs: list | None = None) -> list[ToneScore]:
    """:func:`score_tone` with the ``top`` largest contributions (by size) of each sentence."""
    model = _model()
    out = []
    for f in featurize(texts, docs, lists=model.lists):
        parts = sorted(model.contributions(f).items(), key=lambda kv: (-abs(kv[1]), kv[0]))
        out.append(ToneScore(model.score(f), tuple((k, round(v, 4)) for k, v in parts[:top])))
    return out
