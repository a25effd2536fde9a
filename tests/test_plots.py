"""Per-article figures (``analysis.outputs.plots``): the portrayal figure plots exactly the
counts of the report's ``portrayal`` section, and its CSV holds them."""
from __future__ import annotations

import csv

import matplotlib
import pytest

from analysis.outputs.plots import FIGURES, plot_portrayal

matplotlib.use("Agg")


def _actor(name, role, confidence, counts):
    full = {v: {"harm_done": 0, "harm_suffered": 0, "help_given": 0, "help_received": 0, "enables_harm": 0, "power": 0, **c}
            for v, c in counts.items()}
    return {"actor": name, "type": "group", "role": role, "confidence": confidence, "counts": full, "events": []}


def _report(actors):
    return {"article": {"title": "Test article", "text": "x"}, "metrics": {"body_words": 1},
            "generator": {"version": "test"}, "portrayal": {"actors": actors}}


def _rows(path):
    with path.with_suffix(".csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_the_portrayal_figure_is_registered_among_the_sentiment_figures():
    stems = [stem for stem, _ in FIGURES]
    assert ("04-portrayal", plot_portrayal) in FIGURES
    assert stems.index("04-portrayal") < stems.index("05-frame-profile")


def test_the_csv_holds_the_plotted_counts_per_actor_and_voice(tmp_path):
    report = _report([
        _actor("militia", "perpetrator", 0.5, {"writer": {"harm_done": 2}, "quoted": {"harm_done": 1, "power": 3}}),
        _actor("Ruritania", "enabler", 0.5, {"writer": {"enables_harm": 2, "help_given": 1}}),
        _actor("villagers", "victim", 0.6, {"writer": {"harm_suffered": 2}, "attributed": {"harm_suffered": 1}}),
        _actor("mayor", "neutral", 0.33, {"writer": {"help_received": 1}}),  # no harm: left out
    ])
    png = plot_portrayal(report, tmp_path / "04-portrayal")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    got = [(r["actor"], r["voice"], int(r["harm_done"]), int(r["enables_harm"]), int(r["harm_suffered"])) for r in _rows(png)]
    assert got == [("militia", "writer", 2, 0, 0), ("militia", "quoted", 1, 0, 0), ("Ruritania", "writer", 0, 2, 0),
                   ("villagers", "writer", 0, 0, 2), ("villagers", "attributed", 0, 0, 1)]


@pytest.mark.parametrize("portrayal", [{}, {"actors": []}])
def test_a_report_without_harm_still_gives_a_figure_and_an_empty_csv(tmp_path, portrayal):
    report = _report([])
    report["portrayal"] = portrayal
    png = plot_portrayal(report, tmp_path / "p")
    assert png.is_file() and _rows(png) == []


def test_the_same_report_gives_the_same_bytes(tmp_path):
    report = _report([_actor("militia", "perpetrator", 0.5, {"writer": {"harm_done": 2}})])
    a, b = plot_portrayal(report, tmp_path / "a"), plot_portrayal(report, tmp_path / "b")
    assert a.read_bytes() == b.read_bytes()
