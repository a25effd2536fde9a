"""News tone: a sentence tone model trained on human ratings of news editorial sentences.

VADER (Hutto and Gilbert 2014) reads news poorly where the story is told by composition
rather than by single words: "helped the police crush the uprising" scores positive because
"helped" is, and "Is this not treason?" comes out mild. This model keeps VADER's numbers as
features and adds what VADER cannot see, all computed by simple token rules (no parse):

- VADER's scores (compound, pos, neg, neu) and the hits of VADER's own lexicon
  (``vader_lexicon.txt`` shipped in the vaderSentiment package): sums, counts, extremes;
- negation scope: a lexicon word within three tokens after "not", "no", "never", "n't",
  "without", ... (up to the next punctuation) is counted apart, its valence flipped;
- contrast: after "but", "however", "yet", "although", "though", "while" the valence of the
  part after is a feature of its own (so the model can weight it);
- questions: a question with a negation ("Is this not treason?") and its lexicon valence;
- the project's connotation lexicon (``analysis/lexicons/connotation.tsv``): counts of harm,
  help, enable, gain and loss verbs and the sums of their effect and writer-perspective
  values; and enabling harm: an enabling verb ("help", "aid", "arm", "fund", ...) followed
  within eight tokens by a harm verb ("helped the police crush ...") counts as harm, with
  the VADER valence of the enabling word in it as a feature of its own, so its positive
  valence can be cancelled;
- words not in VADER's lexicon whose Snowball stem is that of lexicon words ("killings",
  "praising") count with those words' mean valence (positive and negative sums);
- loaded language: entries of the project's ``lexicons/loaded.tsv`` (Da San Martino et
  al.'s loaded language and name calling), counted as praise or as other (alarm,
  condemnation, ridicule, ...);
- TF-IDF of the words' Snowball stems (sublinear tf, smoothed idf, L2 norm).

A ridge regression on these features was fitted by ``python -m
analysis.validation.train_news_tone`` on the NYT editorial sentences rated by VADER's authors
(the 3,460 development sentences of ``shared/benchmarks/nyt-editorial``, MIT) and its weights
are plain JSON data (``analysis/models/news_tone.json``, with its provenance and the
cross-validated Pearson r, and a frozen copy of the two project word lists it read, so that
editing a lexicon changes no score until the model is retrained). Scoring is pure Python
and numpy: the same features, the same arithmetic.

Evidence: :func:`explain_tone` gives each score with the features that drove it (a word
stem or a named cue, and what it added), largest first.

Scale: the raters' own, about -4 (most negative) to +4 (most positive), 0 neutral; the
scores are not clipped (ridge predictions stay well inside, mostly within -3..+3). As a
rough guide, a score above +0.5 reads as positive, below -0.5 as negative.
"""
from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np
import snowballstemmer
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis.lexicon import load_lexicon, load_model

MODEL_NAME = "news_tone"
FEATURE_SET = "token-rules/1"

TOKEN = re.compile(r"[a-z0-9]+(?:['\u2019][a-z]+)?|n['\u2019]t|[.,;:!?]")
PUNCT = frozenset(".,;:!?")
NEGATORS = frozenset({"not", "no", "never", "nor", "neither", "without", "none", "nobody",
                      "nothing", "nowhere", "hardly", "barely", "scarcely", "cannot", "n't"})
CONTRAST = frozenset({"but", "however", "yet", "although", "though", "while", "whereas",
                      "nevertheless", "nonetheless"})
NEGATION_SCOPE = 3
ENABLE_WINDOW = 8


@dataclass(frozen=True)
class ToneFeatures:
    """The features of one sentence: its TF-IDF terms (with repeats) and its named cues."""

    terms: tuple[str, ...]
    cues: dict[str, float]


def tokens(text: str) -> list[str]:
    """Lower-case word tokens and punctuation marks; "don't" gives "don" ... "n't"."""
    out = []
    for tok in TOKEN.findall(text.lower().replace("\u2019", "'")):
        if tok.endswith("n't") and len(tok) > 3:
            out.extend((tok[:-3], "n't"))
        else:
            out.append(tok)
    return out


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """The Snowball (Porter 2) English stem of a lower-case word (cached: the stemmer is slow)."""
    return _stemmer().stemWord(word)


def terms(toks: list[str]) -> tuple[str, ...]:
    """The TF-IDF terms: the Snowball (Porter 2) stems of the words, and "?"."""
    return tuple(stem(t) for t in toks if t not in PUNCT or t == "?")


@lru_cache(maxsize=1)
def vader_lexicon() -> dict[str, float]:
    """Word -> mean valence, read from ``vader_lexicon.txt`` in the vaderSentiment package."""
    import vaderSentiment

    path = os.path.join(os.path.dirname(vaderSentiment.__file__), "vader_lexicon.txt")
    out = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            cells = line.rstrip("\n").split("\t")
            if len(cells) >= 2:
                out[cells[0]] = float(cells[1])
    return out


@lru_cache(maxsize=1)
def stem_valence() -> dict[str, float]:
    """Snowball stem -> mean valence of the VADER lexicon words with that stem (words only)."""
    stems: dict[str, list[float]] = {}
    for word, valence in vader_lexicon().items():
        if word.isalpha():
            stems.setdefault(stem(word), []).append(valence)
    return {k: sum(v) / len(v) for k, v in sorted(stems.items())}


@lru_cache(maxsize=1)
def _analyzer() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


@dataclass(frozen=True)
class WordLists:
    """The project's word lists the features read, frozen into the model at training time.

    ``verbs``: every inflected form of ``lexicons/connotation.tsv`` -> (kind, effect_object,
    writer_perspective_object, writer_perspective_subject, enables); ``loaded``: the entries
    in use of ``lexicons/loaded.tsv``, as token tuples -> "praise" or "other". A model carries
    the copy it was trained with, so editing a lexicon changes no score until retraining.
    """

    verbs: dict[str, tuple[str, int, int, int, bool]]
    loaded: dict[tuple[str, ...], str]

    @cached_property
    def longest_loaded(self) -> int:
        """The number of tokens of the longest loaded-language entry."""
        return max(map(len, self.loaded), default=0)

    def to_data(self) -> dict:
        return {"verbs": {f: list(v) for f, v in sorted(self.verbs.items())},
                "loaded": {" ".join(k): v for k, v in sorted(self.loaded.items())}}

    @classmethod
    def from_data(cls, data: dict) -> "WordLists":
        verbs = {f: (v[0], int(v[1]), int(v[2]), int(v[3]), bool(v[4])) for f, v in data["verbs"].items()}
        return cls(verbs, {tuple(k.split(" ")): v for k, v in data["loaded"].items()})

    @classmethod
    def from_lexicons(cls) -> "WordLists":
        """Read the current lexicon files (what the training script freezes)."""
        verbs: dict[str, tuple[str, int, int, int, bool]] = {}
        for row in load_lexicon("connotation").rows:
            value = (row["kind"], int(row["effect_object"]), int(row["writer_perspective_object"]),
                     int(row["writer_perspective_subject"]), row["enables"] == "yes")
            for form in row["forms"].split(","):
                verbs.setdefault(form, value)
        loaded = {}
        for row in load_lexicon("loaded").rows:
            if row["status"] == "use":
                key = tuple(tokens(row["entry"]))
                if key:
                    loaded.setdefault(key, "praise" if row["category"] == "praise" else "other")
        return cls(verbs, loaded)


def _cues(text: str, toks: list[str], lists: WordLists) -> dict[str, float]:
    lex, verbs, stems = vader_lexicon(), lists.verbs, stem_valence()
    vs = _analyzer().polarity_scores(text)
    cues = {"vader_compound": vs["compound"], "vader_pos": vs["pos"], "vader_neg": vs["neg"],
            "vader_neu": vs["neu"]}
    n = sum(t not in PUNCT for t in toks)
    valences = []  # (index, valence after negation flip, negated?)
    stemmed = []  # valences of words not in the lexicon whose stem a lexicon word has
    negated_until, contrast_at = -1, -1
    for i, t in enumerate(toks):
        if t in PUNCT:
            negated_until = -1
            continue
        if t in NEGATORS:
            negated_until = i + NEGATION_SCOPE
            continue
        if t in CONTRAST and contrast_at < 0 and i > 0:
            contrast_at = i
        v, neg = lex.get(t), i <= negated_until
        if v is not None:
            valences.append((i, -v if neg else v, neg))
        elif t.isalpha() and (sv := stems.get(stem(t))) is not None:
            stemmed.append(-sv if neg else sv)
    pos = [v for _, v, _ in valences if v > 0]
    negs = [v for _, v, _ in valences if v < 0]
    cues.update({
        "lex_pos_sum": sum(pos), "lex_neg_sum": sum(negs),
        "lex_pos_n": float(len(pos)), "lex_neg_n": float(len(negs)),
        "lex_max": max(pos, default=0.0), "lex_min": min(negs, default=0.0),
        "lex_mean": sum(v for _, v, _ in valences) / max(n, 1),
        "negations": float(sum(t in NEGATORS for t in toks)),
        "negated_sum": sum(v for _, v, neg in valences if neg),
        "negated_n": float(sum(neg for _, _, neg in valences)),
        "log_tokens": math.log1p(n),
        "stem_pos_sum": sum(v for v in stemmed if v > 0),
        "stem_neg_sum": sum(v for v in stemmed if v < 0),
    })
    after = [v for i, v, _ in valences if contrast_at >= 0 and i > contrast_at]
    before = [v for i, v, _ in valences if contrast_at >= 0 and i < contrast_at]
    cues["contrast"] = float(contrast_at >= 0)
    cues["contrast_after_sum"] = sum(after)
    cues["contrast_before_sum"] = sum(before)
    question = "?" in toks
    neg_question = question and any(t in NEGATORS for t in toks)
    total = sum(v for _, v, _ in valences)
    cues["question"] = float(question)
    cues["negative_question"] = float(neg_question)
    cues["negative_question_sum"] = total if neg_question else 0.0
    cues["exclamation"] = float("!" in toks)
    # connotation frames
    counts = {k: 0.0 for k in ("harm", "help", "enable", "gain", "loss", "report")}
    eo = wps = wpo = 0.0
    harm_at, enable_at = [], []
    for i, t in enumerate(toks):
        row = verbs.get(t)
        if row is None:
            continue
        kind, effect, persp_object, persp_subject, enables = row
        if kind in counts:
            counts[kind] += 1
        eo += effect
        wps += persp_subject
        wpo += persp_object
        if kind == "harm":
            harm_at.append(i)
        if enables:
            enable_at.append(i)
    for k, v in counts.items():
        cues[f"cf_{k}"] = v
    cues["cf_effect_object"] = eo
    cues["cf_writer_subject"] = wps
    cues["cf_writer_object"] = wpo
    enabled = [i for i in enable_at if any(i < j <= i + ENABLE_WINDOW for j in harm_at)]
    cues["enable_harm"] = float(len(enabled))
    cues["enable_harm_valence"] = sum(lex.get(toks[i], 0.0) for i in enabled)
    cues["harm_with_positive"] = sum(pos) if harm_at else 0.0
    # loaded language (longest entry first at each position)
    words = [t for t in toks if t not in PUNCT]
    longest = lists.longest_loaded
    cues["loaded_praise"] = cues["loaded_other"] = 0.0
    for i in range(len(words)):
        for n in range(min(longest, len(words) - i), 0, -1):
            category = lists.loaded.get(tuple(words[i:i + n]))
            if category is not None:
                cues[f"loaded_{category}"] += 1
                break
    return cues


def featurize(
    texts: list[str], docs: list | None = None, *, lists: WordLists | None = None
) -> list[ToneFeatures]:
    """The features of every sentence text.

    ``lists``: the word lists to read (default: the copy frozen in the shipped model).

    ``docs``: optional spaCy ``Doc`` objects, one per text, for parse-based features. The
    shipped model (feature set ``token-rules/1``) reads token rules only, so ``docs`` is
    checked for length and otherwise not read; a later feature set may read the parse, and
    then a model trained with it.
    """
    if docs is not None and len(docs) != len(texts):
        raise ValueError(f"{len(docs)} docs for {len(texts)} texts")
    lists = lists or _model().lists
    out = []
    for text in texts:
        toks = tokens(text)
        out.append(ToneFeatures(terms(toks), _cues(text, toks, lists)))
    return out


class ToneModel:
    """A ridge model stored as plain data: TF-IDF terms and standardised cues."""

    def __init__(self, model: dict):
        self.intercept = float(model["intercept"])
        self.cue_names = list(model["cues"])
        cues = model["cues"]
        self.cue_mean = np.array([cues[c][0] for c in self.cue_names])
        self.cue_scale = np.array([cues[c][1] for c in self.cue_names])
        self.cue_coef = np.array([cues[c][2] for c in self.cue_names])
        self.terms = {t: (float(idf), float(w)) for t, (idf, w) in model["terms"].items()}
        self.lists = WordLists.from_data(model["word_lists"])

    def score(self, f: ToneFeatures) -> float:
        """The predicted mean rating (about -4..+4) of one sentence."""
        counts: dict[str, int] = {}
        for t in f.terms:
            if t in self.terms:
                counts[t] = counts.get(t, 0) + 1
        weights = {t: (1.0 + math.log(c)) * self.terms[t][0] for t, c in counts.items()}
        norm = math.sqrt(sum(w * w for w in weights.values()))
        text_part = sum(w / norm * self.terms[t][1] for t, w in sorted(weights.items())) if norm else 0.0
        x = np.array([f.cues[c] for c in self.cue_names], dtype=float)
        cue_part = float(np.dot((x - self.cue_mean) / self.cue_scale, self.cue_coef))
        return self.intercept + text_part + cue_part

    def contributions(self, f: ToneFeatures) -> dict[str, float]:
        """What each feature adds to the score: ``stem:<stem>`` terms and ``cue:<name>`` cues.

        They sum, with the intercept, to :meth:`score` (up to rounding).
        """
        counts: dict[str, int] = {}
        for t in f.terms:
            if t in self.terms:
                counts[t] = counts.get(t, 0) + 1
        weights = {t: (1.0 + math.log(c)) * self.terms[t][0] for t, c in counts.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        out = {f"stem:{t}": w / norm * self.terms[t][1] for t, w in sorted(weights.items())}
        x = np.array([f.cues[c] for c in self.cue_names], dtype=float)
        for name, value in zip(self.cue_names, (x - self.cue_mean) / self.cue_scale * self.cue_coef):
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
