"""Third-person pronouns resolved to the actors of the article by parse-based salience.

A light method in the line of Lappin and Leass (1994): no coreference model is trained, the
parse and the actors' mentions decide. For each pronoun (he / him / his / himself, she / her /
hers / herself: a person; it / its / itself, they / them / their / themselves: an organisation,
country or group; "they" is not resolved to one person), in this order:

1. **Candidates** are the actors' mentions in the pronoun's sentence before it and in the
   ``WINDOW`` sentences before that.
2. **Agreement**: the type must fit the pronoun, and a person's gender must not contradict it.
   A person's gender comes from a title written before the name (Mr, Mrs, Ms, Miss, Sir, Lady)
   or else from the first name (``lexicons/first_names.tsv``, counted from PolNeAR train's
   coreference chains); an unknown gender agrees with both.
3. **The current speaker**: when the pronoun is the subject of a reporting verb ("he said",
   ``lexicons/reporting_verbs.tsv``), the candidate who was most recently the subject of a
   reporting verb wins.
4. **Salience** otherwise: the nearest sentence first; within it, a subject (``nsubj``,
   ``nsubj:pass``) before any other mention; then the latest mention. A possessive or object
   pronoun in a clause never takes that clause's own subject when a reflexive would be needed
   ("he praised him": not the same man); this is the only binding rule applied.

Scored against the CoreNLP chains of PolNeAR dev and its annotated pronoun sources by
``analysis/validation/backbone.py``.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from analysis.lexicon import load_lexicon
from analysis.nlp.mentions import RawMention
from analysis.nlp.parse import Parse

WINDOW = 3
PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m",
                   "she": "f", "her": "f", "hers": "f", "herself": "f"}
GROUP_PRONOUNS = frozenset("it its itself they them their theirs themselves".split())
_TITLE_GENDER = {"mr": "m", "sir": "m", "lord": "m", "mrs": "f", "ms": "f", "miss": "f",
                 "lady": "f", "dame": "f", "madame": "f"}
_SUBJECTS = frozenset({"nsubj", "nsubj:pass", "nsubjpass"})


@lru_cache(maxsize=1)
def first_names() -> dict[str, str]:
    return {r["name"]: r["gender"] for r in load_lexicon("first_names").rows}


@lru_cache(maxsize=1)
def reporting_lemmas() -> frozenset[str]:
    return frozenset(r["lemma"] for r in load_lexicon("reporting_verbs").rows)


@dataclass(frozen=True)
class _Candidate:
    start: int
    key: str
    type: str
    piece: int
    subject: bool
    speaker: bool
    head: object


def _head(parse: Parse, start: int, end: int):
    token = parse.token_at(start)
    if token is None:
        return None
    base = parse.starts[parse.piece_at(start)]
    while True:
        head = token.head
        if head.i == token.i or not (start <= base + head.idx < end):
            return token
        token = head


def _is_speaker(token) -> bool:
    return token.dep_ in _SUBJECTS and token.head.lemma_ in reporting_lemmas()


def genders(raws, resolved: dict[int, str]) -> dict[str, str]:
    """Gender by actor key, from titles first, then first names."""
    names = first_names()
    out: dict[str, str] = {}
    for r in raws:
        key = resolved.get(r.start, r.key)
        title = r.title.split()[0] if r.title else ""
        if title in _TITLE_GENDER:
            out.setdefault(key, _TITLE_GENDER[title])
    for r in raws:
        key = resolved.get(r.start, r.key)
        first = r.text.split()[0] if r.text else ""
        if r.type == "person" and len(r.text.split()) > 1 and first in names:
            out.setdefault(key, names[first])
    return out


def resolve_pronouns(parse: Parse, raws, resolved: dict[int, str], types: dict[str, str]):
    """Pronoun mentions (``via="pronoun"``) for every pronoun that resolves; updates ``resolved``."""
    gender = genders(raws, resolved)
    candidates: list[_Candidate] = []
    for r in sorted(raws, key=lambda r: r.start):
        head = _head(parse, r.start, r.end)
        piece = parse.piece_at(r.start)
        if head is None or piece is None:
            continue
        key = resolved.get(r.start, r.key)
        candidates.append(_Candidate(r.start, key, types.get(key, r.type), piece,
                                     head.dep_ in _SUBJECTS, _is_speaker(head), head))
    out = []
    pointer = 0
    for piece, token in parse.tokens():
        word = token.lower_
        if token.tag_ not in ("PRP", "PRP$") or not (word in PERSON_PRONOUNS or word in GROUP_PRONOUNS):
            continue
        start, end = parse.span_of(piece, token)
        while pointer < len(candidates) and candidates[pointer].start < start:
            pointer += 1
        window = [c for c in candidates[max(0, pointer - 60):pointer] if piece - WINDOW <= c.piece <= piece]
        choice = _choose(token, piece, window, gender)
        if choice is None:
            continue
        resolved[start] = choice.key
        out.append(RawMention(start, end, token.text, choice.type, choice.key, "pronoun"))
        candidates.insert(pointer, _Candidate(start, choice.key, choice.type, piece,
                                              token.dep_ in _SUBJECTS, _is_speaker(token), token))
        pointer += 1
    return out


def _choose(token, piece: int, window: list[_Candidate], gender: dict[str, str]):
    word = token.lower_
    if word in PERSON_PRONOUNS:
        fits = [c for c in window if c.type == "person" and gender.get(c.key, PERSON_PRONOUNS[word]) == PERSON_PRONOUNS[word]]
    else:
        fits = [c for c in window if c.type in ("organization", "country", "group")]
    if word not in ("himself", "herself", "itself", "themselves"):
        fits = [c for c in fits if not (c.piece == piece and c.subject and c.head.head.i == token.head.i
                                        and token.dep_ in ("obj", "dobj", "iobj"))]
    if not fits:
        return None
    if _is_speaker(token):
        speakers = [c for c in fits if c.speaker]
        if speakers:
            return max(speakers, key=lambda c: c.start)
    return min(fits, key=lambda c: (piece - c.piece, not c.subject, -c.start))
