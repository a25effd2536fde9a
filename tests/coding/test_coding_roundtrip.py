"""The round trip of issue 17: export a coding sheet of the seed, fill it with known labels (some
agreeing with the tool, some not, some blank), score it against kappa and alpha worked out by
hand for that table, turn one coder's labels into corrections and apply them to the report."""
from __future__ import annotations

import copy
import json
import random

import pytest

from analysis.coding import apply_corrections, load_corrections
from analysis.coding.cli import main

from coding_helpers import read_rows, write_rows

# The quote-kind table coded below: the tool's label and the two coders' (None: left blank).
# Rows are picked from the sheet by the tool's label: six quotes the tool calls scare quotes and
# the one direct quote.
TABLE = [  # tool,   coder A,   coder B
    ("scare", "scare", "scare"),
    ("scare", "scare", "scare"),
    ("scare", "scare", "partial"),
    ("scare", "partial", "partial"),
    ("scare", "scare", None),
    ("scare", None, "scare"),
    ("direct", "direct", "direct"),
]

# Cohen's kappa = (p_o - p_e) / (1 - p_e), p_e from the two marginals.
# tool vs A, A's six coded rows: tool s s s s s d, A s s s p s d; agree 5 of 6.
#   marginals tool s5 d1, A s4 p1 d1: p_e = (5*4 + 1*1) / 36 = 21/36
#   kappa = (30/36 - 21/36) / (15/36) = 9/15
KAPPA_A = 9 / 15
# tool vs B, B's six coded rows: tool s s s s s d, B s s p p s d; agree 4 of 6.
#   marginals tool s5 d1, B s3 p2 d1: p_e = (5*3 + 1*1) / 36 = 16/36
#   kappa = (24/36 - 16/36) / (20/36) = 8/20
KAPPA_B = 8 / 20
# A vs B, the five rows both coded: A s s s p d, B s s p p d; agree 4 of 5.
#   marginals A s3 p1 d1, B s2 p2 d1: p_e = (3*2 + 1*2 + 1*1) / 25 = 9/25
#   kappa = (20/25 - 9/25) / (16/25) = 11/16
KAPPA_AB = 11 / 16
# Krippendorff's alpha, nominal, tool + A + B; a unit with m values adds 1/(m-1) per ordered pair.
#   units: sss, sss, ssp, spp, ss, ss, ddd
#   coincidences: o_ss = 3 + 3 + 1 + 2 + 2 = 11, o_sp = o_ps = 1 + 1 = 2, o_pp = 1, o_dd = 3; n = 19
#   n_s = 13, n_p = 3, n_d = 3; sum over c != k of n_c n_k = 19^2 - (169 + 9 + 9) = 174
#   alpha = 1 - (n - 1) * (o_sp + o_ps) / 174 = 1 - 18 * 4 / 174 = 102/174
ALPHA = 102 / 174
# A and B alone: the units coded by both: ss, ss, sp, pp, dd (the units coded once are not pairable)
#   o_ss = 4, o_sp = o_ps = 1, o_pp = 2, o_dd = 2; n = 10; n_s = 5, n_p = 3, n_d = 2
#   sum over c != k of n_c n_k = 100 - (25 + 9 + 4) = 62; alpha = 1 - 9 * 2 / 62 = 44/62
ALPHA_AB = 44 / 62


@pytest.fixture(scope="module")
def coded(report_path, tmp_path_factory):
    """The seed's full sheet with coders A and B, filled as in TABLE, plus coder A's corrections of
    a speaker, two devices and a claim (their tool labels and spans recorded for the checks)."""
    folder = tmp_path_factory.mktemp("sheets")
    sheet = folder / "seed.csv"
    assert main(["export", str(report_path), "--out", str(sheet), "--coders", "A,B"]) == 0
    header, rows = read_rows(sheet)
    quotes = [r for r in rows if r["field"] == "quote_kind"]
    scare = [r for r in quotes if r["tool_label"] == "scare"][:6]
    direct = [r for r in quotes if r["tool_label"] == "direct"][:1]
    assert len(scare) == 6 and len(direct) == 1, "the seed's quote kinds changed: pick other rows for TABLE"
    for row, (tool, a, b) in zip(scare + direct, TABLE):
        assert row["tool_label"] == tool
        row["coder_A"], row["coder_B"] = a or "", b or ""
    extra = {}
    speaker = next(r for r in rows if r["field"] == "speaker" and r["start"] == direct[0]["start"])
    assert speaker["tool_label"] != "none"
    speaker["coder_A"] = "none"
    extra["speaker"] = speaker
    devices = [r for r in rows if r["field"] == "device_kind"]
    loaded = next(r for r in devices if r["tool_label"] == "loaded_language")
    loaded["coder_A"] = "none"
    hedge = next(r for r in devices if r["tool_label"] == "hedge")
    hedge["coder_A"] = "booster"
    agreeing = next(r for r in devices if r["tool_label"] == "intensifier")
    agreeing["coder_A"] = agreeing["coder_B"] = "intensifier"
    claim = next(r for r in rows if r["field"] == "unsourced_claim")
    claim["coder_A"] = "no"
    extra.update(loaded=loaded, hedge=hedge, claim=claim, agreeing=agreeing, quote=scare[3])
    write_rows(sheet, header, rows)
    return sheet, extra


def score(sheet, capsys) -> dict:
    capsys.readouterr()
    assert main(["score", str(sheet), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_kappa_and_alpha_equal_the_hand_computed_values(coded, capsys):
    result = score(coded[0], capsys)["fields"]["quote_kind"]
    assert result["n"] == 7  # the blank quote rows are missing, not disagreement
    assert result["coded"] == {"coder_A": 6, "coder_B": 6}
    assert result["kappa"]["coder_A"] == pytest.approx(KAPPA_A, abs=1e-6)
    assert result["kappa"]["coder_B"] == pytest.approx(KAPPA_B, abs=1e-6)
    assert result["kappa_between"]["coder_A/coder_B"] == pytest.approx(KAPPA_AB, abs=1e-6)
    assert result["alpha"] == pytest.approx(ALPHA, abs=1e-6)
    assert result["alpha_coders"] == pytest.approx(ALPHA_AB, abs=1e-6)
    assert result["agreement"]["coder_A"] == pytest.approx(5 / 6, abs=1e-6)


def test_bootstrap_interval_is_reproducible_and_holds_the_estimate(coded, capsys):
    first = score(coded[0], capsys)["fields"]["quote_kind"]
    again = score(coded[0], capsys)["fields"]["quote_kind"]
    low, high = first["kappa_interval"]["coder_A"]
    assert first["kappa_interval"] == again["kappa_interval"]
    assert -1 <= low <= KAPPA_A <= high <= 1 and low < high


def test_confusion_and_precision_recall_against_the_majority(coded, capsys):
    result = score(coded[0], capsys)["fields"]["quote_kind"]
    # majorities: s, s, tie (s/p), p, s, s, d
    assert result["majority_ties"] == 1
    labels = result["confusion"]["labels"]
    assert labels == ["direct", "partial", "scare"]  # in the order of the label set
    assert result["confusion"]["matrix"] == [[1, 0, 0], [0, 0, 0], [0, 1, 4]]
    assert result["labels"]["scare"] == {"precision": 0.8, "recall": 1.0, "tool": 5, "majority": 4}
    assert result["labels"]["partial"] == {"precision": None, "recall": 0.0, "tool": 0, "majority": 1}
    assert result["labels"]["direct"] == {"precision": 1.0, "recall": 1.0, "tool": 1, "majority": 1}


def test_only_coded_fields_are_scored(coded, capsys):
    fields = score(coded[0], capsys)["fields"]
    assert set(fields) == {"quote_kind", "speaker", "device_kind", "unsourced_claim"}
    assert fields["speaker"]["n"] == 1 and fields["speaker"]["kappa_between"] == {}
    assert fields["unsourced_claim"]["alpha_coders"] is None  # coded by one coder only


def test_text_output_names_each_field_and_figure(coded, capsys):
    capsys.readouterr()
    assert main(["score", str(coded[0])]) == 0
    out = capsys.readouterr().out
    assert "quote_kind (quote): 7 of " in out
    assert "coder_A vs tool: n 6, agreement 0.833, kappa 0.600 [" in out
    assert "coder_A vs coder_B: kappa 0.688" in out
    assert "alpha (tool and coders) 0.586" in out


def test_a_reordered_filtered_partly_edited_sheet_scores_the_same(coded, capsys, tmp_path):
    header, rows = read_rows(coded[0])
    kept = [r for r in rows if r["coder_A"] or r["coder_B"] or r["kind"] == "attribution"]
    random.Random(3).shuffle(kept)
    for r in kept:
        r["notes"] = "checked"
        r["context"] = r["context"].upper()  # shown text edited: the item id and offsets are what count
    columns = list(reversed(header)) + ["notes"]
    other = write_rows(tmp_path / "shuffled.csv", columns, kept)
    def figures(sheet):
        return {field: {k: v for k, v in s.items() if k != "rows"} for field, s in score(sheet, capsys)["fields"].items()}

    assert figures(other) == figures(coded[0])
    # dropping a coded row changes the figures accordingly
    without = [r for r in kept if not (r["field"] == "quote_kind" and r["coder_A"] == "partial")]
    fewer = score(write_rows(tmp_path / "fewer.csv", columns, without), capsys)["fields"]["quote_kind"]
    assert fewer["n"] == 6 and fewer["coded"] == {"coder_A": 5, "coder_B": 5}


def test_apply_writes_exactly_the_coders_differences(coded, tmp_path, report):
    sheet, extra = coded
    out = tmp_path / "corrections.json"
    assert main(["apply", str(sheet), "--coder", "A", "--out", str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["schema"] == "analysis-corrections/1"
    got = {(c["kind"], c["field"], c["start"], c["end"], c["tool_label"], c["label"]) for c in doc["corrections"]}
    sha = report["input"]["sha256"]
    assert {c["article_sha256"] for c in doc["corrections"]} == {sha}
    assert {c["coder"] for c in doc["corrections"]} == {"coder_A"}

    def key(row, label):
        return row["kind"], row["field"], int(row["start"]), int(row["end"]), row["tool_label"], label

    assert got == {key(extra["quote"], "partial"), key(extra["speaker"], "none"), key(extra["loaded"], "none"),
                   key(extra["hedge"], "booster"), key(extra["claim"], "no")}


def test_corrections_change_the_report_exactly_there(coded, tmp_path, report):
    sheet, extra = coded
    out = tmp_path / "corrections.json"
    assert main(["apply", str(sheet), "--coder", "coder_A", "--out", str(out)]) == 0
    new, unmatched = apply_corrections(report, load_corrections(out))
    assert unmatched == []
    expected = copy.deepcopy(report)
    span = lambda row: (int(row["start"]), int(row["end"]))  # noqa: E731
    quotes = {(q["start"], q["end"]): q for q in expected["quotes"]}
    q = quotes[span(extra["quote"])]
    q.update(kind="partial", corrected=True, tool_labels={"kind": "scare"})
    q = quotes[span(extra["speaker"])]
    q.update(speaker=None, corrected=True, tool_labels={"speaker": q["speaker"]})
    devices = expected["framing"]["devices"]
    d = next(d for d in devices["loaded_language"] if (d["start"], d["end"]) == span(extra["loaded"]))
    d.update(corrected=True, rejected=True, tool_labels={"device": "loaded_language"})
    d = next(d for d in devices["hedge"] if (d["start"], d["end"]) == span(extra["hedge"]))
    devices["hedge"].remove(d)
    d.update(corrected=True, tool_labels={"device": "hedge"})
    devices["booster"] = sorted(devices["booster"] + [d], key=lambda x: (x["start"], x["end"]))
    c = next(c for c in expected["unsourced_claims"] if (c["start"], c["end"]) == span(extra["claim"]))
    c.update(corrected=True, rejected=True, checkable=False, tool_labels={"checkable": True})
    assert new == expected
    assert report != new  # the input report is left as it was
