"""Training data for the project's spaCy pipeline, read from the open treebanks in ``../shared``.

Four sources become spaCy ``Doc`` objects with words, spaces, PTB tags, dependency heads and
labels (Universal Dependencies v2 names, the root labelled ``ROOT`` as spaCy does) and named
entities, one ``Doc`` per document:

* **GUM** train (gold UD v2). Named entities are GUM's entity mentions whose syntactic head is a
  proper noun, trimmed to the name (leading determiners, trailing possessive and punctuation
  dropped; a mention with common-noun words around the name keeps the run of proper nouns round
  its head). Types: person -> PERSON, organization -> ORG, place -> LOC, event / object / abstract
  -> MISC; named times, animals, plants and substances are left out.
* **PolNeAR** train with the CoreNLP annotations it ships (silver: UD v1 basic dependencies mapped
  onto v2 names by :func:`ud1_to_ud2`; 4-class NER PERSON / ORGANIZATION / LOCATION / MISC; the
  numeric classes are not entities here).
* **wikigold** (entities only, IOB1; spaces restored by :func:`_join_tokens`).
* **UD English-EWT dev**, the half of its documents in even positions (gold UD v2 with the
  Universal NER labels PER / ORG / LOC); the odd half is kept for scoring.

None of these separates countries from other places or marks nationalities, so the model's
labels are PERSON, ORG, LOC and MISC; GPE and NORP are assigned after the parse from the
gazetteer (:mod:`analysis.nlp.gazetteer`).

Held out for scoring, never read here: GUM dev, PolNeAR dev, EWT dev's odd half. A tuning split
for model selection during training is carved out of the training sources by document
(:func:`split_name`): every 15th GUM train document and every 20th PolNeAR train article.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

GUM_TYPES = {"person": "PERSON", "organization": "ORG", "place": "LOC",
             "event": "MISC", "object": "MISC", "abstract": "MISC"}
CORENLP_TYPES = {"PERSON": "PERSON", "ORGANIZATION": "ORG", "LOCATION": "LOC", "MISC": "MISC"}
CONLL_TYPES = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}
NAME_POS = {"PROPN", "NUM", "ADP", "DET", "CCONJ", "PUNCT", "PART"}

# UD v1 labels that v2 renamed (de Marneffe et al. 2021, "Universal Dependencies", table 2).
_RENAMED = {"dobj": "obj", "nsubjpass": "nsubj:pass", "csubjpass": "csubj:pass",
            "auxpass": "aux:pass", "mwe": "fixed", "name": "flat", "foreign": "flat:foreign",
            "remnant": "orphan"}


@dataclass
class Token:
    form: str
    lemma: str
    upos: str
    xpos: str
    head: int          # 1-based within the sentence, 0 for the root; -1 when unknown
    deprel: str
    misc: dict[str, str]
    space: bool = True


@dataclass
class Sentence:
    tokens: list[Token] = field(default_factory=list)
    ents: list[tuple[int, int, str]] = field(default_factory=list)   # token start, end, label


@dataclass
class Document:
    name: str
    sentences: list[Sentence] = field(default_factory=list)


def _misc(value: str) -> dict[str, str]:
    if value in ("_", ""):
        return {}
    out = {}
    for part in value.split("|"):
        key, _, val = part.partition("=")
        out[key] = val
    return out


def read_conllu(path: Path) -> Iterator[tuple[str, list[tuple[str, ...]], list[str]]]:
    """Yield ``(doc_id, rows, comments)`` per sentence; multiword ranges and empty nodes folded."""
    doc_id = path.stem
    rows: list[tuple[str, ...]] = []
    comments: list[str] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line:
                if rows:
                    yield doc_id, rows, comments
                rows, comments = [], []
                continue
            if line.startswith("#"):
                match = re.match(r"# newdoc id = (\S+)", line)
                if match:
                    doc_id = match.group(1)
                comments.append(line)
                continue
            rows.append(tuple(line.split("\t")))
    if rows:
        yield doc_id, rows, comments


def _tokens(rows: list[tuple[str, ...]], *, offsets: bool) -> list[Token]:
    tokens: list[Token] = []
    range_end = 0
    range_space = True
    for cols in rows:
        ident = cols[0]
        if "." in ident:
            continue
        if "-" in ident:
            first, last = ident.split("-")
            range_end = int(last)
            range_space = _misc(cols[9]).get("SpaceAfter") != "No"
            continue
        misc = _misc(cols[9])
        head = int(cols[6]) if cols[6].isdigit() else -1
        token = Token(cols[1], cols[2], cols[3], cols[4], head, cols[7], misc,
                      misc.get("SpaceAfter") != "No")
        number = int(ident)
        if number < range_end:
            token.space = False
        elif number == range_end:
            token.space = range_space
        tokens.append(token)
    if offsets:
        for left, right in zip(tokens, tokens[1:]):
            left.space = int(right.misc.get("Start", 0)) > int(left.misc.get("End", 0))
    return tokens


def ud1_to_ud2(tokens: list[Token]) -> None:
    """Rename UD v1 relations to v2 in place: the renamed labels, ``neg`` -> ``advmod`` (``det``
    for "no"), and ``nmod`` on a predicate (a verb, adjective or adverb, or a word with a
    copula) -> ``obl``, ``obl:agent`` when it is a passive verb's "by" phrase."""
    children: dict[int, list[int]] = {}
    for index, token in enumerate(tokens, 1):
        children.setdefault(token.head, []).append(index)

    def kids(index: int) -> list[Token]:
        return [tokens[i - 1] for i in children.get(index, [])]

    for index, token in enumerate(tokens, 1):
        rel = token.deprel
        base, _, sub = rel.partition(":")
        if base in _RENAMED:
            token.deprel = _RENAMED[base] + (":" + sub if sub and ":" not in _RENAMED[base] else "")
        elif rel == "neg":
            token.deprel = "det" if token.form.lower() == "no" else "advmod"
        elif base == "nmod" and sub != "poss" and token.head > 0:
            head = tokens[token.head - 1]
            head_kids = kids(token.head)
            predicate = head.xpos[:2] in ("VB", "JJ", "RB") or any(k.deprel == "cop" for k in head_kids)
            if predicate:
                case = {k.form.lower() for k in kids(index) if k.deprel == "case"}
                passive = any(k.deprel in ("auxpass", "aux:pass", "nsubjpass", "nsubj:pass")
                              for k in head_kids)
                if not sub and "by" in case and passive and head.xpos == "VBN":
                    token.deprel = "obl:agent"
                else:
                    token.deprel = "obl" + (":" + sub if sub else "")


def _gum_mentions(tokens: list[Token]) -> list[tuple[int, int, str]]:
    """GUM ``Entity=`` brackets -> (start, end, type) token spans within the sentence."""
    spans = []
    open_: dict[str, list[tuple[int, str]]] = {}
    for index, token in enumerate(tokens):
        value = token.misc.get("Entity", "")
        pos = 0
        while pos < len(value):
            if value[pos] == "(":
                end = pos + 1
                while end < len(value) and value[end] not in "()":
                    end += 1
                body = value[pos + 1:end]
                ident, _, rest = body.partition("-")
                etype = rest.split("-", 1)[0]
                if end < len(value) and value[end] == ")":
                    spans.append((index, index + 1, etype))
                    end += 1
                else:
                    open_.setdefault(ident, []).append((index, etype))
                pos = end
            else:
                match = re.match(r"(\d+)\)", value[pos:])
                if match:
                    stack = open_.get(match.group(1))
                    if stack:
                        start, etype = stack.pop()
                        spans.append((start, index + 1, etype))
                    pos += match.end()
                else:
                    pos += 1
    return spans


def _proper(token: Token) -> bool:
    return token.upos == "PROPN" or token.xpos in ("NNP", "NNPS")


def gum_entities(tokens: list[Token]) -> list[tuple[int, int, str]]:
    """Named mentions of a GUM sentence as non-overlapping entity spans (outermost first)."""
    found = []
    for start, end, etype in _gum_mentions(tokens):
        label = GUM_TYPES.get(etype)
        if label is None:
            continue
        inside = range(start, end)
        heads = [i for i in inside if not (start < tokens[i].head <= end)]
        if not heads or not _proper(tokens[heads[0]]):
            continue
        head = heads[0]
        if not all(tokens[i].upos in NAME_POS or _proper(tokens[i]) for i in inside):
            start, end = head, head + 1
            while start > 0 and _proper(tokens[start - 1]):
                start -= 1
            while end < len(tokens) and _proper(tokens[end]):
                end += 1
        while start < end and tokens[start].upos in ("DET", "PUNCT", "ADP", "CCONJ"):
            start += 1
        while end > start and (tokens[end - 1].upos in ("PUNCT", "ADP", "CCONJ", "DET")
                               or tokens[end - 1].xpos == "POS"):
            end -= 1
        if start < end:
            found.append((start, end, label))
    found.sort(key=lambda span: (span[0], -(span[1] - span[0])))
    chosen: list[tuple[int, int, str]] = []
    for span in found:
        if not chosen or span[0] >= chosen[-1][1]:
            chosen.append(span)
    return chosen


def _runs(labels: list[str]) -> list[tuple[int, int, str]]:
    """Consecutive equal labels (CoreNLP style) -> spans; 'O' and unmapped labels skipped."""
    spans = []
    start = 0
    for index in range(1, len(labels) + 1):
        if index == len(labels) or labels[index] != labels[start]:
            if labels[start] != "O":
                spans.append((start, index, labels[start]))
            start = index
    return spans


def _iob(tags: list[str]) -> list[tuple[int, int, str]]:
    """IOB1 or IOB2 tags -> spans with the labels of ``CONLL_TYPES``."""
    spans = []
    start, label = None, None
    for index, tag in enumerate(tags + ["O"]):
        prefix, _, kind = tag.partition("-")
        begins = prefix == "B" or (prefix == "I" and kind != label) or prefix == "O"
        if begins and label is not None:
            spans.append((start, index, CONLL_TYPES[label]))
            label = None
        if prefix in ("B", "I") and label is None and kind in CONLL_TYPES:
            start, label = index, kind
    return spans


def read_gum(folder: Path) -> Iterator[Document]:
    for path in sorted(folder.glob("*.conllu")):
        doc = Document(path.stem)
        for _, rows, _ in read_conllu(path):
            tokens = _tokens(rows, offsets=False)
            doc.sentences.append(Sentence(tokens, gum_entities(tokens)))
        yield doc


def read_polnear(folder: Path) -> Iterator[Document]:
    for path in sorted(folder.glob("*.conllu")):
        doc = Document(path.stem)
        for _, rows, _ in read_conllu(path):
            tokens = _tokens(rows, offsets=True)
            ud1_to_ud2(tokens)
            labels = [CORENLP_TYPES.get(t.misc.get("NER", "O"), "O") for t in tokens]
            doc.sentences.append(Sentence(tokens, _runs(labels)))
        if doc.sentences:
            doc.sentences[-1].tokens[-1].space = False
        yield doc


def read_ewt(conllu: Path, uner: Path, *, half: int) -> Iterator[Document]:
    """EWT dev documents with UNER entities; ``half`` 0 gives even-numbered documents, 1 odd."""
    ner: dict[str, list[str]] = {}
    for _, rows, comments in read_conllu(uner):
        sent_id = next(c.split("= ", 1)[1] for c in comments if c.startswith("# sent_id"))
        ner[sent_id] = [cols[2] for cols in rows]
    docs: list[Document] = []
    for doc_id, rows, comments in read_conllu(conllu):
        if not docs or docs[-1].name != doc_id:
            docs.append(Document(doc_id))
        sent_id = next(c.split("= ", 1)[1] for c in comments if c.startswith("# sent_id"))
        tokens = _tokens(rows, offsets=False)
        tags = ner.get(sent_id, ["O"] * len(tokens))
        spans = _iob(tags) if len(tags) == len(tokens) else []
        docs[-1].sentences.append(Sentence(tokens, spans))
    for index, doc in enumerate(docs):
        if index % 2 == half:
            yield doc


def _join_tokens(words: list[str]) -> list[bool]:
    """Spaces after each word of a pre-tokenised sentence, by English punctuation habits."""
    no_space_before = {".", ",", ":", ";", "!", "?", ")", "]", "}", "%", "'s", "n't", "'", "''"}
    no_space_after = {"(", "[", "{", "$", "``"}
    spaces = []
    for index, word in enumerate(words):
        nxt = words[index + 1] if index + 1 < len(words) else None
        spaces.append(nxt is not None and nxt not in no_space_before and word not in no_space_after
                      and not nxt.startswith("'"))
    return spaces


def read_wikigold(path: Path) -> Iterator[Document]:
    doc: Document | None = None
    words: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if doc is not None and words:
            spaces = _join_tokens(words)
            tokens = [Token(w, "", "", "", -1, "", {}, s) for w, s in zip(words, spaces)]
            doc.sentences.append(Sentence(tokens, _iob(list(tags))))
        words.clear()
        tags.clear()

    count = 0
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("-DOCSTART-"):
            flush()
            if doc is not None and doc.sentences:
                yield doc
            count += 1
            doc = Document(f"wikigold-{count:03d}")
        elif not line.strip():
            flush()
        else:
            word, _, tag = line.rpartition(" ")
            words.append(word)
            tags.append(tag)
    flush()
    if doc is not None and doc.sentences:
        yield doc


def split_name(source: str, index: int) -> str:
    """'tune' for the documents held back for model selection, else 'train'."""
    every = {"gum": 15, "polnear": 20}.get(source)
    return "tune" if every and index % every == every - 1 else "train"
