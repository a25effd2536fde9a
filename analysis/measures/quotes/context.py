"""The context of a quoted span that both the rules and the learned decision read.

The sentence (or segment) a quote sits in, the 60 characters before it, its clause
(:func:`analysis.measures.clauses.clause_bounds`) and the reporting cues in that clause that
can govern it (:func:`governs`), the patterns of the naming and calling frames ("so-called",
"what X calls", "dubbed"), and the shape of the quoted words (title case, a statement).
See :mod:`analysis.measures.quotes.kinds` for the rules in the order they decide.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from analysis.measures.clauses import clause_bounds
from analysis.measures.cues import Cue, find_cues
from analysis.measures.quotes.spans import Quote
from analysis.read.article import Article

SO_CALLED = re.compile(r"\bso[- ]called\s*$", re.I)
WHAT_X_CALLS = re.compile(
    r"\bwhat\s+((?:[\w’'.-]+\s+){0,4}?)(?:calls?|called|has called|have called|describes? as|described as|terms?|termed|dubs?|dubbed|refers? to as|referred to as|likes? to call)(?:\s+[\w’'.-]+){0,4}\s*$",
    re.I,
)
SOMEONE_CALLS = re.compile(
    r"(?:(?:\b(?:he|she|they|it|we|who|and)|\b[A-Z][\w’'.-]*)\s+|^\s*)(?:(?:has|have|had|once|also|repeatedly|publicly)\s+)*"
    r"(?:[Cc]alls?|called|calling|dubbed|labell?ed|branded|termed|hailed|described|describes|praised|denounced)"
    r"(?:\s+[\w’'.-]+){0,5}?(?:\s+as)?(?:\s+an?)?\s*$"
)
USED_THE_PHRASE = re.compile(
    r"\b(?:used|uses|using|coined|coins|invoked|invokes|repeated|repeats|adopted)\s+the\s+(?:phrase|word|term|expression|slogan|label)s?\s*,?\s*$",
    re.I,
)
NAMING = re.compile(
    r"\b(?:dubbed|nicknamed|known as|titled|entitled|named|called|termed|labell?ed|branded|"
    r"the (?:term|word|phrase|slogan|name|motto|hashtag|label|nickname|headline)|slogan|hashtag|motto)\s*,?\s*$",
    re.I,
)
#: After a quote: ", Name Name, the director of X, said": a source with an appositive.
_APPOSITIVE = re.compile(r"\s*,?\s*(?:the\s+)?[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|\([^()]{1,30}\)))*\s*,")
#: "the four “loopholes” he cited": a relative clause with its own source before the cue.
_RELATIVE_SOURCE = re.compile(r"\s*(?:that|which)?\s*(?:he|she|they|we|I|[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})\s+(?:had\s+|has\s+|have\s+)?$")
#: "Reid has been pounding Trump as a “con artist”": a named subject's characterisation.
AS_A = re.compile(r"\bas\s+(?:an?|the)\s*$|\bas\s*$")
_CAPITALISED = re.compile(r"\b[A-Z][\w’'.-]*")
#: Capitalised words that may open a sentence but are never its subject: not the sentence
#: openers of :mod:`analysis.read.sentences`, which include pronouns ("He has cast Trump as a
#: “con artist”" has a subject who speaks: rule 5).
_NOT_SUBJECTS = frozenset("The A An In On At But And As For With While When If This That It Its After Before Since Despite "
                          "Although Though".split())
COORDINATED = re.compile(r"\s*,?\s*(?:and|or|,)\s*(?:an?|the)?\s*", re.I)
_THAT = re.compile(r"\s+that\b", re.I)
_SMALL = frozenset("a an and as at but by for from in into nor of on or per the to vs via with de la del los las el".split())

@dataclass(frozen=True)
class QuoteRules:
    """The thresholds of the rules. The defaults are what the selection procedure of
    ``analysis.validation.quotes`` picks on all of PolNeAR dev (a grid of 54 settings, best
    macro-F1); the validation re-runs that selection inside each cross-validation fold and
    scores the held-out fold, so the reported figure is out of sample."""

    max_between: int = 8  # words between a quote and a cue after it (“...,” he said)
    max_after: int = 12  # words after such a closing cue, to the end of the clause
    floating_share: float = 0.7  # share of the sentence's words a floating quote covers
    title_max_words: int = 6  # longest title-case span taken as a name or title


def is_title_case(words: list[str]) -> bool:
    content = [w for w in words if w.lower() not in _SMALL]
    return bool(content) and words[0][:1].isupper() and all(w[:1].isupper() or w[:1].isdigit() for w in content)


class ClauseCues:
    """The reporting cues of a clause that lie outside every quote's content, found once per
    clause (many quotes share one) with the contents sorted by start and a running maximum
    of their ends, so no cue is compared with every quote; and the word counts of spans
    (sentences, clauses) that several quotes ask about. One per article's quotes (made by
    :func:`analysis.measures.quotes.features.quote_features`)."""

    def __init__(self, quotes: tuple[Quote, ...]) -> None:
        contents = sorted(q.content for q in quotes)
        self.starts, self.reach, top = [a for a, _ in contents], [], -1
        for _, b in contents:
            top = max(top, b)
            self.reach.append(top)
        self.memo: dict[tuple[int, int], list[Cue]] = {}
        self.counts: dict[tuple[int, int], int] = {}

    def words(self, text: str, start: int, end: int) -> int:
        """The number of white-space separated words of ``text[start:end]`` (memoised)."""
        if (start, end) not in self.counts:
            self.counts[start, end] = len(text[start:end].split())
        return self.counts[start, end]

    def outside(self, cues: list[Cue]) -> list[Cue]:
        out = []
        for c in cues:
            j = bisect_right(self.starts, c.start) - 1
            if not (j >= 0 and self.reach[j] >= c.end):
                out.append(c)
        return out

    def in_clause(self, text: str, start: int, end: int) -> list[Cue]:
        if (start, end) not in self.memo:
            self.memo[start, end] = self.outside(find_cues(text, start, end))
        return self.memo[start, end]


def governs(text: str, cue: Cue, q: Quote, clause_end: int, rules: QuoteRules) -> bool:
    """Whether the quote can lie in the content of the cue.

    A cue before the quote governs what follows it ("X said the plan was “a disaster”").
    A cue after the quote governs it only as a closing tag: few words between them and few
    words after the cue (“...,” he said on Monday. / ..., according to X.).
    """
    if cue.end <= q.start:
        return True
    between = text[q.end:cue.start]
    if _THAT.match(text, cue.end):
        return False
    if _RELATIVE_SOURCE.fullmatch(between):
        return True
    tagged = q.text.rstrip()[-1:] in ",.?!—–" or between.lstrip().startswith(",")
    after = text[cue.end:clause_end].split(",")[0]
    closing_tag = len(after.split()) <= 3 and "," in between
    if closing_tag:
        return True  # “...” to drive up the price, she said.
    if len(between.split()) > rules.max_between and not (tagged and _APPOSITIVE.match(between)):
        return False
    return tagged or cue.kind == "phrase" or len(text[cue.end:clause_end].split()) <= rules.max_after


def stands_as_statement(text: str, q: Quote, s_start: int, s_end: int, cue: Cue, index: ClauseCues | None = None) -> bool:
    words = q.text.split()
    clause_like = len(words) >= 3 and (q.text[:1].isupper() or q.text[:1].isdigit() or q.text.rstrip()[-1:] in ".?!,")
    if not clause_like:
        return False
    last = last_char(text, s_start, q.start)
    if not last or last in ":," and cue.start < q.start:
        return True
    span_words = index.words(text, s_start, s_end) if index else len(text[s_start:s_end].split())
    return span_words - len(words) <= 8 and q.text[:1].isupper()


def last_char(text: str, start: int, end: int) -> str:
    """The last character of ``text[start:end]`` that is not white space ("" if none), found
    from the end, so a long sentence before a quote is not copied for each quote."""
    i = end - 1
    while i >= start and text[i].isspace():
        i -= 1
    return text[i] if i >= start else ""


def has_named_subject(text: str, start: int, end: int) -> bool:
    """A capitalised name in ``text[start:end]`` other than a sentence-opening function word."""
    return any(not (m.start() == start and m.group(0) in _NOT_SUBJECTS) for m in _CAPITALISED.finditer(text, start, end))



@dataclass(frozen=True)
class QuoteContext:
    """Where a quote sits: its sentence span, the text just before it, its clause, the cues
    that can govern it (nearest first), the paragraph it is in (None outside sentences), the
    words of its sentence, and the article's index of cues and counts."""

    s_start: int
    s_end: int
    before: str
    c_start: int
    c_end: int
    cues: tuple[Cue, ...]
    paragraph: object
    sentence_words: int
    index: ClauseCues


def quote_context(article: Article, q: Quote, quotes: tuple[Quote, ...], rules: QuoteRules,
                  index: ClauseCues | None = None) -> QuoteContext:
    """The context of quote ``q`` among the article's ``quotes`` (``index``: their
    :class:`ClauseCues`, made once for all of them)."""
    index = index or ClauseCues(quotes)
    text = article.text
    if q.sentence is None:
        seg = article.segment_at(q.start)
        s_start, s_end = (seg.start, seg.end) if seg else (q.start, q.end)
    else:
        s = article.sentences[q.sentence]
        last = article.sentence_at(q.end - 1)  # a quote of several sentences: to the sentence it ends in
        s_start, s_end = s.start, max(s.end, q.end, article.sentences[last].end if last is not None else 0)
    c_start, c_end = clause_bounds(text, s_start, s_end, q.start, q.end)
    cues = [c for c in index.in_clause(text, c_start, c_end) if governs(text, c, q, c_end, rules)]
    cues.sort(key=lambda c: min(abs(c.start - q.end), abs(q.start - c.end)))
    para = article.paragraphs[article.sentences[q.sentence].paragraph] if q.sentence is not None else None
    return QuoteContext(s_start, s_end, text[max(s_start, q.start - 60):q.start], c_start, c_end, tuple(cues), para,
                        index.words(text, s_start, s_end), index)
