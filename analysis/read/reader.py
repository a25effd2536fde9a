"""Read an article file: check it, decode it, and build the :class:`~analysis.read.article.Article`.

- The format comes from the file extension (``.txt``, ``.md``/``.markdown``, ``.html``/
  ``.htm``, ``.json``), or from ``fmt``. A ``.txt`` file is never parsed as Markdown or HTML.
- Text is decoded as UTF-8; a byte-order mark stays in the text as a character. UTF-16 with a
  byte-order mark is read as such. Text that is not valid UTF-8 is decoded as cp1252 when
  its bytes fit that code page, else as Latin-1; ``InputInfo.encoding`` records which.
- Refused with a clear :class:`InputError`: a missing path, a directory, a file over
  ``max_bytes`` (default 10 MB; never read into memory whole), an empty file, binary data,
  and content its format cannot read (JSON without a text field, HTML without text).
- A metadata record beside the article (``<stem>.meta.json``: title, authors, publisher,
  syndicated_by, published) fills or overrides what the text itself says.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from analysis.read.article import Article
from analysis.read.formats import FormatError, read_html, read_json, read_markdown, read_plain
from analysis.read.structure import build_article

Format = Literal["txt", "md", "html", "json"]
FORMATS: tuple[str, ...] = ("txt", "md", "html", "json")
EXTENSIONS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html",
              ".htm": "html", ".json": "json"}
DEFAULT_MAX_BYTES = 10_000_000
_READERS = {"txt": read_plain, "md": read_markdown, "html": read_html, "json": read_json}


class InputError(ValueError):
    """The file cannot be analysed; the message names the reason."""


@dataclass(frozen=True)
class InputInfo:
    """What was read: the path as given, its SHA-256, format, encoding and metadata record."""

    path: str
    sha256: str
    format: str
    encoding: str
    metadata: str | None = None

    def to_dict(self) -> dict:
        out = {"path": self.path, "sha256": self.sha256, "format": self.format, "encoding": self.encoding}
        if self.metadata:
            out["metadata"] = self.metadata
        return out


def format_of(path: str | Path, fmt: str | None = None) -> str:
    """The format to read ``path`` in: ``fmt`` if given, else from the extension."""
    if fmt:
        if fmt not in FORMATS:
            raise InputError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
        return fmt
    suffix = Path(path).suffix.lower()
    if suffix not in EXTENSIONS:
        raise InputError(
            f"cannot tell the format from the extension {suffix or '(none)'!r}: "
            f"use --format with one of {', '.join(FORMATS)}"
        )
    return EXTENSIONS[suffix]


def check_path(path: str | Path) -> None:
    """Raise :class:`InputError` for a missing path or a folder."""
    p = Path(path)
    if not p.exists():
        raise InputError("no such file")
    if p.is_dir():
        raise InputError("is a directory, not an article file")


def read_bytes(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes, refusing missing paths, folders, oversized and empty files."""
    check_path(path)
    p = Path(path)
    size = p.stat().st_size
    if size > max_bytes:
        raise InputError(f"the file is {size:,} bytes, over the limit of {max_bytes:,} (raise it with --max-bytes)")
    try:
        with p.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise InputError(f"the file is over the limit of {max_bytes:,} bytes (raise it with --max-bytes)")
    if not data.strip():
        raise InputError("the file is empty")
    return data


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > 0.05 * len(sample)


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes to text: ``(text, encoding)``; raises :class:`InputError` on binary data."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16-le" if data.startswith(b"\xff\xfe") else "utf-16-be"
        try:
            return data.decode(codec), "utf-16"
        except UnicodeDecodeError:
            raise InputError("binary data: a UTF-16 byte-order mark but not UTF-16 text") from None
    if _looks_binary(data):
        raise InputError("binary data, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _sidecar(path: Path) -> tuple[dict, str | None]:
    meta_path = path.with_name(path.stem + ".meta.json")
    if not meta_path.is_file() or meta_path == path:
        return {}, None
    try:
        record = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"the metadata record {meta_path.name} cannot be read ({exc})") from None
    authors = record.get("authors") or record.get("author")
    meta = {
        "title": record.get("title"),
        "author": "; ".join(authors) if isinstance(authors, list) else authors,
        "publisher": record.get("publisher"),
        "syndicated_by": record.get("syndicated_by") or record.get("republished_by"),
        "date": record.get("published") or record.get("date"),
    }
    if isinstance(meta["syndicated_by"], str):
        meta["syndicated_by"] = [meta["syndicated_by"]]
    return {k: v for k, v in meta.items() if v}, meta_path.name


def parse_text(text: str, fmt: str = "txt", *, meta: dict | None = None) -> Article:
    """Build an article from text already in memory (``fmt`` as for files)."""
    try:
        draft = _READERS[fmt](text)
    except FormatError as exc:
        raise InputError(str(exc)) from None
    if not draft.blocks:
        raise InputError("the file holds no text")
    return build_article(draft, meta=meta)


def read_article(
    path: str | Path,
    *,
    fmt: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    metadata: bool = True,
) -> tuple[Article, InputInfo]:
    """Read one article file. Raises :class:`InputError` with the reason when it cannot."""
    check_path(path)
    fmt = format_of(path, fmt)
    data = read_bytes(path, max_bytes)
    text, encoding = decode(data)
    meta, meta_name = _sidecar(Path(path)) if metadata else ({}, None)
    article = parse_text(text, fmt, meta=meta)
    info = InputInfo(str(path), hashlib.sha256(data).hexdigest(), fmt, encoding, meta_name)
    return article, info
