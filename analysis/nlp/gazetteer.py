"""Countries and nationalities on the parse: GPE, NORP (and ORG for blocs) from the gazetteer.

The treebanks the model learned from label places as one class (LOC) and nationalities as
MISC, so after the entity recogniser this component applies ``lexicons/countries.tsv``, in
this order, to every entity whose text (a leading "the" aside) is in it:

1. a country's name, alias or capital -> ``GPE`` ("Mexico", "the U.S.", "Jerusalem"); a bloc
   ("European Union") -> ``ORG``; a region ("Middle East") -> ``LOC``; whatever label the
   model gave (it often calls a country an organisation);
2. a demonym -> ``NORP`` ("Israeli", "Mexicans");
3. then every token outside an entity that is a demonym becomes a one-token ``NORP`` entity
   ("the Israeli firm" gives "Israeli"), unless it starts a longer proper name the model left
   untagged ("Mexican Revolution" stays as it is).

Entities of another pipeline's OntoNotes labels (``en_core_web_sm``'s GPE, NORP, FAC, ...) are
left alone unless they are LOC, MISC, ORG or PERSON spans that match the gazetteer exactly.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from analysis.lexicon import load_lexicon

NAME = "analysis_gazetteer"
_RELABEL = frozenset({"LOC", "MISC", "ORG", "PERSON", "GPE", "NORP"})
_KIND_LABEL = {"bloc": "ORG", "region": "LOC"}


def _cells(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


@lru_cache(maxsize=1)
def tables() -> tuple[dict[str, str], frozenset[str]]:
    """(lower-cased name, alias or capital -> label, lower-cased demonyms)."""
    names: dict[str, str] = {}
    demonyms: set[str] = set()
    for row in load_lexicon("countries").rows:
        label = _KIND_LABEL.get(row["kind"], "GPE")
        for name in [row["country"], *_cells(row["aliases"]), *_cells(row["capital"])]:
            names.setdefault(name.lower(), label)
        demonyms.update(d.lower() for d in _cells(row["demonyms"]))
    return names, frozenset(demonyms)


def _key(span: Span) -> str:
    words = span.text
    if words.lower().startswith("the "):
        words = words[4:]
    return words.lower()


@Language.component(NAME)
def relabel(doc: Doc) -> Doc:
    names, demonyms = tables()
    ents = []
    for ent in doc.ents:
        key = _key(ent)
        if ent.label_ in _RELABEL and key in names:
            ent = Span(doc, ent.start, ent.end, label=names[key])
        elif ent.label_ in _RELABEL and key in demonyms:
            ent = Span(doc, ent.start, ent.end, label="NORP")
        ents.append(ent)
    taken = {i for ent in ents for i in range(ent.start, ent.end)}
    for token in doc:
        if token.i in taken or token.lower_ not in demonyms or not token.text[:1].isupper():
            continue
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if nxt is not None and nxt.tag_ in ("NNP", "NNPS") and nxt.i not in taken:
            continue
        ents.append(Span(doc, token.i, token.i + 1, label="NORP"))
    doc.ents = sorted(ents, key=lambda e: e.start)
    return doc


def add_to(nlp: Language) -> None:
    """Append the gazetteer to ``nlp`` (after its entity recogniser) unless it is there."""
    if NAME not in nlp.pipe_names:
        nlp.add_pipe(NAME, last=True)
