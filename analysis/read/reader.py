"""Read an article file: check it, decode it, and build the :class:`~analysis.read.article.Article`.

- The format comes from the file extension (``.txt``, ``.md``/``.markdown``, ``.html``/
  ``.htm``, ``.json``), or from ``fmt``. A ``.txt`` file is never parsed as Markdown or HTML.
- Text is decoded as UTF-8; a byte-order mark stays in the text as a character (every format
  reader skips it). UTF-16 with a byte-order mark is read as such. A byte that is not valid
  UTF-8 becomes U+FFFD, one per byte, counted in ``InputInfo.decode_errors`` and warned about
  on stderr. Only text that is not UTF-8 at all (more invalid bytes than valid multi-byte
  characters) is decoded as cp1252 when its bytes fit that code page, else as Latin-1;
  ``InputInfo.encoding`` records which. Lone surrogates (``"\ud800"`` escapes in JSON) become
  U+FFFD and are counted the same way.
- Refused with a clear :class:`InputError`: a missing path, a directory, anything but a
  regular file (a FIFO, device or socket is never opened), a file over ``max_bytes`` (default
  10 MB; never read into memory whole), an empty file, binary data (NUL bytes; over 5% C0
  control bytes in the first 8 KB; over 10% of the decoded characters control characters or
  unassigned code points; or, when the guess is a legacy code page, over half of the bytes
  outside ASCII, which no cp1252 or Latin-1 text has), and content its format cannot read
  (JSON without a text field, HTML without text).
- A metadata record beside the article (``<stem>.meta.json``: title, authors, publisher,
  syndicated_by, published) fills or overrides what the text itself says. A metadata record is
  never an article itself (:func:`is_metadata_record`): commands given one skip it with a note.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import sys
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from analysis.read.article import Article
from analysis.read.formats import Draft, FormatError, load_json, names, read_html, read_json, read_plain
from analysis.read.markdown import read_markdown
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
    """What was read: the path as given, its SHA-256, format, encoding and metadata record;
    ``decode_errors`` counts the characters replaced with U+FFFD (bytes that are not valid
    UTF-8, lone surrogates), in the JSON only when there are any."""

    path: str
    sha256: str
    format: str
    encoding: str
    metadata: str | None = None
    decode_errors: int = 0

    def to_dict(self) -> dict:
        out = {"path": self.path, "sha256": self.sha256, "format": self.format, "encoding": self.encoding}
        if self.decode_errors:
            out["decode_errors"] = self.decode_errors
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


def _not_regular(mode: int) -> str | None:
    """Why a file of this mode is not read, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a directory, not an article file"
    kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a character device" if stat.S_ISCHR(mode)
            else "a block device" if stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a special file")
    return f"is {kind}, not a regular file (not opened)"


def check_path(path: str | Path) -> None:
    """Raise :class:`InputError` for a missing path, a folder or anything but a regular file
    (FIFO, device, socket), found with ``os.stat`` without opening the file."""
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        raise InputError("no such file") from None
    except ValueError:  # an embedded NUL byte
        raise InputError("not a valid path") from None
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror or exc})") from None
    reason = _not_regular(mode)
    if reason:
        raise InputError(reason)


def read_bytes(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes, refusing missing paths, folders, non-regular, oversized and empty files.

    The file is opened non-blocking and checked again on the open descriptor, so a path
    swapped for a FIFO after :func:`check_path` cannot hang the read."""
    check_path(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "rb") as fh:
            info = os.fstat(fh.fileno())
            reason = _not_regular(info.st_mode)
            if reason:
                raise InputError(reason)
            if info.st_size > max_bytes:
                raise InputError(f"the file is {info.st_size:,} bytes, over the limit of {max_bytes:,} "
                                 "(raise it with --max-bytes)")
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


_SURROGATES = re.compile("[\ud800-\udfff]")
_TEXT_WHITESPACE = frozenset("\t\n\v\f\r")
MAX_UNREADABLE_SHARE = 0.1  # more control or unassigned characters than this: binary
_HIGH_BYTES = bytes(range(128, 256))


def _unreadable_share(text: str) -> float:
    """The share of characters that no text holds: controls (but tab and line breaks) and
    unassigned code points (each distinct character is looked up once, then all counted in one pass)."""
    bad = [ch for ch in set(text) if ch not in _TEXT_WHITESPACE and unicodedata.category(ch) in ("Cc", "Cn")]
    if not bad:
        return 0.0
    return re.compile("[" + "".join(map(re.escape, bad)) + "]").subn("", text)[1] / len(text)


def _refuse_unreadable(text: str) -> None:
    share = _unreadable_share(text)
    if share > MAX_UNREADABLE_SHARE:
        raise InputError(f"binary data, not text: {share:.0%} of the characters are control "
                         "characters or unassigned code points")


def decode(data: bytes) -> tuple[str, str, int]:
    """Decode bytes to text: ``(text, encoding, decode_errors)``; raises :class:`InputError` on
    binary data.

    UTF-8 unless more bytes are invalid than there are valid multi-byte characters; then each
    invalid byte is U+FFFD and ``decode_errors`` counts them. Otherwise the text is not UTF-8
    at all and is read as cp1252, or Latin-1 when its bytes do not fit cp1252.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16-le" if data.startswith(b"\xff\xfe") else "utf-16-be"
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            raise InputError("binary data: a UTF-16 byte-order mark but not UTF-16 text") from None
        _refuse_unreadable(text)
        return text, "utf-16", 0
    if _looks_binary(data):
        raise InputError("binary data, not text")
    try:
        text, errors = data.decode("utf-8"), 0
    except UnicodeDecodeError:
        # surrogateescape turns each invalid byte into one lone surrogate, which valid UTF-8 never gives
        text, errors = _SURROGATES.subn("\ufffd", data.decode("utf-8", errors="surrogateescape"))
        multibyte = len(text) - len(text.encode("ascii", "ignore")) - errors
        if errors > multibyte:
            high = len(data) - len(data.translate(None, _HIGH_BYTES))
            if high > len(data) / 2:
                raise InputError(f"binary data, not text: not UTF-8, and {high / len(data):.0%} of the bytes "
                                 "are outside ASCII (more than any cp1252 or Latin-1 text)")
            try:
                text, encoding, errors = data.decode("cp1252"), "cp1252", 0
            except UnicodeDecodeError:
                text, encoding, errors = data.decode("latin-1"), "latin-1", 0
            _refuse_unreadable(text)
            return text, encoding, errors
    _refuse_unreadable(text)
    return text, "utf-8", errors


METADATA_SUFFIX = ".meta.json"


def is_metadata_record(path: str | Path) -> bool:
    """Whether ``path`` names a metadata record (``<stem>.meta.json``, any case): read beside its
    article, never analysed as one."""
    return Path(path).name.lower().endswith(METADATA_SUFFIX)


def article_of(record: str | Path) -> Path | None:
    """The article a metadata record ``<stem>.meta.json`` belongs to: ``<stem>`` with one of the
    reader's extensions beside it (the first that exists, in the order of ``EXTENSIONS``), or None."""
    record = Path(record)
    stem = record.name[:-len(METADATA_SUFFIX)]
    return next((p for ext in EXTENSIONS if (p := record.with_name(stem + ext)).is_file()), None)


def _sidecar(path: Path) -> tuple[dict, str | None]:
    meta_path = path.with_name(path.stem + METADATA_SUFFIX)
    if not meta_path.is_file() or meta_path == path:
        return {}, None
    try:
        record = load_json(meta_path.read_bytes().decode("utf-8"))
    except (OSError, ValueError) as exc:  # FormatError and UnicodeDecodeError are ValueErrors
        raise InputError(f"the metadata record {meta_path.name} cannot be read ({exc})") from None
    if not isinstance(record, dict):
        raise InputError(f"the metadata record {meta_path.name} is not a JSON object")

    def text(*keys: str) -> str | None:  # the first of the keys holding a non-empty string
        return next((record[k] for k in keys if isinstance(record.get(k), str) and record[k].strip()), None)

    republishers = record.get("syndicated_by") or record.get("republished_by")
    meta = {
        "title": text("title"),
        "author": "; ".join(names(record.get("authors") or record.get("author"))),
        "publisher": text("publisher"),
        "syndicated_by": names(republishers),
        "date": text("published", "date"),
    }
    return {k: v for k, v in meta.items() if v}, meta_path.name


def _replace_surrogates(draft: Draft, meta: dict) -> tuple[Draft, dict, int]:
    """Lone surrogates (from JSON escapes) become U+FFFD in the text and in metadata strings;
    the count is of the text's, plus a metadata value's when the text does not hold it."""
    text, count = _SURROGATES.subn("\ufffd", draft.text)

    def clean(value):
        nonlocal count
        if isinstance(value, str):
            fixed, n = _SURROGATES.subn("\ufffd", value)
            count += n if fixed not in text else 0
            return fixed
        if isinstance(value, (list, tuple)):
            return type(value)(clean(v) for v in value)
        return value

    draft_meta = {k: clean(v) for k, v in draft.meta.items()}
    meta = {k: clean(v) for k, v in meta.items()}
    return replace(draft, text=text, meta=draft_meta), meta, count


def _parse(text: str, fmt: str, meta: dict | None) -> tuple[Article, int]:
    """The article and the number of lone surrogates replaced with U+FFFD."""
    try:
        draft = _READERS[fmt](text)
    except FormatError as exc:
        raise InputError(str(exc)) from None
    if not draft.blocks:
        raise InputError("the file holds no text")
    draft, meta, replaced = _replace_surrogates(draft, meta or {})
    return build_article(draft, meta=meta), replaced


def parse_text(text: str, fmt: str = "txt", *, meta: dict | None = None) -> Article:
    """Build an article from text already in memory (``fmt`` as for files)."""
    return _parse(text, fmt, meta)[0]


def read_article(
    path: str | Path,
    *,
    fmt: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    metadata: bool = True,
) -> tuple[Article, InputInfo]:
    """Read one article file. Raises :class:`InputError` with the reason when it cannot.

    Characters replaced with U+FFFD (invalid UTF-8 bytes, lone surrogates) are counted in
    ``InputInfo.decode_errors`` and a warning naming the file and the count goes to stderr."""
    check_path(path)
    fmt = format_of(path, fmt)
    data = read_bytes(path, max_bytes)
    text, encoding, invalid = decode(data)
    meta, meta_name = _sidecar(Path(path)) if metadata else ({}, None)
    article, surrogates = _parse(text, fmt, meta)
    if invalid or surrogates:
        what = " and ".join(part for part in (
            f"{invalid:,} byte{'s' * (invalid != 1)} not valid UTF-8" if invalid else "",
            f"{surrogates:,} lone surrogate{'s' * (surrogates != 1)}" if surrogates else "") if part)
        print(f"warning: {path}: {what} replaced with U+FFFD", file=sys.stderr)
    info = InputInfo(str(path), hashlib.sha256(data).hexdigest(), fmt, encoding, meta_name,
                     decode_errors=invalid + surrogates)
    return article, info
