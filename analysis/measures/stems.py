"""Snowball (Porter 2) English stems, safe to call from several threads.

A Snowball stemmer keeps the word it is stemming inside itself, so two threads sharing one (a
Dask worker runs articles in threads) garble each other's stems or fail; each thread gets its
own stemmer here, and stems are cached (the stemmer is slow).
"""
from __future__ import annotations

import threading
from functools import lru_cache

import snowballstemmer

_LOCAL = threading.local()


def _stemmer():
    stemmer = getattr(_LOCAL, "stemmer", None)
    if stemmer is None:
        stemmer = _LOCAL.stemmer = snowballstemmer.stemmer("english")
    return stemmer


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """The Snowball English stem of ``word`` (lower-case it first)."""
    return _stemmer().stemWord(word)
