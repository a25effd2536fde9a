"""``summary.md`` of ``compare``: a few sentences per article, every number computed from the results.

Reads a :class:`~analysis.corpus.compare.Comparison` only. For each article: what it is (outlet,
body words) and what it was compared with; where it sits (the headline measures on which it is
furthest from the reference corpus' middle, with its value, its mid-rank percentile among all
corpus articles, the 95 % bootstrap interval of that percentile over the article's sentences
where the measure is a sentence rate, and its percentile among news and among opinion writing);
its primary frames against the corpus' mean shares in news and opinion; the terms it over- and
under-uses (log-odds z-scores, Monroe et al. 2008); the nearest corpus article; and the figures
drawn. What could not be computed (no corpus, no interval) is said, never guessed.
"""
from __future__ import annotations

from pathlib import Path

#: (metric, what it is, how its value is written) of the headline measures, as in the placement figure
HEADLINE = (
    ("scare_quotes_per_1k", "scare quotes", "{:.1f} per 1,000 words"),
    ("writer_voice_share", "the writer's own voice", "{:.0%} of body words"),
    ("quoted_word_share", "quoted words", "{:.0%} of body words"),
    ("loaded_language_per_1k_writer", "loaded language in the writer's voice", "{:.1f} per 1,000 words"),
    ("hedge_per_1k_writer", "hedges in the writer's voice", "{:.1f} per 1,000 words"),
    ("loaded_cue_share", "loaded reporting verbs", "{:.0%} of cues"),
    ("agentless_attributions", "agentless attributions", "{:.0f}"),
    ("anonymous_attributions", "anonymous attributions", "{:.0f}"),
    ("unsourced_claims", "unsourced claims", "{:.0f}"),
    ("tone_mean", "mean sentence tone (VADER)", "{:+.2f}"),
)
#: how many headline measures are written out per article; the rest are summed up in one sentence
SHOWN = 3


def _ordinal(value: float) -> str:
    n = int(round(value))
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _frame(name: str) -> str:
    return name.replace("_", " ").lower()


def _rank(percentile: float) -> str:
    if percentile >= 100:
        return "above every one"
    if percentile <= 0:
        return "below every one"
    return f"the {_ordinal(percentile)} percentile"


def _where(p, by_group: dict) -> str:
    """``the 97th percentile of 599 corpus articles (95 % interval 90th to 99th; news 98th, opinion 95th)``."""
    interval = (f"95 % interval {_ordinal(p.low)} to {_ordinal(p.high)}" if p.low is not None
                else "no interval: not a sentence rate")
    groups = [f"{g} {_ordinal(by_group[g].percentile)}" for g in ("news", "opinion") if g in by_group]
    return (f"{_rank(p.percentile)} of {p.n:,} corpus articles ({interval}"
            + (f"; among {', '.join(groups)}" if groups else "") + ")")


def _placement(article: str, comparison) -> list[str]:
    found: dict[str, dict[str, object]] = {}
    for p in comparison.percentiles.rows:
        if p.article == article:
            found.setdefault(p.metric, {})[p.group] = p
    ranked = [(m, what, fmt) for m, what, fmt in HEADLINE if "all" in found.get(m, {})]
    if not ranked:
        return []
    ranked.sort(key=lambda h: (-abs(found[h[0]]["all"].percentile - 50.0), HEADLINE.index(h)))
    said = [f"{what}: {fmt.format(found[metric]['all'].value)}, {_where(found[metric]['all'], found[metric])}"
            for metric, what, fmt in ranked[:SHOWN]]
    text = f"**Where it sits.** It is furthest from the corpus' middle on {said[0]}."
    if len(said) > 1:
        text += f" Then come {_join(said[1:], sep='; ')}."
    middle = [what for metric, what, _ in ranked[SHOWN:] if 20 <= found[metric]["all"].percentile <= 80]
    if middle:
        text += f" It sits between the 20th and 80th percentile on {_join(middle)}."
    return [text]


def _join(words: list[str], *, sep: str = ", ") -> str:
    """``a``, ``a and b``, ``a, b and c`` (with ``sep="; "``: ``a; b; and c``, for clauses with commas)."""
    if len(words) < 3 and sep == ", ":
        return " and ".join(words)
    return words[0] if len(words) == 1 else sep.join(words[:-1]) + f"{sep.rstrip() if sep != ', ' else ''} and " + words[-1]


def _frames(row, reference_rows) -> list[str]:
    shares = sorted(((k[len("frame_"):-len("_share")], v) for k, v in row.metrics.items()
                     if k.startswith("frame_") and k.endswith("_share") and v), key=lambda kv: (-kv[1], kv[0]))
    if not shares:
        return ["**Frames.** No frame cue was found."]
    parts = []
    for frame, share in shares[:2]:
        means = []
        for group in ("news", "opinion"):
            values = [float(r.get(f"frame_{frame}_share") or 0.0) for r in reference_rows
                      if r.get("genre") == group or r.get("rating") == group]
            if values:
                means.append(f"{sum(values) / len(values):.0%} in corpus {group}")
        parts.append(f"{_frame(frame)} ({share:.0%} of its frame cues" + (f", against {' and '.join(means)}" if means else "")
                     + ")")
    return [f"**Frames.** Its leading frame{'s are' if len(parts) > 1 else ' is'} {' and '.join(parts)}."]


def _terms(article: str, comparison) -> list[str]:
    mine = [t for t in comparison.terms.rows if t.article == article]
    if not mine:
        return []
    over = [f"“{t.term}” (z {t.z:.1f}, {t.count}×)" for t in mine if t.direction == "over"][:5]
    under = [f"“{t.term}” (z {t.z:.1f})".replace("(z -", "(z −") for t in mine if t.direction == "under"][:3]
    others = len(comparison.metrics.rows) > 1
    against = ("the reference corpus" + (" and the other articles given" if others else "")) if comparison.corpus \
        else "the other articles given"
    text = f"**Distinctive terms.** Against {against}, it over-uses {_join(over)}" if over else \
        f"**Distinctive terms.** Against {against}, no term stands out as over-used"
    return [text + (f", and under-uses {_join(under)}." if under else ".")]


def _nearest(article: str, comparison) -> list[str]:
    near = [n for n in comparison.neighbours.rows if n.article == article]
    if not near:
        return []
    n = near[0]
    where = ", ".join(x for x in (n.source, n.rating, n.genre) if x)
    return [f"**Nearest coverage.** The closest corpus article is “{n.title}” ({where}; TF-IDF cosine "
            f"{n.similarity:.2f}); the next {len(near) - 1} are in `neighbours.csv`."]


def article_summary(index: int, comparison, figures: dict[str, Path] | None = None) -> str:
    """The section of ``summary.md`` for the ``index``-th article of ``comparison``."""
    row = comparison.metrics.rows[index]
    words = int(row.metrics.get("body_words") or 0)
    head = f"## {row.title or row.article}\n\n`{row.path}`" + (f", {row.source}" if row.source else "") + \
        f", {words:,} body words."
    parts = [head, *_placement(row.article, comparison), *_frames(row, comparison.reference_rows),
             *_terms(row.article, comparison), *_nearest(row.article, comparison)]
    if figures:
        parts.append("Figures: " + ", ".join(f"[{name}]({path.name})" for name, path in figures.items()) +
                     " (each beside the CSV of its numbers).")
    return "\n\n".join(parts) + "\n"


def summary_markdown(comparison, figures: dict[str, dict[str, Path]] | None = None) -> str:
    """The whole ``summary.md``: what was compared with what, then one section per article.
    ``figures``: by article label, the figures drawn (name to PNG path), linked from its section."""
    corpus = comparison.corpus
    n = len(comparison.metrics.rows)
    lines = ["# Comparison", ""]
    if corpus is not None:
        groups = ", ".join(f"{v:,} {k}" for k, v in corpus.groups.items() if v and k != "all")
        lines.append(f"{n} article{'s' * (n != 1)} against the reference corpus `{corpus.path}` "
                     f"({corpus.articles:,} articles: {groups}). Percentiles are mid-rank (ties count half), "
                     "never against the article itself; intervals are 95 % bootstrap intervals over the "
                     "article's sentences (`percentiles.csv` has every measure and group).")
    else:
        lines.append(f"{n} article{'s' * (n != 1)} compared with each other only: no reference corpus, so no "
                     "percentiles, nearest articles or corpus figures.")
    lines += [f"\n*Note:* {note}" for note in comparison.notes]
    lines.append("")
    for i, row in enumerate(comparison.metrics.rows):
        lines.append(article_summary(i, comparison, (figures or {}).get(row.article)))
    for path, reason in comparison.errors:
        lines.append(f"*Not compared:* `{path}`: {reason}\n")
    return "\n".join(lines).rstrip("\n") + "\n"
