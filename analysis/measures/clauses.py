"""Clause boundaries inside a sentence, as the quote kinds and attribution cut them.

A clause ends at a semicolon or at a dash set off by spaces (" — ", " – ", " -- "). With
``contrast=True`` (attribution: a cue's content stops where the sentence turns), a comma
followed by "but", "while", "although", "though", "despite" or "whereas" (a closing quote may
sit between them) ends a clause too.
"""
from __future__ import annotations

import re

_BREAK = r"[;]|\s[—–]\s|\s--\s"
_CONTRAST = r",[”’\"]?\s+(?:but|while|although|though|despite|whereas)\b"
_PLAIN = re.compile(_BREAK)
_WITH_CONTRAST = re.compile(f"{_BREAK}|{_CONTRAST}")


def clause_bounds(text: str, start: int, end: int, at_start: int, at_end: int | None = None, *,
                  contrast: bool = False) -> tuple[int, int]:
    """The clause of the sentence ``text[start:end]`` that holds ``text[at_start:at_end]``
    (``at_end`` defaults to ``at_start``): from the end of the last boundary before it to the
    start of the first boundary after it."""
    pattern = _WITH_CONTRAST if contrast else _PLAIN
    at_end = at_start if at_end is None else at_end
    lo, hi = start, end
    for m in pattern.finditer(text, start, at_start):
        lo = m.end()
    if m := pattern.search(text, at_end, end):
        hi = m.start()
    return lo, hi
