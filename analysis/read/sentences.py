"""Sentence boundaries and word counts, with character offsets, without any model data.

The splitter follows the decision Punkt makes once its abbreviation list is fixed (Kiss and
Strunk 2006), written out as rules so it needs no trained parameters and no nltk import at
start-up (importing nltk costs seconds; a whole report must start in well under one):

- A boundary candidate is a run of ``.``, ``!``, ``?`` or ``…``, optionally followed by
  closing quotes or brackets, then white space, then a word that may start a sentence
  (an upper-case letter, a digit, an opening quote or bracket).
- After a title that precedes a name ("Gen.", "Mr.", "Sen.") there is never a boundary.
- After any other known abbreviation ("Feb.", "Inc.", "U.S.", "a.m.") or an initial ("J."),
  there is a boundary only when the next word is a common sentence opener ("The", "He",
  "But", ...), which is how Punkt's orthographic heuristic usually decides in news text.
- After a quoted question or exclamation, a short speech tag is not a new sentence
  ("“Why now?” Graham asked."): at most four words, up to the next comma or full stop within
  40 characters, holding a verb of :data:`SPEECH_TAG_VERBS`.
- Otherwise the candidate is a boundary.

So "Feb. 1995", "Sept. 14, 2017", "the..negotiations" and "the U.S. military" stay inside
one sentence. ``analysis.validation.sentences`` measures agreement with nltk's Punkt given
the same abbreviation list.
"""
from __future__ import annotations

import re
from functools import lru_cache

#: Titles that come before a name: never the end of a sentence.
TITLES = frozenset(
    """mr mrs ms messrs dr prof gen lt col maj capt cmdr cmdt adm sgt cpl pvt gov sen rep
    rev fr hon pres supt insp det amb atty ft mt st""".split()
)

#: Other abbreviations: the end of a sentence only before a common sentence opener.
ABBREVIATIONS = frozenset(
    """jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri sat sun
    inc corp co ltd llc plc bros jr sr esq vs v etc al approx dept est ave blvd rd univ assn
    no nos vol vols pp fig figs art ch sec ed eds intl natl govt min max
    ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo
    mont neb nev okla ore pa tenn tex va vt wash wis wyo
    u.s u.k u.n e.u d.c a.m p.m e.g i.e u.s.a n.y l.a ph.d""".split()
)

#: Words that commonly open a sentence in news text, lower-cased: Punkt's orthographic evidence
#: for the splitter (after an abbreviation, a boundary only before one of them), and, written
#: capitalised at the start of a sentence, words that are not names (:func:`is_opener`).
OPENERS = frozenset(
    """the a an he she it they we i you his her their its our this that these those there here
    but and or nor so yet still however meanwhile when while after before as if in on at for
    with to from by of since until despite although though given amid under over among around
    about according officially indeed speaking following top more last first second third
    some many most several such each every no not all both other another once now today then
    thus also only even instead why what how who where which whose whom whether unless because
    do does did is are was were will would can could should must let please yes oh well just like
    either neither almost perhaps maybe sometimes often never always everyone everybody nobody
    nothing something anyone anything mr mrs ms one two three officials police""".split()
)


def is_opener(word: str) -> bool:
    """Whether ``word``, written as it opens a sentence ("The", "However", "I"), is a common
    opener rather than a name."""
    return word == word.capitalize() and word.lower() in OPENERS


_CANDIDATE = re.compile(r"(?:[.!?]+|…)[\"'”’»)\]]*(?=\s)")
_OPENING = "\"'“‘«([¿¡"
_TOKEN_BEFORE = re.compile(r"[\w.’'-]+$")
_WORD = re.compile(r"\w+(?:[’'.\-]\w+)*")


_NEXT_WORD = re.compile(r"[\"'“‘«(\[]*(\w+)")


def _next_word(text: str, pos: int, end: int) -> str:
    match = _NEXT_WORD.match(text, pos, end)
    return match.group(1) if match else ""


#: Verbs of a short speech tag after a quoted question or exclamation ("“Why now?” Graham
#: asked."), in the forms that are never nouns ("answer", "reply" and "cry" are left out). The
#: splitter keeps its own closed list, so that editing the attribution lexicons never moves a
#: sentence boundary.
SPEECH_TAG_VERBS = frozenset(
    """said says told tells added adds asked asks replied answered responded wondered wonders
    shouted yelled screamed whispered muttered exclaimed cried quipped retorted joked continued
    continues explained explains insisted insists demanded wrote writes tweeted recalled""".split()
)


def _has_cue(text: str, start: int, end: int) -> bool:
    return any(text[a:b].lower() in SPEECH_TAG_VERBS for a, b in words(text, start, end))


_SHORT_TAG = re.compile(r"[^.!?“”\"]{1,40}?[.,]")


def _token_before(text: str, end: int) -> re.Match | None:
    """The run of word characters and points ending at ``end``, searched in a window that
    doubles only while the run reaches its start (linear in the run, not in the text)."""
    width = 64
    while True:
        lo = max(0, end - width)
        token = _TOKEN_BEFORE.search(text, lo, end)
        if token is None or token.start() > lo or lo == 0:
            return token
        width *= 2


def _is_boundary(text: str, mark_start: int, mark: str, next_pos: int, end: int, quoted: bool = False) -> bool:
    first = text[next_pos]
    if not (first.isupper() or first.isdigit() or first in _OPENING):
        return False
    if mark != ".":
        # “Why now?” Graham asked.  -- a short speech tag after a quoted question is the same sentence
        tag = _SHORT_TAG.match(text, next_pos, end) if quoted and first not in _OPENING else None
        return not (tag and len(tag.group(0).split()) <= 4 and _has_cue(text, next_pos, tag.end()))

    token = _token_before(text, mark_start)
    word = token.group(0).lower().strip("’'-") if token else ""
    word = word.lstrip(".")
    if not word:
        return True
    if word in TITLES:
        return False
    opener = _next_word(text, next_pos, end).lower() in OPENERS
    if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
        return opener
    if "." in word and all(len(part) <= 2 for part in word.split(".")):
        return opener  # an unlisted acronym such as "N.Y.C."
    return True


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` inside ``text[start:end]``, stripped of white space.

    Every character of the range that is not white space lies in exactly one sentence;
    spans are in order and never overlap.
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    begin = start
    for match in _CANDIDATE.finditer(text, start, end):
        next_pos = match.end()
        while next_pos < end and text[next_pos].isspace():
            next_pos += 1
        if next_pos >= end:
            break
        closers = match.group(0)[len(match.group(0).rstrip("\"'”’»)]")):]
        mark = match.group(0).rstrip("\"'”’»)]")
        if _is_boundary(text, match.start(), mark[-1], next_pos, end, quoted=bool(closers)):
            spans.append((begin, match.end()))
            begin = next_pos
    spans.append((begin, end))
    return [s for s in (_strip(text, a, b) for a, b in spans) if s[0] < s[1]]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@lru_cache(maxsize=8192)
def words(text: str, start: int = 0, end: int | None = None) -> tuple[tuple[int, int], ...]:
    """Word spans: runs of letters or digits, joined by inner apostrophes, hyphens or points.

    "Israel’s", "field-tested", "5.7-million-dollar" and "U.S" are one word each.
    This is the word used by every "per 1,000 words" rate. (Memoised: every measure asks.)
    """
    end = len(text) if end is None else end
    return tuple(m.span() for m in _WORD.finditer(text, start, end))


def count_words(text: str, start: int = 0, end: int | None = None) -> int:
    """The number of :func:`words` in ``text[start:end]``."""
    end = len(text) if end is None else end
    return sum(1 for _ in _WORD.finditer(text, start, end))
