"""Loading a spaCy pipeline: the shipped one by default, another installed one by name.

The shipped model lives in the package (``analysis/models/spacy/``) and loads from disk only:
spaCy never looks at the network when given a folder. Every loaded pipeline gets the
gazetteer component last (:mod:`analysis.nlp.gazetteer`). ``pipeline_info`` names the pipeline
and hashes its files, so a report records exactly which model produced it.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import resources
from pathlib import Path

DEFAULT_MODEL = "news_analysis"


class ModelNotFound(LookupError):
    """A ``--spacy-model`` name that is neither an installed pipeline nor a model folder."""


def shipped_model_dir() -> Path:
    """The folder of the shipped pipeline inside the installed package."""
    return Path(str(resources.files("analysis") / "models" / "spacy"))


@lru_cache(maxsize=4)
def load(name: str | None = None):
    """The pipeline ``name`` (default: the shipped model) as a cached ``spacy.Language``."""
    import spacy

    from analysis.nlp import gazetteer

    target: str | Path = shipped_model_dir() if name in (None, DEFAULT_MODEL) else name
    if isinstance(target, Path) and not (target / "config.cfg").exists():
        raise ModelNotFound(f"the shipped spaCy model is missing from {target} (run make model)")
    try:
        nlp = spacy.load(target)
    except OSError as error:
        raise ModelNotFound(f"no spaCy pipeline called {name!r} is installed "
                            "(give an installed package name or a model folder)") from error
    gazetteer.add_to(nlp)
    return nlp


def _digest(folder: Path) -> str:
    sha = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if path.name == "MODEL_CARD.md":
            continue
        sha.update(path.relative_to(folder).as_posix().encode())
        sha.update(b"\0")
        sha.update(path.read_bytes())
    return sha.hexdigest()


@lru_cache(maxsize=4)
def pipeline_info(name: str | None = None) -> dict[str, str]:
    """``{"name", "version", "spacy", "sha256"}`` of the pipeline ``load(name)`` gives."""
    import spacy

    nlp = load(name)
    folder = Path(nlp.path) if getattr(nlp, "path", None) else None
    return {
        "name": f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '')}",
        "version": str(nlp.meta.get("version", "")),
        "spacy": spacy.__version__,
        "sha256": _digest(folder) if folder and folder.is_dir() else "",
    }
