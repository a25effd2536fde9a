"""Quoted terms: every span in quotation marks, what kind of quote it is, and its family.

Finding (never fails a document; compare textacy's ``direct_quotations``, which raises on
an odd number of marks):

- Marks: curly and straight, double and single, low-9 and guillemets. A mark pairs only
  with its own kind (“ with ”, ‘ with ’, « with »). An apostrophe is not a mark: ’ or '
  between letters (Israel’s), before a two-digit year (’90s), in elisions (’em, ’til,
  rock ’n’ roll), and a trailing ’ after an s (Mexicans’) unless a single quote is open.
- A quotation running over several paragraphs (an opening mark at each new paragraph, no
  closing mark until the end) is one quote.
- A mark with no partner gives a local span flagged ``balanced=False``: the word or
  hyphenated compound it touches ("the development”Israel" gives "development"); a stray
  opening mark at the start of a paragraph takes the paragraph, a stray closing mark after
  , . ? or ! takes the clause before it. Unpaired straight or curly single marks are
  taken as apostrophes and dropped with a logged reason (:attr:`QuoteResult.dropped`).

Kinds are decided by context, not length (in PolNeAR 70-81 % of quotes of three words or
fewer are partial quotes of a source), by :mod:`analysis.measures.quotes.kinds`.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace

from analysis.read.article import Article
from analysis.read.sentences import count_words

DOUBLE = "double"
SINGLE = "single"
GUILLEMET = "guillemet"
_ELISIONS = re.compile(r"(?:em|til|tis|twas|cause|bout|n|round|nuff)\b", re.I)
_YEAR = re.compile(r"\d\d(?:s|’s|'s)?\b")
_WORD_CHAR = re.compile(r"[\w]")
_TOUCHING_LEFT = re.compile(r"[\w][\w’'.\-]*$")
_TOUCHING_RIGHT = re.compile(r"[\w][\w’'.\-]*")


@dataclass(frozen=True)
class Mark:
    """A quotation mark: offset, character, kind of mark and role (open, close or either)."""

    pos: int
    char: str
    family: str
    role: str
    weak: bool = False  # a close that is more likely an apostrophe unless a quote is open


@dataclass(frozen=True)
class Quote:
    """A span in quotation marks.

    ``start``/``end`` include the marks (for a recovered span, the marks that exist);
    ``content`` is the span of the words inside; ``text`` those words, without marks
    (the marks opening each continued paragraph removed too). ``reason`` names the rule
    that decided ``kind``; ``cue_span`` the reporting cue that rule found, if any.
    """

    index: int
    text: str
    start: int
    end: int
    content: tuple[int, int]
    marks: str
    balanced: bool
    sentence: int | None = None
    kind: str = "other"
    reason: str = ""
    speaker: str | None = None
    cue: str | None = None
    cue_span: tuple[int, int] | None = None
    family: str | None = None
    parent: int | None = None
    inner_marks: tuple[int, ...] = ()
    probabilities: tuple[tuple[str, float], ...] | None = None
    attribution: int | None = None  # index of the attribution whose source is ``speaker``

    @property
    def words(self) -> int:
        """Its words, counted as every rate counts them (:func:`analysis.read.sentences.count_words`)."""
        return count_words(self.text)

    def to_dict(self) -> dict:
        return {
            "text": self.text, "start": self.start, "end": self.end, "sentence": self.sentence,
            "kind": self.kind, "balanced": self.balanced, "speaker": self.speaker, "cue": self.cue,
            "family": self.family, "marks": self.marks, "words": self.words, "parent": self.parent,
            "reason": self.reason,
            "kind_probabilities": dict(self.probabilities) if self.probabilities else None,
            "attribution": self.attribution,
        }


@dataclass(frozen=True)
class Dropped:
    """A quotation mark left out, with the reason."""

    pos: int
    char: str
    reason: str

    def to_dict(self) -> dict:
        return {"offset": self.pos, "mark": self.char, "reason": self.reason}


@dataclass(frozen=True)
class QuoteResult:
    """The quotes of an article, in text order, and the marks that were dropped."""

    quotes: tuple[Quote, ...]
    dropped: tuple[Dropped, ...] = field(default=())


def _is_word(ch: str) -> bool:
    return bool(ch) and bool(_WORD_CHAR.match(ch))


def _role(text: str, i: int, guillemet_open: str) -> Mark | None:
    c = text[i]
    p = text[i - 1] if i > 0 else ""
    n = text[i + 1] if i + 1 < len(text) else ""
    p_space = not p or p.isspace() or p in "([{—–-/\u00a0"
    n_space = not n or n.isspace() or n in ".,;:!?)]}—–"
    if c in "“„":
        role = "close" if _is_word(p) and n_space else "open"
        return Mark(i, c, DOUBLE, role)
    if c == "”":
        return Mark(i, c, DOUBLE, "open" if p_space and _is_word(n) else "close")
    if c == '"':
        if p_space and not n_space:
            return Mark(i, c, DOUBLE, "open")
        if n_space and not p_space:
            return Mark(i, c, DOUBLE, "close")
        return Mark(i, c, DOUBLE, "either") if not (p_space and n_space) else None
    if c in "«»‹›":
        family = GUILLEMET if c in "«»" else SINGLE
        return Mark(i, c, family, "open" if c in guillemet_open else "close")
    if c in "‘’'‚":
        if _is_apostrophe(text, i, p, n, p_space):
            return None
        if c in "‘‚":
            return Mark(i, c, SINGLE, "open" if not _is_word(p) else "close")
        if p_space and _is_word(n):
            return Mark(i, c, SINGLE, "open")
        if n_space:
            return Mark(i, c, SINGLE, "close", weak=p.lower() == "s")
        return None
    return None


def _is_apostrophe(text: str, i: int, p: str, n: str, p_space: bool) -> bool:
    """’ or ' inside a word, before a two-digit year, in an elision or in rock ’n’ roll."""
    if _is_word(p) and _is_word(n):
        return True
    if text[max(0, i - 2):i + 1] in {"’n’", "'n'", "‘n’"}:
        return True
    if p_space or p in "‘’'":
        return bool(_YEAR.match(text, i + 1) or _ELISIONS.match(text, i + 1))
    return False


def find_marks(text: str) -> list[Mark]:
    """Every quotation mark of the text with its role; apostrophes left out."""
    first_guillemet = next((c for c in text if c in "«»"), "«")
    opening = "«‹" if first_guillemet == "«" else "»›"
    marks = []
    for m in re.finditer(r"[\"“”„‘’'‚«»‹›]", text):
        mark = _role(text, m.start(), opening)
        if mark is not None:
            marks.append(mark)
    return marks


class _Pairer:
    """Pairs the marks of one family, paragraph-aware; records what it could not pair."""

    def __init__(self, text: str, para_starts: list[int], para_ends: list[int]) -> None:
        self.text, self.starts, self.ends = text, para_starts, para_ends
        self.spans: list[tuple[int, int, int, int, str, bool, tuple[int, ...]]] = []
        self.dropped: list[Dropped] = []

    def para(self, pos: int) -> int:
        return max(bisect_right(self.starts, pos) - 1, 0)

    def at_para_start(self, mark: Mark) -> bool:
        p = self.para(mark.pos)
        return not self.text[self.starts[p]:mark.pos].strip()

    def pair(self, marks: list[Mark]) -> None:
        open_mark: Mark | None = None
        inner: list[int] = []
        for m in marks:
            if open_mark is not None and self.para(m.pos) != self.para(inner[-1] if inner else open_mark.pos):
                if m.role in {"open", "either"} and self.at_para_start(m) and self.para(m.pos) == self.para(inner[-1] if inner else open_mark.pos) + 1:
                    inner.append(m.pos)  # the quote continues into this paragraph
                    continue
                self.stray(open_mark, inner)
                open_mark, inner = None, []
            role = m.role if m.role != "either" else ("close" if open_mark else "open")
            if role == "open":
                if open_mark is not None:
                    self.stray(open_mark, inner)
                open_mark, inner = m, []
            elif open_mark is not None:
                self.add(open_mark.pos, open_mark.pos + 1, m.pos, m.pos + 1, m.family, True, tuple(inner))
                open_mark, inner = None, []
            elif m.weak:
                self.dropped.append(Dropped(m.pos, m.char, "apostrophe after s (possessive), no quote open"))
            else:
                self.stray_close(m)
        if open_mark is not None:
            self.stray(open_mark, inner)

    def add(self, start, content_start, content_end, end, family, balanced, inner=()):
        if content_end > content_start and self.text[content_start:content_end].strip():
            self.spans.append((start, end, content_start, content_end, family, balanced, inner))

    def stray(self, m: Mark, inner: list[int]) -> None:
        """An opening mark without a partner."""
        if inner:  # continued over paragraphs but never closed: runs to the last paragraph's end
            end = self.ends[self.para(inner[-1])]
            self.add(m.pos, m.pos + 1, end, end, m.family, False, tuple(inner))
            return
        if m.family == SINGLE:
            self.dropped.append(Dropped(m.pos, m.char, "single mark without a partner: taken as an apostrophe"))
            return
        if self.at_para_start(m):
            end = self.ends[self.para(m.pos)]
            self.add(m.pos, m.pos + 1, end, end, m.family, False)
            return
        word = _TOUCHING_RIGHT.match(self.text, m.pos + 1)
        if word:
            content_end = m.pos + 1 + len(word.group(0).rstrip(".-’'"))
            self.add(m.pos, m.pos + 1, content_end, content_end, m.family, False)
        else:
            self.dropped.append(Dropped(m.pos, m.char, "opening mark without a partner or a word after it"))

    def stray_close(self, m: Mark) -> None:
        """A closing mark without a partner."""
        if m.family == SINGLE:
            self.dropped.append(Dropped(m.pos, m.char, "single mark without a partner: taken as an apostrophe"))
            return
        before = self.text[m.pos - 1] if m.pos else ""
        if before in ",.?!":
            start = self.starts[self.para(m.pos)]
            colon = self.text.rfind(": ", start, m.pos)
            start = colon + 2 if colon != -1 else start
            self.add(start, start, m.pos, m.pos + 1, m.family, False)
            return
        word = _TOUCHING_LEFT.search(self.text, max(0, m.pos - 80), m.pos)
        if word:
            content_start = m.pos - len(word.group(0))
            self.add(content_start, content_start, m.pos, m.pos + 1, m.family, False)
        else:
            self.dropped.append(Dropped(m.pos, m.char, "closing mark without a partner or a word before it"))


def _content_text(text: str, start: int, end: int, inner: tuple[int, ...]) -> str:
    pieces, cursor = [], start
    for pos in inner:
        pieces.append(text[cursor:pos])
        cursor = pos + 1
    pieces.append(text[cursor:end])
    return " ".join("".join(pieces).split())


def find_quotes(article: Article) -> QuoteResult:
    """Every quoted span of the article, in text order, with its sentence; kinds not yet set."""
    text = article.text
    paras = article.paragraphs
    starts = [p.start for p in paras] or [0]
    ends = [p.end for p in paras] or [len(text)]
    marks = find_marks(text)
    pairer = _Pairer(text, starts, ends)
    for family in (DOUBLE, SINGLE, GUILLEMET):
        pairer.pair([m for m in marks if m.family == family])
    quotes = []
    for start, end, c_start, c_end, family, balanced, inner in sorted(pairer.spans):
        content = _content_text(text, c_start, c_end, inner)
        sentence = article.sentence_at(start)
        if sentence is None:
            sentence = article.sentence_at(c_start)
        quotes.append(Quote(len(quotes), content, start, end, (c_start, c_end), family, balanced, sentence,
                            inner_marks=inner))
    parents = _parents(quotes)
    nested = [replace(q, parent=parent) if parent is not None else q for q, parent in zip(quotes, parents)]
    return QuoteResult(tuple(nested), tuple(sorted(pairer.dropped, key=lambda d: d.pos)))


class _Nearest:
    """The nearest earlier quote whose content reaches at least a given end: a stack of quote
    indexes whose content ends fall from bottom to top (a quote hides every earlier one that
    ends no later), searched by bisection."""

    def __init__(self) -> None:
        self.ends: list[int] = []  # negated, so the stack is sorted ascending for bisect
        self.index: list[int] = []

    def push(self, q: Quote) -> None:
        while self.ends and -self.ends[-1] <= q.content[1]:
            self.ends.pop()
            self.index.pop()
        self.ends.append(-q.content[1])
        self.index.append(q.index)

    def reaching(self, end: int) -> int | None:
        k = bisect_right(self.ends, -end)
        return self.index[k - 1] if k else None


def _parents(quotes: list[Quote]) -> list[int | None]:
    """For each quote (in text order), the last earlier quote whose content holds it, or None.

    A content starts at its quote's start or one after, so every quote that starts earlier
    starts its content by the quote's start; among quotes with the same start only those whose
    content starts there count. One pass, a log factor per quote."""
    earlier, out, i = _Nearest(), [], 0
    while i < len(quotes):
        j = i
        while j < len(quotes) and quotes[j].start == quotes[i].start:
            j += 1
        same = _Nearest()
        for q in quotes[i:j]:
            a, b = earlier.reaching(q.end), same.reaching(q.end)
            out.append(b if b is not None else a)
            if q.content[0] <= q.start:
                same.push(q)
        for q in quotes[i:j]:
            earlier.push(q)
        i = j
    return out
