"""Framing: Policy Frames Codebook frames by sentence, article and actor, and framing
devices (hedges, boosters, intensifiers, loaded language, agentless passives, scare quotes,
rhetorical questions) separated by whose voice carries them.

Frames come from :mod:`analysis.measures.framing.frames` (our cue lexicon, validated on SemEval-2023),
devices from :mod:`analysis.measures.framing.devices` (validated on PTC), scare quotes from
:mod:`analysis.measures.quotes.kinds`. The voice of a device is the voice of its first word
(:mod:`analysis.measures.sources.voices`); a scare quote is in the writer's voice by definition.
Rates are per 1,000 body words, counting devices in body and standfirst sentences.
Frame contrast: for each recurring quoted-term family, the frames of the sentences that
hold its members and their neighbours, with those sentences as evidence.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from analysis.read.article import BODY_KINDS, PROSE_KINDS, Article
from analysis.measures.framing.devices import ALL_KINDS, find_devices
from analysis.measures.sources.entities import ACTOR_TYPES, Mention
from analysis.measures.sources.voices import VOICES
from analysis.measures.framing.frames import article_frames, sentence_frames
from analysis.measures.quotes.kinds import Family
from analysis.measures.quotes.spans import Quote
from analysis.measures.rates import rate_per_1k

#: The devices of the framing section, in order: those of :mod:`.devices` and the scare quotes.
DEVICE_KINDS = (*ALL_KINDS[:5], "scare_quote", *ALL_KINDS[5:])


@dataclass(frozen=True)
class Framing:
    """The report's ``framing`` section and its metrics."""

    section: dict
    metrics: dict


def _voice_at(voices: dict[int, tuple[str, str | None]], starts: list[int], pos: int) -> str:
    from bisect import bisect_right

    i = bisect_right(starts, pos) - 1
    return voices[starts[i]][0] if i >= 0 else "writer"


def analyse_framing(article: Article, quotes: tuple[Quote, ...], families: tuple[Family, ...],
                    voices: dict[int, tuple[str, str | None]], mentions: list[Mention]) -> Framing:
    text = article.text
    prose = [s for s in article.sentences if s.segment in PROSE_KINDS]
    spans = [(s.start, s.end) for s in prose]
    headline = next((i for i, s in enumerate(prose) if s.segment == "headline"), None)
    per_sentence = sentence_frames(text, spans)
    whole = article_frames(text, spans, headline=headline, per_sentence=per_sentence)
    frames_of = {prose[sf.sentence].index: sf for sf in per_sentence}

    sentences = [{"sentence": prose[sf.sentence].index, "frames": list(sf.frames), "primary": sf.primary,
                  "cues": [{"frame": c.frame, "start": c.start, "end": c.end, "text": c.text, "entry": c.entry}
                           for c in sf.cues]} for sf in per_sentence if sf.cues]

    starts = sorted(voices)
    devices: dict[str, list[dict]] = {k: [] for k in DEVICE_KINDS}
    for kind, found in find_devices(text, spans).items():
        devices[kind] = [{"start": d.start, "end": d.end, "text": d.text, "voice": _voice_at(voices, starts, d.start),
                          "rule": d.rule} for d in found]
    devices["scare_quote"] = [{"start": q.start, "end": q.end, "text": text[q.start:q.end], "voice": "writer",
                               "rule": q.reason} for q in quotes if q.kind == "scare"]

    actors: dict[str, dict[int, tuple[str, ...]]] = {}
    for m in mentions:
        i = article.sentence_at(m.start)
        if m.type in ACTOR_TYPES and i in frames_of:
            actors.setdefault(m.canonical, {})[i] = frames_of[i].frames  # each sentence once per actor
    actor_rows = [{"actor": a, "frames": _ranked(Counter(f for fs in per.values() for f in fs))}
                  for a, per in sorted(actors.items())]

    contrast = []
    for fam in families:
        around: set[int] = set()
        for qi in fam.members:
            s = quotes[qi].sentence
            if s is not None:
                around |= {j for j in (s - 1, s, s + 1) if j in frames_of}
        counts = Counter(f for j in sorted(around) for f in frames_of[j].frames)
        contrast.append({"family": fam.family, "frames": _ranked(counts), "sentences": sorted(around)})

    section = {
        "sentences": sentences,
        "frames": [{"frame": f.frame, "share": f.share, "hits": f.hits} for f in whole.frames],
        "primary_frame": whole.primary_frame,
        "article_frames": list(whole.article_frames),
        "actors": actor_rows,
        "devices": devices,
        "contrast": contrast,
    }
    return Framing(section, _device_metrics(article, devices))


def _ranked(counts: Counter) -> dict[str, int]:
    """Counts, largest first, ties in name order (the same on every run)."""
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _device_metrics(article: Article, devices: dict[str, list[dict]]) -> dict[str, float]:
    body_words = article.body_words
    out = {}
    for kind in DEVICE_KINDS:
        in_body = [d for d in devices[kind] if (i := article.sentence_at(d["start"])) is not None
                   and article.sentences[i].segment in BODY_KINDS]
        out[f"{kind}_per_1k"] = rate_per_1k(len(in_body), body_words)
        for voice in VOICES:
            out[f"{kind}_per_1k_{voice}"] = rate_per_1k(sum(d["voice"] == voice for d in in_body), body_words)
    return out
