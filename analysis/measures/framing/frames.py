"""Policy Frames Codebook frames: cues per sentence, frames per article.

Follows the Policy Frames Codebook (Boydstun, Card, Gross, Resnik and Smith 2014; the
coding scheme of the Media Frames Corpus, Card et al. 2015): 14 substantive frames, from
Economic to External regulation and reputation (the codebook's 15th, "Other", is never
output). The cue words are our own lexicon, ``analysis/lexicons/frames.tsv``, written from
the codebook's definitions, expanded through WordNet and curated by hand (its header says
how). Counting rules:

- **Token**: a run of letters or digits, with inner apostrophes ("court's"), compared in
  lower case without a possessive "'s". A lexicon word matches itself and its regular
  plural ("court", "courts"; "policy", "policies"); verb forms are entries of their own.
  An entry ending in ``*`` (``econom*``) matches every token that begins with it.
  Matches never cut a word: "warm" is not "war", "polite" is not "political".
- **Phrase**: a multi-word entry ("death penalty", "far-right") matches consecutive tokens
  separated only by spaces or hyphens, never across a line break or punctuation.
- **Precedence**: scanning left to right, the longest entry starting at a token wins and
  its tokens are used up, so "death penalty" is a Crime_and_punishment cue and its "death"
  is not also counted. An entry listed under several frames yields one cue per frame; a
  stop phrase (frame ``-``: "paid a visit", "good faith", "ruled out") yields none.
- **Sentence**: a sentence uses every frame with at least one cue in it; its primary frame
  is the one with the largest sum of cue weights (ties: the earliest cue).
- **Article frame shares**: ``share`` is a frame's sum of cue weights over the article's
  sentences divided by the sum for all frames (shares add up to 1); ``hits`` counts cues.
- **Primary frame**: in the codebook, the frame that dominates the article as a whole,
  judged with the headline and the first sentences weighing most. Our operationalisation: cue weights in the headline count ``headline_weight`` (3) times, in
  the first ``lead`` (2) sentences after it ``lead_weight`` (2) times, elsewhere once; the
  largest total wins (ties: the earliest cue). Not validated against annotations (the
  SemEval data has none); there, the primary frame is one of the annotated frames in 84 %
  of articles.
- **Frames the article uses** (``article_frames``): a frame counts when at least
  ``min_sentences`` sentences (:data:`MIN_SENTENCES`, 1) carry one of its cues and its
  density, summed cue weight per sentence, reaches the frame's threshold in
  :data:`DENSITY_THRESHOLDS`. Both were tuned on SemEval-2023 Task 3 subtask 2 (English
  dev, 282 articles, micro-F1 over (article, frame) pairs); tuned inside each training
  fold and scored on the held-out fold in 5-fold cross-validation by article
  (``python -m analysis.validation.semeval_frames``) the rule reaches micro-F1 0.638
  (precision 0.631, recall 0.645; 0.634 to 0.640 with other fold seeds), against 0.514 for
  always answering the four most frequent frames and 0.656 for TF-IDF with one-vs-rest
  logistic regression in the same folds. Capacity, Policy prescription, Quality of life,
  Cultural identity and Public opinion are rarely predicted (their thresholds are high);
  their cues are still reported per sentence and in the shares.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from analysis.lexicon import load_lexicon

#: The 14 frames of the Policy Frames Codebook, in codebook order ("Other" is never output).
FRAMES: tuple[str, ...] = (
    "Economic",
    "Capacity_and_resources",
    "Morality",
    "Fairness_and_equality",
    "Legality_Constitutionality_and_jurisprudence",
    "Policy_prescription_and_evaluation",
    "Crime_and_punishment",
    "Security_and_defense",
    "Health_and_safety",
    "Quality_of_life",
    "Cultural_identity",
    "Public_opinion",
    "Political",
    "External_regulation_and_reputation",
)
_ORDER = {frame: i for i, frame in enumerate(FRAMES)}
#: The ``frame`` of a lexicon row that is a stop phrase: an idiom whose words are no cue
#: ("paid a visit", "good faith", "ruled out"). It wins over its words like any phrase.
NO_FRAME = "-"

#: Minimum cue weight per sentence (the frame's summed cue weight over the article divided
#: by its number of sentences, headline included) for the article to use the frame. Fitted
#: on all 282 SemEval-2023 dev articles by ``analysis.validation.semeval_frames`` (grid
#: 0 to 0.5 in steps of 0.01, coordinate ascent on micro-F1); the rule's out-of-sample
#: score is in the module docstring. 0.5, the top of the grid, means "only when the frame
#: dominates": the annotators of that corpus used those frames more rarely than their cues
#: occur. Morality's 0 means any Morality cue counts (45 % of those articles use it).
DENSITY_THRESHOLDS: Mapping[str, float] = {
    "Economic": 0.16,
    "Capacity_and_resources": 0.12,
    "Morality": 0.0,
    "Fairness_and_equality": 0.06,
    "Legality_Constitutionality_and_jurisprudence": 0.1,
    "Policy_prescription_and_evaluation": 0.5,
    "Crime_and_punishment": 0.09,
    "Security_and_defense": 0.07,
    "Health_and_safety": 0.13,
    "Quality_of_life": 0.37,
    "Cultural_identity": 0.4,
    "Public_opinion": 0.5,
    "Political": 0.06,
    "External_regulation_and_reputation": 0.09,
}
#: Minimum number of sentences with a cue of the frame for the article to use it (fitted
#: with the thresholds, choosing from 1 and 2).
MIN_SENTENCES = 1

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_GAP = re.compile(r"[ \t\u00a0\-\u2010\u2011]+")


@dataclass(frozen=True)
class FrameCue:
    """A lexicon entry found in the text: ``text == source[start:end]`` signals ``frame``.

    ``entry`` is the lexicon's cue as written (``econom*``, ``death penalty``); ``weight``
    its weight in the lexicon (1 for a specific cue, 0.5 for a broad one).
    """

    frame: str
    start: int
    end: int
    text: str
    entry: str
    weight: float = 1.0


@dataclass(frozen=True)
class SentenceFrames:
    """The frames one sentence uses (most weight first), its primary frame and its cues."""

    sentence: int
    frames: tuple[str, ...]
    primary: str | None
    cues: tuple[FrameCue, ...]


@dataclass(frozen=True)
class FrameShare:
    """A frame's share of the article's cue weight (0 to 1) and its number of cues."""

    frame: str
    share: float
    hits: int


@dataclass(frozen=True)
class ArticleFrames:
    """Frames in an article.

    ``frames``: every frame with a cue, largest share first (ties in codebook order).
    ``primary_frame``: the codebook's primary frame (headline and lead weighted more), or
    None without cues. ``article_frames``: the frames the article uses by the validated
    decision rule, in codebook order.
    """

    frames: tuple[FrameShare, ...]
    primary_frame: str | None
    article_frames: tuple[str, ...]


# A compiled entry is a pair (frames, pattern): frames is a tuple of (frame, weight, cue as
# written) in codebook order, empty for a stop phrase; pattern has one (is_prefix, values)
# per word, values being the word's forms, or a one-element set holding the prefix.
_Entry = tuple


def _word(token: str) -> str:
    """A token as looked up: lower case, straight apostrophe, without a possessive 's."""
    word = token.lower().replace("’", "'")
    return word[:-2] if word.endswith("'s") else word


def forms(word: str) -> frozenset[str]:
    """The forms a lexicon word matches: itself and its regular plural ("-s", "-es", "-ies").

    Possessives need no form of their own ("court's" is looked up as "court"); verb forms
    and irregular plurals are separate lexicon entries or written as a prefix (``arrest*``).
    """
    out = {word, word + "s"}
    if word.endswith(("s", "x", "z", "ch", "sh")):
        out.add(word + "es")
    if len(word) > 2 and word.endswith("y") and word[-2] not in "aeiou":
        out.add(word[:-1] + "ies")
    return frozenset(out)


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, tuple[_Entry, ...]], dict[str, tuple[_Entry, ...]]]:
    """The lexicon compiled for matching: entries by the forms of their first word, and
    prefix entries by the first three letters of their prefix."""
    grouped: dict[tuple, dict[str, tuple[float, str]]] = {}
    for row in load_lexicon("frames").rows:
        frame, cue = row["frame"], row["cue"]
        if frame not in _ORDER and frame != NO_FRAME:
            raise ValueError(f"frames.tsv: unknown frame {frame!r} for cue {cue!r}")
        pattern: list[tuple[bool, frozenset[str]]] = []
        for part in re.split(r"[\s\-‐‑]+", cue.strip()):
            words = [_word(w) for w in _TOKEN.findall(part)]
            for k, word in enumerate(words):
                if part.endswith("*") and k == len(words) - 1:
                    if len(word) < 3:
                        raise ValueError(f"frames.tsv: prefix cue {cue!r} needs three letters")
                    pattern.append((True, frozenset({word})))
                else:
                    pattern.append((False, forms(word)))
        if not pattern:
            raise ValueError(f"frames.tsv: cue {cue!r} has no word")
        weight = float(row.get("weight") or 1.0)
        grouped.setdefault(tuple(pattern), {}).setdefault(frame, (weight, cue))
    for frames in grouped.values():  # a phrase listed under a frame is a cue, not a stop phrase
        if len(frames) > 1:
            frames.pop(NO_FRAME, None)
    by_form: dict[str, list[_Entry]] = {}
    by_prefix: dict[str, list[_Entry]] = {}
    for pattern, frames in grouped.items():
        cues = [(f, w, c) for f, (w, c) in frames.items() if f != NO_FRAME]
        entry = (tuple(sorted(cues, key=lambda item: _ORDER[item[0]])), pattern)
        is_prefix, values = pattern[0]
        for value in sorted(values):
            if is_prefix:
                by_prefix.setdefault(value[:3], []).append(entry)
            else:
                by_form.setdefault(value, []).append(entry)
    return (
        {k: tuple(v) for k, v in by_form.items()},
        {k: tuple(v) for k, v in by_prefix.items()},
    )


def _matches(part: tuple[bool, frozenset[str]], word: str) -> bool:
    is_prefix, values = part
    return word.startswith(next(iter(values))) if is_prefix else word in values


def find_frame_cues(text: str, start: int = 0, end: int | None = None) -> list[FrameCue]:
    """Frame cues in ``text[start:end]``, sorted by offset (offsets index ``text``).

    Case-insensitive, on word boundaries; the longest entry starting at a word wins (a
    multi-word entry over its single words; between entries of equal length a word beats
    a prefix). A cue listed under several frames gives one :class:`FrameCue` per frame,
    in codebook order; a stop phrase gives none.
    """
    end = len(text) if end is None else end
    by_form, by_prefix = _index()
    spans = [m.span() for m in _TOKEN.finditer(text, start, end)]
    words = [_word(text[a:b]) for a, b in spans]
    cues: list[FrameCue] = []
    n = len(spans)
    i = 0
    while i < n:
        word = words[i]
        candidates = by_form.get(word, ())
        prefixed = by_prefix.get(word[:3])
        if prefixed:
            candidates += tuple(e for e in prefixed if word.startswith(next(iter(e[1][0][1]))))
        best: _Entry | None = None
        for entry in candidates:
            size = len(entry[1])
            if (best is not None and size <= len(best[1])) or i + size > n:
                continue
            if all(
                _matches(entry[1][k], words[i + k])
                and _GAP.fullmatch(text, spans[i + k - 1][1], spans[i + k][0])
                for k in range(1, size)
            ):
                best = entry
        if best is None:
            i += 1
            continue
        size = len(best[1])
        a, b = spans[i][0], spans[i + size - 1][1]
        for frame, weight, cue in best[0]:
            cues.append(FrameCue(frame, a, b, text[a:b], cue, weight))
        i += size
    return cues


def _rank(cues: Sequence[FrameCue]) -> list[str]:
    """Frames by total weight (largest first), ties broken by the earliest cue."""
    total: dict[str, float] = {}
    first: dict[str, int] = {}
    for cue in cues:
        total[cue.frame] = total.get(cue.frame, 0.0) + cue.weight
        first.setdefault(cue.frame, cue.start)
    return sorted(total, key=lambda f: (-round(total[f], 9), first[f], _ORDER[f]))


def sentence_frames(text: str, sentences: Sequence[tuple[int, int]]) -> list[SentenceFrames]:
    """Frames per sentence: one :class:`SentenceFrames` per span, in the order given."""
    out = []
    for n, (a, b) in enumerate(sentences):
        cues = tuple(find_frame_cues(text, a, b))
        ranked = tuple(_rank(cues))
        out.append(SentenceFrames(n, ranked, ranked[0] if ranked else None, cues))
    return out


def article_frames(
    text: str,
    sentences: Sequence[tuple[int, int]],
    *,
    lead: int = 2,
    headline: int | None = None,
    headline_weight: float = 3.0,
    lead_weight: float = 2.0,
    min_sentences: int = MIN_SENTENCES,
    thresholds: Mapping[str, float] | None = None,
    per_sentence: Sequence[SentenceFrames] | None = None,
) -> ArticleFrames:
    """Frame shares, the primary frame and the frames the article uses.

    ``sentences``: sentence spans into ``text`` in reading order; ``headline``: the index of
    the headline among them (None when there is none); ``lead``: how many sentences after
    the headline (or from the start) form the lead. ``thresholds`` overrides
    :data:`DENSITY_THRESHOLDS` (frames left out use the default). ``per_sentence``: the
    result of :func:`sentence_frames` for the same spans, when the caller has it already.
    """
    limit = dict(DENSITY_THRESHOLDS)
    if thresholds:
        unknown = set(thresholds) - set(FRAMES)
        if unknown:
            raise ValueError(f"thresholds for unknown frames: {sorted(unknown)}")
        limit.update(thresholds)
    if per_sentence is None:
        per_sentence = sentence_frames(text, sentences)
    body = [s for s in per_sentence if s.sentence != headline]
    lead_ids = {s.sentence for s in body[:lead]}
    weight: dict[str, float] = {}
    positional: dict[str, float] = {}
    hits: dict[str, int] = {}
    carriers: dict[str, int] = {}
    first: dict[str, int] = {}
    for s in per_sentence:
        factor = headline_weight if s.sentence == headline else lead_weight if s.sentence in lead_ids else 1.0
        for frame in s.frames:
            carriers[frame] = carriers.get(frame, 0) + 1
        for cue in s.cues:
            weight[cue.frame] = weight.get(cue.frame, 0.0) + cue.weight
            positional[cue.frame] = positional.get(cue.frame, 0.0) + cue.weight * factor
            hits[cue.frame] = hits.get(cue.frame, 0) + 1
            first.setdefault(cue.frame, cue.start)
    total = sum(weight.values())
    shares = tuple(
        FrameShare(f, round(weight[f] / total, 6), hits[f])
        for f in sorted(weight, key=lambda f: (-round(weight[f], 9), _ORDER[f]))
    )
    primary = min(positional, key=lambda f: (-round(positional[f], 9), first[f], _ORDER[f])) if positional else None
    n = max(len(per_sentence), 1)
    used = tuple(
        f for f in FRAMES
        if carriers.get(f, 0) >= min_sentences and weight.get(f, 0.0) / n >= limit[f]
    )
    return ArticleFrames(shares, primary, used)
