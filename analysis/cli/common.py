"""What every command shares: the reading options, the exit-code epilog, one way to print an error,
and the loop that runs a command over its inputs."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.read.reader import DEFAULT_MAX_BYTES, FORMATS, InputError, article_of, is_metadata_record

EPILOG = "Exit codes: 0 all inputs succeeded, 1 some inputs failed (see stderr), 2 usage error."


def err(message: str) -> None:
    """A message for the user, on stderr (stdout carries only data)."""
    print(message, file=sys.stderr)


def whole_number(*, what: str, negative: str | None = None):
    """An argparse type: a positive whole number of ``what``; with ``negative`` (what a negative
    number means, as "-1 for all cores"), any number but 0."""
    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
        if number == 0 or (number < 0 and negative is None):
            raise argparse.ArgumentTypeError(f"must be a positive number of {what}" + (f", or {negative}" if negative else ""))
        return number

    return parse


def add_reading_options(parser: argparse.ArgumentParser) -> None:
    """How to read inputs: ``--format`` and ``--max-bytes`` (every command that reads articles)."""
    parser.add_argument(
        "--format", choices=FORMATS, default=None,
        help="read every input in this format instead of guessing from its extension "
             "(.txt plain text, .md Markdown, .html/.htm HTML, .json a record with a text field)",
    )
    parser.add_argument(
        "--max-bytes", type=whole_number(what="bytes"), default=DEFAULT_MAX_BYTES, metavar="N",
        help=f"refuse files larger than N bytes (default {DEFAULT_MAX_BYTES:,})",
    )


def add_input_options(parser: argparse.ArgumentParser) -> None:
    """The options of the commands that analyse single articles: reading, metadata, aliases."""
    add_reading_options(parser)
    parser.add_argument(
        "--no-metadata", action="store_true",
        help="ignore a metadata record <stem>.meta.json beside an article",
    )
    parser.add_argument(
        "--aliases", metavar="TSV",
        help="merge actor names: a tab-separated file of 'alias<TAB>canonical name[<TAB>type]' lines",
    )
    parser.add_argument(
        "--spacy-model", metavar="NAME",
        help="parse with this spaCy pipeline (an installed package name such as en_core_web_sm, "
             "or a model folder) instead of the shipped one; the report records it",
    )


def check_input_options(args) -> bool:
    """Check ``--aliases`` and ``--spacy-model`` before any input is read (the model is loaded
    once here); print the reason and return False when one cannot be used (a usage error)."""
    if args.aliases and not Path(args.aliases).is_file():
        err(f"--aliases: {args.aliases}: no such file")
        return False
    if not args.spacy_model:
        return True
    from analysis.nlp import ModelNotFound, load

    try:
        load(args.spacy_model)
    except ModelNotFound as exc:
        err(f"--spacy-model: {exc}")
        return False
    return True


def article_inputs(paths: list[str], *, metadata: bool = True) -> list[str]:
    """The inputs that are articles. A metadata record (``<stem>.meta.json``, as ``dir/*`` lists
    beside each article of a corpus folder) is skipped with a note on stderr saying whether it is
    read as its article's metadata; it is not a failure."""
    articles = []
    for path in paths:
        if not is_metadata_record(path):
            articles.append(path)
            continue
        article = article_of(path)
        why = (f"no article {Path(path).name[:-len('.meta.json')]}.* beside it" if article is None
               else "not read: --no-metadata" if not metadata else f"read as the metadata of {article}")
        err(f"{path}: skipped: a metadata record, not an article ({why})")
    return articles


def for_each_input(paths: list[str], make, *, out_dir: Path, suffix: str, to_stdout: bool = False) -> int:
    """Run ``make(path) -> text`` for every input and write ``out_dir/<stem><suffix>`` (or
    stdout). A failure is reported on stderr with the file and the reason and never stops the
    other inputs. Returns the exit code: 0 when all succeeded, 1 otherwise."""
    failures = 0
    written: set[Path] = set()
    for path in paths:
        try:
            text = make(path)
        except InputError as exc:
            err(f"{path}: {exc}")
            failures += 1
            continue
        except Exception as exc:  # a bug must not sink the other inputs; say so loudly
            err(f"{path}: internal error, please report it: {type(exc).__name__}: {exc}")
            failures += 1
            continue
        if to_stdout:
            sys.stdout.write(text)
            continue
        target = out_dir / f"{Path(path).stem}{suffix}"
        if Path(path).resolve() == target.resolve():
            err(f"{path}: not written: {target} is the input itself (give --out another folder)")
            failures += 1
            continue
        if target in written:
            err(f"{path}: not written: another input already wrote {target} (same file name)")
            failures += 1
            continue
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        except OSError as exc:
            err(f"{path}: cannot write {target}: {exc.strerror or exc}")
            failures += 1
            continue
        written.add(target)
        err(f"{path}: wrote {target}")
    return 1 if failures else 0
