"""Pieces of the parse (analysis/nlp/parse.py) that need no model."""
from analysis.nlp.parse import pieces


def test_long_sentences_are_cut_at_white_space_into_bounded_pieces():
    text = ("word " * 3000).strip()
    cut = pieces(text, [(0, len(text))], max_chars=1000)
    assert all(end - start <= 1000 for start, end in cut)
    assert cut[0][0] == 0 and cut[-1][1] == len(text)
    assert all(text[s] != " " for s, _ in cut)  # each piece starts on a word
    assert "".join(text[s:e] for s, e in cut).replace(" ", "") == text.replace(" ", "")


def test_text_without_spaces_is_cut_hard():
    text = "x" * 2500
    assert pieces(text, [(0, 2500)], max_chars=1000) == [(0, 1000), (1000, 2000), (2000, 2500)]


def test_short_sentences_pass_unchanged():
    assert pieces("One. Two.", [(0, 4), (5, 9)]) == [(0, 4), (5, 9)]
