"""The public entry points of ``analysis`` (its ``_EXPORTS``): ``score_tone``."""
from __future__ import annotations

import analysis
from analysis.measures.sentiment import news_tone


def test_score_tone_is_exported_and_is_the_news_tone_model():
    assert "score_tone" in analysis.__all__
    assert analysis.score_tone is news_tone.score_tone


def test_score_tone_gives_one_score_per_text_in_order_on_the_raters_scale():
    texts = ["Soldiers tortured the prisoners and burned their homes.",
             "The volunteers rescued the stranded children, and the town thanked them warmly.",
             "The committee will meet again on Tuesday."]
    scores = analysis.score_tone(texts)
    assert len(scores) == 3 and all(isinstance(s, float) for s in scores)
    assert scores[0] < -0.5 < 0.5 < scores[1]
    assert abs(scores[2]) < 0.5
    assert all(-4.5 < s < 4.5 for s in scores)
    assert analysis.score_tone(texts[::-1]) == scores[::-1]


def test_score_tone_of_no_texts_is_empty():
    assert analysis.score_tone([]) == []


def test_the_package_docstring_states_the_scale():
    doc = " ".join(analysis.__doc__.split())
    assert "score_tone" in doc and "-4" in doc and "+4" in doc
