"""Sentence boundaries and word counts on the noisiest constructions of news text."""
import pytest

from analysis.read.sentences import count_words, split_sentences


def texts(text):
    return [text[a:b] for a, b in split_sentences(text)]


@pytest.mark.parametrize(
    "text",
    [
        "A well-equipped Mexican patrol travels down rural roads in Chiapas, Mexico Feb. 1995, during a crackdown.",
        "Leaders met in Mexico City, Thursday Sept. 14, 2017.",
        "“We have agreed to establish and begin the..negotiations to look over this agreement,” he stated.",
        "The U.S. military and the U.N. mission said so.",
        "Gen. Smith and Sen. Jones met Dr. Brown at 5 p.m. on Monday.",
        "It cost $5.7 million, or 5.5 percent of the total.",
        "Officials asked, “Who will pay?” before the vote.",
    ],
)
def test_one_sentence(text):
    assert texts(text) == [text]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("He left. She stayed.", ["He left.", "She stayed."]),
        ("“We agreed,” he said. “It grows.” Then he left.", ["“We agreed,” he said.", "“It grows.”", "Then he left."]),
        ("Is it real? Nobody knows! In 2000, a deal was signed.",
         ["Is it real?", "Nobody knows!", "In 2000, a deal was signed."]),
        ("The firm moved to the U.S. The move was costly.", ["The firm moved to the U.S.", "The move was costly."]),
        ("It was founded by Acme Inc. The company said no.", ["It was founded by Acme Inc.", "The company said no."]),
    ],
)
def test_boundaries(text, expected):
    assert texts(text) == expected


def test_offsets_cover_text_without_overlap():
    text = "  First one.  Second one?\n“Third,” he said.  "
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == ["First one.", "Second one?", "“Third,” he said."]
    assert all(spans[i][1] <= spans[i + 1][0] for i in range(len(spans) - 1))


def test_range_is_respected():
    text = "Skip this. Take this one. And this."
    spans = split_sentences(text, 11, len(text))
    assert [text[a:b] for a, b in spans] == ["Take this one.", "And this."]


def test_word_count_keeps_compounds_whole():
    assert count_words("Israel’s “field-tested” $5.7-million-dollar contract, U.S. aid") == 6
