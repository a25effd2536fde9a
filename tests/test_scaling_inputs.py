"""Hostile but valid text is analysed, not refused, and the linear-time rewrites return what
the scans they replace returned (issue 13). Small generated inputs; the timed checks at full
size are in ``make bench`` (:mod:`analysis.validation.scaling`)."""
from __future__ import annotations

import random
import re
import time

import pytest

from analysis.measures.clauses import _PLAIN, _WITH_CONTRAST, clause_bounds
from analysis.measures.sources.attribution import _COLON
from analysis.measures.sources.source_phrases import NAME_BEFORE, name_before
from analysis.measures.sources.voices import _WordCounter
from analysis.read.reader import parse_text
from analysis.read.sentences import words
from analysis.report import analyse_article
from analysis.validation.scaling import hostile_inputs

SMALL = {  # the shapes of the bench's hostile inputs, at a size a unit test affords
    "capitals": "A headline\n\n" + " ".join(["ABCDEF"] * 400) + " said the man.\n\nU.U.U: " + "ABC " * 300 + "\n",
    "dots": "U." * 20_000 + "\n",
    "paired": " ".join(["“word”"] * 500) + "\n",
    "unmatched": " ".join(["“word"] * 2_000) + "\n",
    "no_punctuation": " ".join(["the officials said that he told reporters it was believed"] * 400) + "\n",
    "mixed": " ".join(random.Random(0).choice("\"“”‘’'«»") + "w" for _ in range(2_000)) + "\n",
    "unclosed_emphasis": "*a _b **c " * 300 + "\n",  # Markdown emphasis: linear since the scanners (tests/read)
}


@pytest.mark.parametrize("name", sorted(SMALL))
def test_hostile_text_gives_a_report(name):
    start = time.perf_counter()
    fmt = "md" if name == "unclosed_emphasis" else "txt"
    report = analyse_article(parse_text(SMALL[name], fmt), actors=False).to_dict()
    assert report["article"]["sentences"] and isinstance(report["metrics"]["body_words"], int)
    assert time.perf_counter() - start < 20  # a generous guard against a return of the quadratic scans


def test_the_bench_builds_every_hostile_input_of_the_issue():
    built = hostile_inputs()
    assert set(built) == {"capitalised_opening", "dotted_capitals_600kb", "paired_quotes_12500",
                          "unmatched_open_50000", "no_punctuation_500kb", "mixed_marks_200000"}
    assert built["paired_quotes_12500"].count("“") == 12_500 and len(built["dotted_capitals_600kb"]) > 600_000


_OLD_COLON = re.compile(r"((?:[A-Z][\w’'.-]*\s*){1,4}):\s+\S")


@pytest.mark.parametrize("text", ["Pence: Flowers Won’t Be at Debate", "Hillary Rodham Clinton: yes", "McDonald: no",
                                  "A B C D E: five words", "U.S.: x", "Pence :  x", "Pence:x", "pence: x",
                                  "Jean-Luc O’Neil Jr.: x", "NATO  \n Chief: y"])
def test_the_colon_pattern_matches_as_the_backtracking_one_did(text):
    old, new = _OLD_COLON.match(text), _COLON.match(text)
    assert (old and old.group(1), old and old.end()) == (new and new.group(1), new and new.end())


def test_the_colon_pattern_does_not_backtrack_on_dotted_capitals():
    start = time.perf_counter()
    assert _COLON.match("U." * 50_000) is None
    assert time.perf_counter() - start < 2


def _old_clause_bounds(text, start, end, at_start, at_end=None, *, contrast=False):
    pattern = _WITH_CONTRAST if contrast else _PLAIN
    at_end = at_start if at_end is None else at_end
    lo, hi = start, end
    for m in pattern.finditer(text, start, at_start):
        lo = m.end()
    if m := pattern.search(text, at_end, end):
        hi = m.start()
    return lo, hi


def test_clause_bounds_agree_with_the_scan_they_replace():
    rng = random.Random(3)
    pieces = [";", " — ", " – ", " -- ", ", but ", ",” while ", ", butter", " ", "a", "but", ",", "-", "x y", "\n"]
    for _ in range(3_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 15)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        a = rng.randint(max(0, start - 2), min(len(text), end + 2))
        b = rng.choice([None, rng.randint(a, min(len(text), end + 2))])
        for contrast in (False, True):
            assert clause_bounds(text, start, end, a, b, contrast=contrast) == \
                _old_clause_bounds(text, start, end, a, b, contrast=contrast), (text, start, end, a, b)


def test_the_name_before_a_cue_is_found_from_its_last_words_as_from_the_clause_start():
    rng = random.Random(7)
    tokens = ["The", "the", "of", "de", "Smith", "J.", "al-Assad", "officials", " ", ",", "(R-Ohio)", "’s", "AT&T", "\n"]
    for _ in range(3_000):
        text = " ".join(rng.choice(tokens) for _ in range(rng.randint(0, 14)))
        lo = rng.randint(0, len(text))
        end = rng.randint(lo, len(text))
        old, new = NAME_BEFORE.search(text, lo, end), name_before(text, lo, end)
        assert (old and old.span(1)) == (new and new.span(1)), (text, lo, end)


def test_words_are_counted_by_bisection_as_they_are_listed():
    rng = random.Random(5)
    alphabet = ["ab", "U.S", ".", "-", " ", "x'y", "’", "5.7-m", "é", ",", "\n", "--a"]
    for _ in range(100):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 400)))
        count = _WordCounter(text)
        for _ in range(20):
            a = rng.randint(0, len(text))
            b = rng.randint(a, len(text))
            assert count(a, b) == len(words(text, a, b)), (text, a, b)
