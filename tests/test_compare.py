"""Comparing articles: percentiles, the sentence bootstrap, log-odds with a prior, nearest articles, the API and CLI."""
from __future__ import annotations

import json
import math
import shutil

import numpy as np
import pytest

from analysis.corpus.compare import NO_CORPUS, compare_result
from analysis.cli.compare import main
from analysis.corpus.stats import (RateEvidence, bootstrap_interval, distinctive_terms, informative_prior,
                                    log_odds_dirichlet, midrank_percentiles, nearest, reproduces, resample_index,
                                    sentence_evidence, terms)
from test_corpus import write_articles

# --- percentiles and the bootstrap on synthetic numbers -------------------------------------


@pytest.mark.parametrize("value, expected", [(0, 25.0), (1, 700 / 12), (2.5, 500 / 6), (5, 100.0), (-1, 0.0)])
def test_midrank_percentile(value, expected):
    reference = [3, 0, 1, 0, 2, 0]  # three ties at zero: a zero sits in the middle of them
    assert midrank_percentiles(reference, [value])[0] == pytest.approx(expected)


def test_percentile_of_an_empty_reference_is_nan():
    assert math.isnan(midrank_percentiles([], [1.0])[0])


def test_rate_evidence_and_resamples():
    ev = RateEvidence(np.array([1.0, 0.0, 2.0]), np.array([10.0, 20.0, 10.0]), 1000.0)
    assert ev.value() == pytest.approx(75.0)
    index = np.array([[0, 0, 0], [1, 1, 1], [2, 1, 0]])
    assert ev.value(index) == pytest.approx([100.0, 0.0, 75.0])
    assert RateEvidence(np.zeros(2), np.zeros(2)).value() == 0.0  # undefined rates are 0, as in the report
    assert (resample_index(3, 50, seed=7) == resample_index(3, 50, seed=7)).all()


def test_bootstrap_interval_is_wide_when_one_sentence_carries_the_rate():
    reference = np.arange(0, 40)  # 0..39 per 1,000 words
    even = RateEvidence(np.ones(10), np.full(10, 100.0), 1000.0)  # one device in each of 10 sentences
    lumped = RateEvidence(np.array([10.0] + [0.0] * 9), np.full(10, 100.0), 1000.0)  # ten in one sentence
    index = resample_index(10, 2000, seed=0)
    point = midrank_percentiles(reference, [10.0])[0]
    assert bootstrap_interval(reference, even.value(index)) == (pytest.approx(point), pytest.approx(point))
    low, high = bootstrap_interval(reference, lumped.value(index))
    # the heavy sentence is left out of about 0.9**10 = 35 % of resamples: the low end is a rate of 0
    assert low == pytest.approx(midrank_percentiles(reference, [0.0])[0])
    assert high > point + 20


def test_sentence_evidence_reproduces_the_seed_metrics(seed_report):
    found = sentence_evidence(seed_report)
    assert {"loaded_language_per_1k_writer", "scare_quotes_per_1k", "hedge_per_1k", "tone_mean",
            "writer_voice_share"} <= set(found)
    for name, ev in found.items():
        assert reproduces(ev, seed_report["metrics"][name]), name
    assert not reproduces(found["hedge_per_1k"], seed_report["metrics"]["hedge_per_1k"] + 1.0)


# --- log-odds with an informative Dirichlet prior (Monroe et al. 2008) ---------------------

def test_log_odds_against_a_hand_computed_example():
    # y_i = (2, 0, 1), y_j = (1, 3, 1), alpha = (1, 1, 1): n_i = 3, n_j = 5, a0 = 3
    delta, z = log_odds_dirichlet([2, 0, 1], [1, 3, 1], [1, 1, 1])
    # w0: log(3 / (3+3-2-1)) - log(2 / (5+3-1-1)) = log 3;  var = 1/3 + 1/2
    # w1: log(1 / 5) - log(4 / 4) = log 0.2;                var = 1/1 + 1/4
    # w2: log(2 / 4) - log(2 / 6) = log 1.5;                var = 1/2 + 1/2
    assert delta == pytest.approx([1.0986122887, -1.6094379124, 0.4054651081])
    assert z == pytest.approx([1.2034694649, -1.4395250311, 0.4054651081])


def test_informative_prior_and_ranking():
    assert informative_prior([2, 0, 1], [1, 3, 1], prior_size=8) == pytest.approx([3, 3, 2])
    found = distinctive_terms([2, 0, 1, 0], [1, 3, 1, 0], ["w0", "w1", "w2", "unused"], prior_size=3, top=5)
    assert [t for t, *_ in found["over"]] == ["w0", "w2"]
    assert [t for t, *_ in found["under"]] == ["w1"]
    term, z, delta, count, rest = found["over"][0]
    expected_delta, expected_z = log_odds_dirichlet([2, 0, 1], [1, 3, 1], informative_prior([2, 0, 1], [1, 3, 1], 3))
    assert (z, delta, count, rest) == (pytest.approx(expected_z[0]), pytest.approx(expected_delta[0]), 2, 1)


def test_terms():
    assert terms("The U.S. president’s “plan” isn't new; I said so in 2019. A B well-known") == [
        "the", "u.s.", "president", "plan", "isn't", "new", "i", "said", "so", "in", "well-known"]


# --- nearest articles ----------------------------------------------------------------------

def test_nearest_on_a_tiny_corpus():
    import scipy.sparse as sp

    vocabulary = ["bark", "cat", "dog", "market", "stock", "the"]
    reference = sp.csr_matrix(np.array([[0, 3, 1, 0, 0, 5], [0, 0, 0, 2, 2, 5], [1, 0, 2, 0, 0, 5]]))
    query = sp.csr_matrix(np.array([[0, 2, 1, 0, 0, 9]]))
    [found] = nearest(query, reference, vocabulary, top=3)
    assert [r for r, _ in found] == [0, 2, 1]
    assert found[0][1] > found[1][1] > 0 and found[2][1] == 0.0  # "the" is a stop word: no similarity from it
    [found] = nearest(query, reference, vocabulary, top=2, exclude=[{0}])
    assert [r for r, _ in found] == [2, 1]


# --- the API and the command line ----------------------------------------------------------

def test_without_a_corpus_articles_are_still_compared(tmp_path):
    folder = write_articles(tmp_path / "in", ("a.txt", "b.md", "c.txt"))
    paths = [folder / "a.txt", folder / "b.md", folder / "c.txt", tmp_path / "missing.txt"]
    result = compare_result(paths, corpus=None)
    assert [r.article for r in result.metrics.rows] == ["a", "b", "c"]
    assert result.errors == ((str(tmp_path / "missing.txt"), "no such file"),)
    assert NO_CORPUS in result.notes and result.corpus is None
    assert not result.percentiles.rows and not result.neighbours.rows
    assert {t.article for t in result.terms.rows} == {"a", "b", "c"}
    over_a = [t for t in result.terms.rows if t.article == "a" and t.direction == "over"]
    assert over_a[0].term == "said" and over_a[0].count == 2  # a's only word used twice, and by no other
    assert all(t.count >= 1 and t.z > 0 for t in over_a) and "tariffs" not in {t.term for t in over_a}
    frame = result.to_frame()
    assert list(frame["article"]) == ["a", "b", "c"] and "scare_quotes_per_1k" in frame.columns
    written = result.write(tmp_path / "out")
    assert {p.name for p in written} >= {"summary.json", "metrics.csv", "percentiles.json", "terms.csv",
                                         "neighbours.csv"}
    assert json.loads((tmp_path / "out" / "summary.json").read_text())["notes"][0] == NO_CORPUS

    alone = compare_result([folder / "a.txt"], corpus=None)
    assert not alone.terms.rows and any("second article" in n for n in alone.notes)


def test_against_a_small_corpus_with_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ANALYSIS_CACHE", str(tmp_path / "cache"))
    corpus = write_articles(tmp_path / "corpus")
    given = write_articles(tmp_path / "given", ("a.txt",))  # the same text as corpus/a.txt
    result = compare_result([given / "a.txt", corpus / "e.json"], corpus=corpus, jobs=1, resamples=200)
    assert result.corpus.articles == 5 and result.corpus.groups["opinion"] == 2 and result.corpus.groups["left"] == 1
    rows = {(p.article, p.metric, p.group): p for p in result.percentiles.rows}
    placed = rows[("a", "scare_quotes_per_1k", "all")]
    assert placed.n == 4  # never placed against itself
    assert placed.low is not None and placed.low <= placed.percentile <= placed.high
    assert rows[("a", "body_words", "all")].low is None  # a count, not a sentence rate
    assert ("e", "tone_mean", "left") not in rows  # the only left article is e itself
    near = [n for n in result.neighbours.rows if n.article == "a"]
    assert len(near) == 4 and "a.txt" not in {n.id for n in near}
    assert [n.rank for n in near] == [1, 2, 3, 4] and near[0].similarity >= near[-1].similarity

    cache = next((tmp_path / "cache" / "corpus-metrics").iterdir())
    stamp = (cache / "metrics.csv").stat().st_mtime_ns
    again = compare_result([given / "a.txt", corpus / "e.json"], corpus=corpus, jobs=1, resamples=200)
    assert (cache / "metrics.csv").stat().st_mtime_ns == stamp  # read from the cache, not recomputed
    assert again.to_dict() == result.to_dict()


def test_cli_exit_codes(tmp_path, capsys):
    folder = write_articles(tmp_path / "in", ("a.txt", "b.md"))
    out = tmp_path / "out"
    assert main(["compare", str(folder), "--no-corpus", "--out", str(out)]) == 0
    assert (out / "metrics.csv").read_text().count("\n") == 3
    assert "no reference corpus" in capsys.readouterr().err
    assert main(["compare", str(folder / "a.txt"), str(tmp_path / "nope.txt"), "--no-corpus", "--out", str(out)]) == 1
    assert main(["compare", str(tmp_path / "nope.txt"), "--no-corpus", "--out", str(out)]) == 1
    assert main(["compare", str(folder), "--corpus", str(tmp_path / "nowhere"), "--out", str(out)]) == 2
    for argv in (["compare"], ["compare", "x.txt", "--corpus", "c", "--no-corpus"],
                 ["compare", "x.txt", "--jobs", "0"]):
        with pytest.raises(SystemExit) as exc:
            main(argv)
        assert exc.value.code == 2
    with pytest.raises(SystemExit):
        main(["compare", "--help"])
    assert "same event" in capsys.readouterr().out


@pytest.mark.shared
def test_seed_against_a_sample_of_the_shared_corpus(shared, seed_path, tmp_path, monkeypatch):
    monkeypatch.setenv("ANALYSIS_CACHE", str(tmp_path / "cache"))
    source = shared / "corpus" / "allsides"
    lines = (source / "manifest.tsv").read_text(encoding="utf-8").splitlines()
    header, rows = lines[0], lines[1:]
    genre = {r: r.split("\t")[2] for r in rows}
    sample = [r for r in rows if genre[r] == "opinion"][:4] + [r for r in rows if genre[r] == "news"][:8]
    folder = tmp_path / "allsides"
    (folder / "articles").mkdir(parents=True)
    (folder / "manifest.tsv").write_text("\n".join([header, *sample]) + "\n", encoding="utf-8")
    for row in sample:
        shutil.copy(source / "articles" / f"{row.split(chr(9))[0]}.json", folder / "articles")
    result = compare_result([seed_path], corpus=folder, jobs=1, resamples=200)
    assert result.corpus.groups["opinion"] == 4 and result.corpus.groups["news"] == 8
    assert len(result.neighbours.rows) == 5 and all(n.title and n.rating in {"left", "center", "right"}
                                                    for n in result.neighbours.rows)
    groups = {p.group for p in result.percentiles.rows}
    assert groups <= {"all", "news", "opinion", "left", "center", "right"} and {"all", "news", "opinion"} <= groups
    assert len([t for t in result.terms.rows if t.direction == "over"]) == 20
