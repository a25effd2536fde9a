"""Markdown inline markup is removed as the ten ``re.sub`` patterns did, in linear time (issue 13):
many unclosed openers (``*a _b **c``, ``![x``, ``<http://``, ``<!--``) no longer rescan the rest
of the line from each opener."""
from __future__ import annotations

import random
import re
import time

import pytest

from analysis.read.markdown import _md_inline, read_markdown

_OLD = [  # the patterns the scanners replace, in their order
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),
    (re.compile(r"<(https?://[^>]+)>"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"<!--.*?-->", re.S), ""),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!])"), r"\1"),
]


def _old_inline(s: str) -> str:
    for pattern, repl in _OLD:
        s = pattern.sub(repl, s)
    return s


@pytest.mark.parametrize("text, plain", [
    ("**bold** and *it* and _it_ and __b__", "bold and it and it and b"),
    ("a ***b*** c", "a b c"), ("snake_case_name", "snake_case_name"), ("2*3*4", "2*3*4"),
    ("![alt](x.png) [link](http://a) [ref][1] <https://a.b> `code`", "alt link ref https://a.b code"),
    ("x <!-- hidden\n --> y", "x  y"), (r"\*x", "*x"), (r"\*not\*", "\\not\\"), ("*open only", "*open only"),
    ("*a\nb*", "*a\nb*"),  # emphasis stays on one line
])
def test_inline_markup(text, plain):
    assert _md_inline(text) == plain == _old_inline(text)


def test_the_scanners_agree_with_the_patterns_on_random_markup():
    rng = random.Random(13)
    pieces = ["*", "**", "_", "__", "a", "b", " ", "\n", "[", "]", "(", ")", "![", "<http://", "<https://", ">",
              "<!--", "-->", "`", "\\", "é", "x_y", "-"]
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 16)))
        assert _md_inline(text) == _old_inline(text), text


@pytest.mark.parametrize("unit", ["*a _b **c ", "![a ", "[a]( ", "<http://a ", "<!-- a ", "[a "])
def test_many_unclosed_openers_in_one_paragraph_are_read_in_linear_time(unit):
    # 40,000 openers in one line: the patterns took about 26 s for 4,000 of "*a _b **c " and
    # four times as long per doubling; the scanners take well under a second for ten times that
    text = "# Title\n\n" + unit * 40_000 + "\n"
    start = time.perf_counter()
    draft = read_markdown(text)
    assert time.perf_counter() - start < 10
    assert len(draft.blocks) == 2
