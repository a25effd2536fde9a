"""Attributions read from the parse: the learned cues (:mod:`analysis.measures.sources.cue_model`)
that the rules of :mod:`analysis.measures.sources.attribution` did not take.

For each candidate the classifier accepts, outside quotation marks and away from every cue the
rules took, in this order:

1. the source (Universal Dependencies v2 labels, as the shipped pipeline parses): for "according
   to", the nominal it marks; for a noun cue, its possessor ("Smith's statement"), its nominal
   with "by" or "from", or the subject of the verb it is the object of ("He issued a
   statement"); for a verb, its passive "by" agent (``obl:agent``), else its subject (a relative
   pronoun's antecedent, a coordinated verb's subject). The phrase is the source's subtree
   without relative clauses, appositions and punctuation, typed by the names in it
   (:func:`~analysis.measures.sources.source_phrases.name_source`), by the source nouns, as
   ``anonymous`` for unnamed people ("others", "protesters", a role noun such as "negotiator"),
   or as a pronoun to be resolved later; a phrase of none of these is ``other``, and the cue is
   dropped: "history suggests that ..." stays in the writer's voice, as the rules have it
   (PolNeAR's annotators count such sources: keeping them raised all-attribution F1 on a sample
   of train from 0.672 to 0.688, but hid the writer's own claims and loaded words behind
   "history"). The writer naming themself ("the author of this piece thinks") is no source. A passive cue without agent, or an expletive "it" subject, gives
   an agentless attribution (class ``hedge``); any other cue without a source is dropped;
2. the content: for "according to", its clause without the "according to" phrase (on either
   side of it); the cue's clausal complement (``ccomp``, ``csubj``, ``xcomp``, headed by a verb
   or with a copula, subject or marker, for a cue the lexicons do not list a verb or a copula,
   marker or auxiliary; for a noun, its clause ``acl`` or an unlabelled ``dep`` clause opened by
   "that"). A cue the lexicons do not list counts only with such a clause ("envisioned that
   ...", "plans to ...", an intention PolNeAR counts; not "covered the costs"). A parser error can
   still let one through ("begins his busy workdays" parsed as a clause with the subject
   "busy"). Keeping unlisted cues to these frames raised all-attribution
   precision on a sample of train from 0.797 to 0.807 for F1 0.688 -> 0.682. A listed cue may also take a quoted ``parataxis`` right after it ('shouted,
   “Police are thugs!”'), for a noun its nominal with "about", "of", "on", "over", the sentence
   before it when set inside the clause it reports ("CONTENT, he said": ``parataxis`` or
   ``advcl`` after its head), and, when its class is not neutral, its object ("denied the
   allegations"; not "reading books"); a cue without content is dropped;
3. the class: the reporting lexicons' class of the form or lemma, ``unlisted`` for a cue they do
   not list (so a user can add it), ``hedge`` when agentless.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from analysis.lexicon import load_lexicon
from analysis.measures.cues import Cue
from analysis.measures.sources.cue_model import (DocContext, cue_model, cue_probability, is_candidate, lexicon_classes,
                                                  listed_class, subject_of)
from analysis.measures.sources.source_phrases import PRONOUNS, Source, is_role_noun, name_source, source_nouns
from analysis.measures.sources.entities import fold

_DROP = frozenset({"acl:relcl", "acl", "appos", "punct", "advcl", "advcl:relcl", "parataxis", "case"})
_OBJECTS = ("obj",)
_NOUN_CONTENT_CASES = frozenset({"about", "of", "on", "over"})


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


def _span(doc, lo: int, hi: int) -> tuple[int, int] | None:
    """Character span of tokens ``lo..hi`` without punctuation at either end, or None."""
    while lo <= hi and doc[lo].is_punct and doc[lo].text not in "“\"":
        lo += 1
    while hi >= lo and doc[hi].is_punct and doc[hi].text not in "”\"":
        hi -= 1
    return (doc[lo].idx, doc[hi].idx + len(doc[hi].text)) if lo <= hi else None


def _subtree(token) -> tuple[int, int]:
    """A complement's span, without the "that" opening it (as the rules cut contents)."""
    lo = token.left_edge.i
    if token.doc[lo].dep_ == "mark" and token.doc[lo].lower_ == "that" and lo < token.i:
        lo += 1
    return _span(token.doc, lo, token.right_edge.i) or (token.idx, token.idx + len(token.text))


def _clausal(token, *, strict: bool = False) -> bool:
    """A complement that is a clause: a verb, or a nominal with a copula, marker or auxiliary, or
    (unless ``strict``, as for a cue the lexicons do not list) a subject. A bare name labelled
    ``xcomp``, or "his busy workdays" read as a clause with the subject "busy", is a parser
    error, not what was said."""
    deps = ("cop", "mark", "aux") if strict else ("cop", "nsubj", "nsubj:pass", "mark", "aux")
    return token.pos_ in ("VERB", "AUX") or any(c.dep_ in deps for c in token.children)


def _case(token) -> str:
    """The preposition marking a nominal ("by" in "by the mayor"), lower case, or ""."""
    return next((c.lower_ for c in token.children if c.dep_ == "case"), "")


def _passive(token) -> bool:
    return any(c.dep_ in ("aux:pass", "nsubj:pass") for c in token.children)


def source_token(cue):
    """(the token heading the cue's source or None, whether the cue is agentless)."""
    if cue.lower_ == "according":  # UD: "according" is the case marker of its source
        return (cue.head, False) if cue.dep_ == "case" and cue.head is not cue else (None, False)
    children = list(cue.children)
    if cue.pos_ == "NOUN":
        for c in children:
            if c.dep_ == "nmod:poss":
                return c, False
            if c.dep_ == "nmod" and _case(c) in ("by", "from"):
                return c, False
        if cue.dep_ in _OBJECTS and cue.head is not cue:
            subj = subject_of(cue.head)
            return (subj, False) if subj is not None and subj.dep_ != "nsubj:pass" else (None, False)
        return None, False
    for c in children:
        if c.dep_ == "obl:agent" or (c.dep_ == "obl" and _case(c) == "by" and _passive(cue)):
            return c, False
    subj = subject_of(cue)
    if _passive(cue) or (subj is not None and subj.dep_ == "nsubj:pass"):
        return None, True
    if subj is None:
        return None, False
    if subj.dep_ == "expl" or (subj.lower_ == "it" and any(c.dep_ == "expl" for c in children)):
        return None, True
    if subj.lower_ in ("who", "that", "which") and cue.dep_ == "acl:relcl":
        return cue.head, False
    return subj, False


def cue_class(cue) -> str:
    """The reporting lexicons' class of a cue token (its form, lemma, or "according to"), or
    ``unlisted``."""
    if cue.lower_ == "according":
        return lexicon_classes().get("according to", "neutral")
    return listed_class(cue) or "unlisted"


def content_spans(cue) -> list[tuple[int, int]]:
    """The character spans (in the piece) of what the cue attributes; empty when it has none
    in a frame of speech (see the module docstring, step 2)."""
    doc = cue.doc
    if cue.lower_ == "according":
        source = cue.head
        clause = source.head if source.head is not source else None
        if clause is None:
            return []
        around = [_span(doc, clause.left_edge.i, source.left_edge.i - 1), _span(doc, source.right_edge.i + 1, clause.right_edge.i)]
        return [sp for sp in around if sp]  # the clause without "according to X", on either side
    listed = cue_class(cue) != "unlisted"
    children = list(cue.children)
    for c in children:
        finite = c.dep_ in ("ccomp", "csubj") or (cue.pos_ == "NOUN" and c.dep_ in ("acl", "acl:relcl"))
        if (finite or c.dep_ == "xcomp") and _clausal(c, strict=not listed):
            return [_subtree(c)]
        if cue.pos_ == "NOUN" and c.dep_ == "dep" and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children):
            return [_subtree(c)]  # "the assertion that taxes would fall", a clause the parser left unlabelled
    if not listed:
        return []  # a cue the lexicons do not list counts only with a clause of what was said
    for c in children:
        opening = next((t for t in c.subtree if not t.is_punct or t.text in "“\""), None) if c.dep_ == "parataxis" else None
        if opening is not None and opening.text in "“\"" and 0 < opening.i - cue.right_edge.i <= 2:
            return [_subtree(c)]  # 'others shouted, “Police are thugs!”': a quote right after the cue
    if cue.pos_ == "NOUN":
        for c in children:
            if c.dep_ == "nmod" and _case(c) in _NOUN_CONTENT_CASES:
                return [_subtree(c)]
    head = cue.head
    if head is not cue and cue.dep_ in ("parataxis", "advcl") and head.i < cue.i:
        sp = _span(doc, cue.sent.start, cue.left_edge.i - 1)  # "CONTENT, he said"
        return [sp] if sp else []
    if cue.pos_ == "VERB" and cue_class(cue) != "neutral":
        for c in children:
            if c.dep_ in _OBJECTS:
                return [_subtree(c)]  # "denied the allegations", "confirmed the report": not "read books"
    return []


def parse_source(finder, cue) -> Source | None:
    """The source the parse gives a verb cue the rules found (its subject or passive agent), or None."""
    parse = finder.parse
    piece = parse.piece_at(cue.start)
    token = parse.token_at(cue.start) if piece is not None else None
    if token is None or token.pos_ != "VERB":
        return None
    src, _ = source_token(token)
    source = _source(finder.article, finder.mentions, src, parse.starts[piece]) if src is not None else None
    return source if source is not None and source.type != "other" else None  # not "history suggests"


def parsed_cues(finder, idx: int, taken: list[tuple[int, int]]) -> None:
    """Add to ``finder`` the attributions of sentence ``idx`` read from the parse."""
    parse, article = finder.parse, finder.article
    s = article.sentences[idx]
    threshold = cue_model()["threshold"]
    contexts: dict[int, DocContext] = {}
    for piece, token in sentence_tokens(parse, s.start, s.end):
        if not is_candidate(token):
            continue
        a, b = parse.span_of(piece, token)
        if finder.inside_quote(a, b) or any(x < b and a < y for x, y in taken):
            continue
        ctx = contexts.get(piece) or contexts.setdefault(piece, DocContext(parse.docs[piece]))
        if cue_probability(token, ctx) < threshold:
            continue
        content = content_spans(token)
        if not content:
            continue
        base = parse.starts[piece]
        src_token, agentless = source_token(token)
        lemma = token.lemma_.lower() or token.lower_
        cls = cue_class(token)
        text_end = b
        if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to":
            text_end = base + token.doc[token.i + 1].idx + 2
        kind = "verb" if token.pos_ == "VERB" else "noun" if token.pos_ == "NOUN" else "phrase"
        spans = [(base + a_, base + b_) for a_, b_ in content]
        if src_token is None:
            if not agentless:
                continue
            cue = Cue(a, text_end, article.text[a:text_end], lemma, "hedge", "agentless")
            finder.add(None, cue, "hedge", spans, idx, "parse: learned cue, agentless", source_type="agentless")
        else:
            source = _source(article, finder.mentions, src_token, base)
            if source is None or source.type == "other":
                continue  # "history suggests that ...": no one the writer hands the words to
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
    if _THE_WRITER.search(article.text, a, b):
        return None  # "the writer of this piece thinks": the writer's own voice
    named = name_source(article, mentions, a, b) if any(t.pos_ == "PROPN" for t in token.subtree) else None
    if named is not None:
        return named
    kind = source_nouns().get(fold(token.lemma_)) or source_nouns().get(fold(token.text))
    if kind is None and token.pos_ in ("PRON", "NOUN") and (token.lower_ in _UNNAMED_PEOPLE | source_people()
                                                           or is_role_noun(token.lower_)):
        kind = "anonymous"  # "others shouted", "protesters chanted", "the chief negotiator told"
    return Source(" ".join(article.text[a:b].split()), (a, b), kind or "other")


#: The writer naming themself: "this writer", "the author of this piece".
_THE_WRITER = re.compile(r"\b(?:this|the present)\s+(?:writer|author|reporter|columnist)\b"
                         r"|\b(?:writer|author)\s+of\s+this\s+(?:piece|article|column|op-ed|essay|story)\b", re.I)
#: Pronouns and quantifiers that stand for unnamed people ("others shouted", "many believe").
_UNNAMED_PEOPLE = frozenset("others some many most few several someone somebody everyone everybody anyone nobody".split())


@lru_cache(maxsize=1)
def source_people() -> frozenset[str]:
    """Nouns for groups of people (``lexicons/participant_nouns.tsv``: "protesters", "the regime")."""
    rows = load_lexicon("participant_nouns").rows
    return frozenset(w.lower() for r in rows for w in (r.get("noun"), r.get("plural")) if w)
