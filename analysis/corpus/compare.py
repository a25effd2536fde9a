"""Compare articles side by side and place them against a reference corpus.

``python -m analysis compare PATH... [--corpus DIR] [--out DIR]`` (or :func:`compare_result`)
analyses every article given (files, or folders searched for .txt, .md, .html, .htm and .json
articles) and gives, from their reports only:

1. every metric of every article in one table (``metrics.csv``/``.json``);
2. each article's percentile on each metric among the reference corpus, overall, within news
   and opinion, and within left, center and right outlets, with a bootstrap interval over the
   article's sentences for the rates (``percentiles.csv``/``.json``);
3. the five corpus articles nearest to each article by TF-IDF cosine (``neighbours``);
4. the 20 terms each article over- and under-uses against the rest (the other articles given
   plus the corpus): log-odds ratios with an informative Dirichlet prior and their z-scores,
   after Monroe, Colaresi and Quinn (2008) (``terms``).

:mod:`analysis.corpus.stats` states each method. ``summary.json`` says what was compared
with what, and what could not be done and why.

The reference corpus is ``--corpus DIR`` (any corpus folder, see :mod:`analysis.corpus.run`),
else the shared AllSides sample (``ANALYSIS_SHARED``), else the copy ``python -m analysis
corpus fetch`` downloaded. Its metrics are computed once by corpus mode and cached in
``cache_dir("corpus-metrics", <key>)``, the key hashing the corpus listing (ids and sizes),
the package version, its data files and code (:mod:`analysis.corpus.reference`). An article that is
also in the corpus (same SHA-256) is never compared with itself. Without a corpus the articles are still compared
with each other; placement and neighbours are left out, and the summary says so.

Adding articles of your own about the same event: pass their files (or a folder of them)
after the article of interest, e.g. ``python -m analysis compare story.html others/``; they
join the metrics table, are placed against the corpus like it, and are part of "the rest"
for distinctive terms. To use them as the reference instead, point ``--corpus`` at their
folder (a ``manifest.tsv`` with ``id, rating, genre, ...`` beside ``articles/<id>.json`` adds
ratings and genres).
"""
from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import ClassVar

from analysis.version import __version__
from analysis.corpus.run import list_corpus
from analysis.read.reader import DEFAULT_MAX_BYTES, InputError
from analysis.corpus.reference import GROUPS, CorpusInfo, Reference, in_group

SCHEMA = "analysis-compare/1"
NO_CORPUS = ("no reference corpus: percentiles and nearest articles are left out. Pass --corpus DIR, "
             "set ANALYSIS_SHARED to the shared data folder, or run `python -m analysis corpus fetch` "
             "(needs internet) once.")


@dataclass(frozen=True)
class _Table:
    """Rows of one record type: ``to_records()``, ``to_dict()`` (JSON), ``to_frame()`` (pandas)."""

    rows: tuple = ()
    row_type: ClassVar[type]

    def to_records(self) -> list[dict]:
        """One plain dict per row."""
        return [asdict(r) for r in self.rows]

    def to_dict(self) -> dict:
        """The table as JSON-ready data: ``{"columns": [...], "rows": [{...}, ...]}``."""
        return {"columns": self.columns(), "rows": self.to_records()}

    def columns(self) -> list[str]:
        return [f.name for f in fields(self.row_type)]

    def to_frame(self):
        """The table as a pandas DataFrame (one row per record, columns in field order)."""
        import pandas as pd

        return pd.DataFrame(self.to_records(), columns=self.columns())


@dataclass(frozen=True)
class ArticleMetrics:
    """One article's metrics (the report's flat metrics plus frame shares)."""

    article: str
    path: str
    title: str
    source: str
    metrics: dict


@dataclass(frozen=True)
class MetricTable(_Table):
    """Every metric of every article, wide: one row per article, one column per metric (sorted)."""

    row_type: ClassVar[type] = ArticleMetrics

    def columns(self) -> list[str]:
        return ["article", "path", "title", "source", *sorted({k for r in self.rows for k in r.metrics})]

    def to_records(self) -> list[dict]:
        names = self.columns()[4:]
        return [{"article": r.article, "path": r.path, "title": r.title, "source": r.source,
                 **{k: r.metrics.get(k) for k in names}} for r in self.rows]


@dataclass(frozen=True)
class Percentile:
    """An article's mid-rank percentile (0..100) on a metric within a reference group of n articles.

    ``low``/``high``: the 95 % bootstrap interval of the percentile (None for metrics that are
    not sentence rates, or whose sentence evidence does not reproduce the value).
    """

    article: str
    metric: str
    group: str
    n: int
    value: float
    percentile: float
    low: float | None
    high: float | None


@dataclass(frozen=True)
class PercentileTable(_Table):
    row_type: ClassVar[type] = Percentile


@dataclass(frozen=True)
class Neighbour:
    """A corpus article near the given one: rank 1 is the most similar (cosine, 0..1)."""

    article: str
    rank: int
    id: str
    title: str
    source: str
    rating: str
    genre: str
    similarity: float


@dataclass(frozen=True)
class NeighbourTable(_Table):
    row_type: ClassVar[type] = Neighbour


@dataclass(frozen=True)
class Term:
    """A distinctive term: ``direction`` "over" (z > 0) or "under" used by the article."""

    article: str
    direction: str
    rank: int
    term: str
    z: float
    log_odds: float
    count: int
    rest_count: int


@dataclass(frozen=True)
class TermTable(_Table):
    row_type: ClassVar[type] = Term


@dataclass(frozen=True)
class Comparison:
    """Everything ``compare`` found; ``to_frame()`` is the metrics table, ``write(out)`` the files."""

    metrics: MetricTable
    percentiles: PercentileTable
    neighbours: NeighbourTable
    terms: TermTable
    corpus: CorpusInfo | None
    notes: tuple[str, ...] = ()
    errors: tuple[tuple[str, str], ...] = ()
    #: the reference corpus' metric rows (one dict per article), for the figures; not written
    reference_rows: tuple = field(default=(), repr=False, compare=False)

    def to_frame(self):
        """The metrics table as a DataFrame (one row per article); each table has its own ``to_frame``."""
        return self.metrics.to_frame()

    def summary(self) -> dict:
        """What was compared with what: articles, the corpus and its group sizes, notes, input errors."""
        return {"schema": SCHEMA, "generator": {"name": "analysis", "version": __version__},
                "articles": [r.article for r in self.metrics.rows],
                "corpus": asdict(self.corpus) if self.corpus else None,
                "notes": list(self.notes), "errors": [{"path": p, "reason": r} for p, r in self.errors]}

    def to_dict(self) -> dict:
        """The summary and every table as JSON-ready data."""
        return {**self.summary(), "metrics": self.metrics.to_records(), "percentiles": self.percentiles.to_records(),
                "neighbours": self.neighbours.to_records(), "terms": self.terms.to_records()}

    def write(self, out: str | Path) -> list[Path]:
        """Write ``summary.json`` and CSV plus JSON of each table into ``out``; the paths written."""
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        written = [out / "summary.json"]
        written[0].write_text(json.dumps(self.summary(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        for name, table in (("metrics", self.metrics), ("percentiles", self.percentiles),
                            ("neighbours", self.neighbours), ("terms", self.terms)):
            with (out / f"{name}.csv").open("w", encoding="utf-8", newline="") as fh:
                writer = csv.DictWriter(fh, fieldnames=table.columns(), lineterminator="\n")
                writer.writeheader()
                writer.writerows({k: "" if v is None else v for k, v in r.items()} for r in table.to_records())
            (out / f"{name}.json").write_text(json.dumps(table.to_records(), ensure_ascii=False, indent=1) + "\n",
                                              encoding="utf-8")
            written += [out / f"{name}.csv", out / f"{name}.json"]
        return written


def expand_inputs(paths) -> list[str]:
    """Files as given; folders replaced by their article files (recursively, sorted)."""
    out: list[str] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += [e.path for e in list_corpus(p)]
        else:
            out.append(str(p))
    return out


def _labels(paths: list[str]) -> list[str]:
    """Each article's name in the tables: its file stem, or its path when stems repeat."""
    stems = [Path(p).stem for p in paths]
    return [s if stems.count(s) == 1 else p for s, p in zip(stems, paths)]


def _place(articles: list, reference: Reference, *, resamples: int, seed: int) -> tuple[list[Percentile], list[str]]:
    """Each article's percentile on each metric in each reference group, with bootstrap intervals."""
    import numpy as np

    from analysis.corpus.stats import bootstrap_interval, midrank_percentiles, resample_index, reproduces, sentence_evidence

    rows = reference.rows
    names = sorted({m for a, _ in articles for m in a.metrics} & set(rows[0]))
    columns = {m: np.array([r[m] for r in rows], dtype=float) for m in names}
    groups = {g: np.array([in_group(r, g) for r in rows], dtype=bool) for g in GROUPS}
    shas = np.array([r["sha256"] for r in rows])
    out, unreproduced = [], set()
    for art, report in articles:
        others = shas != ((report.get("input") or {}).get("sha256") or "")  # never against itself
        evidence = sentence_evidence(report)
        sentences = len(evidence["tone_mean"].denominator)
        index = resample_index(sentences, resamples, seed) if sentences else None
        for name in names:
            value = float(art.metrics.get(name, 0.0))
            found = evidence.get(name)
            if found is not None and not reproduces(found, value):
                unreproduced.add(name)
                found = None
            rates = found.value(index) if found is not None and index is not None else None
            for group, mask in groups.items():
                ref = columns[name][mask & others]
                if ref.size == 0:
                    continue
                pct = float(midrank_percentiles(ref, [value])[0])
                low, high = bootstrap_interval(ref, rates) if rates is not None else (None, None)
                out.append(Percentile(art.article, name, group, int(ref.size), value, round(pct, 2),
                                      None if low is None else round(low, 2), None if high is None else round(high, 2)))
    notes = [f"no bootstrap interval for {', '.join(sorted(unreproduced))}: the sentence evidence in the report "
             "does not give back the reported value"] if unreproduced else []
    return out, notes


def _counts(articles: list, reference: Reference | None):
    """Term counts of the given articles and of the corpus over one vocabulary (corpus terms first)."""
    import scipy.sparse as sp

    from analysis.corpus.stats import body_text, terms
    from analysis.corpus.reference import count_matrix

    docs = [dict(Counter(terms(body_text(report["article"])))) for _, report in articles]
    vocabulary = list(reference.vocabulary) if reference else []
    known = set(vocabulary)
    vocabulary += sorted({t for d in docs for t in d} - known)
    given = count_matrix(docs, vocabulary)
    if reference is None:
        return given, None, vocabulary
    c = reference.counts
    return given, sp.csr_matrix((c.data, c.indices, c.indptr), shape=(c.shape[0], len(vocabulary))), vocabulary


def _nearest(articles: list, reference: Reference, given, corpus, vocabulary: list[str], *,
             top: int) -> list[Neighbour]:
    from analysis.corpus.stats import nearest

    shas = [r["sha256"] for r in reference.rows]
    own = [(report.get("input") or {}).get("sha256") for _, report in articles]
    exclude = [{k for k, s in enumerate(shas) if s == sha} for sha in own]
    out = []
    for (art, _), found in zip(articles, nearest(given, corpus, vocabulary, top=top, exclude=exclude)):
        for rank, (k, similarity) in enumerate(found, 1):
            r = reference.rows[k]
            out.append(Neighbour(art.article, rank, r["id"], r["title"], r["source"], r["rating"], r["genre"],
                                 round(similarity, 4)))
    return out


def _distinctive(articles: list, reference: Reference | None, given, corpus, vocabulary: list[str], *,
                 top: int, prior_size: float) -> tuple[list[Term], list[str]]:
    import numpy as np

    from analysis.corpus.stats import distinctive_terms

    total = np.asarray(given.sum(axis=0)).ravel().astype(float)
    if corpus is not None:  # a given article that is also in the corpus counts once
        own = {(report.get("input") or {}).get("sha256") for _, report in articles}
        keep = np.array([r["sha256"] not in own for r in reference.rows], dtype=bool)
        total += np.asarray(corpus[np.flatnonzero(keep)].sum(axis=0)).ravel()
    out, notes = [], []
    if corpus is None:
        notes.append("distinctive terms are measured against the other articles given only (no reference corpus)"
                     if len(articles) > 1 else "no distinctive terms: give a second article or a reference corpus")
    for q, (art, _) in enumerate(articles):
        mine = given[q].toarray().ravel().astype(float)
        rest = total - mine
        if rest.sum() == 0 or mine.sum() == 0:
            continue
        found = distinctive_terms(mine, rest, vocabulary, prior_size=prior_size, top=top)
        for direction in ("over", "under"):
            for rank, (term, z, delta, count, rest_count) in enumerate(found[direction], 1):
                out.append(Term(art.article, direction, rank, term, round(z, 4), round(delta, 4), count, rest_count))
    return out, notes


def compare_result(
    paths,
    *,
    corpus: str | Path | None = "auto",
    jobs: int = -1,
    fmt: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    resamples: int = 1000,
    seed: int = 0,
    neighbours: int = 5,
    top_terms: int = 20,
    prior_size: float = 1000.0,
    progress: bool = False,
) -> Comparison:
    """Compare the articles at ``paths`` (files or folders); see the module doc.

    ``corpus``: a corpus folder, ``"auto"`` (the shared AllSides sample, else the fetched copy)
    or None (no reference). ``jobs`` parallel workers for a first corpus build (-1 all cores).
    Bootstrap: ``resamples`` with ``seed``. Unreadable inputs are listed in ``errors``.
    """
    from analysis.corpus.run import reference_corpus, report_row
    from analysis.corpus.reference import load_reference
    from analysis.report.build import analyse_file

    articles, errors, done = [], [], []
    for path in expand_inputs(paths):
        try:
            done.append((path, analyse_file(path, fmt=fmt, max_bytes=max_bytes)))
        except InputError as exc:
            errors.append((path, str(exc)))
    for label, (path, report) in zip(_labels([p for p, _ in done]), done):
        title = " ".join((report.article.title or "").split())
        articles.append((ArticleMetrics(label, path, title, report.article.publisher or "", report_row(report)),
                         report.to_dict()))
    folder = reference_corpus() if corpus == "auto" else (Path(corpus) if corpus is not None else None)
    notes: list[str] = []
    reference = None
    if folder is None:
        notes.append(NO_CORPUS)
    elif articles:
        reference = load_reference(folder, jobs=jobs, progress=progress, max_bytes=max_bytes)
        if not reference.rows:
            notes.append(f"the reference corpus {folder} holds no article that could be analysed")
            reference = None
    if not articles:
        return Comparison(MetricTable(), PercentileTable(), NeighbourTable(), TermTable(), None,
                          tuple(notes) + ("no article could be analysed",), tuple(errors))
    percentiles, near = [], []
    if reference is not None:
        percentiles, more = _place(articles, reference, resamples=resamples, seed=seed)
        notes += more
    given, counts, vocabulary = _counts(articles, reference)
    if reference is not None:
        near = _nearest(articles, reference, given, counts, vocabulary, top=neighbours)
    terms, more = _distinctive(articles, reference, given, counts, vocabulary, top=top_terms, prior_size=prior_size)
    return Comparison(MetricTable(tuple(a for a, _ in articles)), PercentileTable(tuple(percentiles)),
                      NeighbourTable(tuple(near)), TermTable(tuple(terms)),
                      reference.info if reference else None, tuple(notes + more), tuple(errors),
                      tuple(reference.rows) if reference else ())
