"""Unsourced claims: what a fact-checker starts from.

In body and standfirst sentences at least half in the writer's voice (:mod:`analysis.measures.sources.voices`),
every figure, date and superlative claim that no attribution to a source covers, with its span.
The patterns, tried in this order (a span already taken by an earlier pattern is not taken again):

1. ``amount``: money ("$5.7-million-dollar contract", "3 billion dollars", "millions of dollars worth");
2. ``percent``: "5 to 8 percent of the contract's", "40 %";
3. ``count``: a number and the word it counts, not a year ("Around 150 Israeli firms", "dozens of people");
4. ``date``: a year after "in", "since", "by", "until", "from", "during", "after" or "before"
   ("Since the early 1970s"), or a full date ("Sept. 14, 2017");
5. ``superlative``: "most"/"least" and what it qualifies ("Mexico's most powerful and violent
   drug"), or a possessive with "top", "largest", "biggest", "first", "only", "worst", "best"
   ("the world's top weapons exporters").

A span is left out when any of its words is not in the writer's voice. ``hedged`` marks a
claim inside the content of an agentless hedge ("it seems", "is believed"): qualified, but
still with no source.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.measures.sources.attribution import Attribution
from analysis.measures.sources.voices import SentenceVoice
from analysis.read.article import BODY_KINDS, Article
from analysis.read.sentences import words

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
