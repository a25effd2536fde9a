"""The connotation lexicon: well-formed rows, and the harm and help verbs with the right signs."""
from __future__ import annotations

import pytest

from analysis.lexicon import load_lexicon

KINDS = {"harm", "help", "enable", "gain", "loss", "report", "neutral"}
SIGNS = {"-1", "0", "1"}
EFFECTS = ("effect_object", "effect_subject", "writer_perspective_object", "writer_perspective_subject")


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon("connotation")


@pytest.fixture(scope="module")
def by_lemma(lexicon):
    return {r["lemma"]: r for r in lexicon.rows}


def test_header_names_what_it_follows(lexicon):
    assert "Rashkin" in lexicon.header and "Sap" in lexicon.header
    assert "validation only" in lexicon.header
    assert lexicon.columns[:2] == ("lemma", "kind")
    assert {"power", "agency", "enables", "forms", "note", *EFFECTS} <= set(lexicon.columns)


def test_every_row_has_valid_values(lexicon):
    assert 400 <= len(lexicon.rows) <= 900
    lemmas = [r["lemma"] for r in lexicon.rows]
    assert len(lemmas) == len(set(lemmas))
    owner = {}
    for r in lexicon.rows:
        assert r["kind"] in KINDS, r
        assert all(r[c] in SIGNS for c in EFFECTS), r
        assert r["power"] in {"agent", "theme", "equal"}, r
        assert r["agency"] in {"pos", "neg", "equal"}, r
        assert r["enables"] in {"yes", "no"}, r
        assert r["note"], r
        forms = r["forms"].split(",")
        assert forms[0] == r["lemma"] and all(f == f.lower().strip() and f for f in forms), r
        for f in forms:
            assert owner.setdefault(f, r["lemma"]) == r["lemma"], f"{f}: {owner[f]} and {r['lemma']}"


def test_kinds_agree_with_the_values(lexicon):
    for r in lexicon.rows:
        if r["kind"] == "harm":
            assert r["effect_object"] == "-1", r
        if r["kind"] in {"help", "enable"}:
            assert r["effect_object"] == "1", r
        assert (r["kind"] == "enable") == (r["enables"] == "yes"), r
        if r["kind"] == "gain":
            assert r["effect_subject"] == "1", r
        if r["kind"] == "loss":
            assert r["effect_subject"] == "-1", r


@pytest.mark.parametrize("lemma", ["attack", "kill", "crush", "quash", "jail", "torture", "bomb",
                                   "spy", "silence", "imprison", "censor", "persecute"])
def test_harm_verbs(by_lemma, lemma):
    r = by_lemma[lemma]
    assert r["effect_object"] == "-1" and r["writer_perspective_subject"] == "-1"
    assert r["power"] == "agent" and r["enables"] == "no"


@pytest.mark.parametrize("lemma", ["help", "aid", "support", "fund", "arm", "supply", "train", "equip",
                                   "finance"])
def test_enabling_verbs(by_lemma, lemma):
    r = by_lemma[lemma]
    assert r["effect_object"] == "1" and r["enables"] == "yes"


@pytest.mark.parametrize("lemma", ["rescue", "protect", "free", "praise", "heal"])
def test_help_verbs(by_lemma, lemma):
    r = by_lemma[lemma]
    assert r["effect_object"] == "1" and r["enables"] == "no"


@pytest.mark.parametrize("lemma", ["say", "tell", "report", "announce", "add"])
def test_reporting_verbs_are_neutral(by_lemma, lemma):
    r = by_lemma[lemma]
    assert r["kind"] == "report" and all(r[c] == "0" for c in EFFECTS)


@pytest.mark.parametrize("lemma, form", [("crush", "crushed"), ("jail", "jailing"), ("arm", "armed"),
                                         ("silence", "silences"), ("spy", "spied"), ("shoot", "shot"),
                                         ("fight", "fought"), ("equip", "equipped")])
def test_inflections_are_listed(by_lemma, lemma, form):
    assert form in by_lemma[lemma]["forms"].split(",")


@pytest.mark.parametrize("lemma", ["suffer", "lose", "die"])
def test_loss_verbs_harm_the_subject(by_lemma, lemma):
    assert by_lemma[lemma]["effect_subject"] == "-1" and by_lemma[lemma]["agency"] == "neg"
