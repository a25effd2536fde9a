"""Attributions read from the parse: the learned cue classifier and the sources and contents it
reads from the dependency tree (sentences written for these tests, one per shape)."""
from __future__ import annotations

import pytest

from analysis.measures.quotes.kinds import analyse_quotes
from analysis.measures.sources.actors import parse_prose
from analysis.measures.sources.attribution import find_attributions
from analysis.measures.sources.cue_model import cue_features, cue_model
from analysis.measures.sources.entities import find_mentions
from analysis.measures.sources.linking import link_quotes
from analysis.read.reader import parse_text


def _read(text: str, parsed: bool = True):
    article = parse_text(text, "txt")
    parse = parse_prose(article) if parsed else None
    quotes = analyse_quotes(article, parse=parse).quotes
    atts = find_attributions(article, quotes, find_mentions(article), parse)
    return article, link_quotes(quotes, atts), atts


def _by_cue(atts, cue: str):
    found = [a for a in atts if a.cue and a.cue.lower() == cue]
    assert found, f"no attribution with the cue {cue!r}: {[(a.cue, a.source) for a in atts]}"
    return found[0]


def _text(article, span) -> str:
    return article.text[span[0]:span[1]]


def test_a_cue_the_lexicons_do_not_list_is_found_with_the_class_unlisted():
    # "envision" is not in the reporting lexicons; the classifier learned it from PolNeAR train
    article, _, atts = _read("The governor envisioned that the new line would open by 2030.")
    a = _by_cue(atts, "envisioned")
    assert a.cue_class == "unlisted" and a.source == "The governor"
    assert _text(article, a.content_spans[0]) == "the new line would open by 2030"


def test_the_rules_alone_miss_the_unlisted_verb():
    _, _, atts = _read("The governor envisioned that the new line would open by 2030.", parsed=False)
    assert not any(a.cue and a.cue.lower() == "envisioned" for a in atts)


def test_an_unlisted_verb_in_the_object_frame_is_not_an_attribution():
    # no clausal complement: a verb the lexicons do not list needs the frame of speech
    _, _, atts = _read("The committee approved the new budget on Tuesday after a long debate.")
    assert not [a for a in atts if a.cue and a.cue.lower() == "approved"]


def test_unnamed_people_who_shout_are_the_speakers_of_their_slogan():
    article, quotes, atts = _read("Some of the marchers sang hymns while others shouted, “Police are thugs!”")
    q = [q for q in quotes if q.text.startswith("Police")][0]
    assert q.kind == "direct"
    assert q.speaker and q.speaker.lower() == "others"
    assert _by_cue(atts, "shouted").source_type == "anonymous"


def test_a_noun_cue_takes_its_possessor_as_source():
    article, _, atts = _read("The senator's assertion that taxes would fall turned out to be wrong.")
    a = _by_cue(atts, "assertion")
    assert "senator" in a.source
    assert "taxes would fall" in _text(article, a.content_spans[0])


def test_a_passive_cue_without_agent_is_agentless():
    article, _, atts = _read("Residents of the valley were warned that the old dam could fail within days.")
    a = _by_cue(atts, "warned")
    assert a.source is None and a.source_type == "agentless" and a.cue_class == "hedge"
    assert "the old dam could fail" in _text(article, a.content_spans[0])


@pytest.mark.parametrize("text", [
    "The committee approved the new budget on Tuesday after a long debate.",
    "He repaired the old car that had broken down on the highway.",
    "Floodwater covered the fields for three weeks in April.",
])
def test_sentences_that_report_nothing_have_no_learned_cue(text):
    _, _, atts = _read(text)
    assert [a for a in atts if a.rule.startswith("parse:")] == []


def test_a_floating_quote_continues_the_inner_speaker_of_a_nested_report():
    text = ("“We had no idea it would sell,” she said in an interview, according to Variety. "
            "“The studio thought it was a small film.”")
    article, quotes, _ = _read(text)
    floating = [q for q in quotes if q.text.startswith("The studio")][0]
    assert floating.speaker != "Variety"


def test_every_feature_of_a_cue_is_a_string_with_weight_one():
    article = parse_text("Officials insisted that the bridge was safe.", "txt")
    token = [t for t in parse_prose(article).docs[0] if t.text == "insisted"][0]
    f = cue_features(token)
    assert f["lemma=insist"] == 1.0 and f["ch=ccomp"] == 1.0 and f["ccomp_that"] == 1.0
    assert set(f.values()) == {1.0}


def test_the_shipped_cue_model_records_how_it_was_made_and_scored():
    model = cue_model()
    assert 0.0 < model["threshold"] < 1.0
    cv = model["cross_validation"]
    assert cv["grouped_by"] == "article" and cv["model"]["f1"] > cv["lexicon"]["f1"]


def test_a_source_the_rules_cannot_read_is_read_from_the_subject():
    article, quotes, atts = _read("“The talks are over for this year,” the chief negotiator of the union "
                                  "told reporters, according to Reuters.")
    assert "negotiator" in (quotes[0].speaker or "")


def test_according_to_marks_its_source_in_the_parse():
    article = parse_text("According to the city's own auditors, the bridge was never inspected.", "txt")
    from analysis.measures.sources.parsed_attribution import content_spans, source_token

    doc = parse_prose(article).docs[0]
    according = [t for t in doc if t.lower_ == "according"][0]
    source, agentless = source_token(according)
    assert source.lower_ == "auditors" and not agentless
    assert [doc.text[a:b] for a, b in content_spans(according)] == ["the bridge was never inspected"]


def test_according_to_in_mid_clause_attributes_the_clause_on_both_sides():
    article, _, atts = _read("The victim's family, according to court records, never received the settlement.")
    a = _by_cue(atts, "according to")
    assert a.source == "court records" and a.cue_class == "neutral"
    assert [_text(article, sp) for sp in a.content_spans] == ["The victim's family", "never received the settlement"]


@pytest.mark.parametrize("text, cue", [
    ("The new council covered most of the costs of the repairs last year.", "covered"),
    ("The old ferry carries cars and bicycles across the bay every hour.", "carries"),
    ("In the evenings incarcerated fathers record videos of themselves reading books.", "reading"),
])
def test_verbs_outside_a_frame_of_speech_are_not_attributions(text, cue):
    _, _, atts = _read(text)
    assert not [a for a in atts if a.cue and a.cue.lower() == cue]
