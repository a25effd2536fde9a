"""Actors from the parse (analysis/nlp/actors.py, coref.py) on sentences of each junk shape.

The sentences are written for these tests, one per failure seen on unseen articles: a gerund
glued to a name, a title inside a name span, an event named like a person, shouted words,
surnames shared by two people, pronouns after two people, demonyms and country aliases.
"""
import pytest

from analysis.nlp import load, parse
from analysis.nlp.actors import find_actors

pytestmark = pytest.mark.skipif(
    not (__import__("analysis.nlp.pipeline", fromlist=["x"]).shipped_model_dir() / "config.cfg").exists(),
    reason="the shipped spaCy model is not built (make model)")


def _spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a test text: its sentences are separated by two spaces."""
    spans, start = [], 0
    for part in text.split("  "):
        spans.append((start, start + len(part)))
        start += len(part) + 2
    return spans


def actors(text: str):
    found, names = find_actors(parse(text, _spans(text), load()))
    return {a.actor: a for a in found}, names


def test_a_gerund_before_a_name_is_not_part_of_it():
    found, _ = actors("Hammering Hillary Clinton over her emails, the senator said the "
                      "investigation was far from over.")
    assert "Hillary Clinton" in found
    assert not any(name.startswith("Hammering") for name in found)


def test_a_title_inside_a_name_is_cut_off():
    found, _ = actors("Center for American Progress President Neera Tanden said the plan "
                      "would fail.")
    assert "Neera Tanden" in found and found["Neera Tanden"].type == "person"
    assert not any("President" in name for name in found)


def test_an_event_is_not_a_person():
    found, _ = actors("Critics warned that the strike could start World War Three within weeks.")
    assert all(a.type != "person" for a in found.values())


def test_shouted_words_are_not_people():
    found, _ = actors("Protesters held signs that read DEATH TO TYRANTS outside the embassy.")
    assert all(a.type != "person" for a in found.values())


def test_a_bare_surname_joins_the_person_last_named_in_full():
    text = ("Bill Clinton campaigned in Ohio on Monday.  Later that week Hillary Clinton "
            "spoke in Iowa.  Clinton told voters she would win the state.")
    found, _ = actors(text)
    hillary = found["Hillary Clinton"]
    bare = text.rindex("Clinton told")
    assert any(m.start == bare for m in hillary.mentions)
    assert not any(m.start == bare for m in found["Bill Clinton"].mentions)


def test_he_goes_to_the_subject_not_the_object_of_the_previous_sentence():
    text = ("Donald Trump attacked Barack Obama at a rally in Florida on Tuesday.  "
            "He said the nuclear deal was the worst ever negotiated.")
    _, names = actors(text)
    assert names.get(text.index("He said")) == "Donald Trump"


def test_she_agrees_in_gender():
    text = "Hillary Clinton met Bernie Sanders in Vermont.  She said the talks went well."
    _, names = actors(text)
    assert names.get(text.index("She said")) == "Hillary Clinton"


def test_demonyms_and_aliases_are_their_country():
    text = "Israeli officials met their counterparts from the U.S. in Jerusalem on Friday."
    found, _ = actors(text)
    assert found["Israel"].type == "country"
    assert found["United States"].type == "country"
    assert any(m.via == "demonym" for m in found["Israel"].mentions)


def test_the_president_resolves_to_the_one_president_named():
    text = ("Mexican President Enrique Peña Nieto announced a new trade deal.  "
            "The deal was praised by the president during a visit to Puebla.")
    found, _ = actors(text)
    person = found["Enrique Peña Nieto"]
    assert any(m.via == "nominal" and m.text.lower() == "the president" for m in person.mentions)


def test_offsets_index_the_article_text():
    text = "Several analysts said Angela Merkel would not run again."
    found, _ = actors(text)
    for actor in found.values():
        for m in actor.mentions:
            assert text[m.start:m.end] == m.text
