"""Sentence tone (exactly vaderSentiment's), tone by voice and paragraph, actors, and the
known failures of sentence VADER on news with what the toolkit reports for each."""
from __future__ import annotations

import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis.measures.sentiment.tone import analyzer, vader
from analysis.measures.sentiment.targets import score_target

REFERENCE = SentimentIntensityAnalyzer()


def test_seed_sentence_scores_equal_the_reference_implementation(seed_report):
    text = seed_report["article"]["text"]
    sentences = seed_report["article"]["sentences"]
    assert seed_report["sentiment"]["sentences"]
    for s in seed_report["sentiment"]["sentences"]:
        sent = sentences[s["sentence"]]
        expected = REFERENCE.polarity_scores(text[sent["start"]:sent["end"]])
        assert {k: s[k] for k in ("neg", "neu", "pos", "compound")} == expected


def test_words_behind_the_score():
    scores, words = vader("The deal was a terrible failure, but the talks were friendly.")
    assert scores == REFERENCE.polarity_scores("The deal was a terrible failure, but the talks were friendly.")
    found = {w["word"]: w for w in words}
    assert set(found) == {"terrible", "failure", "friendly"}
    # "but" halves what comes before and raises what follows (VADER's own rule), the lexicon value stays
    assert found["friendly"]["valence"] > found["friendly"]["lexicon"] > 0
    assert abs(found["terrible"]["valence"]) < abs(found["terrible"]["lexicon"])


def test_words_behind_the_score_are_returned_not_stored_so_threads_do_not_mix_them():
    from concurrent.futures import ThreadPoolExecutor

    texts = ["The deal was a terrible failure.", "The talks were friendly and warm.", "Nothing happened."] * 40
    alone = [vader(t) for t in texts]
    with ThreadPoolExecutor(max_workers=8) as pool:
        together = list(pool.map(vader, texts))
    assert together == alone
    before = dict(vars(analyzer()))
    vader("A wonderful day.")
    assert vars(analyzer()) == before  # the shared analyser keeps nothing of the call


def test_seed_voice_of_sentences(seed_report):
    by_sentence = {s["sentence"]: s for s in seed_report["sentiment"]["sentences"]}
    direct = next(q for q in seed_report["quotes"] if q["kind"] == "direct")
    assert by_sentence[direct["sentence"]]["voice"] == "quoted"
    assert by_sentence[direct["sentence"]]["source"] == "Enrique Peña Nieto"
    m = seed_report["metrics"]
    assert m["tone_sentences_writer"] > m["tone_sentences_quoted"] == 1


def test_seed_paragraph_arc(seed_report):
    arc = seed_report["sentiment"]["paragraphs"]
    sents = {s["sentence"]: s for s in seed_report["sentiment"]["sentences"]}
    for row in arc:
        members = [sents[i]["compound"] for i in sents if seed_report["article"]["sentences"][i]["paragraph"] == row["paragraph"]]
        assert row["compound"] == pytest.approx(sum(members) / len(members), abs=1e-4)


def test_seed_tone_vector(seed_report):
    m = seed_report["metrics"]
    assert m["tonevec_words"] == m["body_words"]
    assert m["tonevec_tone"] == pytest.approx(m["tonevec_positive"] - m["tonevec_negative"], abs=1e-3)
    assert m["tonevec_polarity"] == pytest.approx(m["tonevec_positive"] + m["tonevec_negative"], abs=1e-3)


def test_seed_actors_are_listed_with_variants_merged(seed_report):
    actors = {a["actor"]: a for a in seed_report["sentiment"]["actors"]}
    for name in ("Israel", "Mexico", "Benjamin Netanyahu", "Enrique Peña Nieto", "NSO Group", "Zapatistas"):
        assert name in actors
    assert set(actors["Enrique Peña Nieto"]["aliases"]) == {"Enrique Peña Nieto", "Peña Nieto", "Enrique Pena Nieto"}
    assert "Israeli" in actors["Israel"]["aliases"] and actors["NSO Group"]["aliases"] == ["NSO group"]
    for a in actors.values():
        low, high = a["score_interval"]
        assert -1 <= low <= a["score_mean"] <= high <= 1
        assert sum(a["label_shares"].values()) == pytest.approx(1, abs=1e-3)
        assert len(a["evidence"]) == a["mentions"]


# ------------------------------------------------------------------ known VADER failures on news
def target_label(sentence: str, target: str) -> str:
    start = sentence.index(target)
    return score_target(sentence, start, start + len(target))["label"]


def test_crime_and_terrorism_case():
    sentence = "NSO Group says its Pegasus software is sold only to governments to fight crime and terrorism."
    assert vader(sentence)[0]["compound"] == pytest.approx(-0.8934, abs=1e-4)  # VADER reads the topic words
    assert target_label(sentence, "NSO Group") != "negative"  # the company's own claim is not an attack on it


def test_negation():
    # VADER's negation rule flips "bad": the sentence comes out positive, as a reader would read it
    assert vader("There was no bad smell in the building.")[0]["compound"] > 0.05


def test_nobody_is_a_known_failure():
    # "Nobody" is not a negator in VADER's list: the sentence scores positive. Recorded as a known failure.
    assert vader("Nobody praised the minister's plan.")[0]["compound"] > 0.05


def test_but_shifts_the_weight_to_what_follows():
    before = vader("The talks were friendly but the minister walked out angry.")[0]["compound"]
    assert before < 0


def test_slaughtered_is_missing_from_the_lexicon():
    assert vader("Soldiers slaughtered villagers.")[0]["compound"] == 0.0
