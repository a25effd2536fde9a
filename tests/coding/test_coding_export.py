"""``analysis coding export``: a stratified, reproducible sample in one CSV with the version columns."""
from __future__ import annotations

import copy
import json
from collections import Counter
from pathlib import Path

import pytest

from analysis import __version__
from analysis.coding import read_sheet, report_items
from analysis.coding.cli import main
from analysis.coding.sheet import COLUMNS, SHEET_FORMAT

from coding_helpers import read_rows


@pytest.fixture(scope="module")
def two_reports(report, tmp_path_factory):
    """The seed's report and a second one standing for another article (another hash and name)."""
    folder = tmp_path_factory.mktemp("two")
    other = copy.deepcopy(report)
    other["input"].update(sha256="ab" * 32, path="other/article_two.txt")
    paths = [folder / "seed.json", folder / "two.json"]
    paths[0].write_text(json.dumps(report), encoding="utf-8")
    paths[1].write_text(json.dumps(other), encoding="utf-8")
    return paths


def export(tmp_path, name, inputs, *options) -> tuple[list[str], list[dict], bytes]:
    out = tmp_path / name
    assert main(["export", *map(str, inputs), "--out", str(out), *options]) == 0
    header, rows = read_rows(out)
    return header, rows, out.read_bytes()


def test_columns_version_and_one_coder_by_default(tmp_path, report_path):
    header, rows, _ = export(tmp_path, "s.csv", [report_path])
    assert header == ["item_id", "article", "kind", "field", "text", "context", "tool_label", "allowed", "coder_1",
                      "start", "end", "article_sha256", "tool_version", "sheet_format"]
    assert set(COLUMNS) < set(header)
    assert {r["sheet_format"] for r in rows} == {SHEET_FORMAT} and {r["tool_version"] for r in rows} == {__version__}
    assert {r["coder_1"] for r in rows} == {""}
    assert len(rows) == len(report_items(report_path))  # no --sample: every item


def test_named_coders_get_one_empty_column_each(tmp_path, report_path):
    header, rows, _ = export(tmp_path, "s.csv", [report_path], "--coders", "ana,ben")
    assert [h for h in header if h.startswith("coder_")] == ["coder_ana", "coder_ben"]


def test_sample_is_stratified_by_kind_and_field(tmp_path, two_reports):
    items = report_items(two_reports[0]) + report_items(two_reports[1])
    available = Counter((it.kind, it.field) for it in items)
    _, rows, _ = export(tmp_path, "s.csv", two_reports, "--sample", "4", "--seed", "7")
    drawn = Counter((r["kind"], r["field"]) for r in rows)
    assert drawn == {key: min(4, n) for key, n in available.items()}
    assert len({r["item_id"] for r in rows}) == len(rows)
    assert {r["article"] for r in rows} == {"000_8b45763ab15ca29f", "article_two"}


def test_sample_is_reproducible_and_does_not_depend_on_input_order(tmp_path, two_reports):
    one = export(tmp_path, "a.csv", two_reports, "--sample", "3", "--seed", "5")[2]
    two = export(tmp_path, "b.csv", list(reversed(two_reports)), "--sample", "3", "--seed", "5")[2]
    other = export(tmp_path, "c.csv", two_reports, "--sample", "3", "--seed", "6")[2]
    assert one == two
    assert one != other


def test_an_exported_sheet_reads_back(tmp_path, report_path):
    export(tmp_path, "s.csv", [report_path], "--coders", "A,B")
    sheet = read_sheet(tmp_path / "s.csv")
    assert sheet.coders == ("coder_A", "coder_B") and sheet.coded_cells == 0
    assert {r.item for r in sheet.rows} == set(report_items(report_path))


def test_an_existing_file_is_not_overwritten_without_force(tmp_path, report_path, capsys):
    out = tmp_path / "s.csv"
    out.write_text("hours of coding", encoding="utf-8")
    assert main(["export", str(report_path), "--out", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "hours of coding"
    assert capsys.readouterr().err.strip() == f"analysis coding: {out}: exists; not overwritten " \
                                               "(choose another name, or --force to replace it)"
    assert main(["export", str(report_path), "--out", str(out), "--force"]) == 0
    assert out.read_text(encoding="utf-8").startswith("item_id,")


def test_an_article_file_is_analysed(tmp_path, report_path):
    seed = Path(__file__).resolve().parents[2] / "seeds" / "000_8b45763ab15ca29f.txt"
    _, from_article, _ = export(tmp_path, "a.csv", [seed], "--sample", "2")
    _, from_report, _ = export(tmp_path, "r.csv", [report_path], "--sample", "2")
    assert [r["item_id"] for r in from_article] == [r["item_id"] for r in from_report]


@pytest.mark.parametrize("change, reason", [
    (lambda r: r["generator"].update(version="0.0.1"), "report made by analysis 0.0.1, this is analysis"),
    (lambda r: r.update(schema="something/1"), "not an analysis report"),
])
def test_reports_it_cannot_use_are_refused(tmp_path, report, capsys, change, reason):
    bad = copy.deepcopy(report)
    change(bad)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    out = tmp_path / "s.csv"
    assert main(["export", str(path), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"analysis coding: {path}: ") and reason in err and err.count("\n") == 1
    assert not out.exists()


def test_the_same_article_twice_is_refused(tmp_path, report_path, capsys):
    out = tmp_path / "s.csv"
    assert main(["export", str(report_path), str(report_path), "--out", str(out)]) == 2
    assert "the same article as" in capsys.readouterr().err and not out.exists()


@pytest.mark.parametrize("options", [["--sample", "0"], ["--coders", "A,A"], ["--coders", "A,"]])
def test_bad_options_are_usage_errors(tmp_path, report_path, capsys, options):
    out = tmp_path / "s.csv"
    assert main(["export", str(report_path), "--out", str(out), *options]) == 2
    assert capsys.readouterr().err.startswith("analysis coding: --") and not out.exists()
