"""``report --corrections FILE``: corrections applied, items marked, metrics recounted, the file's
hash recorded, vanished spans reported; a bad file is a usage error with nothing written."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.cli.main import main
from analysis.coding import Correction, corrections_json

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_8b45763ab15ca29f.txt"


def fix(report, kind, field, start, end, tool_label, label):
    return Correction(report["input"]["sha256"], kind, field, start, end, tool_label, label, "coder_ana")


def extent(a):
    spans = [s for s in (a["source_span"], a["cue_span"], *a["content_spans"]) if s]
    return min(s[0] for s in spans), max(s[1] for s in spans)


@pytest.fixture(scope="module")
def corrected(report, tmp_path_factory):
    """The seed's report made with five corrections, one of them for a span that does not exist."""
    scare = next(q for q in report["quotes"] if q["kind"] == "scare")
    named = next(a for a in report["attributions"] if a["source_type"] == "person" and a["cue"])
    hedge = report["framing"]["devices"]["hedge"][0]
    claim = report["unsourced_claims"][0]
    fixes = [fix(report, "quote", "quote_kind", scare["start"], scare["end"], "scare", "partial"),
             fix(report, "attribution", "cue_class", *extent(named), named["cue_class"], "none"),
             fix(report, "claim", "unsourced_claim", claim["start"], claim["end"], "yes", "no"),
             fix(report, "device", "device_kind", hedge["start"], hedge["end"], "hedge", "none"),
             fix(report, "quote", "quote_kind", scare["start"] + 1, scare["end"], "scare", "direct")]
    folder = tmp_path_factory.mktemp("corrected")
    path = folder / "corrections.json"
    path.write_text(corrections_json(fixes), encoding="utf-8")
    return path, fixes, scare, named


def run_report(capsys, *argv):
    code = main(["report", str(SEED), *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_corrections_are_applied_marked_and_recounted(report, corrected, capsys):
    path, fixes, scare, named = corrected
    code, out, err = run_report(capsys, "--corrections", str(path))
    assert code == 0, err
    new = json.loads(out)
    q = next(x for x in new["quotes"] if x["start"] == scare["start"])
    assert q["kind"] == "partial" and q["corrected"] and q["tool_labels"] == {"kind": "scare"}
    a = new["attributions"][report["attributions"].index(named)]
    assert a["cue_class"] is None and a["cue"] is None and a["tool_labels"] == {"cue_class": named["cue_class"],
                                                                              "cue": named["cue"]}
    device = next(d for d in new["framing"]["devices"]["scare_quote"] if d["start"] == scare["start"])
    assert device["rejected"] and device["tool_labels"] == {"device": "scare_quote"}
    before, after = report["metrics"], new["metrics"]
    words = before["body_words"]
    changed = {k for k in before if before[k] != after[k]}
    assert changed == {"quotes_scare", "quotes_partial", "scare_quotes_per_1k", "unsourced_claims", "hedge_per_1k",
                       "hedge_per_1k_writer", "scare_quote_per_1k", "scare_quote_per_1k_writer", "loaded_cue_share"}
    assert after["quotes_scare"] == before["quotes_scare"] - 1
    assert after["scare_quotes_per_1k"] == pytest.approx(before["scare_quotes_per_1k"] - 1000 / words, abs=1e-5)
    assert after["unsourced_claims"] == before["unsourced_claims"] - 1
    assert after["hedge_per_1k_writer"] == pytest.approx(before["hedge_per_1k_writer"] - 1000 / words, abs=1e-5)
    record = new["generator"]["corrections"]
    assert record == {"file": "corrections.json", "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
                      "applied": 4, "unmatched": [fixes[-1].as_dict()]}
    assert f"correction not applied, its span no longer exists: quote quote_kind at {scare['start'] + 1}-" in err
    assert "4 corrections applied" in err


def test_the_corrected_report_keeps_the_contract(corrected, capsys, tmp_path, shared):
    code, out, _ = run_report(capsys, "--corrections", str(corrected[0]))
    target = tmp_path / "corrected.json"
    target.write_text(out, encoding="utf-8")
    proc = subprocess.run([sys.executable, str(shared / "tools" / "check-report"), str(target)],
                          capture_output=True, text=True)
    assert code == 0 and proc.returncode == 0, proc.stdout


def test_a_file_for_other_articles_changes_nothing_and_says_so(report, report_json, tmp_path, capsys):
    other = Correction("f" * 64, "quote", "quote_kind", 1, 5, "scare", "direct", "coder_ana")
    path = tmp_path / "other.json"
    path.write_text(corrections_json([other]), encoding="utf-8")
    code, out, err = run_report(capsys, "--corrections", str(path))
    new = json.loads(out)
    assert code == 0 and "no correction in" in err
    assert new["metrics"] == report["metrics"] and new["quotes"] == report["quotes"]
    assert new["generator"]["corrections"]["applied"] == 0


@pytest.mark.parametrize("content, message", [
    (None, "cannot read"),
    (b"{not json", "not JSON"),
    (b'{"schema": "analysis-report/1"}', "not a corrections file"),
    (b'{"schema": "analysis-corrections/1", "corrections": [{"kind": "quote"}]}', "needs the keys"),
    (b'{"schema": "analysis-corrections/1", "corrections": [{"article_sha256": "x", "kind": "quote", '
     b'"field": "quote_kind", "start": 1, "end": 2, "tool_label": "scare", "label": "shouting", "coder": "c"}]}',
     "is not a quote_kind label"),
    (b"\xff\xfe", "not UTF-8"),
])
def test_a_bad_corrections_file_is_a_usage_error_and_nothing_is_written(tmp_path, capsys, content, message):
    path = tmp_path / "corrections.json"
    if content is not None:
        path.write_bytes(content)
    out = tmp_path / "reports"
    code, stdout, err = run_report(capsys, "--corrections", str(path), "--out", str(out))
    assert code == 2 and stdout == ""
    assert err.startswith("--corrections: ") and message in err and str(path) in err
    assert not out.exists()
