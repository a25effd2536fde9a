"""The learned quote-kind decision: the shipped weights, the probabilities, and sentences of
each shape the unseen-article check found wrong (written for these tests)."""
from __future__ import annotations

import json
import math

import pytest

from analysis.lexicon import MODEL_DIR
from analysis.measures.quotes.kinds import DEFINITIONAL, SPEECH, analyse_quotes
from analysis.measures.quotes.learned import kind_model
from analysis.read.reader import parse_text
from analysis.validation.polnear import Doc, GoldAttribution
from analysis.validation.train_quote_kinds import silver


def first(text: str, *, parsed: bool = False, learned: bool = True):
    """The last quote of ``text`` (the one each case is about)."""
    article = parse_text(text)
    parse = None
    if parsed:
        from analysis.nlp import parse as parse_spans

        parse = parse_spans(article.text, [(s.start, s.end) for s in article.sentences])
    return analyse_quotes(article, parse=parse, learned=learned).quotes[-1]


def test_shipped_weights_are_plain_data_with_both_variants():
    model = json.loads((MODEL_DIR / "quote_kinds.json").read_text(encoding="utf-8"))
    assert "PolNeAR train" in model["about"]
    assert set(model["variants"]) == {"parse", "text"}
    for variant in model["variants"].values():
        assert 0 < variant["threshold"] < 1
        assert all(share >= 0.95 for share in variant["firm_rules"].values())
        for table in (variant["speech"], variant["direct"]):
            assert table["weights"] and all(math.isfinite(w) for w in table["weights"].values())
    assert not any(k.startswith(("prev=", "next=")) for k in model["variants"]["text"]["firm_rules"])


@pytest.mark.parametrize("parsed", [False, True])
def test_probabilities_are_a_distribution_agreeing_with_the_kind(parsed):
    text = ("“We will not pay,” the minister said on Monday. Critics called the plan “reckless.” "
            "The so-called “reform” passed. She appeared on “Face the Nation” later.")
    article = parse_text(text)
    parse = None
    if parsed:
        from analysis.nlp import parse as parse_spans

        parse = parse_spans(article.text, [(s.start, s.end) for s in article.sentences])
    model = kind_model(parsed)
    for q in analyse_quotes(article, parse=parse).quotes:
        probs = dict(q.probabilities)
        assert abs(sum(probs.values()) - 1) < 0.01 and all(0 <= p <= 1 for p in probs.values())
        if not q.reason.startswith(DEFINITIONAL):
            spoken = probs.get("direct", 0) + probs.get("partial", 0)
            assert (q.kind in SPEECH) == (spoken >= model.threshold), (q.text, q.kind, probs)
        assert q.to_dict()["kind_probabilities"] == probs


@pytest.mark.parametrize("parsed", [False, True])
@pytest.mark.parametrize(
    "text, kinds",
    [
        # title case said by someone is speech
        ("Protesters chanted “Death to America” outside the embassy on Friday.", SPEECH),
        ("The crowd shouted “Lock Her Up” as the candidate spoke.", SPEECH),
        ("The statement read: “We Will Not Be Silenced.”", SPEECH),
        # statements after verbs the lexicon lacked before
        ("“We have no comment at this time,” she replied.", ("direct",)),
        ("He implored the guards: “Please let us go home.”", ("direct",)),
        ("He repeated his assertion that the vote was “rigged.”", ("partial",)),
        # titles stay titles, also after a reporting verb a few words back
        ("She appeared on “Face the Nation” on Sunday.", ("title",)),
        ("The band played “Hotel California” twice.", ("title",)),
        ("He said on ABC's “This Week” that the plan would pass.", ("title",)),
        ("“I have not changed my position,” the senator said on CNN’s “New Day.”", ("title",)),
        # a scare quote by definition
        ("The so-called “reforms” cut pensions by a third.", ("scare",)),
    ],
)
def test_kind_of_each_shape(text, kinds, parsed):
    q = first(text, parsed=parsed)
    assert q.kind in kinds, (q.kind, q.reason, q.probabilities)


def test_the_rules_alone_are_still_available():
    q = first("The crowd shouted “Lock Her Up” as the candidate spoke.", learned=False)
    assert q.kind in SPEECH and q.probabilities is None and "shouted" in q.reason


def test_silver_labels_from_polnear_contents():
    text = "He said the plan was “a disaster” for farmers. “We will win,” she said."
    partial, direct = text.index("“a"), text.index("“We")
    doc = Doc("d", None, text, (
        GoldAttribution("Attribution", (), (), ((text.index("the plan"), text.index(" for farmers")),)),
        GoldAttribution("Attribution", (), (), ((direct, text.index(" she")),)),
    ))
    quotes = analyse_quotes(parse_text(text), learned=False).quotes
    assert [silver(doc, q) for q in quotes] == [(1, 0), (1, 1)]
    assert silver(Doc("d", None, text, ()), quotes[0]) == (0, None)
    assert partial < direct
