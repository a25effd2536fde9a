"""What a corpus run finds in its output folder: the rows already done, a torn last line, files
that are not ours, the order of the rows, and the name of each report.

- ``metrics.csv`` is ours when its header is exactly the run's columns and every complete line
  below it is a row of that width with an id not seen before (a second header or an id twice is
  what two runs writing at once leave). Anything else (other columns, bytes that are not UTF-8
  CSV, no line end at all) is refused before anything in the folder is touched.
- A last line without its line end is a row torn by an interrupted run: it is cut off and its
  article analysed again, so no row is lost or doubled and the file ends byte-identical to an
  uninterrupted run's (:func:`restore_order` puts rows back in input order).
- ``errors.csv``, which each run rewrites, must start with its header, or is refused too.
- The rows of one folder are measured one way (:func:`check_mode`): with the parse
  (``--reports``: quote kinds and attributions read from it) or without; ``measured.json``
  records which, and a run the other way is refused while rows are there (its rows would
  differ from theirs).
- Report names (:func:`report_names`): ``<stem>.json`` (``/`` as ``__``), and
  ``<stem>-<hash>.json`` for every id whose name another id would share.
"""
from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from analysis.corpus.outfolder import OutputFolderError
from analysis.read.reader import EXTENSIONS


def report_name(id_: str) -> str:
    """The file name of an entry's report: the id without its extension, ``/`` as ``__``."""
    stem = id_.rsplit(".", 1)[0] if Path(id_).suffix.lower() in EXTENSIONS else id_
    return stem.replace("/", "__").replace("\\", "__") + ".json"


def report_names(ids: Iterable[str]) -> dict[str, str]:
    """Each id's report file name: :func:`report_name`, and where two ids would share it (``sub/a.txt``,
    ``sub/a.md``, ``sub__a.txt``; compared without case, for case-blind disks) ``<stem>-<hash>.json``
    for each of them, ``hash`` the first 8 hex digits of the SHA-256 of the id (its relative path)."""
    ids = list(ids)
    plain = {i: report_name(i) for i in ids}
    seen: dict[str, int] = {}
    for name in plain.values():
        seen[name.casefold()] = seen.get(name.casefold(), 0) + 1
    return {i: name if seen[name.casefold()] == 1 else
            f"{name[:-len('.json')]}-{hashlib.sha256(i.encode('utf-8')).hexdigest()[:8]}.json"
            for i, name in plain.items()}


def check_mode(folder: Path, parsed: bool, has_rows: bool) -> None:
    """Refuse a run measured otherwise than the rows already in ``folder`` (with or without the
    parse), then record how this run measures (``measured.json``). A folder with rows and no
    record (an older version) is taken as measured this way."""
    path = folder / "measured.json"
    if has_rows and path.exists():
        try:
            found = json.loads(path.read_text(encoding="utf-8"))["parse"]
        except (OSError, ValueError, KeyError, TypeError):
            raise not_ours(path, "not the record of how the rows were measured") from None
        if found != parsed:
            way = "with" if found else "without"
            raise OutputFolderError(f"{folder}: its rows were measured {way} the parse, and this run would measure "
                                    f"{'with' if parsed else 'without'} it, so the rows would not agree: run "
                                    f"{way} --reports to resume, or choose another --out; nothing was written")
        return
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps({"parse": parsed}) + "\n", encoding="utf-8")
    tmp.replace(path)


def not_ours(path: Path, why: str) -> OutputFolderError:
    """The error for a file in the output folder that a run did not write."""
    return OutputFolderError(f"{path} is not a file corpus analyse wrote ({why}): refused, nothing was written; "
                       "choose another --out, or move the file away")


def existing_rows(path: Path, columns: list[str]) -> tuple[set[str], int | None]:
    """The ids already in ``metrics.csv``, and the length to cut it to when its last line is torn
    (an interrupted write; None when it is whole). Reads only; :class:`OutputFolderError` when the file is
    not one of ours (other columns, not UTF-8 CSV, rows of another width, the header or an id twice)."""
    if not path.exists():
        return set(), None
    if not path.is_file():
        raise not_ours(path, "not a regular file")
    data = path.read_bytes()
    cut = data.rfind(b"\n") + 1
    if cut == 0:  # empty, or a header torn while it was written
        header = ",".join(columns).encode("utf-8")
        if header.startswith(data):
            return set(), (0 if data else None)
        raise not_ours(path, "its first line is not the header of metrics.csv, and it has no line end")
    try:
        rows = csv.reader(data[:cut].decode("utf-8").splitlines(keepends=True))
        header = next(rows)
        if header != columns:
            raise OutputFolderError(f"{path} was written with other columns (another version of the package, or "
                              "not a metrics.csv of corpus analyse): refused, nothing was written; choose a new "
                              "output folder or remove it")
        ids: set[str] = set()
        for row in rows:
            if row == columns:
                raise not_ours(path, f"the header again on line {rows.line_num}: two runs wrote into it at once")
            if len(row) != len(columns):
                raise not_ours(path, f"line {rows.line_num} has {len(row)} fields, not {len(columns)}")
            if row[0] in ids:
                raise not_ours(path, f"id {row[0]!r} twice, again on line {rows.line_num}")
            ids.add(row[0])
    except UnicodeDecodeError:
        raise not_ours(path, "not UTF-8 text") from None
    except csv.Error as exc:
        raise not_ours(path, f"not CSV: {exc}") from None
    return ids, (cut if cut < len(data) else None)


def check_errors_file(path: Path, header: Sequence[str]) -> None:
    """Refuse an ``errors.csv`` that is not ours: each run rewrites it."""
    if not path.exists():
        return
    if not path.is_file():
        raise not_ours(path, "not a regular file")
    with path.open("rb") as fh:
        first = fh.readline(200)
    if first and first.rstrip(b"\r\n") != ",".join(header).encode("utf-8"):
        raise not_ours(path, "its first line is not path,reason")


def drop_rows(path: Path, ids: set[str]) -> None:
    """Rewrite ``metrics.csv`` without the rows of ``ids`` (their reports are missing: done again)."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.reader(fh) if r[0] not in ids]
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    tmp.replace(path)


def restore_order(path: Path, order: Sequence[str]) -> None:
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
