"""One attribution as the attribution rules and the parse find it, and as the report writes it."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Attribution:
    """One attribution: source, cue and content, with the rule that found it."""

    source: str | None
    source_span: tuple[int, int] | None
    source_type: str
    cue: str | None
    cue_span: tuple[int, int] | None
    cue_class: str | None
    mode: str
    content_spans: tuple[tuple[int, int], ...]
    sentence: int
    rule: str
    quotes: tuple[int, ...] = ()

    def holds(self, span: tuple[int, int]) -> bool:
        """Whether one of its content spans holds ``span`` (another attribution's cue: a nested report)."""
        return any(s <= span[0] and span[1] <= e for s, e in self.content_spans)

    def to_dict(self) -> dict:
        return {
            "source": self.source, "source_span": list(self.source_span) if self.source_span else None,
            "source_type": self.source_type, "cue": self.cue, "cue_span": list(self.cue_span) if self.cue_span else None,
            "cue_class": self.cue_class, "mode": self.mode, "content_spans": [list(c) for c in self.content_spans],
            "sentence": self.sentence, "quotes": list(self.quotes), "rule": self.rule,
        }
