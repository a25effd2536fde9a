"""Source attribution: who is quoted or cited, with which cue, and what is attributed.

Rules on cue lexicons, capitalisation and punctuation, which also serve corpus runs without the
parse; with the parse, learned cues are added after them (last item). For every reporting cue
(``analysis.measures.cues``) in a prose sentence, outside quotation marks:

- the source is the noun phrase before the cue ("Peña Nieto admitted", "officials said",
  "Natan Eshel, a former chief of staff, said"), or after it when inverted ("..., said Don
  Fowler"; "according to X"; "a statement by X"); a pronoun ("he stated") is resolved to the
  last person who spoke within two paragraphs, else to the nearest person mentioned before;
  a cue with no plausible source ("history suggests") is not an attribution (nor is it with the
  parse: the learned cues below drop a source of no known kind);
- the content is the quote the cue governs (quote kinds already link quote and cue), or
  the clause after the cue ("... denied that CONTENT"), or the clause before a closing tag
  ("CONTENT, he said."); the content's spans include the quotation marks (as PolNeAR's
  gold does); mode is ``direct`` (only quoted words), ``mixed`` (quoted and not) or
  ``indirect``;
- agentless passives and impersonal hedges ("is believed", "was found to", "it seems",
  "it's not clear", "reportedly", "apparently"), raising verbs ("X seemed to", "appears
  poised to"), an unnamed asker ("when asked whether", "was questioned about") and "known as"
  (PolNeAR's ``Attribution-no-source``) are attributions with no source, type ``agentless``
  and cue class ``hedge``; with a "by" agent they take the agent as source;
- a colon after a name or a cue introduces what follows ("Pence: ...", "he said: “...”");
- a direct quote with no cue (a floating quote) inherits the previous speaker, the inner one of a
  nested report ("“...,” she said, according to Variety": she);
- with the article's parse, a verb cue's subject or passive agent in the parse, when of a known
  kind, is its source where the phrase rules find none or only the last noun of the parse's
  phrase ("the chief negotiator of the union told": the negotiator, not the union), and the learned cues the rules did not take
  (:mod:`analysis.measures.sources.parsed_attribution`) come after the rules of each sentence.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace

from analysis.read.article import PROSE_KINDS, Article
from analysis.measures.clauses import clause_bounds
from analysis.measures.cues import Cue, find_cues
from analysis.measures.sources.entities import Mention
from analysis.measures.sources.attribution_record import Attribution
from analysis.measures.sources.span_index import SortedQuotes
from analysis.measures.sources.speakers import floating, resolve_pronouns
from analysis.measures.sources.source_phrases import (PRONOUNS, Source, name_before, name_source, source_after,
                                                     source_before)
from analysis.measures.quotes.spans import Quote

_AGENTLESS = re.compile(
    r"\b(?:(?:is|are|was|were|be|been|being|has been|have been|had been)\s+(?:widely\s+|generally\s+|also\s+|now\s+)?"
    r"(?:believed|thought|said|reported|expected|understood|alleged|rumou?red|considered|known|found|estimated|"
    r"feared|suspected|claimed|announced|seen|shown|described)"
    r"|it\s+(?:seems|seemed|appears|appeared)|it(?:\s+is|\s+was|[’']s)\s+(?:not\s+)?(?:likely|unlikely|unclear|clear|possible)"
    r"|(?<!\bit\s)(?:seems?|seemed|appears?|appeared)(?=\s+(?:to\b|that\b|as\s+(?:if|though)\b|(?:un)?likely\b|poised\b|set\s+to\b))"
    r"|(?:(?:was|were|when|after\s+being|being|has\s+been|had\s+been)\s+)?(?:asked|questioned)(?=\s+(?:about|whether|if|why|what|how|who|to)\b)"
    r"|known\s+as"
    r"|(?:reportedly|allegedly|apparently|purportedly|supposedly|ostensibly|seemingly))\b",
    re.I,
)
_BY_AGENT = re.compile(r"\s+(?:to\s+\w+\s+)?by\s+((?:the\s+|a\s+)?(?:[A-Z][\w’'.&-]*(?:\s+[A-Z][\w’'.&-]*)*|[\w’'-]+(?:\s+[\w’'-]+)?))")
_WORD = re.compile(r"\w")
_DASH_SIGNATURE = re.compile(
    r"[”\"]\s*(?P<dash>[―—–])\s*(?P<name>[A-Z][\w.’'-]*(?:[ \t]+[A-Z][\w.’'-]*){0,4})\.?(?=\s*(?:\n|$|[“\"”]))")
_THAT = re.compile(r"\s*(?:that\b)?\s*")
_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?$", re.I)
_IMPERSONAL_TAIL = re.compile(r"\s*(?:(?:un)?likely|clear|possible|probable|certain)?\s*(?:that\b)?\s*", re.I)
#: At most four capitalised words, then a colon ("Pence: ..."). Words are separated by white
#: space, which no word character is, so it cannot backtrack catastrophically (the earlier
#: ``(?:[A-Z][\w’'.-]*\s*){1,4}`` tried every split of "U.U.U..." into four pieces).
_COLON = re.compile(r"([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}\s*):\s+\S")


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (text[a].isspace() or text[a] in ",:;"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;:"):
        b -= 1
    return a, b


def _first(text: str, a: int, b: int) -> int:
    """The first offset of ``text[a:b]`` that is not white space (``b`` when none)."""
    while a < b and text[a].isspace():
        a += 1
    return a


def _last(text: str, a: int, b: int) -> int:
    """One past the last offset of ``text[a:b]`` that is not white space (``a`` when none)."""
    while b > a and text[b - 1].isspace():
        b -= 1
    return b


def _mode(text: str, spans: tuple[tuple[int, int], ...], quotes: list[Quote]) -> str:
    if not quotes:
        return "indirect"
    quoted = sum(q.end - q.start for q in quotes)
    total = sum(max(0, _last(text, a, b) - _first(text, a, b)) for a, b in spans)
    return "direct" if quoted >= total - 2 else "mixed"


def _wider(parsed: tuple[int, int] | None, ruled: tuple[int, int] | None) -> bool:
    """The parse's source phrase holds the rules' and starts before it: the rules read only the
    last noun of a longer phrase ("the chief negotiator of the union told": "the union")."""
    return bool(parsed and ruled and parsed[0] < ruled[0] and ruled[1] <= parsed[1])


def _voiced(q: Quote) -> bool:
    return q.kind in {"direct", "partial"} and q.parent is None


class _Finder:
    """Attributions of one article, sentence by sentence. The quotes are indexed once (by
    start, end, content and cue), so no cue scans every quote."""

    def __init__(self, article: Article, quotes: tuple[Quote, ...], mentions: list[Mention], parse=None) -> None:
        self.article, self.quotes, self.mentions, self.parse = article, quotes, mentions, parse
        self.text = article.text
        self.out: list[Attribution] = []
        self.voiced_by_start = SortedQuotes(quotes, lambda q: q.start, _voiced)
        self.voiced_by_end = SortedQuotes(quotes, lambda q: q.end, _voiced)
        self.outer_by_start = SortedQuotes(quotes, lambda q: q.start, lambda q: q.parent is None)
        contents = sorted((q.content for q in quotes))
        self.content_starts, self.content_reach, top = [a for a, _ in contents], [], -1
        for _, b in contents:
            top = max(top, b)
            self.content_reach.append(top)
        self.by_cue: dict[tuple[int, int], list[Quote]] = {}
        self.by_end: dict[int, Quote] = {}
        for q in quotes:
            self.by_cue.setdefault(q.cue_span, []).append(q)
            if q.kind in {"direct", "partial"}:
                self.by_end.setdefault(q.end, q)

    def quotes_in(self, a: int, b: int) -> list[Quote]:
        return [self.quotes[i] for i in self.voiced_by_start.between(a, b) if self.quotes[i].end <= b]

    def inside_quote(self, a: int, b: int) -> bool:
        j = bisect_right(self.content_starts, a) - 1
        return j >= 0 and self.content_reach[j] >= b

    def add(self, source: Source | None, cue: Cue | None, cls: str | None, spans, sentence: int, rule: str,
            source_type: str | None = None) -> None:
        text = self.text
        spans = tuple(s for s in (_strip(text, a, b) for a, b in spans) if _WORD.search(text, s[0], s[1]))
        spans = tuple((a, max([b] + [self.quotes[i].end for i in self.outer_by_start.between(a, b, hi_open=True)]))
                      for a, b in spans)
        if not spans:
            return
        quotes = [q for a, b in spans for q in self.quotes_in(a, b)]
        self.out.append(Attribution(
            source.name if source else None, source.span if source else None,
            source_type or (source.type if source else "other"),
            cue.text if cue else None, (cue.start, cue.end) if cue else None, cls if cue else None,
            _mode(text, spans, quotes), spans, sentence, rule, tuple(q.index for q in quotes)))

    def sentence(self, idx: int) -> None:
        s = self.article.sentences[idx]
        text = self.text
        first = len(self.out)
        taken: list[int] = []  # starts of the cues taken, in order; they never overlap, nor do their ends
        ends: list[int] = []
        for cue in find_cues(text, s.start, s.end):
            j = bisect_right(taken, cue.start) - 1
            if self.inside_quote(cue.start, cue.end) or (j >= 0 and cue.start < ends[j]):
                continue
            if self.verb_cue(idx, s.start, s.end, cue):
                taken.append(cue.start)
                ends.append(cue.end)
        for m in _AGENTLESS.finditer(text, s.start, s.end):
            j = bisect_left(taken, m.end()) - 1  # the last cue starting before the match ends
            if self.inside_quote(m.start(), m.end()) or (j >= 0 and m.start() < ends[j]):
                continue
            self.agentless(idx, s.start, s.end, m)
        self.colon(idx, s.start, s.end)
        self.dash_signature(idx, s.start, s.end)
        if self.parse is not None:
            from analysis.measures.sources.parsed_attribution import parsed_cues

            mine = [a.cue_span for a in self.out[first:] if a.cue_span] + [a.source_span for a in self.out[first:] if a.source_span]
            parsed_cues(self, idx, mine)

    def verb_cue(self, idx: int, lo: int, hi: int, cue: Cue) -> bool:
        text = self.text
        if cue.kind == "verb" and _PASSIVE_BEFORE.search(text, max(lo, cue.start - 30), cue.start):
            return False  # "was found": a passive; the agentless rule takes it
        c_lo, c_hi = clause_bounds(text, lo, hi, cue.start, contrast=True)
        governed = list(self.by_cue.get((cue.start, cue.end), ()))
        if cue.lemma == "according to" or cue.kind == "noun" and text[cue.end - 2:cue.end] in {"by", "of", "om"}:
            source = source_after(self.article, self.mentions, cue.end, hi)
            if source is None:
                return False
            after = source.span[1]
            if cue.start - c_lo <= 2:  # "According to X, CONTENT"
                spans = [(after, c_hi)]
            else:  # "CONTENT, according to X"
                spans = [(c_lo, cue.start)]
            self.add(source, cue, cue.cls, spans, idx, f"'{cue.text}' + source")
            return True
        source = source_before(self.article, self.mentions, c_lo, cue)
        rule = "source before the cue"
        inverted = False
        head_end = _last(text, c_lo, cue.start)  # the clause before the cue, without its trailing space
        if source is None and (head_end == c_lo or text[head_end - 1] in ",”\"’'"):
            source = source_after(self.article, self.mentions, cue.end, c_hi)  # “...,” said X
            rule, inverted = "source after the cue (inverted)", True
        if source is None and cue.kind == "noun":
            run = name_before(text, lo, cue.start)
            source = name_source(self.article, self.mentions, run.start(1), run.end(1)) if run else None
            rule = "noun cue with the clause's named subject"
        if self.parse is not None and cue.kind == "verb":
            from analysis.measures.sources.parsed_attribution import parse_source

            parsed = parse_source(self, cue)
            if parsed is not None and (source is None or _wider(parsed.span, source.span)):
                source, rule = parsed, "source: the cue's subject in the parse"
                inverted = parsed.span[0] > cue.start
        if source is None:
            return False
        if not governed:
            governed = self.tagged_quote(c_lo, cue, source)
        if governed and all(q.end <= cue.start for q in governed):
            spans = [(q.start, q.end) for q in governed]
            # "CONTENT “quote,” he said": the unquoted part before belongs to it as well
            first = governed[0]
            if _first(text, c_lo, first.start) < first.start and not inverted:
                spans = [(c_lo, governed[-1].end)]
        elif inverted and head_end > c_lo:
            spans = [(c_lo, cue.start)]
        else:
            start = source.span[1] if inverted and source.span else cue.end
            start = _THAT.match(text, start).end()
            if text[start:start + 1] == ":":
                return self.colon_content(idx, source, cue, rule)
            spans = [(start, c_hi)]
            if _first(text, start, c_hi) >= c_hi and head_end > c_lo:
                spans = [(c_lo, source.span[0] if source.span else cue.start)]
        self.add(source, cue, cue.cls, spans, idx, rule)
        return True

    def tagged_quote(self, c_lo: int, cue: Cue, source: Source) -> list[Quote]:
        """“...,” panel Chairman Jason Chaffetz (R-Utah) said: the quote just before the source
        and its cue, with nothing but the source, its title and asides between them."""
        text = self.text
        before = self.voiced_by_end.between(c_lo, cue.start)
        if not before or not source.span:
            return []
        q = self.quotes[before[-1]]
        gap = text[q.end:source.span[0]] + " " + text[source.span[1]:cue.start]
        gap = re.sub(r"\([^()]*\)|,[^,]*,", " ", gap)
        return [q] if len(gap.split()) <= 4 and q.text.rstrip()[-1:] in ",.?!—" else []

    def colon_content(self, idx: int, source: Source, cue: Cue, rule: str) -> bool:
        """"X said: “...”": the content runs to the end of the paragraph."""
        s = self.article.sentences[idx]
        para = self.article.paragraphs[s.paragraph]
        start = self.text.index(":", cue.end) + 1
        end = para.end if para.end > start + 1 else self.next_paragraph_end(s.paragraph)
        self.add(source, cue, cue.cls, [(start, end)], idx, rule + ", colon introduction")
        return True

    def next_paragraph_end(self, p: int) -> int:
        paras = self.article.paragraphs
        return paras[p + 1].end if p + 1 < len(paras) else paras[p].end

    def agentless(self, idx: int, lo: int, hi: int, m: re.Match) -> None:
        text = self.text
        cue = Cue(m.start(), m.end(), m.group(0), m.group(0).lower(), "hedge", "agentless")
        if m.group(0).lower().startswith("it "):  # "it seems likely that CONTENT" (dashes are asides)
            semicolon = text.find(";", m.end(), hi)
            end = semicolon if semicolon != -1 else hi
            self.add(None, cue, "hedge", [(_IMPERSONAL_TAIL.match(text, m.end()).end(), end)], idx,
                     "impersonal hedge", source_type="agentless")
            return
        c_lo, c_hi = clause_bounds(text, lo, hi, m.start(), contrast=True)
        by = _BY_AGENT.match(text, m.end(), c_hi)
        if by and (src := source_after(self.article, self.mentions, by.start(1), c_hi)):
            self.add(src, cue, "hedge", [(c_lo, m.start()), (by.end(), c_hi)], idx, "passive with a 'by' agent")
            return
        spans = [(c_lo, m.start()), (m.end(), c_hi)]
        self.add(None, cue, "hedge", spans, idx, "agentless passive or impersonal hedge", source_type="agentless")

    def dash_signature(self, idx: int, lo: int, hi: int) -> None:
        """“...” ― Karen Bobadilla: a quote signed with a dash and a name."""
        text = self.text
        para = self.article.paragraphs[self.article.sentences[idx].paragraph]
        for m in _DASH_SIGNATURE.finditer(text, lo, min(para.end, hi + 60)):
            quote = self.by_end.get(m.start() + 1)
            if quote is None:
                continue
            source = name_source(self.article, self.mentions, m.start("name"), m.end("name"))
            if source is None:
                continue
            if source.type == "other":
                source = replace(source, type="person")
            cue = Cue(m.start("dash"), m.end("dash"), m.group("dash"), "signature", "neutral", "signature")
            self.add(source, cue, "neutral", [(quote.start, quote.end)], idx, "a quote signed with a dash and a name")

    def colon(self, idx: int, lo: int, hi: int) -> None:
        """"Pence: Gennifer Flowers Won’t Be at Debate": a short name and a colon open the sentence."""
        m = _COLON.match(self.text, lo, hi)
        if not m or (self.out and self.out[-1].sentence == idx):  # sentences come in order
            return
        source = name_source(self.article, self.mentions, lo, lo + len(m.group(1).rstrip()))
        if source is None or source.type not in {"person", "organization", "government", "media"}:
            return
        cue = Cue(m.end(1), m.end(1) + 1, ":", ":", "neutral", "colon")
        self.add(source, cue, "neutral", [(cue.end, hi)], idx, "a name and a colon")


def find_attributions(article: Article, quotes: tuple[Quote, ...], mentions: list[Mention], parse=None) -> list[Attribution]:
    """Every attribution of the article's prose, in text order (``parse``: the article's
    :class:`~analysis.nlp.parse.Parse`; with it, the learned cues the rules miss are added)."""
    finder = _Finder(article, quotes, mentions, parse)
    for i, s in enumerate(article.sentences):
        if s.segment in PROSE_KINDS:
            finder.sentence(i)
    pronoun_spans = {a.source_span for a in finder.out
                     if a.source and a.source_span and article.text[a.source_span[0]:a.source_span[1]].lower() in PRONOUNS}
    resolved = resolve_pronouns(article, sorted(finder.out, key=lambda a: (a.sentence, (a.cue_span or (0, 0))[0])),
                                 mentions, pronoun_spans)
    return floating(article, quotes, resolved)
