"""The reference corpus as ``compare`` reads it: every article's metrics and term counts, cached.

Computed once per corpus and kept in ``cache_dir("corpus-metrics", <key>)`` (``ANALYSIS_CACHE``,
default ``.cache/``): ``metrics.csv`` and ``errors.csv`` written by corpus mode
(:func:`analysis.corpus.run.analyse_corpus`, so an interrupted build resumes), then ``terms.npz``
(a sparse matrix of term counts over each analysed article's body text, rows in the order of
``metrics.csv``; terms as :func:`analysis.corpus.stats.terms`), ``vocabulary.json`` (its
columns) and ``complete.json`` (written last: the cache is used only when it is there).

The key hashes the corpus listing (each id and file size), the package version, the SHA-256
of the package's data files and of its code (``analysis/*.py``), and ``CACHE_FORMAT``: a
changed corpus, lexicon, rule or version gives a new folder rather than stale numbers.
"""
from __future__ import annotations

import csv
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from analysis.version import __version__
from analysis.corpus.run import GENRES, META_COLUMNS, RATINGS, CorpusEntry, analyse_corpus, list_corpus
from analysis.read.reader import DEFAULT_MAX_BYTES

CACHE_FORMAT = 1
#: The reference groups an article is placed in: all, by genre, by outlet rating.
GROUPS = ("all", *GENRES, *RATINGS)


@dataclass(frozen=True)
class CorpusInfo:
    """The reference corpus used: folder, articles analysed, failures, group sizes, cache folder."""

    path: str
    articles: int
    errors: int
    groups: dict
    cache: str


@dataclass(frozen=True)
class Reference:
    """A corpus' metrics rows (dicts of ``metrics.csv``, metrics as floats), term counts, vocabulary."""

    info: CorpusInfo
    rows: tuple[dict, ...]
    counts: object  # scipy.sparse.csr_matrix, one row per entry of ``rows``
    vocabulary: tuple[str, ...]


def corpus_key(entries: list[CorpusEntry]) -> str:
    """The cache key of a corpus (see the module doc)."""
    from analysis.lexicon import data_file_hashes

    listing = [(e.id, Path(e.path).stat().st_size if Path(e.path).is_file() else -1) for e in entries]
    code = hashlib.sha256(b"".join(p.read_bytes() for p in sorted(Path(__file__).resolve().parents[1].rglob("*.py")))).hexdigest()
    blob = json.dumps({"format": CACHE_FORMAT, "version": __version__, "data": data_file_hashes(), "code": code,
                       "listing": listing})
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:20]


def in_group(row: dict, group: str) -> bool:
    """Whether a metrics row belongs to a reference group (``GROUPS``)."""
    return group == "all" or row.get("genre") == group or row.get("rating") == group


def read_rows(path: str | Path) -> list[dict]:
    """The rows of a corpus ``metrics.csv``: metadata as text, metrics as floats."""
    with open(path, encoding="utf-8", newline="") as fh:
        return [{k: (v if k in META_COLUMNS else float(v)) for k, v in row.items()} for row in csv.DictReader(fh)]


def doc_terms(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> dict[str, int]:
    """Term counts of one article file's body text."""
    from collections import Counter

    from analysis.corpus.stats import body_text, terms
    from analysis.read.reader import read_article

    article, _ = read_article(path, max_bytes=max_bytes)
    return dict(Counter(terms(body_text(article.to_dict()))))


def count_matrix(docs: list[dict[str, int]], vocabulary: list[str]):
    """A CSR matrix of ``docs`` (term counts) over ``vocabulary`` (every term must be in it)."""
    import numpy as np
    import scipy.sparse as sp

    col = {t: k for k, t in enumerate(vocabulary)}
    indptr, indices, data = [0], [], []
    for doc in docs:
        for term in sorted(doc, key=col.__getitem__):
            indices.append(col[term])
            data.append(doc[term])
        indptr.append(len(indices))
    return sp.csr_matrix((np.array(data, dtype=np.int64), np.array(indices, dtype=np.int64), np.array(indptr)),
                         shape=(len(docs), len(vocabulary)))


def _build_terms(cache: Path, jobs: int, max_bytes: int) -> None:
    import scipy.sparse as sp
    from joblib import Parallel, delayed

    rows = read_rows(cache / "metrics.csv")
    docs = Parallel(n_jobs=jobs, batch_size=16)(delayed(doc_terms)(r["path"], max_bytes) for r in rows)
    vocabulary = sorted({t for d in docs for t in d})
    sp.save_npz(cache / "terms.npz", count_matrix(docs, vocabulary))
    (cache / "vocabulary.json").write_text(json.dumps(vocabulary, ensure_ascii=False), encoding="utf-8")


def load_reference(folder: str | Path, *, jobs: int = -1, progress: bool = True,
                   max_bytes: int = DEFAULT_MAX_BYTES) -> Reference:
    """The reference corpus at ``folder``: built into the cache on first use, then read from it."""
    import scipy.sparse as sp

    from analysis.config import cache_dir

    folder = Path(folder).resolve()  # the cached rows keep absolute paths, usable from any folder
    entries = list_corpus(folder)
    cache = cache_dir("corpus-metrics", corpus_key(entries))
    done = cache / "complete.json"
    if not done.is_file():
        if progress:
            print(f"analysing the reference corpus {folder} once; cached in {cache}", file=sys.stderr)
        run = analyse_corpus(entries, cache, jobs=jobs, progress=progress, max_bytes=max_bytes)
        _build_terms(cache, jobs, max_bytes)
        done.write_text(json.dumps({"folder": str(folder), "articles": run.total, "errors": run.errors}) + "\n",
                        encoding="utf-8")
    rows = tuple(read_rows(cache / "metrics.csv"))
    state = json.loads(done.read_text(encoding="utf-8"))
    groups = {g: sum(in_group(r, g) for r in rows) for g in GROUPS}
    info = CorpusInfo(str(folder), len(rows), int(state.get("errors", 0)), groups, str(cache))
    vocabulary = tuple(json.loads((cache / "vocabulary.json").read_text(encoding="utf-8")))
    return Reference(info, rows, sp.load_npz(cache / "terms.npz").tocsr(), vocabulary)
