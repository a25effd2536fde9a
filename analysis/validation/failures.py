"""Document failures: the whole report over every text of PolNeAR dev, the PTC articles and
the 600-article reference corpus must never raise (target: 0 failures)."""
from __future__ import annotations

import sys
import time

from analysis.config import require_shared
from analysis.read.reader import InputError, read_article
from analysis.report.build import analyse_article


def _collections() -> dict[str, list]:
    return {
        "polnear_dev": sorted(require_shared("benchmarks", "polnear", "dev", "text").glob("*.txt")),
        "ptc": sorted(require_shared("benchmarks", "ptc", "articles").glob("*.txt")),
        "allsides_corpus": sorted(require_shared("corpus", "allsides", "articles").glob("*.json")),
    }


def run() -> dict:
    out = {}
    for name, paths in _collections().items():
        failed, refused, started = [], [], time.perf_counter()
        for path in paths:
            try:
                article, info = read_article(path)
                analyse_article(article, input_info=info).to_json()
            except InputError as exc:
                refused.append(f"{path.name}: {exc}")
            except Exception as exc:  # noqa: BLE001 - counting failures is the point
                failed.append(f"{path.name}: {type(exc).__name__}: {exc}")
        out[name] = {"documents": len(paths), "failed": len(failed), "refused": len(refused),
                     "examples": (failed + refused)[:5], "seconds": round(time.perf_counter() - started, 1)}
    out["documents_failed"] = sum(v["failed"] for v in out.values() if isinstance(v, dict))
    return out


if __name__ == "__main__":
    result = run()
    for name, v in result.items():
        print(name, v if not isinstance(v, dict) else {k: v[k] for k in ("documents", "failed", "refused", "seconds")})
    sys.exit(1 if result["documents_failed"] else 0)
