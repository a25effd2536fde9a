"""Markdown to plain text with paragraph blocks (a :class:`~analysis.read.formats.Draft`).

Headings, emphasis, links, images, lists, block quotes and front matter are turned into plain
text; ``#`` is the headline, deeper headings are subheads, an image's alt text is a caption.
Lines may end with LF, CRLF or a lone CR; a leading byte-order mark is skipped.

Inline markup is removed by ten replacements in this order: images, inline links, reference
links, autolinks, code, strong (``**``/``__``), emphasis (``*``, ``_``), comments, escapes.
Each does what ``re.sub`` with its pattern (in the comment beside it) does, leftmost first and
without overlap, but finds each opener's closer by bisection in the sorted closer positions, so
that many unclosed openers (``*a *b *c``, ``![x ![y``) cost linear time, not a rescan of the
rest of the line from every opener.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from analysis.read.formats import Builder, Draft


class _After:
    """Sorted positions where a pattern matches in ``s``, overlapping ones too (``**`` at 0 and 1
    of ``***``); ``first(i)`` is the first at or after ``i`` (``None`` when there is none)."""

    def __init__(self, pattern: str, s: str) -> None:
        self.at = [m.start() for m in re.finditer(f"(?={pattern})", s)]

    def first(self, i: int) -> int | None:
        k = bisect_left(self.at, i)
        return self.at[k] if k < len(self.at) else None


def _replace(s: str, opener: re.Pattern, match) -> str:
    """``re.sub`` driven by a matcher: at each opener position, leftmost first, ``match(i)``
    gives ``(end, replacement)`` or ``None``; the search goes on after a replacement's end."""
    out, pos = [], 0
    found = opener.search(s)
    while found:
        i = found.start()
        hit = match(i)
        if hit:
            out += [s[pos:i], hit[1]]
            pos = hit[0]
        found = opener.search(s, hit[0] if hit else i + 1)
    out.append(s[pos:])
    return "".join(out)


def _bracketed(s: str, opener: str, then: str, close: str, *, empty: bool) -> str:
    """``\\[([^\\]]*)\\]\\(...)`` shapes: ``opener`` text ``]`` then ``then`` ... ``close`` → text."""
    brackets, closes = _After(r"\]", s), _After(re.escape(close), s)

    def match(i: int):
        k = brackets.first(i + len(opener))
        if k is None or (k == i + len(opener) and not empty) or not s.startswith(then, k + 1):
            return None
        m = closes.first(k + 1 + len(then))
        return None if m is None else (m + len(close), s[i + len(opener):k])

    return _replace(s, re.compile(re.escape(opener)), match)


def _autolinks(s: str) -> str:  # <(https?://[^>]+)>
    ends = _After(">", s)

    def match(i: int):
        head = 9 if s.startswith("<https://", i) else 8
        k = ends.first(i + head)
        return None if k is None or k == i + head else (k + 1, s[i + 1:k])

    return _replace(s, re.compile(r"<https?://"), match)


def _comments(s: str) -> str:  # <!--.*?--> with DOTALL
    ends = _After("-->", s)

    def match(i: int):
        k = ends.first(i + 4)
        return None if k is None else (k + 3, "")

    return _replace(s, re.compile("<!--"), match)


def _emphasis(s: str, opener: str, closer: str, delims: tuple[str, ...]) -> str:
    """Lazy emphasis ``OPEN(?=\\S)(.+?)(?<=\\S)CLOSE``: the content is the text up to the first
    closer that ends at least one character after the opener, on the same line."""
    closers = {d: _After(closer.replace("D", re.escape(d)), s) for d in delims}
    newlines = _After("\n", s)

    def match(i: int):
        d = next(d for d in delims if s.startswith(d, i))
        start = i + len(d)
        j = closers[d].first(start + 1)
        line_end = newlines.first(start)
        if j is None or line_end is not None and line_end < j:
            return None
        return j + len(d), s[start:j]

    pattern = "|".join(opener.replace("D", re.escape(d)) for d in delims)
    return _replace(s, re.compile(pattern), match)


_MD_INLINE = [
    lambda s: _bracketed(s, "![", "(", ")", empty=True),  # !\[([^\]]*)\]\([^)]*\)
    lambda s: _bracketed(s, "[", "(", ")", empty=False),  # \[([^\]]+)\]\([^)]*\)
    lambda s: _bracketed(s, "[", "[", "]", empty=False),  # \[([^\]]+)\]\[[^\]]*\]
    _autolinks,
    lambda s: re.sub(r"`([^`]+)`", r"\1", s),  # linear already: a scan stops at the next backtick
    lambda s: _emphasis(s, r"D(?=\S)", r"(?<=\S)D", ("**", "__")),  # (\*\*|__)(?=\S)(.+?)(?<=\S)\1
    lambda s: _emphasis(s, r"(?<![\w*])D(?=\S)", r"(?<=\S)D(?![\w*])", ("*",)),
    lambda s: _emphasis(s, r"(?<![\w_])D(?=\S)", r"(?<=\S)D(?![\w_])", ("_",)),
    _comments,
    lambda s: re.sub(r"\\([\\`*_{}\[\]()#+\-.!])", r"\1", s),
]
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_SETEXT = re.compile(r"^(=+|-+)\s*$")
_MD_IMAGE_ONLY = re.compile(r"^!\[([^\]]*)\]\([^)]*\)$")
_MD_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_MD_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_MD_REFDEF = re.compile(r"^\s*\[[^\]]+\]:\s*\S+")


def _md_inline(s: str) -> str:
    for replace in _MD_INLINE:
        s = replace(s)
    return s


def _front_matter(lines: list[str]) -> tuple[dict, list[str]]:
    if not lines or lines[0].strip() != "---":
        return {}, lines
    for i in range(1, min(len(lines), 60)):
        if lines[i].strip() in {"---", "..."}:
            meta = {}
            for line in lines[1:i]:
                key, sep, value = line.partition(":")
                if sep and key.strip():
                    meta[key.strip().lower()] = value.strip().strip("\"'")
            return meta, lines[i + 1:]
    return {}, lines


def read_markdown(text: str) -> Draft:
    """Markdown to plain text: markup removed, headings and images kept as hints."""
    front, lines = _front_matter(text.removeprefix("\ufeff").splitlines())
    out = Builder()
    para: list[str] = []
    seen_h1 = False

    def flush(hint: str | None = None) -> None:
        if para:
            out.add(_md_inline(" ".join(para)), hint)
            para.clear()

    for i, line in enumerate(lines):
        stripped = line.strip()
        heading = _MD_HEADING.match(stripped)
        if not stripped or _MD_RULE.match(stripped) and not para or _MD_REFDEF.match(stripped):
            flush()
        elif heading:
            flush()
            level = len(heading.group(1))
            hint = "headline" if level == 1 and not seen_h1 else "subhead"
            seen_h1 = seen_h1 or level == 1
            out.add(_md_inline(heading.group(2)), hint)
        elif _MD_SETEXT.match(stripped) and len(para) == 1:
            hint = "headline" if stripped[0] == "=" and not seen_h1 else "subhead"
            seen_h1 = seen_h1 or stripped[0] == "="
            flush(hint)
        elif _MD_IMAGE_ONLY.match(stripped):
            flush()
            out.add(_md_inline(_MD_IMAGE_ONLY.match(stripped).group(1)), "caption")
        elif _MD_LIST.match(line):
            flush()
            para.append(_MD_LIST.sub("", line, count=1).strip())
        elif stripped.startswith(">"):
            if para and not lines[i - 1].strip().startswith(">"):
                flush()
            para.append(stripped.lstrip(">").strip())
        else:
            para.append(stripped)
    flush()
    meta = {k: front[k] for k in ("title", "author", "date", "publisher") if front.get(k)}
    return out.draft(meta)
