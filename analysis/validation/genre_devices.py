"""Do writer-voice rates of framing devices separate opinion from reporting?

Data: the SemEval-2023 Task 3 articles in ``shared/benchmarks/semeval23-frames`` with their
genre labels (``labels-subtask-1.txt``); satire is left out, leaving opinion (positive
class) against reporting (only 23 articles).

Writer voice, approximated: a device counts when it starts outside double quotation marks
(“...” and "..." paired within a line; a quotation left open runs to the end of its line, as
in :func:`analysis.measures.framing.rule_devices.quoted_regions`), and the rate is devices per 1,000 words
outside those marks (:func:`analysis.read.sentences.count_words`). Attribution without quotation
marks ("officials said the plan may fail") stays in the writer's count: this is an
approximation of voice, not the project's attribution step.

For each device the table gives the mean rate per genre and the ROC AUC of the rate as a
score for "opinion" (0.5 = no separation; below 0.5 = the rate is higher in reporting) with
a stratified bootstrap 95 % percentile interval (2,000 resamples, fixed seed).

Caveat: 228 of the 282 articles are also PTC articles (same texts), on which the loaded list
was pruned and partly suggested; the row "loaded_language, first draft" uses only the entries
written from the definition before PTC was looked at.

Run: ``python -m analysis.validation.genre_devices``.
"""
from __future__ import annotations

import random
import re

from analysis.measures.framing import devices as dv
from analysis.measures.framing import word_devices as wd
from analysis.config import require_shared
from analysis.measures.framing.rule_devices import inside, quoted_regions
from analysis.read.sentences import count_words, split_sentences
from analysis.validation.ptc_devices import lexicon_rows

BOOTSTRAP = 2000
SEED = 0


def load_genre() -> list[tuple[str, str, str]]:
    """``(id, genre, text)`` for the opinion and reporting articles."""
    base = require_shared("benchmarks", "semeval23-frames")
    out = []
    for line in (base / "labels-subtask-1.txt").read_text(encoding="utf-8").splitlines():
        aid, genre = line.split("\t")
        if genre in ("opinion", "reporting"):
            text = (base / "articles" / f"article{aid}.txt").read_text(encoding="utf-8")
            out.append((aid, genre, text))
    return out


def writer_words(text: str, regions: list[tuple[int, int]]) -> int:
    """Words outside the quoted regions."""
    total, pos = 0, 0
    for s, e in regions:
        total += count_words(text, pos, max(pos, s))
        pos = max(pos, e)
    return total + count_words(text, pos)


def auc(pos: list[float], neg: list[float]) -> float:
    """Probability that a random positive scores above a random negative (ties count half):
    the Mann-Whitney U statistic over ``len(pos) * len(neg)``, from mid-ranks."""
    values = sorted((v, k < len(pos)) for k, v in enumerate(list(pos) + list(neg)))
    rank_sum, i = 0.0, 0
    while i < len(values):
        j = i
        while j < len(values) and values[j][0] == values[i][0]:
            j += 1
        mid = (i + j + 1) / 2  # mid-rank of the tied block, ranks starting at 1
        rank_sum += mid * sum(is_pos for _, is_pos in values[i:j])
        i = j
    n_pos, n_neg = len(pos), len(neg)
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def bootstrap_auc(pos, neg, *, n=BOOTSTRAP, seed=SEED) -> tuple[float, float]:
    rng = random.Random(seed)
    values = sorted(
        auc([rng.choice(pos) for _ in pos], [rng.choice(neg) for _ in neg]) for _ in range(n)
    )
    return values[int(0.025 * n)], values[int(0.975 * n) - 1]


def run() -> dict:
    articles = load_genre()
    draft = wd.Matcher(r for r in lexicon_rows() if r["source"] == "definition")
    rates: dict[str, dict[str, list[float]]] = {}
    for aid, genre, text in articles:
        sentences = [
            s for m in re.finditer(r"[^\n]+", text) for s in split_sentences(text, *m.span())
        ]
        regions = quoted_regions(text)
        starts = [s for s, _ in regions]
        words = max(writer_words(text, regions), 1)
        found = dv.find_devices(text, sentences)
        found["loaded_language, first draft"] = wd.match_lexicon(
            "loaded_language", text, sentences, matcher=draft, extension=wd.NO_EXTENSION
        )
        for kind, devices in found.items():
            n = sum(not inside(regions, starts, d.start) for d in devices)
            rates.setdefault(kind, {"opinion": [], "reporting": []})[genre].append(1000 * n / words)
    out = {"opinion": sum(g == "opinion" for _, g, _ in articles),
           "reporting": sum(g == "reporting" for _, g, _ in articles), "devices": {}}
    for kind, r in rates.items():
        lo, hi = bootstrap_auc(r["opinion"], r["reporting"])
        out["devices"][kind] = {
            "auc": auc(r["opinion"], r["reporting"]), "ci95": (lo, hi),
            "mean_opinion": sum(r["opinion"]) / len(r["opinion"]),
            "mean_reporting": sum(r["reporting"]) / len(r["reporting"]),
        }
    return out


def main() -> None:
    res = run()
    print(f"Genre separation by writer-voice rate per 1,000 words "
          f"({res['opinion']} opinion vs {res['reporting']} reporting; AUC > 0.5: higher in opinion)")
    print(f"{'device':30} {'opinion':>8} {'report.':>8} {'AUC':>6}  95% bootstrap")
    for kind, r in res["devices"].items():
        print(f"{kind:30} {r['mean_opinion']:8.2f} {r['mean_reporting']:8.2f} {r['auc']:6.3f}  "
              f"[{r['ci95'][0]:.3f}, {r['ci95'][1]:.3f}]")


if __name__ == "__main__":
    main()
