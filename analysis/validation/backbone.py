"""Scores of the shipped spaCy pipeline on the data kept out of its training (``make validate``).

* GUM dev (16 documents, gold UD v2): UAS and LAS over every word, punctuation included, LAS
  on the universal part of the label (CoNLL 2018 convention) and on the full label; PTB tag
  accuracy; named-entity precision, recall and F1 per type, exact spans, on GUM's named mentions
  (the rule of :func:`analysis.nlp.corpora.gum_entities`).
* UD English-EWT dev, the odd half of its documents (the even half is training data): UAS, LAS,
  tag accuracy, and Universal NER F1 (PER, ORG, LOC; our MISC and NORP are not scored, UNER has
  no such class).
* PolNeAR dev (84 articles), agreement with the CoreNLP entities the corpus ships: token-level
  F1 per type for PERSON, ORGANIZATION and LOCATION (GPE and LOC both count as LOCATION), the
  measure the issue's en_core_web_sm figure (about 0.77) uses.
* Pronouns on PolNeAR dev, read and parsed as any article is (``analysis.read_article``, our
  sentences, :func:`analysis.nlp.actors.find_actors`), against CoreNLP's coreference chains
  (silver): a third-person pronoun in a chain that also holds a named mention is right when the
  actor we resolve it to has a mention overlapping one of that chain's mentions. Reported for
  every such pronoun and for the pronouns that PolNeAR's annotators marked as a Source.

The pipeline runs on the gold words, one sentence at a time, as :func:`analysis.nlp.parse`
runs it on an article's sentences. Predicted labels map to the gold classes by ``TO_GOLD``.
Speed: words per second over all three sets in this run (one process, one thread).
"""
from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from analysis.config import require_shared
from analysis.nlp import corpora

TO_GOLD = {"PERSON": "PERSON", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC", "FAC": "LOC",
           "NORP": "MISC", "MISC": "MISC", "EVENT": "MISC", "WORK_OF_ART": "MISC",
           "PRODUCT": "MISC", "LAW": "MISC", "LANGUAGE": "MISC"}
CORENLP = {"PERSON": "PERSON", "ORGANIZATION": "ORG", "LOCATION": "LOC"}


def _shared() -> Path:
    return require_shared("treebanks").parent


def _run(nlp, sentences: list[corpora.Sentence]):
    from spacy.tokens import Doc

    docs = (Doc(nlp.vocab, words=[t.form for t in s.tokens],
                spaces=[t.space for t in s.tokens]) for s in sentences)
    return list(nlp.pipe(docs, batch_size=256))


def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0, "gold": tp + fn}


def _attachment(sentences, docs) -> dict[str, float | int]:
    words = uas = las = las_full = tags = 0
    for sentence, doc in zip(sentences, docs):
        for gold, token in zip(sentence.tokens, doc):
            words += 1
            tags += gold.xpos == token.tag_
            head = 0 if token.head.i == token.i else token.head.i + 1
            if head != gold.head:
                continue
            uas += 1
            pred = "root" if token.dep_ == "ROOT" else token.dep_
            las += pred.split(":")[0] == gold.deprel.split(":")[0]
            las_full += pred == gold.deprel
    return {"words": words, "uas": round(uas / words, 4), "las": round(las / words, 4),
            "las_full_label": round(las_full / words, 4), "tag_accuracy": round(tags / words, 4)}


def _span_scores(sentences, docs, labels: set[str]) -> dict[str, dict]:
    counts: dict[str, Counter] = {}
    for sentence, doc in zip(sentences, docs):
        gold = {(s, e, lab) for s, e, lab in sentence.ents if lab in labels}
        pred = {(e.start, e.end, TO_GOLD.get(e.label_, e.label_)) for e in doc.ents}
        pred = {p for p in pred if p[2] in labels}
        for lab in labels:
            c = counts.setdefault(lab, Counter())
            g = {x for x in gold if x[2] == lab}
            q = {x for x in pred if x[2] == lab}
            c["tp"] += len(g & q)
            c["fp"] += len(q - g)
            c["fn"] += len(g - q)
    out = {lab: _prf(c["tp"], c["fp"], c["fn"]) for lab, c in sorted(counts.items())}
    total = sum(counts.values(), Counter())
    out["all"] = _prf(total["tp"], total["fp"], total["fn"])
    return out


def _token_agreement(sentences, docs) -> dict[str, dict]:
    counts: dict[str, Counter] = {lab: Counter() for lab in CORENLP.values()}
    for sentence, doc in zip(sentences, docs):
        for gold, token in zip(sentence.tokens, doc):
            g = CORENLP.get(gold.misc.get("NER", "O"))
            p = TO_GOLD.get(token.ent_type_) if token.ent_type_ else None
            for lab, c in counts.items():
                c["tp"] += g == lab and p == lab
                c["fp"] += g != lab and p == lab
                c["fn"] += g == lab and p != lab
    out = {lab: _prf(c["tp"], c["fp"], c["fn"]) for lab, c in counts.items()}
    total = sum(counts.values(), Counter())
    out["all"] = _prf(total["tp"], total["fp"], total["fn"])
    return out


_PRONOUNS = frozenset("he him his himself she her hers herself it its itself they them their "
                      "theirs themselves".split())


def _chains(stem: Path) -> list[list[tuple[int, int, str]]]:
    """CoreNLP chains of one PolNeAR article as (start, end, text) character spans."""
    import json

    offsets = []
    for _, rows, _ in corpora.read_conllu(stem.with_suffix(".conllu")):
        offsets.append([(int(corpora._misc(c[9])["Start"]), int(corpora._misc(c[9])["End"]),
                         corpora._misc(c[9]).get("NER", "O")) for c in rows])
    chains = []
    for chain in json.loads(stem.with_suffix(".coref.json").read_text(encoding="utf-8")):
        spans = []
        for m in chain:
            toks = offsets[m["sentence"] - 1][m["start"] - 1:m["end"] - 1]
            named = any(t[2] in CORENLP for t in toks)
            spans.append((toks[0][0], toks[-1][1], m["text"] if not named else "NAMED:" + m["text"]))
        chains.append(spans)
    return chains


def _sources(ann: Path) -> set[tuple[int, int]]:
    out = set()
    for line in ann.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) >= 3 and cells[1].startswith("Source ") and ";" not in cells[1]:
            _, a, b = cells[1].split()
            out.add((int(a), int(b)))
    return out


def pronouns(shared: Path, nlp) -> dict:
    import analysis
    from analysis.nlp.actors import find_actors
    from analysis.nlp.parse import parse

    prose = {"headline", "standfirst", "body", "subhead", "caption"}
    folder = shared / "benchmarks/polnear/dev"
    counts = {"all": Counter(), "sources": Counter()}
    for text_path in sorted((folder / "text").glob("*.txt")):
        stem = folder / "corenlp" / text_path.stem
        if not stem.with_suffix(".conllu").exists():
            continue
        anns = sorted((folder / "attributions").glob(text_path.stem + "_*.ann"))
        sources = _sources(anns[0]) if anns else set()
        article, _ = analysis.read_article(text_path)
        spans = [(s.start, s.end) for s in article.sentences if s.segment in prose]
        actors, _ = find_actors(parse(article.text, spans, nlp))
        owner = {}
        for actor in actors:
            for m in actor.mentions:
                owner[m.start] = actor
        for chain in _chains(stem):
            named = [(a, b) for a, b, t in chain if t.startswith("NAMED:")]
            if not named:
                continue
            for a, b, t in chain:
                if t.lower() not in _PRONOUNS:
                    continue
                kinds = ["all"] + (["sources"] if (a, b) in sources else [])
                actor = owner.get(a)
                right = actor is not None and any(
                    m.start < nb and na < m.end for m in actor.mentions if m.via != "pronoun"
                    for na, nb in named)
                for kind in kinds:
                    counts[kind]["pronouns"] += 1
                    counts[kind]["resolved"] += actor is not None
                    counts[kind]["right"] += right
    out = {}
    for kind, c in counts.items():
        n = c["pronouns"]
        out[kind] = {"pronouns": n, "resolved": c["resolved"], "right": c["right"],
                     "accuracy": round(c["right"] / n, 4) if n else None,
                     "precision": round(c["right"] / c["resolved"], 4) if c["resolved"] else None}
    return out


def run(nlp=None) -> dict:
    shared = _shared()
    if nlp is None:
        from analysis.nlp import load

        nlp = load()
    result: dict = {}
    words = 0
    seconds = 0.0

    def parsed(docs_in):
        nonlocal words, seconds
        sentences = [s for d in docs_in for s in d.sentences]
        started = time.perf_counter()
        docs = _run(nlp, sentences)
        seconds += time.perf_counter() - started
        words += sum(len(s.tokens) for s in sentences)
        return sentences, docs

    sentences, docs = parsed(corpora.read_gum(shared / "treebanks/gum/dev"))
    result["gum_dev"] = {**_attachment(sentences, docs),
                         "entities": _span_scores(sentences, docs, {"PERSON", "ORG", "LOC", "MISC"})}
    folder = shared / "treebanks/ud-ewt"
    sentences, docs = parsed(corpora.read_ewt(folder / "en_ewt-ud-dev.conllu",
                                              folder / "en_ewt-uner-dev.iob2", half=1))
    result["ewt_dev_heldout_half"] = {**_attachment(sentences, docs),
                                      "uner": _span_scores(sentences, docs, {"PERSON", "ORG", "LOC"})}
    sentences, docs = parsed(corpora.read_polnear(shared / "benchmarks/polnear/dev/corenlp"))
    result["polnear_dev_corenlp_entities"] = _token_agreement(sentences, docs)
    result["words_per_second"] = round(words / seconds) if seconds else None
    result["pronouns_polnear_dev"] = pronouns(shared, nlp)
    result["pipeline"] = {k: v for k, v in nlp.meta.items() if k in ("name", "version")}
    return result


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=1))
