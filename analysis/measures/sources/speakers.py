"""Who speaks when no cue says so: pronoun sources resolved to a person, and floating quotes
given the speaker before them (the inner one of a nested report)."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from analysis.measures.quotes.spans import Quote
from analysis.measures.sources.attribution_record import Attribution
from analysis.measures.sources.entities import Mention
from analysis.measures.sources.span_index import Speakers
from analysis.read.article import Article


def resolve_pronouns(article: Article, attributions: list[Attribution], mentions: list[Mention],
                     pronoun_spans: set[tuple[int, int]]) -> list[Attribution]:
    """Pronoun sources to the last person who spoke nearby, else the nearest person mentioned."""
    people = [m for m in mentions if m.type == "person"]
    by_end = sorted((m.end, i) for i, m in enumerate(people))  # the last person (in order) ending by x
    ends, latest, top = [e for e, _ in by_end], [], -1
    for _, i in by_end:
        top = max(top, i)
        latest.append(top)
    out: list[Attribution] = []
    for att in attributions:
        if att.source_span in pronoun_spans and att.source and att.source.lower() in {"he", "she", "they", "it", "who"}:
            para = article.sentences[att.sentence].paragraph
            prev = None
            for a in reversed(out):  # in sentence order, so paragraphs only fall going back
                if para - article.sentences[a.sentence].paragraph > 2:
                    break
                if a.source and a.source_type == "person":
                    prev = a
                    break
            if prev is not None and att.source.lower() in {"he", "she"}:
                att = replace(att, source=prev.source, source_type="person")
            else:
                j = bisect_right(ends, att.source_span[0]) - 1
                if j >= 0 and att.source.lower() in {"he", "she"}:
                    att = replace(att, source=people[latest[j]].canonical, source_type="person")
        out.append(att)
    return out


def floating(article: Article, quotes: tuple[Quote, ...], found: list[Attribution]) -> list[Attribution]:
    """Direct quotes no cue claims: one that follows an attributed quote in the same paragraph
    joins that attribution; another inherits the previous speaker within two paragraphs."""
    claimed = {i for a in found for i in a.quotes}
    out = sorted(found, key=lambda a: a.content_spans[-1][1])
    speakers = Speakers(article)
    outer = outer_reports(out)
    for i, a in enumerate(out):
        if i not in outer:
            speakers.add(a, i)
    for q in quotes:
        if q.kind != "direct" or q.index in claimed or q.sentence is None or q.parent is not None:
            continue
        para = article.sentences[q.sentence].paragraph
        i = speakers.last_before(q.start, para)
        source = out[i] if i is not None else None
        if source is not None and source.quotes and article.sentences[source.sentence].paragraph == para:
            speakers.remove(source, i)
            out[i] = replace(source, content_spans=source.content_spans + ((q.start, q.end),),
                             quotes=source.quotes + (q.index,), mode="direct" if source.mode == "direct" else "mixed",
                             rule=source.rule + "; the next quote of the paragraph joins it")
            speakers.add(out[i], i)
            continue
        att = Attribution(source.source if source else None, source.source_span if source else None,
                               source.source_type if source else "other", None, None, None, "direct",
                               ((q.start, q.end),), q.sentence,
                               "floating quote: inherits the previous speaker" if source else "floating quote, no speaker found",
                               (q.index,))
        speakers.add(att, len(out))
        out.append(att)
    return sorted(out, key=lambda a: (a.sentence, a.content_spans[0][0]))


def outer_reports(found: list[Attribution]) -> set[int]:
    """Positions of the attributions whose content holds the cue of another sourced one in the
    same sentence ("“...,” she said, according to Variety"): the inner speaker is the one a
    floating quote continues."""
    by_sentence: dict[int, list[tuple[int, int]]] = {}
    for a in found:
        if a.source and a.cue_span:
            by_sentence.setdefault(a.sentence, []).append(a.cue_span)
    out = set()
    for i, a in enumerate(found):
        cues = by_sentence.get(a.sentence, ())
        if len(cues) > 1 and any(c != a.cue_span and a.holds(c) for c in cues):
            out.add(i)
    return out
