"""How a news article frames its story: quoted terms, source attribution, sentiment and framing.

The public entry points (imported on first use, so the command line starts fast):

- :func:`analyse_file`, :func:`analyse_article`: the report of one article;
- :func:`read_article`, :func:`parse_text`: an :class:`~analysis.article.Article` from a file or text;
- :func:`score_target`: sentiment toward a target mention in a sentence;
- :class:`ReadingView`: the annotated reading view of a report, for notebooks.
"""
from importlib import import_module

__version__ = "0.1.0"

_EXPORTS = {
    "analyse_file": "analysis.report",
    "analyse_article": "analysis.report",
    "read_article": "analysis.reader",
    "parse_text": "analysis.reader",
    "score_target": "analysis.target_sentiment",
    "ReadingView": "analysis.html_view",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")
