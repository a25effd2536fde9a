"""The ``export`` command: ``python -m analysis export REPORTS_OR_ARTICLES... --out DIR``.

Writes the span tables of :mod:`analysis.outputs.tables` across every input: ``DIR/quotes.csv``,
``attributions.csv``, ``actors.csv``, ``claims.csv``, ``devices.csv`` and ``sentences.csv``
(UTF-8, comma-separated, one row per item with the article id, offsets, text, labels and
evidence). An input is a report (a ``.json`` file with ``"schema": "analysis-report/1"``, read
as it is, corrections included) or an article (.txt, .md, .html, .htm, a .json record),
analysed first. The tables hold every article or none: when an input cannot be read, or two
inputs are the same article, the reason is printed on stderr and nothing is written (exit 1);
usage errors exit 2. The tables are derived files: existing ones in DIR are replaced.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from analysis.cli.common import EPILOG, add_input_options, check_input_options, err


def _report(name: str, args: argparse.Namespace) -> dict:
    from analysis.cli.html import read_report
    from analysis.report.build import analyse_file

    report = read_report(Path(name), args.max_bytes)
    if report is None:
        report = analyse_file(name, fmt=args.format, max_bytes=args.max_bytes, metadata=not args.no_metadata,
                              aliases=args.aliases, spacy_model=args.spacy_model).to_dict()
    return report


def cmd_export(args: argparse.Namespace) -> int:
    from analysis.outputs.tables import KINDS, all_tables, write_tables
    from analysis.read.reader import InputError

    if not check_input_options(args):
        return 2
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        err(f"--out {out}: not a folder")
        return 2
    reports, failed, seen = [], 0, {}
    for name in args.paths:
        try:
            report = _report(name, args)
        except InputError as exc:
            err(f"{name}: {exc}")
            failed += 1
            continue
        sha = (report.get("input") or {}).get("sha256")
        if sha and sha in seen:
            err(f"{name}: the same article as {seen[sha]}")
            failed += 1
            continue
        seen[sha] = name
        reports.append(report)
    if failed:
        err(f"export: nothing written: {failed} of {len(args.paths)} input{'s' * (len(args.paths) != 1)} failed")
        return 1
    tables = all_tables(reports)
    try:
        write_tables(tables, out)
    except OSError as exc:
        err(f"--out {out}: cannot write: {exc.strerror or exc}")
        return 2
    counts = ", ".join(f"{len(tables[k])} {k}" for k in KINDS)
    err(f"export: wrote {len(KINDS)} tables of {len(reports)} article{'s' * (len(reports) != 1)} to {out} ({counts})")
    return 0


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register the ``export`` command on the main parser's subparsers."""
    parser = subparsers.add_parser(
        "export", help="write the span tables (quotes, attributions, actors, claims, devices, sentences) as CSV",
        description="Write one CSV per kind of item across every input into DIR: quotes, attributions, actors "
                    "(with their portrayal), unsourced claims, devices and sentences (tone and voice). Each row "
                    "has the article id, offsets into its text, the text, the tool's labels and the evidence. An "
                    "input is a report JSON (read as it is) or an article (analysed first). In Python: "
                    "`from analysis import tables`.",
        epilog=EPILOG,
    )
    parser.add_argument("paths", nargs="+", metavar="REPORT_OR_ARTICLE", help="report JSON files or articles")
    parser.add_argument("--out", metavar="DIR", required=True, help="the folder to write the CSV files into")
    add_input_options(parser)
    parser.set_defaults(func=cmd_export)
    return parser
