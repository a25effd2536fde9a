"""The report's sections read from the parse: actors, portrayal, and the news tone of sentences.

One call per article (:func:`backbone_sections`), after quotes, attribution and voices, on the
actor reading made first (its parse also serves the quote kinds):

* ``actors``: the actors of the backbone (:func:`analysis.measures.sources.actors.read_actors`);
* ``portrayal``: what each actor does and suffers, by voice
  (:func:`analysis.measures.sentiment.portrayal.portray`), the voice of an event being the voice
  of the word at its verb;
* the news tone of every prose sentence (:func:`analysis.measures.sentiment.news_tone.score_tone`,
  the NYT raters' scale, about -4..+4), written beside VADER's scores as ``news_tone`` and
  summarised in the metrics ``news_tone_mean`` and ``news_tone_negative_share`` (body and
  standfirst sentences; negative: below ``NEWS_NEGATIVE``).

The pipeline that made the parse is recorded in ``generator.pipeline`` (name, version, spaCy
version, SHA-256 of its files).
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from analysis.measures.sentiment.news_tone import score_tone
from analysis.measures.sentiment.portrayal import portray
from analysis.measures.sources.actors import ActorReading
from analysis.read.article import BODY_KINDS, Article

NEWS_NEGATIVE = -0.5


@dataclass(frozen=True)
class Backbone:
    """The parse-based parts of one report."""

    reading: ActorReading
    portrayal: dict


def news_tones(article: Article, sentences: list[int]) -> dict[int, float]:
    """The news tone of each of the given sentences (by index), rounded to 4 decimals."""
    texts = [article.text[article.sentences[i].start:article.sentences[i].end] for i in sentences]
    return {i: round(v, 4) for i, v in zip(sentences, score_tone(texts))}


def news_tone_metrics(article: Article, news: dict[int, float]) -> dict[str, float]:
    """``news_tone_mean`` and ``news_tone_negative_share`` over body and standfirst sentences."""
    body = [v for i, v in news.items() if article.sentences[i].segment in BODY_KINDS]
    n = len(body)
    return {
        "news_tone_mean": round(sum(body) / n, 4) if n else 0.0,
        "news_tone_negative_share": round(sum(v < NEWS_NEGATIVE for v in body) / n, 4) if n else 0.0,
    }


def with_news_tone(article: Article, paragraphs: list[dict], news: dict[int, float]) -> list[dict]:
    """Each paragraph's entry with ``news_tone``: the mean news tone of its scored sentences."""
    by_para: dict[int, list[float]] = {}
    for i, v in news.items():
        by_para.setdefault(article.sentences[i].paragraph, []).append(v)
    return [{**p, "news_tone": round(sum(by_para[p["paragraph"]]) / len(by_para[p["paragraph"]]), 4)
             if by_para.get(p["paragraph"]) else None} for p in paragraphs]


def voice_lookup(voices: dict[int, tuple[str, str | None]]):
    """``voice_at(offset)``: the voice of the word starting at or before ``offset``."""
    starts = sorted(voices)

    def voice_at(offset: int) -> str:
        i = bisect_right(starts, offset) - 1
        return voices[starts[i]][0] if i >= 0 else "writer"

    return voice_at


def backbone_sections(article: Article, voices: dict[int, tuple[str, str | None]],
                      reading: ActorReading) -> Backbone:
    """Actors and portrayal of ``article`` from its actor reading
    (:func:`analysis.measures.sources.actors.read_actors`: the parse and the actors)."""
    portrayal = portray(article, reading, voice_at=voice_lookup(voices)).to_dict()
    return Backbone(reading, portrayal)
