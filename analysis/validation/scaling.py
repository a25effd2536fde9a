"""Time against size, and hostile text: ``python -m analysis.validation.scaling`` (part of ``make bench``).

Each analysis runs in a child process (``--one FILE``) that reads the file and times
``analyse_article`` alone, imports and the spaCy load left out; the parent kills it past its
limit, so a hang is recorded as such and never stalls the run.

1. **Scaling**: news text of 100, 200, 400 and 800 KB (the ``content_original`` of the
   reference articles of ``../shared``, in manifest order, joined by blank lines, cut at a
   paragraph), with the parse (``actors=True``, as ``report`` runs) and without it. The ratio of
   times per doubling must stay at or below :data:`MAX_RATIO` (2.3; 2.0 is linear). The parse's
   share of the time and its speed (words per second) are recorded beside.
2. **A 9 MB article** (the same text repeated), within its budget: 30 s plus 30 s per MB
   (:func:`analysis.corpus.pool.article_budget`).
3. **Hostile inputs**, each analysed (a report comes back) within :data:`HOSTILE_SECONDS`:
   a sentence opening with 400 capitalised words, ``U.U.U...`` over 600 KB, 12,500 paired
   quotes in one paragraph, 50,000 unmatched opening marks, a 500 KB paragraph without
   punctuation, 200,000 mixed quote marks (:func:`hostile_inputs`).
4. **Markdown with unclosed markup**: one paragraph of 100, 200, 400 and 800 KB of unclosed
   emphasis, link, image, autolink and comment openers (:func:`hostile_markdown`), read
   (``read_article`` alone, in a child process as above); the ratio per doubling must stay at or
   below :data:`MAX_RATIO`.

The exit code is 1 when a check fails. The figures go under ``scaling`` in
``docs/validation/bench.json`` (the other fields of that file are kept).
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from analysis.config import PROJECT_ROOT, SharedMissing, require_shared

SIZES_KB = (100, 200, 400, 800)
MAX_RATIO = 2.3
HOSTILE_SECONDS = 30.0
BIG_MB = 9
OUT = PROJECT_ROOT / "docs" / "validation" / "bench.json"


def news_text(articles: Path, size: int) -> str:
    """About ``size`` bytes (UTF-8) of news text: the reference articles joined by blank lines,
    repeated when they are not enough, cut at a paragraph break."""
    texts = [json.loads(p.read_text(encoding="utf-8")).get("content_original", "").strip()
             for p in sorted(articles.glob("*.json"))]
    texts = [t for t in texts if t]
    pieces, total = [], 0
    for text in itertools.cycle(texts):
        if total >= size:
            break
        pieces.append(text)
        total += len(text.encode("utf-8")) + 2
    return "\n\n".join(pieces) + "\n"


def hostile_inputs() -> dict[str, str]:
    """The hostile inputs of issue 13, by name (deterministic)."""
    rng = random.Random(13)
    capitals = " ".join("".join(rng.choice(string.ascii_uppercase) for _ in range(6)) for _ in range(400))
    plain = "the officials said that the plan would go ahead and he told reporters it was believed".split()
    marks = "\"“”‘’'«»"
    return {
        "capitalised_opening": f"A headline\n\n{capitals} said the man.\n\nU.U.U.U: {capitals}\n",
        "dotted_capitals_600kb": "U." * 300_000 + "\n",
        "paired_quotes_12500": " ".join("“word”" for _ in range(12_500)) + "\n",
        "unmatched_open_50000": " ".join("“word" for _ in range(50_000)) + "\n",
        "no_punctuation_500kb": " ".join(itertools.islice(itertools.cycle(plain), 100_000)) + "\n",
        "mixed_marks_200000": " ".join(rng.choice(marks) + "w" for _ in range(200_000)) + "\n",
    }


def hostile_markdown(size: int) -> str:
    """About ``size`` bytes of Markdown: a headline, then one paragraph of unclosed openers."""
    unit = "*a _b **c ![d [e]( <http://f <!-- g [h "
    return "# A headline\n\n" + unit * (size // len(unit)) + "\n"


def time_one(path: Path, *, actors: bool, limit: float, read_only: bool = False) -> dict:
    """Analyse ``path`` (or only read it) in a child process, killed after ``limit`` seconds."""
    cmd = [sys.executable, "-m", "analysis.validation.scaling", "--one", str(path)] + (["--actors"] if actors else [])
    cmd += ["--read-only"] if read_only else []
    start = time.perf_counter()
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=limit, cwd=PROJECT_ROOT)
    except subprocess.TimeoutExpired:
        return {"ok": False, "seconds": None, "wall": round(time.perf_counter() - start, 2),
                "error": f"no report within {limit:g} s"}
    if done.returncode != 0:
        return {"ok": False, "seconds": None, "error": done.stderr.strip()[-500:]}
    return {"ok": True, **json.loads(done.stdout)}


def _one(path: str, actors: bool, read_only: bool = False) -> dict:
    from analysis.read.reader import read_article
    from analysis.read.sentences import count_words
    from analysis.report.build import analyse_article

    start = time.perf_counter()
    article, info = read_article(path)
    if read_only:
        return {"seconds": round(time.perf_counter() - start, 3), "bytes": os.path.getsize(path),
                "paragraphs": len(article.paragraphs)}
    if actors:
        from analysis.nlp import load

        load(None)  # the pipeline loads once per process: not part of the article's time
    start = time.perf_counter()
    report = analyse_article(article, input_info=info, actors=actors)
    report.to_json()
    return {"seconds": round(time.perf_counter() - start, 2), "bytes": os.path.getsize(path),
            "words": count_words(article.text), "quotes": len(report.sections["quotes"])}


def scaling(articles: Path, tmp: Path) -> dict:
    """Times for each size with and without the parse; ratios per doubling."""
    out: dict = {"sizes_kb": list(SIZES_KB), "max_ratio": MAX_RATIO}
    for actors in (False, True):
        key = "with_parse" if actors else "without_parse"
        rows = []
        for kb in SIZES_KB:
            path = tmp / f"news{kb}.txt"
            path.write_text(news_text(articles, kb * 1000), encoding="utf-8")
            print(f"  {kb} KB, {key} ...", file=sys.stderr)
            rows.append({"kb": kb, **time_one(path, actors=actors, limit=1800)})
            print(f"    {rows[-1]}", file=sys.stderr)
        times = [r["seconds"] for r in rows]
        ratios = [round(b / a, 2) if a and b else None for a, b in zip(times, times[1:])]
        out[key] = {"runs": rows, "ratios": ratios,
                    "linear": all(r is not None and r <= MAX_RATIO for r in ratios)}
    off, on = out["without_parse"]["runs"], out["with_parse"]["runs"]
    out["parse"] = [{"kb": a["kb"], "share": round(1 - a["seconds"] / b["seconds"], 3),
                     "words_per_second": round(b["words"] / (b["seconds"] - a["seconds"]))}
                    for a, b in zip(off, on) if a["ok"] and b["ok"] and b["seconds"] > a["seconds"]]
    return out


def markdown_scaling(tmp: Path) -> dict:
    """Times to read :func:`hostile_markdown` of each size; ratios per doubling."""
    rows = []
    for kb in SIZES_KB:
        path = tmp / f"hostile{kb}.md"
        path.write_text(hostile_markdown(kb * 1000), encoding="utf-8")
        print(f"  markdown {kb} KB ...", file=sys.stderr)
        rows.append({"kb": kb, **time_one(path, actors=False, limit=HOSTILE_SECONDS, read_only=True)})
        print(f"    {rows[-1]}", file=sys.stderr)
    times = [r["seconds"] for r in rows]
    ratios = [round(b / a, 2) if a and b else None for a, b in zip(times, times[1:])]
    return {"runs": rows, "ratios": ratios, "max_ratio": MAX_RATIO,
            "linear": all(r is not None and r <= MAX_RATIO for r in ratios)}


def run(*, out: Path = OUT, big: bool = True) -> dict:
    from analysis.corpus.pool import article_budget

    articles = require_shared("corpus", "allsides", "articles")
    figures: dict = {"machine": {"cpus": os.cpu_count(), "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}}
    with tempfile.TemporaryDirectory(prefix="analysis-scaling-") as tmp:
        tmp = Path(tmp)
        print("scaling ...", file=sys.stderr)
        figures["scaling"] = scaling(articles, tmp)
        hostile = {}
        for name, text in hostile_inputs().items():
            path = tmp / f"{name}.txt"
            path.write_text(text, encoding="utf-8")
            print(f"hostile {name} ...", file=sys.stderr)
            hostile[name] = {"bytes": path.stat().st_size, "limit": HOSTILE_SECONDS,
                             **time_one(path, actors=True, limit=HOSTILE_SECONDS)}
            print(f"  {hostile[name]}", file=sys.stderr)
        figures["hostile"] = hostile
        print("markdown with unclosed markup ...", file=sys.stderr)
        figures["markdown"] = markdown_scaling(tmp)
        if big:
            path = tmp / "big.txt"
            path.write_text(news_text(articles, BIG_MB * 1_000_000), encoding="utf-8")
            budget = article_budget(path.stat().st_size)
            print(f"a {BIG_MB} MB article (budget {budget:g} s) ...", file=sys.stderr)
            figures["big_article"] = {"bytes": path.stat().st_size, "budget": budget,
                                      **time_one(path, actors=True, limit=budget)}
            print(f"  {figures['big_article']}", file=sys.stderr)
    figures["passed"] = (figures["scaling"]["with_parse"]["linear"] and figures["scaling"]["without_parse"]["linear"]
                         and all(h["ok"] for h in hostile.values()) and figures["markdown"]["linear"]
                         and figures.get("big_article", {"ok": True})["ok"])
    previous = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
    previous["scaling"] = figures
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(previous, indent=1) + "\n", encoding="utf-8")
    print(f"scaling {'passed' if figures['passed'] else 'FAILED'}; wrote {out}", file=sys.stderr)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.validation.scaling", description=__doc__.splitlines()[0])
    parser.add_argument("--out", metavar="JSON", default=str(OUT), help="the bench file to add the figures to")
    parser.add_argument("--no-big", action="store_true", help=f"leave out the {BIG_MB} MB article")
    parser.add_argument("--one", metavar="FILE", help=argparse.SUPPRESS)
    parser.add_argument("--actors", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--read-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(_one(args.one, args.actors, args.read_only)))
        return 0
    try:
        figures = run(out=Path(args.out), big=not args.no_big)
    except SharedMissing as exc:
        print(f"scaling bench skipped: {exc}", file=sys.stderr)
        return 0
    return 0 if figures["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
