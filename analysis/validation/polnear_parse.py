"""The parse of PolNeAR's articles by the shipped spaCy pipeline, cached per split.

Each article is read as the analysis reads a plain-text file (``parse_text(text, "txt")``) and its
prose is parsed as every reader of the parse sees it (:func:`analysis.measures.sources.actors.parse_prose`).
The docs are kept in ``.cache/polnear-parse/<split>-<model>.spacy`` (a spaCy ``DocBin``; the model's
hash is in the name, so a retrained pipeline parses afresh). Nothing here is shipped.
"""
from __future__ import annotations

from functools import lru_cache

from analysis.config import PROJECT_ROOT

CACHE = PROJECT_ROOT / ".cache" / "polnear-parse"


def _model_key() -> str:
    from analysis.nlp import pipeline_info

    info = pipeline_info(None) or {}
    return str(info.get("sha256") or info.get("version") or "model")[:12]


@lru_cache(maxsize=2)
def parsed_split(split: str) -> dict:
    """Article name -> (article, parse) for every article of ``split`` ("train" or "dev")."""
    from spacy.tokens import DocBin

    from analysis.measures.sources.actors import parse_prose
    from analysis.nlp import load
    from analysis.nlp.parse import Parse
    from analysis.read.reader import parse_text
    from analysis.validation.polnear import load_split

    nlp = load(None)
    docs = load_split(split)
    articles = {d.name: parse_text(d.text, "txt") for d in docs}
    path = CACHE / f"{split}-{_model_key()}.spacy"
    if path.is_file():
        grouped: dict[str, list] = {}
        for doc in DocBin().from_disk(path).get_docs(nlp.vocab):
            grouped.setdefault(doc.user_data["article"], []).append(doc)
        if set(grouped) == set(articles):
            return {name: (articles[name], Parse(tuple(grouped[name]), tuple(d.user_data["start"] for d in grouped[name])))
                    for name in articles}
    out, bin_ = {}, DocBin(store_user_data=True)
    for name, article in articles.items():
        parse = parse_prose(article, nlp)
        for doc, start in zip(parse.docs, parse.starts):
            doc.user_data["article"], doc.user_data["start"] = name, start
            bin_.add(doc)
        out[name] = (article, parse)
    CACHE.mkdir(parents=True, exist_ok=True)
    bin_.to_disk(path)
    return out
