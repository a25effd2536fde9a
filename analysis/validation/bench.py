"""Benchmark corpus mode against plain VADER: ``python -m analysis.validation.bench [--large]`` (``make bench``).

Two whole processes over the same 600 AllSides reference articles (``../shared``), each timed
from start to exit, imports included:

1. corpus mode, starting cold (an empty ``ANALYSIS_CACHE`` in a temporary folder):
   ``python -m analysis.cli.compare corpus analyse DIR --out TMP`` on all cores;
2. the floor: plain VADER (``vaderSentiment``) in one process over each article's
   ``content_original``, split into sentences by nltk's Punkt with our abbreviation list
   (``PunktParameters.abbrev_types`` = ``analysis.read.sentences.ABBREVIATIONS | TITLES``; no nltk data).

Reported: both times, their ratio (target: corpus mode at most 3 times VADER), throughput in
articles per second, and peak memory: the largest single process (``ru_maxrss`` of the child
via ``os.wait4``, which covers its reaped workers) and, when psutil is installed, the peak sum
over the process tree sampled every 0.1 s. ``--large`` adds a 10,000-article run (the corpus
repeated through symbolic links; ``--large N`` for N articles) to show memory stays flat: its
peak next to the 600 run's.
The figures go to ``docs/validation/bench.json``. They depend on the machine and its load;
the load average at the start is recorded with them.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from analysis.config import PROJECT_ROOT, SharedMissing, require_shared

TARGET_RATIO = 3.0
LARGE = 10_000
OUT = PROJECT_ROOT / "docs" / "validation" / "bench.json"


def vader_baseline(folder: str | Path) -> dict:
    """Score every sentence of every article of ``folder`` with plain VADER; counts and seconds."""
    start = time.perf_counter()
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from analysis.corpus.run import list_corpus
    from analysis.read.sentences import ABBREVIATIONS, TITLES

    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS | TITLES)
    tokenizer, analyzer = PunktSentenceTokenizer(params), SentimentIntensityAnalyzer()
    articles = sentences = 0
    for entry in list_corpus(folder):
        raw = Path(entry.path).read_text(encoding="utf-8")
        text = json.loads(raw).get("content_original", "") if entry.path.endswith(".json") else raw
        for sentence in tokenizer.tokenize(text):
            analyzer.polarity_scores(sentence)
            sentences += 1
        articles += 1
    return {"articles": articles, "sentences": sentences, "seconds_inside": round(time.perf_counter() - start, 2)}


def _tree_rss(pid: int) -> int:
    import psutil

    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for proc in procs:
        try:
            total += proc.memory_info().rss
        except psutil.Error:
            pass
    return total


def measure(cmd: list[str], env: dict, log: Path) -> dict:
    """Run ``cmd`` as a whole process: wall seconds, exit code, peak memory (see the module doc)."""
    from importlib.util import find_spec

    sampling = find_spec("psutil") is not None  # optional: the process-tree peak
    peak = [0]
    with log.open("w", encoding="utf-8") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=err, cwd=PROJECT_ROOT)
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.1):
                peak[0] = max(peak[0], _tree_rss(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        if sampling:
            sampler.start()
        stdout = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        done.set()
        proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        tail = log.read_text(encoding="utf-8")[-2000:]
        print(f"{' '.join(cmd)} failed ({proc.returncode}):\n{tail}", file=sys.stderr)
    return {"seconds": round(seconds, 2), "exit_code": proc.returncode, "max_rss_mb": round(usage.ru_maxrss / 1024, 1),
            "peak_tree_rss_mb": round(peak[0] / 2 ** 20, 1) if sampling else None,
            "stdout": stdout.decode("utf-8", "replace").strip()}


def corpus_run(folder: Path, out: Path, env: dict, jobs: int, log: Path) -> dict:
    """Corpus mode over ``folder`` as a whole process, with its counts from the files it wrote."""
    cmd = [sys.executable, "-m", "analysis.cli.compare", "corpus", "analyse", str(folder), "--out", str(out),
           "--jobs", str(jobs), "--quiet"]
    result = measure(cmd, env, log)
    result.pop("stdout")
    rows, errors = (_data_lines(out / name) for name in ("metrics.csv", "errors.csv"))
    result.update(analysed=rows, failed=errors, articles_per_second=round((rows + errors) / result["seconds"], 2))
    return result


def _data_lines(path: Path) -> int:
    """Rows of a CSV file after its header (0 when it is missing; no field here spans lines)."""
    if not path.exists():
        return 0
    with path.open(encoding="utf-8") as fh:
        return max(0, sum(1 for _ in fh) - 1)


def repeated_folder(entries, target: Path, n: int) -> Path:
    """A folder of ``n`` symbolic links cycling through ``entries`` (r00/<id>.json, r01/..., ...)."""
    for k in range(n):
        entry = entries[k % len(entries)]
        link = target / f"r{k // len(entries):02d}" / Path(entry.path).name
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(Path(entry.path).resolve())
    return target


def run(corpus: Path, *, jobs: int = -1, large: int = 0, out: Path = OUT) -> dict:
    """Run the benchmark (``large``: articles in the repeated run, 0 for none) and write ``out``."""
    from analysis.corpus.run import list_corpus

    entries = list_corpus(corpus)
    load = os.getloadavg()
    figures: dict = {
        "what": "corpus mode (cold cache, all cores) vs plain VADER (one process), whole processes, same articles",
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "load_average_at_start": [round(x, 2) for x in load]},
        "articles": len(entries), "jobs": jobs, "target_ratio": TARGET_RATIO,
    }
    with tempfile.TemporaryDirectory(prefix="analysis-bench-") as tmp:
        tmp = Path(tmp)
        env = {**os.environ, "ANALYSIS_CACHE": str(tmp / "cache")}
        print(f"corpus mode over {len(entries)} articles (cold cache) ...", file=sys.stderr)
        figures["corpus_mode"] = corpus_run(corpus, tmp / "out600", env, jobs, tmp / "corpus.log")
        print(f"  {figures['corpus_mode']}", file=sys.stderr)
        print("plain VADER over the same articles ...", file=sys.stderr)
        vader = measure([sys.executable, "-m", "analysis.validation.bench", "--vader-baseline", str(corpus)],
                        env, tmp / "vader.log")
        inside = json.loads(vader.pop("stdout") or "{}")
        vader.update(inside, articles_per_second=round(inside.get("articles", 0) / vader["seconds"], 2))
        figures["vader"] = vader
        print(f"  {vader}", file=sys.stderr)
        ratio = figures["corpus_mode"]["seconds"] / vader["seconds"]
        figures["ratio"] = round(ratio, 2)
        figures["meets_target"] = ratio <= TARGET_RATIO
        if large:
            print(f"corpus mode over {large:,} articles (the corpus repeated) ...", file=sys.stderr)
            folder = repeated_folder(entries, tmp / "large", large)
            big = corpus_run(folder, tmp / "out_large", env, jobs, tmp / "large.log")
            small = figures["corpus_mode"]
            big["max_rss_vs_600"] = round(big["max_rss_mb"] / small["max_rss_mb"], 2)
            if big["peak_tree_rss_mb"] and small["peak_tree_rss_mb"]:
                big["peak_tree_rss_vs_600"] = round(big["peak_tree_rss_mb"] / small["peak_tree_rss_mb"], 2)
            figures["large"] = {"articles": large, **big}
            print(f"  {big}", file=sys.stderr)
    out.parent.mkdir(parents=True, exist_ok=True)
    kept = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
    figures = {**figures, **({"scaling": kept["scaling"]} if "scaling" in kept else {})}  # analysis.validation.scaling's
    out.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    print(f"ratio {figures['ratio']} (target <= {TARGET_RATIO}); wrote {out}", file=sys.stderr)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.validation.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--large", type=int, nargs="?", const=LARGE, default=0, metavar="N",
                        help=f"also run N articles (default {LARGE:,}), the corpus repeated, to check memory stays flat")
    parser.add_argument("--jobs", type=int, default=-1, help="workers for corpus mode (default -1: all cores)")
    parser.add_argument("--corpus", metavar="DIR", help="the corpus (default: the shared AllSides sample)")
    parser.add_argument("--out", metavar="JSON", default=str(OUT), help="where to write the figures")
    parser.add_argument("--vader-baseline", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.vader_baseline:
        print(json.dumps(vader_baseline(args.vader_baseline)))
        return 0
    try:
        corpus = (Path(args.corpus) if args.corpus else require_shared("corpus", "allsides")).resolve()
    except SharedMissing as exc:
        print(f"bench skipped: {exc}", file=sys.stderr)
        return 0
    figures = run(corpus, jobs=args.jobs, large=args.large, out=Path(args.out))
    return 0 if figures["corpus_mode"]["exit_code"] in (0, 1) and figures["vader"]["exit_code"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
