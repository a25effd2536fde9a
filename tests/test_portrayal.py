"""Portrayal (analysis/measures/sentiment/portrayal.py): one sentence per event shape.

The sentences are our own, each worded so that the shipped (early) parser parses it as a
reader would; every case checks the exact roles and the events that decide them.
"""
from __future__ import annotations

import json

import pytest

from analysis.measures.sentiment.portrayal import COARSE, main_role, portray
from analysis.measures.sources.actors import read_actors
from analysis.read.reader import parse_text


def _portray(sentence: str, voice_at=None):
    article = parse_text("Story Headline\n\n" + sentence)
    return article, portray(article, read_actors(article), voice_at=voice_at)


def _roles(portrayal) -> dict[str, str]:
    return {a.actor: a.role for a in portrayal.actors if a.events}


def _events(portrayal, actor) -> set[tuple[str, str, str]]:
    return {(e.verb, e.relation, e.effect) for e in portrayal.actor(actor).events if e.effect != "power"}


@pytest.mark.parametrize("sentence, roles, events", [
    # active harm: subject does, object suffers
    ("Soldiers shot three protesters.",
     {"soldiers": "perpetrator", "protesters": "victim"},
     {"soldiers": {("shoot", "subject", "harm_done")},
      "protesters": {("shoot", "object", "harm_suffered")}}),
    # passive with agent
    ("The journalists were jailed by the regime.",
     {"journalists": "victim", "regime": "perpetrator"},
     {"journalists": {("jail", "passive_subject", "harm_suffered")},
      "regime": {("jail", "agent", "harm_done")}}),
    # agentless passive: a victim and no perpetrator
    ("Dissidents were tortured.",
     {"dissidents": "victim"},
     {"dissidents": {("torture", "passive_subject", "harm_suffered")}}),
    # help
    ("Israel helped the farmers.",
     {"Israel": "benefactor", "farmers": "neutral"},
     {"Israel": {("help", "subject", "help_given")},
      "farmers": {("help", "object", "help_received")}}),
    # enabling through a complement clause: the helper enables, the helped one harms
    ("Israel helped Mexico to crush the rebels.",
     {"Israel": "enabler", "Mexico": "perpetrator", "rebels": "victim"},
     {"Israel": {("help", "enabler", "enables_harm")},
      "Mexico": {("help", "object", "help_received"), ("crush", "subject", "harm_done")},
      "rebels": {("crush", "object", "harm_suffered")}}),
    ("Israel helped the generals crush the uprising.",
     {"Israel": "enabler"},
     {"Israel": {("help", "enabler", "enables_harm")}}),
    # enabling through a relative clause on the object
    ("Russia armed the militia that burned the villages.",
     {"Russia": "enabler", "militia": "perpetrator"},
     {"Russia": {("arm", "enabler", "enables_harm")},
      "militia": {("arm", "object", "help_received"), ("burn", "subject", "harm_done")}}),
    # enabling through a purpose clause ("funded ... to silence")
    pytest.param("The regime funded a campaign to silence reporters.",
                 {"regime": "enabler", "reporters": "victim"},
                 {"regime": {("fund", "enabler", "enables_harm")}},
                 marks=pytest.mark.xfail(strict=True, reason="parser error since the 7,000-step model: "
                                         "'to silence reporters' is parsed as a noun compound, the purpose "
                                         "clause is lost (with 'the reporters' it is parsed right)")),
    ("The regime funded a campaign to intimidate reporters.",
     {"regime": "enabler", "reporters": "victim"},
     {"regime": {("fund", "enabler", "enables_harm")}}),
    # possessor of a nominalisation, with its patient
    ("The army's crackdown on protesters killed dozens.",
     {"army": "perpetrator", "protesters": "victim"},
     {"army": {("repress", "possessor", "harm_done")},
      "protesters": {("repress", "object", "harm_suffered")}}),
    # conjoined verbs share their subject
    ("Rebels killed two journalists and wounded three activists.",
     {"rebels": "perpetrator", "journalists": "victim", "activists": "victim"},
     {"rebels": {("kill", "subject", "harm_done"), ("wound", "subject", "harm_done")}}),
    # a relative clause's pronoun stands for the noun it modifies
    ("Police arrested the activists, who were later beaten.",
     {"police": "perpetrator", "activists": "victim"},
     {"activists": {("arrest", "object", "harm_suffered"), ("beat", "passive_subject", "harm_suffered")}}),
    # a harm verb's patient in an oblique with "on"
    ("The government spied on journalists.",
     {"government": "perpetrator", "journalists": "victim"},
     {"journalists": {("spy", "object", "harm_suffered")}}),
    # loss verb with the writer's sympathy: the subject suffers
    ("Two journalists died in the attack.",
     {"journalists": "victim"},
     {"journalists": {("die", "subject", "harm_suffered")}}),
    # the possessor of "arrest" (with no patient of its own) is the one arrested
    ("Police confirmed the journalist's arrest.",
     {"journalist": "victim"},
     {"journalist": {("arrest", "object", "harm_suffered")}}),
    # an enable verb whose doer the writer condemns enables a wrong
    ("The rebels incited violence.",
     {"rebels": "enabler"},
     {"rebels": {("incite", "enabler", "enables_harm")}}),
])
def test_event_shapes(sentence, roles, events):
    _, portrayal = _portray(sentence)
    found = _roles(portrayal)
    for actor, role in roles.items():
        assert found.get(actor) == role, (actor, found)
    for actor, expected in events.items():
        assert _events(portrayal, actor) == expected


@pytest.mark.parametrize("sentence", [
    "The soldiers did not shoot the protesters.",
    "The army never tortured the prisoners.",
    "Soldiers offered no help to the refugees.",
])
def test_negation_cancels(sentence):
    _, portrayal = _portray(sentence)
    assert not any(a.events for a in portrayal.actors)


def test_negated_enabling_is_no_enabling():
    _, portrayal = _portray("Russia did not arm the militia that burned the villages.")
    assert portrayal.actor("Russia") is None
    assert portrayal.actor("militia").role == "perpetrator"


def test_enabling_across_sentences():
    _, portrayal = _portray("Russia armed the militia. The militia burned the villages.")
    russia = portrayal.actor("Russia")
    enabling = [e for e in russia.events if e.effect == "enables_harm"]
    assert russia.role == "enabler" and [(e.verb, e.enabled, e.link) for e in enabling] == [("arm", "burn", "article")]
    # help to someone the article never has harm anyone stays help
    _, portrayal = _portray("Russia armed the militia. The militia guarded the villages.")
    assert portrayal.actor("Russia").role == "benefactor"


def test_descriptions_apposition_and_adjective():
    _, portrayal = _portray("Israel, a major arms exporter, armed the militia.")
    israel = portrayal.actor("Israel")
    assert [(d.kind, d.text) for d in israel.descriptions] == [("appos", "a major arms exporter")]
    _, portrayal = _portray("The brutal regime jailed its critics.")
    regime = portrayal.actor("regime")
    assert [(d.kind, d.text, d.tone) for d in regime.descriptions] == [("amod", "brutal", "negative")]
    assert regime.role == "perpetrator"
    _, portrayal = _portray("The increasingly unpopular Mexican President Enrique Peña Nieto praised the soldiers.")
    president = portrayal.actor("Enrique Peña Nieto")
    assert [d.text for d in president.descriptions] == ["increasingly unpopular"]
    assert president.role == "benefactor"


def test_represented_group_stands_for_its_country():
    _, portrayal = _portray("The Mexican government jailed the dissidents.")
    assert _events(portrayal, "Mexico") == {("jail", "subject", "harm_done")}
    assert portrayal.actor("government") is None
    _, portrayal = _portray("Police killed the Mexican journalists.")
    assert portrayal.actor("journalists").role == "victim"


def test_voice_counts_and_evidence():
    article, portrayal = _portray("Soldiers shot three protesters.", voice_at=lambda offset: "quoted")
    soldiers = portrayal.actor("soldiers")
    assert soldiers.counts["quoted"]["harm_done"] == 1 and soldiers.counts["writer"]["harm_done"] == 0
    assert soldiers.role_by_voice == {"quoted": "perpetrator", "writer": "neutral"}
    event = next(e for e in soldiers.events if e.effect == "harm_done")
    assert article.text[event.start:event.end] == "Soldiers shot"
    assert article.sentences[event.sentence].start <= event.start < article.sentences[event.sentence].end


def test_report_shape():
    _, portrayal = _portray("Israel helped Mexico to crush the rebels.")
    data = json.loads(json.dumps(portrayal.to_dict()))
    israel = next(a for a in data["actors"] if a["actor"] == "Israel")
    assert set(israel) >= {"actor", "type", "role", "confidence", "counts", "events"}
    assert israel["type"] == "country" and israel["coarse_role"] == "antagonist"
    assert set(israel["events"][0]) >= {"verb", "relation", "effect", "voice", "start", "end"}
    assert {(e["effect"], e["link"]) for e in israel["events"]} == {("enables_harm", "clause"), ("power", "")}


@pytest.mark.parametrize("counts, role, confidence", [
    ({}, "neutral", 0.0),
    ({"harm_done": 1}, "perpetrator", 0.333),
    ({"harm_done": 4}, "perpetrator", 0.667),
    ({"harm_done": 3, "harm_suffered": 1}, "perpetrator", 0.5),
    ({"harm_done": 1, "harm_suffered": 1}, "neutral", 0.0),
    ({"harm_done": 1, "enables_harm": 1}, "perpetrator", 0.25),
    ({"enables_harm": 2, "help_given": 1}, "enabler", 0.4),
    ({"help_given": 2, "help_received": 5, "power": 3}, "benefactor", 0.5),
    ({"help_received": 1, "power": 1}, "neutral", 0.5),
])
def test_main_role_rule(counts, role, confidence):
    assert main_role(counts) == (role, confidence)


def test_coarse_names():
    assert COARSE == {"perpetrator": "antagonist", "enabler": "antagonist", "victim": "innocent",
                      "benefactor": "protagonist", "neutral": None}
