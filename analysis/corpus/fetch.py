"""Download the AllSides reference corpus for a user with internet: ``python -m analysis corpus fetch``.

The 600 articles are a sample of ``ramybaly/Article-Bias-Prediction`` (Baly et al. 2020,
Apache-2.0; the texts belong to their publishers). The package ships only their manifest
(``analysis/corpus/data/allsides_manifest.tsv``: id, rating, genre, source, topic, date, download
address at the pinned commit, and the SHA-256 of each article's ``content_original`` text),
never titles or texts. Each file is fetched with ``urllib`` into ``DEST/articles/<id>.json``
(default: ``cache_dir("allsides")``), beside a copy of the manifest, so the folder reads like
``../shared/corpus/allsides`` (:func:`analysis.corpus.run.list_corpus`).

Verified: the file parses as a JSON record, ``content_original`` is non-empty text, and its
SHA-256 matches the manifest (the text is hashed, not the file: upstream and the shared copy
serialise the same record differently). Resumable: a file already there and verified is not
fetched again; a download goes to a temporary name and is renamed only once verified, so an
interrupted run leaves no half file. A failure is reported with its reason and the others go on.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from analysis.version import __version__
from analysis.corpus.run import PACKAGED_MANIFEST, Progress, read_manifest

USER_AGENT = f"analysis/{__version__} corpus-fetch (Python urllib)"


@dataclass(frozen=True)
class FetchResult:
    """What a fetch did: ids downloaded now, ids already there and verified, ids that failed."""

    dest: Path
    downloaded: tuple[str, ...]
    present: tuple[str, ...]
    failed: tuple[tuple[str, str], ...]

    @property
    def ok(self) -> bool:
        return not self.failed


def verify_record(data: bytes, content_sha256: str = "") -> str | None:
    """None when ``data`` is a usable article record, else the reason it is not."""
    try:
        record = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        return f"not valid JSON ({exc})"
    if not isinstance(record, dict):
        return "not a JSON record"
    content = record.get("content_original")
    if not isinstance(content, str) or not content.strip():
        return "no content_original text"
    if content_sha256:
        digest = hashlib.sha256(content.encode("utf-8")).hexdigest()
        if digest != content_sha256:
            return f"content SHA-256 {digest[:12]}... does not match the manifest's {content_sha256[:12]}..."
    return None


def _fetch_one(id_: str, row: dict[str, str], folder: Path, timeout: float, retries: int) -> tuple[str, str | None]:
    """``("downloaded" | "present" | "failed", reason)`` for one article."""
    target = folder / f"{id_}.json"
    expected = row.get("content_sha256", "")
    if target.is_file() and verify_record(target.read_bytes(), expected) is None:
        return "present", None
    tmp = folder / f".{id_}.json.part"
    reason = "no download address in the manifest"
    for attempt in range(retries + 1) if row.get("url") else ():
        if attempt:
            time.sleep(min(2.0 ** attempt, 10.0))
        try:
            request = urllib.request.Request(row["url"], headers={"User-Agent": USER_AGENT})
            with urllib.request.urlopen(request, timeout=timeout) as response:
                data = response.read()
        except urllib.error.HTTPError as exc:
            reason = f"HTTP {exc.code} {exc.reason} from {row['url']}"
            if exc.code < 500:
                break
            continue
        except (urllib.error.URLError, OSError) as exc:
            reason = f"cannot download {row['url']}: {getattr(exc, 'reason', exc)}"
            continue
        reason = verify_record(data, expected)
        if reason is not None:
            break
        tmp.write_bytes(data)
        tmp.replace(target)
        return "downloaded", None
    tmp.unlink(missing_ok=True)
    return "failed", reason


def fetch_corpus(
    dest: str | Path | None = None,
    *,
    manifest: str | Path = PACKAGED_MANIFEST,
    timeout: float = 30.0,
    retries: int = 2,
    threads: int = 4,
    progress: bool = True,
) -> FetchResult:
    """Download every article of ``manifest`` into ``dest/articles`` (see the module doc)."""
    from analysis.config import cache_dir

    dest = Path(dest) if dest is not None else cache_dir("allsides")
    folder = dest / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    rows = read_manifest(manifest)
    if Path(manifest).resolve() != (dest / "manifest.tsv").resolve():
        shutil.copyfile(manifest, dest / "manifest.tsv")
    bar = Progress(len(rows), label="files", enabled=progress)
    outcomes: dict[str, list] = {"downloaded": [], "present": [], "failed": []}
    with ThreadPoolExecutor(max_workers=max(1, threads)) as pool:
        ids = sorted(rows)
        statuses = pool.map(lambda i: _fetch_one(i, rows[i], folder, timeout, retries), ids)
        for id_, (status, reason) in zip(ids, statuses):
            outcomes[status].append((id_, reason) if status == "failed" else id_)
            bar.update(status == "failed")
    bar.close()
    return FetchResult(dest, tuple(outcomes["downloaded"]), tuple(outcomes["present"]), tuple(outcomes["failed"]))
