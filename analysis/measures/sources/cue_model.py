"""Reporting cues learned over the parse (after Citron's design): every verb or noun is a
candidate, and a logistic regression says whether it attributes words or thoughts to a source.

A candidate's features, in the order :func:`cue_features` computes them:

1. its lemma and, when the reporting lexicons list it, its lexicon class (``lex=``; ``lex=none``
   otherwise), so an unlisted verb in the right frame still counts;
2. its coarse and fine part of speech and its dependency label;
3. the labels of its children (Universal Dependencies v2: ``ch=ccomp``, ``ch=nsubj``,
   ``ch=obl:agent`` ...), a clausal complement opened by "that", "if" or "whether", a passive
   (``aux:pass`` or ``nsubj:pass`` child), the preposition of each oblique or nominal child
   (``case=by``), and the lemma joined with each complement label (``say+ccomp``);
4. what its subject is: a pronoun, a proper noun, a named entity's label, a source noun of
   ``lexicons/source_nouns.tsv``;
5. the words right before and after it, and whether a quotation mark is next to it (within
   three tokens) or in its sentence.

Trained on PolNeAR train by :mod:`analysis.validation.train_attribution_cues` (a token is a cue
when it lies in an annotated cue span) and shipped as plain JSON weights in
``models/attribution_cues.json``; scoring is a dot product and a logistic function.
"""
from __future__ import annotations

from functools import lru_cache

from analysis.lexicon import load_lexicon, load_model
from analysis.measures.quotes.learned import logistic

CANDIDATE_POS = frozenset({"VERB", "NOUN"})
QUOTE_MARKS = frozenset("\"“”")
_COMPLEMENTS = ("ccomp", "xcomp", "parataxis", "advcl", "obj", "obl", "acl", "acl:relcl", "nmod")


@lru_cache(maxsize=1)
def lexicon_classes() -> dict[str, str]:
    """Every listed cue form and lemma (lower case) -> its class."""
    out: dict[str, str] = {}
    for row in load_lexicon("reporting_verbs").rows:
        out.setdefault(row["lemma"].lower(), row["class"])
        for form in row["forms"].split(","):
            out.setdefault(" ".join(form.lower().split()), row["class"])
    for row in load_lexicon("reporting_nouns").rows:
        out.setdefault(" ".join(row["cue"].lower().split()), row["class"])
    return out


@lru_cache(maxsize=1)
def _source_nouns() -> frozenset[str]:
    return frozenset(r["noun"].lower() for r in load_lexicon("source_nouns").rows)


def is_candidate(token) -> bool:
    return token.pos_ in CANDIDATE_POS or token.lower_ == "according"


def subject_of(token):
    """The token's subject: its own ``nsubj``, ``nsubj:pass``, ``csubj`` or ``expl``, else that of the verb it is
    coordinated with ("He laughed and said ...")."""
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubj:pass", "nsubj:outer", "csubj", "expl"):
            return child
    if token.dep_ == "conj" and token.head is not token:
        for child in token.head.children:
            if child.dep_ in ("nsubj", "nsubj:pass"):
                return child
    return None


def listed_class(token) -> str | None:
    """The reporting lexicons' class of a token's form or lemma, or None when they do not list it."""
    classes = lexicon_classes()
    return classes.get(token.lower_) or classes.get(token.lemma_.lower() or token.lower_)


def cue_features(token, ctx: DocContext | None = None) -> dict[str, float]:
    """The features of one candidate token (see the module docstring); ``ctx``: its doc's
    :class:`DocContext`, when many tokens of one doc are scored."""
    lemma = token.lemma_.lower() or token.lower_
    cls = listed_class(token)
    f = {f"lemma={lemma}": 1.0, f"lex={cls or 'none'}": 1.0,
         f"pos={token.pos_}": 1.0, f"tag={token.tag_}": 1.0, f"dep={token.dep_}": 1.0,
         f"headpos={token.head.pos_ if token.head is not token else 'ROOT'}": 1.0}
    for child in token.children:
        f[f"ch={child.dep_}"] = 1.0
        if child.dep_ in _COMPLEMENTS:
            f[f"{lemma}+{child.dep_}"] = 1.0
            if cls:
                f[f"lex+{child.dep_}"] = 1.0
        if child.dep_ == "ccomp" and any(g.dep_ == "mark" and g.lower_ in ("that", "if", "whether") for g in child.children):
            f["ccomp_that"] = 1.0
        if child.dep_ in ("aux:pass", "nsubj:pass"):
            f["passive"] = 1.0
        if child.dep_ in ("obl", "nmod", "obl:agent"):
            case = next((g.lower_ for g in child.children if g.dep_ == "case"), "")
            if case:
                f[f"case={case}"] = 1.0
    subj = subject_of(token)
    if subj is not None:
        f[f"subj_pos={subj.pos_}"] = 1.0
        if subj.ent_type_:
            f[f"subj_ent={subj.ent_type_}"] = 1.0
        if subj.lower_ in _source_nouns() or subj.lemma_.lower() in _source_nouns():
            f["subj_source_noun"] = 1.0
    ctx = ctx if ctx is not None else DocContext(token.doc)
    i = token.i
    f[f"prev={ctx.lower[i - 1] if i > 0 else '<s>'}"] = 1.0
    f[f"next={ctx.lower[i + 1] if i + 1 < len(ctx.lower) else '</s>'}"] = 1.0
    if any(ctx.is_mark[max(0, i - 3):i + 4]):
        f["quote_near"] = 1.0
    if ctx.quoted_sentence[i]:
        f["quote_in_sentence"] = 1.0
    return f


class DocContext:
    """What the features read around each token of one ``Doc``, computed once for all its
    candidates: lower-case forms, quotation marks, and whether the token's sentence has one."""

    def __init__(self, doc) -> None:
        self.lower = [t.lower_ for t in doc]
        self.is_mark = [t.text in QUOTE_MARKS for t in doc]
        self.quoted_sentence = [False] * len(doc)
        for sent in doc.sents:
            if any(self.is_mark[sent.start:sent.end]):
                self.quoted_sentence[sent.start:sent.end] = [True] * (sent.end - sent.start)


@lru_cache(maxsize=1)
def cue_model() -> dict:
    """The shipped weights: ``threshold``, ``intercept``, ``weights``."""
    return load_model("attribution_cues")


def cue_probability(token, ctx: DocContext | None = None) -> float:
    return logistic(cue_model(), cue_features(token, ctx))
