"""What a quoted span is: speech (direct or partial), a scare quote, a title or name, or other.

Decided by the context of the quote, never by its length alone (in PolNeAR most quotes of
three words or fewer are partial quotes of a source). The rules, in the order the code tries
them (the first that fires decides; its reason is kept in ``Quote.reason``). "Before" is the
text of the quote's sentence in the 60 characters before the quote. Thresholds are the
defaults of :class:`QuoteRules`:

1. "so-called" or "so called" right before: ``scare``;
2. "what X calls/called/describes as/terms/dubs/refers to as/likes to call" before (X at
   most five words): ``partial`` (X's word);
3. "used/coined/invoked/repeated/adopted the phrase/word/term/expression/slogan/label"
   right before: ``partial``;
4. someone calls it so: a pronoun, "who", "and" or a capitalised word, then "calls",
   "called", "dubbed", "labelled", "branded", "termed", "hailed", "described", "praised" or
   "denounced" and at most five more words ("as", "a" allowed) right before: ``partial``;
5. "as a", "as an", "as the" or "as" right before, with a capitalised name earlier in the
   sentence that is not a sentence-opening function word ("Reid has been pounding Trump as a
   “con artist”"): ``partial``;
6. a naming word right before ("dubbed", "nicknamed", "known as", "titled", "named",
   "called", "the term", "the slogan", "hashtag" ...): ``title`` when in title case, else
   ``other`` (a term being named);
7. in the headline after a colon ("Bolton: 'They will pay'"): ``direct``;
8. right after a reporting verb that governs it, with nothing but white space, a colon or a
   comma between ("protesters chanted “Death to America”", "she replied: “No.”"): speech
   whatever its case, ``direct`` when it stands as the statement (see 11), else ``partial``;
9. at least three words, a capital first, after a colon that follows text of the sentence
   ("The statement read: “We Will Not Be Silenced.”"): ``direct``;
10. title case, at most ``title_max_words`` (6) words, with text of the sentence before it
    (“Los Zetas”, “Face the Nation”; a full stop inside the marks is American punctuation:
    "said on CNN's “New Day.”"): ``title``; title case of up to twice as many words, not ending
    in "?" or "!", at most four words after a word naming a work (``WORK_NOUN``: "book", "film",
    "album", "titled" ...) with no reporting cue between: ``title``;
11. a reporting cue (:mod:`analysis.measures.cues`) in the same clause (clauses end at ";"
   and at a dash between spaces), outside any quote, that can govern the quote: a cue
   before the quote always can; a cue after it never when "that" follows the cue, always
   when the words between are a relative clause with its own source ("the four “loopholes”
   he cited"), else only as a closing tag: at most
   ``max_between`` (8) words between them (more after a comma and an appositive such as
   ", Name, the director of X,") and at most ``max_after`` (12) words after the cue to the
   end of the clause, or at most three words after it when a comma comes between. The
   nearest such cue decides: ``direct`` when the quote stands as the statement (at least
   three words that begin with a capital or digit or end in punctuation, and the quote
   starts the clause, or follows a colon or a comma after the cue, or leaves at most eight
   words of the clause outside it and begins with a capital), else ``partial``;
12. at least three words covering ``floating_share`` (0.7) of the sentence's words, or the
    whole paragraph (a floating quote, usually continuing the previous speaker): ``direct``;
13. title case, at most ``title_max_words`` (6) words: ``title``;
14. a full clause inside a sentence, with no cue: at least four words, a capital first and
    ".", "?" or "!" last (“We will not back down.”): ``direct``;
15. otherwise: ``scare``: the writer's own sentence holds the word at a distance.

Then, unless ``learned=False``, the learned decision of :func:`classify`; then coordination: a quote that would be ``scare``, joined by "and", "or" or a comma (and
an article) to a ``partial`` quote just before it in the same sentence, is ``partial`` too
("called it “reckless” and “dangerous”").

Families: every quote except direct speech gets ``family``, its words lower-cased and
stemmed (Snowball English), so "development", "developing" and "develop" share "develop".
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache

from analysis.read.article import BODY_KINDS, Article
from analysis.measures.cues import Cue
from analysis.measures.quotes.context import (AS_A, COORDINATED, NAMING, SO_CALLED, SOMEONE_CALLS, USED_THE_PHRASE,
                                              WHAT_X_CALLS, QuoteContext, QuoteRules, has_named_subject, is_title_case,
                                              last_char, stands_as_statement)
from analysis.measures.quotes.features import quote_features
from analysis.measures.quotes.learned import KindModel, kind_model
from analysis.measures.rates import rate_per_1k, share
from analysis.measures.stems import stem
from analysis.measures.quotes.spans import Quote, find_quotes

_RULE_KEY = re.compile(r"'.*")  # a rule's reason without the words it quotes
_WORD = re.compile(r"[\w]+(?:-[\w]+)*")
_ADJACENT = re.compile(r"\s*[:,]?\s*")  # "chanted “...”", "replied: “...”": nothing but a mark between


@dataclass(frozen=True)
class Family:
    """A recurring quoted term: its stem, member quotes, their kinds and contexts, and
    where the same stem appears in the text without quotation marks."""

    family: str
    members: tuple[int, ...]
    kinds: tuple[str, ...]
    contexts: tuple[str, ...]
    unquoted: tuple[tuple[int, int], ...] = ()

    def to_dict(self) -> dict:
        return {"family": self.family, "members": list(self.members), "kinds": list(self.kinds),
                "contexts": list(self.contexts), "unquoted": [list(s) for s in self.unquoted]}


def family_key(text: str) -> str | None:
    """The normalised stem of a quoted term: lower case, punctuation dropped, each word stemmed."""
    words = re.findall(r"[\w]+(?:[-’'][\w]+)*", text.lower())
    return " ".join(_stem(w) for w in words) or None


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """The Snowball stem of each part of a (hyphenated) word; memoised, words recur."""
    return "-".join(stem(part) for part in word.replace("’", "'").split("-"))


SPEECH = ("direct", "partial")
#: Rules that decide by what the words say, not by likelihood: "so-called" holds the term at a
#: A word naming a work earlier in the sentence: a longer title-case quote after it is its title
#: ("Among his books are “The Rise and Fall of the Third Reich”").
WORK_NOUN = re.compile(r"\b(?:books?|novels?|memoirs?|films?|movies?|documentar(?:y|ies)|albums?|songs?|singles?|plays?|"
                       r"poems?|essays?|op-eds?|columns?|series|episodes?|shows?|programmes?|podcasts?|paintings?|titled|entitled)\b", re.I)
#: distance, a naming word ("known as", "dubbed", "titled") names it. The learned model never
#: overrides them (PolNeAR's silver labels count such a quote as speech when it lies inside
#: someone's reported words, which says who speaks, not what the marks do).
DEFINITIONAL = ("after 'so-called'", "title case after a naming word", "a term after a naming word",
                "title case after a word naming a work")


def classify(article: Article, quotes: tuple[Quote, ...], rules: QuoteRules = QuoteRules(), *,
             parse=None, learned: bool = True) -> tuple[Quote, ...]:
    """Set ``kind``, ``reason``, ``cue``, ``family`` and ``probabilities`` of every quote.

    The rules decide first; with ``learned`` (the default) the learned model
    (:mod:`analysis.measures.quotes.learned`, the parse variant when ``parse`` is given) then
    decides whether the quote is speech (and, when the rules did not call it speech, whether
    direct or partial; the split of P(speech) in ``probabilities`` is always the model's); the rules' finer kind of a
    quote that is not speech (scare, title, other) stays, and the ``DEFINITIONAL`` rules are never
    overridden. ``learned=False``: the rules alone.
    """
    model = kind_model(parse is not None) if learned else None
    out: list[Quote] = []
    for q, (ctx, features, ruled) in zip(quotes, decisions(article, quotes, rules, parse=parse)):
        kind, reason, cue = ruled
        probabilities = None
        if model is not None:
            kind, reason, cue, probabilities = _learned(q, ctx, features, model, ruled, rules)
        prev = out[-1] if out else None
        if (prev is not None and prev.sentence == q.sentence and prev.kind == "partial" and kind == "scare"
                and COORDINATED.fullmatch(article.text[prev.end:q.start])):
            kind, reason = prev.kind, "coordinated with the quote before it"
        family = None if kind == "direct" else family_key(q.text)
        out.append(replace(q, kind=kind, reason=reason, family=family, probabilities=probabilities,
                           cue=cue.text if cue else None, cue_span=(cue.start, cue.end) if cue else None))
    return tuple(out)


def decisions(article: Article, quotes: tuple[Quote, ...], rules: QuoteRules = QuoteRules(), *, parse=None):
    """Per quote: its context, the features of the learned decision, and the rules' (kind,
    reason, cue); the rules' kind and the rule that decided (its reason without the cue's
    words) are features too, so the model learns where the rules go wrong."""
    out = []
    for q, (ctx, features) in zip(quotes, quote_features(article, quotes, parse, rules)):
        ruled = _decide(article, q, ctx, rules)
        features[f"rule={ruled[0]}"] = 1.0
        features[f"rule_reason={_RULE_KEY.sub('', ruled[1]).strip()}"] = 1.0  # the key of KindModel.firm
        out.append((ctx, features, ruled))
    return out


def _learned(q: Quote, ctx: QuoteContext, features: dict, model: KindModel, ruled: tuple, rules: QuoteRules):
    """The learned decision over the rules' (kind, reason, cue), with the kinds' probabilities."""
    kind, reason, cue = ruled
    if reason.startswith(DEFINITIONAL):
        return kind, reason, cue, ((kind, 1.0),)
    p_speech, p_direct = model.probabilities(features, _RULE_KEY.sub("", reason).strip() if kind in SPEECH else "")
    words = q.text.split()
    other = kind if kind not in SPEECH else (
        "title" if len(words) <= rules.title_max_words and is_title_case(words) else "scare")
    if p_speech >= model.threshold:
        spoken = kind if kind in SPEECH else "direct" if p_direct >= 0.5 else "partial"
        if kind != spoken:
            reason = f"learned: {spoken} speech (P(speech) {p_speech:.2f}; the rules said {kind}: {reason})"
            cue = cue or (ctx.cues[0] if ctx.cues else None)
        kind = spoken
    elif kind in SPEECH:
        reason = f"learned: not speech (P(speech) {p_speech:.2f}; the rules said {kind}: {reason})"
        kind, cue = other, None
    probabilities = (("direct", round(p_speech * p_direct, 4)), ("partial", round(p_speech * (1 - p_direct), 4)),
                     (other, round(1 - p_speech, 4)))
    return kind, reason, cue, probabilities


def _decide(article: Article, q: Quote, ctx: QuoteContext, rules: QuoteRules) -> tuple[str, str, Cue | None]:
    text, before, s_start = article.text, ctx.before, ctx.s_start
    words = q.text.split()
    if SO_CALLED.search(before):
        return "scare", "after 'so-called'", None
    if m := WHAT_X_CALLS.search(before):
        return "partial", f"after 'what {m.group(1).strip()} calls'", None
    if USED_THE_PHRASE.search(before):
        return "partial", "after 'used the phrase'", None
    if SOMEONE_CALLS.search(before):
        return "partial", "a source calls someone or something by it", None
    if AS_A.search(before) and has_named_subject(text, s_start, q.start):
        return "partial", "a named subject casts someone 'as' it", None
    if NAMING.search(before):
        if is_title_case(words):
            return "title", "title case after a naming word", None
        return "other", "a term after a naming word", None
    if q.sentence is not None and article.sentences[q.sentence].segment == "headline" and before.rstrip().endswith(":"):
        return "direct", "a quote after a colon in the headline", None
    spoken = next((c for c in ctx.cues if c.kind == "verb" and c.end <= q.start and _ADJACENT.fullmatch(text, c.end, q.start)), None)
    if spoken is not None:
        kind = "direct" if stands_as_statement(text, q, ctx.c_start, ctx.c_end, spoken, ctx.index) else "partial"
        return kind, f"right after the reporting verb '{spoken.text}'", spoken
    colon = q.start - (len(before) - len(before.rstrip())) - 1  # where the colon is, if one ends ``before``
    if len(words) >= 3 and q.text[:1].isupper() and before.rstrip().endswith(":") and last_char(text, s_start, colon) not in ("", ":"):
        return "direct", "a statement after a colon", None
    titled = is_title_case(words)
    if len(words) <= rules.title_max_words and titled and last_char(text, s_start, q.start):
        return "title", "title case inside a sentence", None
    if titled and len(words) <= 2 * rules.title_max_words and q.text.rstrip()[-1:] not in "?!" and _names_a_work(text, s_start, q.start, ctx):
        return "title", "title case after a word naming a work (book, film, song ...)", None
    if ctx.cues:
        cue = ctx.cues[0]
        if stands_as_statement(text, q, ctx.c_start, ctx.c_end, cue, ctx.index):
            return "direct", f"a statement with the cue '{cue.text}'", cue
        return "partial", f"a fragment in a clause with the cue '{cue.text}'", cue
    para = ctx.paragraph
    sentence_words = ctx.sentence_words
    if len(words) >= 3 and (len(words) >= rules.floating_share * sentence_words or para and q.start - para.start <= 1 and q.end >= para.end - 1):
        return "direct", "the quote is the whole sentence or paragraph (a floating quote)", None
    if len(words) <= rules.title_max_words and titled:
        return "title", "title case, no reporting cue", None
    if len(words) >= 4 and q.text[:1].isupper() and q.text.rstrip()[-1:] in ".?!":
        return "direct", "a full clause in quotation marks, no cue", None
    return "scare", "no source or reporting cue in its clause", None


def _names_a_work(text: str, s_start: int, q_start: int, ctx: QuoteContext) -> bool:
    """A word naming a work at most four words before the quote, with no reporting cue between."""
    lo = max(s_start, q_start - 60)
    found = [m for m in WORK_NOUN.finditer(text, lo, q_start)]
    if not found:
        return False
    m = found[-1]
    return len(text[m.end():q_start].split()) <= 4 and not any(m.end() <= c.start < q_start for c in ctx.cues)


def kwic(text: str, start: int, end: int, width: int = 50, bounds: tuple[int, int] | None = None) -> str:
    """A keyword-in-context line: up to ``width`` characters either side (inside ``bounds``,
    such as the paragraph), white space collapsed."""
    lo, hi = bounds or (0, len(text))
    left = " ".join(text[max(lo, start - width):start].split())
    right = " ".join(text[end:min(hi, end + width)].split())
    return f"{left} [{' '.join(text[start:end].split())}] {right}".strip()


def families(article: Article, quotes: tuple[Quote, ...]) -> tuple[Family, ...]:
    """Families of quoted terms that recur (two or more quotes share the stem)."""
    groups: dict[str, list[Quote]] = {}
    for q in quotes:
        if q.family:
            groups.setdefault(q.family, []).append(q)
    out = []
    recurring = {key: members for key, members in groups.items() if len(members) >= 2}
    unquoted = _unquoted_uses(article, set(recurring), quotes)
    for key, members in recurring.items():
        out.append(Family(key, tuple(q.index for q in members), tuple(q.kind for q in members),
                          tuple(kwic(article.text, q.start, q.end, bounds=_paragraph_bounds(article, q)) for q in members),
                          unquoted.get(key, ())))
    return tuple(sorted(out, key=lambda f: (-len(f.members), f.family)))


def _paragraph_bounds(article: Article, q: Quote) -> tuple[int, int] | None:
    if q.sentence is None:
        return None
    p = article.paragraphs[article.sentences[q.sentence].paragraph]
    return p.start, p.end


def _unquoted_uses(article: Article, keys: set[str], quotes: tuple[Quote, ...]) -> dict[str, tuple[tuple[int, int], ...]]:
    """Where each one-word family's stem (of ``keys``) occurs in prose outside quotation marks:
    one pass over the words; a word is inside a quote when the quote starting last before it
    (bisection over the starts, with the running furthest end) reaches past it."""
    wanted = {k for k in keys if " " not in k}
    spans: dict[str, list[tuple[int, int]]] = {k: [] for k in wanted}
    if not wanted:
        return {}
    ordered = sorted((q.start, q.end) for q in quotes)
    starts, reach, top = [a for a, _ in ordered], [], -1
    for _, b in ordered:
        top = max(top, b)
        reach.append(top)
    for s in article.sentences:
        if s.segment in {"credit", "byline", "dateline", "syndication"}:
            continue
        for m in _WORD.finditer(article.text, s.start, s.end):
            key = family_key(m.group(0))
            if key not in wanted:
                continue
            a, b = m.span()
            j = bisect_right(starts, a) - 1
            if not (j >= 0 and reach[j] >= b):
                spans[key].append((a, b))
    return {k: tuple(v) for k, v in spans.items()}


@dataclass(frozen=True)
class QuoteAnalysis:
    """Quotes with their kinds, the recurring families, and the marks that were dropped."""

    quotes: tuple[Quote, ...]
    families: tuple[Family, ...]
    dropped: tuple

    def metrics(self, article: Article) -> dict[str, float]:
        """Counts by kind (all quotes) and rates over the body (quotes in body and standfirst)."""
        body_words = article.body_words
        in_body = [q for q in self.quotes if q.sentence is not None and article.sentences[q.sentence].segment in BODY_KINDS]
        outer = [q for q in in_body if q.parent is None]
        counts = {k: sum(q.kind == k for q in self.quotes) for k in ("direct", "partial", "scare", "title", "other")}
        return {
            **{f"quotes_{k}": v for k, v in counts.items()},
            "quotes_unbalanced": sum(not q.balanced for q in self.quotes),
            "scare_quotes_per_1k": rate_per_1k(sum(q.kind == "scare" for q in in_body), body_words),
            "quoted_word_share": share(sum(q.words for q in outer), body_words),
        }


def analyse_quotes(article: Article, rules: QuoteRules = QuoteRules(), *, parse=None,
                   learned: bool = True) -> QuoteAnalysis:
    """Find, classify and group every quoted span of the article (``parse``: the article's
    :class:`~analysis.nlp.parse.Parse`, when it was parsed; see :func:`classify`)."""
    found = find_quotes(article)
    quotes = classify(article, found.quotes, rules, parse=parse, learned=learned)
    return QuoteAnalysis(quotes, families(article, quotes), found.dropped)
