"""The house style of every chart, and deterministic saving (PNG, SVG and the CSV beside them).

Saving follows what makes bytes reproducible: the Agg renderer (PNG is always rendered by Agg;
the commands that draw, such as ``python -m analysis figures``, select the Agg backend, and
importing this module leaves the backend alone, so a notebook keeps its own), fixed metadata
(``{"Software": None}`` for PNG; ``svg.hashsalt`` and ``{"Date": None}`` for SVG) and a
pinned matplotlib. Each figure is saved beside a CSV of exactly the numbers it plots.
"""
from __future__ import annotations

import csv
from contextlib import contextmanager
from pathlib import Path

import matplotlib.pyplot as plt

#: Colours (Okabe-Ito, colour-blind safe) by meaning, used by every chart.
PALETTE = {
    "direct": "#0072B2", "partial": "#56B4E9", "scare": "#D55E00", "title": "#009E73", "other": "#999999",
    "writer": "#444444", "quoted": "#0072B2", "attributed": "#E69F00",
    "person": "#0072B2", "organization": "#009E73", "government": "#CC79A7", "media": "#E69F00",
    "document": "#56B4E9", "anonymous": "#D55E00", "agentless": "#F0E442", "author": "#444444",
    "country": "#CC79A7", "group": "#009E73",
    "neutral": "#999999", "truth": "#009E73", "careful": "#56B4E9", "doubt": "#E69F00", "culpability": "#D55E00",
    "hedge": "#F0E442", "negative": "#D55E00", "positive": "#0072B2",
}
STYLE = {
    "figure.dpi": 100, "savefig.dpi": 150, "font.size": 10, "axes.titlesize": 12, "axes.titleweight": "bold",
    "axes.titlelocation": "left", "axes.titlepad": 20, "axes.labelsize": 10, "axes.spines.top": False, "axes.spines.right": False,
    "axes.grid": True, "grid.color": "#e6e6e6", "grid.linewidth": 0.8, "axes.axisbelow": True,
    "legend.frameon": False, "font.family": "DejaVu Sans", "svg.hashsalt": "analysis", "svg.fonttype": "path",
    "path.simplify": False,
}


@contextmanager
def figure(width: float = 8.0, height: float = 4.5, **kwargs):
    """A new figure in the house style; closed when the block ends."""
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(width, height), **kwargs)
        try:
            yield fig, ax
        finally:
            plt.close(fig)


def note(ax, text: str) -> None:
    """A small source line between the title and the chart."""
    ax.annotate(text, xy=(0, 1), xycoords="axes fraction", xytext=(0, 5), textcoords="offset points",
                fontsize=7.5, color="#666666", ha="left", va="bottom", annotation_clip=False)


def save(fig, path: Path, rows: list[dict], *, svg: bool = False) -> Path:
    """Write ``path`` (.png), optionally an .svg, and the CSV of ``rows`` beside them."""
    path = Path(path).with_suffix(".png")
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, metadata={"Software": None}, bbox_inches="tight")
    if svg:
        with plt.rc_context(STYLE):
            fig.savefig(path.with_suffix(".svg"), metadata={"Date": None}, bbox_inches="tight")
    write_csv(path.with_suffix(".csv"), rows)
    return path


def write_csv(path: Path, rows: list[dict]) -> Path:
    """A CSV of the rows (columns in first-seen order; empty file with no rows)."""
    columns: list[str] = []
    for row in rows:
        columns += [k for k in row if k not in columns]
    with Path(path).open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _fmt(v) for k, v in row.items()})
    return Path(path)


def _fmt(value):
    if isinstance(value, float):
        return f"{value:.6g}"
    return value
