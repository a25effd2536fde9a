"""Where the project finds its shared data and keeps its caches.

Two settings, both environment variables, read when called (no module state):

- ``ANALYSIS_SHARED``: the folder of development and validation data (reference corpus,
  annotated benchmarks). Default: ``../shared`` beside the project, when it exists.
- ``ANALYSIS_CACHE``: every cache of the project. Default: ``.cache/`` in the project.
"""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class DataUnavailable(RuntimeError):
    """Data a validation needs cannot be had here (the message says why); it is skipped."""


class SharedMissing(DataUnavailable):
    """Raised by :func:`require_shared` when the shared data folder is not there."""


def shared_dir() -> Path | None:
    """The shared data folder, or None when it does not exist."""
    env = os.environ.get("ANALYSIS_SHARED")
    if env:
        path = Path(env).expanduser()
        return path if path.is_dir() else None
    for candidate in (PROJECT_ROOT.parent / "shared", Path.cwd().parent / "shared"):
        if candidate.is_dir():
            return candidate
    return None


def require_shared(*parts: str) -> Path:
    """A path inside the shared folder; raises :class:`SharedMissing` with a clear message."""
    base = shared_dir()
    if base is None:
        raise SharedMissing(
            "the shared data folder was not found: set ANALYSIS_SHARED to its path "
            "(default: ../shared beside the project)"
        )
    path = base.joinpath(*parts)
    if not path.exists():
        raise SharedMissing(f"{path} is missing from the shared data folder")
    return path


def cache_dir(*parts: str, create: bool = True) -> Path:
    """A folder inside the project's cache (``ANALYSIS_CACHE``, default ``.cache/``)."""
    base = Path(os.environ.get("ANALYSIS_CACHE") or PROJECT_ROOT / ".cache").expanduser()
    path = base.joinpath(*parts)
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path
