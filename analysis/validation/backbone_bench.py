"""Speed of the analysis against the parse itself: ``python -m analysis.validation.backbone_bench``.

Whole processes, imports included, each the median of ``REPEAT`` runs, all in one run so the
ratios compare like with like (the machine's load is recorded beside them):

(a) the floor for one article: a process that imports spaCy, loads the shipped model and parses
    the seed (``nlp(text)``);
(b) the floor for a corpus: ``nlp.pipe`` over the ``content_original`` of the 600 reference
    articles in one process;
(c) one report as a whole process: ``python -m analysis report SEED``; target (c) <= 1.5 (a);
(d) corpus mode over the 600 articles from a cold cache: target (d) <= 2 (b);
(e) plain VADER over the same articles' sentences (the earlier floor), for the ratio to it.
Written to ``docs/validation/backbone_bench.json``.
"""
from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

from analysis.config import PROJECT_ROOT, SharedMissing, require_shared
from analysis.validation.bench import measure

REPEAT = 3
OUT = PROJECT_ROOT / "docs" / "validation" / "backbone_bench.json"
SEED = PROJECT_ROOT / "seeds" / "000_8b45763ab15ca29f.txt"

_PARSE_ONE = """
import sys, spacy
from analysis.nlp.pipeline import shipped_model_dir
nlp = spacy.load(shipped_model_dir())
nlp(open(sys.argv[1], encoding="utf-8").read())
"""
_PARSE_CORPUS = """
import json, sys, spacy
from pathlib import Path
from analysis.nlp.pipeline import shipped_model_dir
nlp = spacy.load(shipped_model_dir())
texts = (json.loads(p.read_text(encoding="utf-8")).get("content_original") or ""
         for p in sorted(Path(sys.argv[1]).glob("*.json")))
words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64))
print(json.dumps({"tokens": words}))
"""


def _median(cmd: list[str], env: dict, log: Path, repeat: int) -> dict:
    runs = [measure(cmd, env, log) for _ in range(repeat)]
    best = sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2]
    best["runs"] = [r["seconds"] for r in runs]
    best["seconds"] = round(statistics.median(best["runs"]), 2)
    return best


def run(*, repeat: int = REPEAT, out: Path = OUT) -> dict:
    articles = require_shared("corpus", "allsides", "articles")
    corpus = articles.parent
    figures: dict = {"machine": {"cpus": os.cpu_count(), "load_average_at_start": [round(x, 2) for x in os.getloadavg()]},
                     "repeat": repeat}
    with tempfile.TemporaryDirectory(prefix="analysis-bench-") as tmp:
        tmp = Path(tmp)
        env = {**os.environ, "ANALYSIS_CACHE": str(tmp / "cache")}
        py = sys.executable
        steps = {
            "a_parse_seed": [py, "-c", _PARSE_ONE, str(SEED)],
            "b_parse_corpus": [py, "-c", _PARSE_CORPUS, str(articles)],
            "c_report_seed": [py, "-m", "analysis", "report", str(SEED), "--out", str(tmp / "seed")],
            "e_vader_corpus": [py, "-m", "analysis.validation.bench", "--vader-baseline", str(corpus)],
        }
        for name, cmd in steps.items():
            print(f"{name} ...", file=sys.stderr)
            figures[name] = _median(cmd, env, tmp / f"{name}.log", repeat)
            figures[name].pop("stdout", None)
            print(f"  {figures[name]['seconds']} s", file=sys.stderr)
        runs = []
        for k in range(repeat):
            print(f"d_corpus_mode run {k + 1} ...", file=sys.stderr)
            cache = {**env, "ANALYSIS_CACHE": str(tmp / f"cold{k}")}
            runs.append(measure([py, "-m", "analysis", "corpus", "analyse", str(corpus), "--out",
                                 str(tmp / f"out{k}"), "--quiet"], cache, tmp / "corpus.log"))
        figures["d_corpus_mode"] = {"seconds": round(statistics.median(r["seconds"] for r in runs), 2),
                                    "runs": [r["seconds"] for r in runs],
                                    "max_rss_mb": max(r["max_rss_mb"] for r in runs)}
    a, b = figures["a_parse_seed"]["seconds"], figures["b_parse_corpus"]["seconds"]
    c, d = figures["c_report_seed"]["seconds"], figures["d_corpus_mode"]["seconds"]
    figures["ratios"] = {
        "report_vs_parse_seed": round(c / a, 2), "report_target": 1.5,
        "corpus_vs_parse_corpus": round(d / b, 2), "corpus_target": 2.0,
        "corpus_vs_vader": round(d / figures["e_vader_corpus"]["seconds"], 2),
        "parse_corpus_vs_vader": round(b / figures["e_vader_corpus"]["seconds"], 2),
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(figures["ratios"]), file=sys.stderr)
    return figures


if __name__ == "__main__":
    try:
        run()
    except SharedMissing as exc:
        print(f"bench skipped: {exc}", file=sys.stderr)
