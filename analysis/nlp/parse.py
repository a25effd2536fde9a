"""The parse of an article: one spaCy ``Doc`` per sentence of the article's own sentence split.

Our sentence boundaries stay authoritative (they are validated against Punkt and know the
article's structure), so the pipeline runs on each sentence's text separately, in batches
(``nlp.pipe``), and every offset is shifted back into the article's text. A sentence longer than
``MAX_CHARS`` (a paragraph without punctuation, a table flattened into one line) is cut at the
last white space before the limit, so spaCy's ``max_length`` never stops an article and the cost
stays linear in its size.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

MAX_CHARS = 5_000


@dataclass(frozen=True)
class Entity:
    """A named entity: ``text[start:end]``, its label, and the index of its piece."""

    start: int
    end: int
    label: str
    text: str
    piece: int


@dataclass(frozen=True)
class Parse:
    """Per-piece ``Doc`` objects and the offset in the article's text where each begins."""

    docs: tuple
    starts: tuple[int, ...]
    _index: dict = field(default_factory=dict, repr=False, compare=False)

    def piece_at(self, offset: int) -> int | None:
        """Index of the piece whose text contains character ``offset``, or None."""
        i = bisect_right(self.starts, offset) - 1
        if i >= 0 and offset < self.starts[i] + len(self.docs[i].text):
            return i
        return None

    def token_at(self, offset: int):
        """The spaCy token covering character ``offset`` of the article, or None."""
        i = self.piece_at(offset)
        if i is None:
            return None
        doc, local = self.docs[i], offset - self.starts[i]
        for token in doc:
            if token.idx <= local < token.idx + len(token.text):
                return token
        return None

    def span_of(self, piece: int, token) -> tuple[int, int]:
        """Article offsets of a token (or span) of piece ``piece``."""
        base = self.starts[piece]
        if hasattr(token, "start_char"):
            return base + token.start_char, base + token.end_char
        return base + token.idx, base + token.idx + len(token.text)

    def tokens(self) -> Iterator[tuple[int, object]]:
        """Every token with the index of its piece, in text order."""
        for i, doc in enumerate(self.docs):
            for token in doc:
                yield i, token

    def entities(self) -> list[Entity]:
        """Every named entity, in text order, with article offsets."""
        out = []
        for i, doc in enumerate(self.docs):
            for ent in doc.ents:
                start, end = self.span_of(i, ent)
                out.append(Entity(start, end, ent.label_, ent.text, i))
        return out


def pieces(text: str, spans: Iterable[tuple[int, int]], *, max_chars: int = MAX_CHARS) -> list[tuple[int, int]]:
    """The spans, each cut at white space into pieces of at most ``max_chars`` characters."""
    out = []
    for start, end in spans:
        while end - start > max_chars:
            cut = text.rfind(" ", start + 1, start + max_chars)
            if cut <= start:
                cut = start + max_chars
            out.append((start, cut))
            start = cut
            while start < end and text[start].isspace():
                start += 1
        if start < end:
            out.append((start, end))
    return out


def parse(text: str, spans: Sequence[tuple[int, int]], nlp=None, *, batch_size: int = 256) -> Parse:
    """Parse ``text[start:end]`` for every span (our sentences) with ``nlp`` (default: ``load()``)."""
    if nlp is None:
        from analysis.nlp.pipeline import load

        nlp = load()
    cut = pieces(text, spans)
    docs = tuple(nlp.pipe((text[s:e] for s, e in cut), batch_size=batch_size))
    return Parse(docs, tuple(s for s, _ in cut))
