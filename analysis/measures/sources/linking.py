"""Quotes linked to their attribution: one source of truth for a quote's speaker."""
from __future__ import annotations

from dataclasses import replace

from analysis.measures.quotes.spans import Quote
from analysis.measures.sources.attribution import Attribution


def link_quotes(quotes: tuple[Quote, ...], attributions: list[Attribution]) -> tuple[Quote, ...]:
    """Give every quote inside an attribution's content its attribution, speaker and cue.

    One source of truth: a quote's ``speaker`` is the source of its ``attribution`` (an index
    into ``attributions``). When several attributions hold the quote, the one with a source
    wins over an agentless one ("very minor, it seems, Trump described it"), then the inner of a
    nested report, whose cue lies inside the other's content ("Romney said Obama snapped “...”":
    Obama's; "“...,” she said, according to Variety": hers), then the one with the shortest content."""
    holders: dict[int, list[int]] = {}
    for n, a in enumerate(attributions):
        for i in a.quotes:
            holders.setdefault(i, []).append(n)
    best: dict[int, int] = {}
    for i, ns in holders.items():
        best[i] = min(ns, key=lambda n: (attributions[n].source is None, _holds_a_cue(attributions[n], ns, attributions),
                                          sum(e - s for s, e in attributions[n].content_spans)))
    out = []
    for q in quotes:
        if q.index not in best:
            out.append(q)
            continue
        n = best[q.index]
        a = attributions[n]
        out.append(replace(q, attribution=n, speaker=a.source, cue=a.cue or q.cue))
    return tuple(out)


def _holds_a_cue(a: Attribution, others: list[int], attributions: list[Attribution]) -> bool:
    """Whether ``a``'s content holds the cue of another attribution that holds the same quote."""
    for n in others:
        cue = attributions[n].cue_span
        if attributions[n] is not a and cue and a.holds(cue):
            return True
    return False
