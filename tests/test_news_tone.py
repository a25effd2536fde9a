"""The news tone model: scored in pure Python exactly as trained, deterministic, plain data."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis.measures.sentiment import news_tone, news_tone_features
from analysis.measures.sentiment.news_tone import featurize, score_tone
from analysis.measures.sentiment.news_tone_features import char_ngrams, terms, tokens

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "analysis" / "models" / "news_tone.json"
RECORD = ROOT / "docs" / "validation" / "news_tone.json"


def test_runtime_reproduces_training_predictions():
    rows = json.loads(RECORD.read_text(encoding="utf-8"))["hard_sentences"]["rows"]
    scores = score_tone([r["text"] for r in rows])
    assert len(rows) >= 15
    for row, score in zip(rows, scores):
        assert score == pytest.approx(row["news_tone"], abs=1e-9), row["text"]


@pytest.mark.shared
def test_runtime_reproduces_training_predictions_on_dev_sentences(shared):
    expected = json.loads(RECORD.read_text(encoding="utf-8"))["reproduce"]["dev_ids"]
    path = shared / "benchmarks" / "nyt-editorial" / "nyt_editorial_dev.tsv"
    texts = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if cells[0] in expected:
            texts[cells[0]] = cells[2]
    ids = sorted(expected)
    assert len(ids) >= 5 and set(ids) == set(texts)
    for i, score in zip(ids, score_tone([texts[i] for i in ids])):
        assert score == pytest.approx(expected[i], abs=1e-9), i


def test_scores_are_deterministic_and_independent_of_the_batch():
    texts = ["The army helped the junta crush the protests.", "The volunteers rescued the children."]
    batch = score_tone(texts)
    assert batch == score_tone(texts)
    assert [score_tone([t])[0] for t in texts] == batch
    assert score_tone([]) == []


@pytest.mark.parametrize("text, sign", [
    ("The rescue was a wonderful success and everyone celebrated.", 1),
    ("The new park is beautiful and families love it.", 1),
    ("The judge praised the brave nurses for saving lives.", 1),
    ("The bombing killed dozens of children.", -1),
    ("The scandal is a disgrace and a betrayal of voters.", -1),
    ("Thousands died in the brutal war.", -1),
])
def test_sign_of_plain_sentences(text, sign):
    score = score_tone([text])[0]
    assert score * sign > 0.5, score


def test_weights_are_plain_json_with_provenance():
    raw = MODEL.read_bytes()
    assert raw.lstrip().startswith(b"{")
    model = json.loads(raw.decode("utf-8"))
    prov = model["provenance"]
    for key in ("data", "data_licence", "cv_pearson_r", "date", "training_command"):
        assert prov[key], key
    assert prov["data_licence"] == "MIT"
    assert set(model) == {"provenance", "intercept", "cues", "terms", "chars", "word_lists"}
    assert model["word_lists"]["verbs"]["crushed"][0] == "harm"
    assert all(len(v) == 3 for v in model["cues"].values())
    assert all(len(v) == 2 for v in model["terms"].values())
    assert all(len(v) == 2 for v in model["chars"].values())
    assert len(raw) < 2_000_000
    for module in (news_tone, news_tone_features):
        source = Path(module.__file__).read_text(encoding="utf-8")
        assert "pickle" not in source and "joblib" not in source


def test_enabling_harm_is_read_from_the_tokens():
    harm, help_ = featurize(["The army helped the junta crush the protests.",
                             "The army helped the villagers rebuild their homes."])
    assert harm.cues["enable_harm"] == 1 and help_.cues["enable_harm"] == 0
    assert harm.cues["cf_harm"] >= 1 and help_.cues["cf_harm"] == 0


def test_negation_scope_flips_the_valence():
    plain, negated = featurize(["The plan is good.", "The plan is not good."])
    assert plain.cues["negated_n"] == 0 and plain.cues["lex_pos_sum"] > 0
    assert negated.cues["negated_n"] == 1 and negated.cues["lex_neg_sum"] < 0


def test_contrast_keeps_the_part_after_but():
    f = featurize(["The plan sounds generous, but it will leave families homeless."])[0]
    assert f.cues["contrast"] == 1 and f.cues["contrast_before_sum"] > 0


def test_word_lists_come_from_the_model_copy():
    text = ["The army helped the junta crush the protests."]
    frozen = featurize(text)[0]
    assert frozen == featurize(text, lists=news_tone.WordLists.from_data(
        json.loads(MODEL.read_text(encoding="utf-8"))["word_lists"]))[0]
    empty = featurize(text, lists=news_tone.WordLists({}, {}))[0]
    assert empty.cues["enable_harm"] == 0 and frozen.cues["enable_harm"] == 1


def test_evidence_adds_up_to_the_score():
    text = "The army helped the junta crush the protests."
    model = news_tone._model()
    f = featurize([text])[0]
    parts = model.contributions(f)
    assert model.intercept + sum(parts.values()) == pytest.approx(score_tone([text])[0], abs=1e-9)
    explained = news_tone.explain_tone([text], top=3)[0]
    assert explained.score == score_tone([text])[0] and len(explained.evidence) == 3
    sizes = [abs(v) for _, v in explained.evidence]
    assert sizes == sorted(sizes, reverse=True)


def test_docs_must_match_the_texts():
    with pytest.raises(ValueError):
        featurize(["One sentence."], docs=[None, None])
    assert featurize(["One sentence."], docs=[None])[0] == featurize(["One sentence."])[0]


# Composed shapes, in sentences written for these tests: the same frame with a harmful and a
# helpful (or harmless) completion; the composed reading must order them.
@pytest.mark.parametrize("worse, better", [
    ("The agency helped the regime silence its critics.",
     "The agency helped the villagers rebuild their school."),
    ("Foreign advisers enabled the militia to torture prisoners.",
     "Foreign advisers enabled the farmers to irrigate their fields."),
    ("The new rules will increase deaths on the roads.",
     "The new rules will reduce deaths on the roads."),
    ("The town lacks clean water.", "The town has plenty of clean water."),
    ("The plan is not good.", "The plan is good."),
    ("The food was wonderful, but the service was appalling.",
     "The service was appalling, but the food was wonderful."),
])
def test_composed_shapes_are_ordered(worse, better):
    low, high = score_tone([worse, better])
    assert low < high, (low, high)


def test_valence_shifters_are_read_from_the_tokens():
    reduce, increase, lack = featurize(["The new rules will reduce deaths on the roads.",
                                        "The new rules will increase deaths on the roads.",
                                        "The town lacks clean water."])
    assert reduce.cues["shifted_negative"] > 0 and reduce.cues["shifted_n"] == 1
    assert increase.cues["shifted_negative"] == 0
    assert lack.cues["shifted_positive"] > 0


def test_negated_stems_are_terms_of_their_own():
    assert terms(tokens("The plan is not good.")) == ("the", "plan", "is", "not", "NOT_good")
    assert terms(tokens("Not good, but fine?")) == ("not", "NOT_good", "but", "fine", "?")


def test_induced_valence_covers_words_vader_lacks():
    lists = news_tone._model().lists
    assert "slaughtered" not in news_tone.vader_lexicon()
    assert lists.induced["slaughtered"] < -0.5
    f = featurize(["Soldiers slaughtered the villagers."])[0]
    assert f.cues["induced_neg_sum"] < -0.5
    assert score_tone(["Soldiers slaughtered the villagers."])[0] < -0.5


def test_char_ngrams_are_those_of_scikit_learn():
    from sklearn.feature_extraction.text import TfidfVectorizer

    analyse = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5)).build_analyzer()
    for text in ("The army helped the junta crush the protests.", "A  b\tcd, “Straße” I x."):
        assert list(char_ngrams(text)) == analyse(text)
