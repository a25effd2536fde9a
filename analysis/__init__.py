"""How a news article frames its story: quoted terms, source attribution, sentiment and framing.

The public entry points (imported on first use, so the command line starts fast):

- :func:`analyse_file`, :func:`analyse_article`: the report of one article;
- :func:`read_article`, :func:`parse_text`: an :class:`~analysis.read.article.Article` from a file or text;
- :func:`score_target`: sentiment toward a target mention in a sentence;
- :func:`score_tone`: the news tone of sentence texts, one float per text, on the scale of the
  human raters of VADER's New York Times editorial sentences: about -4 (most negative) to +4
  (most positive), 0 neutral, not clipped (the report's ``news_tone``; VADER's ``compound``
  stays beside it on -1..+1). For example ``score_tone(["The regime jailed and tortured
  reporters."])`` is negative;
- :class:`ReadingView`: the annotated reading view of a report, for notebooks;
- :mod:`tables <analysis.outputs.tables>`: the span tables (quotes, attributions, actors,
  claims, devices, sentences) of many reports as DataFrames (``from analysis import tables``).
"""
from importlib import import_module

from analysis.version import __version__

_EXPORTS = {
    "analyse_file": "analysis.report.build",
    "analyse_article": "analysis.report.build",
    "read_article": "analysis.read.reader",
    "parse_text": "analysis.read.reader",
    "score_target": "analysis.measures.sentiment.targets",
    "score_tone": "analysis.measures.sentiment.news_tone",
    "ReadingView": "analysis.outputs.reading_view",
    "tables": "analysis.outputs.tables",  # a module: analysis.tables is analysis.outputs.tables
}
__all__ = ["__version__", *sorted(_EXPORTS)]


def __getattr__(name: str):
    if name in _EXPORTS:
        module = import_module(_EXPORTS[name])
        return module if module.__name__.rpartition(".")[2] == name else getattr(module, name)
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")
