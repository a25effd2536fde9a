"""Find an article's structure: headline, standfirst, byline, dateline, subheads, body,
photo captions and credits, syndication notes and boilerplate.

Rules, applied to the paragraph blocks of :mod:`analysis.read.formats` (a hint from the markup,
such as a Markdown heading, is kept):

- boilerplate: the whole paragraph matches a pattern of ``lexicons/boilerplate.tsv``
  (share bars, "Comments are closed.", newsletter prompts, copyright lines);
- byline: "By Name[, Name and Name]" in at most 15 words, each name capitalised; a
  paragraph that is only a date near the top belongs to the byline too;
- syndication: "originally published on X and syndicated by Y", "first appeared in X",
  "republished from X": X is the publisher, Y the syndicator;
- caption: a paragraph ending in a parenthesised photo credit that names an agency or a
  photographer ("(AP/Damian Dovarganes)", "(AP Photo/Eduardo Verdugo)") or starting with
  "Photo:" / "Top photo |"; the credit is a segment of its own;
- headline: the first paragraph that is short (at most 30 words, one line) and either has
  no closing full stop or is in title case;
- standfirst: paragraphs between the headline and a byline near the top;
- subhead: after the first body paragraph, a short line (at most 14 words) without closing
  punctuation, followed by more text;
- dateline: an upper-case place (optionally ", Region" and "(Agency)") and a dash or colon
  at the start of the first body paragraph. "EXICO CITY–" (a lost drop cap) still counts;
- everything else is body.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from analysis.read.article import Article, Paragraph, Segment, build_sentences
from analysis.read.formats import ENDS_SENTENCE, Block, Draft
from analysis.lexicon import load_lexicon
from analysis.read.sentences import count_words

_AGENCIES = (
    r"AP|AFP|Reuters|Getty(?: Images)?|EPA|Bloomberg|Xinhua|UPI|Shutterstock|iStock|Alamy|"
    r"Sipa|Pool|Wikimedia(?: Commons)?|Flickr|ANSA|dpa|TASS|PA|NurPhoto|ZUMA|Anadolu"
)
_CREDIT_END = re.compile(
    r"\(\s*((?:" + _AGENCIES + r")\b[^()]{0,80}"
    r"|[^()]{0,40}\b(?:[Pp]hotos?|[Ii]mages?|[Cc]redit|[Vv]ideo|[Ff]ile)\b[^()]{0,40}"
    r"|[A-Z][\w.'’ -]{0,30}/[A-Z][\w.'’ -]{0,30})\s*\)\s*$"
)
_CREDIT_START = re.compile(r"©\s*((?:" + _AGENCIES + r")\b(?:/[\w. ]+)?|Provided by [A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){0,3})")
_CREDIT_LINE = re.compile(r"^(?:photo|image|picture|credit|photograph)s?\s*(?:by|:|\|)\s*(.{2,80})$", re.I)
_CAPTION_PREFIX = re.compile(r"^(?:top |main |featured |header |lead )?(?:photo|image|picture)\s*[|:]", re.I)
_BYLINE = re.compile(r"^(?:by|written by|words by|story by|reporting by)\s+(.+?)\s*$", re.I)
_NAME = re.compile(r"^(?:[A-Z][\w'’.-]*|de|da|van|von|der|del|la|le|bin|al-\w+)(?:\s+(?:[A-Z][\w'’.-]*|de|da|van|von|der|del|la|le|bin|al-\w+)){1,4}$")
_SYNDICATION = re.compile(
    r"(?:originally|first)\s+(?:published|appeared|posted|ran)\s+(?:on|in|at|by)\s+(?:the\s+website\s+)?"
    r"(?P<pub>[^.,;()]+?)(?:\s+and\s+(?:was\s+)?(?:is\s+)?(?:syndicated|republished|reposted|shared)\s+"
    r"(?:by|on|with)\s+(?P<synd>[^.,;()]+?))?\s*(?:[.,;(]|$)"
    r"|(?:republished|reprinted|reposted|syndicated)\s+(?:with\s+permission\s+)?(?:from|by)\s+(?P<pub2>[^.,;()]+?)\s*(?:[.,;(]|$)",
    re.I,
)
_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z'’.\-]*(?: [A-Z][A-Z'’.\-]*){0,3}"
    r"(?:,\s+[A-Z][A-Za-z.]+(?:\s+[A-Z][a-z]+\.?){0,2})?"
    r"(?:,\s+[A-Z][a-z]{2,4}\.?\s+\d{1,2})?)"
    r"(?:\s*\((?P<agency>[^()]{1,30})\))?\s*(?:[–—]|--?|:)\s*(?=\S)"
    r"|\((?P<agency2>AP|Reuters|AFP|Bloomberg|UPI)\)\s*(?:[–—]|--?)\s*(?=\S)"
)
_DATE_LINE = re.compile(
    r"(?:(?:published|updated|posted|last updated)\s*:?\s*)?(?:(?:on|at)\s+)?(?:\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:on\s+)?)?"
    r"(?:[A-Z][a-z]+day,?\s+)?(?:[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+\d{4}|\d{4}-\d{2}-\d{2})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?\.?",
    re.I,
)
_WIRES = {"ap": "AP", "associated press": "AP", "the associated press": "AP", "reuters": "Reuters", "afp": "AFP",
          "agence france-presse": "AFP", "upi": "UPI", "united press international": "UPI", "xinhua": "Xinhua",
          "dpa": "dpa", "bloomberg news": "Bloomberg News", "tass": "TASS", "efe": "EFE", "ansa": "ANSA"}
_WIRE_LINE = re.compile(
    r"(?:^|\b(?:by|copyright|©|\(c\))\s+(?:\d{4}\s+)?|^[—–-]\s*|\()(?P<wire>" + "|".join(
        sorted((re.escape(w) for w in _WIRES), key=len, reverse=True)) + r")\b(?:\)|\s*$|\s+contributed)",
    re.I,
)
#: Reuters' house sign-off: "(Reporting by X; Editing by Y)".
_REUTERS_SIGNOFF = re.compile(r"\(\s*(?:Reporting|Additional reporting) by [^()]*(?:Editing|Writing) by [^()]*\)\.?\s*$")
_MONTHS = {m: i for i, names in enumerate([
    (), ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
    ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
    ("oct", "october"), ("nov", "november"), ("dec", "december")]) for m in names}
_DATE_MDY = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\b")
_DATE_DMY = re.compile(r"\b(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
_DATE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_CLOSING = ".!?,;:…"


def parse_date(value: str | None) -> str | None:
    """An ISO date (YYYY-MM-DD) from "2017-09-18", "Sept. 18, 2017" or "18 September 2017"."""
    if not value:
        return None
    if m := _DATE_ISO.search(value):
        return m.group(0)
    for pattern, order in ((_DATE_MDY, (0, 1, 2)), (_DATE_DMY, (1, 0, 2))):
        if m := pattern.search(value):
            month, day, year = (m.group(i + 1) for i in order)
            if month.lower() in _MONTHS and 1 <= int(day) <= 31:
                return f"{year}-{_MONTHS[month.lower()]:02d}-{int(day):02d}"
    return None


@lru_cache(maxsize=1)
def _boilerplate_patterns() -> tuple[tuple[re.Pattern, str], ...]:
    rows = load_lexicon("boilerplate").rows
    return tuple((re.compile(r["pattern"], re.I | re.S), r["kind"]) for r in rows)


def is_boilerplate(paragraph: str) -> bool:
    """True when the paragraph is page furniture (``lexicons/boilerplate.tsv``)."""
    short = count_words(paragraph) <= 25
    bare = paragraph.strip().strip("\"“”")  # a transcript may wrap the furniture in quotation marks
    for pattern, kind in _boilerplate_patterns():
        if pattern.fullmatch(bare) and (kind == "whole" or kind == "prefix" and short):
            return True
    return False


def byline_names(paragraph: str) -> list[str] | None:
    """The names of a byline paragraph ("By Jane Doe and John Roe"), or None if it is not one."""
    m = _BYLINE.match(paragraph.strip())
    if not m or count_words(paragraph) > 15 or "\n" in paragraph.strip():
        return None
    parts = re.split(r"\s*(?:,|;|&|\band\b|\|)\s*", m.group(1).rstrip("."))
    names = [p.strip() for p in parts if p.strip()]
    people = [n for n in names if _NAME.match(n)]
    return people or None


def _is_headline_like(paragraph: str) -> bool:
    words = paragraph.split()
    if not words or len(words) > 30 or "\n" in paragraph:
        return False
    if paragraph.rstrip("”\"’'")[-1:] not in ".":
        return True
    capitalised = sum(w[:1].isupper() for w in words if len(w) > 3)
    return capitalised >= 0.6 * max(sum(len(w) > 3 for w in words), 1)


def _is_subhead_like(paragraph: str) -> bool:
    words = paragraph.split()
    return (
        0 < len(words) <= 14 and "\n" not in paragraph and paragraph[0].isupper()
        and paragraph[-1] not in _CLOSING and not paragraph.endswith(("”", '"', "’", "'", ")"))
    )


@dataclass
class _Part:
    block: Block
    kind: str | None


def _caption_segments(text: str, b: Block) -> tuple[list[Segment], str | None] | None:
    para = text[b.start:b.end]
    m = _CREDIT_END.search(para)
    if m and (b.end - b.start) > 0:
        credit_start = b.start + m.start()
        segs = []
        cap_end = credit_start
        while cap_end > b.start and text[cap_end - 1].isspace():
            cap_end -= 1
        if cap_end > b.start:
            segs.append(Segment("caption", b.start, cap_end))
        segs.append(Segment("credit", credit_start, b.start + len(para.rstrip())))
        return segs, " ".join(m.group(1).split())
    m = _CREDIT_START.match(para)
    if m:
        rest = m.end()
        while rest < len(para) and para[rest].isspace():
            rest += 1
        segs = [Segment("credit", b.start, b.start + m.end())]
        if rest < len(para):
            segs.append(Segment("caption", b.start + rest, b.end))
        return segs, " ".join(m.group(1).split())
    line = _CREDIT_LINE.match(para.strip())
    if line and count_words(para) <= 12:
        return [Segment("credit", b.start, b.end)], " ".join(line.group(1).split())
    if _CAPTION_PREFIX.match(para):
        return [Segment("caption", b.start, b.end)], None
    return None


def _is_label_line(line: str) -> bool:
    line = line.strip()
    return bool(
        line and (is_boilerplate(line) or byline_names(line) or _DATE_LINE.fullmatch(line)
                  or count_words(line) <= 20 and _SYNDICATION.search(line))
    )


def _split_label_lines(text: str, blocks: list[Block]) -> list[Block]:
    """Split off a first or last line that is a label of its own (byline, note, furniture)."""
    out = []
    for b in blocks:
        pieces = [b]
        first_break = text.find("\n", b.start, b.end)
        if first_break != -1 and b.hint is None and _is_label_line(text[b.start:first_break]):
            rest = first_break + 1
            while rest < b.end and text[rest].isspace():
                rest += 1
            pieces = [Block(b.start, _rstrip(text, b.start, first_break)), Block(rest, b.end)]
        last = pieces[-1]
        last_break = text.rfind("\n", last.start, last.end)
        if last_break != -1 and last.hint is None and _is_label_line(text[last_break:last.end]):
            start = last_break + 1
            while text[start].isspace():
                start += 1
            pieces[-1:] = [Block(last.start, _rstrip(text, last.start, last_break)), Block(start, last.end)]
        out.extend(pieces)
    return out


def build_article(draft: Draft, *, meta: dict | None = None) -> Article:
    """Decide the segment kinds of a draft's blocks and split its sentences."""
    text = draft.text
    blocks = draft.blocks if draft.structured else _split_label_lines(text, draft.blocks)
    meta = {**draft.meta, **(meta or {})}
    parts = [_Part(b, b.hint) for b in blocks]
    segments: list[Segment] = []
    credits: list[str] = []
    bylines: list[str] = []
    publisher, syndicated = None, []
    published = parse_date(meta.get("date") or meta.get("published"))

    if not draft.structured:
        for i, part in enumerate(parts):
            para = text[part.block.start:part.block.end]
            if part.kind not in {None, "caption"}:
                continue
            if part.kind is None and not _CREDIT_START.match(para) and is_boilerplate(para):
                part.kind = "boilerplate"
            elif part.kind is None and (names := byline_names(para)):
                part.kind, bylines = "byline", bylines + names
            elif part.kind is None and i < 8 and _DATE_LINE.fullmatch(para.strip()) and parse_date(para):
                part.kind, published = "byline", published or parse_date(para)
            elif part.kind is None and count_words(para) <= 70 and (m := _SYNDICATION.search(para)):
                part.kind = "syndication"
                publisher = publisher or (m.group("pub") or m.group("pub2")).split(" at ")[-1].strip()
                if m.group("synd"):
                    syndicated.append(m.group("synd").strip())
            elif (cap := _caption_segments(text, part.block)) is not None:
                part.kind = "caption"
                segments.extend(cap[0])
                if cap[1]:
                    credits.append(cap[1])
        _mark_headline_and_standfirst(text, parts)
        _mark_subheads(text, parts)

    body_seen = 0
    dateline = dateline_agency = None
    for part in parts:
        b = part.block
        if part.kind == "caption":
            if not any(s.start >= b.start and s.end <= b.end for s in segments):
                segments.append(Segment("caption", b.start, b.end))
            continue
        kind = part.kind or "body"
        part.kind = kind
        if kind == "body" and body_seen < 2 and dateline is None and not draft.structured:
            m = _DATELINE.match(text, b.start, b.end)
            if m and (m.group("agency2") or sum(c.isupper() for c in m.group("place") or "") >= 3):
                dateline = (m.group("place") or f"({m.group('agency2')})").strip()
                dateline_agency = m.group("agency") or m.group("agency2")
                end = m.end()
                segments.append(Segment("dateline", b.start, end if not text[end - 1].isspace() else _rstrip(text, b.start, end)))
                segments.append(Segment("body", end, b.end))
                body_seen += 1
                continue
        body_seen += kind == "body"
        segments.append(Segment(kind, b.start, b.end))

    wire = [_WIRES[dateline_agency.lower()]] if dateline_agency and dateline_agency.lower() in _WIRES else []
    for part in parts:
        para = text[part.block.start:part.block.end]
        if count_words(para) <= 15 and part.kind != "body" or count_words(para) <= 6:
            if m := _WIRE_LINE.search(para):
                wire.append(_WIRES[m.group("wire").lower()])
        if _REUTERS_SIGNOFF.match(para):
            wire.append("Reuters")
    segments.sort(key=lambda s: (s.start, s.end))
    kind_of = _main_kinds(segments)
    paragraphs = tuple(Paragraph(i, p.block.start, p.block.end, kind_of(p.block)) for i, p in enumerate(parts))
    seg_tuple = tuple(segments)
    headline = next((text[s.start:s.end] for s in seg_tuple if s.kind == "headline"), None)
    title = meta.get("title") or (" ".join(headline.split()) if headline else None)
    if not bylines and meta.get("author"):
        bylines = [a.strip() for a in re.split(r"\s*(?:;|,|&|\band\b)\s*", meta["author"]) if a.strip()]
    return Article(
        text=text,
        title=title,
        bylines=tuple(dict.fromkeys(bylines)),
        dateline=dateline,
        published=published,
        publisher=meta.get("publisher") or publisher,
        syndicated_by=tuple(dict.fromkeys(meta.get("syndicated_by") or syndicated)),
        photo_credits=tuple(dict.fromkeys(credits)),
        wire=tuple(dict.fromkeys(wire)),
        segments=seg_tuple,
        paragraphs=paragraphs,
        sentences=build_sentences(text, seg_tuple, paragraphs),
    )


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _main_kinds(segments: list[Segment]):
    """A function giving a block's main kind: the kind of the first segment (in ``segments``'
    sorted order) with the largest overlap, at least 0 (touching); ``body`` when none. Only the
    segments that start by the block's end and reach its start are looked at (bisection on the
    starts, a running maximum of the ends), so each block costs its own segments, not all."""
    starts = [s.start for s in segments]
    reach, top = [], -1
    for s in segments:
        top = max(top, s.end)
        reach.append(top)

    def main_kind(block: Block) -> str:
        j = bisect_right(starts, block.end) - 1
        near = []
        while j >= 0 and reach[j] >= block.start:
            if segments[j].end >= block.start:
                near.append(segments[j])
            j -= 1
        best, size = "body", -1
        for s in reversed(near):
            overlap = min(s.end, block.end) - max(s.start, block.start)
            if overlap > size:
                best, size = s.kind, overlap
        return best

    return main_kind


def _mark_headline_and_standfirst(text: str, parts: list[_Part]) -> None:
    if any(p.kind == "headline" for p in parts):
        head = next(i for i, p in enumerate(parts) if p.kind == "headline")
    else:
        head = next((i for i, p in enumerate(parts) if p.kind not in {"boilerplate", "byline"}), None)
        if head is None or parts[head].kind is not None:
            return
        if not _is_headline_like(text[parts[head].block.start:parts[head].block.end]):
            return
        parts[head].kind = "headline"
    byline = next((i for i, p in enumerate(parts[head + 1:head + 5], head + 1) if p.kind == "byline"), None)
    if byline is None:
        return
    for p in parts[head + 1:byline]:
        if p.kind is None:
            p.kind = "standfirst"


def _mark_subheads(text: str, parts: list[_Part]) -> None:
    """A short unpunctuated line between finished body paragraphs is a subhead."""
    seen_body = False
    after_of: list[_Part | None] = [None] * len(parts)  # the next part that is not boilerplate
    for i in range(len(parts) - 2, -1, -1):
        after_of[i] = parts[i + 1] if parts[i + 1].kind != "boilerplate" else after_of[i + 1]
    for i, p in enumerate(parts):
        if p.kind is not None:
            continue
        after = after_of[i]
        if seen_body and after is not None and _is_subhead_like(text[p.block.start:p.block.end]):
            before = parts[i - 1]
            before_ends = before.kind is not None or ENDS_SENTENCE.search(text[before.block.start:before.block.end])
            nxt = text[after.block.start:after.block.end]
            after_starts = after.kind not in {None, "syndication"} or (
                after.kind is None and not _is_subhead_like(nxt) and (nxt[:1].isupper() or nxt[:1] in "“\"‘'(")
            )
            if before_ends and after_starts:
                p.kind = "subhead"
                continue
        seen_body = True
