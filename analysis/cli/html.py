"""The ``html`` command: ``python -m analysis html PATH... [--out DIR]`` writes the reading view.

Each PATH is an article (.txt, .md, .html, .htm, or a .json article record), analysed with
:func:`analysis.report.build.analyse_file`, or a report: a ``.json`` file whose top level has
``"schema": "analysis-report/1"`` is read as a report and not analysed again. For each
input ``DIR/<input stem>.html`` is written (default DIR: the current folder, created when
needed). Exit codes, as for every command: 0 all inputs written, 1 some failed (one message
per failure on stderr, the others still written), 2 usage error.

:func:`add_parser` registers the command on the main command line; :func:`main` is a
stand-alone entry point taking the same arguments, ``["html", PATH, ..., "--out", DIR]``.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from analysis.cli.common import EPILOG, add_input_options, article_inputs, check_input_options, err, for_each_input

REPORT_SCHEMA = "analysis-report/1"


def read_report(path: Path, max_bytes: int) -> dict | None:
    """The report in ``path`` when it is one (a .json with the report schema), else None.

    Raises ``InputError`` for a report of another schema version or without article text.
    """
    from analysis.read.reader import InputError

    if path.suffix.lower() != ".json" or not path.is_file():
        return None
    if path.stat().st_size > max_bytes:
        return None  # the article reader refuses it with its own message
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None  # not a report: the article reader says what is wrong with it
    if not isinstance(data, dict) or "schema" not in data:
        return None
    if data["schema"] != REPORT_SCHEMA:
        raise InputError(f"unsupported report schema {data['schema']!r} (this version reads {REPORT_SCHEMA})")
    if not isinstance((data.get("article") or {}).get("text"), str):
        raise InputError("the report has no article.text")
    return data


def cmd_html(args: argparse.Namespace) -> int:
    from analysis.outputs.reading_view import render_html

    if not check_input_options(args):
        return 2

    def make(name: str) -> str:
        path = Path(name)
        report = read_report(path, args.max_bytes)
        if report is None:
            from analysis.report.build import analyse_file

            report = json.loads(analyse_file(path, fmt=args.format, max_bytes=args.max_bytes,
                                             metadata=not args.no_metadata, aliases=args.aliases,
                                             spacy_model=args.spacy_model).to_json())
        return render_html(report)

    paths = article_inputs(args.paths, metadata=not args.no_metadata)
    if not paths:
        err("nothing to render: every input is a metadata record (<stem>.meta.json)")
        return 2
    return for_each_input(paths, make, out_dir=Path(args.out or "."), suffix=".html")


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Register the ``html`` command on the main parser's subparsers."""
    parser = subparsers.add_parser(
        "html", help="write the annotated reading view of articles or reports (one HTML page each)",
        description="Write DIR/<input stem>.html per input: the article with its quotes, attributions, "
                    "unsourced claims, framing devices, frames and tone laid over the text. An input is an "
                    f"article (.txt, .md, .html, .htm, .json record) or a report JSON (schema {REPORT_SCHEMA}). "
                    "The page is self-contained: it loads nothing.",
        epilog=EPILOG,
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="articles or report JSON files")
    parser.add_argument("--out", metavar="DIR", help="write DIR/<input stem>.html per input (default: .)")
    add_input_options(parser)
    parser.set_defaults(func=cmd_html)
    return parser


def main(argv: list[str] | None = None) -> int:
    """``python -m analysis.cli.html html PATH... [--out DIR]``: only the ``html`` command."""
    parser = argparse.ArgumentParser(prog="python -m analysis", epilog=EPILOG)
    add_parser(parser.add_subparsers(dest="command", metavar="COMMAND", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
