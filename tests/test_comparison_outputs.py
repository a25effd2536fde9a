"""``compare``'s figures for every article (PNG beside CSV) and ``summary.md``
(analysis/outputs/comparison_plots.py, analysis/outputs/comparison_summary.py)."""
from __future__ import annotations

import csv
import re

import pytest

from analysis.cli.compare import main
from analysis.corpus.compare import ArticleMetrics, Comparison, MetricTable, Percentile, PercentileTable, NeighbourTable, TermTable
from analysis.corpus.reference import CorpusInfo
from analysis.outputs.comparison_plots import file_label
from analysis.outputs.comparison_summary import summary_markdown
from test_corpus import write_articles


def rows(path):
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def compared(tmp_path_factory):
    """Two articles against a five-article corpus, through the command line."""
    base = tmp_path_factory.mktemp("compare")
    import os

    os.environ["ANALYSIS_CACHE"] = str(base / "cache")
    try:
        corpus = write_articles(base / "corpus")
        given = write_articles(base / "given", ("a.txt", "c.txt"))
        out = base / "out"
        code = main(["compare", str(given / "a.txt"), str(given / "c.txt"), "--corpus", str(corpus), "--out", str(out),
                     "--jobs", "1"])
    finally:
        del os.environ["ANALYSIS_CACHE"]
    return code, out


def test_every_article_has_its_figures_beside_their_numbers(compared):
    code, out = compared
    assert code == 0
    for article in ("a", "c"):
        for name in ("placement", "frame-shares", "distinctive-terms"):
            png = out / f"{article}-{name}.png"
            assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.with_suffix(".csv").is_file(), png
        assert not (out / f"{article}-by-outlet.png").exists()  # no outlet has 15 articles in this corpus
    metrics = {r["article"]: r for r in rows(out / "metrics.csv")}
    placement = rows(out / "a-placement.csv")
    scare = [r for r in placement if r["metric"] == "scare_quotes_per_1k"]
    assert len(scare) == 5 and {r["group"] for r in scare} == {"news", "opinion", "left", "center", "right"}
    assert float(scare[0]["article_value"]) == pytest.approx(float(metrics["a"]["scare_quotes_per_1k"]))
    terms = {(r["article"], r["term"]): r for r in rows(out / "terms.csv")}
    plotted = rows(out / "c-distinctive-terms.csv")
    assert plotted and all(float(p["z"]) == pytest.approx(float(terms[("c", p["term"])]["z"])) for p in plotted)


def test_the_summary_says_where_each_article_sits_with_the_computed_numbers(compared):
    _, out = compared
    text = (out / "summary.md").read_text(encoding="utf-8")
    assert text.startswith("# Comparison\n\n2 articles against the reference corpus")
    sections = re.split(r"\n## ", text)[1:]
    assert [s.splitlines()[0] for s in sections] == ["Senators vote on border bill", "OPINION: We must not look away"]
    percentiles = {(r["article"], r["metric"], r["group"]): r for r in rows(out / "percentiles.csv")}
    for article, section in zip(("a", "c"), sections):
        assert "**Where it sits.**" in section and "**Distinctive terms.**" in section and "**Nearest coverage.**" in section
        assert f"[placement]({article}-placement.png)" in section
        first = re.search(r"furthest from the corpus' middle on [^:]+: .+?, (the (\d+)\w\w percentile|above every one|"
                          r"below every one) of (\d+) corpus articles \(([^)]*)\)", section)
        assert first, section
        n = int(first.group(3))
        matching = [p for (a, _, g), p in percentiles.items() if a == article and g == "all" and int(p["n"]) == n]
        assert matching
        if first.group(2):
            assert any(round(float(p["percentile"])) == int(first.group(2)) for p in matching)
        assert first.group(4).startswith("95 % interval") or first.group(4).startswith("no interval")


def test_without_a_corpus_only_the_terms_are_drawn(tmp_path):
    given = write_articles(tmp_path / "given", ("a.txt", "b.md"))
    out = tmp_path / "out"
    assert main(["compare", str(given), "--no-corpus", "--out", str(out)]) == 0
    assert sorted(p.name for p in out.glob("*.png")) == ["a-distinctive-terms.png", "b-distinctive-terms.png"]
    text = (out / "summary.md").read_text(encoding="utf-8")
    assert "compared with each other only" in text and "Where it sits" not in text
    assert "Against the other articles given" in text


def test_nothing_to_compare_writes_nothing(tmp_path, capsys):
    out = tmp_path / "out"
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert main(["compare", str(empty), "--no-corpus", "--out", str(out)]) == 1
    assert "nothing to compare" in capsys.readouterr().err and not out.exists()
    afile = tmp_path / "file"
    afile.write_text("x")
    assert main(["compare", str(empty), "--no-corpus", "--out", str(afile)]) == 2
    assert afile.read_text() == "x"


def _comparison(percentiles):
    row = ArticleMetrics("x", "x.txt", "A title", "Outlet", {"body_words": 500, "frame_Economic_share": 0.5})
    info = CorpusInfo("corpus", 10, 0, {"all": 10, "news": 6, "opinion": 4}, "cache")
    return Comparison(MetricTable((row,)), PercentileTable(tuple(percentiles)), NeighbourTable(), TermTable(), info,
                      reference_rows=({"genre": "news", "frame_Economic_share": 0.1},
                                      {"genre": "opinion", "frame_Economic_share": 0.3}))


def test_the_summary_ranks_by_distance_from_the_middle_and_states_intervals():
    comparison = _comparison([
        Percentile("x", "scare_quotes_per_1k", "all", 10, 4.0, 70.0, 55.0, 85.0),
        Percentile("x", "tone_mean", "all", 10, -0.5, 5.0, 0.0, 20.0),
        Percentile("x", "tone_mean", "news", 6, -0.5, 8.3, 0.0, 25.0),
        Percentile("x", "unsourced_claims", "all", 10, 9.0, 100.0, None, None),
        Percentile("x", "writer_voice_share", "all", 10, 0.6, 50.0, 40.0, 60.0),
        Percentile("x", "hedge_per_1k_writer", "all", 10, 2.0, 45.0, 30.0, 60.0),
    ])
    text = summary_markdown(comparison)
    assert ("It is furthest from the corpus' middle on unsourced claims: 9, above every one of 10 corpus articles "
            "(no interval: not a sentence rate).") in text
    assert ("Then come mean sentence tone (VADER): -0.50, the 5th percentile of 10 corpus articles (95 % interval 0th "
            "to 20th; among news 8th); and scare quotes: 4.0 per 1,000 words, the 70th percentile") in text
    assert "between the 20th and 80th percentile on hedges in the writer's voice and the writer's own voice." in text
    assert "Then come" in text and "; and scare quotes" in text
    assert "Its leading frame is economic (50% of its frame cues, against 10% in corpus news and 30% in corpus opinion)" in text


@pytest.mark.parametrize("label, expected", [("a", "a"), ("dir/x y.txt", "dir_x_y.txt"), ("../..", "article")])
def test_file_labels_are_safe(label, expected):
    assert file_label(label) == expected
