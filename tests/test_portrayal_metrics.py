"""The portrayal metrics of the report (``analysis.report.metrics.portrayal_metrics``): harm
events, the writer's harm with a named agent, agentless harm."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from analysis.config import shared_dir
from analysis.read.reader import parse_text
from analysis.report import analyse_article
from analysis.report.metrics import harm_events, portrayal_metrics

HARM = ("harm_events", "harm_events_writer", "harm_named_agent_share_writer", "harm_agentless_share")


def _report(body: str) -> dict:
    return json.loads(analyse_article(parse_text("A Headline Here\n\n" + body)).to_json())


def _harm(report: dict) -> dict:
    return {k: report["metrics"][k] for k in HARM}


@pytest.mark.parametrize("body, expected", [
    # a named doer (a country of the actors section)
    ("Turkey jailed the reporters last year.", (1, 1, 1.0, 0.0)),
    # a possessor of a nominalisation is the doer
    ("Turkey's crackdown on reporters widened.", (1, 1, 1.0, 0.0)),
    # a doer named by a common noun only: not named, not agentless
    ("Police arrested the journalists in Ankara on Monday.", (1, 1, 0.0, 0.0)),
    # passive without a by-agent: agentless
    ("The journalists were arrested in Ankara on Monday.", (1, 1, 0.0, 1.0)),
    # one named, one common-noun doer
    ("Turkey jailed the reporters last year. Rebels killed two soldiers.", (2, 2, 0.5, 0.0)),
    # no harm at all: zero denominators give 0
    ("The committee will meet again in Geneva on Tuesday.", (0, 0, 0.0, 0.0)),
])
def test_harm_metrics_of_one_sentence_articles(body, expected):
    assert tuple(_harm(_report(body)).values()) == expected


def _event(verb, effect, start, end, *, voice="writer", sentence=1, relation=None):
    relation = relation or ("subject" if effect == "harm_done" else "object")
    return {"verb": verb, "relation": relation, "effect": effect, "voice": voice, "start": start, "end": end,
            "sentence": sentence, "enabled": "", "link": ""}


def _portrayal(*actors):
    return {"actors": [{"actor": name, "type": "group", "events": list(events)} for name, events in actors]}


def test_two_predicates_with_one_verb_in_one_sentence_are_two_events():
    # "Police killed protesters, and soldiers killed reporters." (0-based offsets)
    text = "Police killed protesters, and soldiers killed reporters."
    at = {w: text.index(w) for w in ("Police", "protesters", "soldiers", "reporters")}
    kill1, kill2 = text.index("killed"), text.rindex("killed")
    portrayal = _portrayal(
        ("police", [_event("kill", "harm_done", at["Police"], kill1 + 6)]),
        ("protesters", [_event("kill", "harm_suffered", kill1, at["protesters"] + 10)]),
        ("soldiers", [_event("kill", "harm_done", at["soldiers"], kill2 + 6)]),
        ("reporters", [_event("kill", "harm_suffered", kill2, at["reporters"] + 9)]))
    events = harm_events(portrayal)
    assert [(h["agents"], h["patients"]) for h in events] == [(["police"], ["protesters"]), (["soldiers"], ["reporters"])]


def test_voices_are_counted_apart_and_enabling_is_no_harm_event():
    portrayal = _portrayal(
        ("Israel", [_event("help", "enables_harm", 0, 20, relation="enabler")]),
        ("journalists", [_event("spy", "harm_suffered", 30, 50),
                         _event("spy", "harm_suffered", 60, 80, voice="attributed", sentence=2)]),
        ("Mexico", [_event("spy", "harm_done", 25, 35)]))
    metrics = portrayal_metrics(portrayal, [{"actor": "Israel"}, {"actor": "Mexico"}])
    assert metrics == {"harm_events": 2, "harm_events_writer": 1, "harm_named_agent_share_writer": 1.0,
                       "harm_agentless_share": 0.5}
    # Mexico unnamed (not in the actors section): the same harm has an agent, not a named one
    assert portrayal_metrics(portrayal, [{"actor": "Israel"}])["harm_named_agent_share_writer"] == 0.0


def test_without_the_parse_the_harm_metrics_are_zero():
    report = json.loads(analyse_article(parse_text("Headline\n\nThe journalists were arrested."), actors=False).to_json())
    assert report["portrayal"] == {} and _harm(report) == dict.fromkeys(HARM, 0)


def test_the_seed_report_holds_the_harm_metrics_and_passes_the_schema_check(seed_report, tmp_path):
    metrics = _harm(seed_report)
    assert metrics == portrayal_metrics(seed_report["portrayal"], seed_report["actors"])
    assert metrics["harm_events"] >= metrics["harm_events_writer"] > 0
    assert 0 <= metrics["harm_named_agent_share_writer"] <= 1 and 0 <= metrics["harm_agentless_share"] <= 1
    root = shared_dir()
    if root is None or not (root / "tools" / "check-report").is_file():
        pytest.skip("the shared check-report tool is absent")
    path = tmp_path / "report.json"
    path.write_text(json.dumps(seed_report, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run([sys.executable, str(root / "tools" / "check-report"), str(path)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_compare_shows_the_harm_metrics_but_places_no_article_on_them(tmp_path, monkeypatch):
    from test_corpus import write_articles

    from analysis.corpus.compare import compare_result
    from analysis.corpus.run import metric_columns

    assert not set(HARM) & set(metric_columns())  # the corpus is analysed without the parse
    monkeypatch.setenv("ANALYSIS_CACHE", str(tmp_path / "cache"))
    corpus = write_articles(tmp_path / "corpus")
    given = tmp_path / "given.txt"
    given.write_text("A Headline Here\n\nTurkey jailed the reporters last year. The editors were arrested.\n", encoding="utf-8")
    result = compare_result([given], corpus=corpus, jobs=1, resamples=50)
    (row,) = result.metrics.rows
    assert {k: row.metrics[k] for k in HARM} == {"harm_events": 2, "harm_events_writer": 2,
                                                 "harm_named_agent_share_writer": 0.5, "harm_agentless_share": 0.5}
    placed = {p.metric for p in result.percentiles.rows}
    assert "tone_mean" in placed and not set(HARM) & placed
