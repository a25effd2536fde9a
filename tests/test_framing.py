"""The framing section: frames by sentence, article and actor; devices by voice; contrast."""
from __future__ import annotations

import pytest

from analysis.read.reader import parse_text
from analysis.report import analyse_article

FRAMES_14 = {"Economic", "Capacity_and_resources", "Morality", "Fairness_and_equality",
             "Legality_Constitutionality_and_jurisprudence", "Policy_prescription_and_evaluation",
             "Crime_and_punishment", "Security_and_defense", "Health_and_safety", "Quality_of_life",
             "Cultural_identity", "Public_opinion", "Political", "External_regulation_and_reputation"}


def framing_of(text: str) -> dict:
    import json

    return json.loads(analyse_article(parse_text(text)).to_json())


def test_seed_frames(seed_report):
    fr = seed_report["framing"]
    assert set(fr["article_frames"]) <= FRAMES_14 and fr["article_frames"]
    assert fr["primary_frame"] == "Security_and_defense"
    assert sum(f["share"] for f in fr["frames"]) == pytest.approx(1, abs=1e-3)
    text = seed_report["article"]["text"]
    for s in fr["sentences"]:
        for c in s["cues"]:
            assert text[c["start"]:c["end"]] == c["text"]


def test_seed_devices_carry_voice_and_rule(seed_report):
    devices = seed_report["framing"]["devices"]
    assert set(devices) == {"hedge", "booster", "intensifier", "loaded_language", "agentless_passive",
                            "scare_quote", "rhetorical_question"}
    loaded = {d["text"] for d in devices["loaded_language"]}
    assert {"police state", "buying binge", "crusade"} <= loaded
    assert all(d["voice"] == "writer" for d in devices["loaded_language"])
    assert len(devices["scare_quote"]) == seed_report["metrics"]["quotes_scare"]
    assert all(d["rule"] for kind in devices.values() for d in kind)


def test_voice_of_a_device_follows_its_words():
    report = framing_of("Headline Here\n\nThe senator said the plan was “an absolute disaster that will crush families,” "
                        "while the writer of this piece thinks it may work.")
    loaded = report["framing"]["devices"]["loaded_language"]
    hedges = report["framing"]["devices"]["hedge"]
    assert any(d["text"].startswith("crush") and d["voice"] == "quoted" for d in loaded)
    assert any(d["text"] == "may" and d["voice"] == "writer" for d in hedges)
    assert report["metrics"]["loaded_language_per_1k_quoted"] > 0 == report["metrics"]["loaded_language_per_1k_attributed"]


def test_seed_frames_by_actor_and_contrast(seed_report):
    actors = {a["actor"]: a["frames"] for a in seed_report["framing"]["actors"]}
    assert actors["NSO Group"] and actors["Zapatistas"]
    contrast = {c["family"]: c for c in seed_report["framing"]["contrast"]}
    develop = contrast["develop"]
    assert develop["frames"] and develop["sentences"]
    assert list(develop["frames"].values()) == sorted(develop["frames"].values(), reverse=True)


def test_device_rates_are_per_1000_body_words(seed_report):
    m = seed_report["metrics"]
    body = [d for d in seed_report["framing"]["devices"]["hedge"]
            if seed_report["article"]["sentences"][_sentence(seed_report, d["start"])]["segment"] in {"body", "standfirst"}]
    assert m["hedge_per_1k"] == pytest.approx(1000 * len(body) / m["body_words"], abs=1e-4)


def _sentence(report, offset):
    return next(s["index"] for s in report["article"]["sentences"] if s["start"] <= offset < s["end"])
