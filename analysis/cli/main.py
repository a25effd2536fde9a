"""The command line: ``python -m analysis COMMAND ...`` (``python -m analysis --help``).

Exit codes: 0 when every input succeeded, 1 when some failed (each failure is reported on
stderr with the file and the reason; the other inputs are still written), 2 for usage
errors. Standard output carries only the requested data (the JSON report); messages go to
standard error. Heavy modules are imported by the command that needs them, not at start-up.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from analysis.cli.common import EPILOG, add_input_options, article_inputs, check_input_options, err, for_each_input


def _load_corrections(path: str):
    """The corrections of ``--corrections FILE`` and the file's SHA-256, or None after saying why
    the file cannot be used (a usage error: no input is analysed)."""
    import hashlib

    from analysis.coding.corrections import load_corrections
    from analysis.coding.items import CodingError

    try:
        data = Path(path).read_bytes()
        return load_corrections(data.decode("utf-8"), where=path), hashlib.sha256(data).hexdigest()
    except OSError as exc:
        err(f"--corrections: {path}: cannot read: {exc.strerror or exc}")
    except UnicodeDecodeError:
        err(f"--corrections: {path}: not UTF-8 text")
    except CodingError as exc:
        err(f"--corrections: {exc}")
    return None


def cmd_report(args: argparse.Namespace) -> int:
    from analysis.report.build import analyse_file, report_json

    if not check_input_options(args):
        return 2
    fixes = _load_corrections(args.corrections) if args.corrections else None
    if args.corrections and fixes is None:
        return 2

    def make(path: str) -> str:
        report = analyse_file(path, fmt=args.format, max_bytes=args.max_bytes, metadata=not args.no_metadata,
                              aliases=args.aliases, spacy_model=args.spacy_model)
        if fixes is None:
            return report.to_json()
        from analysis.coding.corrections import correct_report

        corrected, unmatched = correct_report(report.to_dict(), fixes[0], file_name=Path(args.corrections).name,
                                              file_sha256=fixes[1])
        done = corrected["generator"]["corrections"]["applied"]
        if not done and not unmatched:
            err(f"{path}: no correction in {args.corrections} is for this article (text hash {report.input.sha256[:12]})")
        for c in unmatched:
            err(f"{path}: correction not applied, its span no longer exists: {c.kind} {c.field} at {c.start}-{c.end} "
                f"({c.tool_label} -> {c.label}, by {c.coder})")
        if done:
            err(f"{path}: {done} correction{'s' * (done != 1)} applied from {args.corrections}")
        return report_json(corrected)

    paths = article_inputs(args.paths, metadata=not args.no_metadata)
    if not paths:
        err("nothing to analyse: every input is a metadata record (<stem>.meta.json)")
        return 2
    return for_each_input(paths, make, out_dir=Path(args.out or "."), suffix=".json",
                          to_stdout=len(paths) == 1 and args.out is None)


def cmd_coding(args: argparse.Namespace) -> int:
    from analysis.coding.cli import main as coding

    return coding(args.rest)


def cmd_validate(args: argparse.Namespace) -> int:
    from analysis.validation.run import main as validate

    return validate(args.names or None, Path(args.out) if args.out else None)


def cmd_figures(args: argparse.Namespace) -> int:
    from analysis.cli.regenerate import FIGURES, SEED, in_source_tree, regenerate_figures
    from analysis.read.reader import InputError

    repository = in_source_tree()
    if not args.article and not repository:
        err("figures: the seed article is part of the repository, not of the installed package: "
            "give --article PATH (figures go to ./figures, or --out DIR)")
        return 2
    try:
        written = regenerate_figures(Path(args.article) if args.article else SEED,
                                     Path(args.out) if args.out else FIGURES if repository else Path("figures"))
    except InputError as exc:
        err(f"{args.article}: {exc}")
        return 1
    err(f"figures: wrote {len(written)} files")
    return 0


def cmd_notebooks(args: argparse.Namespace) -> int:
    from analysis.cli.regenerate import NOTEBOOKS, execute_notebooks, in_source_tree

    if not args.notebooks and not in_source_tree():
        err("notebooks: the notebooks are part of the repository, not of the installed package: "
            "give --notebooks DIR (the notebooks/ folder of a clone)")
        return 2
    folder = Path(args.notebooks) if args.notebooks else NOTEBOOKS
    if not any(folder.glob("[0-9][0-9]-*.ipynb")):
        err(f"notebooks: {folder}: no notebook NN-*.ipynb in it")
        return 2
    execute_notebooks(Path(args.out) if args.out else None, notebooks=folder)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Measure how news articles frame their stories: quoted terms, source "
                    "attribution, sentiment and framing.",
        epilog=EPILOG,
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    report = sub.add_parser(
        "report", help="analyse articles and write one JSON report each",
        description="Analyse each article and write its report (schema analysis-report/1). "
                    "With one path and no --out, the report is printed to stdout; otherwise "
                    "DIR/<input stem>.json is written per input, creating DIR when needed. Metadata "
                    "records (<stem>.meta.json) are read beside their article, and skipped as inputs.",
        epilog=EPILOG,
    )
    report.add_argument("paths", nargs="+", metavar="PATH", help="article files (.txt, .md, .html, .htm, .json)")
    report.add_argument("--out", metavar="DIR", help="write DIR/<input stem>.json per input")
    report.add_argument("--corrections", metavar="FILE",
                        help="apply a coder's corrections (corrections.json from `coding apply`): corrected items are "
                             "marked, their metrics recounted, the file's hash recorded in generator.corrections")
    add_input_options(report)
    report.set_defaults(func=cmd_report)

    validate = sub.add_parser(
        "validate", help="score the measures on the annotated benchmarks and check their floors",
        description="Run the validations against the benchmarks in the shared data folder "
                    "(ANALYSIS_SHARED), write their figures to docs/validation/ (or --out) and "
                    "exit 1 when a figure drops below its recorded floor. Skipped with a message "
                    "when the shared folder is absent.",
    )
    validate.add_argument("names", nargs="*", metavar="NAME", help="validations to run (default: all)")
    validate.add_argument("--out", metavar="DIR", help="where to write the figures (default docs/validation)")
    validate.set_defaults(func=cmd_validate)

    figures = sub.add_parser(
        "figures", help="regenerate every figure (PNG beside CSV), the report and the reading view",
        description="Analyse the article (default: the seed) and write its report, every figure "
                    "(PNG beside a CSV of the plotted numbers) and the annotated reading view into "
                    "figures/ (or --out). Figures that need the reference corpus are regenerated when "
                    "ANALYSIS_SHARED points at it and left as they are otherwise.",
    )
    figures.add_argument("--article", metavar="PATH", help="the article to draw (default: the seed; needed "
                         "from a regular install, which has no seed)")
    figures.add_argument("--out", metavar="DIR", help="where to write (default: the repository's figures/, or "
                         "./figures from a regular install)")
    figures.set_defaults(func=cmd_figures)

    notebooks = sub.add_parser(
        "notebooks", help="execute every notebook headlessly",
        description="Execute notebooks/NN-*.ipynb top to bottom (nbclient) and write the executed "
                    "copies to .cache/notebooks/ (or --out).",
    )
    notebooks.add_argument("--out", metavar="DIR", help="where to write the executed notebooks")
    notebooks.add_argument("--notebooks", metavar="DIR", help="the notebooks to run (default: the repository's notebooks/)")
    notebooks.set_defaults(func=cmd_notebooks)

    coding = sub.add_parser(
        "coding", add_help=False, help="coding sheets: export a sample, score agreement, apply corrections",
        description="python -m analysis coding {export,score,apply} ... (python -m analysis coding --help)",
    )
    coding.add_argument("rest", nargs=argparse.REMAINDER)
    coding.set_defaults(func=cmd_coding)

    from analysis.cli.compare import add_parsers as add_compare
    from analysis.cli.export import add_parser as add_export
    from analysis.cli.html import add_parser as add_html

    add_html(sub)
    add_export(sub)
    add_compare(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    import sys

    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["coding"]:  # its own parser, options included ("coding --help")
        from analysis.coding.cli import main as coding

        return coding(argv[1:])
    parser = build_parser()
    args = parser.parse_args(argv)
    return args.func(args)
