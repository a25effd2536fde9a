"""The four framing devices matched from word lists: hedges, boosters, intensifiers and loaded
language, as exact character spans.

Words are runs of letters and digits joined by inner hyphens or apostrophes ("so-called",
"couldn't"), matched case-insensitively. A lexicon entry is a word, a ``stem*`` prefix or a
phrase of such words separated only by white space; at each position the longest entry wins
("it seems" over "seem*", "smear campaign" over "smear"). The rules, kind by kind:

``hedge``
    Withholding full commitment to a proposition (Hyland 2005, *Metadiscourse*, ch. 3):
    ``lexicons/hedges.tsv``. "may" is not a hedge when it is the month: before a number
    ("May 16"), after a date word ("in May", "since May"), or capitalised mid-sentence.
    "could" followed by "not" or "never" states inability, not doubt. "might" after a
    determiner or adjective, or before punctuation, is the noun ("military might").
    "appear" hedges only as "appear(s/ed) to/that", "it appears", "would appear".
    "sort of" and "kind of" hedge only when no determiner precedes ("a kind of tax").
    Left out: "would", "should", and approximators of numbers ("about", "nearly").
``booster``
    Expressing certainty, closing down alternatives (Hyland 2005): ``lexicons/boosters.tsv``.
    "must have" boosts only before a participle ("must have known", not "must have a degree").
``intensifier``
    Amplifying degree adverbs (Quirk et al. 1985, 8.104-8.111): ``lexicons/intensifiers.tsv``.
``loaded_language``
    Emotive or evaluative wording and labels meant to sway (Da San Martino et al. 2019,
    the techniques "Loaded language" and "Name calling, labeling"): rows of
    ``lexicons/loaded.tsv`` whose ``status`` is ``use``. Negative topic words used
    descriptively ("murdered", "killed", "violence", "crime", "attack") are not in the list:
    they report what happened rather than judge it. An entry does not fire inside a proper
    name: when one of its words is capitalised away from the start of a sentence, line,
    quotation, bracket or colon ("the Wicked Witch"), or when it opens a sentence and the
    next word is capitalised too ("Crush Inc."). Capitalisation says nothing, and the entry
    fires, in a headline-style line (70 % of its words of four letters or more capitalised),
    for ALL-CAPS emphasis ("THUGS"), and for a phrase capitalised as a whole ("Rigged Witch
    Hunt"). A match widens to the phrase it heads (:data:`LOADED_EXTENSION`): up to two
    amplifiers or "-ly" adverbs on its left ("truly devastating"), the content words before a
    noun or phrase entry ("systematic brutality"), and up to two content words after an
    adjective, adverb or verb entry ("botched investigation", "crush domestic dissent"). The
    ``rule`` names the entry itself.

Validations match other lists and extensions through :class:`Matcher` and :func:`match_lexicon`
(:mod:`analysis.validation.ptc_devices`, :mod:`analysis.validation.genre_devices`).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from analysis.lexicon import load_lexicon
from analysis.measures.framing.rule_devices import participles

LEXICON_OF = {
    "hedge": "hedges", "booster": "boosters", "intensifier": "intensifiers",
    "loaded_language": "loaded",
}


@dataclass(frozen=True)
class Device:
    """One framing device: ``text == source[start:end]``; ``rule`` is what fired."""

    kind: str
    start: int
    end: int
    text: str
    rule: str


#: A word: letters and digits joined by inner hyphens or apostrophes.
_WORD = r"[A-Za-z0-9]+(?:[-'’][A-Za-z0-9]+)*"


@lru_cache(maxsize=None)
def _word_rx() -> re.Pattern:
    """:data:`_WORD`, compiled on first use (compiling at import costs start-up time)."""
    return re.compile(_WORD)


class _Token(NamedTuple):
    """A word: its offsets, its text as written (``raw``), lower-cased with ’ as ' (``low``)."""

    start: int
    end: int
    raw: str
    low: str


def tokens(text: str, start: int, end: int) -> list[_Token]:
    return [
        _Token(m.start(), m.end(), m.group(), m.group().lower().replace("’", "'"))
        for m in _word_rx().finditer(text, start, end)
    ]


# --- lexicon matching -------------------------------------------------------------------

@dataclass(frozen=True)
class _Entry:
    entry: str
    parts: tuple[str, ...]  # each a word or a "stem*" prefix
    condition: str
    pos: str = ""


def _part_matches(part: str, low: str) -> bool:
    if part.endswith("*"):
        return low.startswith(part[:-1])
    return low == part


class Matcher:
    """Longest-match lookup of lexicon entries, indexed by their first word.

    ``rows`` are lexicon rows: ``entry`` (a word, a ``stem*`` prefix or a phrase of such
    words) and optionally ``condition`` (a context rule, see the module docstring) and
    ``pos``. Every row given is used, whatever its ``status``.
    """

    def __init__(self, rows: Iterable[Mapping[str, str]]):
        self.exact: dict[str, list[_Entry]] = {}
        self.prefix: dict[str, list[_Entry]] = {}
        for row in rows:
            entry = row["entry"].lower()
            e = _Entry(entry, tuple(entry.split()), row.get("condition", ""), row.get("pos", ""))
            first = e.parts[0]
            if first.endswith("*"):
                self.prefix.setdefault(first[:3], []).append(e)
            else:
                self.exact.setdefault(first, []).append(e)
        for table in (self.exact, self.prefix):
            for key in table:
                table[key].sort(key=lambda e: (-len(e.parts), e.entry))

    def candidates(self, toks: list[_Token], i: int, text: str) -> list[_Entry]:
        """Entries matching at token ``i``, longest first."""
        low = toks[i].low
        exact, prefix = self.exact.get(low), self.prefix.get(low[:3])
        if not exact and not prefix:
            return []  # most words start no entry
        found = []
        for e in (exact or []) + (prefix or []):
            n = len(e.parts)
            if i + n > len(toks):
                continue
            if not all(_part_matches(p, toks[i + k].low) for k, p in enumerate(e.parts)):
                continue
            # words of a phrase are separated by white space only
            if any(text[toks[i + k].end:toks[i + k + 1].start].strip() for k in range(n - 1)):
                continue
            found.append(e)
        found.sort(key=lambda e: -len(e.parts))
        return found


@lru_cache(maxsize=None)
def _matcher(kind: str) -> Matcher:
    """The shipped list of ``kind``: the rows of its lexicon whose status is ``use``."""
    rows = load_lexicon(LEXICON_OF[kind]).rows
    return Matcher(row for row in rows if row.get("status", "use") in ("use", ""))


# --- context conditions -----------------------------------------------------------------

_MONTH_BEFORE = frozenset(
    "in on since until till by of during early late mid last next this from through before "
    "after between and or".split()
)
_DETERMINERS = frozenset(
    "a an the some any no what this that these those one every each another same its his "
    "her their our my your whatever".split()
)
_MIGHT_NOUN_BEFORE = frozenset(
    "the its his her their our my your all with military economic naval industrial "
    "financial full sheer great mighty american russian chinese".split()
)


def _is_initial(text: str, toks: list[_Token], i: int, sent_start: int) -> bool:
    """Does token ``i`` open its sentence, line, quotation or bracket?"""
    j = toks[i].start - 1
    while j >= sent_start and text[j] in " \t":
        j -= 1
    if j < sent_start:
        return True
    return text[j] in "\n\r“\"‘'([{:—–-.!?…"


def _headline_style(text: str, toks: list[_Token], i: int, sent_start: int, sent_end: int) -> bool:
    """Is token ``i`` on a line where most words of four letters or more are capitalised?"""
    line_start = max(text.rfind("\n", sent_start, toks[i].start) + 1, sent_start)
    line_end = text.find("\n", toks[i].end, sent_end)
    line_end = sent_end if line_end < 0 else line_end
    long = [
        t for t in toks
        if line_start <= t.start < line_end and len(t.raw) >= 4 and t.raw[0].isalpha()
    ]
    if len(long) < 3:
        return False
    return sum(t.raw[0].isupper() for t in long) >= 0.7 * len(long)


def _condition_ok(
    cond: str, text: str, toks: list[_Token], i: int, n: int, sent_start: int
) -> bool:
    """Does the context rule ``cond`` of an entry allow the match ``toks[i:i+n]``?"""
    nxt = toks[i + n].low if i + n < len(toks) else ""
    prev = toks[i - 1].low if i > 0 else ""
    if cond == "modal_may":
        if nxt[:1].isdigit() or prev in _MONTH_BEFORE and toks[i].raw[0] == "M":
            return False
        return not (toks[i].raw[0] == "M" and not _is_initial(text, toks, i, sent_start))
    if cond == "not_negated":
        return nxt not in ("not", "never")
    if cond == "not_noun":
        gap = text[toks[i].end:toks[i + 1].start] if i + 1 < len(toks) else "."
        return prev not in _MIGHT_NOUN_BEFORE and not gap.strip()
    if cond == "before_participle":
        return nxt == "been" or nxt in participles() or nxt.endswith("ed")
    if cond == "not_after_determiner":
        return prev not in _DETERMINERS
    if cond == "appear_hedge":
        return nxt in ("to", "that", "likely", "unlikely") or prev in ("it", "would", "there")
    return True


def _proper_name(text: str, toks: list[_Token], i: int, n: int, span: tuple[int, int]) -> bool:
    """Is the match ``toks[i:i+n]`` part of a proper name (see the module docstring)?"""
    sent_start, sent_end = span
    if _headline_style(text, toks, i, sent_start, sent_end):
        return False
    # a loaded phrase capitalised as a whole ("Rigged Witch Hunt") is emphasis, not a name
    if n == 1 or not all(t.raw[0].isupper() for t in toks[i:i + n]):
        for k in range(i, i + n):
            raw = toks[k].raw
            if raw[0].isupper() and not (raw.isupper() and len(raw) >= 3):
                if k > i or not _is_initial(text, toks, k, sent_start):
                    return True
    if toks[i].raw[0].isupper() and i + n < len(toks):
        nxt = toks[i + n]
        between = text[toks[i + n - 1].end:nxt.start]
        if not between.strip(" ") and nxt.raw[0].isupper() and nxt.raw != "I":
            return True
    return False


_FUNCTION_WORDS = frozenset(
    """a an the this that these those my your his her its our their some any no every each
    all both either neither much many more most few several such what which who whom whose
    i you he she it we they me him us them myself himself herself itself ourselves themselves
    and or but nor so yet for if then than as because while when where whether although though
    to of in on at by with from into onto upon about above below over under after before
    between among through during without within against toward towards around across behind
    beyond like unlike via per since until till despite
    is am are was were be been being has have had having do does did done will would shall
    should can could may might must ought not n't no never also just only even still already
    very too quite rather there here now then again once how why""".split()
)
#: Amplifiers outside the intensifier lexicon, taken into a loaded span on its left only
#: ("so wicked", "utter nonsense", "total disaster").
_DEGREE_WORDS = frozenset(
    "so too most more such absolute utter sheer outright total complete downright".split()
)


@lru_cache(maxsize=None)
def _intensifier_words() -> frozenset[str]:
    return frozenset(
        row["entry"] for row in load_lexicon("intensifiers").rows if " " not in row["entry"]
    ) | _DEGREE_WORDS


@dataclass(frozen=True)
class Extension:
    """How far a loaded-language match widens to the phrase around it.

    ``left``: at most this many words taken right before the match: amplifiers ("so wicked",
    "truly devastating") and "-ly" adverbs ("morally bankrupt") for any entry, and, for
    entries whose part of speech is in ``left_any``, any content word that does not look like
    a verb form ending in "-ed" or "-s" ("systematic brutality", not "called thugs").
    ``right``: at most this many content words taken right after an entry whose part of
    speech is in ``right_after`` ("botched investigation", "crush domestic dissent").
    A content word is a lower-case word outside :data:`_FUNCTION_WORDS` joined to the match
    by white space only.
    """

    left: int = 2
    left_any: tuple[str, ...] = ()
    right: int = 1
    right_after: tuple[str, ...] = ("adj", "adv")


NO_EXTENSION = Extension(0, (), 0, ())
#: The extension used by :func:`find_devices`: chosen on PTC by the cross-validated
#: procedure in :mod:`analysis.validation.ptc_devices`.
LOADED_EXTENSION = Extension(2, ("noun", "phrase"), 2, ("adj", "adv", "verb"))


def _content(text: str, a: _Token, b: _Token) -> bool:
    """Is ``b`` a lower-case content word joined to its neighbour ``a`` by white space only?"""
    return (
        not text[a.end:b.start].strip() if a.end <= b.start else not text[b.end:a.start].strip()
    ) and b.raw[0].islower() and b.low.replace("-", "").isalpha() and b.low not in _FUNCTION_WORDS


_NOT_ADVERBS = frozenset(
    "family ally rally belly bully holy jolly ugly only early likely italy".split()
)


def _adverb(low: str) -> bool:
    """A rough test for a manner or degree adverb: a word ending in "-ly" ("morally")."""
    return low.endswith("ly") and len(low) > 4 and low not in _NOT_ADVERBS


def _verb_like(low: str) -> bool:
    """A rough test for a verb form that should not open a noun phrase ("called", "says")."""
    return low.endswith("ed") or low.endswith("s") and not low.endswith(("ss", "ous", "ics"))


def _extend_loaded(
    text: str, toks: list[_Token], i: int, n: int, pos: str, ext: Extension
) -> tuple[int, int]:
    """Token range of a loaded match ``toks[i:i+n]`` widened by ``ext``."""
    first, last = i, i + n - 1
    amplifiers = _intensifier_words()
    while first > 0 and i - first < ext.left:
        before, word = toks[first - 1], toks[first - 1].low
        joined = not text[before.end:toks[first].start].strip() and before.raw[0].islower()
        if not joined or not (
            word in amplifiers
            or _content(text, toks[first], before)
            and (_adverb(word) or pos in ext.left_any and not _verb_like(word))
        ):
            break
        first -= 1
    if pos in ext.right_after:
        while last + 1 < len(toks) and last - (i + n - 1) < ext.right and _content(
            text, toks[last], toks[last + 1]
        ):
            last += 1
    return first, last


def lexicon_devices(
    kind: str, text: str, toks: list[_Token], span: tuple[int, int],
    matcher: Matcher | None = None, extension: Extension = LOADED_EXTENSION,
) -> list[Device]:
    """Leftmost-longest lexicon matches of ``kind`` among the tokens of one sentence."""
    matcher = matcher or _matcher(kind)
    out = []
    i = taken = 0
    while i < len(toks):
        chosen = None
        for e in matcher.candidates(toks, i, text):
            n = len(e.parts)
            if not _condition_ok(e.condition, text, toks, i, n, span[0]):
                continue
            if kind == "loaded_language" and _proper_name(text, toks, i, n, span):
                continue
            chosen = e
            break
        if chosen is None:
            i += 1
            continue
        n = len(chosen.parts)
        first, last = i, i + n - 1
        if kind == "loaded_language":
            first, last = _extend_loaded(text, toks, i, n, chosen.pos, extension)
            first = max(first, taken)
        start, end = toks[first].start, toks[last].end
        out.append(Device(kind, start, end, text[start:end], chosen.entry))
        i = taken = last + 1
    return out


def match_lexicon(
    kind: str,
    text: str,
    sentences: Iterable[tuple[int, int]],
    *,
    matcher: Matcher | None = None,
    extension: Extension = LOADED_EXTENSION,
) -> list[Device]:
    """Lexicon devices of ``kind`` in the sentence spans of ``text``, as :func:`find_devices`
    finds them, but with another list (``matcher``; ``None``: the shipped one) and, for
    ``loaded_language``, another ``extension``. In sentence order, not de-duplicated."""
    out = []
    for span in sentences:
        toks = tokens(text, *span)
        if toks:
            out += lexicon_devices(kind, text, toks, span, matcher, extension)
    return out
