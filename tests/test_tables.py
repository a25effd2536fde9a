"""Span tables across articles (analysis/outputs/tables.py) and ``python -m analysis export``."""
from __future__ import annotations

import copy
import doctest
import json
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis.cli.main import main
from analysis.outputs import tables

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = {"quotes": lambda r: r["quotes"], "attributions": lambda r: r["attributions"], "actors": lambda r: r["actors"],
            "claims": lambda r: r["unsourced_claims"], "sentences": lambda r: r["sentiment"]["sentences"],
            "devices": lambda r: [d for spans in r["framing"]["devices"].values() for d in spans]}


def test_the_examples_in_the_module_run():
    assert doctest.testmod(tables, optionflags=doctest.NORMALIZE_WHITESPACE).failed == 0


def test_the_examples_in_the_docs_run():
    result = doctest.testfile(str(ROOT / "docs" / "working-with-results.md"), module_relative=False,
                              optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_analysis_tables_is_the_module():
    assert analysis.tables is tables
    from analysis import tables as again

    assert again is tables


def test_one_row_per_item_with_offsets_into_the_article(seed_report):
    found = tables.all_tables([seed_report])
    assert list(found) == list(tables.KINDS)
    text = seed_report["article"]["text"]
    for kind, frame in found.items():
        assert len(frame) == len(SECTIONS[kind](seed_report)), kind
        assert list(frame.columns[:2]) == ["article", "article_sha256"]
        assert set(frame["article"]) == {"000_8b45763ab15ca29f"}
        assert {"start", "end"} <= set(frame.columns)
        assert ((frame["start"] >= 0) & (frame["start"] <= frame["end"]) & (frame["end"] <= len(text))).all(), kind
    quotes = found["quotes"]
    assert all(q in " ".join(text[s:e].split()) for q, s, e in zip(quotes["text"], quotes["start"], quotes["end"]))
    claims = found["claims"]
    assert [text[s:e] for s, e in zip(claims["start"], claims["end"])] == list(claims["text"])
    peña = found["attributions"][found["attributions"]["source"] == "Enrique Peña Nieto"]
    assert len(peña) == 4 and set(peña["cue"]) >= {"announced", "admitted"}
    assert [text[s:e] for s, e in zip(peña["source_start"], peña["source_end"])] == ["Enrique Peña Nieto", "he", "Peña Nieto", "Peña Nieto"]
    assert found["sentences"]["words"].str.contains(r"\(", regex=True).any()  # the evidence of the scores
    assert found["actors"]["events"].str.len().gt(0).any() and found["actors"]["role"].notna().any()


def test_articles_are_stacked_and_stems_kept_apart(seed_report):
    other = copy.deepcopy(seed_report)
    other["input"] = {**other["input"], "sha256": "ab" * 32, "path": "elsewhere/000_8b45763ab15ca29f.txt"}
    third = copy.deepcopy(seed_report)
    third["input"] = {**third["input"], "sha256": "cd" * 32, "path": "third.txt"}
    quotes = tables.quotes([seed_report, other, third])
    assert len(quotes) == 3 * len(seed_report["quotes"])
    assert list(dict.fromkeys(quotes["article"])) == ["000_8b45763ab15ca29f-621dda23", "000_8b45763ab15ca29f-abababab",
                                                      "third"]
    assert tables.quotes([]).columns.tolist()[:3] == ["article", "article_sha256", "text"]
    with pytest.raises(ValueError, match="unknown kind"):
        tables.table([seed_report], "speakers")


def test_corrections_show_in_the_tables(seed_report):
    report = copy.deepcopy(seed_report)
    q = report["quotes"][0]
    q.update(kind="partial", corrected=True, tool_labels={"kind": q["kind"]})
    report["unsourced_claims"][1].update(corrected=True, rejected=True, checkable=False, tool_labels={"checkable": True})
    quotes, claims = tables.quotes(report), tables.claims(report)
    assert quotes.loc[0, ["kind", "corrected", "rejected"]].tolist() == ["partial", True, False]
    assert json.loads(quotes.loc[0, "tool_labels"]) == {"kind": seed_report["quotes"][0]["kind"]}
    assert quotes["corrected"].sum() == 1 and (quotes.loc[1:, "tool_labels"] == "").all()
    assert claims["rejected"].tolist() == [i == 1 for i in range(len(claims))]


def test_export_writes_one_csv_per_kind(seed_path, seed_report, tmp_path, capsys):
    saved = tmp_path / "seed.json"
    saved.write_text(json.dumps(seed_report, ensure_ascii=False), encoding="utf-8")
    article = tmp_path / "plan.txt"
    article.write_text('The minister said the plan was "a success". The so-called "reform" has failed.\n',
                       encoding="utf-8")
    out = tmp_path / "tables"
    assert main(["export", str(saved), str(article), "--out", str(out)]) == 0
    assert "wrote 6 tables of 2 articles" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{k}.csv" for k in tables.KINDS)
    quotes = pd.read_csv(out / "quotes.csv")
    assert list(quotes["article"].unique()) == ["000_8b45763ab15ca29f", "plan"]
    assert len(quotes) == len(seed_report["quotes"]) + 2
    assert quotes[quotes["article"] == "plan"]["kind"].tolist() == ["partial", "scare"]
    again = tmp_path / "again"
    assert main(["export", str(saved), str(article), "--out", str(again)]) == 0
    assert all((out / n).read_bytes() == (again / n).read_bytes() for n in (p.name for p in out.iterdir()))


@pytest.mark.parametrize("case", ["missing", "empty", "old schema", "twice"])
def test_export_bad_input_writes_nothing(seed_report, tmp_path, capsys, case):
    saved = tmp_path / "seed.json"
    saved.write_text(json.dumps(seed_report, ensure_ascii=False), encoding="utf-8")
    bad = tmp_path / "bad.txt"
    if case == "empty":
        bad.write_text("")
    elif case == "old schema":
        bad = tmp_path / "old.json"
        bad.write_text(json.dumps({**seed_report, "schema": "analysis-report/0"}), encoding="utf-8")
    elif case == "twice":
        bad = tmp_path / "copy.json"
        bad.write_text(saved.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "tables"
    assert main(["export", str(saved), str(bad), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    expected = {"missing": "no such file", "empty": "empty", "old schema": "unsupported report schema",
                "twice": "the same article as"}[case]
    assert f"{bad}: " in err and expected in err and "nothing written" in err
    assert not out.exists()


def test_export_usage_errors(tmp_path, capsys):
    afile = tmp_path / "file"
    afile.write_text("x")
    assert main(["export", str(afile), "--out", str(afile)]) == 2
    assert "not a folder" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["export", str(afile)])  # --out is required
    assert exc.value.code == 2
