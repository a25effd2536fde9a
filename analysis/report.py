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

from . import __version__
from .article import Article
from .lexicon import data_file_hashes
from .reader import DEFAULT_MAX_BYTES, InputInfo, read_article

SCHEMA = "analysis-report/1"
GENERATOR = "analysis"


def rate_per_1k(count: float, body_words: int) -> float:
    """``count`` per 1,000 body words; 0 when there are no body words."""
    return round(1000.0 * count / body_words, 6) if body_words else 0.0


def share(part: float, whole: float) -> float:
    """``part / whole`` rounded to 6 places; 0 when ``whole`` is 0."""
    return round(part / whole, 6) if whole else 0.0


@dataclass(frozen=True)
class Report:
    """One article's analysis. ``to_dict`` gives the JSON document."""

    article: Article
    input: InputInfo | None = None
    options: dict = field(default_factory=dict)
    sections: dict = field(default_factory=dict)
    metrics: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        out = {
            "schema": SCHEMA,
            "input": self.input.to_dict() if self.input else None,
            "generator": {
                "name": GENERATOR,
                "version": __version__,
                "options": self.options,
                "data_files": data_file_hashes(),
            },
            "article": self.article.to_dict(),
            "quotes": [],
            "attributions": [],
            "sentiment": {},
            "framing": {},
        }
        out.update(self.sections)
        out["metrics"] = dict(self.metrics)
        return out

    def to_json(self) -> str:
        """The report as JSON text: the same input gives the same bytes on any machine."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1) + "\n"


def structure_metrics(article: Article) -> dict[str, float]:
    """Counts of the article's structure: words, sentences, paragraphs."""
    body = [s for s in article.sentences if s.segment in {"body", "standfirst"}]
    return {
        "body_words": article.body_words,
        "sentences": len(article.sentences),
        "body_sentences": len(body),
        "paragraphs": len(article.paragraphs),
        "body_paragraphs": sum(p.kind in {"body", "standfirst"} for p in article.paragraphs),
    }


def analyse_article(article: Article, *, input_info: InputInfo | None = None, options: dict | None = None) -> Report:
    """Run every measure over an article and assemble the report."""
    from .quote_kinds import analyse_quotes

    quotes = analyse_quotes(article)
    sections = {
        "quotes": [q.to_dict() for q in quotes.quotes],
        "quote_families": [f.to_dict() for f in quotes.families],
        "quote_marks_dropped": [d.to_dict() for d in quotes.dropped],
    }
    metrics = {**structure_metrics(article), **quotes.metrics(article)}
    return Report(article=article, input=input_info, options=dict(options or {}), sections=sections, metrics=metrics)


def analyse_file(
    path: str | Path,
    *,
    fmt: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    metadata: bool = True,
) -> Report:
    """Read one article file and analyse it. Raises ``InputError`` when it cannot be read."""
    article, info = read_article(path, fmt=fmt, max_bytes=max_bytes, metadata=metadata)
    options = {"format": fmt, "max_bytes": max_bytes, "metadata": metadata}
    return analyse_article(article, input_info=info, options=options)
