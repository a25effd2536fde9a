"""Whose voice: the writer's own or attributed, sentence by sentence; the source roster; who
is talked about and who speaks (the unsourced claims are in :mod:`analysis.measures.sources.claims`).

- Voice of a word: ``quoted`` inside the quotation marks of a direct or partial quote,
  ``attributed`` inside the content of an attribution to a source, ``writer`` for the rest
  (an agentless hedge, "it seems", names no one else: its content stays the writer's).
  A sentence's shares are the shares of its words; ``metrics.writer_voice_share`` is the
  share of body words (body and standfirst) in the writer's voice.
- Roster: one row per source (canonical name, or no name for agentless and unknown
  sources, one row per type), with its attributions, attributed words, modes and cue classes.
- Talked about versus talked to: for every actor, its mentions and its attributions.
"""
from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass

from analysis.read.article import BODY_KINDS, Article
from analysis.measures.sources.attribution import Attribution
from analysis.measures.sources.entities import ACTOR_TYPES, Mention
from analysis.measures.quotes.spans import Quote
from analysis.read.sentences import words

#: The voices a word can be in, in the order every table and figure shows them.
VOICES = ("writer", "quoted", "attributed")

@dataclass(frozen=True)
class SentenceVoice:
    sentence: int
    writer: float
    quoted: float
    attributed: float
    sources: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"sentence": self.sentence, "writer_share": self.writer, "quoted_share": self.quoted,
                "attributed_share": self.attributed, "sources": list(self.sources)}


def word_voices(article: Article, quotes: tuple[Quote, ...], attributions: list[Attribution]) -> dict[int, tuple[str, str | None]]:
    """Voice and source of every word, keyed by the word's start offset: the first quote (in
    the order given) whose span holds the word, else the first attribution content that holds
    it, else the writer's. One sweep over the words in text order (linear up to a log factor)."""
    quoted = [(q.start, q.end, q.speaker) for q in quotes if q.kind in {"direct", "partial"}]
    contents = [(a, b, att.source) for att in attributions if att.source_type != "agentless" for a, b in att.content_spans]
    spans = [span for s in article.sentences for span in words(article.text, s.start, s.end)]
    in_quote, in_content = _first_holding(quoted, spans), _first_holding(contents, spans)
    out = {}
    for (a, _), q, c in zip(spans, in_quote, in_content):
        if q is not None:
            out[a] = ("quoted", q[2])
        elif c is not None:
            out[a] = ("attributed", c[2])
        else:
            out[a] = ("writer", None)
    return out


def _first_holding(items: list[tuple], spans: list[tuple[int, int]]) -> list[tuple | None]:
    """For each word span (in text order), the first item ``(start, end, ...)`` of ``items``
    that holds it, or None: items enter a heap keyed by their index once they start at or
    before the word, and leave it for good once they end before the word does."""
    order = sorted(range(len(items)), key=lambda i: items[i][0])
    heap: list[tuple[int, int]] = []
    out: list[tuple | None] = []
    k = 0
    for a, b in spans:
        while k < len(order) and items[order[k]][0] <= a:
            heapq.heappush(heap, (order[k], items[order[k]][1]))
            k += 1
        while heap and heap[0][1] < b:
            heapq.heappop(heap)
        out.append(items[heap[0][0]] if heap else None)
    return out


def sentence_voices(article: Article, voices: dict[int, tuple[str, str | None]]) -> list[SentenceVoice]:
    """Each sentence's shares of writer, quoted and attributed words, and whose."""
    out = []
    for i, s in enumerate(article.sentences):
        ws = [voices[a] for a, _ in words(article.text, s.start, s.end)]
        n = len(ws) or 1
        counts = Counter(v for v, _ in ws)
        sources = tuple(dict.fromkeys(src for v, src in ws if src))
        out.append(SentenceVoice(i, round(counts["writer"] / n, 4), round(counts["quoted"] / n, 4),
                                 round(counts["attributed"] / n, 4), sources))
    return out


def writer_voice_share(article: Article, voices: dict[int, tuple[str, str | None]]) -> float:
    """Share of body words in the writer's own voice (0 when there are no body words)."""
    body = [voices[a] for s in article.segments if s.kind in BODY_KINDS for a, _ in words(article.text, s.start, s.end)
            if a in voices]
    return round(sum(v == "writer" for v, _ in body) / len(body), 6) if body else 0.0


def roster(article: Article, attributions: list[Attribution]) -> list[dict]:
    """One row per source: attributions, attributed words, modes and cue classes."""
    rows: dict[tuple, dict] = {}
    count = _WordCounter(article.text)
    for att in attributions:
        key = (att.source, att.source_type if att.source is None else None)
        row = rows.setdefault(key, {"source": att.source, "source_type": att.source_type, "attributions": 0,
                                    "words": 0, "modes": Counter(), "cue_classes": Counter()})
        row["attributions"] += 1
        row["words"] += sum(count(a, b) for a, b in att.content_spans)
        row["modes"][att.mode] += 1
        if att.cue_class:
            row["cue_classes"][att.cue_class] += 1
    out = []
    for row in sorted(rows.values(), key=lambda r: (-r["words"], r["source"] or "")):
        out.append({**row, "modes": dict(sorted(row["modes"].items())), "cue_classes": dict(sorted(row["cue_classes"].items()))})
    return out


class _WordCounter:
    """``len(words(text, a, b))`` without listing the words: the words of the whole text, by
    bisection, with only the word cut at either end read again (a content span may run over a
    long sentence, and there may be as many spans as cues)."""

    def __init__(self, text: str) -> None:
        self.text = text
        spans = words(text)
        self.starts, self.ends = [a for a, _ in spans], [b for _, b in spans]

    def __call__(self, a: int, b: int) -> int:
        if b - a < 200:
            return len(words(self.text, a, b))
        i = bisect_right(self.starts, a) - 1  # the word that starts at or before a
        x = a if i < 0 or self.ends[i] <= a else self.ends[i]  # past a word cut at a
        left = len(words(self.text, a, x)) if x > a else 0
        j = bisect_left(self.ends, b)  # the first word that ends at or after b
        y = self.starts[j] if j < len(self.starts) and self.starts[j] < b else b  # before a word cut at b
        if y <= x:
            return len(words(self.text, a, b))
        right = len(words(self.text, y, b)) if y < b else 0
        return left + bisect_left(self.starts, y) - bisect_left(self.starts, x) + right


def talked_about(mentions: list[Mention], attributions: list[Attribution]) -> list[dict]:
    """For every actor: how often it is mentioned and how often it speaks."""
    mentioned = Counter(m.canonical for m in mentions if m.type in ACTOR_TYPES)
    types = {m.canonical: m.type for m in mentions}
    speaks = Counter(a.source for a in attributions if a.source)
    names = sorted(set(mentioned) | {s for s in speaks if s in types})
    rows = [{"actor": n, "type": types.get(n, "other"), "mentions": mentioned[n], "attributions": speaks[n]} for n in names]
    return sorted(rows, key=lambda r: (-r["mentions"] - r["attributions"], r["actor"]))
