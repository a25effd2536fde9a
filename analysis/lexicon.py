"""The one loader for the package's word lists and model files.

Lexicons are small TSV files in ``analysis/lexicons/``: comment lines starting with ``#``
first (what the list follows, who wrote it, how it was built), then a header row naming the
columns, then one entry per row. Model weights are JSON files in ``analysis/models/``.
Every file is read once per process and hashed, so a report can name exactly which word
lists and weights produced it (``generator.data_files``).
"""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

#: The installed package's folder, found through importlib.resources (a regular install and a checkout alike).
PACKAGE_DIR = Path(str(resources.files("analysis")))
LEXICON_DIR = PACKAGE_DIR / "lexicons"
MODEL_DIR = PACKAGE_DIR / "models"


@dataclass(frozen=True)
class Lexicon:
    """A word list: its rows as mappings from column name to value, and its provenance."""

    name: str
    columns: tuple[str, ...]
    rows: tuple[dict[str, str], ...]
    header: str
    sha256: str

    def column(self, name: str) -> list[str]:
        """The values of one column, in file order."""
        return [row[name] for row in self.rows]


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """Accent-, case- and full-stop-folded key of a name, for matching it against word lists:
    "Enrique Peña Nieto" -> "enrique pena nieto", "U.S." -> "us"."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[’'.]", "", plain).casefold().split())


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@lru_cache(maxsize=None)
def load_lexicon(name: str) -> Lexicon:
    """Load ``analysis/lexicons/<name>.tsv`` (name without the extension).

    Blank lines and ``#`` lines are skipped; a row with fewer cells than the header is
    padded with empty strings; cells are stripped of surrounding white space.
    """
    path = LEXICON_DIR / f"{name}.tsv"
    data = path.read_bytes()
    comments: list[str] = []
    columns: tuple[str, ...] | None = None
    rows: list[dict[str, str]] = []
    for line in data.decode("utf-8").splitlines():
        if not line.strip():
            continue
        if line.startswith("#"):
            if columns is None:
                comments.append(line[1:].strip())
            continue
        cells = [c.strip() for c in line.split("\t")]
        if columns is None:
            columns = tuple(cells)
            continue
        cells += [""] * (len(columns) - len(cells))
        rows.append(dict(zip(columns, cells)))
    if columns is None:
        raise ValueError(f"{path}: no header row")
    return Lexicon(name, columns, tuple(rows), "\n".join(comments), _sha256(data))


@lru_cache(maxsize=None)
def load_model(name: str) -> dict:
    """Load ``analysis/models/<name>.json`` (plain data: weights and their provenance)."""
    return json.loads((MODEL_DIR / f"{name}.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def data_file_hashes() -> dict[str, str]:
    """SHA-256 of every lexicon and model file shipped in the package, by relative path."""
    out = {}
    for folder in (LEXICON_DIR, MODEL_DIR):
        for path in sorted(folder.glob("*")):
            if path.suffix in {".tsv", ".json"}:
                out[f"{folder.name}/{path.name}"] = _sha256(path.read_bytes())
    return out
