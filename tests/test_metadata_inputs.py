"""``report dir/*`` on a corpus folder of ``X.json`` beside ``X.meta.json`` (issue 13): a metadata
record is recognised, skipped as an input with a note saying whether it is read as its article's
metadata, and is never a failure; a report never overwrites its own input."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis.cli.main import main
from analysis.corpus.run import list_corpus
from analysis.read.reader import article_of, is_metadata_record

ARTICLE = {"title": "Senators vote on border bill",
           "content_original": "The Senate voted 68-32 on Thursday to pass the bill, officials said.\n\n"
                               "“This is a historic day,” said Sen. Chuck Schumer."}


def folder(tmp_path: Path) -> Path:
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "X.json").write_text(json.dumps(ARTICLE), encoding="utf-8")
    (d / "X.meta.json").write_text(json.dumps({"publisher": "The Sidecar Times", "authors": ["Ann Lee"]}),
                                   encoding="utf-8")
    (d / "Y.txt").write_text("A plain article.\n\nIt has two paragraphs, the officials said.\n", encoding="utf-8")
    (d / "Z.meta.json").write_text("{}", encoding="utf-8")  # no article beside it
    return d


@pytest.mark.parametrize("name, expected", [("X.meta.json", True), ("x.META.JSON", True), ("X.json", False),
                                            ("meta.json", False), ("X.meta.txt", False)])
def test_a_metadata_record_is_known_by_its_name(name, expected):
    assert is_metadata_record(name) is expected


def test_report_on_a_folder_glob_skips_the_records_and_reads_them_as_metadata(tmp_path, capsys):
    d = folder(tmp_path)
    out = tmp_path / "out"
    assert main(["report", *map(str, sorted(d.iterdir())), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"{d / 'X.meta.json'}: skipped: a metadata record, not an article (read as the metadata of {d / 'X.json'})" in err
    assert f"{d / 'Z.meta.json'}: skipped: a metadata record, not an article (no article Z.* beside it)" in err
    assert "Traceback" not in err and "no text field" not in err
    assert sorted(p.name for p in out.iterdir()) == ["X.json", "Y.json"]
    report = json.loads((out / "X.json").read_text(encoding="utf-8"))
    assert report["article"]["publisher"] == "The Sidecar Times"  # the record was read as metadata
    assert report["input"]["metadata"] == "X.meta.json"


def test_one_article_and_its_record_print_the_report_as_one_article_alone(tmp_path, capsys):
    d = folder(tmp_path)
    assert main(["report", str(d / "X.json")]) == 0
    alone = capsys.readouterr().out
    assert main(["report", str(d / "X.json"), str(d / "X.meta.json")]) == 0
    assert capsys.readouterr().out == alone


def test_only_records_is_a_usage_error_and_no_metadata_says_it_is_not_read(tmp_path, capsys):
    d = folder(tmp_path)
    assert main(["report", str(d / "X.meta.json"), str(d / "Z.meta.json")]) == 2
    assert "nothing to analyse: every input is a metadata record" in capsys.readouterr().err
    assert main(["report", str(d / "X.meta.json"), str(d / "X.json"), "--no-metadata", "--out", str(tmp_path / "o")]) == 0
    assert "(not read: --no-metadata)" in capsys.readouterr().err
    article = json.loads((tmp_path / "o" / "X.json").read_text(encoding="utf-8"))["article"]
    assert article.get("publisher") != "The Sidecar Times"


def test_html_skips_the_records_too(tmp_path, capsys):
    d = folder(tmp_path)
    assert main(["html", str(d / "X.json"), str(d / "X.meta.json"), "--out", str(tmp_path / "h")]) == 0
    assert "skipped: a metadata record" in capsys.readouterr().err
    assert sorted(p.name for p in (tmp_path / "h").iterdir()) == ["X.html"]


def test_a_report_never_overwrites_its_input(tmp_path, capsys, monkeypatch):
    d = folder(tmp_path)
    before = (d / "X.json").read_bytes()
    monkeypatch.chdir(d)
    assert main(["report", "X.json", "Y.txt"]) == 1
    assert "X.json: not written: X.json is the input itself" in capsys.readouterr().err
    assert (d / "X.json").read_bytes() == before


def test_the_record_belongs_to_the_article_beside_it_and_corpus_mode_skips_it(tmp_path):
    d = folder(tmp_path)
    assert article_of(d / "X.meta.json") == d / "X.json" and article_of(d / "Z.meta.json") is None
    assert [e.id for e in list_corpus(d)] == ["X.json", "Y.txt"]
