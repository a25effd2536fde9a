"""Figures of the comparison against the reference corpus (``figures/06-*``).

Each reads a :class:`~analysis.corpus.compare.Comparison` and the corpus' metric rows, and writes a
PNG beside the CSV of exactly its plotted numbers, in the house style of
:mod:`analysis.outputs.style`. Counts that grow with length (attributions, unsourced claims) are
drawn per 1,000 body words so that long and short articles compare.
"""
from __future__ import annotations

import textwrap
from pathlib import Path

from analysis.outputs.style import PALETTE, figure, note, save

GROUPS = ("news", "opinion", "left", "center", "right")
GROUP_COLOURS = {"news": "#56B4E9", "opinion": "#E69F00", "left": "#0072B2", "center": "#999999", "right": "#D55E00"}
#: (metric, label, per 1,000 body words?)
KEY_METRICS = (
    ("scare_quotes_per_1k", "scare quotes / 1,000 words", False),
    ("writer_voice_share", "writer's own voice (share of body words)", False),
    ("anonymous_attributions", "anonymous attributions / 1,000 words", True),
    ("agentless_attributions", "agentless attributions / 1,000 words", True),
    ("unsourced_claims", "unsourced claims / 1,000 words", True),
    ("loaded_language_per_1k_writer", "loaded language, writer's voice / 1,000 words", False),
    ("hedge_per_1k_writer", "hedges, writer's voice / 1,000 words", False),
    ("tone_mean", "mean sentence tone (VADER compound)", False),
)


def _value(metrics: dict, name: str, per_1k: bool) -> float:
    value = float(metrics.get(name) or 0.0)
    words = float(metrics.get("body_words") or 0.0)
    return 1000.0 * value / words if per_1k and words else value


def _quantile(values: list[float], q: float) -> float:
    values = sorted(values)
    if not values:
        return 0.0
    pos = q * (len(values) - 1)
    lo, frac = int(pos), pos - int(pos)
    return values[lo] + (values[min(lo + 1, len(values) - 1)] - values[lo]) * frac


def _in_group(row: dict, group: str) -> bool:
    return row.get("genre") == group or row.get("rating") == group


def _percentile(value: float, values: list[float]) -> float:
    """Mid-rank percentile: ties count half (many rates are zero for most articles)."""
    below = sum(v < value for v in values)
    equal = sum(v == value for v in values)
    return round(100.0 * (below + 0.5 * equal) / len(values), 1) if values else 0.0


def plot_placement(label: str, metrics: dict, rows: list[dict], path: Path) -> Path:
    """Where does the article sit among news and opinion, left, center and right outlets?"""
    table = []
    for name, title, per_1k in KEY_METRICS:
        mine = _value(metrics, name, per_1k)
        for group in GROUPS:
            values = [_value(r, name, per_1k) for r in rows if _in_group(r, group)]
            table.append({"metric": name, "label": title, "group": group, "n": len(values),
                          "q05": _quantile(values, 0.05), "q25": _quantile(values, 0.25), "median": _quantile(values, 0.5),
                          "q75": _quantile(values, 0.75), "q95": _quantile(values, 0.95), "article": label,
                          "article_value": round(mine, 6), "percentile": _percentile(mine, values)})
    with figure(11, 12, nrows=4, ncols=2) as (fig, axes):
        for ax, (name, title, _) in zip(axes.flat, KEY_METRICS):
            rows_m = [t for t in table if t["metric"] == name]
            for i, t in enumerate(rows_m):
                if not t["n"]:
                    continue
                ax.plot([t["q05"], t["q95"]], [i, i], color="#bbbbbb", linewidth=1.2, zorder=1)
                ax.barh(i, t["q75"] - t["q25"], left=t["q25"], height=0.5, color=GROUP_COLOURS[t["group"]], alpha=0.8, zorder=2)
                ax.plot([t["median"]] * 2, [i - 0.25, i + 0.25], color="#222222", linewidth=1.5, zorder=3)
                ax.text(1.01, i, f"{t['percentile']:.0f}th", transform=ax.get_yaxis_transform(), va="center", fontsize=8)
            ax.axvline(rows_m[0]["article_value"], color=PALETTE["scare"], linewidth=2, zorder=4)
            ax.set_yticks(range(len(GROUPS)), [f"{t['group']} (n={t['n']})" for t in rows_m], fontsize=8)
            ax.invert_yaxis()
            ax.set_title(title, fontsize=9.5)
        fig.suptitle(f"{textwrap.shorten(label, 70)} (red line) against the reference corpus: box = middle half, "
                     "line = 5th to 95th percentile; its percentile at right", fontsize=10, x=0.01, ha="left")
        fig.tight_layout(rect=(0, 0, 0.97, 0.97))
        return save(fig, path, table)


def plot_frame_shares(label: str, frames: list[dict], rows: list[dict], path: Path) -> Path:
    """Does the article frame its story like news or like opinion writing?"""
    mine = {f["frame"]: f["share"] for f in frames}
    names = sorted({k[len("frame_"):-len("_share")] for r in rows for k in r if k.startswith("frame_") and k.endswith("_share")},
                   key=lambda f: (-mine.get(f, 0.0), f))
    table = []
    for frame in names:
        row = {"frame": frame, "article": round(mine.get(frame, 0.0), 6)}
        for group in ("news", "opinion"):
            values = [float(r.get(f"frame_{frame}_share") or 0.0) for r in rows if _in_group(r, group)]
            row[f"{group}_mean"] = round(sum(values) / len(values), 6) if values else 0.0
        table.append(row)
    with figure(9, 0.42 * len(table) + 1.6) as (fig, ax):
        y = range(len(table))
        ax.barh([i - 0.27 for i in y], [t["article"] for t in table], height=0.27, color=PALETTE["scare"], label=textwrap.shorten(label, 40))
        ax.barh(list(y), [t["news_mean"] for t in table], height=0.27, color=GROUP_COLOURS["news"], label="corpus news (mean)")
        ax.barh([i + 0.27 for i in y], [t["opinion_mean"] for t in table], height=0.27, color=GROUP_COLOURS["opinion"],
                label="corpus opinion (mean)")
        ax.set_yticks(list(y), [t["frame"].replace("_", " ") for t in table])
        ax.invert_yaxis()
        ax.set_xlabel("share of frame-cue weight")
        ax.set_title("Frame shares: the article against news and opinion writing")
        ax.legend(loc="lower right", fontsize=8)
        return save(fig, path, table)


def plot_by_outlet(label: str, metrics: dict, rows: list[dict], path: Path, *, metric: str = "scare_quotes_per_1k",
                   min_articles: int = 15) -> Path:
    """How do outlets differ on a measure, and where does the article fall?"""
    outlets: dict[str, list[float]] = {}
    for r in rows:
        outlets.setdefault(r.get("source") or "?", []).append(float(r.get(metric) or 0.0))
    kept = sorted(((s, v) for s, v in outlets.items() if len(v) >= min_articles), key=lambda sv: (sum(sv[1]) / len(sv[1]), sv[0]))
    table = [{"outlet": s, "n": len(v), "mean": round(sum(v) / len(v), 6), "q25": _quantile(v, 0.25),
              "median": _quantile(v, 0.5), "q75": _quantile(v, 0.75), "metric": metric,
              "article_value": float(metrics.get(metric) or 0.0)} for s, v in kept]
    with figure(9, 0.4 * len(table) + 1.8) as (fig, ax):
        for i, t in enumerate(table):
            ax.barh(i, t["q75"] - t["q25"], left=t["q25"], height=0.5, color="#bbbbbb")
            ax.scatter(t["mean"], i, color="#222222", s=18, zorder=3)
        if table:
            ax.axvline(table[0]["article_value"], color=PALETTE["scare"], linewidth=2, label=textwrap.shorten(label, 40))
        ax.set_yticks(range(len(table)), [f"{t['outlet']} (n={t['n']})" for t in table])
        ax.set_xlabel(f"{metric.replace('_', ' ')} (box: middle half; dot: mean)")
        ax.set_title(f"By outlet (outlets with at least {min_articles} articles in the corpus)")
        ax.legend(loc="lower right", fontsize=8)
        return save(fig, path, table)


def plot_distinctive_terms(label: str, terms: list, path: Path, *, top: int = 15, against: str = "the corpus") -> Path:
    """Which words does the article use far more, or far less, than other news?"""
    over = [t for t in terms if t.direction == "over"][:top]
    under = [t for t in terms if t.direction == "under"][:top // 2]
    chosen = over + under
    table = [{"term": t.term, "direction": t.direction, "z": t.z, "log_odds": t.log_odds, "count": t.count,
              "rest_count": t.rest_count} for t in chosen]
    with figure(8, 0.32 * len(table) + 1.6) as (fig, ax):
        ax.barh(range(len(table)), [t["z"] for t in table],
                color=[PALETTE["scare"] if t["direction"] == "over" else PALETTE["direct"] for t in table])
        ax.set_yticks(range(len(table)), [f"{t['term']} ({t['count']})" for t in table], fontsize=8)
        ax.invert_yaxis()
        ax.axvline(0, color="#999999", linewidth=0.8)
        ax.set_xlabel("z-score of the log-odds ratio (Monroe et al. 2008, informative Dirichlet prior)")
        ax.set_title(f"Distinctive terms: over-used (red) and under-used (blue) against {against}")
        note(ax, f"{textwrap.shorten(label, 70)} · in brackets: times the article uses the word")
        return save(fig, path, table)


#: the comparison figures of one article: file name after the prefix, and whether it needs the corpus
FIGURES = (("placement", True), ("frame-shares", True), ("by-outlet", True), ("distinctive-terms", False))


def file_label(label: str) -> str:
    """An article's label as a file-name prefix: letters, digits, ``.``, ``-`` and ``_`` kept."""
    return "".join(c if c.isalnum() or c in "._-" else "_" for c in label).strip("._") or "article"


def _frames(metrics: dict) -> list[dict]:
    return [{"frame": k[len("frame_"):-len("_share")], "share": v} for k, v in metrics.items()
            if k.startswith("frame_") and k.endswith("_share")]


def article_figures(comparison, reference_rows: list[dict], out: Path, index: int = 0, *,
                    prefix: str = "06-") -> dict[str, Path]:
    """The comparison figures of the ``index``-th article of ``comparison`` (a
    :class:`~analysis.corpus.compare.Comparison`), by name (:data:`FIGURES`), as
    ``out/<prefix><name>.png`` beside its CSV. Without a reference corpus only the distinctive
    terms are drawn (against the other articles given), and a figure with nothing to show (no
    distinctive term; no outlet with enough articles in the corpus) is left out."""
    rows = list(reference_rows)
    mine = comparison.metrics.rows[index]
    label = mine.title or mine.article
    terms = [t for t in comparison.terms.rows if t.article == mine.article]
    out = Path(out)
    draw = {
        "placement": lambda path: plot_placement(label, mine.metrics, rows, path),
        "frame-shares": lambda path: plot_frame_shares(label, _frames(mine.metrics), rows, path),
        "by-outlet": lambda path: plot_by_outlet(label, mine.metrics, rows, path),
        "distinctive-terms": lambda path: plot_distinctive_terms(
            label, terms, path, against="the corpus" if comparison.corpus else "the other articles"),
    }
    has_outlets = any(n >= 15 for n in _outlet_sizes(rows).values())
    written = {}
    for name, needs_corpus in FIGURES:
        if (needs_corpus and comparison.corpus is None) or (name == "distinctive-terms" and not terms) or (
                name == "by-outlet" and not has_outlets):
            continue
        written[name] = draw[name](out / f"{prefix}{name}")
    return written


def _outlet_sizes(rows: list[dict]) -> dict[str, int]:
    sizes: dict[str, int] = {}
    for r in rows:
        sizes[r.get("source") or "?"] = sizes.get(r.get("source") or "?", 0) + 1
    return sizes


def plot_comparison(comparison, reference_rows: list[dict], out: Path) -> list[Path]:
    """Every comparison figure of the first article of ``comparison`` against the reference
    corpus' metric rows, into ``out`` as ``06-<name>.png`` (``figures/``); nothing when the
    comparison had no reference corpus."""
    if comparison.corpus is None:
        return []
    return list(article_figures(comparison, reference_rows, out, 0).values())


def plot_every_article(comparison, reference_rows: list[dict], out: Path) -> dict[str, dict[str, Path]]:
    """The comparison figures of every article of ``comparison``, as
    ``out/<article label>-<name>.png`` (``compare --out``): by article, by figure name."""
    out_by_article, prefixes = {}, set()
    for i, row in enumerate(comparison.metrics.rows):
        prefix = file_label(row.article)
        prefix = prefix if prefix not in prefixes else f"{prefix}-{i + 1}"  # two labels, one file name
        prefixes.add(prefix)
        out_by_article[row.article] = article_figures(comparison, reference_rows, out, i, prefix=f"{prefix}-")
    return out_by_article
