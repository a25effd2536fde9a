"""Rates and shares as every measure reports them: rounded, and 0 where undefined."""
from __future__ import annotations


def rate_per_1k(count: float, body_words: int) -> float:
    """``count`` per 1,000 body words; 0 when there are no body words."""
    return round(1000.0 * count / body_words, 6) if body_words else 0.0


def share(part: float, whole: float) -> float:
    """``part / whole`` rounded to 6 places; 0 when ``whole`` is 0."""
    return round(part / whole, 6) if whole else 0.0
