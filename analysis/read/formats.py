"""From a decoded file to readable text with paragraph blocks, per input format.

Each reader returns :class:`Draft`: the article text, its paragraph blocks (spans into the
text, each with an optional structural hint taken from the markup, such as a Markdown
``##`` heading being a subhead) and metadata found in the markup. Structure detection
(:mod:`analysis.read.structure`) then decides the segment kinds.

- plain text: the text exactly as decoded; paragraphs are separated by blank lines, or by
  line breaks when the text has no blank line. Never parsed as Markdown or HTML.
- Markdown: in :mod:`analysis.read.markdown`.
- HTML: the main content extracted by trafilatura (offline); scripts, styles, fallback text
  (``<noscript>``, ``<iframe>``, ``<template>``, media) and page furniture never reach the
  text, and a title repeated as the first heading appears once. A small standard-library
  extractor is the fallback when trafilatura finds no main content.
- JSON: one record with a text field (``content_original``, ``content``, ``text`` or
  ``body``), as in the AllSides reference corpus; the title becomes the headline and the
  whole content is body. Fields of an unexpected type are left out.
- Every reader skips a leading byte-order mark; lines may end with LF, CRLF or a lone CR.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser


class FormatError(ValueError):
    """The file's content cannot be read in its format (the message says why)."""


@dataclass(frozen=True)
class Block:
    """A paragraph: ``text[start:end]``, with a segment kind suggested by the markup."""

    start: int
    end: int
    hint: str | None = None


@dataclass
class Draft:
    """Text, paragraph blocks and markup metadata, before structure detection."""

    text: str
    blocks: list[Block]
    meta: dict = field(default_factory=dict)
    structured: bool = False  # True when the format itself says what is body (JSON)


class Builder:
    """Appends paragraphs to a text, separated by blank lines, remembering their spans."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.blocks: list[Block] = []
        self.size = 0

    def add(self, paragraph: str, hint: str | None = None) -> None:
        paragraph = paragraph.strip()
        if not paragraph:
            return
        if self.parts:
            self.parts.append("\n\n")
            self.size += 2
        self.blocks.append(Block(self.size, self.size + len(paragraph), hint))
        self.parts.append(paragraph)
        self.size += len(paragraph)

    def draft(self, meta: dict, structured: bool = False) -> Draft:
        return Draft("".join(self.parts), self.blocks, meta, structured)


# ---------------------------------------------------------------- plain text
_BLANK_LINE = re.compile(r"(?:\r\n?|\n)[ \t\f\v\u00a0]*(?:\r\n?|\n)")  # CRLF, CR or LF line endings


_LINE_BREAK = re.compile(r"\r\n?|\n")
ENDS_SENTENCE = re.compile(r"[.!?:…][\"'”’)\]]*\s*$")


def _is_paragraph_break(text: str, line_start: int, brk: int, after: int) -> bool:
    """A single line break (``text[brk:after]``) ends a paragraph after a finished sentence or
    a short label line."""
    line = text[line_start:brk]
    if ENDS_SENTENCE.search(line):
        return True
    nxt = text[after:after + 1]
    return len(line.split()) <= 8 and (nxt.isupper() or nxt in "\"“‘(")


def paragraph_blocks(text: str) -> list[Block]:
    """Paragraph spans of a plain text, stripped of surrounding white space.

    Lines end with LF, CRLF or a lone CR. Paragraphs are separated by blank lines; inside a
    blank-line block, a single line break also separates paragraphs when the line before
    ends a sentence or is a short label ("© Provided by Quartz"), so one-sentence-per-line
    texts keep their paragraphs while hard-wrapped prose stays whole.
    """
    blocks, start = [], 0
    for match in _BLANK_LINE.finditer(text):
        blocks.append((start, match.start()))
        start = match.end()
    blocks.append((start, len(text)))
    lines = []
    for a, b in blocks:
        line_start = a
        for match in _LINE_BREAK.finditer(text, a, b):
            if _is_paragraph_break(text, line_start, match.start(), match.end()):
                lines.append((a, match.start()))
                a = match.end()
            line_start = match.end()
        lines.append((a, b))
    blocks = lines
    out = []
    for a, b in blocks:
        while a < b and (text[a].isspace() or text[a] == "\ufeff"):
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append(Block(a, b))
    return out


def read_plain(text: str) -> Draft:
    """Plain text: kept exactly; blocks from blank lines."""
    return Draft(text, paragraph_blocks(text))


# ---------------------------------------------------------------- HTML
# shown only when a script, frame, template or media element is not, so never body
FALLBACK_TAGS = ("noscript", "iframe", "template", "noembed", "noframes", "object", "embed", "canvas", "audio", "video")


class _TextExtractor(HTMLParser):
    """Fallback extractor: block-level text, never script, style or other non-content."""

    SKIP = {"script", "style", "svg", "head", "nav", "footer", "form", *FALLBACK_TAGS} - {"embed"}  # embed is void
    BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption",
              "section", "article", "td", "br", "tr", "pre", "dd", "dt", "header", "main"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[tuple[str, str | None]] = []
        self.current: list[str] = []
        self.hint: str | None = None
        self.skip = 0
        self.title = ""
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self.in_title = True
        if tag in self.SKIP:
            self.skip += 1
        elif tag in self.BLOCKS:
            self.flush()
            self.hint = {"h1": "headline", "h2": "subhead", "h3": "subhead",
                         "figcaption": "caption"}.get(tag)

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag in self.SKIP:
            self.skip = max(self.skip - 1, 0)
        elif tag in self.BLOCKS:
            self.flush()

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        elif not self.skip:
            self.current.append(data)

    def flush(self):
        paragraph = " ".join("".join(self.current).split())
        if paragraph:
            self.paragraphs.append((paragraph, self.hint))
        self.current, self.hint = [], None


def _same_title(a: str, b: str) -> bool:  # equal but for case and white space
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _without_fallbacks(html: str):
    """The parsed page without its fallback elements (their tails stay), or the HTML if it does not parse."""
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        return html
    for el in list(tree.iter(*FALLBACK_TAGS)):
        if el.getparent() is not None:
            el.drop_tree()
    return tree


def _trafilatura_draft(html: str) -> Draft | None:
    import trafilatura  # heavy: imported only for HTML input

    doc = trafilatura.bare_extraction(
        _without_fallbacks(html), with_metadata=True, include_comments=False, include_tables=False,
        include_images=True, include_formatting=False, fast=True,
    )
    if doc is None or doc.body is None or not (doc.text or "").strip():
        return None
    out = Builder()
    if doc.title:
        out.add(" ".join(doc.title.split()), "headline")
    first = True
    for el in doc.body.iter("head", "p", "item", "quote", "graphic", "cell"):
        if el.tag == "graphic":
            alt = (el.get("title") or el.get("alt") or "").strip()
            if len(alt.split()) >= 3:
                out.add(" ".join(alt.split()), "caption")
            continue
        if el.tag in {"p", "quote", "cell"} and el.getparent() is not None and el.getparent().tag in {"item", "quote"}:
            continue
        raw = "".join(el.itertext())
        if first and doc.title:  # the title repeated as the first heading or line appears once
            line, _, rest = raw.strip().partition("\n")
            raw = "" if _same_title(raw, doc.title) else rest if _same_title(line, doc.title) else raw
        first = False
        words = " ".join(raw.split())
        out.add(words, "subhead" if el.tag == "head" else None)
    meta = {"title": doc.title, "author": doc.author, "date": doc.date, "publisher": doc.sitename}
    return out.draft({k: v for k, v in meta.items() if v})


def read_html(html: str) -> Draft:
    """HTML to readable text: trafilatura's main content, else the block-level fallback.

    The text of fallback elements (``<noscript>``, ``<iframe>``, ``<template>``, media and
    object fallbacks) is never body; a title repeated as the first heading appears once."""
    html = html.removeprefix("\ufeff")
    draft = _trafilatura_draft(html)
    if draft is not None:
        return draft
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    parser.flush()
    out = Builder()
    title = " ".join(parser.title.split())
    paragraphs = parser.paragraphs
    if title and not any(h == "headline" for _, h in paragraphs):
        out.add(title, "headline")
        if paragraphs and _same_title(paragraphs[0][0], title):  # the title repeated: once
            paragraphs = paragraphs[1:]
    for paragraph, hint in paragraphs:
        out.add(paragraph, hint)
    if not out.blocks:
        raise FormatError("the HTML holds no readable text")
    return out.draft({"title": title} if title else {})


# ---------------------------------------------------------------- JSON records
TEXT_FIELDS = ("content_original", "content", "text", "body")


def load_json(raw: str) -> object:
    """Parse JSON text, skipping a byte-order mark; :class:`FormatError` for what cannot be
    parsed (invalid, nested deeper than the parser's recursion limit). An integer too long for
    ``int()`` (over 4,000 digits) becomes a float: no field we read is a number."""
    try:
        return json.loads(raw.removeprefix("\ufeff"), parse_int=lambda d: int(d) if len(d) <= 4000 else float(d))
    except json.JSONDecodeError as exc:
        raise FormatError(f"not valid JSON ({exc.msg} at line {exc.lineno})") from None
    except RecursionError:
        raise FormatError("the JSON is nested too deeply to read") from None
    except ValueError as exc:
        raise FormatError(f"not valid JSON ({exc})") from None


def names(value: object) -> list[str]:
    """Author names from a JSON value: a string, a record with a ``name``, or a list of either;
    anything else (numbers, nested lists) is left out."""
    items = [v.get("name") if isinstance(v, dict) else v for v in (value if isinstance(value, list) else [value])]
    return [" ".join(v.split()) for v in items if isinstance(v, str) and v.strip()]


def read_json(raw: str) -> Draft:
    """A JSON record with a text field: title as headline, the whole content as body.

    Fields of another type than expected (a number as title, ``"authors": [1]``) are left
    out; a text field that is not a string is refused with its name and type."""
    record = load_json(raw)
    if not isinstance(record, dict):
        raise FormatError("the JSON is not a record (an object with a text field)")
    content = next((record[k] for k in TEXT_FIELDS if isinstance(record.get(k), str) and record[k].strip()), None)
    if content is None:
        wrong = next((k for k in TEXT_FIELDS if record.get(k) is not None and not isinstance(record[k], str)), None)
        if wrong:
            kind = {list: "a list", dict: "an object", bool: "true or false"}.get(type(record[wrong]), "a number")
            raise FormatError(f"the JSON record's text field {wrong!r} is {kind}, not a string")
        raise FormatError(f"the JSON record has no text field (one of {', '.join(TEXT_FIELDS)})")
    title = record.get("title") if isinstance(record.get("title"), str) else None
    title = " ".join(title.split()) if title else None
    prefix = f"{title}\n\n" if title else ""
    text = prefix + content
    blocks = [Block(0, len(title), "headline")] if title else []
    blocks += [Block(b.start + len(prefix), b.end + len(prefix), "body") for b in paragraph_blocks(content)]
    meta = {
        "title": title,
        "author": ", ".join(names(record.get("authors") or record.get("author"))),
        "date": record.get("date"),
        "publisher": record.get("source"),
    }
    return Draft(text, blocks, {k: v for k, v in meta.items() if isinstance(v, str) and v.strip()}, True)
