"""Features of a quote's context for the learned decision of its kind (:mod:`.learned`).

Each quote becomes a dict of named features, all 0/1 except the few marked as counts:

* the frames the rules read (:mod:`.context`): "so-called", "what X calls", "used the phrase",
  someone calling it so, "as a" after a named subject, a naming word, a colon in the headline;
* the shape of the quoted words: title case, length band, a capital first, punctuation last,
  a whole clause (four words or more, a capital first and ".", "?" or "!" last);
* its place: at the start or end of its sentence, after a colon, before a comma, the share of
  the sentence it covers, the whole paragraph, other quotes in the sentence, the segment;
* the reporting cues of its clause that can govern it (before or after it, verb, noun or
  phrase, the cue's class), whether it stands as the statement of that cue;
* the words either side (``prev=``, ``next=``, ``next2=``): lexical features, kept by the
  trainer only when frequent in training, so an unlisted verb in the right place ("chanted",
  "read", "implored") can still count;
* the paragraph's speech so far (a quote before it in the paragraph with a governing cue, a
  quote at the end of the previous paragraph): a floating quote continues a speaker;
* with a parse (:class:`analysis.nlp.parse.Parse`), the syntax of the quoted words: the
  dependency label of their head, the part of speech and lemma of the word that governs them,
  whether that word or an ancestor is a reporting cue, whether it has a subject, whether the
  quote holds its own verb.
"""
from __future__ import annotations

import re
from functools import lru_cache

from analysis.lexicon import load_lexicon
from analysis.measures.quotes.context import (AS_A, NAMING, SO_CALLED, SOMEONE_CALLS, USED_THE_PHRASE, WHAT_X_CALLS,
                                              ClauseCues, QuoteContext, QuoteRules, has_named_subject, is_title_case,
                                              last_char, quote_context, stands_as_statement)
from analysis.measures.quotes.spans import Quote
from analysis.read.article import Article

#: Names of the features read from the parse (the rest are read from the text).
PARSE_FEATURES = frozenset({"parsed", "own_verb", "head_is_root", "gov_cue", "gov_subject", "ancestor_cue"})
PARSE_PREFIXES = ("dep=", "gov_pos=", "gov=")
_TAIL = re.compile(r"[^\s.?!…\"'”’)]")  # a word after the quote: it does not end its sentence
_COMMA = re.compile(r"\s*,")
_BANDS = ((1, "1"), (2, "2"), (3, "3"), (6, "4-6"), (12, "7-12"), (10 ** 9, "13+"))


@lru_cache(maxsize=1)
def cue_lemmas() -> frozenset[str]:
    """Lemmas of the reporting verbs and nouns (single words), for the parse features."""
    out = {row["lemma"].lower() for row in load_lexicon("reporting_verbs").rows}
    out |= {row["cue"].lower() for row in load_lexicon("reporting_nouns").rows if " " not in row["cue"]}
    return frozenset(out)


def is_parse_feature(name: str) -> bool:
    """Whether the feature ``name`` is read from the parse."""
    return name in PARSE_FEATURES or name.startswith(PARSE_PREFIXES)


def _band(n: int) -> str:
    return next(name for top, name in _BANDS if n <= top)


def _word(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum() or ch in "'’-")


def text_features(article: Article, q: Quote, ctx: QuoteContext, prev: list[Quote],
                  prev_cued: dict[int, bool]) -> dict[str, float]:
    """The features read from the text alone (see the module's docstring)."""
    text, before = article.text, ctx.before
    words = q.text.split()
    f: dict[str, float] = {"bias": 1.0}
    frames = {"so_called": SO_CALLED.search(before), "what_x_calls": WHAT_X_CALLS.search(before),
              "used_the_phrase": USED_THE_PHRASE.search(before), "someone_calls": SOMEONE_CALLS.search(before),
              "as_a_named": AS_A.search(before) and has_named_subject(text, ctx.s_start, q.start),
              "naming_word": NAMING.search(before)}
    f.update({f"frame={k}": 1.0 for k, v in frames.items() if v})
    segment = article.sentences[q.sentence].segment if q.sentence is not None else "none"
    f[f"segment={segment}"] = 1.0
    if segment == "headline" and before.rstrip().endswith(":"):
        f["headline_colon"] = 1.0
    title = is_title_case(words)
    f[f"words={_band(len(words))}"] = 1.0
    if title:
        f["title_case"] = 1.0
        f[f"title_case_words={_band(len(words))}"] = 1.0
    if q.text[:1].isupper():
        f["starts_upper"] = 1.0
    last = q.text.rstrip()[-1:]
    if last in ".?!":
        f["ends_stop"] = 1.0
    elif last == ",":
        f["ends_comma"] = 1.0
    if len(words) >= 4 and q.text[:1].isupper() and last in ".?!":
        f["full_clause"] = 1.0
    if not last_char(text, ctx.s_start, q.start):
        f["sentence_start"] = 1.0
    if not _TAIL.search(text, q.end, ctx.s_end):
        f["sentence_end"] = 1.0
    if before.rstrip().endswith(":"):
        f["after_colon"] = 1.0
    if before.rstrip().endswith(("—", "–", "-")):
        f["after_dash"] = 1.0
    if _COMMA.match(text, q.end, ctx.s_end):
        f["before_comma"] = 1.0
    sentence_words = max(1, ctx.sentence_words)
    f["sentence_share"] = min(1.0, len(words) / sentence_words)
    para = ctx.paragraph
    if para is not None and q.start - para.start <= 1 and q.end >= para.end - 1:
        f["whole_paragraph"] = 1.0
    same_sentence = [p for p in prev if p.sentence == q.sentence and q.sentence is not None]
    if same_sentence:
        f["quote_before_in_sentence"] = 1.0
    if ctx.cues:
        cue = ctx.cues[0]
        f["cue"] = 1.0
        f["cue_before" if cue.end <= q.start else "cue_after"] = 1.0
        f[f"cue_kind={cue.kind}"] = 1.0
        f[f"cue_class={cue.cls}"] = 1.0
        if stands_as_statement(text, q, ctx.c_start, ctx.c_end, cue, ctx.index):
            f["statement"] = 1.0
    if para is not None:
        earlier = [p for p in prev if p.sentence is not None and article.sentences[p.sentence].paragraph == article.sentences[q.sentence].paragraph]
        if any(prev_cued.get(p.index) for p in earlier):
            f["paragraph_cued_before"] = 1.0
        if not earlier and prev and prev[-1].sentence is not None and \
                article.sentences[prev[-1].sentence].paragraph == article.sentences[q.sentence].paragraph - 1:
            if prev_cued.get(prev[-1].index):
                f["previous_paragraph_cued"] = 1.0
            f["previous_paragraph_quote"] = 1.0
    left = before.split()
    if left:
        f[f"prev={_word(left[-1])}"] = 1.0
    right = text[q.end:min(ctx.s_end, q.end + 40)].split()
    if right:
        f[f"next={_word(right[0])}"] = 1.0
        if len(right) > 1:
            f[f"next2={_word(right[0])} {_word(right[1])}"] = 1.0
    return f


def parse_features(parse, q: Quote) -> dict[str, float]:
    """The features read from the parse of the quote's sentence (empty when it was not parsed)."""
    piece = parse.piece_at(q.content[0]) if q.content[1] > q.content[0] else None
    if piece is None:
        return {}
    doc, base = parse.docs[piece], parse.starts[piece]
    lo, hi = q.content[0] - base, q.content[1] - base
    inside = [t for t in doc if lo <= t.idx < hi and not t.is_space]
    if not inside:
        return {}
    ids = {t.i for t in inside}
    heads = [t for t in inside if t.head.i not in ids or t.head.i == t.i]
    head = heads[0]
    f: dict[str, float] = {"parsed": 1.0, f"dep={head.dep_}": 1.0}
    if any(t.pos_ in ("VERB", "AUX") for t in inside):
        f["own_verb"] = 1.0
    if head.head.i == head.i:
        f["head_is_root"] = 1.0
        return f
    gov = head.head
    lemmas = cue_lemmas()
    f[f"gov_pos={gov.pos_}"] = 1.0
    f[f"gov={gov.lemma_.lower()}"] = 1.0
    if gov.lemma_.lower() in lemmas:
        f["gov_cue"] = 1.0
    if any(c.dep_ in ("nsubj", "nsubj:pass", "csubj") for c in gov.children if c.i not in ids):
        f["gov_subject"] = 1.0
    node, hops = gov, 0
    while node.head.i != node.i and hops < 4:
        node, hops = node.head, hops + 1
        if node.lemma_.lower() in lemmas:
            f["ancestor_cue"] = 1.0
            break
    return f


def quote_features(article: Article, quotes: tuple[Quote, ...], parse=None,
                   rules: QuoteRules = QuoteRules()) -> list[tuple[QuoteContext, dict[str, float]]]:
    """The context and the features of every quote, in order."""
    out, prev_cued, index = [], {}, ClauseCues(quotes)
    for i, q in enumerate(quotes):
        ctx = quote_context(article, q, quotes, rules, index)
        f = text_features(article, q, ctx, list(quotes[max(0, i - 8):i]), prev_cued)
        if parse is not None:
            f.update(parse_features(parse, q))
        prev_cued[q.index] = bool(ctx.cues)
        out.append((ctx, f))
    return out
