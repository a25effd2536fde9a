"""The features of the news tone model (:mod:`analysis.measures.sentiment.news_tone`).

Token rules only (no parse), computed per sentence in this order by :func:`featurize`:

1. VADER's scores (compound, pos, neg, neu) of the sentence (vaderSentiment 3.3.2);
2. hits of VADER's own lexicon (``vader_lexicon.txt``): positive and negative sums and counts,
   extremes, mean per word; a hit within :data:`NEGATION_SCOPE` tokens after a negator ("not",
   "no", "never", "n't", "without", ...; up to the next punctuation) has its valence flipped and
   is also counted apart; the number of negators; the log of the number of words;
3. words not in VADER's lexicon whose Snowball stem is that of lexicon words ("killings",
   "praising"): the positive and negative sums of those words' mean valence;
4. contrast: after the first "but", "however", "yet", "although", "though", "while", ... the
   lexicon valence after it and before it are features of their own (the model weights them);
5. questions and exclamations: a question, a question with a negation ("Is this not
   treason?") and its lexicon valence, an exclamation mark;
6. the project's connotation lexicon (``lexicons/connotation.tsv``): counts of harm, help,
   enable, gain, loss and report verbs, sums of their effect on the object and the writer's
   perspective on object and subject; enabling harm: an enabling verb ("help", "aid", "arm",
   "fund", ...) with a harm verb within :data:`ENABLE_WINDOW` tokens after it ("helped the
   police crush ...") is counted, with the VADER valence of the enabling words as a feature of
   its own (so their positive valence can be cancelled), and the positive valence of a
   sentence that has a harm verb;
7. loaded language: entries of ``lexicons/loaded.tsv`` (Da San Martino et al. 2019), counted
   as praise or as other (alarm, condemnation, ridicule, ...);
8. valence shifters (Polanyi and Zaenen 2006): a negative word (VADER's lexicon or a stem
   match) within :data:`SHIFT_WINDOW` tokens after a word that reverses or removes what follows
   ("reduce", "prevent", "end", "cure", "save", "without", ...: :data:`SHIFTERS`) counts as
   positive ("decrease cancer fatalities"), and a positive word after a word of loss ("lack",
   "lost", "fewer", ...: :data:`LOSS_WORDS`) as negative; the sums and the count;
9. induced valence: a valence for about 16,000 news words, induced from VADER's lexicon
   (frozen in the model; see ``analysis.validation.train_news_tone --induce``): sums of the
   positive and negative values of words not in VADER's lexicon, their mean per word, the mean
   per word over all words, the extremes and the number of strong (|v| > 0.5) new words;
   negation flips them as in 2; then words in neither list whose Snowball stem induced words
   have ("slaughtering") count with those words' mean valence (mean per word, negative sum);
10. the TF-IDF terms (:func:`terms`): the Snowball stems of the words and "?", a stem within a
   negation scope marked ``NOT_`` ("not good" gives "not", "NOT_good");
11. the TF-IDF character n-grams (:func:`char_ngrams`): 2 to 5 characters inside each
   space-padded lower-case word, as scikit-learn's ``char_wb`` analyser makes them.
"""
from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis.lexicon import load_lexicon
from analysis.measures.stems import stem

TOKEN = re.compile(r"[a-z0-9]+(?:['\u2019][a-z]+)?|n['\u2019]t|[.,;:!?]")
PUNCT = frozenset(".,;:!?")
NEGATORS = frozenset({"not", "no", "never", "nor", "neither", "without", "none", "nobody",
                      "nothing", "nowhere", "hardly", "barely", "scarcely", "cannot", "n't"})
CONTRAST = frozenset({"but", "however", "yet", "although", "though", "while", "whereas",
                      "nevertheless", "nonetheless"})
NEGATION_SCOPE = 3
ENABLE_WINDOW = 8
SHIFT_WINDOW = 4
#: words of loss: a positive word after one of them is lost ("lacking care", "fewer jobs")
LOSS_WORDS = frozenset(
    "lack lacks lacking lost lose loses losing loss less fewer little without no end ended ending "
    "stop stopped destroy destroyed cut cuts".split())
#: words that reverse or remove what follows: a negative word after one of them is undone
SHIFTERS = LOSS_WORDS | frozenset(
    "reduce reduced reduces reducing decrease decreased decreases decreasing cutting lower lowered "
    "lowers lowering prevent prevented prevents preventing avoid avoided avoids avoiding ends stops "
    "stopping halt halted halting curb curbed curbing fight fighting fought fights combat combating "
    "cure cured curing eliminate eliminated eliminating eradicate eradicated ease eased easing "
    "relieve relieved relieving alleviate alleviated resolve resolved resolving overcome overcame "
    "save saved saving saves rescue rescued rescuing protect protected protecting protects spare "
    "spared free freed freeing escape escaped escaping survive survived surviving reverse reversed "
    "lessen lessened limit limited limiting against beat beating defeat defeated defeating banish "
    "banished ban banned banning deter deterred tackle tackling solve solved solving remedy repair "
    "repaired fix fixed fixing counter countering oppose opposed opposing resist resisted resisting "
    "abolish abolished removing remove removed rid".split())


@dataclass(frozen=True)
class ToneFeatures:
    """The features of one sentence: its TF-IDF terms and character n-grams (with repeats)
    and its named cues."""

    terms: tuple[str, ...]
    cues: dict[str, float]
    chars: tuple[str, ...] = ()


def tokens(text: str) -> list[str]:
    """Lower-case word tokens and punctuation marks; "don't" gives "don" ... "n't"."""
    out = []
    for tok in TOKEN.findall(text.lower().replace("\u2019", "'")):
        if tok.endswith("n't") and len(tok) > 3:
            out.extend((tok[:-3], "n't"))
        else:
            out.append(tok)
    return out


def negated(toks: list[str]) -> list[bool]:
    """For each token: is it a word within :data:`NEGATION_SCOPE` tokens after a negator
    (the scope ends at punctuation; a negator itself is not negated)?"""
    out, until = [], -1
    for i, t in enumerate(toks):
        if t in PUNCT:
            until = -1
        elif t in NEGATORS:
            until = i + NEGATION_SCOPE
            out.append(False)
            continue
        out.append(i <= until and t not in PUNCT)
    return out


def terms(toks: list[str]) -> tuple[str, ...]:
    """The TF-IDF terms: the Snowball stems of the words (``NOT_`` + stem within a negation
    scope) and "?"."""
    return tuple(("NOT_" + stem(t) if neg else stem(t))
                 for t, neg in zip(toks, negated(toks)) if t not in PUNCT or t == "?")


CHAR_SIZES = (2, 5)
_SPACES = re.compile(r"\s\s+")


def char_ngrams(text: str) -> tuple[str, ...]:
    """Character 2- to 5-grams of each lower-case word padded with a space on either side; a
    word shorter than n gives itself once (scikit-learn's ``char_wb`` analyser, same order)."""
    out: list[str] = []
    for word in _SPACES.sub(" ", text.lower()).split():
        out.extend(_word_ngrams(word))
    return tuple(out)


@lru_cache(maxsize=1 << 16)
def _word_ngrams(word: str) -> tuple[str, ...]:
    out: list[str] = []
    w = f" {word} "
    low, high = CHAR_SIZES
    for n in range(low, high + 1):
        if len(w) <= n:
            out.append(w)
            break
        out.extend(w[i:i + n] for i in range(len(w) - n + 1))
    return tuple(out)


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
    """The word lists the features read, frozen into the model at training time.

    ``verbs``: every inflected form of ``lexicons/connotation.tsv`` -> (kind, effect_object,
    writer_perspective_object, writer_perspective_subject, enables); ``loaded``: the entries
    in use of ``lexicons/loaded.tsv``, as token tuples -> "praise" or "other"; ``induced``:
    word -> valence induced from VADER's lexicon (on VADER's scale, about -4..+4). A model
    carries the copy it was trained with, so editing a lexicon changes no score until
    retraining.
    """

    verbs: dict[str, tuple[str, int, int, int, bool]]
    loaded: dict[tuple[str, ...], str]
    induced: dict[str, float] = field(default_factory=dict)

    @cached_property
    def longest_loaded(self) -> int:
        """The number of tokens of the longest loaded-language entry."""
        return max(map(len, self.loaded), default=0)

    @cached_property
    def induced_stems(self) -> dict[str, float]:
        """Snowball stem -> mean induced valence of the words with that stem."""
        stems: dict[str, list[float]] = {}
        for word, valence in sorted(self.induced.items()):
            stems.setdefault(stem(word), []).append(valence)
        return {k: sum(v) / len(v) for k, v in stems.items()}

    def to_data(self) -> dict:
        return {"verbs": {f: list(v) for f, v in sorted(self.verbs.items())},
                "loaded": {" ".join(k): v for k, v in sorted(self.loaded.items())},
                "induced": dict(sorted(self.induced.items()))}

    @classmethod
    def from_data(cls, data: dict) -> "WordLists":
        verbs = {f: (v[0], int(v[1]), int(v[2]), int(v[3]), bool(v[4])) for f, v in data["verbs"].items()}
        return cls(verbs, {tuple(k.split(" ")): v for k, v in data["loaded"].items()},
                   {k: float(v) for k, v in data.get("induced", {}).items()})

    @classmethod
    def from_lexicons(cls, induced: dict[str, float]) -> "WordLists":
        """Read the current lexicon files (what the training script freezes), with ``induced``."""
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
        return cls(verbs, loaded, dict(induced))


def cues(text: str, toks: list[str], lists: WordLists) -> dict[str, float]:
    """The named cues of one sentence (its text and :func:`tokens`), in the order of the module
    docstring."""
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
        for size in range(min(longest, len(words) - i), 0, -1):
            category = lists.loaded.get(tuple(words[i:i + size]))
            if category is not None:
                cues[f"loaded_{category}"] += 1
                break
    # valence shifters
    shifted_neg = shifted_pos = shifted_n = 0.0
    for i, t in enumerate(toks):
        if t not in SHIFTERS:
            continue
        for u in toks[i + 1:i + 1 + SHIFT_WINDOW]:
            if u in PUNCT:
                break
            v = lex.get(u)
            if v is None and u.isalpha():
                v = stems.get(stem(u))
            if v is not None:
                if v < 0:
                    shifted_neg -= v
                    shifted_n += 1
                elif t in LOSS_WORDS:
                    shifted_pos += v
                break
    cues["shifted_negative"] = shifted_neg
    cues["shifted_positive"] = shifted_pos
    cues["shifted_n"] = shifted_n
    # induced valence
    induced = lists.induced
    new, every = [], []
    for t, neg in zip(toks, negated(toks)):
        v = induced.get(t)
        if v is None or t in NEGATORS:
            continue
        v = -v if neg else v
        every.append(v)
        if t not in lex:
            new.append(v)
    cues.update({
        "induced_pos_sum": sum(v for v in new if v > 0),
        "induced_neg_sum": sum(v for v in new if v < 0),
        "induced_new_mean": sum(new) / max(n, 1),
        "induced_mean": sum(every) / max(n, 1),
        "induced_min": min(every, default=0.0),
        "induced_max": max(every, default=0.0),
        "induced_strong_n": float(sum(abs(v) > 0.5 for v in new)),
    })
    by_stem = lists.induced_stems
    fallback = [by_stem[s] for t in toks if t.isalpha() and t not in induced and t not in lex
                and (s := stem(t)) in by_stem]
    cues["induced_stem_mean"] = sum(fallback) / max(n, 1)
    cues["induced_stem_neg_sum"] = sum(v for v in fallback if v < 0)
    return cues


def featurize(texts: list[str], lists: WordLists) -> list[ToneFeatures]:
    """The features (terms and cues) of every sentence text, reading ``lists``."""
    out = []
    for text in texts:
        toks = tokens(text)
        out.append(ToneFeatures(terms(toks), cues(text, toks, lists), char_ngrams(text)))
    return out
