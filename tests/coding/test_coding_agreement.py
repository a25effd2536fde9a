"""The agreement figures on small tables whose values are known, and sheets with nothing coded."""
from __future__ import annotations

import json

import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from analysis.coding.agreement import alpha, bootstrap_kappa, kappa, majority
from analysis.coding.cli import main


def test_kappa_is_null_where_undefined():
    assert kappa(["a", "a", "a"], ["a", "a", "a"]) is None  # one label on both sides: 0/0
    assert kappa(["a", "b"], ["a", "b"]) == 1.0
    assert kappa([], []) is None


def test_bootstrap_matches_scikit_learn_on_every_resample():
    a = list("aabbbcabca")
    b = list("abbbccabaa")
    # the same resamples as bootstrap_kappa draws, scored one by one with scikit-learn
    idx = np.random.default_rng(0).integers(0, len(a), size=(1000, len(a)))
    values = []
    for row in idx:
        x, y = [a[i] for i in row], [b[i] for i in row]
        with np.errstate(all="ignore"):
            k = cohen_kappa_score(x, y) if len(set(x) | set(y)) > 1 else np.nan
        if np.isfinite(k):
            values.append(k)
    expected = np.percentile(values, [2.5, 97.5])
    assert bootstrap_kappa(a, b, n_boot=1000, seed=0) == pytest.approx(list(expected), abs=1e-6)


def test_bootstrap_needs_two_rows():
    assert bootstrap_kappa(["a"], ["b"]) is None
    assert bootstrap_kappa(["a", "b"], ["a", "b"]) == [1.0, 1.0]


def test_alpha_of_a_published_example():
    # Krippendorff (2011), "Computing Krippendorff's alpha-reliability", nominal example: alpha = 0.743
    nan = None
    data = [[1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
            [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan]]
    labels = [[None if v is None else str(v) for v in rater] for rater in data]
    assert alpha(labels) == pytest.approx(0.743, abs=5e-4)


def test_alpha_is_null_where_undefined():
    assert alpha([["a", "a"], ["a", "a"]]) is None  # a single value
    assert alpha([["a", None], [None, "b"]]) is None  # no unit coded twice
    assert alpha([["a", "b"]]) is None  # one rater


@pytest.mark.parametrize("labels, expected", [
    (["a", "a", "b"], "a"), (["a", "b"], None), ([None, "b", None], "b"), ([None, None], None)])
def test_majority(labels, expected):
    assert majority(labels) == expected


def test_a_sheet_with_no_coded_cell_says_so_and_exits_0(report_path, tmp_path, capsys):
    sheet = tmp_path / "empty.csv"
    assert main(["export", str(report_path), "--out", str(sheet), "--sample", "2"]) == 0
    capsys.readouterr()
    assert main(["score", str(sheet)]) == 0
    out, err = capsys.readouterr()
    assert out == "" and "no coded cell yet" in err
    assert main(["score", str(sheet), "--json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["fields"] == {} and json.loads(out)["coded_cells"] == 0 and "no coded cell yet" in err
