"""A one-line progress bar on stderr for corpus runs and downloads (moved out of
:mod:`analysis.corpus.run`, which re-exports it)."""
from __future__ import annotations

import sys
import time


class Progress:
    """A one-line progress bar on stderr (a line per tenth when stderr is not a terminal)."""

    def __init__(self, total: int, label: str = "articles", enabled: bool = True) -> None:
        self.total, self.label, self.enabled = total, label, enabled and total > 0
        self.done = self.errors = 0
        self.start = self._last = time.monotonic()
        self._tty = sys.stderr.isatty()
        self._tenth = 0

    def update(self, error: bool = False) -> None:
        self.done += 1
        self.errors += error
        now = time.monotonic()
        tenth = 10 * self.done // max(self.total, 1)
        if self.enabled and ((self._tty and now - self._last >= 0.5) or (not self._tty and tenth > self._tenth)
                             or self.done == self.total):
            self._last, self._tenth = now, tenth
            rate = self.done / max(now - self.start, 1e-9)
            eta = (self.total - self.done) / rate if rate else 0.0
            bar = "#" * (30 * self.done // self.total)
            line = (f"[{bar:<30}] {self.done}/{self.total} {self.label}, {rate:.1f}/s, "
                    f"{self.errors} errors, eta {int(eta) // 60}:{int(eta) % 60:02d}")
            print(("\r" + line) if self._tty else line, end="" if self._tty else "\n", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.enabled and self._tty:
            print(file=sys.stderr, flush=True)
