"""The codable items of a report: what is listed, with which labels, spans and ids."""
from __future__ import annotations

import copy
import json
from collections import Counter

import pytest

from analysis.coding import CodingError, report_items
from analysis.coding.items import make_item_id


def test_the_same_items_from_a_path_json_text_or_a_dict(report, report_json, report_path):
    assert report_items(report) == report_items(report_json) == report_items(str(report_path)) \
        == report_items(report_path)


def test_one_item_per_span_and_field(report):
    items = report_items(report)
    counts = Counter((it.kind, it.field) for it in items)
    n_devices = sum(len(v) for v in report["framing"]["devices"].values())
    names = {a["actor"] for a in report["actors"]}
    portrayed = [p for p in report["portrayal"]["actors"] if p["actor"] in names]
    assert counts == {("quote", "quote_kind"): len(report["quotes"]), ("quote", "speaker"): len(report["quotes"]),
                      ("attribution", "source_type"): len(report["attributions"]),
                      ("attribution", "cue_class"): len(report["attributions"]),
                      ("attribution", "source"): len(report["attributions"]),
                      ("claim", "unsourced_claim"): len(report["unsourced_claims"]),
                      ("device", "device_kind"): n_devices,
                      ("actor", "actor_type"): len(report["actors"]),
                      ("actor", "role"): len(portrayed)}
    assert report["actors"] and portrayed, "the seed's report has actors and portrayal roles"


def test_labels_spans_and_context_come_from_the_report(report):
    text = report["article"]["text"]
    items = report_items(report)
    assert len({it.item_id for it in items}) == len(items)
    for it in items:
        assert it.tool_label in it.allowed
        assert it.text == " ".join(text[it.start:it.end].split())
        assert it.text in it.context
        assert it.article == "000_8b45763ab15ca29f" and it.article_sha256 == report["input"]["sha256"]
    first = report["quotes"][0]
    kind = next(it for it in items if it.field == "quote_kind" and it.start == first["start"])
    assert kind.tool_label == first["kind"] and kind.allowed == ("direct", "partial", "scare", "title", "other")
    speaker = next(it for it in items if it.field == "speaker" and it.tool_label != "none")
    assert speaker.tool_label == "Enrique Peña Nieto" and {"none", "other"} <= set(speaker.allowed)
    assert {it.tool_label for it in items if it.kind == "claim"} == {"yes"}
    a = report["attributions"][0]
    attribution = next(it for it in items if it.kind == "attribution")
    spans = [a["source_span"], a["cue_span"], *a["content_spans"]]
    assert (attribution.start, attribution.end) == (min(s[0] for s in spans), max(s[1] for s in spans))


def test_ids_do_not_depend_on_the_order_of_the_report(report):
    shuffled = copy.deepcopy(report)
    shuffled["quotes"].reverse()
    shuffled["attributions"].reverse()
    shuffled["framing"]["devices"] = dict(reversed(list(shuffled["framing"]["devices"].items())))
    assert {it.item_id: it for it in report_items(shuffled)} == {it.item_id: it for it in report_items(report)}


def test_item_id_names_hash_kind_offsets_and_field(report):
    q = report["quotes"][0]
    it = next(it for it in report_items(report) if it.field == "quote_kind" and it.start == q["start"])
    assert it.item_id == make_item_id(report["input"]["sha256"], "quote", q["start"], q["end"], "quote_kind")
    assert it.item_id == f"{report['input']['sha256'][:12]}:quote:{q['start']}-{q['end']}:quote_kind"


def test_actors_and_roles_when_the_report_has_them(report):
    with_actors = copy.deepcopy(report)
    text = report["article"]["text"]
    first, second = text.index("Mexico"), text.index("Mexico", text.index("Mexico") + 1)
    with_actors["actors"] = [{"actor": "Mexico", "type": "country", "aliases": [],
                              "mentions": [{"start": second, "end": second + 6, "text": "Mexico"},
                                           {"start": first, "end": first + 6, "text": "Mexico"}]},
                             {"actor": "Nobody", "type": "person", "aliases": [], "mentions": []}]
    with_actors["portrayal"] = {"actors": [{"actor": "Mexico", "type": "country", "role": "victim", "events": []}]}
    actors = [it for it in report_items(with_actors) if it.kind == "actor"]
    assert [(it.field, it.start, it.end, it.tool_label) for it in actors] == [
        ("actor_type", first, first + 6, "country"), ("role", first, first + 6, "victim")]
    assert "not_an_actor" in actors[0].allowed


def test_two_items_over_one_extent_get_distinct_ids(report):
    doubled = copy.deepcopy(report)
    doubled["attributions"].append(copy.deepcopy(doubled["attributions"][0]))
    ids = [it.item_id for it in report_items(doubled)]
    assert len(ids) == len(set(ids)) and any(i.endswith("~2") for i in ids)


@pytest.mark.parametrize("source, reason", [
    ('{"schema": "other"}', "not an analysis report"),
    ("{not json", "not JSON"),
    ('{"schema": "analysis-report/1", "input": {"sha256": "ab"}}', "no article.text"),
])
def test_what_is_not_a_report_is_refused(source, reason):
    with pytest.raises(CodingError, match=reason):
        report_items(source)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(CodingError) as err:
        report_items(tmp_path / "absent.json")
    assert str(err.value).startswith(str(tmp_path / "absent.json") + ": cannot read")


def test_a_malformed_report_is_named_not_a_traceback(report, tmp_path):
    bad = copy.deepcopy(report)
    del bad["quotes"][0]["start"]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(CodingError) as err:
        report_items(path)
    assert str(err.value).startswith(f"{path}: malformed report (KeyError")
