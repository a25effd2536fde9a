"""PolNeAR (Newell, Margolin and Ruths, LREC 2018): loading the train and dev splits and their gold spans.

Texts in ``benchmarks/polnear/{train,dev}/text``, brat standoff annotations in ``{train,dev}/attributions``
(``Source``, ``Cue``, ``Content`` spans; ``Attribution`` and ``Attribution-no-source``
relations). We use the first annotator listed for each article in ``metadata.tsv``.
Research use only: nothing from it is shipped.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from analysis.config import require_shared

#: Double-quoted spans as a plain reference finder sees them: curly pairs and straight pairs
#: inside one paragraph (marks included).
REFERENCE_QUOTE = re.compile(r"“[^“”\n]*”|\"[^\"\n]*\"")
_TAG = re.compile(r"<(\w+)[^>]*>.*?</\1>|<[^>]+>", re.S)


@dataclass(frozen=True)
class GoldAttribution:
    """One gold attribution: its relation type and the spans of its parts."""

    relation: str
    sources: tuple[tuple[int, int], ...]
    cues: tuple[tuple[int, int], ...]
    contents: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Doc:
    """A PolNeAR article: name, text, gold attributions, and metadata."""

    name: str
    path: Path
    text: str
    attributions: tuple[GoldAttribution, ...]
    meta: dict = field(default_factory=dict)

    @property
    def contents(self) -> list[tuple[int, int]]:
        return [c for a in self.attributions for c in a.contents]

    def tag_spans(self) -> list[tuple[int, int]]:
        """Spans of markup tags left in the text (``<tweet author="...">...</tweet>``)."""
        return [m.span() for m in _TAG.finditer(self.text)]


def _spans(field_value: str) -> list[tuple[int, int]]:
    out = []
    for piece in field_value.split(";"):
        a, b = piece.split()
        out.append((int(a), int(b)))
    return out


def parse_ann(path: Path) -> tuple[GoldAttribution, ...]:
    """Parse a brat ``.ann`` file into attributions (discontinuous spans kept as pieces)."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            label, _, where = parts[1].partition(" ")
            spans[parts[0]] = (label, _spans(where))
        elif parts[0].startswith("E"):
            events.append(parts[1].split())
    out = []
    for args in events:
        relation = args[0].split(":")[0]
        roles: dict[str, list[tuple[int, int]]] = {"Source": [], "Cue": [], "Content": []}
        for arg in args[1:]:
            role, _, ref = arg.partition(":")
            role = re.sub(r"\d+$", "", role)
            if role in roles and ref in spans:
                roles[role].extend(spans[ref][1])
        out.append(GoldAttribution(relation, tuple(roles["Source"]), tuple(roles["Cue"]), tuple(roles["Content"])))
    return tuple(out)


@lru_cache(maxsize=4)
def load_split(split: str) -> tuple[Doc, ...]:
    """The articles of ``split`` ("train": 840, "dev": 84) with the first listed annotator's
    attributions."""
    base = require_shared("benchmarks", "polnear")
    with (base / "metadata.tsv").open(encoding="utf-8") as fh:
        meta = {r["filename"]: r for r in csv.DictReader(fh, delimiter="\t")}
    docs = []
    for path in sorted((base / split / "text").glob("*.txt")):
        name = path.stem
        annotator = meta[name]["annotators"].split("|")[0]
        ann = base / split / "attributions" / f"{name}_{annotator}.ann"
        text = path.read_text(encoding="utf-8")
        docs.append(Doc(name, path, text, parse_ann(ann), meta.get(name, {})))
    return tuple(docs)


def load_dev() -> tuple[Doc, ...]:
    """The 84 dev articles (kept for out-of-sample figures: never train or tune on them)."""
    return load_split("dev")


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def reference_quotes(doc: Doc) -> list[tuple[int, int]]:
    """Double-quoted spans of a document, outside markup tags (the unit of the quote scores)."""
    tags = doc.tag_spans()
    return [m.span() for m in REFERENCE_QUOTE.finditer(doc.text)
            if not any(overlaps(m.span(), t) for t in tags) and m.end() - m.start() > 2]


def silver_label(doc: Doc, span: tuple[int, int]) -> str:
    """"attributed" when the span overlaps a gold Content, else "unattributed" (guidelines p. 23)."""
    return "attributed" if any(overlaps(span, c) for c in doc.contents) else "unattributed"
