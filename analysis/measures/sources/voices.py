"""Whose voice: the writer's own or attributed, sentence by sentence; the source roster; who
is talked about and who speaks; and the unsourced claims a fact-checker starts from.

- Voice of a word: ``quoted`` inside the quotation marks of a direct or partial quote,
  ``attributed`` inside the content of an attribution to a source, ``writer`` for the rest
  (an agentless hedge, "it seems", names no one else: its content stays the writer's).
  A sentence's shares are the shares of its words; ``metrics.writer_voice_share`` is the
  share of body words (body and standfirst) in the writer's voice.
- Roster: one row per source (canonical name, or no name for agentless and unknown
  sources, one row per type), with its attributions, attributed words, modes and cue classes.
- Talked about versus talked to: for every actor, its mentions and its attributions.
- Unsourced claims: in body sentences mostly in the writer's voice, the figures (money,
  percentages, counts), dates and superlative claims ("the world's top exporters") that no
  attribution covers, each with its span.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from analysis.read.article import BODY_KINDS, Article
from analysis.measures.sources.attribution import Attribution
from analysis.measures.sources.entities import ACTOR_TYPES, Mention
from analysis.measures.quotes.spans import Quote
from analysis.read.sentences import words

WORD_VOICES = ("writer", "quoted", "attributed")

_CLAIM_PATTERNS = [
    ("amount", re.compile(
        r"(?:US|U\.S\.|A|C)?[$€£¥]\s?\d[\d,.]*(?:[-\s](?:million|billion|trillion|thousand|bn|m))?(?:-\w+)*(?:\s+[a-z]+)?"
        r"|\b\d[\d,.]*\s+(?:million|billion|trillion)\s+(?:dollars|euros|pounds|pesos|shekels|yuan|rubles)\b"
        r"|\b(?:millions|billions|trillions)\s+of\s+(?:dollars|euros|pounds|pesos)(?:\s+worth)?", re.I)),
    ("percent", re.compile(r"\b\d[\d,.]*(?:\s*(?:to|-|–|and)\s*\d[\d,.]*)?\s*(?:percent|per cent|%)(?:\s+of\s+[\w’']+(?:\s+[\w’']+)?)?", re.I)),
    ("count", re.compile(
        r"\b(?:(?:around|about|over|more than|nearly|almost|some|at least|up to|roughly|approximately|only|just)\s+)?"
        r"(?!(?:1[89]|20)\d\d\b)\d[\d,]*(?:\.\d+)?\s+(?:[A-Z][a-z]+\s+)?[a-z][a-z-]+\b"
        r"|\b(?:dozens|hundreds|thousands|millions|billions|scores)\s+of\s+[a-z]+", re.I)),
    ("date", re.compile(
        r"\b(?:in|since|by|until|from|during|after|before)\s+(?:the\s+(?:early|mid|late)\s+)?(?:1[89]|20)\d\d(?:s)?\b"
        r"|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},\s+\d{4}\b", re.I)),
    ("superlative", re.compile(
        r"\b(?:one\s+of\s+)?(?:the\s+)?(?:[\w’']+’s\s+|world['’]s\s+)?(?:most|least)\s+(?!of\b)[a-z]+(?:\s+(?:and\s+)?[a-z]+)?\s+[a-z]+"
        r"|\b(?:the\s+)?(?:[\w’']+’s\s+)(?:top|largest|biggest|first|only|worst|best)\s+[a-z]+(?:\s+[a-z]+)?", re.I)),
]


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


@dataclass(frozen=True)
class Claim:
    """A figure, date or superlative in the writer's voice; ``hedged`` when an agentless
    hedge ("it seems", "is believed") covers it, which qualifies it but names no source."""

    sentence: int
    start: int
    end: int
    text: str
    kind: str
    hedged: bool = False

    def to_dict(self) -> dict:
        return {"sentence": self.sentence, "start": self.start, "end": self.end, "text": self.text, "kind": self.kind,
                "hedged": self.hedged}


def word_voices(article: Article, quotes: tuple[Quote, ...], attributions: list[Attribution]) -> dict[int, tuple[str, str | None]]:
    """Voice and source of every word, keyed by the word's start offset."""
    quoted = [(q.start, q.end, q.speaker) for q in quotes if q.kind in {"direct", "partial"}]
    contents = [(a, b, att.source) for att in attributions if att.source_type != "agentless" for a, b in att.content_spans]
    out = {}
    for s in article.sentences:
        for a, b in words(article.text, s.start, s.end):
            voice, source = "writer", None
            for qa, qb, speaker in quoted:
                if qa <= a and b <= qb:
                    voice, source = "quoted", speaker
                    break
            else:
                for ca, cb, src in contents:
                    if ca <= a and b <= cb:
                        voice, source = "attributed", src
                        break
            out[a] = (voice, source)
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
    for att in attributions:
        key = (att.source, att.source_type if att.source is None else None)
        row = rows.setdefault(key, {"source": att.source, "source_type": att.source_type, "attributions": 0,
                                    "words": 0, "modes": Counter(), "cue_classes": Counter()})
        row["attributions"] += 1
        row["words"] += sum(len(words(article.text, a, b)) for a, b in att.content_spans)
        row["modes"][att.mode] += 1
        if att.cue_class:
            row["cue_classes"][att.cue_class] += 1
    out = []
    for row in sorted(rows.values(), key=lambda r: (-r["words"], r["source"] or "")):
        out.append({**row, "modes": dict(sorted(row["modes"].items())), "cue_classes": dict(sorted(row["cue_classes"].items()))})
    return out


def talked_about(mentions: list[Mention], attributions: list[Attribution]) -> list[dict]:
    """For every actor: how often it is mentioned and how often it speaks."""
    mentioned = Counter(m.canonical for m in mentions if m.type in ACTOR_TYPES)
    types = {m.canonical: m.type for m in mentions}
    speaks = Counter(a.source for a in attributions if a.source)
    names = sorted(set(mentioned) | {s for s in speaks if s in types})
    rows = [{"actor": n, "type": types.get(n, "other"), "mentions": mentioned[n], "attributions": speaks[n]} for n in names]
    return sorted(rows, key=lambda r: (-r["mentions"] - r["attributions"], r["actor"]))


def unsourced_claims(article: Article, voices: dict[int, tuple[str, str | None]], sent_voice: list[SentenceVoice],
                     attributions: list[Attribution]) -> list[Claim]:
    """Figures, dates and superlatives stated in the writer's own voice with no attribution."""
    covered = [(a, b) for att in attributions if att.source_type != "agentless" for a, b in att.content_spans]
    hedged = [(a, b) for att in attributions if att.source_type == "agentless" for a, b in att.content_spans]
    out = []
    for i, s in enumerate(article.sentences):
        if s.segment not in BODY_KINDS or sent_voice[i].writer < 0.5:
            continue
        taken: list[tuple[int, int]] = []
        for kind, pattern in _CLAIM_PATTERNS:
            for m in pattern.finditer(article.text, s.start, s.end):
                a, b = m.span()
                if any(a < y and x < b for x, y in taken) or any(x <= a and b <= y for x, y in covered):
                    continue
                if any(voices.get(w, ("writer",))[0] != "writer" for w, _ in words(article.text, a, b)):
                    continue
                taken.append((a, b))
                out.append(Claim(i, a, b, article.text[a:b], kind, any(x <= a and b <= y for x, y in hedged)))
    return sorted(out, key=lambda c: c.start)
