"""Tests for analysis.measures.framing.frames: Policy Frames Codebook cues per sentence and frames per article.

The example sentences were written for these tests (none comes from a benchmark).
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from analysis.config import shared_dir
from analysis.measures.framing.frames import (
    DENSITY_THRESHOLDS,
    FRAMES,
    MIN_SENTENCES,
    NO_FRAME,
    ArticleFrames,
    article_frames,
    find_frame_cues,
    sentence_frames,
)
from analysis.lexicon import load_lexicon

#: One clear sentence per frame; the frame must be the sentence's primary frame.
CLEAR = {
    "Economic": "The new tariffs will cost American households an extra $1,200 a year, economists "
    "estimate, as prices for imported goods climb.",
    "Capacity_and_resources": "Courts face a backlog of 40,000 cases because of a shortage of staff "
    "and limited resources.",
    "Morality": "Church leaders called the policy immoral and said the nation has a moral duty to "
    "show compassion.",
    "Fairness_and_equality": "Advocates say the rules discriminate against women and deny them "
    "equal pay for equal work.",
    "Legality_Constitutionality_and_jurisprudence": "The Supreme Court ruled that the law was "
    "unconstitutional because it violated the First Amendment.",
    "Policy_prescription_and_evaluation": "The proposal would overhaul the program, but analysts "
    "doubt the reform will be effective.",
    "Crime_and_punishment": "Police arrested the suspect, who was charged with murder and held in "
    "jail pending trial.",
    "Security_and_defense": "The army deployed troops and missile defenses along the border to "
    "deter an attack.",
    "Health_and_safety": "Doctors warned that the virus is spreading quickly and urged people to "
    "get vaccinated before winter.",
    "Quality_of_life": "Rising rents have pushed families out of their homes, and commuters now "
    "lose hours in traffic every day.",
    "Cultural_identity": "The festival celebrates the heritage and traditions of the town's "
    "immigrant families, from their language to their cuisine.",
    "Public_opinion": "A new poll shows that most respondents disapprove of the plan, and protests "
    "have spread across the country.",
    "Political": "Republicans and Democrats in Congress traded blame as the partisan fight headed "
    "toward a Senate vote.",
    "External_regulation_and_reputation": "The foreign minister met the ambassador to discuss "
    "sanctions and a new trade agreement between the two countries.",
}

#: For each frame, a sentence that is clearly not about it (another frame's example).
NOT = {
    "Economic": CLEAR["Health_and_safety"],
    "Capacity_and_resources": CLEAR["Crime_and_punishment"],
    "Morality": CLEAR["Legality_Constitutionality_and_jurisprudence"],
    "Fairness_and_equality": CLEAR["Security_and_defense"],
    "Legality_Constitutionality_and_jurisprudence": CLEAR["Health_and_safety"],
    "Policy_prescription_and_evaluation": CLEAR["Crime_and_punishment"],
    "Crime_and_punishment": CLEAR["Quality_of_life"],
    "Security_and_defense": CLEAR["Cultural_identity"],
    "Health_and_safety": CLEAR["External_regulation_and_reputation"],
    "Quality_of_life": CLEAR["Legality_Constitutionality_and_jurisprudence"],
    "Cultural_identity": CLEAR["Policy_prescription_and_evaluation"],
    "Public_opinion": CLEAR["Crime_and_punishment"],
    "Political": CLEAR["Health_and_safety"],
    "External_regulation_and_reputation": CLEAR["Morality"],
}

#: Sentences with no frame at all, some with words that contain or resemble cues.
NEUTRAL = [
    "The bakery on Main Street opened at dawn, and the smell of fresh bread drifted down the road.",
    "She warmed up before the race and was polite to everyone she met.",
    "They paid a visit to her grandmother, acted in good faith and ruled out a second trip.",
]


def whole(text: str) -> list[tuple[int, int]]:
    return [(0, len(text))]


@pytest.mark.parametrize("frame", FRAMES)
def test_frame_fires_on_a_clear_sentence(frame):
    result = sentence_frames(CLEAR[frame], whole(CLEAR[frame]))[0]
    assert result.primary == frame, (result.frames, result.cues)


@pytest.mark.parametrize("frame", FRAMES)
def test_frame_does_not_fire_on_a_clear_non_example(frame):
    result = sentence_frames(NOT[frame], whole(NOT[frame]))[0]
    assert frame not in result.frames
    assert all(c.frame != frame for c in result.cues)


@pytest.mark.parametrize("text", NEUTRAL)
def test_neutral_sentences_have_no_cue(text):
    assert find_frame_cues(text) == []


@pytest.mark.parametrize(
    "text, span, frame",
    [
        ("He faces the death penalty.", "death penalty", "Crime_and_punishment"),
        ("She died of a heart attack.", "heart attack", "Health_and_safety"),
        ("The Islamic State claimed the attack.", "Islamic State", "Security_and_defense"),
        ("A suicide bombing hit the market.", "suicide bombing", "Security_and_defense"),
        ("The defense attorney asked for bail.", "defense attorney", "Legality_Constitutionality_and_jurisprudence"),
        ("The presidential race tightened.", "presidential race", "Political"),
        ("Far-right groups marched.", "Far-right", "Political"),
    ],
)
def test_multi_word_entry_wins_over_its_words(text, span, frame):
    cues = find_frame_cues(text)
    covering = [c for c in cues if c.start <= text.index(span) < c.end]
    assert [(c.text, c.frame) for c in covering] == [(span, frame)]


def test_phrase_needs_adjacent_words():
    # "death" and "penalty" across punctuation are not the phrase
    cues = find_frame_cues("He was sentenced to death. Penalty kicks decided the final.")
    assert "death penalty" not in [c.entry for c in cues]


def test_stop_phrase_blocks_its_words():
    entries = [c.entry for c in find_frame_cues("The senator paid a visit to the troops.")]
    assert "paid" not in entries and "troop" in entries and "senator" in entries


def test_word_boundaries_and_case():
    assert find_frame_cues("The warm, polite Warsaw crowd") == []
    cues = find_frame_cues("WAR and war and War")
    assert [c.text for c in cues] == ["WAR", "war", "War"]


def test_plural_possessive_and_prefix_forms():
    text = "The court’s rulings on new policies hit the economy's weakest economies."
    found = {(c.text, c.entry) for c in find_frame_cues(text)}
    assert ("policies", "policy") in found
    assert ("economy's", "economy") in found
    assert ("economies", "economy") in found
    assert any(c.entry == "court ruling" and c.text == "court’s rulings" for c in find_frame_cues(text))
    prefix = find_frame_cues("Economically, the economics of it are grim.")
    assert [(c.text, c.entry) for c in prefix] == [("Economically", "econom*"), ("economics", "econom*")]


OFFSET_TEXT = (
    "Israel’s prime minister met Mexico’s president.\n\n"
    "“The free-trade agreement,” he said, “will protect jobs” — and anti-Muslim "
    "groups protested the government's crackdown on human-rights activists."
)


def test_offsets_are_exact_and_sorted():
    cues = find_frame_cues(OFFSET_TEXT)
    assert cues, "expected cues"
    for c in cues:
        assert OFFSET_TEXT[c.start:c.end] == c.text
        assert c.frame in FRAMES
    starts = [c.start for c in cues]
    assert starts == sorted(starts)


def test_offsets_with_a_range_are_absolute_and_inside_it():
    start = OFFSET_TEXT.index("“The")
    end = OFFSET_TEXT.index("— and")
    cues = find_frame_cues(OFFSET_TEXT, start, end)
    assert cues
    for c in cues:
        assert start <= c.start < c.end <= end
        assert OFFSET_TEXT[c.start:c.end] == c.text
    assert "free-trade" in [c.text for c in cues]
    assert "human-rights" not in [c.text for c in cues]


def test_lexicon_header_and_frames():
    lexicon = load_lexicon("frames")
    assert lexicon.columns == ("frame", "cue", "weight", "source")
    assert "Policy Frames Codebook" in lexicon.header
    assert "Boydstun" in lexicon.header and "2014" in lexicon.header
    assert "WordNet" in lexicon.header and "2026" in lexicon.header
    frames = {row["frame"] for row in lexicon.rows}
    assert frames == set(FRAMES) | {NO_FRAME}
    assert "Other" not in frames
    for row in lexicon.rows:
        assert row["source"] in {"definition", "wordnet", "curated"}, row
        assert float(row["weight"]) in {0.5, 1.0}, row
        assert row["cue"] == row["cue"].strip() and row["cue"], row
        if row["cue"].endswith("*"):
            assert len(row["cue"].rstrip("*")) >= 3, row
    pairs = [(r["frame"], r["cue"].lower()) for r in lexicon.rows]
    assert len(pairs) == len(set(pairs)), "duplicate (frame, cue) rows"
    per_frame = {f: sum(1 for r in lexicon.rows if r["frame"] == f) for f in FRAMES}
    assert min(per_frame.values()) >= 50, per_frame


def test_frame_names_match_the_benchmark():
    base = shared_dir()
    if base is None:
        pytest.skip("shared data folder not found (set ANALYSIS_SHARED)")
    path = base / "benchmarks" / "semeval23-frames" / "frames.txt"
    if not path.exists():
        pytest.skip(f"{path} missing")
    names = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert tuple(names) == FRAMES


def test_thresholds_cover_every_frame():
    assert set(DENSITY_THRESHOLDS) == set(FRAMES)
    assert all(0 <= t <= 0.5 for t in DENSITY_THRESHOLDS.values())
    assert MIN_SENTENCES in (1, 2)


ARTICLE = (
    "Budget deficit grows as tax revenue falls\n"
    "The government's budget deficit widened as tax revenue fell and spending on debt rose.\n"
    "Economists expect the deficit to cost taxpayers billions.\n"
    "Republicans in Congress blamed Democrats, and the Senate vote split along party lines.\n"
    "The senator said voters would punish the party in the next election campaign.\n"
    "Lawmakers of both parties accused each other of partisan games before the vote.\n"
    "The governor, a Republican candidate for president, urged conservatives to vote.\n"
)


def lines(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        if line:
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def test_article_frames_shares_and_primary():
    result = article_frames(ARTICLE, lines(ARTICLE), headline=0)
    assert isinstance(result, ArticleFrames)
    assert abs(sum(s.share for s in result.frames) - 1) < 1e-5
    assert [s.share for s in result.frames] == sorted((s.share for s in result.frames), reverse=True)
    by_frame = {s.frame: s for s in result.frames}
    assert by_frame["Political"].hits > by_frame["Economic"].hits  # the body is mostly politics
    assert result.primary_frame == "Economic"  # but headline and lead are economic
    flat = article_frames(ARTICLE, lines(ARTICLE), headline=None, lead=0)
    assert flat.primary_frame == "Political"
    assert set(result.article_frames) >= {"Economic", "Political"}
    assert list(result.article_frames) == sorted(result.article_frames, key=FRAMES.index)


def test_article_frames_thresholds_and_options():
    strict = article_frames(ARTICLE, lines(ARTICLE), headline=0, thresholds={"Economic": 10.0})
    assert "Economic" not in strict.article_frames
    assert "Political" in strict.article_frames
    assert article_frames(ARTICLE, lines(ARTICLE), min_sentences=99).article_frames == ()
    with pytest.raises(ValueError):
        article_frames(ARTICLE, lines(ARTICLE), thresholds={"Economy": 0.1})


def test_article_without_cues():
    text = NEUTRAL[0]
    result = article_frames(text, whole(text), headline=0)
    assert result == ArticleFrames((), None, ())


def test_sentence_indices_follow_the_spans():
    spans = lines(ARTICLE)
    result = sentence_frames(ARTICLE, spans)
    assert [s.sentence for s in result] == list(range(len(spans)))
    for s, (a, b) in zip(result, spans):
        assert all(a <= c.start < c.end <= b for c in s.cues)
        assert s.primary == (s.frames[0] if s.frames else None)


def test_deterministic():
    first = [repr(article_frames(t, lines(t), headline=0)) for t in (ARTICLE, OFFSET_TEXT, *CLEAR.values())]
    second = [repr(article_frames(t, lines(t), headline=0)) for t in (ARTICLE, OFFSET_TEXT, *CLEAR.values())]
    assert first == second
    assert find_frame_cues(OFFSET_TEXT) == find_frame_cues(OFFSET_TEXT)


def test_import_is_light():
    code = (
        "import sys, analysis.measures.framing.frames; "
        "print(','.join(m for m in ('nltk', 'sklearn', 'numpy', 'snowballstemmer', 'pandas') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parent.parent)
    assert out.stdout.strip() == ""
