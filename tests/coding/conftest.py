"""Fixtures of the coding-sheet tests: the seed's report (made once per module with the public
``analysis.analyse_file``), as JSON text, as a dict and as a file."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_8b45763ab15ca29f.txt"


@pytest.fixture(scope="module")
def report_json() -> str:
    import analysis

    return analysis.analyse_file(SEED).to_json()


@pytest.fixture(scope="module")
def report(report_json) -> dict:
    return json.loads(report_json)


@pytest.fixture(scope="module")
def report_path(report_json, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("reports") / "seed.json"
    path.write_text(report_json, encoding="utf-8")
    return path
