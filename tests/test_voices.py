"""Whose voice each word is in, the sentence shares, the writer's share, the roster and who is
talked about (``analysis.measures.sources.voices``), on one-sentence cases and the seed."""
from __future__ import annotations

import pytest

from analysis.measures.quotes.kinds import analyse_quotes
from analysis.measures.sources.attribution import find_attributions
from analysis.measures.sources.linking import link_quotes
from analysis.measures.sources.entities import find_mentions
from analysis.measures.sources.voices import (roster, sentence_voices, talked_about, word_voices,
                                              writer_voice_share)
from analysis.read.reader import parse_text


def _voices(text: str):
    article = parse_text(text)
    found = analyse_quotes(article)
    mentions = find_mentions(article)
    attributions = find_attributions(article, found.quotes, mentions)
    quotes = link_quotes(found.quotes, attributions)
    return article, word_voices(article, quotes, attributions), attributions, mentions


def _by_word(text: str) -> dict[str, tuple[str, str | None]]:
    article, voices, _, _ = _voices(text)
    return {article.text[a:a + len(w)]: voices[a] for a, w in
            ((a, article.text[a:].split()[0].strip("“”,.")) for a in voices)}


@pytest.mark.parametrize("text, word, voice, source", [
    ("“We will win,” Smith said.", "win", "quoted", "Smith"),
    ("“We will win,” Smith said.", "said", "writer", None),
    ("The minister said the plan would fail.", "fail", "attributed", "The minister"),
    ("The minister said the plan would fail.", "minister", "writer", None),
    ("It is believed that the plan would fail.", "fail", "writer", None),  # an agentless hedge names no one
    ("The plan would fail.", "plan", "writer", None),
])
def test_voice_of_a_word(text, word, voice, source):
    assert _by_word(text)[word] == (voice, source)


def test_sentence_shares_are_the_shares_of_its_words():
    article, voices, _, _ = _voices("“We will win,” Smith said.")
    (v,) = sentence_voices(article, voices)
    assert (v.quoted, v.writer, v.attributed) == (0.6, 0.4, 0.0)  # 3 of 5 words quoted
    assert v.sources == ("Smith",)
    assert v.to_dict()["quoted_share"] == 0.6


def test_writer_share_counts_body_words_only():
    article, voices, _, _ = _voices("Headline Words Here\n\nOfficials said 300 people died. Around 150 firms operate here.")
    assert [s.kind for s in article.segments][0] == "headline"
    assert writer_voice_share(article, voices) == pytest.approx(7 / 10, abs=1e-6)


def test_writer_share_without_body_words_is_zero():
    article, voices, _, _ = _voices("A Headline Alone")
    assert article.body_words == 0
    assert writer_voice_share(article, voices) == 0.0


def test_roster_one_row_per_source_with_its_words_modes_and_cue_classes():
    article, _, attributions, _ = _voices("Officials said 300 people died. Smith denied that the army fired.")
    rows = {r["source"]: r for r in roster(article, attributions)}
    assert rows["Officials"]["source_type"] == "anonymous"
    assert rows["Officials"]["words"] == 3 and rows["Officials"]["modes"] == {"indirect": 1}
    assert rows["Smith"]["cue_classes"] == {"culpability": 1}


def test_agentless_attributions_share_one_row_without_a_name():
    article, _, attributions, _ = _voices("It is believed that the plan failed. It seems the army fired.")
    rows = roster(article, attributions)
    assert [(r["source"], r["source_type"], r["attributions"]) for r in rows] == [(None, "agentless", 2)]


def test_talked_about_versus_talked_to():
    _, _, attributions, mentions = _voices("Mexico bought arms from Israel. Prime Minister Benjamin Netanyahu said Israel would help Mexico.")
    rows = {r["actor"]: r for r in talked_about(mentions, attributions)}
    assert rows["Mexico"]["mentions"] == 2 and rows["Mexico"]["attributions"] == 0
    assert rows["Benjamin Netanyahu"]["attributions"] == 1


def test_seed_writer_share_matches_its_sentences(seed_report):
    m = seed_report["metrics"]
    assert 0.8 < m["writer_voice_share"] < 1.0
    quoted = [v for v in seed_report["voice"] if v["quoted_share"] > 0.5]
    assert [v["sources"] for v in quoted] == [["Enrique Peña Nieto"]]
