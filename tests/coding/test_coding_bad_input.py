"""Bad sheets: one clear line naming the file and the problem, exit 2, nothing written."""
from __future__ import annotations

import csv

import pytest

from analysis.coding import read_sheet
from analysis.coding.cli import main

from coding_helpers import read_rows, write_rows


@pytest.fixture(scope="module")
def sheet(report_path, tmp_path_factory):
    """A good sheet of the seed with two coders and a few coded cells."""
    out = tmp_path_factory.mktemp("good") / "good.csv"
    assert main(["export", str(report_path), "--out", str(out), "--coders", "A,B"]) == 0
    header, rows = read_rows(out)
    for row in rows[:5]:
        row["coder_A"] = row["tool_label"]
    rows[0]["coder_B"] = rows[0]["allowed"].split("|")[-1]
    return write_rows(out, header, rows)


def broken(sheet, tmp_path, edit) -> str:
    header, rows = read_rows(sheet)
    header = edit(header, rows) or header
    return str(write_rows(tmp_path / "bad.csv", header, rows))


def fails(capsys, tmp_path, path, reason):
    """``score`` and ``apply`` both refuse the sheet with one line naming it, and write nothing."""
    capsys.readouterr()
    assert main(["score", path]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"analysis coding: {path}: ") and err.count("\n") == 1, err
    assert reason in err, err
    target = tmp_path / "corrections.json"
    assert main(["apply", path, "--coder", "A", "--out", str(target)]) == 2
    assert reason in capsys.readouterr().err
    assert not target.exists()


def test_the_good_sheet_passes(sheet, tmp_path, capsys):
    assert main(["score", str(sheet)]) == 0
    assert main(["apply", str(sheet), "--coder", "A", "--out", str(tmp_path / "c.json")]) == 0


def unknown_column(header, rows):
    for r in rows:
        r["remarks"] = "x"
    return header + ["remarks"]


def duplicate_row(header, rows):
    rows.append(dict(rows[3]))


def label_outside(header, rows):
    rows[2]["coder_B"] = "sarcasm"


def other_version(header, rows):
    rows[4]["tool_version"] = "9.9.9"


def other_format(header, rows):
    for r in rows:
        r["sheet_format"] = "analysis-coding/0"


def moved_span(header, rows):
    rows[1]["start"] = str(int(rows[1]["start"]) + 1)


def other_article(header, rows):
    rows[1]["article_sha256"] = "0" * 64


def no_coder(header, rows):
    for r in rows:
        del r["coder_A"], r["coder_B"]
    return [h for h in header if not h.startswith("coder_")]


def missing_column(header, rows):
    for r in rows:
        del r["allowed"]
    return [h for h in header if h != "allowed"]


def edited_tool_label(header, rows):
    row = next(r for r in rows if r["kind"] == "quote")
    row["tool_label"] = "sarcasm"


@pytest.mark.parametrize("edit, reason", [
    (unknown_column, "unknown column 'remarks'"),
    (duplicate_row, "duplicate item row (first on line 5)"),
    (label_outside, "coder_B label 'sarcasm' is not in allowed"),
    (other_version, "made from reports of analysis 9.9.9, this is analysis"),
    (other_format, "sheet format 'analysis-coding/0'"),
    (moved_span, "item_id does not match"),
    (other_article, "item_id does not match"),
    (no_coder, "no coder column"),
    (missing_column, "missing column allowed"),
    (edited_tool_label, "tool_label 'sarcasm' is not in allowed"),
])
def test_bad_sheets_are_refused(sheet, tmp_path, capsys, edit, reason):
    fails(capsys, tmp_path, broken(sheet, tmp_path, edit), reason)


def test_every_problem_is_counted_and_the_first_named(sheet, tmp_path, capsys):
    def two(header, rows):
        rows[2]["coder_B"] = "sarcasm"
        rows[6]["coder_A"] = "irony"

    fails(capsys, tmp_path, broken(sheet, tmp_path, two), "'sarcasm' is not in allowed")
    assert main(["score", broken(sheet, tmp_path, two)]) == 2
    assert "(and 1 more problem)" in capsys.readouterr().err


@pytest.mark.parametrize("content, reason", [
    ("", "empty file"),
    ("a,b\n1,2\n", "not a coding sheet (no sheet_format column)"),
    (b"\xff\xfe\x00x", "not UTF-8 text"),
])
def test_what_is_not_a_sheet_is_refused(tmp_path, capsys, content, reason):
    path = tmp_path / "x.csv"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    fails(capsys, tmp_path, str(path), reason)


def test_a_missing_sheet_is_named(tmp_path, capsys):
    fails(capsys, tmp_path, str(tmp_path / "absent.csv"), "cannot read")


def test_labels_match_without_regard_to_case_and_spaces(sheet, tmp_path, capsys):
    def shout(header, rows):
        rows[0]["coder_A"] = f"  {rows[0]['tool_label'].upper()} "

    path = broken(sheet, tmp_path, shout)
    first = read_sheet(path).rows[0]
    assert first.labels["coder_A"] == first.item.tool_label  # the canonical spelling


def test_offsets_a_spreadsheet_wrote_as_decimals_are_read(sheet, tmp_path):
    def decimals(header, rows):
        for r in rows:
            r["start"], r["end"] = r["start"] + ".0", r["end"] + ".0"

    assert [r.item for r in read_sheet(broken(sheet, tmp_path, decimals)).rows] == [r.item for r in read_sheet(sheet).rows]


def test_a_sheet_saved_by_a_spreadsheet_with_semicolons_and_a_bom_is_read(sheet, tmp_path):
    header, rows = read_rows(sheet)
    path = tmp_path / "excel.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, delimiter=";", lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
    assert read_sheet(path).rows == read_sheet(sheet).rows


def test_an_unknown_coder_is_refused(sheet, tmp_path, capsys):
    target = tmp_path / "c.json"
    assert main(["apply", str(sheet), "--coder", "zed", "--out", str(target)]) == 2
    assert "no coder 'zed' in the sheet (its coders: coder_A, coder_B)" in capsys.readouterr().err
    assert not target.exists()


def test_apply_does_not_overwrite(sheet, tmp_path, capsys):
    target = tmp_path / "c.json"
    target.write_text("keep", encoding="utf-8")
    assert main(["apply", str(sheet), "--coder", "A", "--out", str(target)]) == 2
    assert target.read_text(encoding="utf-8") == "keep"


def test_usage_errors_exit_2(capsys):
    assert main([]) == 2
    assert main(["score"]) == 2
    assert main(["apply", "x.csv"]) == 2  # --coder and --out are required
    assert main(["--help"]) == 0
