"""Shared fixtures: the seed, its report, and the shared data folder (skipped when absent)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis.config import shared_dir

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_8b45763ab15ca29f.txt"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_report() -> dict:
    from analysis.report import analyse_file

    return json.loads(analyse_file(SEED).to_json())


@pytest.fixture(scope="session")
def shared() -> Path:
    path = shared_dir()
    if path is None:
        pytest.skip("the shared data folder is absent: set ANALYSIS_SHARED to run this test")
    return path
