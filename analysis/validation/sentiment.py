"""Validation of the sentiment measures.

- The 5,190 human-rated New York Times editorial sentences behind VADER's paper, from the
  vaderSentiment 3.3.2 source distribution (``additional_resources/hutto_ICWSM_2014.tar.gz``,
  ``nytEditorialSnippets_GroundTruth.txt``: id, mean rating, text), fetched once with
  ``pip download --no-deps --no-binary :all: vaderSentiment==3.3.2`` into the cache. Pearson r
  with the mean rating, and 3-class macro-F1 (gold = mean / 4 against ±0.05, predictions
  against ±0.05), for our sentence scorer and TextBlob side by side. This checks the
  implementation: r must come out at 0.503 (the paper reports 0.492 with an older release).
- NewsMTSC dev-rw and dev-mt: macro-F1 of the target-dependent classifier against sentence
  VADER and window VADER (:mod:`analysis.validation.newsmtsc`).
"""
from __future__ import annotations

import io
import math
import subprocess
import sys
import tarfile
from pathlib import Path

from analysis.config import DataUnavailable, cache_dir
from analysis.validation.scoring import prf_table

CLASSES = ("negative", "neutral", "positive")


def _label(score: float) -> str:
    return "positive" if score >= 0.05 else "negative" if score <= -0.05 else "neutral"


def pearson(xs: list[float], ys: list[float]) -> float:
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    cov = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sx = math.sqrt(sum((x - mx) ** 2 for x in xs))
    sy = math.sqrt(sum((y - my) ** 2 for y in ys))
    return cov / (sx * sy) if sx and sy else 0.0


def nyt_sentences() -> list[tuple[float, str]]:
    """(mean rating, text) of the NYT editorial snippets; fetched and cached on first use."""
    folder = cache_dir("vader-3.3.2")
    cached = folder / "nytEditorialSnippets_GroundTruth.txt"
    if not cached.is_file():
        sdist = next(folder.glob("vaderSentiment-3.3.2.tar.gz"), None)
        if sdist is None:
            proc = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
                                   "--dest", str(folder), "vaderSentiment==3.3.2"], capture_output=True, text=True)
            sdist = next(folder.glob("vaderSentiment-3.3.2.tar.gz"), None)
            if proc.returncode or sdist is None:
                raise DataUnavailable("cannot fetch the vaderSentiment 3.3.2 source distribution (no package registry?)")
        cached.write_bytes(_extract(sdist))
    rows = []
    for line in cached.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split("\t")
        if len(parts) >= 3:
            rows.append((float(parts[1]), parts[2]))
    return rows


def _extract(sdist: Path) -> bytes:
    with tarfile.open(sdist) as outer:
        member = next(m for m in outer.getmembers() if m.name.endswith("hutto_ICWSM_2014.tar.gz"))
        inner_bytes = outer.extractfile(member).read()
    with tarfile.open(fileobj=io.BytesIO(inner_bytes)) as inner:
        member = next(m for m in inner.getmembers() if m.name.endswith("nytEditorialSnippets_GroundTruth.txt"))
        return inner.extractfile(member).read()


def nyt() -> dict:
    from textblob import TextBlob

    from analysis.measures.sentiment.tone import vader

    rows = nyt_sentences()
    gold = [m for m, _ in rows]
    ours = [vader(t)[0]["compound"] for _, t in rows]
    blob = [TextBlob(t).sentiment.polarity for _, t in rows]
    gold_labels = [_label(m / 4) for m in gold]
    return {
        "sentences": len(rows),
        "vader_r": round(pearson(ours, gold), 4),
        "vader_macro_f1": prf_table(list(zip(map(_label, ours), gold_labels)), CLASSES)["macro_f1"],
        "textblob_r": round(pearson(blob, gold), 4),
        "textblob_macro_f1": prf_table(list(zip(map(_label, blob), gold_labels)), CLASSES)["macro_f1"],
    }


def run() -> dict:
    out: dict = {}
    try:
        out["nyt"] = nyt()
    except DataUnavailable as exc:
        out["nyt_skipped"] = str(exc)
    try:
        from analysis.validation.newsmtsc import run as newsmtsc
    except ImportError:
        out["newsmtsc_skipped"] = "the target-dependent classifier is not in this version"
    else:
        out["newsmtsc"] = newsmtsc()
    if "nyt" not in out and "newsmtsc" not in out:
        raise DataUnavailable(out.get("nyt_skipped", "no sentiment benchmark available"))
    return out


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=1))
