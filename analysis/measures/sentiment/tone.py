"""Tone: by sentence, paragraph and voice, a tone vector, and sentiment toward each actor.

- Sentence tone is VADER (Hutto and Gilbert 2014) computed with its author's reference
  implementation, ``vaderSentiment`` 3.3.2: every number equals
  ``SentimentIntensityAnalyzer().polarity_scores(sentence)`` exactly. A sentence is negative
  when compound <= -0.05 and positive when compound >= 0.05 (VADER's README). ``words`` lists
  the lexicon words that drove the score with their valence after VADER's own context rules
  (negation, boosters, "but"), beside the raw lexicon valence.
- A sentence's voice is the voice of most of its words (``analysis.measures.sources.voices``): ``writer``,
  ``quoted`` or ``attributed``, with the source named.
- Tone vector "in the manner of GDELT's" (not on GDELT's scale): over the body words, the
  share of words with positive and negative VADER lexicon valence (in %), tone = positive %
  minus negative %, polarity = positive % plus negative %, and the word count.
- Sentiment toward an actor is not sentence tone (VADER reaches 0.51 macro-F1 on NewsMTSC):
  every mention is scored by the target-dependent classifier of
  :mod:`analysis.measures.sentiment.targets`; per actor, the label shares, the mean score (P(positive)
  minus P(negative)) with a 95 % t-interval over its mentions, and the evidence.
- Agent or target of negative actions, where a simple rule can tell: a mention followed
  within six words of its sentence by a strongly negative VADER word (valence <= -1.5), with
  no ";" or ":" in the 60 characters after it, is the agent; a mention preceded within six
  words of its sentence by one is the target (the agent rule is tried first).
"""
from __future__ import annotations

import copy
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from vaderSentiment.vaderSentiment import SentiText, SentimentIntensityAnalyzer

from analysis.read.article import BODY_KINDS, PROSE_KINDS, Article
from analysis.measures.sources.entities import ACTOR_TYPES, Mention
from analysis.measures.sources.voices import VOICES
from analysis.read.sentences import words

POSITIVE, NEGATIVE = 0.05, -0.05


@lru_cache(maxsize=1)
def analyzer() -> SentimentIntensityAnalyzer:
    """The VADER analyser (its lexicon is loaded once per process; it is never changed after)."""
    return SentimentIntensityAnalyzer()


def _scores_and_valences(text: str) -> tuple[dict, list[float]]:
    """``polarity_scores(text)`` and the per-token valences VADER summed for it (same numbers).

    The valences are caught on a shallow per-call copy of the shared analyser, so nothing is
    stored on the shared one: safe when threads score sentences at the same time.
    """
    shared = analyzer()
    caught: list[float] = []

    def score_valence(sentiments, text_):
        caught[:] = sentiments
        return SentimentIntensityAnalyzer.score_valence(shared, sentiments, text_)

    sia = copy.copy(shared)
    sia.score_valence = score_valence
    return sia.polarity_scores(text), caught


def vader(text: str) -> tuple[dict, list[dict]]:
    """VADER's scores of ``text`` and the words behind them (word, valence, lexicon valence)."""
    scores, valences = _scores_and_valences(text)
    tokens = SentiText(text.strip()).words_and_emoticons if text.strip() else []
    lexicon = analyzer().lexicon
    found = []
    for token, valence in zip(tokens, valences):
        if valence:
            found.append({"word": token, "valence": round(valence, 4), "lexicon": lexicon.get(token.lower(), 0.0)})
    return scores, found


@dataclass(frozen=True)
class SentenceTone:
    sentence: int
    compound: float
    pos: float
    neu: float
    neg: float
    voice: str
    source: str | None
    words: tuple[dict, ...]

    def to_dict(self) -> dict:
        return {"sentence": self.sentence, "compound": self.compound, "pos": self.pos, "neu": self.neu, "neg": self.neg,
                "voice": self.voice, "source": self.source, "words": list(self.words)}


def sentence_tones(article: Article, voices: dict[int, tuple[str, str | None]]) -> list[SentenceTone]:
    """VADER on every prose sentence, with the sentence's voice."""
    out = []
    for i, s in enumerate(article.sentences):
        if s.segment not in PROSE_KINDS:
            continue
        scores, found = vader(article.text[s.start:s.end])
        ws = [voices.get(a, ("writer", None)) for a, _ in words(article.text, s.start, s.end)]
        voice = Counter(v for v, _ in ws).most_common(1)[0][0] if ws else "writer"
        sources = Counter(src for v, src in ws if v == voice and src)
        out.append(SentenceTone(i, scores["compound"], scores["pos"], scores["neu"], scores["neg"], voice,
                                sources.most_common(1)[0][0] if sources else None, tuple(found)))
    return out


def _mean(values: list[float]) -> float:
    return round(sum(values) / len(values), 4) if values else 0.0


def paragraph_arc(article: Article, tones: list[SentenceTone]) -> list[dict]:
    """Per paragraph: mean compound, shares of negative and positive sentences, tone by voice."""
    by_para: dict[int, list[SentenceTone]] = {}
    for t in tones:
        by_para.setdefault(article.sentences[t.sentence].paragraph, []).append(t)
    out = []
    for p, ts in sorted(by_para.items()):
        row = {"paragraph": p, "kind": article.paragraphs[p].kind, "sentences": len(ts),
               "compound": _mean([t.compound for t in ts]),
               "negative_share": round(sum(t.compound <= NEGATIVE for t in ts) / len(ts), 4),
               "positive_share": round(sum(t.compound >= POSITIVE for t in ts) / len(ts), 4)}
        for voice in VOICES:
            vs = [t.compound for t in ts if t.voice == voice]
            row[f"compound_{voice}"] = _mean(vs) if vs else None
        out.append(row)
    return out


def tone_vector(article: Article) -> dict[str, float]:
    """GDELT-style tone vector over the body words, computed with VADER's lexicon."""
    lexicon = analyzer().lexicon
    body = [article.text[a:b].lower() for s in article.segments if s.kind in BODY_KINDS
            for a, b in words(article.text, s.start, s.end)]
    n = len(body)
    pos = sum(lexicon.get(w, 0.0) > 0 for w in body)
    neg = sum(lexicon.get(w, 0.0) < 0 for w in body)
    pos_pct, neg_pct = (100.0 * pos / n, 100.0 * neg / n) if n else (0.0, 0.0)
    return {"tonevec_tone": round(pos_pct - neg_pct, 4), "tonevec_positive": round(pos_pct, 4),
            "tonevec_negative": round(neg_pct, 4), "tonevec_polarity": round(pos_pct + neg_pct, 4), "tonevec_words": n}


def tone_metrics(article: Article, tones: list[SentenceTone]) -> dict[str, float]:
    """Mean tone and shares over body sentences, by voice too, and the tone vector."""
    body = [t for t in tones if article.sentences[t.sentence].segment in BODY_KINDS]
    n = len(body)
    out = {
        "tone_mean": _mean([t.compound for t in body]),
        "tone_negative_share": round(sum(t.compound <= NEGATIVE for t in body) / n, 4) if n else 0.0,
        "tone_positive_share": round(sum(t.compound >= POSITIVE for t in body) / n, 4) if n else 0.0,
    }
    for voice in VOICES:
        out[f"tone_mean_{voice}"] = _mean([t.compound for t in body if t.voice == voice])
        out[f"tone_sentences_{voice}"] = sum(t.voice == voice for t in body)
    return {**out, **tone_vector(article)}


_NEG_WORD = re.compile(r"[\w’'-]+")


def _role(article: Article, m: Mention, sentence_start: int, sentence_end: int) -> str | None:
    """"agent" or "target" of a strongly negative VADER word (lexicon valence <= -1.5), if any.

    ``agent``: such a word among the six words after the mention in its sentence, with no ";"
    or ":" in the 60 characters after the mention. ``target``: such a word among the six words
    before it in its sentence. (Words, not clauses: no clause boundary is looked for.)"""
    lexicon = analyzer().lexicon
    text = article.text
    after = [w.group(0) for w in _NEG_WORD.finditer(text, m.end, sentence_end)][:6]
    before = [w.group(0) for w in _NEG_WORD.finditer(text, sentence_start, m.start)][-6:]
    if any(lexicon.get(w.lower(), 0) <= -1.5 for w in after) and not re.search(r"[;:]", text[m.end:sentence_end][:60]):
        return "agent"
    if any(lexicon.get(w.lower(), 0) <= -1.5 for w in before):
        return "target"
    return None


#: Two-sided 95 % critical values of Student's t for 1 to 29 degrees of freedom (then 1.96).
_T95 = (12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145,
        2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045)


def _interval(scores: list[float]) -> tuple[float, float]:
    """A 95 % t-interval of the mean score, clipped to [-1, 1] (a single mention: the point)."""
    n = len(scores)
    mean = sum(scores) / n if n else 0.0
    if n < 2:
        return round(mean, 4), round(mean, 4)
    sd = math.sqrt(sum((x - mean) ** 2 for x in scores) / (n - 1))
    half = (_T95[n - 2] if n - 2 < len(_T95) else 1.96) * sd / math.sqrt(n)
    return round(max(-1.0, mean - half), 4), round(min(1.0, mean + half), 4)


def actor_sentiment(article: Article, mentions: list[Mention], tones: list[SentenceTone] = ()) -> list[dict]:
    """Sentiment toward each actor, from the target-dependent scores of its mentions.

    ``tones``: the sentences' VADER scores, when computed already (not scored again).
    """
    from analysis.measures.sentiment.targets import score_targets

    actors = [m for m in mentions if m.type in ACTOR_TYPES and article.sentence_at(m.start) is not None]
    items, where = [], []
    for m in actors:
        s = article.sentences[article.sentence_at(m.start)]
        items.append((article.text[s.start:s.end], m.start - s.start, m.end - s.start))
        where.append(s)
    known = {article.text[article.sentences[t.sentence].start:article.sentences[t.sentence].end]: t.compound
             for t in tones}
    scored = score_targets(items, known) if items else []
    by_actor: dict[str, list] = {}
    for m, s, result in zip(actors, where, scored):
        by_actor.setdefault(m.canonical, []).append((m, s, result))
    out = []
    for name, rows in by_actor.items():
        labels = Counter(r.label for _, _, r in rows)
        scores = [r.probabilities["positive"] - r.probabilities["negative"] for _, _, r in rows]
        roles = Counter(_role(article, m, s.start, s.end) for m, s, _ in rows)
        low, high = _interval(scores)
        out.append({
            "actor": name, "type": rows[0][0].type,
            "aliases": sorted({m.text for m, _, _ in rows}),
            "mentions": len(rows),
            "label_shares": {k: round(labels[k] / len(rows), 4) for k in ("negative", "neutral", "positive")},
            "score_mean": _mean(scores), "score_interval": [low, high],
            "agent_of_negative": roles["agent"], "target_of_negative": roles["target"],
            "evidence": [{"sentence": s.index, "start": m.start, "end": m.end, "label": r.label,
                          "probabilities": r.probabilities} for m, s, r in rows],
        })
    return sorted(out, key=lambda a: (-a["mentions"], a["actor"]))
