"""Quotes linked to their attribution: one source of truth for a quote's speaker."""
from __future__ import annotations

from dataclasses import replace

from analysis.measures.quotes.spans import Quote
from analysis.measures.sources.attribution import Attribution


def link_quotes(quotes: tuple[Quote, ...], attributions: list[Attribution]) -> tuple[Quote, ...]:
    """Give every quote inside an attribution's content its attribution, speaker and cue.

    One source of truth: a quote's ``speaker`` is the source of its ``attribution`` (an index
    into ``attributions``). When several attributions hold the quote, the one with a source
    wins over an agentless one ("very minor, it seems, Trump described it"), then the one with
    the shortest content: the innermost report ("Romney said Obama snapped “...”": Obama's)."""
    best: dict[int, tuple[tuple[bool, int], int]] = {}
    for n, a in enumerate(attributions):
        rank = (a.source is None, sum(e - s for s, e in a.content_spans))
        for i in a.quotes:
            if i not in best or rank < best[i][0]:
                best[i] = (rank, n)
    out = []
    for q in quotes:
        if q.index not in best:
            out.append(q)
            continue
        n = best[q.index][1]
        a = attributions[n]
        out.append(replace(q, attribution=n, speaker=a.source, cue=a.cue or q.cue))
    return tuple(out)
