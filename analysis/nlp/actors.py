"""Actors read from the parse: entity mentions merged across their variants, with references.

Input: the article's text, the spans of its prose sentences (headline, standfirst, body,
subhead, caption; never bylines, credits, boilerplate, embedded posts, notes or widgets, whose
names are not actors) and their :class:`~analysis.nlp.parse.Parse`. Rules, in the order the code
applies them:

1. **Mentions** are the named entities PERSON, ORG, GPE, LOC, FAC and NORP. Each is cleaned: a
   leading "the", leading words that are not proper nouns ("Hammering Hillary Clinton"), titles
   (``lexicons/titles.tsv``, also inside a span: "Progress President Neera Tanden" gives "Neera
   Tanden"), a final possessive and punctuation are cut. A span of another label whose words
   after a title are proper nouns is a person, extended over the proper nouns that follow
   ("[Mexican President Enrique] Peña Nieto" gives "Enrique Peña Nieto"). A person span written in capitals
   ("DEATH", "BE CAUTIOUS") or holding a word that marks an organisation
   (``lexicons/org_words.tsv``) is not a person: the first is dropped, the second typed an
   organisation; a demonym ending a person span is cut off it ("Ernesto Zedillo Israeli").
   A span of words the gazetteer lists as not names (months, "Comments") is dropped, and so is
   a treaty, law or plan (last word in ``lexicons/not_actor_heads.tsv``: "Free Trade
   Agreement"), and a one-word span opening a sentence that is a common noun for people
   (``lexicons/participant_nouns.tsv``: "Rebels killed ..."). A trailing title is cut from a
   span of another label ("[Center for American Progress] President"), and a title just before
   a person's span is kept as that person's title. In a title-case headline or subhead, where every word is capitalised, a
   mention counts only when the same name occurs elsewhere in the article.
2. **Types**: PERSON -> person; ORG -> organization; GPE that is a country or bloc of
   ``lexicons/countries.tsv`` -> country (canonical: the gazetteer's name, so "the U.S." is
   "United States"), other GPE, LOC, FAC -> place; NORP that is a demonym -> a mention of its
   country ("Israeli" -> Israel), other NORP -> group ("Republicans"); a one-word plural name of
   a movement ("Zapatistas", "Sandinistas": -ists, -istas, -ites) -> group, whatever the label.
3. **Merging**: names fold accents, case and full stops ("Pena" = "Peña", "U.S." = "US"). A
   one-word mention (a surname, "Clinton", also after "Mr." or "President", whatever label the
   model gave it) joins the person named in full with that last word; when several are ("Bill Clinton", "Hillary
   Clinton"), the one named in full most recently before it, or else the most often named. A
   one-word organisation that starts a longer organisation's name joins it ("NSO" -> "NSO
   Group"). The canonical name of a person is the fullest variant (most words; ties: the most
   frequent), of anything else the most frequent (ties: the longest).
4. **Nominal references**: "the <title>" ("the president", "the minister") joins the one person
   introduced with that title, "the <word>" ("the ministry", "the company") the one organisation
   whose name holds that word, when exactly one actor qualifies; otherwise nothing.
5. **Pronouns** (he, him, his, she, her, they, them, their, it, its): :mod:`analysis.nlp.coref`.

Every mention keeps its offsets into the article's text and how it was found (``via``).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from analysis.lexicon import fold, load_lexicon
from analysis.nlp import coref
from analysis.nlp.mentions import RawMention as _Raw
from analysis.nlp.parse import Parse

ACTOR_TYPES = ("person", "organization", "country", "place", "group")
_LABEL_TYPE = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place",
               "FAC": "place", "NORP": "group"}
_PROPER = frozenset({"NNP", "NNPS"})
_TRAILING = frozenset({"POS", ".", ",", ":", "''", "``", "HYPH", "-RRB-", "-LRB-"})
_MOVEMENT = re.compile(r"^[A-Z][a-z]+(?:ists|istas|ites)$")


@dataclass(frozen=True)
class ActorMention:
    """A mention of an actor: ``text[start:end]`` and how it was found."""

    start: int
    end: int
    text: str
    via: str  # name, surname, demonym, nominal, pronoun


@dataclass(frozen=True)
class Actor:
    """An actor of the article: canonical name, type, the variants seen, every mention."""

    actor: str
    type: str
    aliases: tuple[str, ...]
    mentions: tuple[ActorMention, ...]


@dataclass(frozen=True)
class _Lists:
    titles: frozenset[tuple[str, ...]]
    title_words: frozenset[str]
    org_words: frozenset[str]
    not_names: frozenset[str]
    not_actor_heads: frozenset[str]
    common_nouns: frozenset[str]
    countries: dict[str, str]   # folded name/alias -> country name
    kinds: dict[str, str]       # country name -> kind (un_member, bloc, region, ...)
    demonyms: dict[str, str]    # folded demonym -> country name


@lru_cache(maxsize=1)
def lists() -> _Lists:
    titles = frozenset(tuple(fold(w) for w in r["title"].split()) for r in load_lexicon("titles").rows)
    countries, kinds, demonyms = {}, {}, {}
    for row in load_lexicon("countries").rows:
        name = row["country"]
        kinds[name] = row["kind"]
        for alias in [name, *row["aliases"].split(",")]:
            if alias.strip():
                countries.setdefault(fold(alias), name)
        for demonym in row["demonyms"].split(","):
            if demonym.strip():
                demonyms[fold(demonym)] = name
    return _Lists(
        titles=titles,
        title_words=frozenset(w for t in titles for w in t),
        org_words=frozenset(fold(r["word"]) for r in load_lexicon("org_words").rows
                            if r.get("brand") != "yes"),
        not_names=frozenset(fold(r["word"]) for r in load_lexicon("not_names").rows),
        not_actor_heads=frozenset(r["word"] for r in load_lexicon("not_actor_heads").rows),
        common_nouns=frozenset(fold(w) for r in load_lexicon("participant_nouns").rows
                               for w in (r["noun"], r["plural"]) if w),
        countries=countries, kinds=kinds, demonyms=demonyms)


def _strip_titles(tokens: list, lx: _Lists) -> tuple[list, str]:
    """Cut every title (and what precedes it) off the front of a person's tokens."""
    title = ""
    for i in range(len(tokens) - 1, -1, -1):
        for length in (3, 2, 1):
            words = tuple(fold(t.text) for t in tokens[i:i + length])
            if len(words) == length and words in lx.titles and i + length < len(tokens):
                return tokens[i + length:], " ".join(words)
    return tokens, title


def _title_before(ent, lx: _Lists) -> str:
    """A title written just before a person's span ("President [Enrique Peña Nieto]"), folded."""
    doc = ent.doc
    for length in (3, 2, 1):
        if ent.start - length >= 0:
            words = tuple(fold(t.text) for t in doc[ent.start - length:ent.start])
            if words in lx.titles:
                return " ".join(words)
    return ""


def _clean(ent, lx: _Lists) -> tuple[list, str, str] | None:
    """(tokens, type, title) of an entity span after rule 1, or None when it is no actor."""
    tokens = list(ent)
    label = ent.label_
    title = ""
    while tokens and tokens[0].lower_ == "the":
        tokens = tokens[1:]
    while tokens and tokens[-1].tag_ in _TRAILING:
        tokens = tokens[:-1]
    if label != "PERSON":
        while len(tokens) > 1 and fold(tokens[-1].text) in lx.title_words:
            tokens = tokens[:-1]   # "[Center for American Progress] President Neera Tanden"
        after, title = _strip_titles(tokens, lx)
        if title and all(t.tag_ in _PROPER for t in after):
            end = after[-1].i + 1
            while end < len(ent.doc) and ent.doc[end].tag_ in _PROPER:
                end += 1
            tokens, label = list(ent.doc[after[0].i:end]), "PERSON"
    if label == "PERSON":
        tokens, more = _strip_titles(tokens, lx)
        title = title or more or _title_before(ent, lx)
        while tokens and tokens[0].tag_ not in _PROPER:
            tokens = tokens[1:]
        while len(tokens) > 1 and fold(tokens[-1].text) in lx.demonyms:
            tokens = tokens[:-1]
    if not tokens or tokens[-1].text in lx.not_actor_heads:
        return None
    if len(tokens) == 1 and tokens[0].i == 0 and fold(tokens[0].text) in lx.common_nouns:
        return None  # "Rebels killed ...": a common noun opening the sentence, not a name
    text = " ".join(t.text for t in tokens)
    words = [fold(t.text) for t in tokens]
    if all(w in lx.not_names for w in words):
        return None
    kind = _LABEL_TYPE.get(label)
    if kind is None:
        return None
    if len(tokens) == 1 and _MOVEMENT.match(text):
        return tokens, "group", title
    if kind == "person":
        letters = [c for c in text if c.isalpha()]
        if len(letters) > 3 and all(c.isupper() for c in letters):
            return None
        if any(w in lx.org_words for w in words):
            kind = "organization"
    return tokens, kind, title


def _mentions(parse: Parse, lx: _Lists, weak: frozenset[int]) -> list[_Raw]:
    out = []
    for piece, doc in enumerate(parse.docs):
        for ent in doc.ents:
            cleaned = _clean(ent, lx)
            if cleaned is None:
                continue
            tokens, kind, title = cleaned
            start, _ = parse.span_of(piece, tokens[0])
            _, end = parse.span_of(piece, tokens[-1])
            text = doc.text[tokens[0].idx:tokens[-1].idx + len(tokens[-1].text)]
            key = fold(text)
            if not key:
                continue
            via = "name"
            if ent.label_ == "NORP" and key in lx.demonyms:
                kind, key, via = "country", fold(lx.demonyms[key]), "demonym"
            elif key in lx.countries and ent.label_ in ("GPE", "LOC", "ORG", "NORP"):
                country = lx.countries[key]
                kind = "organization" if lx.kinds.get(country) == "bloc" else "country"
                if lx.kinds.get(country) == "region":
                    kind = "place"
                key = fold(country)
            out.append(_Raw(start, end, text, kind, key, via, title, weak=piece in weak))
    strong = {r.key for r in out if not r.weak}
    strong |= {k.split()[-1] for k in strong if k}
    return [r for r in out if not r.weak or r.key in strong]


def _merge(raws: list[_Raw]) -> dict[int, str]:
    """Rule 3: the key of the actor a shorter mention joins, by the mention's start."""
    counts = Counter(r.key for r in raws)
    people: list[tuple[int, str]] = sorted((r.start, r.key) for r in raws
                                           if r.type == "person" and len(r.key.split()) >= 2)
    orgs = sorted({r.key for r in raws if r.type == "organization" and len(r.key.split()) > 1})
    target: dict[int, str] = {}
    for r in raws:
        words = r.key.split()
        if len(words) == 1 or r.type == "person":
            options = [(s, k) for s, k in people if k != r.key and k.endswith(" " + r.key)]
            if options:
                before = [o for o in options if o[0] < r.start]
                choice = max(before)[1] if before else max(options, key=lambda o: (counts[o[1]], -o[0]))[1]
                target[r.start] = choice
                continue
        if len(words) == 1 and r.type == "organization":
            longer = [o for o in orgs if o.split()[0] == words[0]]
            if len(longer) == 1:
                target[r.start] = longer[0]
    # a chain: "Nieto" -> "Pena Nieto" -> "Enrique Pena Nieto"
    joined = {r.key: target[r.start] for r in raws if r.start in target}
    final = {}
    for start, key in target.items():
        hops = 0
        while key in joined and joined[key] != key and hops < 5:
            key, hops = joined[key], hops + 1
        final[start] = key
    return final


def _nominals(parse: Parse, raws: list[_Raw], resolved: dict[int, str], lx: _Lists) -> list[_Raw]:
    """Rule 4: "the president" / "the ministry" -> the one actor that qualifies."""
    by_title: dict[str, set[str]] = {}
    by_word: dict[str, set[str]] = {}
    for r in raws:
        key = resolved[r.start]
        if r.type == "person" and r.title:
            by_title.setdefault(r.title.split()[-1], set()).add(key)
        if r.type == "organization":
            for word in r.key.split()[1:]:
                if word in lx.org_words:
                    by_word.setdefault(word, set()).add(key)
    out = []
    taken = {(r.start, r.end) for r in raws}
    for piece, token in parse.tokens():
        if token.tag_ != "NN" or token.i == 0 or token.doc[token.i - 1].lower_ != "the":
            continue
        word = token.lower_
        keys = by_title.get(word) or by_word.get(word)
        if not keys or len(keys) != 1:
            continue
        start, end = parse.span_of(piece, token.doc[token.i - 1:token.i + 1])
        if any(a <= start < b for a, b in taken):
            continue
        (key,) = keys
        out.append(_Raw(start, end, token.doc.text[token.doc[token.i - 1].idx:token.idx + len(token.text)],
                        "", key, "nominal"))
    return out


def _apply_aliases(raws: list[_Raw], aliases: dict[str, tuple[str, str | None]]) -> None:
    """A user's alias table (folded alias -> (canonical, type or None)) forces merges and types."""
    for r in raws:
        if r.key in aliases:
            canonical, kind = aliases[r.key]
            r.key = fold(canonical)
            r.type = kind if kind in ACTOR_TYPES else r.type
            r.forced = canonical


def find_actors(parse: Parse, aliases: dict[str, tuple[str, str | None]] | None = None, *,
                weak: frozenset[int] = frozenset()) -> tuple[list[Actor], dict[int, str]]:
    """Actors of the parsed prose, first-mentioned first, and ``start offset -> actor name``.

    ``aliases``: a user alias table, folded alias -> (canonical name, type or None); it is
    applied after rule 2, so the merges of rule 3 build on it. ``weak``: indices of the parse's
    pieces that are title-case headlines or subheads (rule 1).
    """
    lx = lists()
    raws = _mentions(parse, lx, weak)
    _apply_aliases(raws, aliases or {})
    forced = {r.key: r.forced for r in raws if r.forced}
    joins = _merge(raws)
    resolved = {r.start: joins.get(r.start, r.key) for r in raws}
    types = {}
    for r in raws:
        if resolved[r.start] != r.key:
            r.type = ""  # a surname takes the type of the person it joins
    for r in raws:
        if resolved[r.start] == r.key and r.type:
            types.setdefault(r.key, r.type)
    for r in raws:
        types.setdefault(resolved[r.start], r.type)
    raws += _nominals(parse, raws, resolved, lx)
    for r in raws:
        resolved.setdefault(r.start, r.key)
    raws += coref.resolve_pronouns(parse, raws, resolved, types)
    groups: dict[str, list[_Raw]] = {}
    for r in sorted(raws, key=lambda r: (r.start, r.end)):
        groups.setdefault(resolved.get(r.start, r.key), []).append(r)
    actors, names = [], {}
    for key, members in groups.items():
        named = [m for m in members if m.via == "name"] or members
        variants = Counter(m.text for m in named if m.key == key) or Counter(m.text for m in named)
        kind = types.get(key, "person")
        if kind == "person":
            best = max(variants, key=lambda v: (len(v.split()), variants[v], v))
        else:
            best = max(variants, key=lambda v: (variants[v], len(v), v))
        canonical = forced.get(key) or best
        if kind == "country" and key not in forced:
            canonical = next((c for c in lx.kinds if fold(c) == key), canonical)
        aliases = tuple(sorted({m.text for m in members if m.via in ("name", "demonym")} - {canonical}))
        mentions = tuple(ActorMention(m.start, m.end, m.text, m.via) for m in members)
        actors.append(Actor(canonical, kind, aliases, mentions))
        for m in members:
            names[m.start] = canonical
    actors.sort(key=lambda a: a.mentions[0].start)
    return actors, names
