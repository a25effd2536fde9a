"""Attributions read from the parse: the learned cues (:mod:`analysis.measures.sources.cue_model`)
that the rules of :mod:`analysis.measures.sources.attribution` did not take.

For each candidate the classifier accepts, outside quotation marks and away from every cue the
rules took, in this order:

1. the source: for "according to", the object of "to"; for a noun cue, its possessor ("Smith's
   statement"), the object of its "by" or "from", or the subject of the verb it is the object of
   ("He issued a statement"); for a verb, its passive "by" agent, else its subject (a relative
   pronoun's antecedent, a coordinated verb's subject). The phrase is the source's subtree
   without relative clauses, appositions and punctuation, typed by the names in it
   (:func:`~analysis.measures.sources.source_phrases.name_source`), by the source nouns, or as a
   pronoun to be resolved later. A passive cue without agent, or an expletive "it" subject, gives
   an agentless attribution (class ``hedge``); any other cue without a source is dropped;
2. the content: the cue's clausal complement (``ccomp``, ``xcomp``; for a noun, ``acl`` or the
   object of "about", "of", "on", "that"), else, when the cue is set inside the clause it
   reports ("CONTENT, he said"; ``parataxis`` or a trailing ``ccomp`` head), the clause before
   it, else its direct object; a cue without content is dropped;
3. the class: the reporting lexicons' class of the form or lemma, ``unlisted`` for a cue they do
   not list (so a user can add it), ``hedge`` when agentless.
"""
from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache

from analysis.lexicon import load_lexicon
from analysis.measures.cues import Cue
from analysis.measures.sources.cue_model import cue_model, cue_probability, is_candidate, lexicon_classes, subject_of
from analysis.measures.sources.source_phrases import PRONOUNS, Source, name_source, source_nouns
from analysis.measures.sources.entities import fold

_DROP = frozenset({"relcl", "acl", "appos", "punct", "advcl", "parataxis"})
_NOUN_CONTENT_PREPS = frozenset({"about", "of", "on", "over", "that"})


def sentence_tokens(parse, start: int, end: int):
    """(piece, token) of the parse pieces that begin inside ``[start, end)``."""
    i = bisect_left(parse.starts, start)
    while i < len(parse.starts) and parse.starts[i] < end:
        for token in parse.docs[i]:
            yield i, token
        i += 1


def _phrase(token) -> tuple[int, int]:
    """Character span (in the piece) of a token's subtree without clauses, appositions and punctuation."""
    keep = [token]
    stack = [c for c in token.children if c.dep_ not in _DROP]
    while stack:
        t = stack.pop()
        keep.append(t)
        stack.extend(c for c in t.children if c.dep_ not in _DROP)
    lo = min(t.i for t in keep)
    hi = max(t.i for t in keep)
    while lo < hi and token.doc[lo].is_punct:
        lo += 1
    while hi > lo and token.doc[hi].is_punct:
        hi -= 1
    return token.doc[lo].idx, token.doc[hi].idx + len(token.doc[hi].text)


def _subtree(token) -> tuple[int, int]:
    toks = list(token.subtree)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def source_token(cue):
    """The token heading the cue's source, or None; and whether the cue is agentless."""
    children = list(cue.children)
    if cue.lower_ == "according":
        for c in children:
            if c.lower_ == "to":
                return next((g for g in c.children if g.dep_ in ("pobj", "obj")), None), False
        return None, False
    if cue.pos_ == "NOUN":
        for c in children:
            if c.dep_ == "poss":
                return c, False
            if c.dep_ == "prep" and c.lower_ in ("by", "from"):
                obj = next((g for g in c.children if g.dep_ in ("pobj", "obj")), None)
                if obj is not None:
                    return obj, False
        if cue.dep_ in ("dobj", "obj") and cue.head is not cue:
            subj = subject_of(cue.head)
            return (subj, False) if subj is not None and subj.dep_ != "nsubjpass" else (None, False)
        return None, False
    for c in children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
            obj = next((g for g in c.children if g.dep_ in ("pobj", "obj")), None)
            if obj is not None:
                return obj, False
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in children)
    subj = subject_of(cue)
    if subj is None or subj.dep_ == "nsubjpass" or passive:
        return None, passive or (subj is not None and subj.dep_ == "nsubjpass")
    if subj.lower_ == "it" and subj.dep_ == "expl":
        return None, True
    if subj.lower_ in ("who", "that", "which") and cue.dep_ == "relcl":
        return cue.head, False
    return subj, False


def content_span(cue) -> tuple[int, int] | None:
    """The character span (in the piece) of what the cue attributes, or None."""
    children = list(cue.children)
    for c in children:
        if c.dep_ in ("ccomp", "xcomp") or (cue.pos_ == "NOUN" and c.dep_ == "acl"):
            return _subtree(c)
    if cue.pos_ == "NOUN" or cue.lower_ == "according":
        for c in children:
            if c.dep_ == "prep" and c.lower_ in _NOUN_CONTENT_PREPS:
                obj = next((g for g in c.children if g.dep_ in ("pobj", "obj", "pcomp")), None)
                if obj is not None:
                    return _subtree(obj)
    head = cue.head
    if cue.lower_ == "according" or (head is not cue and cue.dep_ in ("parataxis", "advcl") and head.i < cue.i):
        own = list(cue.subtree)
        lo = cue.sent.start if cue.lower_ != "according" else head.left_edge.i
        hi = own[0].i - 1
        if cue.lower_ == "according" and own[0].i == head.left_edge.i:  # "According to X, CONTENT"
            lo, hi = own[-1].i + 1, head.right_edge.i
        doc = cue.doc
        while lo <= hi and doc[lo].is_punct:
            lo += 1
        while hi >= lo and doc[hi].is_punct:
            hi -= 1
        return (doc[lo].idx, doc[hi].idx + len(doc[hi].text)) if lo <= hi else None
    for c in children:
        if c.dep_ in ("dobj", "obj"):
            return _subtree(c)
    return None


def parsed_cues(finder, idx: int, taken: list[tuple[int, int]]) -> None:
    """Add to ``finder`` the attributions of sentence ``idx`` read from the parse."""
    parse, article = finder.parse, finder.article
    s = article.sentences[idx]
    threshold = cue_model()["threshold"]
    classes = lexicon_classes()
    for piece, token in sentence_tokens(parse, s.start, s.end):
        if not is_candidate(token):
            continue
        a, b = parse.span_of(piece, token)
        if finder.inside_quote(a, b) or any(x < b and a < y for x, y in taken):
            continue
        if cue_probability(token) < threshold:
            continue
        content = content_span(token)
        if content is None:
            continue
        base = parse.starts[piece]
        src_token, agentless = source_token(token)
        lemma = token.lemma_.lower() or token.lower_
        cls = classes.get(token.lower_) or classes.get(lemma) or "unlisted"
        text_end = b
        if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to":
            text_end = base + token.doc[token.i + 1].idx + 2
        kind = "verb" if token.pos_ == "VERB" else "noun" if token.pos_ == "NOUN" else "phrase"
        spans = [(base + content[0], base + content[1])]
        if src_token is None:
            if not agentless:
                continue
            cue = Cue(a, text_end, article.text[a:text_end], lemma, "hedge", "agentless")
            finder.add(None, cue, "hedge", spans, idx, "parse: learned cue, agentless", source_type="agentless")
        else:
            source = _source(article, finder.mentions, src_token, base)
            if source is None:
                continue
            cue = Cue(a, text_end, article.text[a:text_end], lemma, cls, kind)
            finder.add(source, cue, cls, spans, idx, f"parse: learned cue ({token.dep_}), source {src_token.dep_}")
        taken.append((a, text_end))


def _source(article, mentions, token, base: int) -> Source | None:
    """The source a source token heads: a pronoun, a name, a source noun, or the phrase itself."""
    if token.lower_ in PRONOUNS and token.pos_ == "PRON":
        a = base + token.idx
        return Source(token.text, (a, a + len(token.text)), PRONOUNS[token.lower_], pronoun=True)
    lo, hi = _phrase(token)
    a, b = base + lo, base + hi
    named = name_source(article, mentions, a, b) if any(t.pos_ == "PROPN" for t in token.subtree) else None
    if named is not None:
        return named
    kind = source_nouns().get(fold(token.lemma_)) or source_nouns().get(fold(token.text))
    if kind is None and token.pos_ in ("PRON", "NOUN") and token.lower_ in _UNNAMED_PEOPLE | source_people():
        kind = "anonymous"  # "others shouted", "some said", "protesters chanted"
    return Source(" ".join(article.text[a:b].split()), (a, b), kind or "other")


#: Pronouns and quantifiers that stand for unnamed people ("others shouted", "many believe").
_UNNAMED_PEOPLE = frozenset("others some many most few several someone somebody everyone everybody anyone nobody".split())


@lru_cache(maxsize=1)
def source_people() -> frozenset[str]:
    """Nouns for groups of people (``lexicons/participant_nouns.tsv``: "protesters", "the regime")."""
    rows = load_lexicon("participant_nouns").rows
    return frozenset(w.lower() for r in rows for w in (r.get("noun"), r.get("plural")) if w)
