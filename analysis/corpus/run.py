"""Corpus mode: read a folder of articles and analyse thousands of them, one metrics row each.

What is read (``list_corpus``):

- An AllSides folder (``manifest.tsv`` beside ``articles/<id>.json``): the manifest lists the
  articles, their id and their outlet rating (``bias`` or ``rating``: left, center, right), genre,
  source, topic, date and title. This is the layout of ``../shared/corpus/allsides`` and of the
  copy ``python -m analysis corpus fetch`` downloads (:mod:`analysis.corpus.fetch`).
- Any other folder, searched recursively for article files (the reader's extensions: ``.txt``,
  ``.md``, ``.html``, ``.htm``, ``.json``, ``.text``, ``.markdown``; ``<stem>.meta.json`` records
  are metadata, not articles; hidden files and folders are skipped). The id is the
  path inside the folder. Rating and genre come from the packaged AllSides manifest when the file
  stem is an AllSides id, else from a JSON record's ``bias_text``; genre is ``opinion`` when the
  title starts with "OPINION:" (the AllSides convention) and ``news`` otherwise.

How it runs (``analyse_corpus``): every article through :func:`analysis.report.build.analyse_file`,
on all cores (joblib, or Dask with ``engine="dask"``, the same function either way), a bounded
number of articles in flight so memory stays flat, rows written as they come and in input
order. ``OUT/metrics.csv`` has the columns ``META_COLUMNS`` then every metric of the report
plus the share of each Policy Frames Codebook frame (``frame_<Frame>_share``), sorted by name.
A rerun skips the articles already in ``metrics.csv`` (resume); every file that cannot be
analysed is skipped and listed in ``OUT/errors.csv`` (path, reason), which each run rewrites
with the failures still standing. ``--reports`` also writes ``OUT/reports/<id>.json``.
"""
from __future__ import annotations

import csv
import json
import os
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

from analysis.read.reader import DEFAULT_MAX_BYTES, EXTENSIONS, InputError

PACKAGED_MANIFEST = Path(str(resources.files("analysis.corpus") / "data" / "allsides_manifest.tsv"))
META_COLUMNS = ("id", "path", "sha256", "source", "rating", "genre", "topic", "date", "title")
ERROR_COLUMNS = ("path", "reason")
RATINGS = ("left", "center", "right")
GENRES = ("news", "opinion")
_NUMERIC_BIAS = {"0": "left", "1": "center", "2": "right"}
_PROBE = "Officials said the plan would “help” farmers, according to the report.\n\nCritics disagreed."


class CorpusError(RuntimeError):
    """A corpus folder or an output folder that cannot be used; the message says why."""


@dataclass(frozen=True)
class CorpusEntry:
    """One article of a corpus: where it is and what the manifest says about it ("" = unknown)."""

    id: str
    path: str
    source: str = ""
    rating: str = ""
    genre: str = ""
    topic: str = ""
    date: str = ""
    title: str = ""


def read_manifest(path: str | Path) -> dict[str, dict[str, str]]:
    """A manifest TSV (``#`` lines are comments) as ``{id: row}``; ``bias`` is read as ``rating``."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
        out = {}
        for row in rows:
            row = {k: (v or "").strip() for k, v in row.items() if k}
            if "rating" not in row and "bias" in row:
                row["rating"] = row.pop("bias")
            if row.get("id"):
                out[row["id"]] = row
    return out


@lru_cache(maxsize=1)
def packaged_manifest() -> dict[str, dict[str, str]]:
    """The AllSides manifest shipped in the package (no titles or texts)."""
    return read_manifest(PACKAGED_MANIFEST)


def _entry(id_: str, path: Path, row: dict[str, str]) -> CorpusEntry:
    rating = _NUMERIC_BIAS.get(row.get("rating", ""), row.get("rating", "")).lower()
    return CorpusEntry(id_, str(path), row.get("source", ""), rating, row.get("genre", "").lower(),
                       row.get("topic", ""), row.get("date", ""), row.get("title", ""))


def is_article_file(path: Path) -> bool:
    """An article file by its extension; ``<stem>.meta.json`` metadata records are not."""
    return path.suffix.lower() in EXTENSIONS and not path.name.lower().endswith(".meta.json")


def list_corpus(root: str | Path) -> list[CorpusEntry]:
    """The articles of a corpus folder in a fixed order (manifest ids, or sorted relative paths)."""
    root = Path(root)
    if not root.is_dir():
        raise CorpusError(f"{root}: not a folder")
    manifest = root / "manifest.tsv"
    if manifest.is_file() and (root / "articles").is_dir():
        rows = read_manifest(manifest)
        return [_entry(i, root / "articles" / f"{i}.json", rows[i]) for i in sorted(rows)]
    known = packaged_manifest()
    entries = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            path = Path(folder) / name
            if not name.startswith(".") and is_article_file(path):
                rel = path.relative_to(root).as_posix()
                entries.append(_entry(rel, path, known.get(path.stem, {})))
    return sorted(entries, key=lambda e: e.id)


@lru_cache(maxsize=1)
def metric_columns() -> tuple[str, ...]:
    """The metric columns of ``metrics.csv``: the report's metrics and frame shares, sorted."""
    from analysis.measures.framing.frames import FRAMES
    from analysis.read.reader import parse_text
    from analysis.report.build import analyse_article

    metrics = analyse_article(parse_text(_PROBE)).metrics
    return tuple(sorted({*metrics, *(f"frame_{f}_share" for f in FRAMES)}))


def report_row(report) -> dict[str, float]:
    """A report's flat metrics plus ``frame_<Frame>_share`` for every frame (0 when absent)."""
    from analysis.measures.framing.frames import FRAMES

    shares = {f["frame"]: f["share"] for f in report.sections.get("framing", {}).get("frames", [])}
    return {**report.metrics, **{f"frame_{f}_share": shares.get(f, 0.0) for f in FRAMES}}


@dataclass(frozen=True)
class Outcome:
    """What analysing one corpus entry gave: a metrics row, or the reason it failed."""

    id: str
    path: str
    row: dict | None = None
    error: str | None = None
    report_json: str | None = None


def _json_rating(path: Path) -> str:
    """A JSON record's ``bias_text`` (or numeric ``bias``: 0 left, 1 center, 2 right); "" if none."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    if not isinstance(record, dict):
        return ""
    return str(record.get("bias_text") or "").strip().lower() or _NUMERIC_BIAS.get(str(record.get("bias", "")), "")


def analyse_entry(entry: CorpusEntry, *, fmt: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                  reports: bool = False) -> Outcome:
    """Analyse one article: its metrics row (metadata filled from the article), or its error."""
    from analysis.report.build import analyse_file

    try:
        report = analyse_file(entry.path, fmt=fmt, max_bytes=max_bytes, actors=reports)
    except InputError as exc:
        return Outcome(entry.id, entry.path, error=str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad article must not sink the corpus
        return Outcome(entry.id, entry.path, error=f"internal error: {type(exc).__name__}: {exc}")
    title = " ".join((entry.title or report.article.title or "").split())
    rating = entry.rating
    if not rating and Path(entry.path).suffix.lower() == ".json":
        rating = _json_rating(Path(entry.path))
    genre = entry.genre or ("opinion" if title.upper().startswith("OPINION:") else "news")
    meta = {"id": entry.id, "path": entry.path, "sha256": report.input.sha256 if report.input else "",
            "source": entry.source or report.article.publisher or "", "rating": rating, "genre": genre,
            "topic": entry.topic, "date": entry.date or report.article.published or "", "title": title}
    return Outcome(entry.id, entry.path, {**meta, **report_row(report)}, None,
                   report.to_json() if reports else None)


def report_name(id_: str) -> str:
    """The file name of an entry's report: the id without its extension, ``/`` as ``__``."""
    stem = id_.rsplit(".", 1)[0] if Path(id_).suffix.lower() in EXTENSIONS else id_
    return stem.replace("/", "__").replace("\\", "__") + ".json"


class Progress:
    """A one-line progress bar on stderr (a line per tenth when stderr is not a terminal)."""

    def __init__(self, total: int, label: str = "articles", enabled: bool = True) -> None:
        self.total, self.label, self.enabled = total, label, enabled and total > 0
        self.done = self.errors = 0
        self.start = self._last = time.monotonic()
        self._tty = sys.stderr.isatty()
        self._tenth = 0

    def update(self, error: bool = False) -> None:
        self.done += 1
        self.errors += error
        now = time.monotonic()
        tenth = 10 * self.done // max(self.total, 1)
        if self.enabled and ((self._tty and now - self._last >= 0.5) or (not self._tty and tenth > self._tenth)
                             or self.done == self.total):
            self._last, self._tenth = now, tenth
            rate = self.done / max(now - self.start, 1e-9)
            eta = (self.total - self.done) / rate if rate else 0.0
            bar = "#" * (30 * self.done // self.total)
            line = (f"[{bar:<30}] {self.done}/{self.total} {self.label}, {rate:.1f}/s, "
                    f"{self.errors} errors, eta {int(eta) // 60}:{int(eta) % 60:02d}")
            print(("\r" + line) if self._tty else line, end="" if self._tty else "\n", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.enabled and self._tty:
            print(file=sys.stderr, flush=True)


@dataclass(frozen=True)
class CorpusRun:
    """The outcome of a corpus run: counts, and where the rows and errors were written."""

    out: Path
    total: int
    analysed: int
    skipped: int
    errors: int
    seconds: float

    @property
    def metrics_path(self) -> Path:
        return self.out / "metrics.csv"

    @property
    def errors_path(self) -> Path:
        return self.out / "errors.csv"


def _done_ids(path: Path, columns: list[str]) -> set[str]:
    """Ids already in ``metrics.csv`` (a torn last line from an interrupted run is cut off)."""
    if not path.is_file() or path.stat().st_size == 0:
        return set()
    data = path.read_bytes()
    if not data.endswith(b"\n"):
        with path.open("r+b") as fh:
            fh.truncate(data.rfind(b"\n") + 1)
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader, None)
        if header is None:
            return set()
        if header != columns:
            raise CorpusError(f"{path} was written with other columns (another version of the package): "
                              "choose a new output folder or remove it")
        return {row[0] for row in reader if row}


def _restore_order(path: Path, order: Sequence[str]) -> None:
    """Rewrite ``metrics.csv`` in input order when a resumed run appended rows out of it."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    rank = {id_: i for i, id_ in enumerate(order)}
    body = rows[1:]
    keys = [rank.get(r[0], len(rank)) for r in body]
    if keys == sorted(keys):
        return
    body = [r for _, r in sorted(zip(keys, body), key=lambda kr: (kr[0], kr[1][0]))]
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows([rows[0], *body])
    tmp.replace(path)


def _run_local(entries: Iterable[CorpusEntry], jobs: int, options: dict) -> Iterator[Outcome]:
    if jobs == 1:
        yield from (analyse_entry(e, **options) for e in entries)
        return
    from joblib import Parallel, delayed

    parallel = Parallel(n_jobs=jobs, return_as="generator", pre_dispatch="2 * n_jobs", batch_size=1)
    yield from parallel(delayed(analyse_entry)(e, **options) for e in entries)


def _run_dask(entries: Iterable[CorpusEntry], jobs: int, options: dict, scheduler: str | None) -> Iterator[Outcome]:
    from distributed import Client, LocalCluster

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        workers = jobs if jobs > 0 else max(1, (os.cpu_count() or 1) + 1 + jobs)
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        limit = 4 * max(1, sum(client.nthreads().values()))
        window: deque = deque()
        for entry in entries:  # a bounded window of futures, drained in input order
            window.append(client.submit(analyse_entry, entry, pure=False, **options))
            if len(window) >= limit:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def analyse_corpus(
    source: str | Path | Sequence[CorpusEntry],
    out: str | Path,
    *,
    reports: bool = False,
    jobs: int = -1,
    engine: Literal["local", "dask"] = "local",
    scheduler: str | None = None,
    fmt: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: bool = True,
) -> CorpusRun:
    """Analyse every article of ``source`` (a folder or entries) into ``out``; see the module doc.

    ``jobs``: parallel workers (-1 all cores, as joblib). ``engine="dask"`` runs the same
    function on a ``distributed.LocalCluster`` of ``jobs`` worker processes, or on the scheduler
    at ``scheduler`` (an address such as ``tcp://host:8786``); the rows are identical.
    """
    started = time.monotonic()
    entries = list_corpus(source) if isinstance(source, (str, Path)) else list(source)
    ids = [e.id for e in entries]
    if len(set(ids)) != len(ids):
        raise CorpusError("corpus ids are not unique")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    columns = [*META_COLUMNS, *metric_columns()]
    metrics_path, errors_path = out / "metrics.csv", out / "errors.csv"
    done = _done_ids(metrics_path, columns)
    todo = [e for e in entries if e.id not in done]
    options = {"fmt": fmt, "max_bytes": max_bytes, "reports": reports}
    if reports:
        (out / "reports").mkdir(exist_ok=True)
    bar = Progress(len(todo), enabled=progress)
    analysed = failed = 0
    new_file = not metrics_path.is_file() or metrics_path.stat().st_size == 0
    with (metrics_path.open("a", encoding="utf-8", newline="") as mf,
          errors_path.open("w", encoding="utf-8", newline="") as ef):
        rows = csv.DictWriter(mf, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
        errors = csv.writer(ef, lineterminator="\n")
        errors.writerow(ERROR_COLUMNS)
        if new_file:
            rows.writeheader()
        run = _run_dask(todo, jobs, options, scheduler) if engine == "dask" else _run_local(todo, jobs, options)
        unknown: set[str] = set()
        for outcome in run:
            if outcome.row is not None and not unknown and (unknown := set(outcome.row) - set(columns)):
                print(f"warning: metrics not in metrics.csv's columns are left out: {sorted(unknown)}", file=sys.stderr)
            if outcome.error is not None:
                errors.writerow([outcome.path, outcome.error])
                ef.flush()
                failed += 1
            else:
                if outcome.report_json is not None:
                    target = out / "reports" / report_name(outcome.id)
                    tmp = target.with_name(target.name + ".tmp")
                    tmp.write_text(outcome.report_json, encoding="utf-8")
                    tmp.replace(target)
                rows.writerow({k: outcome.row.get(k, "") for k in columns})
                mf.flush()
                analysed += 1
            bar.update(outcome.error is not None)
    bar.close()
    _restore_order(metrics_path, ids)
    return CorpusRun(out, len(entries), analysed, len(entries) - len(todo), failed, time.monotonic() - started)



def reference_corpus(explicit: str | Path | None = None) -> Path | None:
    """The reference corpus folder: ``explicit``, else the shared AllSides folder, else the copy
    ``corpus fetch`` downloaded into the cache; None when there is none."""
    from analysis.config import cache_dir, shared_dir

    if explicit is not None:
        return Path(explicit)
    shared = shared_dir()
    if shared is not None and (shared / "corpus" / "allsides" / "manifest.tsv").is_file():
        return shared / "corpus" / "allsides"
    fetched = cache_dir("allsides", create=False)
    if (fetched / "manifest.tsv").is_file() and any((fetched / "articles").glob("*.json")):
        return fetched
    return None
