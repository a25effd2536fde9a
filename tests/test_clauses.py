"""Clause boundaries (``analysis.measures.clauses``): one definition for quote kinds and
attribution, with attribution's cut at a contrast as an option."""
from __future__ import annotations

import pytest

from analysis.measures.clauses import clause_bounds


def clause(text: str, word: str, *, contrast: bool = False) -> str:
    at = text.index(word)
    lo, hi = clause_bounds(text, 0, len(text), at, at + len(word), contrast=contrast)
    return text[lo:hi].strip()


@pytest.mark.parametrize("text, word, expected", [
    ("He left; she stayed.", "stayed", "she stayed."),
    ("He left; she stayed.", "left", "He left"),
    ("The deal — signed in 2000 — was updated.", "signed", "signed in 2000"),
    ("The deal -- signed in 2000 -- was updated.", "signed", "signed in 2000"),
    ("He said it was over, but she stayed.", "stayed", "He said it was over, but she stayed."),
    ("A well-equipped patrol – the army's – passed.", "patrol", "A well-equipped patrol"),
])
def test_plain_clauses_end_at_semicolons_and_spaced_dashes(text, word, expected):
    assert clause(text, word) == expected


@pytest.mark.parametrize("joiner", ["but", "while", "although", "though", "despite", "whereas"])
def test_the_contrast_option_also_cuts_at_a_comma_and_a_turn(joiner):
    text = f"Officials said the plan failed, {joiner} critics disagreed."
    assert clause(text, "failed", contrast=True) == "Officials said the plan failed"
    assert clause(text, "critics", contrast=True) == "critics disagreed."  # the turn itself is the cut
    assert clause(text, "failed") == text


def test_a_closing_quote_may_stand_between_the_comma_and_the_turn():
    text = "“We will win,” but the vote was lost."
    assert clause(text, "win", contrast=True) == "“We will win"
