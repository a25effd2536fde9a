"""Document failures: the whole report over every text of PolNeAR dev, the PTC articles and
the 600-article reference corpus must never raise (target: 0 failures). The documents run in
two processes (the machine's two cores); the counts do not depend on it."""
from __future__ import annotations

import os
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


def _one(path) -> tuple[str, str | None]:
    """("ok" | "refused" | "failed", the message) for one document."""
    try:
        article, info = read_article(path)
        analyse_article(article, input_info=info).to_json()
    except InputError as exc:
        return "refused", f"{path.name}: {exc}"
    except Exception as exc:  # noqa: BLE001 - counting failures is the point
        return "failed", f"{path.name}: {type(exc).__name__}: {exc}"
    return "ok", None


def run(workers: int | None = None) -> dict:
    """Every document in ``workers`` processes (default: one per core, at most two), in order."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    workers = workers or max(1, min(2, os.cpu_count() or 1))
    out = {}
    # spawned, not forked: the calling process may hold spaCy and its threads (make validate
    # runs other validations first), and a fork of a threaded process can hang
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        for name, paths in _collections().items():
            started = time.perf_counter()
            results = list(pool.map(_one, paths, chunksize=8))
            failed = [m for status, m in results if status == "failed"]
            refused = [m for status, m in results if status == "refused"]
            out[name] = {"documents": len(paths), "failed": len(failed), "refused": len(refused),
                         "examples": (failed + refused)[:5], "seconds": round(time.perf_counter() - started, 1)}
    out["documents_failed"] = sum(v["failed"] for v in out.values() if isinstance(v, dict))
    return out


if __name__ == "__main__":
    result = run()
    for name, v in result.items():
        print(name, v if not isinstance(v, dict) else {k: v[k] for k in ("documents", "failed", "refused", "seconds")})
    sys.exit(1 if result["documents_failed"] else 0)
