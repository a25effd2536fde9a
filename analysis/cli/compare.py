"""Command line for comparing articles and for corpus mode: ``compare``, ``corpus fetch``, ``corpus analyse``.

:func:`add_parsers` registers the commands on ``python -m analysis``'s sub-parsers;
:func:`main` runs them on their own (``python -m analysis.cli.compare ...``, and the tests).
Exit codes as for every command: 0 every input succeeded, 1 some failed (each named on stderr
or in ``errors.csv``; the rest is still written), 2 usage error. Messages and the progress bar
go to stderr. Methods: :mod:`analysis.corpus.compare`, :mod:`analysis.corpus.stats`,
:mod:`analysis.corpus.run`, :mod:`analysis.corpus.fetch`.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.cli.common import EPILOG, add_reading_options, err, whole_number

COMPARE_EPILOG = """\
Adding articles of your own about the same event: pass their files, or a folder of them,
after the article of interest:

  python -m analysis compare story.html same-event/ --out out/compare

They join the metrics table, are placed against the corpus like it, and form part of "the
rest" for distinctive terms. To make a folder of your own the reference instead, pass it as
--corpus (a manifest.tsv with id, rating, genre, source, topic, date, title beside
articles/<id>.json gives ratings and genres; otherwise genre is opinion when the title starts
"OPINION:").

Outputs in OUT: summary.json (what was compared with what, what is missing and why);
metrics, percentiles, neighbours and terms as .csv and .json; summary.md (a few sentences
per article computed from them: where it sits, with intervals, its frames, distinctive terms,
nearest coverage); and per article <article>-placement, -frame-shares, -by-outlet and
-distinctive-terms .png, each beside the .csv of exactly its plotted numbers (without a
reference corpus only the distinctive terms, against the other articles given).
""" + EPILOG


def _seconds(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds") from None
    if not number > 0 or number == float("inf"):
        raise argparse.ArgumentTypeError("must be a positive number of seconds")
    return number


def _input_options(parser: argparse.ArgumentParser) -> None:
    add_reading_options(parser)
    parser.add_argument("--jobs", type=whole_number(what="workers", negative="-1 for all cores"), default=-1, metavar="N",
                        help="parallel workers for corpus analysis (default -1: all cores)")


def cmd_compare(args: argparse.Namespace) -> int:
    from analysis.corpus.outfolder import OutputFolderError, check_folder
    from analysis.corpus.pool import exit_on_sigterm

    if args.corpus is not None and not Path(args.corpus).is_dir():
        err(f"--corpus: {args.corpus}: not a folder")
        return 2
    try:
        check_folder(args.out)
    except OutputFolderError as exc:
        err(str(exc))
        return 2
    with exit_on_sigterm():  # a reference corpus build ends its workers on SIGTERM
        return _compare(args)


def _compare(args: argparse.Namespace) -> int:
    from analysis.corpus.compare import compare_result
    from analysis.corpus.run import CorpusError

    corpus = None if args.no_corpus else (args.corpus or "auto")
    try:
        result = compare_result(args.paths, corpus=corpus, jobs=args.jobs, fmt=args.format,
                                max_bytes=args.max_bytes, progress=True)
    except CorpusError as exc:  # the reference corpus' cache folder cannot be used
        err(str(exc))
        return 2
    for path, reason in result.errors:
        err(f"{path}: {reason}")
    if not result.metrics.rows:
        err("nothing to compare: no article could be analysed")
        return 1
    try:
        written = result.write(args.out)
        written += _figures_and_summary(result, Path(args.out))
    except OSError as exc:
        err(f"--out {args.out}: cannot write into the folder ({exc.strerror or exc})")
        return 2
    if result.corpus:
        err(f"reference corpus: {result.corpus.path} ({result.corpus.articles} articles)")
    for note in result.notes:
        err(f"note: {note}")
    err(f"wrote {len(written)} files to {args.out}")
    return 1 if result.errors else 0


def _figures_and_summary(result, out: Path) -> list[Path]:
    """Each article's comparison figures (PNG beside CSV) and ``summary.md``; the paths written."""
    import matplotlib

    matplotlib.use("Agg")  # headless and deterministic; set here, by the command that draws

    from analysis.outputs.comparison_plots import plot_every_article
    from analysis.outputs.comparison_summary import summary_markdown

    figures = plot_every_article(result, result.reference_rows, out)
    (out / "summary.md").write_text(summary_markdown(result, figures), encoding="utf-8")
    pngs = [path for drawn in figures.values() for path in drawn.values()]
    return [out / "summary.md", *pngs, *(p.with_suffix(".csv") for p in pngs)]


def cmd_corpus_analyse(args: argparse.Namespace) -> int:
    from analysis.corpus.pool import exit_on_sigterm
    from analysis.corpus.run import CorpusError, analyse_corpus

    if not Path(args.dir).is_dir():
        err(f"{args.dir}: not a folder")
        return 2
    if args.scheduler and args.engine != "dask":
        err("--scheduler needs --engine dask")
        return 2
    try:
        with exit_on_sigterm():  # SIGTERM ends the workers and releases the folder's lock
            run = analyse_corpus(args.dir, args.out, reports=args.reports, jobs=args.jobs, engine=args.engine,
                                 scheduler=args.scheduler, fmt=args.format, max_bytes=args.max_bytes,
                                 progress=not args.quiet, timeout=args.timeout)
    except CorpusError as exc:
        err(str(exc))
        return 2
    except KeyboardInterrupt:  # Ctrl-C (SIGINT): the workers are ended; every row written is whole
        err(f"interrupted: the workers are stopped; the rows and reports written so far are kept in {args.out}, "
            "and the same command resumes the run")
        return 130
    err(f"{run.total} articles: {run.analysed} analysed, {run.skipped} already in {run.metrics_path}, "
        f"{run.errors} failed (see {run.errors_path}); {run.seconds:.1f} s")
    return 1 if run.errors else 0


def cmd_corpus_fetch(args: argparse.Namespace) -> int:
    from analysis.corpus.fetch import PACKAGED_MANIFEST, fetch_corpus

    manifest = args.manifest or PACKAGED_MANIFEST
    if not Path(manifest).is_file():
        err(f"--manifest: {manifest}: no such file")
        return 2
    result = fetch_corpus(args.dest, manifest=manifest, progress=not args.quiet)
    for id_, reason in result.failed:
        err(f"{id_}: {reason}")
    err(f"{result.dest}: {len(result.downloaded)} downloaded, {len(result.present)} already there and verified, "
        f"{len(result.failed)} failed")
    return 0 if result.ok else 1


def add_parsers(subparsers) -> None:
    """Register ``compare`` and ``corpus`` (with ``fetch`` and ``analyse``) on ``subparsers``."""
    compare = subparsers.add_parser(
        "compare", help="compare articles side by side and against a reference corpus",
        description="Analyse several articles (files, or folders of .txt, .md, .html, .htm, .json) and write "
                    "their metrics side by side, each article's percentile on each metric in the reference "
                    "corpus (overall, news, opinion, left, center, right; bootstrap intervals over sentences "
                    "for rates), the five nearest corpus articles (TF-IDF cosine) and the distinctive terms of "
                    "each against the rest (log-odds with an informative Dirichlet prior, Monroe et al. 2008). "
                    "The corpus' metrics are computed once and cached (ANALYSIS_CACHE).",
        epilog=COMPARE_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    compare.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders of articles")
    which = compare.add_mutually_exclusive_group()
    which.add_argument("--corpus", metavar="DIR", help="the reference corpus folder (default: the shared AllSides "
                       "sample via ANALYSIS_SHARED, else the copy `corpus fetch` downloaded)")
    which.add_argument("--no-corpus", action="store_true", help="compare the given articles with each other only")
    compare.add_argument("--out", metavar="DIR", default="out/compare", help="output folder (default out/compare)")
    _input_options(compare)
    compare.set_defaults(func=cmd_compare)

    corpus = subparsers.add_parser(
        "corpus", help="fetch the reference corpus, or analyse a folder of articles at scale",
        description="Corpus mode: `fetch` downloads the AllSides reference corpus, `analyse` measures a folder "
                    "of articles into one table.", epilog=EPILOG)
    sub = corpus.add_subparsers(dest="corpus_command", metavar="ACTION", required=True)
    fetch = sub.add_parser(
        "fetch", help="download the 600 AllSides reference articles (needs internet)",
        description="Download the AllSides reference corpus (600 JSON files of ramybaly/Article-Bias-Prediction at "
                    "a pinned commit) into the cache (ANALYSIS_CACHE/allsides) or DEST, verifying each file "
                    "against the packaged manifest. Rerun to resume: verified files are not fetched again.",
        epilog=EPILOG,
    )
    fetch.add_argument("--dest", metavar="DIR", help="where to put manifest.tsv and articles/ (default: the cache)")
    fetch.add_argument("--manifest", metavar="TSV", help="a manifest of your own with id, url and optionally "
                       "content_sha256 columns (default: the packaged AllSides manifest)")
    fetch.add_argument("--quiet", action="store_true", help="no progress bar")
    fetch.set_defaults(func=cmd_corpus_fetch)

    analyse = sub.add_parser(
        "analyse", help="analyse every article of a folder into one metrics table",
        description="Analyse every article of DIR (an AllSides folder with manifest.tsv, or any folder searched "
                    "recursively) on all cores, writing one row per article to OUT/metrics.csv as it goes and "
                    "every file that cannot be analysed to OUT/errors.csv. Rerun to resume: articles already in "
                    "metrics.csv are skipped. Each article has a time budget of 30 s plus 30 s per MB of its file "
                    "(--timeout changes the 30 s): past it, its worker is stopped and replaced, the article is "
                    "listed in errors.csv and the run goes on. One run at a time writes into OUT: a second one is "
                    "refused (the lock ends with the run, even a killed one).",
        epilog=EPILOG,
    )
    analyse.add_argument("dir", metavar="DIR", help="the corpus folder")
    analyse.add_argument("--out", metavar="OUT", required=True, help="output folder")
    analyse.add_argument("--reports", action="store_true", help="also write every report to OUT/reports/<stem>.json "
                         "(<stem>-<hash>.json where two files would share a name)")
    analyse.add_argument("--engine", choices=("local", "dask"), default="local",
                         help="local: worker processes, each article within its time budget (default); dask: a "
                              "distributed.LocalCluster or --scheduler")
    analyse.add_argument("--scheduler", metavar="ADDRESS", help="a running Dask scheduler, e.g. tcp://host:8786")
    analyse.add_argument("--timeout", type=_seconds, default=30.0, metavar="SECONDS",
                         help="the base of each article's time budget, which adds 30 s per MB of the file "
                              "(default 30; local engine only)")
    analyse.add_argument("--quiet", action="store_true", help="no progress bar")
    _input_options(analyse)
    analyse.set_defaults(func=cmd_corpus_analyse)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", epilog=EPILOG)
    add_parsers(parser.add_subparsers(dest="command", metavar="COMMAND", required=True))
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
