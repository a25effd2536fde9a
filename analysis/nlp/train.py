"""Train the project's spaCy pipeline from the open treebanks: ``make model`` (never in CI).

Steps, each skipped when its output exists (so a stopped run resumes where it stopped):

1. ``corpora``: the training sources of :mod:`analysis.nlp.corpora` -> ``train.spacy`` and
   ``tune.spacy`` (DocBins) under ``.cache/model/``, with ``sources.json`` naming every document.
2. ``train``: ``spacy train`` with ``analysis/nlp/config.cfg`` (fixed seed). spaCy writes
   ``model-last`` at every evaluation (every 1,000 steps) and ``model-best`` when the tuning
   score improves. If ``model-last`` exists from a stopped run, training continues from its
   weights for the steps that remain (the optimizer's moments start afresh; the log says so).
   ``--from-shipped`` does the same from the shipped model when ``.cache`` is gone (a new
   checkout): the model's ``meta.json`` records the step it was taken at.
3. ``package``: ``model-best`` plus an attribute ruler (PTB tag -> universal POS, from
   ``analysis/lexicons/ptb_upos.tsv``) and spaCy's rule lemmatizer (English tables of
   ``spacy-lookups-data``, serialised into the model) -> ``analysis/models/spacy/``.

``python -m analysis.nlp.train [--sources gum,polnear,wikigold,ewt] [--limit-docs N]
[--max-steps N] [--out DIR] [--no-package]`` runs short ablations into another folder.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from pathlib import Path

from analysis.config import SharedMissing, require_shared
from analysis.nlp import corpora

HERE = Path(__file__).resolve().parent
CONFIG = HERE / "config.cfg"
PACKAGE_DIR = HERE.parent / "models" / "spacy"
SOURCES = ("gum", "polnear", "wikigold", "ewt")
# The gold treebanks are seen twice per epoch: the silver news data is seven times GUM's size.
GOLD_REPEAT = {"gum": 2, "ewt": 2}


def _documents(source: str, shared: Path):
    if source == "gum":
        return corpora.read_gum(shared / "treebanks/gum/train")
    if source == "polnear":
        return corpora.read_polnear(shared / "benchmarks/polnear/train/corenlp")
    if source == "wikigold":
        return corpora.read_wikigold(shared / "treebanks/wikigold/wikigold.conll.txt")
    if source == "ewt":
        folder = shared / "treebanks/ud-ewt"
        return corpora.read_ewt(folder / "en_ewt-ud-dev.conllu", folder / "en_ewt-uner-dev.iob2",
                                half=0)
    raise ValueError(f"unknown source {source!r}")


def to_doc(vocab, document: corpora.Document):
    """One spaCy ``Doc`` from a :class:`corpora.Document` (heads absolute, roots self-headed)."""
    from spacy.tokens import Doc

    words, spaces, tags, heads, deps, starts, ents = [], [], [], [], [], [], []
    parsed = all(t.head >= 0 for s in document.sentences for t in s.tokens)
    for sentence in document.sentences:
        offset = len(words)
        iob = ["O"] * len(sentence.tokens)
        for start, end, label in sentence.ents:
            iob[start] = "B-" + label
            for index in range(start + 1, end):
                iob[index] = "I-" + label
        for index, token in enumerate(sentence.tokens):
            words.append(token.form)
            spaces.append(token.space)
            tags.append(token.xpos or None)
            heads.append(offset + token.head - 1 if token.head > 0 else offset + index)
            deps.append("ROOT" if token.head == 0 else token.deprel)
            starts.append(index == 0)
        ents.extend(iob)
    if spaces:
        spaces[-1] = False
    if parsed:
        return Doc(vocab, words=words, spaces=spaces, tags=tags, heads=heads, deps=deps, ents=ents)
    return Doc(vocab, words=words, spaces=spaces, sent_starts=starts, ents=ents,
               tags=tags if any(tags) else None)


def build_corpora(out: Path, shared: Path, sources: tuple[str, ...], limit: int | None) -> None:
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("en")
    bins = {"train": DocBin(), "tune": DocBin()}
    listing: dict[str, dict[str, list[str]]] = {"train": {}, "tune": {}}
    for source in sources:
        for index, document in enumerate(_documents(source, shared)):
            if limit is not None and index >= limit:
                break
            split = corpora.split_name(source, index)
            doc = to_doc(nlp.vocab, document)
            for _ in range(GOLD_REPEAT.get(source, 1) if split == "train" else 1):
                bins[split].add(doc)
            listing[split].setdefault(source, []).append(document.name)
    out.mkdir(parents=True, exist_ok=True)
    for split, docbin in bins.items():
        docbin.to_disk(out / f"{split}.spacy")
    (out / "sources.json").write_text(json.dumps(listing, indent=1) + "\n", encoding="utf-8")


def _last_step(log: Path) -> int:
    """The last training step a spaCy console log recorded (0 when none)."""
    if not log.exists():
        return 0
    steps = re.findall(r"^\s*\d+\s+(\d+)\s", log.read_text(encoding="utf-8"), flags=re.M)
    return int(steps[-1]) if steps else 0


def _best_step(log: Path) -> tuple[int, float]:
    """(step, score) of the best evaluation in the log (the model-best checkpoint)."""
    best = (0, -1.0)
    for match in re.finditer(r"^\s*\d+\s+(\d+)\s.*\s([\d.]+)\s*$", log.read_text(encoding="utf-8"), flags=re.M):
        step, score = int(match.group(1)), float(match.group(2))
        if score >= best[1]:  # ties (the log rounds): the later step, as spaCy keeps the later best
            best = (step, score)
    return best


def train(out: Path, max_steps: int | None, *, from_shipped: bool = False) -> Path:
    from spacy.cli.train import train as spacy_train

    from thinc.api import Config

    config = Config().from_disk(CONFIG)
    total = max_steps or config["training"]["max_steps"]
    log = out / "train.log"
    overrides = {"paths.train": str(out / "train.spacy"), "paths.dev": str(out / "tune.spacy"),
                 "paths.log": str(out / f"train-{_last_step(log)}.jsonl"),
                 "training.max_steps": total}
    last = out / "training" / "model-last"
    config_path = CONFIG
    done = _last_step(log)
    if from_shipped and not last.exists():
        # a later session: the shipped model is the checkpoint (its meta records its steps)
        import spacy

        meta = spacy.load(PACKAGE_DIR).meta.get("analysis_training", {})
        last, done = PACKAGE_DIR, int(meta.get("steps", 0))
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text(f"# continued from the shipped model\n  0 {done:7d}  resumed\n", encoding="utf-8")
    if last.exists() and done:
        if done >= total:
            return out / "training"
        print(f"resuming from {last} after step {done}; optimizer state restarts", file=sys.stderr)
        resumed = Config().from_disk(CONFIG, interpolate=False)
        for name in resumed["nlp"]["pipeline"]:  # tok2vec, tagger, parser, ner
            resumed["components"][name] = {"source": str(last)}
        resumed["training"]["max_steps"] = total - done
        overrides["training.max_steps"] = total - done
        config_path = out / "resume.cfg"
        resumed.to_disk(config_path)
        shutil.copytree(last, out / f"model-last-{done}", dirs_exist_ok=True)
    with log.open("a", encoding="utf-8") as handle:
        handle.write(f"# run from step {done}\n")
    stdout = sys.stdout
    try:
        sys.stdout = _Tee(stdout, log, offset=done)
        spacy_train(config_path, out / "training", overrides=overrides, use_gpu=-1)
    finally:
        sys.stdout = stdout
    return out / "training"


class _Tee:
    """Copies spaCy's console table to the log, with steps shifted by the resumed offset."""

    def __init__(self, stream, path: Path, *, offset: int) -> None:
        self.stream, self.path, self.offset = stream, path, offset

    def write(self, text: str) -> int:
        if self.offset:
            text = re.sub(r"^(\s*\d+\s+)(\d+)(\s)",
                          lambda m: f"{m.group(1)}{int(m.group(2)) + self.offset}{m.group(3)}",
                          text, flags=re.M)
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(text)
        return self.stream.write(text)

    def flush(self) -> None:
        self.stream.flush()


def package(trained: Path, target: Path) -> Path:
    import spacy

    step, score = _best_step(trained.parent / "train.log")
    nlp = spacy.load(trained / "model-best")
    ruler = nlp.add_pipe("attribute_ruler", after="tagger")
    table = HERE.parent / "lexicons" / "ptb_upos.tsv"
    for line in table.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        tag, upos = line.split("\t")[:2]
        ruler.add([[{"TAG": tag}]], {"POS": upos})
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "rule"}, after="attribute_ruler")
    lemmatizer.initialize()
    nlp.meta.update({"name": "news_analysis", "version": "1.0.0",
                     "license": "CC BY-SA 4.0",
                     "description": "tok2vec, tagger, parser (UD v2 labels), ner (PERSON, ORG, "
                                    "LOC, MISC), trained by analysis.nlp.train; see MODEL_CARD.md",
                     "author": "analysis project", "sources": None,
                     "analysis_training": {"steps": step, "tuning_score": score,
                                           "config": "analysis/nlp/config.cfg"}})
    if target.exists():
        shutil.rmtree(target)
    nlp.to_disk(target)
    shutil.copy(HERE / "MODEL_CARD.md", target / "MODEL_CARD.md")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.nlp.train", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sources", default=",".join(SOURCES))
    parser.add_argument("--limit-docs", type=int, default=None)
    parser.add_argument("--max-steps", type=int, default=None)
    parser.add_argument("--out", type=Path, default=Path(".cache/model"))
    parser.add_argument("--no-package", action="store_true")
    parser.add_argument("--from-shipped", action="store_true",
                        help="continue training the shipped model (when no checkpoint is in --out)")
    args = parser.parse_args(argv)
    try:
        shared = require_shared("treebanks").parent
    except SharedMissing as exc:
        print(f"analysis: {exc}", file=sys.stderr)
        return 2
    sources = tuple(s for s in args.sources.split(",") if s)
    if not (args.out / "train.spacy").exists():
        build_corpora(args.out, shared, sources, args.limit_docs)
    trained = train(args.out, args.max_steps, from_shipped=args.from_shipped)
    if not args.no_package:
        print(package(trained, PACKAGE_DIR))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
