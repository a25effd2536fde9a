"""Corrections applied to a report: the labels set, the tool's kept, the vanished spans reported."""
from __future__ import annotations

import copy
import json

import pytest

from analysis.coding import (CodingError, Correction, apply_corrections, corrections_for_article, corrections_json,
                             load_corrections)


def correction(report, kind, field, start, end, tool_label, label):
    return Correction(report["input"]["sha256"], kind, field, start, end, tool_label, label, "coder_1")


def test_a_quote_kind_and_an_attribution_are_set_and_marked(report):
    q = report["quotes"][1]
    a = report["attributions"][0]
    extent = (min(s[0] for s in [a["source_span"], a["cue_span"], *a["content_spans"]]),
              max(s[1] for s in [a["source_span"], a["cue_span"], *a["content_spans"]]))
    fixes = [correction(report, "quote", "quote_kind", q["start"], q["end"], q["kind"], "partial"),
             correction(report, "attribution", "cue_class", *extent, a["cue_class"], "doubt"),
             correction(report, "attribution", "source", *extent, a["source"], "other")]
    new, unmatched = apply_corrections(report, fixes)
    assert unmatched == []
    assert new["quotes"][1] == {**q, "kind": "partial", "corrected": True, "tool_labels": {"kind": q["kind"]}}
    assert new["attributions"][0] == {**a, "cue_class": "doubt", "source": None, "corrected": True, "unlisted": True,
                                      "tool_labels": {"cue_class": a["cue_class"], "source": a["source"]}}
    untouched = {k: v for k, v in new.items() if k not in ("quotes", "attributions")}
    assert untouched == {k: v for k, v in report.items() if k not in ("quotes", "attributions")}


def test_a_span_that_no_longer_exists_is_returned_not_applied(report):
    q = report["quotes"][0]
    gone = correction(report, "quote", "quote_kind", q["start"] + 1, q["end"], "scare", "direct")
    wrong_kind = correction(report, "device", "device_kind", q["start"], q["end"], "booster", "none")
    new, unmatched = apply_corrections(report, [gone, wrong_kind])
    assert unmatched == [gone, wrong_kind]
    assert new == report


def test_corrections_for_another_article_are_skipped(report):
    q = report["quotes"][0]
    elsewhere = Correction("f" * 64, "quote", "quote_kind", q["start"], q["end"], "scare", "direct", "coder_1")
    new, unmatched = apply_corrections(report, [elsewhere])
    assert new == report and unmatched == []
    assert corrections_for_article([elsewhere], report["input"]["sha256"]) == []


def test_an_actor_labelled_not_an_actor_is_rejected_in_place(report):
    with_actors = copy.deepcopy(report)
    with_actors["actors"] = [{"actor": "Comments This", "type": "person", "aliases": [],
                              "mentions": [{"start": 10, "end": 20, "text": "x"}]}]
    new, _ = apply_corrections(with_actors, [correction(report, "actor", "actor_type", 10, 20, "person", "not_an_actor")])
    assert new["actors"][0] == {**with_actors["actors"][0], "corrected": True, "rejected": True,
                                "tool_labels": {"type": "person"}}


def test_somebody_unlisted_is_marked_even_where_the_tool_named_nobody(report):
    q = report["quotes"][0]
    assert q["speaker"] is None
    new, _ = apply_corrections(report, [correction(report, "quote", "speaker", q["start"], q["end"], "none", "other")])
    assert new["quotes"][0] == {**q, "corrected": True, "unlisted": True, "tool_labels": {"speaker": None}}


def test_a_correction_the_report_already_agrees_with_changes_nothing(report):
    q = report["quotes"][0]
    new, unmatched = apply_corrections(report, [correction(report, "quote", "quote_kind", q["start"], q["end"],
                                                           "direct", q["kind"])])
    assert new == report and unmatched == []


def test_the_corrections_document_round_trips(report, tmp_path):
    q = report["quotes"][0]
    fixes = [correction(report, "quote", "quote_kind", q["start"], q["end"], q["kind"], "title")]
    text = corrections_json(fixes)
    doc = json.loads(text)
    assert doc["schema"] == "analysis-corrections/1"
    assert doc["corrections"] == [{"article_sha256": report["input"]["sha256"], "kind": "quote",
                                   "field": "quote_kind", "start": q["start"], "end": q["end"],
                                   "tool_label": q["kind"], "label": "title", "coder": "coder_1"}]
    path = tmp_path / "c.json"
    path.write_text(text, encoding="utf-8")
    assert load_corrections(path) == load_corrections(text) == load_corrections(doc) == fixes
    assert apply_corrections(report, doc) == apply_corrections(report, fixes)


@pytest.mark.parametrize("doc, reason", [
    ({"schema": "other/1", "corrections": []}, "not a corrections file"),
    ({"schema": "analysis-corrections/1", "corrections": [{"kind": "quote"}]}, "needs the keys"),
    ({"schema": "analysis-corrections/1", "corrections": [
        {"article_sha256": "a", "kind": "device", "field": "device_kind", "start": 1, "end": 2,
         "tool_label": "hedge", "label": "sarcasm", "coder": "c"}]}, "not a device_kind label"),
    ({"schema": "analysis-corrections/1", "corrections": [
        {"article_sha256": "a", "kind": "quote", "field": "colour", "start": 1, "end": 2,
         "tool_label": "x", "label": "y", "coder": "c"}]}, "unknown kind and field"),
])
def test_bad_corrections_are_refused(report, doc, reason):
    with pytest.raises(CodingError, match=reason):
        apply_corrections(report, doc)
