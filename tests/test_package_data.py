"""A regular (non-editable) install carries every data file the package reads (issue 12): each
file under ``analysis/`` that is not Python is matched by the package data of ``pyproject.toml``,
and so is every path the code names through ``importlib.resources``; the recorded validation
figures are read from the package, not from the source tree. The install itself is checked by
``make install-check`` (a fresh environment; some minutes, so not in the test suite)."""
from __future__ import annotations

import fnmatch
import json
import os
import re
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "analysis"
PATTERNS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]["analysis"]
# resources.files("analysis.x") / "a" / "b": the package and the literal parts after it
_RESOURCE = re.compile(r'resources\.files\("(analysis[\w.]*)"\)((?:\s*/\s*"[^"{}]+")*)')


def packaged(rel: str) -> bool:
    """Whether a path relative to ``analysis/`` is package data (setuptools globs: ``*`` stays in a folder)."""
    return any(fnmatch.fnmatch(rel, p) and rel.count("/") == p.count("/") for p in PATTERNS)


def data_files(folder: Path) -> list[str]:
    """Files below ``folder`` (linked folders followed) that are not Python, relative to ``analysis/``."""
    out = []
    for base, dirs, files in os.walk(folder, followlinks=True):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        out += [(Path(base) / f).relative_to(PACKAGE).as_posix() for f in files if not f.endswith((".py", ".pyc"))]
    return out


def tracked() -> list[str]:
    try:
        listed = subprocess.run(["git", "ls-files", "analysis"], cwd=ROOT, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    out = []
    for name in listed.stdout.split():
        path = ROOT / name
        if path.is_dir():  # a committed link to a folder: its files
            out += data_files(path)
        elif not name.endswith(".py"):
            out.append(path.relative_to(PACKAGE).as_posix())
    return out


def test_every_committed_data_file_is_package_data():
    files = tracked()
    assert files and [f for f in files if not packaged(f)] == []


def test_every_path_opened_through_importlib_resources_is_package_data():
    named = []
    for source in PACKAGE.rglob("*.py"):
        for package, parts in _RESOURCE.findall(source.read_text(encoding="utf-8")):
            base = PACKAGE.joinpath(*package.split(".")[1:], *re.findall(r'"([^"]+)"', parts))
            named.append((source.name, base))
    assert len(named) >= 5
    for source, path in named:
        assert path.exists(), f"{source} opens {path}, which does not exist"
        files = data_files(path) if path.is_dir() else [path.relative_to(PACKAGE).as_posix()]
        if path == PACKAGE:  # the package itself (lexicon.py finds its files below it)
            continue
        assert files and all(packaged(f) for f in files), (source, [f for f in files if not packaged(f)])


def test_the_recorded_validation_figures_are_read_from_the_package():
    from analysis.outputs import findings

    recorded = sorted(p.stem for p in (ROOT / "docs" / "validation").glob("*.json"))
    assert "quotes" in recorded
    for name in recorded:
        assert packaged(f"validation/recorded/{name}.json")
        assert findings.validation(name) == json.loads((ROOT / "docs" / "validation" / f"{name}.json").read_text("utf-8"))
    assert findings.validation("no-such-validation") is None
    assert "PROJECT_ROOT" not in (PACKAGE / "outputs" / "findings.py").read_text(encoding="utf-8")
