"""Actors: names found in the prose, typed, and their variants merged."""
from __future__ import annotations

from collections import Counter

import pytest

from analysis.measures.sources.entities import find_mentions, fold, load_aliases
from analysis.read.reader import parse_text, read_article


@pytest.fixture(scope="module")
def seed_mentions(seed_path):
    article, _ = read_article(seed_path)
    return find_mentions(article)


def actors(mentions):
    return {(m.canonical, m.type) for m in mentions}


def test_seed_actors(seed_mentions):
    found = actors(seed_mentions)
    for expected in [("Israel", "country"), ("Mexico", "country"), ("Benjamin Netanyahu", "person"),
                     ("Enrique Peña Nieto", "person"), ("NSO Group", "organization"), ("Zapatistas", "group")]:
        assert expected in found


def test_seed_variants_merge(seed_mentions):
    surfaces = {}
    for m in seed_mentions:
        surfaces.setdefault(m.canonical, set()).add(m.text)
    assert surfaces["Enrique Peña Nieto"] == {"Enrique Peña Nieto", "Peña Nieto", "Enrique Pena Nieto"}
    assert surfaces["Benjamin Netanyahu"] == {"Benjamin Netanyahu", "Netanyahu"}
    assert "Israeli" in surfaces["Israel"] and "Mexican" in surfaces["Mexico"]
    assert surfaces["Zapatistas"] == {"Zapatista", "Zapatistas"}


def test_seed_no_calendar_words_or_headline_fragments(seed_mentions):
    names = {m.canonical for m in seed_mentions}
    assert not names & {"Feb", "Feb.", "Sept.", "May", "June", "Friday", "Thursday", "We", "City"}
    assert not any("Drones" in n or "Aids" in n for n in names)  # title-case headline words


def test_titles_are_dropped_and_places_kept_apart():
    article = parse_text("Story Headline\n\nIsraeli Prime Minister Benjamin Netanyahu met officials in Mexico City "
                         "and at the Justice Department on Monday, and Vicente Fox spoke to Fox News.")
    found = actors(find_mentions(article))
    assert ("Benjamin Netanyahu", "person") in found and ("Israel", "country") in found
    assert ("Mexico City", "place") in found and ("Mexico", "country") not in found
    assert ("Justice Department", "government") in found
    assert ("Vicente Fox", "person") in found and ("Fox News", "media") in found


def test_fold():
    assert fold("Enrique Peña Nieto") == fold("enrique pena nieto") == "enrique pena nieto"


def test_user_aliases(tmp_path):
    path = tmp_path / "aliases.tsv"
    path.write_text("alias\tcanonical\ttype\nEPN\tEnrique Peña Nieto\tperson\n", encoding="utf-8")
    article = parse_text("Story Headline\n\nThe president, known as EPN, met Enrique Peña Nieto's advisers.")
    counts = Counter(m.canonical for m in find_mentions(article, load_aliases(path)))
    assert counts["Enrique Peña Nieto"] == 2


def test_a_possessive_ends_a_name_and_shouting_is_not_a_person():
    article = parse_text("Story Headline\n\nThe tweet, BE CAUTIOUS, answered Trump's Iran threat on Monday.")
    found = actors(find_mentions(article))
    assert ("Iran", "country") in found and not any(name.startswith("Trump's") or name == "Trump's Iran" for name, _ in found)
    assert all(t != "person" for name, t in found if name.isupper())


def test_a_country_acronym_before_an_organisation_word_is_a_name_not_a_crash():
    # found on an unseen article: "EU" matched the gazetteer, "movement" made it an
    # organisation's name, and the country lookup of "eu movement" raised KeyError
    from analysis.measures.sources.entities import find_mentions
    from analysis.read.reader import parse_text

    mentions = find_mentions(parse_text("He has said Britain’s anti-EU movement had parallels with his own campaign."))
    assert any(m.text == "EU movement" and m.type != "country" for m in mentions)
