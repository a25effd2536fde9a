"""Sentiment toward a target: is an actor mentioned in a news sentence cast negatively,
neutrally or positively?

What it measures: the polarity of one sentence *toward one mention* in it (a person, party
or organisation), as annotated in NewsMTSC (Hamborg and Donnay, EACL 2021): "Clinton blamed
the DNC" is negative toward Clinton whatever the tone of the DNC's part. Sentence-level
tone (VADER) cannot tell the attacker from the attacked; this model can, to a degree.

Method: multinomial logistic regression (scikit-learn, fitted by
``python -m analysis.validation.train_target_sentiment``) over two groups of features,
both computed by :func:`target_features` so that training and inference agree exactly:

- *terms*, weighted TF-IDF (sublinear tf, smoothed idf, L2-normalised over the terms the
  model knows): the words of the sentence with the target removed (``s:``); words and word
  pairs in a window of 5 tokens left (``l:``) and right (``r:``) of the target, the target
  written ``<t>``; the one token and the two tokens just before and after it (``l1:``,
  ``r1:``, ``l2:``, ``r2:``); the words of the target's clause (``cl:``, ``cr:``, the clause
  ending at a comma, colon, dash, quotation mark, bracket or "but", "while", "who", ...);
- *cues*, numbers multiplied by the model's ``cue_scale`` (0.25): VADER lexicon valence
  sums (positive and negative separately, ``log(1 + sum)``, a valence flipped by a negation
  among the three tokens before it) in the left and right windows, the two halves of the
  clause and the whole sentence; VADER compound of the sentence, of the target with 5 words
  each side and of its clause; a negation within three tokens of the target; whether the
  target stands inside quotation marks, whether the sentence quotes at all, whether the
  target is the speaker (a speech verb just after it, "X said", or just before it, "said
  X"; this also fires on "said the governor's plan"); whether the target is a pronoun and
  whether it opens the sentence.

The weights are plain data (``analysis/models/target_sentiment.json``), pruned of terms whose
largest weight is tiny; scoring is pure Python (standard library and ``vaderSentiment``).

Training data: NewsMTSC ``train.jsonl`` (8,739 targets in 7,739 sentences from US political
news, MIT licence per its dataset card, ``fhamborg/NewsMTSC``). No sentence text is stored.

Validation (macro-F1 over negative / neutral / positive; ``python -m
analysis.validation.newsmtsc``): 5-fold cross-validation on train grouped by sentence 0.665;
NewsMTSC dev-rw 0.708 and dev-mt 0.684, against 0.508 / 0.528 for VADER on the sentence and
0.480 / 0.536 for VADER on a 12-word window around the target, on the same files. Published
anchors on the test splits (not available here): TF-IDF plus lexicon logistic regression
63.6 / 61.2, frozen MiniLM plus LR 69.5 / 64.6, fine-tuned RoBERTa 83.1 / 82.5. About three
targets in ten are misread: the model leans on the sentence's tone and its own lexicon, so
read the evidence before quoting a label.

The text given should be the sentence that holds the target (the model saw sentences only);
offsets are character offsets into it, ``text[start:end]`` being the mention.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from vaderSentiment.vaderSentiment import NEGATE, SentimentIntensityAnalyzer

from analysis.lexicon import load_model

LABELS = ("negative", "neutral", "positive")
MODEL_NAME = "target_sentiment"
TARGET = "<t>"
WINDOW = 5
NEGATION_SCOPE = 3
EVIDENCE_SIZE = 5

_TOKEN = re.compile(r"[a-z0-9]+(?:['\-][a-z0-9]+)*|[^\w\s]")
_NEGATIONS = frozenset(NEGATE) | {"no"}
_SPEECH_VERBS = frozenset(
    "said says say told tells added argued argues wrote writes claimed claims stated "
    "insisted insists explained noted asked warned warns declared tweeted suggested "
    "acknowledged contended according".split()
)
_PRONOUNS = frozenset("he she him her his hers they them their it its i we you me us".split())
_CLAUSE_BOUNDARIES = frozenset(
    [",", ";", ":", "—", "–", "(", ")", '"', "“", "”"]
    + "but although though while whereas because which who".split()
)
_TERM_PLACES = {
    "s": "in the sentence",
    "l": f"in the {WINDOW} tokens before the target",
    "r": f"in the {WINDOW} tokens after the target",
    "l1": "just before the target",
    "r1": "just after the target",
    "l2": "the two tokens before the target",
    "r2": "the two tokens after the target",
    "cl": "in the target's clause, before it",
    "cr": "in the target's clause, after it",
}
_CUE_NAMES = {
    "valence_pos_left": f"positive VADER words in the {WINDOW} tokens before the target",
    "valence_neg_left": f"negative VADER words in the {WINDOW} tokens before the target",
    "valence_pos_right": f"positive VADER words in the {WINDOW} tokens after the target",
    "valence_neg_right": f"negative VADER words in the {WINDOW} tokens after the target",
    "valence_pos_sentence": "positive VADER words in the sentence",
    "valence_neg_sentence": "negative VADER words in the sentence",
    "valence_pos_clause_left": "positive VADER words in the target's clause, before it",
    "valence_neg_clause_left": "negative VADER words in the target's clause, before it",
    "valence_pos_clause_right": "positive VADER words in the target's clause, after it",
    "valence_neg_clause_right": "negative VADER words in the target's clause, after it",
    "negation_near": "a negation within three tokens of the target",
    "vader_sentence": "VADER compound of the sentence",
    "vader_window": f"VADER compound of the target and {WINDOW} words each side",
    "vader_clause": "VADER compound of the target's clause",
    "in_quote": "the target is inside quotation marks",
    "has_quote": "the sentence contains quotation marks",
    "speaker": "the target is the speaker (X said / said X)",
    "pronoun": "the target is a pronoun",
    "sentence_start": "the target opens the sentence",
}


def tokenize(text: str) -> list[str]:
    """Lower-cased word tokens (inner apostrophes and hyphens kept) and punctuation marks.

    Curly single quotes become ``'``; curly double quotes stay tokens of their own.
    """
    return _TOKEN.findall(text.lower().replace("’", "'").replace("‘", "'"))


@lru_cache(maxsize=1)
def _analyzer() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


def _is_word(token: str) -> bool:
    return token[0].isalnum()


def _valence(tokens: list[str]) -> tuple[float, float, list[str], list[str]]:
    """``log(1 + sum)`` of positive and of negative VADER valences, and the words behind them.

    A valence is flipped and damped, as VADER does (factor -0.74), when a negation stands
    among the :data:`NEGATION_SCOPE` tokens before it; such a word is shown as ``"not X"``.
    """
    lexicon = _analyzer().lexicon
    sums, words = [0.0, 0.0], ([], [])
    for i, token in enumerate(tokens):
        value = lexicon.get(token)
        if value is None:
            continue
        if _NEGATIONS.intersection(tokens[max(0, i - NEGATION_SCOPE) : i]):
            value, token = value * -0.74, "not " + token
        side = 0 if value > 0 else 1
        sums[side] += abs(value)
        words[side].append(token)
    return math.log1p(sums[0]), math.log1p(sums[1]), *words


def _clause(left: list[str], right: list[str]) -> tuple[list[str], list[str]]:
    """The tokens of the target's clause before and after it."""
    i = len(left)
    while i > 0 and left[i - 1] not in _CLAUSE_BOUNDARIES:
        i -= 1
    j = 0
    while j < len(right) and right[j] not in _CLAUSE_BOUNDARIES:
        j += 1
    return left[i:], right[:j]


def _inside_quotes(before: str) -> bool:
    """Whether an opened quotation is still open at the end of ``before``."""
    return before.rfind("“") > before.rfind("”") or before.count('"') % 2 == 1


def _terms(left: list[str], right: list[str], clause: tuple[list[str], list[str]]) -> list[str]:
    window_left = left[-WINDOW:] + [TARGET]
    window_right = [TARGET] + right[:WINDOW]
    padded_left, padded_right = ["<s>", *left], [*right, "</s>"]
    terms = ["s:" + t for t in left + right if _is_word(t)]
    terms += ["l:" + t for t in window_left[:-1]] + ["r:" + t for t in window_right[1:]]
    terms += ["l:" + a + " " + b for a, b in zip(window_left, window_left[1:])]
    terms += ["r:" + a + " " + b for a, b in zip(window_right, window_right[1:])]
    terms += ["l1:" + padded_left[-1], "r1:" + padded_right[0]]
    terms += ["l2:" + " ".join(padded_left[-2:]), "r2:" + " ".join(padded_right[:2])]
    terms += ["cl:" + t for t in clause[0]] + ["cr:" + t for t in clause[1]]
    return terms


def _cues(
    text: str,
    start: int,
    end: int,
    left: list[str],
    right: list[str],
    clause: tuple[list[str], list[str]],
    sentence_compound: float,
) -> tuple[dict, dict]:
    """The cues' values, and the words behind the lexicon cues (for the evidence)."""
    compound = _analyzer().polarity_scores
    mention = tokenize(text[start:end])
    cues: dict[str, float] = {}
    shown: dict[str, str] = {}
    parts = {
        "left": left[-WINDOW:],
        "right": right[:WINDOW],
        "sentence": left + right,
        "clause_left": clause[0],
        "clause_right": clause[1],
    }
    for name, tokens in parts.items():
        pos, neg, pos_words, neg_words = _valence(tokens)
        cues[f"valence_pos_{name}"], cues[f"valence_neg_{name}"] = pos, neg
        shown[f"valence_pos_{name}"], shown[f"valence_neg_{name}"] = ", ".join(
            pos_words
        ), ", ".join(neg_words)
    cues["negation_near"] = float(bool(_NEGATIONS.intersection(left[-3:] + right[:3])))
    cues["vader_sentence"] = sentence_compound
    window = " ".join(
        text[:start].split()[-WINDOW:] + text[start:end].split() + text[end:].split()[:WINDOW]
    )
    cues["vader_window"], shown["vader_window"] = compound(window)["compound"], window
    clause_text = " ".join(clause[0] + mention + clause[1])
    cues["vader_clause"], shown["vader_clause"] = compound(clause_text)["compound"], clause_text
    cues["in_quote"] = float(_inside_quotes(text[:start]))
    cues["has_quote"] = float(any(mark in text for mark in '"“”'))
    cues["speaker"] = float(bool(_SPEECH_VERBS.intersection(right[:3] + left[-2:])))
    cues["pronoun"] = float(len(mention) == 1 and mention[0] in _PRONOUNS)
    cues["sentence_start"] = float(not any(map(_is_word, left)))
    return cues, shown


class TargetFeatures(NamedTuple):
    """The model's input for one target: terms (strings counted for TF-IDF) and cues
    (name -> number); ``shown`` names the words behind some cues, for the evidence only."""

    terms: list[str]
    cues: dict[str, float]
    shown: dict[str, str]


def target_features(
    text: str, start: int, end: int, *, sentence_compound: float | None = None
) -> TargetFeatures:
    """The features of the mention ``text[start:end]`` (training and scoring both use this).

    ``sentence_compound`` (VADER compound of ``text``) may be passed when already known.
    Raises ValueError when the span is empty, white space only or outside the text.
    """
    _check_span(text, start, end)
    left, right = tokenize(text[:start]), tokenize(text[end:])
    clause = _clause(left, right)
    if sentence_compound is None:
        sentence_compound = _analyzer().polarity_scores(text)["compound"]
    cues, shown = _cues(text, start, end, left, right, clause, sentence_compound)
    return TargetFeatures(_terms(left, right, clause), cues, shown)


def _check_span(text: str, start: int, end: int) -> None:
    if not (isinstance(start, int) and isinstance(end, int)):
        raise ValueError(f"target offsets must be integers, got {start!r} and {end!r}")
    if not 0 <= start < end <= len(text):
        raise ValueError(
            f"target span {start}:{end} is empty or outside the text (length {len(text)})"
        )
    if not text[start:end].strip():
        raise ValueError(f"target span {start}:{end} holds only white space")


def describe_feature(name: str, shown: str = "") -> str:
    """A reader's phrase for a term (``"l:attacked"``) or a cue (``"in_quote"``), with the
    words behind the cue when given."""
    if name in _CUE_NAMES:
        return f"{_CUE_NAMES[name]}: {shown}" if shown else _CUE_NAMES[name]
    place, _, words = name.partition(":")
    return f"'{words}' {_TERM_PLACES[place]}"


@dataclass(frozen=True)
class TargetSentiment(Mapping):
    """Polarity toward one target, as a mapping with keys ``label`` and ``probabilities``.

    ``label``: ``"negative"``, ``"neutral"`` or ``"positive"``, the most probable class.
    ``probabilities``: label -> probability, rounded to 4 decimals, summing to 1.
    ``evidence``: up to five (feature description, contribution) pairs with the largest
    absolute contribution to the chosen label's logit, relative to the mean of the three
    labels (positive: pushed toward the label; negative: pushed away from it).
    """

    label: str
    probabilities: dict[str, float]
    evidence: tuple[tuple[str, float], ...]

    _KEYS = ("label", "probabilities")

    def __getitem__(self, key: str) -> str | dict[str, float]:
        if key not in self._KEYS:
            raise KeyError(key)
        return getattr(self, key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._KEYS)

    def __len__(self) -> int:
        return len(self._KEYS)


class TargetModel:
    """Fitted weights (the JSON of ``analysis/models/target_sentiment.json``) and the scorer."""

    def __init__(self, data: Mapping):
        self.labels = tuple(data["classes"])
        self.intercept = tuple(data["intercept"])
        self.cue_scale = data["cue_scale"]
        self.terms = data["terms"]  # term -> [idf, weight per label]
        self.cues = data["cues"]  # cue -> [weight per label]

    def contributions(self, features: TargetFeatures) -> dict[str, list[float]]:
        """Feature -> its contribution to each label's logit (TF-IDF terms, scaled cues).

        Terms the model does not know are ignored, as scikit-learn's TfidfVectorizer does.
        """
        counts: dict[str, int] = {}
        for term in features.terms:
            if term in self.terms:
                counts[term] = counts.get(term, 0) + 1
        tfidf = {t: (1.0 + math.log(n)) * self.terms[t][0] for t, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in tfidf.values())) or 1.0
        out = {t: [v / norm * w for w in self.terms[t][1:]] for t, v in tfidf.items()}
        for cue, value in features.cues.items():
            out[cue] = [value * self.cue_scale * w for w in self.cues[cue]]
        return out

    def score(self, features: TargetFeatures) -> TargetSentiment:
        """Softmax over the labels' logits, with the features that weighed most."""
        parts = self.contributions(features)
        logits = [b + sum(c[k] for c in parts.values()) for k, b in enumerate(self.intercept)]
        top = max(logits)
        exps = [math.exp(v - top) for v in logits]
        best = exps.index(max(exps))
        ranked = sorted(parts.items(), key=lambda item: (-abs(item[1][best]), item[0]))
        evidence = tuple(
            (describe_feature(name, features.shown.get(name, "")), round(weights[best], 4))
            for name, weights in ranked[:EVIDENCE_SIZE]
        )
        return TargetSentiment(
            self.labels[best], _rounded_distribution(self.labels, exps, best), evidence
        )


def _rounded_distribution(
    labels: tuple[str, ...], exps: list[float], best: int
) -> dict[str, float]:
    """Probabilities rounded to 4 decimals; the best label absorbs the rounding (sum 1)."""
    total = sum(exps)
    probs = [round(e / total, 4) for e in exps]
    probs[best] = round(1.0 - sum(p for i, p in enumerate(probs) if i != best), 4)
    return dict(zip(labels, probs))


@lru_cache(maxsize=1)
def _default_model() -> TargetModel:
    return TargetModel(load_model(MODEL_NAME))


def score_target(text: str, start: int, end: int) -> TargetSentiment:
    """Polarity toward the mention ``text[start:end]`` of the sentence ``text``.

    Raises ValueError when the span is empty, white space only or outside the text.
    """
    return _default_model().score(target_features(text, start, end))


def score_targets(
    items: Iterable[tuple[str, int, int]], compounds: Mapping[str, float] | None = None
) -> list[TargetSentiment]:
    """:func:`score_target` for many (text, start, end) triples; VADER scores each text once.

    ``compounds``: VADER compounds of sentences the caller has scored already (by text).
    """
    model = _default_model()
    compounds = dict(compounds or {})
    results = []
    for text, start, end in items:
        if text not in compounds:
            compounds[text] = _analyzer().polarity_scores(text)["compound"]
        results.append(
            model.score(target_features(text, start, end, sentence_compound=compounds[text]))
        )
    return results
