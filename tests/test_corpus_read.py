"""Every article of the 600-article reference corpus reads without an error."""
from __future__ import annotations

import pytest

from analysis.read.reader import read_article


@pytest.mark.shared
def test_reads_all_reference_articles(shared):
    files = sorted((shared / "corpus" / "allsides" / "articles").glob("*.json"))
    assert len(files) == 600
    failures = []
    for path in files:
        try:
            article, _ = read_article(path)
        except Exception as exc:  # noqa: BLE001 - the test lists every failure
            failures.append(f"{path.name}: {exc}")
            continue
        assert article.sentences, path.name
        assert article.body_words > 0, path.name
    assert failures == []
