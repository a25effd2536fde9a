"""The article model: one text, and its structure as spans into that text.

Every offset anywhere in the toolkit indexes into ``Article.text``. For a plain-text file
that text is the file decoded, with nothing removed; for Markdown, HTML and JSON it is the
readable text the reader built (see :mod:`analysis.read.formats`). Structure is a list of
segments (headline, standfirst, byline, dateline, subhead, body, caption, credit,
syndication, boilerplate), the paragraphs, and the sentences of every segment except
boilerplate, each sentence knowing its paragraph and segment kind.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import asdict, dataclass, field
from typing import Literal

from analysis.read.sentences import count_words, split_sentences

SegmentKind = Literal[
    "headline", "standfirst", "byline", "dateline", "subhead", "body",
    "caption", "credit", "syndication", "boilerplate",
]

#: Segment kinds whose words count as the article's body ("per 1,000 words" rates).
BODY_KINDS = frozenset({"body", "standfirst"})
#: Segment kinds whose sentences carry the article's own prose (tone, framing, voice).
PROSE_KINDS = frozenset({"headline", "standfirst", "body", "subhead", "caption"})


@dataclass(frozen=True)
class Segment:
    """A structural part of the article: ``text[start:end]`` is of kind ``kind``."""

    kind: SegmentKind
    start: int
    end: int


@dataclass(frozen=True)
class Paragraph:
    """A block of text separated from its neighbours by a blank line (or a line break)."""

    index: int
    start: int
    end: int
    kind: SegmentKind


@dataclass(frozen=True)
class Sentence:
    """A sentence: its span, the paragraph it lies in and the kind of its segment."""

    index: int
    paragraph: int
    segment: SegmentKind
    start: int
    end: int


@dataclass(frozen=True)
class Article:
    """An article read from a file: its text, metadata and structure."""

    text: str
    title: str | None = None
    bylines: tuple[str, ...] = ()
    dateline: str | None = None
    published: str | None = None
    publisher: str | None = None
    syndicated_by: tuple[str, ...] = ()
    photo_credits: tuple[str, ...] = ()
    wire: tuple[str, ...] = ()
    segments: tuple[Segment, ...] = ()
    paragraphs: tuple[Paragraph, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    _starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(s.start for s in self.sentences))

    def sentence_text(self, index: int) -> str:
        """The text of sentence ``index``."""
        s = self.sentences[index]
        return self.text[s.start:s.end]

    def sentence_at(self, offset: int) -> int | None:
        """The index of the sentence containing character ``offset``, or None."""
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < self.sentences[i].end:
            return i
        return None

    def segment_at(self, offset: int) -> Segment | None:
        """The segment containing character ``offset``, or None (white space between them)."""
        for seg in self.segments:
            if seg.start <= offset < seg.end:
                return seg
        return None

    @property
    def body_words(self) -> int:
        """Words in body paragraphs and the standfirst: the base of every per-1,000 rate."""
        return sum(count_words(self.text, s.start, s.end) for s in self.segments if s.kind in BODY_KINDS)

    def to_dict(self) -> dict:
        """The report's ``article`` object."""
        return {
            "title": self.title,
            "bylines": list(self.bylines),
            "dateline": self.dateline,
            "published": self.published,
            "publisher": self.publisher,
            "syndicated_by": list(self.syndicated_by),
            "photo_credits": list(self.photo_credits),
            "wire": list(self.wire),
            "text": self.text,
            "segments": [asdict(s) for s in self.segments],
            "paragraphs": [asdict(p) for p in self.paragraphs],
            "sentences": [asdict(s) for s in self.sentences],
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Article":
        """Rebuild an article from the report's ``article`` object."""
        return cls(
            text=data["text"],
            title=data.get("title"),
            bylines=tuple(data.get("bylines") or ()),
            dateline=data.get("dateline"),
            published=data.get("published"),
            publisher=data.get("publisher"),
            syndicated_by=tuple(data.get("syndicated_by") or ()),
            photo_credits=tuple(data.get("photo_credits") or ()),
            wire=tuple(data.get("wire") or ()),
            segments=tuple(Segment(**s) for s in data.get("segments", [])),
            paragraphs=tuple(Paragraph(**p) for p in data.get("paragraphs", [])),
            sentences=tuple(Sentence(**s) for s in data.get("sentences", [])),
        )


def build_sentences(text: str, segments: tuple[Segment, ...], paragraphs: tuple[Paragraph, ...]) -> tuple[Sentence, ...]:
    """Split every segment except boilerplate into sentences, in text order.

    A sentence never crosses a segment or a paragraph boundary.
    """
    para_starts = [p.start for p in paragraphs]
    out: list[Sentence] = []
    for seg in sorted(segments, key=lambda s: s.start):
        if seg.kind == "boilerplate":
            continue
        for start, end in split_sentences(text, seg.start, seg.end):
            p = max(bisect_right(para_starts, start) - 1, 0)
            # a paragraph break inside the span splits it (segments may cover several lines)
            while p + 1 < len(paragraphs) and paragraphs[p + 1].start < end:
                cut = paragraphs[p].end
                if start < cut:
                    out.append(Sentence(len(out), p, seg.kind, start, cut))
                start = paragraphs[p + 1].start
                p += 1
            out.append(Sentence(len(out), p, seg.kind, start, end))
    return tuple(out)
