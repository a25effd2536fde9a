"""Tests for analysis/measures/sentiment/targets.py: the API contract, determinism, hand-written
news sentences whose target polarity differs from the sentence's tone, the shipped weights.
The macro-F1 floor on NewsMTSC dev-rw is checked by ``make validate`` (``validation/floors.json``)."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest

from analysis.lexicon import load_model
from analysis.measures.sentiment.targets import LABELS, TargetSentiment, score_target, score_targets


ATTACK = "Rivera said the governor's plan was reckless and dangerous."
REPORT = "Officials said the suspect, who killed three people, was arrested on Friday."


def span(text: str, mention: str) -> tuple[str, int, int]:
    start = text.index(mention)
    return text, start, start + len(mention)


# Written for these tests, not taken from NewsMTSC: in each, the polarity toward the target
# differs from the sentence's tone (VADER's sentence compound in the comment).
CASES = [
    # -0.84: reporting a grim event does not cast the speaker negatively
    ("The minister told reporters that the attack was a cowardly act of terror.",
     "The minister", "neutral"),
    # -0.83
    ("The governor said the floods had destroyed hundreds of homes and killed 12 people.",
     "The governor", "neutral"),
    # -0.74: a sad sentence about an admired man
    ("The senator, a tireless advocate for veterans, died on Tuesday after a long illness.",
     "The senator", "positive"),
    # -0.83
    ("Lee, a respected diplomat, condemned the bombing as a horrific crime.",
     "Lee", "positive"),
    # +0.27: good news for investors, bad for the one who goes
    ("Investors cheered the resignation of the scandal-plagued chief executive.",
     "chief executive", "negative"),
    # -0.05
    ("The charity's founder was honored for decades of work helping victims of war and famine.",
     "The charity's founder", "positive"),
    # 0.00
    ("The prime minister thanked the soldiers who fought bravely in the war.",
     "the soldiers", "positive"),
]


@pytest.mark.parametrize("text, mention, expected", CASES)
def test_polarity_toward_the_target(text, mention, expected):
    assert score_target(*span(text, mention)).label == expected


@pytest.mark.parametrize(
    "text, first, second",
    [
        (ATTACK, ("Rivera", "neutral"), ("governor", "negative")),
        (REPORT, ("Officials", "neutral"), ("the suspect", "negative")),
    ],
)
def test_two_targets_of_one_sentence_differ(text, first, second):
    results = score_targets([span(text, first[0]), span(text, second[0])])
    assert [r.label for r in results] == [first[1], second[1]]


def test_result_is_a_mapping_of_label_and_probabilities():
    result = score_target(*span(ATTACK, "governor"))
    assert isinstance(result, TargetSentiment)
    assert list(result) == ["label", "probabilities"] and len(result) == 2
    assert dict(result) == {"label": result.label, "probabilities": result.probabilities}
    with pytest.raises(KeyError):
        result["evidence"]
    assert set(result["probabilities"]) == set(LABELS)
    assert math.isclose(sum(result.probabilities.values()), 1.0, abs_tol=1e-9)
    assert all(round(p, 4) == p for p in result.probabilities.values())
    assert result.label == max(result.probabilities, key=result.probabilities.get)


def test_evidence_names_the_words_that_weighed():
    evidence = score_target(*span(ATTACK, "governor")).evidence
    assert 1 <= len(evidence) <= 5
    assert all(isinstance(name, str) and isinstance(weight, float) for name, weight in evidence)
    assert any("reckless" in name for name, _ in evidence)
    weights = [abs(w) for _, w in evidence]
    assert weights == sorted(weights, reverse=True)


@pytest.mark.parametrize("start, end", [(-1, 5), (0, 0), (5, 3), (0, 999), (6, 7), (0.0, 6)])
def test_bad_spans_raise(start, end):
    with pytest.raises(ValueError):
        score_target(ATTACK, start, end)  # (6, 7) is the space after "Rivera"


def test_same_input_same_output_alone_and_in_batch():
    items = [span(ATTACK, "Rivera"), span(REPORT, "the suspect"), span(ATTACK, "governor")]
    alone = [score_target(*item) for item in items]
    assert alone == [score_target(*item) for item in items]
    assert repr(score_targets(items)) == repr(alone)


def test_import_pulls_in_no_heavy_library():
    heavy = "{'numpy', 'sklearn', 'nltk', 'scipy'}"
    code = f"import sys, analysis.measures.sentiment.targets; print(sorted({heavy} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_shipped_weights_load_with_provenance_and_no_sentences():
    model = load_model("target_sentiment")
    provenance = model["provenance"]
    for key in (
        "data",
        "data_licence",
        "training_command",
        "sklearn_version",
        "date",
        "cv_macro_f1",
        "dev_scores",
    ):
        assert provenance[key]
    assert model["classes"] == list(LABELS)
    assert len(model["intercept"]) == 3
    assert all(len(row) == 4 for row in model["terms"].values())  # idf and three weights
    assert max(len(term.split(":", 1)[1].split()) for term in model["terms"]) <= 2  # words, pairs
