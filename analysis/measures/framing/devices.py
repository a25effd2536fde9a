"""Framing devices as exact character spans: hedges, boosters, intensifiers, loaded language,
agentless passives and rhetorical questions, all found through :func:`find_devices`.

Only text inside the caller's sentence spans is searched; voice (writer, quoted, attributed)
is decided later by the caller. Where each kind's rules are written down:

``hedge``, ``booster``, ``intensifier``, ``loaded_language``
    Word lists with context conditions, in :mod:`analysis.measures.framing.word_devices`.
``agentless_passive``, ``rhetorical_question``
    Found by rule, not by word list, in :mod:`analysis.measures.framing.rule_devices`, whose docstring states
    the rules: a form of "be" and a past participle with no "by" + agent; a question
    outside quotation marks that the writer does not answer at once.

Every :class:`Device` carries the lexicon entry or pattern that fired (``rule``), so a reader
can see why a span was flagged. Standard library only: the word lists are read once per
process through :func:`analysis.lexicon.load_lexicon`. How well ``loaded_language`` agrees
with annotated propaganda spans, and how the device rates separate opinion from reporting,
is measured by :mod:`analysis.validation.ptc_devices` and
:mod:`analysis.validation.genre_devices`.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from analysis.measures.framing.rule_devices import agentless_passives, rhetorical_questions
from analysis.measures.framing.word_devices import LEXICON_OF, Device, lexicon_devices, tokens

ALL_KINDS: tuple[str, ...] = (
    "hedge", "booster", "intensifier", "loaded_language", "agentless_passive",
    "rhetorical_question",
)


def _rule_devices(kind: str, text: str, hits: list[tuple[int, int, str]]) -> list[Device]:
    """Devices of ``kind`` from the ``(start, end, rule)`` hits of :mod:`analysis.measures.framing.rule_devices`."""
    return [Device(kind, start, end, text[start:end], rule) for start, end, rule in hits]


def find_devices(
    text: str,
    sentences: Sequence[tuple[int, int]],
    *,
    kinds: Iterable[str] = ALL_KINDS,
) -> dict[str, list[Device]]:
    """Spans of each framing device inside the given sentence spans of ``text``.

    Returns a dict with every key of :data:`ALL_KINDS` (kinds not asked for map to empty
    lists); each list is sorted by start, without duplicate spans. Voice (writer, quoted,
    attributed) is not decided here.
    """
    wanted = set(kinds)
    unknown = wanted - set(ALL_KINDS)
    if unknown:
        raise ValueError(f"unknown device kinds: {sorted(unknown)}")
    found: dict[str, list[Device]] = {kind: [] for kind in ALL_KINDS}
    words = [tokens(text, *span) for span in sentences]
    for span, toks in zip(sentences, words):
        if not toks:
            continue
        for kind in LEXICON_OF:
            if kind in wanted:
                found[kind].extend(lexicon_devices(kind, text, toks, span))
        if "agentless_passive" in wanted:
            hits = agentless_passives(text, toks, span)
            found["agentless_passive"].extend(_rule_devices("agentless_passive", text, hits))
    if "rhetorical_question" in wanted:
        hits = rhetorical_questions(text, sentences, words)
        found["rhetorical_question"] = _rule_devices("rhetorical_question", text, hits)
    for kind, devices in found.items():
        unique = {(d.start, d.end): d for d in devices}
        found[kind] = sorted(unique.values(), key=lambda d: (d.start, d.end))
    return found
