"""Sorted indexes for the attribution rules: bisection on offsets instead of a scan of every
quote per cue, or of every attribution per floating quote, so attribution stays linear (up to a
log factor) in the size of the article. They return exactly what the scans returned, in the
same order; only the cost changes.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from typing import TYPE_CHECKING

from analysis.read.article import Article
from analysis.measures.quotes.spans import Quote

if TYPE_CHECKING:
    from analysis.measures.sources.attribution_record import Attribution


class SortedQuotes:
    """Positions (in the article's quote order) of the quotes that pass a test, sorted by one
    offset, so that the quotes with that offset in a range are found by bisection."""

    def __init__(self, quotes: tuple[Quote, ...], offset, keep=lambda q: True) -> None:
        pairs = sorted((offset(q), i) for i, q in enumerate(quotes) if keep(q))
        self.keys, self.positions = [k for k, _ in pairs], [i for _, i in pairs]

    def between(self, lo: int, hi: int, *, hi_open: bool = False) -> list[int]:
        """Quote positions with the offset in ``[lo, hi]`` (``[lo, hi)``), in quote order."""
        right = (bisect_left if hi_open else bisect_right)(self.keys, hi)
        return sorted(self.positions[bisect_left(self.keys, lo):right])


class Speakers:
    """Attributions with a source (not agentless) by paragraph, each paragraph's kept sorted by
    (content end, position), to find the one that ends last before a quote within two paragraphs."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.by_para: dict[int, list[tuple[int, int]]] = {}

    def _key(self, a: Attribution, i: int) -> tuple[int, tuple[int, int]]:
        return self.article.sentences[a.sentence].paragraph, (a.content_spans[-1][1], i)

    def add(self, a: Attribution, i: int) -> None:
        if a.source and a.source_type != "agentless":
            para, key = self._key(a, i)
            insort(self.by_para.setdefault(para, []), key)

    def remove(self, a: Attribution, i: int) -> None:
        para, key = self._key(a, i)
        row = self.by_para[para]
        del row[bisect_left(row, key)]

    def last_before(self, start: int, para: int) -> int | None:
        """Position of the attribution ending last at or before ``start`` in paragraphs
        ``para - 2`` to ``para`` (the first such on ties), or None."""
        best: tuple[int, int] | None = None
        for p in (para - 2, para - 1, para):
            row = self.by_para.get(p)
            if not row:
                continue
            j = bisect_right(row, (start, float("inf"))) - 1
            if j < 0:
                continue
            end = row[j][0]
            first = row[bisect_left(row, (end, -1))]
            if best is None or first[0] > best[0] or (first[0] == best[0] and first[1] < best[1]):
                best = first
        return best[1] if best else None
