"""A mention of an actor before the mentions are merged (shared by actors.py and coref.py)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class RawMention:
    """A mention before merging: its span, text, type, folded key and how it was found."""

    start: int
    end: int
    text: str
    type: str
    key: str
    via: str
    title: str = ""  # the title written before a person's name, folded ("president")
    forced: str = ""  # the canonical name a user's alias table gives
    weak: bool = False  # found in a title-case headline or subhead
