"""Clause boundaries inside a sentence, as the quote kinds and attribution cut them.

A clause ends at a semicolon or at a dash set off by spaces (" — ", " – ", " -- "). With
``contrast=True`` (attribution: a cue's content stops where the sentence turns), a comma
followed by "but", "while", "although", "though", "despite" or "whereas" (a closing quote may
sit between them) ends a clause too.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

_BREAK = r"[;]|\s[—–]\s|\s--\s"
_CONTRAST = r",[”’\"]?\s+(?:but|while|although|though|despite|whereas)\b"
_PLAIN = re.compile(_BREAK)
_WITH_CONTRAST = re.compile(f"{_BREAK}|{_CONTRAST}")


def clause_bounds(text: str, start: int, end: int, at_start: int, at_end: int | None = None, *,
                  contrast: bool = False) -> tuple[int, int]:
    """The clause of the sentence ``text[start:end]`` that holds ``text[at_start:at_end]``
    (``at_end`` defaults to ``at_start``): from the end of the last boundary before it to the
    start of the first boundary after it.

    The sentence's boundaries are found once (memoised) and the two nearest are bisected, so
    many cues in one long sentence cost one pass over it, not one each."""
    pattern = _WITH_CONTRAST if contrast else _PLAIN
    at_end = at_start if at_end is None else at_end
    starts, ends = _boundaries(text, start, end, contrast)
    k = bisect_right(ends, at_start)  # boundaries ending by at_start
    if (at_start > end or (k < len(starts) and starts[k] < at_start)
            or (0 < at_start < len(text) and _WORD.match(text, at_start - 1) and _WORD.match(text, at_start))):
        lo = start  # a boundary across at_start, or at_start inside a word: scan as the rule says
        for m in pattern.finditer(text, start, at_start):
            lo = m.end()
    else:
        lo = ends[k - 1] if k else start
    j = bisect_left(starts, at_end)  # the first boundary starting at or after at_end
    if at_end < start or (j and ends[j - 1] > at_end):
        m = pattern.search(text, at_end, end)
        hi = m.start() if m else end
    else:
        hi = starts[j] if j < len(starts) else end
    return lo, hi


_WORD = re.compile(r"\w")


@lru_cache(maxsize=64)
def _boundaries(text: str, start: int, end: int, contrast: bool) -> tuple[list[int], list[int]]:
    """Starts and ends of the clause boundaries of ``text[start:end]``, in order."""
    found = [m.span() for m in (_WITH_CONTRAST if contrast else _PLAIN).finditer(text, start, end)]
    return [a for a, _ in found], [b for _, b in found]
