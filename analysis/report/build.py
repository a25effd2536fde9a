"""The report: every measure of one article in one versioned JSON document.

The flow is one way (see ``STYLE.md``): read the article, then quoted terms, attribution
(reads the quotes), sentiment and framing (read both for voice), then this report. Outputs
(tables, plots, the HTML view, comparison) read only the report.

The field names are a contract other tools read (schema ``analysis-report/1``, checked by
``shared/tools/check-report``); ``docs/report.md`` documents every field.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from analysis.version import __version__
from analysis.read.article import BODY_KINDS, Article
from analysis.lexicon import data_file_hashes
from analysis.measures.rates import share
from analysis.read.reader import DEFAULT_MAX_BYTES, InputInfo, read_article

SCHEMA = "analysis-report/1"
#: The report's sections after ``article``, in the order they are written.
SECTION_ORDER = ("quotes", "quote_families", "quote_marks_dropped", "attributions", "sources", "voice",
                 "talked_about", "unsourced_claims", "sentiment", "framing", "actors", "portrayal")
_OBJECT_SECTIONS = frozenset({"sentiment", "framing", "portrayal"})
GENERATOR = "analysis"


@dataclass(frozen=True)
class Report:
    """One article's analysis. ``to_dict`` gives the JSON document."""

    article: Article
    input: InputInfo | None = None
    options: dict = field(default_factory=dict)
    sections: dict = field(default_factory=dict)
    metrics: dict = field(default_factory=dict)
    pipeline: dict | None = None  # the spaCy pipeline that parsed the article, when one did

    def to_dict(self) -> dict:
        out = {
            "schema": SCHEMA,
            "input": self.input.to_dict() if self.input else None,
            "generator": {
                "name": GENERATOR,
                "version": __version__,
                "options": self.options,
                "data_files": data_file_hashes(),
                **({"pipeline": self.pipeline} if self.pipeline else {}),
            },
            "article": self.article.to_dict(),
        }
        for key in SECTION_ORDER:
            out[key] = self.sections.get(key, {} if key in _OBJECT_SECTIONS else [])
        out["metrics"] = dict(self.metrics)
        return out

    def to_json(self) -> str:
        """The report as JSON text: the same input gives the same bytes on any machine."""
        return report_json(self.to_dict())


def report_json(report: dict) -> str:
    """A report mapping as the JSON text every command writes (UTF-8 characters, indent 1)."""
    return json.dumps(report, ensure_ascii=False, indent=1) + "\n"


def structure_metrics(article: Article) -> dict[str, float]:
    """Counts of the article's structure: words, sentences, paragraphs."""
    body = [s for s in article.sentences if s.segment in BODY_KINDS]
    return {
        "body_words": article.body_words,
        "sentences": len(article.sentences),
        "body_sentences": len(body),
        "paragraphs": len(article.paragraphs),
        "body_paragraphs": sum(p.kind in BODY_KINDS for p in article.paragraphs),
    }


def attribution_metrics(attributions: list, claims: list, writer_share: float) -> dict[str, float]:
    """Counts of attributions by kind of source and cue, unsourced claims, the writer's share."""
    with_cue = [a for a in attributions if a.cue_class]
    loaded = sum(a.cue_class in {"truth", "careful", "doubt", "culpability"} for a in with_cue)
    return {
        "attributions": len(attributions),
        "anonymous_attributions": sum(a.source_type == "anonymous" for a in attributions),
        "agentless_attributions": sum(a.source_type == "agentless" for a in attributions),
        "named_sources": len({a.source for a in attributions if a.source and a.source_type not in {"anonymous", "agentless"}}),
        "loaded_cue_share": share(loaded, len(with_cue)),
        "unsourced_claims": len(claims),
        "writer_voice_share": writer_share,
    }


def analyse_article(
    article: Article,
    *,
    input_info: InputInfo | None = None,
    options: dict | None = None,
    aliases: dict | None = None,
    actors: bool = True,
    spacy_model: str | None = None,
) -> Report:
    """Run every measure over an article and assemble the report.

    ``aliases``: a user alias table (:func:`analysis.measures.sources.entities.load_aliases`). ``actors=False``
    leaves out the sentiment toward each actor (``sentiment.actors`` is then empty) and the
    parse-based sections (``actors``, ``portrayal``): they are most of the cost, so corpus mode
    skips them unless reports are kept; only the portrayal metrics (``harm_*``,
    :func:`analysis.report.metrics.portrayal_metrics`) depend on them, and are then 0. ``spacy_model``: the
    spaCy pipeline to parse with (:func:`analysis.nlp.load`; default the shipped model).
    """
    from analysis.measures.sources.attribution import find_attributions
    from analysis.measures.sources.linking import link_quotes
    from analysis.measures.sources.entities import find_mentions
    from analysis.measures.framing.profile import analyse_framing
    from analysis.measures.quotes.kinds import analyse_quotes
    from analysis.measures.sentiment.tone import actor_sentiment, paragraph_arc, sentence_tones, tone_metrics
    from analysis.measures.sources.claims import unsourced_claims
    from analysis.measures.sources.voices import roster, sentence_voices, talked_about, word_voices, writer_voice_share
    from analysis.report.backbone import backbone_sections, news_tone_metrics, news_tones, with_news_tone
    from analysis.report.metrics import portrayal_metrics

    reading = nlp = None
    if actors:
        from analysis.measures.sources.actors import read_actors
        from analysis.nlp import load

        nlp = load(spacy_model)
        reading = read_actors(article, nlp=nlp, aliases=aliases)
    found = analyse_quotes(article, parse=reading.parse if reading else None)
    mentions = find_mentions(article, aliases)
    attributions = find_attributions(article, found.quotes, mentions, reading.parse if reading else None)
    quotes = link_quotes(found.quotes, attributions)
    voices = word_voices(article, quotes, attributions)
    per_sentence = sentence_voices(article, voices)
    claims = unsourced_claims(article, voices, per_sentence, attributions)
    tones = sentence_tones(article, voices)
    news = news_tones(article, [t.sentence for t in tones])
    framing = analyse_framing(article, quotes, found.families, voices, mentions)
    backbone = pipeline = None
    if reading is not None:
        from analysis.nlp import pipeline_info

        backbone = backbone_sections(article, voices, reading)
        pipeline = pipeline_info(spacy_model)
    sections = {
        "quotes": [q.to_dict() for q in quotes],
        "quote_families": [f.to_dict() for f in found.families],
        "quote_marks_dropped": [d.to_dict() for d in found.dropped],
        "attributions": [a.to_dict() for a in attributions],
        "sources": roster(article, attributions),
        "voice": [v.to_dict() for v in per_sentence],
        "talked_about": talked_about(mentions, attributions),
        "unsourced_claims": [c.to_dict() for c in claims],
        "sentiment": {
            "sentences": [{**t.to_dict(), "news_tone": news[t.sentence]} for t in tones],
            "paragraphs": with_news_tone(article, paragraph_arc(article, tones), news),
            "actors": actor_sentiment(article, mentions, tones) if actors else [],
        },
        "framing": framing.section,
        "actors": backbone.reading.section() if backbone else [],
        "portrayal": backbone.portrayal if backbone else {},
    }
    metrics = {
        **structure_metrics(article),
        **found.metrics(article),
        **attribution_metrics(attributions, claims, writer_voice_share(article, voices)),
        **tone_metrics(article, tones),
        **news_tone_metrics(article, news),
        **framing.metrics,
        **portrayal_metrics(sections["portrayal"], sections["actors"]),
    }
    return Report(article=article, input=input_info, options=dict(options or {}), sections=sections,
                  metrics=metrics, pipeline=pipeline)


def analyse_file(
    path: str | Path,
    *,
    fmt: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    metadata: bool = True,
    aliases: str | Path | None = None,
    actors: bool = True,
    spacy_model: str | None = None,
) -> Report:
    """Read one article file and analyse it. Raises ``InputError`` when it cannot be read."""
    from analysis.measures.sources.entities import load_aliases

    article, info = read_article(path, fmt=fmt, max_bytes=max_bytes, metadata=metadata)
    options = {"format": fmt, "max_bytes": max_bytes, "metadata": metadata,
               "aliases": Path(aliases).name if aliases else None, **({} if actors else {"actors": False}),
               **({"spacy_model": spacy_model} if spacy_model else {})}
    return analyse_article(article, input_info=info, options=options,
                           aliases=load_aliases(aliases) if aliases else None, actors=actors,
                           spacy_model=spacy_model)
