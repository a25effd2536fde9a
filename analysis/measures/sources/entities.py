"""Named actors: people, organisations, government bodies, media and countries, found from
capitalised-name spans and a small gazetteer, with variants merged into one canonical name.

Rules (no tagger or parser is available offline; what they miss is in the README):

- A name is a run of capitalised words (with "de", "del", "la", "van", "von", "bin", "of"
  and "the" allowed inside, as in "Bank of America"), in the prose of the article (not in
  bylines, credits, datelines or syndication notes). A sentence's first word starts a name
  only when it is not a common opening word ("The", "In", "While").
- Leading demonyms and country names are mentions of their country ("Israeli" counts toward
  Israel: ``lexicons/countries.tsv``); leading titles are dropped ("President", "Prime
  Minister": ``lexicons/titles.tsv``); a final "’s" is dropped.
- Type: ``country`` from the gazetteer; ``organization``, ``government`` or ``media`` when a
  word of the name marks it (``lexicons/org_words.tsv``: "Group", "Ministry", "Times");
  ``person`` for two to four name words otherwise, or one word that is the surname of a
  person named in full elsewhere in the article; ``group`` for a plural like "Zapatistas";
  ``other`` for the rest (single unknown words, places).
- Variants merge: accents and case are folded ("Pena" = "Peña"; "NSO group" = "NSO
  Group"), a name that is the tail of a longer person's name joins it ("Peña Nieto",
  "Netanyahu"), a singular joins its plural ("Zapatista", "Zapatistas"). The canonical name
  is the most frequent full variant (ties: the one with diacritics).
- A user alias file (TSV: ``alias``, ``canonical``, optional ``type``) forces merges.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from analysis.read.article import PROSE_KINDS, Article
from analysis.lexicon import fold, load_lexicon
from analysis.read.sentences import ABBREVIATIONS, TITLES, is_opener

_ABBREVIATIONS = ABBREVIATIONS | TITLES

ACTOR_TYPES = ("person", "organization", "government", "media", "country", "group")
_CONNECTORS = frozenset("de del della di da la le van von der bin ibn al of the".split())
_TOKEN = re.compile(r"[A-Z][\w’'.&-]*|[a-z]+|[^\sA-Za-z]+|\S")
_HYPHEN_ADJECTIVE = re.compile(r"[A-Z][a-z]+-[a-z]")  # "Israeli-aided": a demonym in a compound
_POSSESSIVE = re.compile(r"(?:’s|'s|’|')$")
_ARTICLES = frozenset("Los Las El La Les The Al".split())
_PLURAL_GROUP = re.compile(r"^[A-Z][a-z]+(?:ists|istas|ians|ites|anos|eros|ers)$")


@dataclass(frozen=True)
class Mention:
    """A mention of an actor: its span, the surface form, canonical name and type."""

    start: int
    end: int
    text: str
    canonical: str
    type: str
    via: str  # name, demonym, country


@dataclass(frozen=True)
class Gazetteer:
    """Countries with their demonyms and aliases, titles, and organisation words."""

    countries: dict[str, str]  # folded surface form -> country
    demonyms: dict[str, str]  # folded demonym -> country
    titles: tuple[tuple[str, ...], ...]  # title token sequences as written, longest first
    org_words: dict[str, str]  # folded word -> type
    ambiguous: frozenset[str]  # country names that are often something else (Jordan, Georgia)
    brands: frozenset[str]  # organisation words that are also surnames (Fox, Bloomberg)
    places: dict[str, str]  # folded capital city -> capital ("Mexico City" is a place, not Mexico)
    not_names: frozenset[str]  # months, weekdays, pronouns, labels


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    countries, demonyms, ambiguous, places = {}, {}, set(), {}
    for row in load_lexicon("countries").rows:
        name = row["country"]
        countries[fold(name)] = name
        for capital in filter(None, (c.strip() for c in row.get("capital", "").split(","))):
            places[fold(capital)] = capital
        if row.get("ambiguous", "no") == "yes":
            ambiguous.add(fold(name))
        for alias in filter(None, (a.strip() for a in row.get("aliases", "").split(","))):
            countries.setdefault(fold(alias), name)
        for demonym in filter(None, (d.strip() for d in row.get("demonyms", "").split(","))):
            demonyms[fold(demonym)] = name
    titles = sorted({tuple(r["title"].split()) for r in load_lexicon("titles").rows}, key=lambda t: (-len(t), t))
    rows = load_lexicon("org_words").rows
    org_words = {fold(r["word"]): r["type"] for r in rows}
    brands = frozenset(fold(r["word"]) for r in rows if r.get("brand") == "yes")
    not_names = frozenset(r["word"] for r in load_lexicon("not_names").rows)
    return Gazetteer(countries, demonyms, tuple(titles), org_words, frozenset(ambiguous), brands, places, not_names)


def load_aliases(path: str | Path) -> dict[str, tuple[str, str | None]]:
    """A user alias file: ``alias<TAB>canonical[<TAB>type]`` per line (``#`` comments)."""
    out = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) < 2 or cells[0].lower() == "alias":
            continue
        out[fold(cells[0])] = (cells[1], cells[2] if len(cells) > 2 and cells[2] else None)
    return out


def _runs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of capitalised-word runs inside ``text[start:end]``."""
    runs, current = [], []
    for m in _TOKEN.finditer(text, start, end):
        tok = m.group(0)
        span = m.span()
        if tok.endswith(".") and "." not in tok[:-1] and len(tok) > 3 and tok[:-1].lower() not in _ABBREVIATIONS:
            tok, span = tok[:-1], (m.start(), m.end() - 1)  # a sentence's full stop, not "U.S." or "Jr."
        gap_ok = not current or not text[current[-1][1]:span[0]].strip()
        if _HYPHEN_ADJECTIVE.match(tok):
            if current:
                runs.append(current)
            runs.append([span])
            current = []
            continue
        if tok[:1].isupper() and gap_ok:
            current.append(span)
            if _POSSESSIVE.search(tok) and len(tok) > 2:  # "Trump's Iran threat": the name ends here
                runs.append(current)
                current = []
        elif current and gap_ok and tok in _CONNECTORS and len(current) >= 1:
            current.append(m.span())
        else:
            if current:
                runs.append(current)
            current = []
            if tok[:1].isupper():
                current = [span]
    if current:
        runs.append(current)
    out = []
    for run in runs:
        while run and text[run[-1][0]:run[-1][1]] in _CONNECTORS:
            run = run[:-1]
        if run:
            out.append((run[0][0], run[-1][1]))
    return out


def _words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+", text[start:end])]


def _strip_possessive(text: str, start: int, end: int) -> int:
    m = _POSSESSIVE.search(text, start, end)
    return m.start() if m and end - start > 2 else end


def split_name_run(text: str, start: int, end: int, sentence_start: int, gaz: Gazetteer) -> list[tuple[int, int, str]]:
    """Split a capitalised run into (start, end, via) pieces: countries, demonyms, the name."""
    words = _words(text, start, end)
    opens_sentence = words and (words[0][0] == sentence_start or text[words[0][0] - 1:words[0][0]] in "“\"‘'(")
    if opens_sentence and is_opener(text[words[0][0]:words[0][1]]):
        words = words[1:]
    words = [w for w in words if text[w[0]:w[1]].rstrip(".") not in gaz.not_names and text[w[0]:w[1]] not in gaz.not_names]
    if len(words) == 1 and _HYPHEN_ADJECTIVE.match(text[words[0][0]:words[0][1]]):
        a, b = words[0][0], words[0][0] + text[words[0][0]:words[0][1]].index("-")
        return [(a, b, "demonym")] if fold(text[a:b]) in gaz.demonyms else []
    pieces = []
    i = 0
    while i < len(words):
        if text[words[i][0]:words[i][1]] in _CONNECTORS:
            i += 1
            continue
        # the longest country name or alias starting here
        matched = None
        for j in range(min(len(words), i + 5), i, -1):
            a, b = words[i][0], _strip_possessive(text, words[i][0], words[j - 1][1])
            key = fold(text[a:b])
            if key in gaz.places:
                matched = (a, b, "place", j)
                break
            lone = i == 0 and j == len(words)
            if key in gaz.countries and not _org_tail(text, words[j:], gaz) and (lone or key not in gaz.ambiguous):
                matched = (a, b, "country", j)
                break
            if j == i + 1 and key in gaz.demonyms:
                matched = (a, b, "demonym", j)
                break
        if matched is None:
            break
        pieces.append(matched[:3])
        i = matched[3]
    # titles after the country part ("Prime Minister"), unless the run names an organisation
    rest = words[i:]
    while rest and text[rest[0][0]:rest[0][1]] in _CONNECTORS:
        rest = rest[1:]
    is_org = _name_type(" ".join(text[a:b] for a, b in rest), gaz) in {"organization", "government", "media"}
    while rest and not is_org:
        tokens = [text[a:b] for a, b in rest]
        title = next((t for t in gaz.titles if tuple(tokens[:len(t)]) == t and len(t) < len(tokens)), None)
        if not title:
            break
        rest = rest[len(title):]
    if rest:
        a, b = rest[0][0], _strip_possessive(text, rest[0][0], rest[-1][1])
        if text[a:b].strip() and not (len(rest) == 1 and is_opener(text[a:b])):
            pieces.append((a, b, "name"))
    return pieces


def _org_tail(text: str, words: list[tuple[int, int]], gaz: Gazetteer) -> bool:
    return bool(words) and fold(text[words[-1][0]:words[-1][1]]) in gaz.org_words


def _name_type(name: str, gaz: Gazetteer) -> str:
    """The type a name's own words give it (see the module docstring)."""
    return _name_type_cached(name) if gaz is gazetteer() else _type_of(name, gaz)


@lru_cache(maxsize=65536)
def _name_type_cached(name: str) -> str:
    return _type_of(name, gazetteer())


def _type_of(name: str, gaz: Gazetteer) -> str:
    tokens = name.split()
    if not tokens:
        return "other"
    if "of" in tokens[1:]:  # "Bank of America", "Department of State"
        kind = gaz.org_words.get(fold(tokens[tokens.index("of") - 1]))
        if kind:
            return kind
    for n in range(len(tokens), 0, -1):  # the longest listed tail: "Capitol Hill" before "Hill"
        tail = fold(" ".join(tokens[-n:]))
        kind = gaz.org_words.get(tail)
        if kind and not (tail in gaz.brands and n < len(tokens)):  # "Vicente Fox" is a person
            return kind
    if tokens[0] in _ARTICLES and len(tokens) > 1:  # "Los Zetas", "The Clash"
        return "group"
    if len(tokens) > 1 and all(t.isupper() for t in tokens):
        return "other"  # "BE CAUTIOUS!": shouted words, not a name
    if len(tokens) == 1:
        if _PLURAL_GROUP.match(name):
            return "group"
        if name.isupper() and len(name) >= 2:
            return "organization"
        return "other"
    if 2 <= len(tokens) <= 4 and all(t[:1].isupper() or t in _CONNECTORS for t in tokens):
        return "person"
    return "other"


def _title_case(text: str) -> bool:
    words = [w for w in text.split() if len(w) > 3]
    return bool(words) and sum(w[:1].isupper() for w in words) >= 0.7 * len(words)


def find_mentions(article: Article, aliases: dict | None = None) -> list[Mention]:
    """Every actor mention in the prose of the article, merged to canonical names.

    In a title-case headline or subhead every word is capitalised, and the first word of a
    sentence always is, so a name found there (a single word, for a sentence's first word)
    counts only when the same name occurs elsewhere in the article.
    """
    gaz = gazetteer()
    text = article.text
    raw: list[tuple[int, int, str, str]] = []  # start, end, surface, via
    weak: set[int] = set()
    for s in article.sentences:
        if s.segment not in PROSE_KINDS:
            continue
        titled = s.segment in {"headline", "subhead"} and _title_case(text[s.start:s.end])
        for a, b in _runs(text, s.start, s.end):
            for start, end, via in split_name_run(text, a, b, s.start, gaz):
                initial = start == s.start or text[start - 1:start] in "“\"‘'(" and not text[s.start:start - 1].strip()
                if via == "name" and (titled or initial and " " not in text[start:end]):
                    weak.add(start)
                raw.append((start, end, text[start:end], via))
        _extend_acronym_tails(text, s.start, s.end, raw)
    strong = {fold(surface) for a, _, surface, via in raw if via == "name" and a not in weak}
    strong |= {key.split()[-1] for key in strong if " " in key}  # "Zarif" opening a sentence, after "Mohammad Javad Zarif"
    raw = [r for r in raw if r[0] not in weak or fold(r[2]) in strong]
    return _canonicalise(raw, gaz, aliases or {})


_ACRONYM_TAIL = re.compile(r"\b([A-Z]{2,}[A-Za-z]*)\s+(group|company|corporation|firm|party|movement)\b")


def _extend_acronym_tails(text: str, start: int, end: int, raw: list) -> None:
    """"NSO group": an acronym followed by a lower-case organisation word is one name (a
    country's acronym too: "the anti-EU movement" names a group, not the EU)."""
    for m in _ACRONYM_TAIL.finditer(text, start, end):
        for i, (a, b, _, via) in enumerate(raw):
            if a == m.start(1) and b == m.end(1):
                raw[i] = (a, m.end(), text[a:m.end()], "name")


def _canonical_variant(variants: list[str], counts: Counter, gaz: Gazetteer) -> str:
    """The most frequent variant; ties to the one with diacritics, then more capitals."""
    best = max(variants, key=lambda v: (counts[v], sum(ord(c) > 127 for c in v), sum(w[:1].isupper() for w in v.split()), v))
    if fold(best).split()[-1] in gaz.org_words and not best.split()[-1][:1].isupper():
        best = " ".join(w[:1].upper() + w[1:] for w in best.split())  # "NSO group" -> "NSO Group"
    return best


def _canonicalise(raw: list, gaz: Gazetteer, aliases: dict) -> list[Mention]:
    """Merge variants and give each mention its canonical name and type."""
    counts = Counter(surface for _, _, surface, via in raw if via == "name")
    by_key: dict[str, list[str]] = defaultdict(list)
    for surface in counts:
        by_key[fold(surface)].append(surface)
    canonical_of = {}
    for variants in by_key.values():
        best = _canonical_variant(variants, counts, gaz)
        canonical_of.update({v: best for v in variants})
    # a shorter name that is the tail of exactly one longer person's name joins it
    people = {fold(c): c for c in set(canonical_of.values()) if _name_type(c, gaz) == "person"}
    by_fold = {fold(c): c for c in canonical_of.values()}
    for surface, canon in list(canonical_of.items()):
        key = fold(canon)
        if _name_type(canon, gaz) not in {"other", "person"}:
            continue
        longer = {full for fkey, full in people.items() if fkey.endswith(" " + key)}
        if len(longer) == 1:
            canonical_of[surface] = longer.pop()
        elif " " not in key and key + "s" in by_fold:  # "Zapatista" joins "Zapatistas"
            canonical_of[surface] = by_fold[key + "s"]
    person_names = set(people.values())
    out = []
    for a, b, surface, via in raw:
        if fold(surface) in aliases:
            canon, forced = aliases[fold(surface)]
            out.append(Mention(a, b, surface, canon, forced or _name_type(canon, gaz), via))
        elif via == "country":
            out.append(Mention(a, b, surface, gaz.countries[fold(surface)], "country", via))
        elif via == "demonym":
            out.append(Mention(a, b, surface, gaz.demonyms[fold(surface)], "country", via))
        elif via == "place":
            out.append(Mention(a, b, surface, gaz.places[fold(surface)], "place", via))
        else:
            canon = canonical_of[surface]
            kind = "person" if canon in person_names else _name_type(canon, gaz)
            out.append(Mention(a, b, surface, canon, kind, via))
    return sorted(out, key=lambda m: m.start)
