"""The report (``analysis.report``): one document per article, its declared metrics, its
section order, its bytes."""
from __future__ import annotations

import json
from pathlib import Path

from analysis.corpus.run import metric_columns
from analysis.read.reader import parse_text
from analysis.report import analyse_article, analyse_file
from analysis.report.build import SCHEMA, SECTION_ORDER
from analysis.report.metrics import METRICS, frame_share_names, markdown_table, metric_names

DOCS = Path(__file__).resolve().parent.parent / "docs" / "report.md"


def test_the_report_holds_exactly_the_declared_metrics_in_their_order(seed_report):
    assert tuple(seed_report["metrics"]) == metric_names()


def test_a_short_article_has_the_same_metric_names():
    report = analyse_article(parse_text("A Headline\n\nOfficials said the “plan” would cost $5 million."))
    assert tuple(report.metrics) == metric_names()


def test_every_metric_is_declared_once_with_a_group_and_a_meaning():
    names = [m.name for m in METRICS]
    assert len(names) == len(set(names))
    assert all(m.group and m.meaning for m in METRICS)


def test_the_docs_table_is_the_declared_list():
    assert markdown_table() in DOCS.read_text(encoding="utf-8")


def test_corpus_columns_are_the_declared_metrics_without_the_parse_and_frame_shares():
    parsed = {m.name for m in METRICS if m.needs_parse}
    assert metric_columns() == tuple(sorted({*metric_names(), *frame_share_names()} - parsed))
    assert len(frame_share_names()) == 14
    # the portrayal metrics need the parse, which corpus mode runs only with --reports
    assert parsed == {"harm_events", "harm_events_writer", "harm_named_agent_share_writer", "harm_agentless_share"}


def test_schema_and_section_order(seed_report):
    assert seed_report["schema"] == SCHEMA == "analysis-report/1"
    assert list(seed_report) == ["schema", "input", "generator", "article", *SECTION_ORDER, "metrics"]


def test_the_same_input_gives_the_same_bytes(seed_path):
    first, second = analyse_file(seed_path).to_json(), analyse_file(seed_path).to_json()
    assert first == second
    assert first.endswith("}\n") and json.loads(first)["input"]["sha256"]


def test_options_are_recorded(seed_path):
    report = json.loads(analyse_file(seed_path, actors=False).to_json())
    assert report["generator"]["options"]["actors"] is False
    assert report["sentiment"]["actors"] == []
