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

Refused, each as a failed article in ``errors.csv``: a manifest id that is not a plain file name
(``../../etc/passwd``: never looked up), a file that is not regular (a FIFO, device, socket: never opened).

How it runs (``analyse_corpus``): every article through :func:`analysis.report.build.analyse_file`,
on all cores (worker processes of :mod:`analysis.corpus.pool`, or Dask with ``engine="dask"``, the
same function either way), a bounded number of articles in flight so memory stays flat, rows
written as they come and in input order. Each article has a time budget of 30 s plus 30 s per MB
of its file (``timeout`` sets the 30 s; a worker's one-off loading of lexicons and models is done
before, by :func:`warm_up`, and not counted): past it, its worker is killed and replaced, and the
article is listed in ``errors.csv`` (local engine only; Dask cannot stop a running task). One run
at a time holds the output folder (:mod:`analysis.corpus.outfolder`).
``OUT/metrics.csv`` has the columns ``META_COLUMNS`` then every metric of the report plus the share
of each Policy Frames Codebook frame (``frame_<Frame>_share``), sorted by name.
A rerun skips the articles already in ``metrics.csv`` (resume); every file that cannot be
analysed is skipped and listed in ``OUT/errors.csv`` (path, reason), which each run rewrites
with the failures still standing. ``--reports`` also writes ``OUT/reports/<stem>.json`` (a rerun
analyses again an article whose report is missing). A ``metrics.csv`` or ``errors.csv`` that is
not ours is refused before anything is written (:mod:`analysis.corpus.resume`). A run stopped by
SIGTERM or Ctrl-C ends its workers at once (:mod:`analysis.corpus.pool`) and leaves only whole rows
and reports (a report is written to a temporary file, renamed into place, and the temporary file
removed when the write is interrupted); a rerun resumes it.
"""
from __future__ import annotations

import csv
import json
import os
import stat
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

from analysis.corpus.outfolder import OutputFolderError, lock_folder, usable_folder
from analysis.corpus.pool import (DEFAULT_BASE_SECONDS, DEFAULT_SECONDS_PER_MB, WorkerStartError, article_budget,
                                  run_in_order, run_on_dask)
from analysis.corpus.progress import Progress  # noqa: F401 - also the bar of corpus fetch
from analysis.corpus.resume import (check_errors_file, check_mode, drop_rows, existing_rows, not_ours, report_name,  # noqa: F401
                                    report_names, restore_order)
from analysis.read.reader import DEFAULT_MAX_BYTES, EXTENSIONS, InputError, is_metadata_record
from analysis.report.metrics import corpus_columns, frame_share_names

PACKAGED_MANIFEST = Path(str(resources.files("analysis.corpus") / "data" / "allsides_manifest.tsv"))
META_COLUMNS = ("id", "path", "sha256", "source", "rating", "genre", "topic", "date", "title")
ERROR_COLUMNS = ("path", "reason")
RATINGS = ("left", "center", "right")
GENRES = ("news", "opinion")
_NUMERIC_BIAS = {"0": "left", "1": "center", "2": "right"}


class CorpusError(RuntimeError):
    """A corpus folder or an output folder that cannot be used; the message says why."""


@dataclass(frozen=True)
class CorpusEntry:
    """One article of a corpus: where it is and what the manifest says about it ("" = unknown);
    ``refused``: why it is not analysed at all (a manifest id that is not a file name), else ""."""

    id: str
    path: str
    source: str = ""
    rating: str = ""
    genre: str = ""
    topic: str = ""
    date: str = ""
    title: str = ""
    refused: str = ""


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
    return path.suffix.lower() in EXTENSIONS and not is_metadata_record(path)


def _plain_name(id_: str) -> bool:
    """Whether a manifest id names a file inside ``articles/``: no separator, not ``.``/``..``, no NUL."""
    return (bool(id_) and id_ not in (".", "..") and not any(c in id_ for c in "/\\\0")
            and not (len(id_) > 1 and id_[1] == ":"))


def list_corpus(root: str | Path) -> list[CorpusEntry]:
    """The articles of a corpus folder in a fixed order (manifest ids, or sorted relative paths)."""
    root = Path(root)
    if not root.is_dir():
        raise CorpusError(f"{root}: not a folder")
    manifest = root / "manifest.tsv"
    if manifest.is_file() and (root / "articles").is_dir():
        rows = read_manifest(manifest)
        return [_entry(i, root / "articles" / f"{i}.json", rows[i]) if _plain_name(i)
                else CorpusEntry(i, "", refused=f"manifest id {i!r} is not a plain file name: refused, never looked up")
                for i in sorted(rows)]
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


def metric_columns() -> tuple[str, ...]:
    """The metric columns of ``metrics.csv``: the declared metrics and frame shares, sorted
    (:func:`analysis.report.metrics.corpus_columns`)."""
    return corpus_columns()


def report_row(report) -> dict[str, float]:
    """A report's flat metrics plus ``frame_<Frame>_share`` for every frame (0 when absent)."""
    shares = {f["frame"]: f["share"] for f in report.sections.get("framing", {}).get("frames", [])}
    return {**report.metrics, **{name: shares.get(name[len("frame_"):-len("_share")], 0.0) for name in frame_share_names()}}


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


def _irregular(path: str) -> str | None:
    """What kind of file ``path`` is when it is not a regular one (a FIFO would block ``open``)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # missing or unreadable: the reader says so
    kinds = ((stat.S_ISREG, None), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
             (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))
    return next((name for test, name in kinds if test(mode)), "not a file")


def analyse_entry(entry: CorpusEntry, *, fmt: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                  reports: bool = False) -> Outcome:
    """Analyse one article: its metrics row (metadata filled from the article), or its error."""
    from analysis.report.build import analyse_file

    if entry.refused:
        return Outcome(entry.id, entry.path or entry.id, error=entry.refused)
    if (kind := _irregular(entry.path)) is not None:
        return Outcome(entry.id, entry.path, error=f"not a regular file ({kind}): skipped without opening it")
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


_WARM_UP_TEXT = ("Senators vote on the bill\n\nThe Senate voted 68-32 on Thursday, officials said. "
                 "“This is a historic day,” said Sen. Ann Lee. Critics called it an “amnesty” plan.\n")


def warm_up(*, fmt: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES, reports: bool = False) -> None:
    """What a worker does before its first article, outside any article's time budget: analyse a
    short text as :func:`analyse_entry` would, so lexicons, models and, for reports, the spaCy
    pipeline are loaded once (the result is dropped)."""
    from analysis.read.reader import parse_text
    from analysis.report.build import analyse_article

    analyse_article(parse_text(_WARM_UP_TEXT, "txt"), actors=reports).to_json()


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


def _run_local(entries: Sequence[CorpusEntry], jobs: int, options: dict, timeout: float | None,
               per_mb: float) -> Iterator[Outcome]:
    """Outcomes in input order from worker processes, each article within its time budget (in this
    process when ``jobs == 1`` and ``timeout=None``)."""
    if jobs == 1 and timeout is None:
        yield from (analyse_entry(e, **options) for e in entries)
        return

    def budget(entry: CorpusEntry) -> float | None:
        if timeout is None:
            return None
        try:  # a FIFO is not opened by stat: size 0
            size = os.stat(entry.path).st_size if entry.path else 0
        except OSError:
            size = 0
        return article_budget(size, timeout, per_mb)

    note = f" (the budget is {timeout:g} s plus {per_mb:g} s per MB of the file; --timeout sets the first)"
    for entry, outcome, reason in run_in_order(analyse_entry, entries, jobs=jobs, budget=budget, kwargs=options,
                                               note=note, warmup=warm_up):
        yield outcome if reason is None else Outcome(entry.id, entry.path or entry.id, error=reason)


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
    timeout: float | None = DEFAULT_BASE_SECONDS,
    timeout_per_mb: float = DEFAULT_SECONDS_PER_MB,
) -> CorpusRun:
    """Analyse every article of ``source`` (a folder or entries) into ``out``; see the module doc.

    ``jobs``: parallel workers (-1 all cores, as joblib). ``engine="dask"`` runs the same
    function on a ``distributed.LocalCluster`` of ``jobs`` worker processes, or on the scheduler
    at ``scheduler`` (an address such as ``tcp://host:8786``); the rows are identical. An article
    may take ``timeout`` s plus ``timeout_per_mb`` per MB of its file (local engine; None: no limit,
    and ``jobs=1`` runs in this process). :class:`CorpusError` when ``out`` cannot be used.
    """
    started = time.monotonic()
    entries = list_corpus(source) if isinstance(source, (str, Path)) else list(source)
    ids = [e.id for e in entries]
    if len(set(ids)) != len(ids):
        raise CorpusError("corpus ids are not unique")
    try:
        out = usable_folder(out)
        with lock_folder(out):
            return _analyse_into(entries, out, started, jobs=jobs, engine=engine, scheduler=scheduler,
                                 budget=(timeout, timeout_per_mb), progress=progress,
                                 options={"fmt": fmt, "max_bytes": max_bytes, "reports": reports})
    except (OutputFolderError, WorkerStartError) as exc:
        raise CorpusError(str(exc)) from None


def _analyse_into(entries: list[CorpusEntry], out: Path, started: float, *, jobs: int, engine: str,
                  scheduler: str | None, budget: tuple[float | None, float], options: dict, progress: bool) -> CorpusRun:
    """The run itself, in a folder this run holds: check what is there, then analyse and write."""
    ids, reports = [e.id for e in entries], options["reports"]
    columns = [*META_COLUMNS, *metric_columns()]
    metrics_path, errors_path, reports_dir = out / "metrics.csv", out / "errors.csv", out / "reports"
    done, cut = existing_rows(metrics_path, columns)  # nothing is touched before these checks
    check_errors_file(errors_path, ERROR_COLUMNS)
    if reports and reports_dir.exists() and not reports_dir.is_dir():
        raise not_ours(reports_dir, "a file, not a folder")
    check_mode(out, reports, bool(done))
    names = report_names(ids)
    missing = {i for i in done if reports and i in names and not (reports_dir / names[i]).is_file()}
    if cut is not None:  # the torn last line of an interrupted run: its article is analysed again
        with metrics_path.open("r+b") as fh:
            fh.truncate(cut)
    if missing:
        drop_rows(metrics_path, missing)
        done -= missing
    todo = [e for e in entries if e.id not in done]
    if reports:
        reports_dir.mkdir(exist_ok=True)
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
        run = (run_on_dask(analyse_entry, todo, jobs=jobs, kwargs=options, scheduler=scheduler) if engine == "dask"
               else _run_local(todo, jobs, options, *budget))
        unknown: set[str] = set()
        try:
            for outcome in run:
                if outcome.row is not None and not unknown and (unknown := set(outcome.row) - set(columns)):
                    print(f"warning: metrics not in metrics.csv's columns are left out: {sorted(unknown)}",
                          file=sys.stderr)
                if outcome.error is not None:
                    errors.writerow([outcome.path, outcome.error])
                    ef.flush()
                    failed += 1
                else:
                    if outcome.report_json is not None:
                        target = reports_dir / names[outcome.id]
                        tmp = target.with_name(target.name + ".tmp")
                        try:
                            tmp.write_text(outcome.report_json, encoding="utf-8")
                            tmp.replace(target)
                        except BaseException:  # interrupted (SIGTERM, Ctrl-C) or failed: no half-written file
                            tmp.unlink(missing_ok=True)
                            raise
                    rows.writerow({k: outcome.row.get(k, "") for k in columns})
                    mf.flush()
                    analysed += 1
                bar.update(outcome.error is not None)
        finally:
            run.close()  # ends the workers at once when the run is interrupted
    bar.close()
    restore_order(metrics_path, ids)
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
