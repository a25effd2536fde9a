"""Recounting the label-dependent metrics from a report's items (analysis/report/recount.py)."""
from __future__ import annotations

import copy

import pytest

from analysis.report.recount import recount, recount_sources, recount_talked_about


def test_the_tool_s_report_is_recounted_exactly(seed_report):
    found = recount(seed_report)
    assert len(found) == 40  # quotes 6, attributions 6, devices 7 x 4
    assert {k: seed_report["metrics"][k] for k in found} == found
    assert recount_sources(seed_report) == seed_report["sources"]
    assert recount_talked_about(seed_report) == seed_report["talked_about"]


def test_rejected_items_are_not_counted(seed_report):
    report = copy.deepcopy(seed_report)
    body_words = report["metrics"]["body_words"]
    report["unsourced_claims"][0]["rejected"] = True
    hedge = report["framing"]["devices"]["hedge"][0]
    assert hedge["voice"] == "writer"
    hedge["rejected"] = True
    found = recount(report)
    assert found["unsourced_claims"] == seed_report["metrics"]["unsourced_claims"] - 1
    hedges = round(seed_report["metrics"]["hedge_per_1k_writer"] * body_words / 1000)
    assert found["hedge_per_1k_writer"] == pytest.approx(1000 * (hedges - 1) / body_words, abs=1e-6)


def test_relabelled_items_move_between_counts(seed_report):
    report = copy.deepcopy(seed_report)
    scare = next(q for q in report["quotes"] if q["kind"] == "scare")
    scare["kind"] = "partial"
    person = next(a for a in report["attributions"] if a["source_type"] == "person")
    name = person["source"]
    for a in report["attributions"]:
        if a["source"] == name:
            a["source_type"], a["cue_class"] = "anonymous", "doubt"
    found = recount(report)
    before = seed_report["metrics"]
    assert (found["quotes_scare"], found["quotes_partial"]) == (before["quotes_scare"] - 1, before["quotes_partial"] + 1)
    assert found["scare_quotes_per_1k"] < before["scare_quotes_per_1k"]
    assert found["anonymous_attributions"] == sum(a["source"] == name for a in report["attributions"])
    assert found["named_sources"] == before["named_sources"] - 1
    assert found["loaded_cue_share"] > before["loaded_cue_share"]
    speaker = next(r for r in recount_sources(report) if r["source"] == name)
    assert speaker["source_type"] == "anonymous" and speaker["cue_classes"].get("doubt")
