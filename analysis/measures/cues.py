"""Reporting cues: the verbs, nouns and phrases that attribute words to a source.

A cue is a whole-word, case-insensitive match of a form listed in
``lexicons/reporting_verbs.tsv`` ("said", "denied", "pointed out") or
``lexicons/reporting_nouns.tsv`` ("according to", "in a statement"), with its class
(neutral, truth, careful, doubt, culpability; after Wikipedia's "Words to watch").

Forms that are also common nouns ("state", "report", "claims", "comment") count as verbs only
in a verb's position: after a subject pronoun or a capitalised name, after an adverb in -ly,
or before "that". So "the police state" and "a state of emergency" are not cues, while
"he states that" and "Smith claims" are. This is what rules without a tagger can do;
``analysis.validation.polnear`` measures what it misses.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from analysis.lexicon import load_lexicon

SUBJECT_WORDS = frozenset("he she they it we i you who which that officials sources".split())
DETERMINERS = frozenset(
    "the a an this that these those his her its their our my your no any some every each police".split()
)
#: Forms that double as nouns or adjectives ("repeated attacks"), or whose bare form often does
#: not report ("expect delays"): a verb only in a verb's position.
NOUN_LIKE = frozenset(
    """state states report reports comment comments demand demands estimate estimates promise promises
    pledge pledges show shows claim claims note notes hope hopes fear fears vow vows tweet tweets
    remark remarks answer urge question charge document praise welcome reject rejects defend
    complain find finds post tout touts boast boasts cite cites quote quotes call calls rule rules compare compares compared comparing
    repeat repeats repeated think expect""".split()
)


@dataclass(frozen=True)
class Cue:
    """A reporting cue in the text: its span, lemma, class and kind (verb, noun or phrase)."""

    start: int
    end: int
    text: str
    lemma: str
    cls: str
    kind: str


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, tuple[str, str, str]], int, frozenset[str]]:
    """Every form (lower case, words joined by one space) -> (lemma, class, kind); the number
    of words of the longest form; the words that start a form."""
    forms: dict[str, tuple[str, str, str]] = {}
    for row in load_lexicon("reporting_verbs").rows:
        for form in row["forms"].split(","):
            forms.setdefault(" ".join(form.lower().split()), (row["lemma"], row["class"], "verb"))
    for row in load_lexicon("reporting_nouns").rows:
        forms.setdefault(" ".join(row["cue"].lower().split()), (row["cue"], row["class"], row["kind"]))
    return forms, max(len(f.split()) for f in forms), frozenset(f.split()[0] for f in forms)


_TOKEN = re.compile(r"[\w’']+(?:-[\w’']+)*")


_PREV_WORD = re.compile(r"([\w’'.-]+)[\s,]*$")
_NEXT_WORD = re.compile(r"\s*([\w’'-]+)")


def _verb_position(text: str, start: int, end: int) -> bool:
    before = _PREV_WORD.search(text, max(0, start - 40), start)
    after = _NEXT_WORD.match(text, end)
    prev = before.group(1) if before else ""
    if after and after.group(1).lower() == "that":
        return True
    if prev.lower() in DETERMINERS or prev.endswith(("’s", "'s", "s’", "s'")):
        return False
    bare = not text[start:end].lower().endswith(("s", "ed", "ing"))
    if bare and prev[:1].isupper():
        return False  # "Mexican state police": a singular name takes "states", not "state"
    return prev.lower() in SUBJECT_WORDS or prev.lower() == "to" or prev.endswith("ly") or (prev[:1].isupper() and prev.lower() not in DETERMINERS)


def _inside_name(text: str, start: int) -> bool:
    """A capitalised form right after another capitalised word is part of a name."""
    before = _PREV_WORD.search(text, max(0, start - 40), start)
    if not before or "\n" in text[before.start():start]:
        return False
    return before.group(1)[:1].isupper() and not before.group(1).endswith((".", ":"))


def find_cues(text: str, start: int = 0, end: int | None = None) -> list[Cue]:
    """Reporting cues in ``text[start:end]``, in order, never overlapping (longest form first)."""
    forms, longest, starters = _table()
    end = len(text) if end is None else end
    tokens = [m.span() for m in _TOKEN.finditer(text, start, end)]
    lowered = [text[a:b].lower() for a, b in tokens]
    out = []
    i = 0
    while i < len(tokens):
        n = _longest_form(text, tokens, lowered, i, forms, longest) if lowered[i] in starters else 0
        if not n:
            i += 1
            continue
        a, b = tokens[i][0], tokens[i + n - 1][1]
        key = " ".join(lowered[i:i + n])
        lemma, cls, kind = forms[key]
        if not (text[a].isupper() and _inside_name(text, a)) and (key not in NOUN_LIKE or _verb_position(text, a, b)):
            out.append(Cue(a, b, text[a:b], lemma, cls, kind))
        i += n
    return out


def _longest_form(text: str, tokens: list, lowered: list[str], i: int, forms: dict, longest: int) -> int:
    """How many tokens from ``i`` make the longest listed form (0 when none does)."""
    for n in range(min(longest, len(tokens) - i), 0, -1):
        if " ".join(lowered[i:i + n]) in forms and all(
                not text[tokens[j][1]:tokens[j + 1][0]].strip() for j in range(i, i + n - 1)):
            return n
    return 0
