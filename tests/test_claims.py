"""Unsourced claims (``analysis.measures.sources.claims``): figures, dates and superlatives in
the writer's own voice that no attribution covers."""
from __future__ import annotations

import pytest

from analysis.read.reader import parse_text
from analysis.report import analyse_article


def claims(text: str, headline: str = "A Headline\n\n") -> list[tuple[str, str, bool]]:
    """The claims of ``text`` as the body of an article with a headline."""
    report = analyse_article(parse_text(headline + text))
    return [(c["kind"], c["text"], c["hedged"]) for c in report.sections["unsourced_claims"]]


@pytest.mark.parametrize("text, expected", [
    ("The deal is worth $5.7 million.", [("amount", "$5.7 million", False)]),
    ("He collected 5 to 8 percent of the total.", [("percent", "5 to 8 percent of the total", False)]),
    ("Around 150 Israeli firms operate in Mexico.", [("count", "Around 150 Israeli firms", False)]),
    ("Since the early 1970s the two nations traded.", [("date", "Since the early 1970s", False)]),
    ("Israel is one of the world’s top weapons exporters.", [("superlative", "the world’s top weapons exporters", False)]),
])
def test_each_kind_of_claim(text, expected):
    assert claims(text) == expected


@pytest.mark.parametrize("text", [
    "Officials said the deal is worth $5.7 million.",  # attributed: a source is named
    "“The deal is worth $5.7 million,” Smith said.",  # quoted
    "The plan would fail.",  # nothing checkable
])
def test_no_claim_where_a_source_covers_it_or_nothing_is_checkable(text):
    assert claims(text) == []


def test_a_claim_under_an_agentless_hedge_is_hedged_not_sourced():
    assert claims("It is believed that 40 percent of voters left.") == [("percent", "40 percent of voters left", True)]


def test_a_headline_figure_is_not_a_claim():
    assert claims("The talks ended.", headline="Israel Sells 150 Drones To Mexico\n\n") == []


def test_seed_claims_are_in_writer_sentences(seed_report):
    voice = {v["sentence"]: v for v in seed_report["voice"]}
    found = seed_report["unsourced_claims"]
    assert {c["kind"] for c in found} == {"count", "date", "amount", "superlative", "percent"}
    assert all(voice[c["sentence"]]["writer_share"] >= 0.5 for c in found)
