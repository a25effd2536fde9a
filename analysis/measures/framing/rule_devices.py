"""Framing devices found by rule rather than by word list: agentless passives and rhetorical
questions, as exact ``(start, end, rule)`` hits that :func:`analysis.measures.framing.devices.find_devices`
turns into devices. Words are the tokens of :mod:`analysis.measures.framing.devices` (runs of letters and
digits joined by inner hyphens or apostrophes, lower-cased with ’ read as '). The rules:

``agentless_passive``
    A form of "be" ("is", "was", "been", "being", "it's", "they're" ...), at most three
    adverbs or "not", then a past participle (a word ending in "-ed" or one of
    ``lexicons/participles.tsv``), with no "by" + agent in the next ten words before the
    clause ends (comma, semicolon, colon, dash, bracket, quotation mark, end of sentence).
    "by" before a number, a time or a manner ("by 2020", "by Monday", "by the end", "by
    hand", "by a vote of") is not an agent. The span runs from the perfect auxiliary ("has
    been deployed", "They've been told") or the form of "be" to the participle. Not
    passives: hyphenated adjectives ("state-sponsored"), adjectival participles of state and
    feeling ("is located", "was worried", "is based"), "un-" adjectives ("unprecedented"),
    intransitive verbs ("what's happened"), "is set to", "is bound to", "is supposed to",
    "was born". "he's", "that's" and the like count only before "been" ("'s" is as often
    "has" as "is"). Passives with "get" are not counted.
``rhetorical_question``
    A question in the writer's own text: the run of a sentence that ends in "?", when the
    question mark lies outside double quotation marks (:func:`quoted_regions`), and it has
    at least two words. Left out: questions the writer answers at once (the next sentence
    opens with "Because" or "The answer"), and turns of interview transcripts (lines
    opening with a speaker label in capitals, "AMY GOODMAN:", "Q:"). This approximates "a
    question that expects no answer" without reading intent; headline questions count.

Standard library only; the participle list is read once per process through
:func:`analysis.lexicon.load_lexicon`.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache

from analysis.lexicon import load_lexicon

#: Regular expressions, compiled on first use (compiling them at import costs start-up time).
_PATTERNS = {
    "clause_end": r"[,;:.!?()\[\]“”\"—–]",
    "answer": r"(?i)[\s“\"]*(because\b|the (?:short |simple )?answer\b)",
    "speaker": r"(?:Q|A|[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})\s*:",
    "stop": r"[.!?…\n]",
}


@lru_cache(maxsize=None)
def _rx(name: str) -> re.Pattern:
    return re.compile(_PATTERNS[name])


@lru_cache(maxsize=None)
def participles() -> frozenset[str]:
    """The irregular past participles of ``lexicons/participles.tsv`` ("built", "known")."""
    return frozenset(load_lexicon("participles").column("entry"))


# --- agentless passive ------------------------------------------------------------------

#: Forms of "be". Of the "'s" contractions only "it's" counts ("it's believed"): after a
#: person or "that"/"what" the "'s" is as often "has" ("he's returned", "what's happened");
#: those count only before "been" ("he's been arrested"), as perfect auxiliaries.
_BE = frozenset(
    "am is are was were be been being isn't aren't wasn't weren't it's they're we're "
    "you're".split()
)
_PERFECT = frozenset(
    """has have had hasn't haven't hadn't having it's he's she's that's who's there's i've
    you've we've they've who've would've could've should've might've must've""".split()
)
_PASSIVE_ADVERBS = frozenset(
    "not never also still already just yet even only now then since later often always all "
    "both each first once soon again ever thus reportedly allegedly apparently being been "
    "n't".split()
)
_NOT_PARTICIPLE = frozenset(
    """need feed seed speed deed weed heed creed greed breed bleed steed tweed proceed exceed
    succeed indeed bed red hundred sacred naked wicked rugged ragged wretched crooked beloved
    aged kindred interested tired worried concerned pleased excited surprised disappointed
    satisfied married divorced located situated based related involved supposed determined
    prepared dedicated committed devoted qualified experienced talented skilled advanced
    detailed complicated sophisticated accustomed acquainted ashamed bored scared frightened
    terrified amused annoyed confused embarrassed exhausted fascinated frustrated shocked
    stunned alarmed horrified outraged disgusted delighted thrilled relieved convinced opposed
    entitled armed united headed inclined obsessed overjoyed unsettled balanced
    biased flawed renowned poised appalled impressed engaged
    happened occurred arrived died existed emerged remained seemed appeared disappeared
    vanished resulted responded replied""".split()
)
_UN_VERBS = frozenset(
    """uncovered unveiled undermined unearthed unleashed unlocked unloaded unpacked undone
    unfolded unseated unmasked unraveled unravelled unplugged unsealed unblocked""".split()
)
_NOT_BEFORE_TO = frozenset("set bound supposed".split())
#: Words after "by" that make it a time, measure or manner, not an agent ("by Monday",
#: "by far", "by hand"), and nouns that do so after "by the" / "by a" ("by the end",
#: "by a vote of").
_NOT_AGENT_AFTER_BY = frozenset(
    """then now today tomorrow tonight yesterday noon midnight monday tuesday wednesday
    thursday friday saturday sunday january february march april may june july august
    september october november december early late mid next far comparison contrast default
    hand mistake chance accident law phone telephone email mail car air sea land rail train
    bus foot design nature definition way percent""".split()
)
_NOT_AGENT_AFTER_BY_DET = frozenset(
    """end time middle beginning start close turn deadline weekend year month week day summer
    spring autumn fall winter margin vote factor wide narrow large small way""".split()
)


def _is_participle(tok, known: frozenset[str]) -> bool:
    low = tok.low
    if tok.raw[0].isupper() or "-" in low or "'" in low or low in _NOT_PARTICIPLE:
        return False
    if low in known:
        return True
    if not (low.endswith("ed") and len(low) >= 4 and low.isalpha()):
        return False
    return not low.startswith("un") or low in _UN_VERBS


def _has_agent(text: str, after: int, sent_end: int) -> bool:
    """Is there a "by" + agent in the next ten words before the clause ends?"""
    stop = _rx("clause_end").search(text, after, sent_end)
    words = text[after:stop.start() if stop else sent_end].lower().split()[:10]
    for k, w in enumerate(words):
        if w != "by" or k + 1 >= len(words):
            continue
        nxt = words[k + 1]
        if nxt[0].isdigit() or nxt in _NOT_AGENT_AFTER_BY:
            continue
        after = words[k + 2] if k + 2 < len(words) else ""
        if nxt in ("the", "a", "an") and after in _NOT_AGENT_AFTER_BY_DET:
            continue
        return True
    return False


def agentless_passives(
    text: str, toks: Sequence, span: tuple[int, int]
) -> list[tuple[int, int, str]]:
    """``(start, end, rule)`` of each agentless passive in one sentence ``span`` of ``text``.

    ``toks`` are the sentence's words, in order, each with ``start``, ``end``, ``raw`` (as
    written) and ``low`` (lower case, ’ as '), as :mod:`analysis.measures.framing.devices` tokenizes them.
    """
    known = participles()
    out = []
    i = 0
    while i < len(toks):
        if toks[i].low not in _BE:
            i += 1
            continue
        j = i + 1
        skipped = 0
        while j < len(toks) and skipped < 3 and (
            toks[j].low in _PASSIVE_ADVERBS or toks[j].low.endswith("ly") and len(toks[j].low) > 4
        ):
            j += 1
            skipped += 1
        if j >= len(toks) or not _is_participle(toks[j], known):
            i += 1
            continue
        part = toks[j]
        nxt = toks[j + 1].low if j + 1 < len(toks) else ""
        gap = text[part.end:toks[j + 1].start] if j + 1 < len(toks) else ""
        if (part.low in _NOT_BEFORE_TO and nxt == "to" and not gap.strip()) or part.low == "born":
            i = j + 1
            continue
        if _has_agent(text, part.end, span[1]):
            i = j + 1
            continue
        first = i
        if toks[i].low in ("been", "being"):
            k = i - 1
            while k >= 0 and toks[k].low in _PASSIVE_ADVERBS and i - k <= 2:
                k -= 1
            if k >= 0 and (toks[k].low in _PERFECT or toks[k].low in _BE) and toks[i].low == "been":
                first = k if toks[k].low in _PERFECT else first
        out.append((toks[first].start, part.end, f"be + past participle ({part.low}), no by-agent"))
        i = j + 1
    return out


# --- rhetorical questions ---------------------------------------------------------------

def quoted_regions(text: str) -> list[tuple[int, int]]:
    """Double-quoted regions (“...” and "..."), paired within each line, sorted by start.

    A quotation left open runs to the end of its line; a closing ” with no opening mark
    before it on its line closes a quotation that began on an earlier line, so the region
    runs from the start of the line (a block quote).
    """
    regions = []
    pos = 0
    for line in text.split("\n"):
        open_at = -1
        for k, ch in enumerate(line):
            if ch == "“" or (ch == '"' and open_at < 0):
                if open_at < 0:
                    open_at = pos + k
            elif ch in "”\"" and open_at >= 0:
                regions.append((open_at, pos + k + 1))
                open_at = -1
            elif ch == "”" and not (regions and regions[-1][1] > pos):
                regions.append((pos, pos + k + 1))
        if open_at >= 0:
            regions.append((open_at, pos + len(line)))
        pos += len(line) + 1
    return sorted(regions)


def inside(regions: Sequence[tuple[int, int]], starts: Sequence[int], pos: int) -> bool:
    """Is offset ``pos`` inside one of ``regions`` (sorted, not overlapping, as
    :func:`quoted_regions` gives them)? ``starts`` are their start offsets, computed once."""
    k = bisect_right(starts, pos) - 1
    return k >= 0 and regions[k][0] <= pos < regions[k][1]


def rhetorical_questions(
    text: str, spans: Sequence[tuple[int, int]], words: Sequence[Sequence]
) -> list[tuple[int, int, str]]:
    """``(start, end, rule)`` of each rhetorical question in the sentence ``spans`` of ``text``.

    ``words[n]`` are the words of ``spans[n]``, tokenized as for :func:`agentless_passives`.
    """
    regions = quoted_regions(text) if "?" in text else []
    starts = [r[0] for r in regions]
    out = []
    for n, (s, e) in enumerate(spans):
        seg_start = s
        for m in _rx("stop").finditer(text, s, e):
            pos = m.start()
            if m.group() != "?":
                seg_start = pos + 1
                continue
            begin = seg_start
            seg_start = pos + 1
            if inside(regions, starts, pos):
                continue
            while begin < pos and not (text[begin].isalnum() or text[begin] in "“\"‘'("):
                begin += 1
            if sum(begin <= w.start and w.end <= pos for w in words[n]) < 2:  # two words
                continue
            line_start = text.rfind("\n", 0, pos) + 1
            if _rx("speaker").match(text, line_start):
                continue  # a turn of an interview transcript: speech, not the writer's text
            following = text[pos + 1:e] if text[pos + 1:e].strip() else (
                text[spans[n + 1][0]:spans[n + 1][1]] if n + 1 < len(spans) else "")
            if _rx("answer").match(following):
                continue
            out.append((begin, pos + 1, "question outside quotation marks"))
    return out
