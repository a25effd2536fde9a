"""``analysis coding``: export a coding sheet, score a coded sheet, turn a coder's labels into corrections.

    analysis coding export REPORTS_OR_ARTICLES... --out SHEET.csv [--sample N] [--seed S] [--coders A,B] [--force]
    analysis coding score SHEET [--json]
    analysis coding apply SHEET --coder NAME --out corrections.json [--force]

Inputs ending in ``.json`` are reports (``python -m analysis report``); any other file is an
article, analysed with :func:`analysis.analyse_file`. Exit codes: 0 done (also for a sheet with
no coded cell, which is said on stderr), 2 usage error or bad input, reported as one line
``analysis coding: <file>: <reason>`` on stderr, with nothing written; 1 an internal error. Data (the scores) go to
stdout, messages to stderr. Existing files are never replaced without ``--force``.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from analysis.coding.items import CodingError, load_report, report_items
from analysis.coding.sheet import coder_columns, current_version, read_sheet, sample_items, sheet_text, write_new

PROG = "analysis coding"
EPILOG = "Exit codes: 0 done, 2 usage error or bad input (one line on stderr naming the file; nothing written)."


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _report(path: str) -> dict:
    """The report of an input: a report JSON file, or an article analysed now."""
    if path.endswith(".json"):
        return load_report(path)
    import analysis

    try:
        text = analysis.analyse_file(path).to_json()
    except (OSError, ValueError) as exc:
        raise CodingError(path, f"cannot analyse: {exc}") from None
    return load_report(text, where=path)


def cmd_export(args: argparse.Namespace) -> int:
    coders = coder_columns(args.coders.split(",") if args.coders else None)
    version = current_version()
    items, seen = [], {}
    for path in args.inputs:
        report = _report(path)
        made_by = str((report.get("generator") or {}).get("version"))
        if made_by != version:
            raise CodingError(path, f"report made by analysis {made_by}, this is analysis {version}: "
                                    "make the report again with this version")
        sha = report["input"]["sha256"]
        if sha in seen:
            raise CodingError(path, f"the same article as {seen[sha]}")
        seen[sha] = path
        items += report_items(report, where=path)
    chosen = sample_items(items, sample=args.sample, seed=args.seed)
    write_new(args.out, sheet_text(chosen, coders=coders), force=args.force)
    fields = len({(it.kind, it.field) for it in chosen})
    articles = len({it.article_sha256 for it in chosen})
    _say(f"{args.out}: wrote {len(chosen)} rows ({fields} fields, {articles} article{'s' * (articles != 1)}) "
         f"of {len(items)} items; coder columns {', '.join(coders)}")
    return 0


def cmd_score(args: argparse.Namespace) -> int:
    from analysis.coding.agreement import score_sheet, score_text

    sheet = read_sheet(args.sheet)
    result = score_sheet(sheet)
    if not sheet.coded_cells:
        _say(f"{args.sheet}: no coded cell yet: fill the {', '.join(sheet.coders)} column(s) and score again")
        if args.json:
            print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n" if args.json else score_text(result))
    return 0


def cmd_apply(args: argparse.Namespace) -> int:
    from analysis.coding.corrections import coder_column, corrections_json, sheet_corrections

    sheet = read_sheet(args.sheet)
    column = coder_column(sheet, args.coder)
    corrections = sheet_corrections(sheet, column)
    write_new(args.out, corrections_json(corrections), force=args.force)
    coded = sum(r.labels[column] is not None for r in sheet.rows)
    _say(f"{args.out}: wrote {len(corrections)} correction{'s' * (len(corrections) != 1)} by {column} "
         f"({coded} coded rows, {coded - len(corrections)} agreeing with the tool)")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, epilog=EPILOG, description="Export a coding sheet, score a coded "
                                     "sheet, turn a coder's labels into corrections (docs/working-with-results.md).")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    export = sub.add_parser("export", help="write a coding sheet: a stratified random sample of items", epilog=EPILOG)
    export.add_argument("inputs", nargs="+", metavar="REPORT_OR_ARTICLE")
    export.add_argument("--out", required=True, metavar="SHEET.csv", help="the sheet to write (never replaced without --force)")
    export.add_argument("--sample", type=int, default=None, metavar="N",
                        help="at most N rows of each field (kind and field), drawn at random (default: every item)")
    export.add_argument("--seed", type=int, default=0, metavar="S", help="seed of the random sample (default 0)")
    export.add_argument("--coders", metavar="NAME,NAME", help="one empty column coder_NAME per coder (default coder_1)")
    export.add_argument("--force", action="store_true", help="replace an existing file")
    export.set_defaults(run=cmd_export)
    score = sub.add_parser("score", help="agreement per field: coders vs the tool and vs each other", epilog=EPILOG)
    score.add_argument("sheet", metavar="SHEET")
    score.add_argument("--json", action="store_true", help="print the figures as JSON")
    score.set_defaults(run=cmd_score)
    apply = sub.add_parser("apply", help="a coder's labels where they differ from the tool's, as corrections.json",
                           epilog=EPILOG)
    apply.add_argument("sheet", metavar="SHEET")
    apply.add_argument("--coder", required=True, metavar="NAME", help="the coder whose labels count (NAME or coder_NAME)")
    apply.add_argument("--out", required=True, metavar="corrections.json", help="the file to write (never replaced without --force)")
    apply.add_argument("--force", action="store_true", help="replace an existing file")
    apply.set_defaults(run=cmd_apply)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run ``analysis coding`` with ``argv`` (default: the process's arguments); returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help (0) or a usage error (2), already printed by argparse
        return int(exc.code or 0)
    try:
        return args.run(args)
    except CodingError as exc:
        _say(f"{PROG}: {exc}")
        return 2
    except Exception as exc:  # a bug: say so in one line rather than with a traceback
        _say(f"{PROG}: internal error, please report it: {type(exc).__name__}: {exc}")
        return 1
