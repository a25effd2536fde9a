"""The coding sheet: a stratified random sample of items as one CSV file, and reading it back.

Sampling: the items of all reports are grouped by ``(kind, field)``; from each group ``sample``
items are drawn without replacement by ``numpy.random.default_rng(seed)`` from the group sorted
by ``item_id`` (so the sample depends on the items and the seed only, not on the order of the
reports), all of a group when it has fewer. Rows are written in reading order: by article,
offset, kind and field.

Columns (``COLUMNS``): ``item_id, article, kind, field, text, context, tool_label, allowed``,
one empty ``coder_<name>`` per coder, then ``start, end, article_sha256, tool_version,
sheet_format``. ``sheet_format`` (``analysis-coding/1``) and ``tool_version`` (the version of
``analysis`` that made the reports) let a sheet from another version be refused: the labels and
spans of another version may differ. A column ``notes`` may be added for the coders' remarks.

Reading checks everything before anything is computed or written: known columns only, at
least one coder column, no item twice, an ``item_id`` that matches its article hash, kind,
offsets and field, labels inside ``allowed`` (compared without regard to case or surrounding
white space; the canonical spelling is kept). Blank cells are missing codes. Rows may be
reordered, filtered or partly coded.
"""
from __future__ import annotations

import csv
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from analysis.coding.items import FIELDS, CodingError, Item, make_item_id

SHEET_FORMAT = "analysis-coding/1"
ITEM_COLUMNS = ("item_id", "article", "kind", "field", "text", "context", "tool_label", "allowed")
KEY_COLUMNS = ("start", "end", "article_sha256", "tool_version", "sheet_format")
COLUMNS = ITEM_COLUMNS + KEY_COLUMNS
OPTIONAL_COLUMNS = ("notes",)
CODER_PREFIX = "coder_"


def current_version() -> str:
    """The version of the installed ``analysis``."""
    from analysis.version import __version__  # the one place of the version, at the lowest stage

    return __version__


@dataclass(frozen=True)
class Row:
    """One row of a read sheet: the item and each coder's label (``None`` where blank)."""

    item: Item
    labels: dict[str, str | None]
    line: int


@dataclass(frozen=True)
class Sheet:
    """A coding sheet that passed every check: its rows and its coder columns (sorted by name)."""

    path: str
    coders: tuple[str, ...]
    rows: tuple[Row, ...]

    @property
    def coded_cells(self) -> int:
        return sum(v is not None for row in self.rows for v in row.labels.values())


def coder_columns(coders: list[str] | tuple[str, ...] | None) -> tuple[str, ...]:
    """``coder_<name>`` for every name (``["1"]`` when none is given); refuses blanks and repeats."""
    names = [c.strip() for c in (coders or ["1"])]
    columns = tuple(n if n.startswith(CODER_PREFIX) else CODER_PREFIX + n for n in names)
    if any(not n or n == CODER_PREFIX or "," in n for n in columns):
        raise CodingError("--coders", "coder names must be non-empty, separated by commas")
    if len(set(columns)) != len(columns):
        raise CodingError("--coders", "a coder is named twice")
    return columns


def sample_items(items: list[Item], *, sample: int | None = None, seed: int = 0) -> list[Item]:
    """A stratified random sample: up to ``sample`` items of each (kind, field), reproducible by
    ``seed``; all items when ``sample`` is None. Returned in reading order."""
    if sample is not None and sample < 1:
        raise CodingError("--sample", "must be a positive number of rows per field")
    groups: dict[tuple[str, str], list[Item]] = {}
    for item in sorted(items, key=lambda it: it.item_id):
        groups.setdefault((item.kind, item.field), []).append(item)
    rng = np.random.default_rng(seed)
    chosen: list[Item] = []
    for key in sorted(groups):
        group = groups[key]
        if sample is None or len(group) <= sample:
            chosen += group
        else:
            chosen += [group[i] for i in sorted(rng.choice(len(group), size=sample, replace=False))]
    order = {kind: i for i, kind in enumerate(FIELDS)}
    fields = {f: i for fs in FIELDS.values() for i, f in enumerate(fs)}
    return sorted(chosen, key=lambda it: (it.article, it.article_sha256, it.start, it.end, order[it.kind],
                                          fields[it.field], it.item_id))


def sheet_text(items: list[Item], *, coders: tuple[str, ...] = ("coder_1",)) -> str:
    """The CSV text of a sheet of these items with empty coder columns."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ITEM_COLUMNS + coders + KEY_COLUMNS)
    for it in items:
        writer.writerow([it.item_id, it.article, it.kind, it.field, it.text, it.context, it.tool_label,
                         "|".join(it.allowed), *[""] * len(coders), it.start, it.end, it.article_sha256,
                         it.tool_version, SHEET_FORMAT])
    return out.getvalue()


def write_new(path: str | Path, text: str, *, force: bool = False) -> Path:
    """Write ``text`` to ``path`` in one step (a temporary file renamed), refusing to replace an
    existing file unless ``force``: a filled coding sheet is hours of work."""
    path = Path(path)
    if path.exists() and not force:
        raise CodingError(str(path), "exists; not overwritten (choose another name, or --force to replace it)")
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent if str(path.parent) else ".", prefix=".coding-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        raise CodingError(str(path), f"cannot write: {exc.strerror or exc}") from None
    return path


def _problem(where: str, problems: list[str]) -> CodingError:
    more = f" (and {len(problems) - 1} more problem{'s' if len(problems) > 2 else ''})" if len(problems) > 1 else ""
    return CodingError(where, problems[0] + more)


def read_sheet(path: str | Path, *, tool_version: str | None = None) -> Sheet:
    """Read and check a coding sheet. ``tool_version`` (default: the installed version) is the
    version every row must name; raises :class:`CodingError` naming the file and the first problem."""
    where = str(path)
    version = current_version() if tool_version is None else tool_version
    try:
        raw = Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise CodingError(where, f"cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise CodingError(where, "not UTF-8 text: save the sheet as CSV UTF-8") from None
    first = raw.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","  # spreadsheets in some locales
    try:
        table = list(csv.reader(io.StringIO(raw, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise CodingError(where, f"not a CSV file: {exc}") from None
    if not table or not any(table[0]):
        raise CodingError(where, "empty file: not a coding sheet")
    header = [h.strip() for h in table[0]]
    if "sheet_format" not in header:
        raise CodingError(where, "not a coding sheet (no sheet_format column)")
    if len(set(header)) != len(header):
        raise CodingError(where, "a column appears twice: " + ", ".join(sorted({h for h in header if header.count(h) > 1})))
    coders = tuple(sorted(h for h in header if h.startswith(CODER_PREFIX) and h != CODER_PREFIX))
    unknown = [h for h in header if h not in COLUMNS and h not in coders and h not in OPTIONAL_COLUMNS]
    if unknown:
        raise CodingError(where, f"unknown column{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))} "
                                 f"(coder columns are named {CODER_PREFIX}<name>)")
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise CodingError(where, f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
    if not coders:
        raise CodingError(where, f"no coder column ({CODER_PREFIX}<name>)")

    problems: list[str] = []
    rows: list[Row] = []
    seen: dict[str, int] = {}
    for number, cells in enumerate(table[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            problems.append(f"line {number}: {len(cells)} cells for {len(header)} columns")
            continue
        cell = dict(zip(header, cells))
        at = f"line {number} ({cell['item_id'] or 'no item_id'})"
        if cell["sheet_format"] != SHEET_FORMAT:
            raise CodingError(where, f"{at}: sheet format {cell['sheet_format']!r}; this version reads "
                                     f"{SHEET_FORMAT!r}: export a new sheet")
        if version and cell["tool_version"] != version:
            raise CodingError(where, f"{at}: made from reports of analysis {cell['tool_version']}, this is analysis "
                                     f"{version}: its labels and spans may differ; export a new sheet from new reports")
        try:  # a spreadsheet may write 352 as 352.0
            start, end = (int(float(v)) if float(v).is_integer() else int(v) for v in (cell["start"], cell["end"]))
        except ValueError:
            problems.append(f"{at}: start and end must be whole numbers")
            continue
        if cell["kind"] not in FIELDS or cell["field"] not in FIELDS[cell["kind"]]:
            problems.append(f"{at}: unknown kind and field {cell['kind']!r}, {cell['field']!r}")
            continue
        key = cell["tool_label"] if cell["kind"] == "device" else None
        if cell["item_id"].split("~")[0] != make_item_id(cell["article_sha256"], cell["kind"], start, end,
                                                         cell["field"], key):
            problems.append(f"{at}: item_id does not match its article_sha256, kind, start, end and field "
                            "(edited by hand?)")
            continue
        if cell["item_id"] in seen:
            problems.append(f"{at}: duplicate item row (first on line {seen[cell['item_id']]})")
            continue
        seen[cell["item_id"]] = number
        allowed = tuple(a for a in cell["allowed"].split("|") if a)
        canonical = {a.casefold(): a for a in allowed}
        if cell["tool_label"] not in allowed:
            problems.append(f"{at}: tool_label {cell['tool_label']!r} is not in allowed")
            continue
        labels: dict[str, str | None] = {}
        for coder in coders:
            value = cell[coder].strip()
            if not value:
                labels[coder] = None
            elif value.casefold() in canonical:
                labels[coder] = canonical[value.casefold()]
            else:
                problems.append(f"{at}: {coder} label {value!r} is not in allowed ({cell['allowed']})")
        item = Item(cell["item_id"], cell["article"], cell["article_sha256"], cell["tool_version"], cell["kind"],
                    cell["field"], start, end, cell["text"], cell["context"], cell["tool_label"], allowed)
        rows.append(Row(item, labels, number))
    if problems:
        raise _problem(where, problems)
    return Sheet(where, coders, tuple(rows))
