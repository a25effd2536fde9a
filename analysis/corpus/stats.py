"""The statistics behind ``compare``: placement against a reference, nearest articles, distinctive terms.

- **Percentile** of a value x among n reference values: the mid-rank percentile
  ``100 * (#{v < x} + #{v = x} / 2) / n``, in 0..100. Ties sit in the middle of their run, so an
  article without scare quotes, in a corpus where 70 % have none, is at 35 rather than 0 or 70.
  No z-scores: many rates are zero for most articles, and a mean and standard deviation
  describe such a distribution badly.
- **Bootstrap interval** for a rate (Efron and Tibshirani 1993, the percentile interval): the
  article's body sentences are resampled with replacement (``resamples`` times, fixed seed),
  the rate recomputed on each resample as ``scale * sum(numerator) / sum(denominator)`` (0 when
  the denominator is 0, as every rate of the report), each resample placed by its percentile,
  and the 2.5th and 97.5th of those percentiles reported. Numerator and denominator per
  sentence come from the report's own evidence (:func:`sentence_evidence`): device spans,
  scare quotes, sentence tone, the voice of the words. A metric gets an interval only when
  that evidence, summed over all the sentences, gives back the reported value (to 0.001).
- **Nearest articles**: TF-IDF (sublinear term frequency, smoothed idf, unit length;
  scikit-learn) over the body text, English stop words (scikit-learn's list) left out, ranked
  by cosine similarity.
- **Distinctive terms**: the log-odds ratio with an informative Dirichlet prior of Monroe,
  Colaresi and Quinn (2008, "Fightin' words", eqs. 16 and 20). For word w, counts y_i (the
  article) and y_j (the rest) with totals n_i, n_j, and prior alpha_w = a0 * pi_w where pi_w is
  w's share of all the words pooled and a0 = ``prior_size`` (default 1,000 words, about one
  article, so the prior weighs about as much as the article's own counts)::

      delta_w = log((y_iw + a_w) / (n_i + a0 - y_iw - a_w)) - log((y_jw + a_w) / (n_j + a0 - y_jw - a_w))
      var(delta_w) ~= 1 / (y_iw + a_w) + 1 / (y_jw + a_w);   z_w = delta_w / sqrt(var)

  Positive z: the article uses w more than the rest; |z| > 1.96 is the usual threshold.
  Terms are lower-cased words of letters (inner apostrophes and hyphens kept, a possessive
  ``'s`` dropped, dotted abbreviations such as "U.S." kept whole, one-letter words other than
  "i" dropped).
"""
from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass

import numpy as np

from analysis.read.article import BODY_KINDS
from analysis.report.metrics import VOICES
from analysis.read.sentences import count_words

TONE_NEGATIVE, TONE_POSITIVE = -0.05, 0.05  # VADER's thresholds, as the report's tone shares
_TERM = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_]+(?:['’\-][^\W\d_]+)*")


def midrank_percentiles(reference, values) -> np.ndarray:
    """The mid-rank percentile (0..100) of each of ``values`` among ``reference``; NaN if empty."""
    ref = np.sort(np.asarray(reference, dtype=float))
    vals = np.asarray(values, dtype=float)
    if ref.size == 0:
        return np.full(vals.shape, np.nan)
    below = np.searchsorted(ref, vals, side="left")
    upto = np.searchsorted(ref, vals, side="right")
    return 100.0 * (below + upto) / (2.0 * ref.size)


@dataclass(frozen=True)
class RateEvidence:
    """A rate as ``scale * sum(numerator) / sum(denominator)`` over the body sentences."""

    numerator: np.ndarray
    denominator: np.ndarray
    scale: float = 1.0

    def value(self, index: np.ndarray | None = None) -> np.ndarray | float:
        """The rate over all sentences, or one rate per row of a resample ``index`` (B x n)."""
        if index is None:
            den = float(self.denominator.sum())
            return self.scale * float(self.numerator.sum()) / den if den else 0.0
        num = self.numerator[index].sum(axis=1)
        den = self.denominator[index].sum(axis=1)
        return np.where(den > 0, self.scale * num / np.where(den > 0, den, 1.0), 0.0)


def resample_index(n: int, resamples: int = 1000, seed: int = 0) -> np.ndarray:
    """``resamples`` rows of n sentence indices drawn with replacement (deterministic)."""
    return np.random.default_rng(seed).integers(0, n, size=(resamples, n))


def bootstrap_interval(reference, rates) -> tuple[float, float]:
    """The 2.5th and 97.5th percentiles of the resampled ``rates``' percentiles among ``reference``."""
    placed = midrank_percentiles(reference, rates)
    low, high = np.percentile(placed, [2.5, 97.5])
    return float(low), float(high)


def reproduces(evidence: RateEvidence, reported: float) -> bool:
    """Whether the evidence over all sentences gives back the reported value (to 0.001)."""
    return math.isclose(evidence.value(), float(reported), rel_tol=1e-3, abs_tol=1e-3)


def sentence_evidence(report: dict) -> dict[str, RateEvidence]:
    """Per body sentence numerators and denominators of the report's rate metrics.

    Device rates (``<device>_per_1k`` and by voice) and ``scare_quotes_per_1k``: spans per
    sentence over its words, times 1,000. ``tone_mean`` (and by voice), ``tone_*_share``:
    sentence compound scores over scored sentences. ``writer_voice_share``: writer-voice words
    over words.
    """
    art = report["article"]
    text, sents = art["text"], art["sentences"]
    starts = [s["start"] for s in sents]
    body = [s["index"] for s in sents if s["segment"] in BODY_KINDS]
    slot = {i: k for k, i in enumerate(body)}
    words = np.array([count_words(text, sents[i]["start"], sents[i]["end"]) for i in body], dtype=float)

    def sentence_of(offset: int) -> int | None:
        i = bisect_right(starts, offset) - 1
        return i if i >= 0 and sents[i]["start"] <= offset < sents[i]["end"] else None

    def per_sentence(indices) -> np.ndarray:
        out = np.zeros(len(body))
        for i in indices:
            if i in slot:
                out[slot[i]] += 1
        return out

    found: dict[str, RateEvidence] = {}
    for kind, items in (report.get("framing") or {}).get("devices", {}).items():
        located = [(sentence_of(d["start"]), d.get("voice")) for d in items]
        found[f"{kind}_per_1k"] = RateEvidence(per_sentence(i for i, _ in located), words, 1000.0)
        for voice in VOICES:
            found[f"{kind}_per_1k_{voice}"] = RateEvidence(
                per_sentence(i for i, v in located if v == voice), words, 1000.0)
    scare = (q.get("sentence") for q in report.get("quotes", []) if q.get("kind") == "scare")
    found["scare_quotes_per_1k"] = RateEvidence(per_sentence(scare), words, 1000.0)

    tones = {t["sentence"]: t for t in (report.get("sentiment") or {}).get("sentences", [])}
    scored = np.array([i in tones for i in body], dtype=float)
    compound = np.array([tones[i]["compound"] if i in tones else 0.0 for i in body], dtype=float)
    found["tone_mean"] = RateEvidence(compound * scored, scored)
    found["tone_negative_share"] = RateEvidence((compound <= TONE_NEGATIVE) * scored, scored)
    found["tone_positive_share"] = RateEvidence((compound >= TONE_POSITIVE) * scored, scored)
    for voice in VOICES:
        mask = np.array([i in tones and tones[i].get("voice") == voice for i in body], dtype=float)
        found[f"tone_mean_{voice}"] = RateEvidence(compound * mask, mask)
    shares = {v["sentence"]: v.get("writer_share", 0.0) for v in report.get("voice", [])}
    writer = np.array([shares.get(i, 0.0) for i in body], dtype=float)
    found["writer_voice_share"] = RateEvidence(writer * words, words)
    return found


def terms(text: str) -> list[str]:
    """The words of ``text`` as terms (see the module doc)."""
    out = []
    for match in _TERM.finditer(text):
        term = match.group(0).lower().replace("’", "'")
        if term.endswith("'s"):
            term = term[:-2]
        if len(term) > 1 or term == "i":
            out.append(term)
    return out


def body_text(article: dict) -> str:
    """The body and standfirst text of a report's ``article`` object (or ``Article.to_dict()``)."""
    text = article["text"]
    return "\n\n".join(text[s["start"]:s["end"]] for s in article["segments"] if s["kind"] in BODY_KINDS)


def informative_prior(y_i, y_j, prior_size: float = 1000.0) -> np.ndarray:
    """alpha_w = prior_size * (w's share of the pooled counts of both sides)."""
    pooled = np.asarray(y_i, dtype=float) + np.asarray(y_j, dtype=float)
    total = pooled.sum()
    return prior_size * pooled / total if total else pooled


def log_odds_dirichlet(y_i, y_j, alpha) -> tuple[np.ndarray, np.ndarray]:
    """``(delta, z)`` per word: Monroe et al. (2008) eqs. 16 and 20 (every alpha must be > 0)."""
    y_i, y_j, a = (np.asarray(x, dtype=float) for x in (y_i, y_j, alpha))
    n_i, n_j, a0 = y_i.sum(), y_j.sum(), a.sum()
    delta = np.log((y_i + a) / (n_i + a0 - y_i - a)) - np.log((y_j + a) / (n_j + a0 - y_j - a))
    return delta, delta / np.sqrt(1.0 / (y_i + a) + 1.0 / (y_j + a))


def distinctive_terms(y_i, y_j, vocabulary, *, prior_size: float = 1000.0, top: int = 20) -> dict[str, list[tuple]]:
    """The ``top`` terms each way: ``{"over": [...], "under": [...]}`` of (term, z, delta, y_i, y_j).

    "over": highest positive z (the article's words); "under": lowest negative z. Ties by term.
    """
    y_i, y_j = np.asarray(y_i, dtype=float), np.asarray(y_j, dtype=float)
    used = (y_i + y_j) > 0
    alpha = informative_prior(y_i, y_j, prior_size)
    delta, z = np.zeros_like(y_i), np.zeros_like(y_i)
    if used.any():
        d, zz = log_odds_dirichlet(y_i[used], y_j[used], alpha[used])
        delta[used], z[used] = d, zz
    rows = [(vocabulary[k], float(z[k]), float(delta[k]), int(y_i[k]), int(y_j[k])) for k in np.flatnonzero(used)]
    over = sorted((r for r in rows if r[1] > 0), key=lambda r: (-r[1], r[0]))[:top]
    under = sorted((r for r in rows if r[1] < 0), key=lambda r: (r[1], r[0]))[:top]
    return {"over": over, "under": under}


def nearest(query, reference, vocabulary, *, top: int = 5,
            exclude: list[set[int]] | None = None) -> list[list[tuple[int, float]]]:
    """For each query row, the ``top`` reference rows by TF-IDF cosine: ``[(row, similarity), ...]``.

    ``query`` and ``reference`` are count matrices over the same ``vocabulary``; IDF is fitted
    on both together; ``exclude[q]`` holds reference rows not to return for query q (itself).
    """
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfTransformer

    keep = np.array([t not in ENGLISH_STOP_WORDS for t in vocabulary], dtype=bool)
    stacked = sp.vstack([sp.csr_matrix(reference), sp.csr_matrix(query)]).tocsc()[:, np.flatnonzero(keep)].tocsr()
    weighted = TfidfTransformer(sublinear_tf=True).fit_transform(stacked)
    n_ref = reference.shape[0]
    sims = (weighted[n_ref:] @ weighted[:n_ref].T).toarray()
    out = []
    for q in range(sims.shape[0]):
        skip = exclude[q] if exclude else set()
        order = np.lexsort((np.arange(n_ref), -sims[q]))
        out.append([(int(r), float(sims[q, r])) for r in order if int(r) not in skip][:top])
    return out
