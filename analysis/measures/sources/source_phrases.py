"""Who the source of a reporting cue is: the noun phrase before the cue, or after it when inverted.

Rules, in the order :func:`source_before` applies them (no parser is available offline):

1. skip the auxiliaries and adverbs right before the cue ("has also said"), then any
   parenthetical or appositive ("Jim Jordan (R-Ohio), an oversight panel member, said");
2. a pronoun (:data:`PRONOUNS`) is the source, to be resolved later by the caller;
3. a capitalised word that is not a source noun opening the sentence starts a name: the run
   of capitalised words (at most seven, with "de", "of", "the" ... inside) is the source,
   typed by the actor it is (:func:`name_source`);
4. otherwise a noun phrase of at most five words, starting after its last function word:
   its head is a source noun of ``lexicons/source_nouns.tsv`` ("officials", "a spokesman"),
   or a role noun in -ist, -er, -or, -man, -ant, -ian after a determiner or a possessive ("the ad's narrator",
   type ``anonymous``).

:func:`source_after` reads the phrase after an inverted cue ("..., said Don Fowler"): a
pronoun, a capitalised name, or up to three words before a source noun.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from analysis.lexicon import load_lexicon
from analysis.measures.cues import Cue
from analysis.measures.sources.entities import Mention, fold, gazetteer, split_name_run
from analysis.read.article import Article

PRONOUNS = {"he": "person", "she": "person", "they": "other", "it": "other", "we": "author", "i": "author", "who": "other"}
_SKIPPABLE = re.compile(
    r"(?:\s*,?\s*\b(?:also|not|never|then|later|again|still|further|once|repeatedly|previously|recently|publicly|"
    r"privately|reportedly|eagerly|quickly|has|have|had|is|was|were|are|will|would|could|did|does|do|may|might|"
    r"should|can|been|be|being|just|already|even|\w+ly)\b)*\s*$",
    re.I,
)
NAME_BEFORE = re.compile(r"((?:[A-Z][\w’'.&-]*|de|del|la|van|von|bin|al-\w+)(?:\s+(?:[A-Z][\w’'.&-]*|de|del|la|van|von|bin|of|the)){0,6})\s*$")
_PARENTHETICAL_BEFORE = re.compile(r"\s*\([^()]{1,40}\)\s*,?\s*$")
#: A person named by role: "strategist", "businessman", "narrator" (unnamed: anonymous).
_ROLE_NOUN = re.compile(r"(?:ist|ists|er|ers|or|ors|man|men|woman|women|ant|ants|ian|ians)$")
#: Nouns in -er, -or, -ant that name things, not people.
_NOT_ROLES = frozenset("""letter letters paper papers number numbers water border borders order orders matter matters
    center centers centre quarter quarters computer computers error errors factor factors sector sectors corner
    power powers cover register chamber chambers manner poster posters trailer counter monitor flavor
    behavior behaviour rumor rumors rumour rumours honor labor labour tumor anchor""".split())
_DETERMINED = re.compile(r"(?:the|a|an|one|his|her|their|its|[\w’'-]+(?:’s|'s))\s", re.I)
_APPOSITIVE_BEFORE = re.compile(
    r",\s+(?:\d+|a|an|the|who|whose|one|[\w’'-]+\s+of|at|in|on|during|after|before|speaking|writing|appearing|"
    r"asked|interviewed|when|while|like|unlike|as)\b[^,;]{1,120},\s*$")
_NP_BEFORE = re.compile(r"((?:(?:a|an|the|one|two|three|some|many|several|other|senior|top|former|local|federal|\w+ish|\w+an|\w+ese|[\w’'-]+)\s+){0,4}([\w’'-]+))\s*$", re.I)
_AFTER_NP = re.compile(r"\s*,?\s*((?:the\s+|a\s+|an\s+)?(?:[A-Z][\w’'.&-]*(?:\s+(?:[A-Z][\w’'.&-]*|de|del|la|of|the|van|von|bin)){0,6}|he|she|they|it|we|I|(?:[\w’'-]+\s+){0,3}(?:officials?|sources?|spokes(?:man|woman|person)|experts?|analysts?|critics?)))")


@lru_cache(maxsize=1)
def source_nouns() -> dict[str, str]:
    return {fold(r["noun"]): r["type"] for r in load_lexicon("source_nouns").rows}


@dataclass(frozen=True)
class Source:
    name: str | None
    span: tuple[int, int] | None
    type: str
    pronoun: bool = False


def type_of_mention(m: Mention) -> str:
    return {"country": "government", "group": "organization"}.get(m.type, m.type)


def name_source(article: Article, mentions: list[Mention], a: int, b: int) -> Source | None:
    """The source named by the capitalised run ``text[a:b]``, titles and demonyms dropped."""
    text = article.text
    inside = [m for m in mentions if a <= m.start and m.end <= b]
    names = [m for m in inside if m.via == "name"]
    if names:
        m = names[-1]
        kind = type_of_mention(m)
        if kind == "other" and not m.canonical.isupper():
            kind = "person"  # a lone name that speaks ("Trump says") is most often a person
        return Source(m.canonical, (m.start, m.end), kind)
    if inside:
        m = inside[-1]
        return Source(m.canonical, (m.start, m.end), "government")
    pieces = split_name_run(text, a, b, -1, gazetteer())
    if pieces:
        s, e, _ = pieces[-1]
        return Source(text[s:e], (s, e), "other")
    return None


#: How far back the phrase rules look from a cue: far more than any source phrase, asides
#: included, so that a cue in a sentence of any length costs the same.
WINDOW = 400


def _near(lo: int, end: int) -> int:
    return max(lo, end - WINDOW)


def source_before(article: Article, mentions: list[Mention], lo: int, cue: Cue) -> Source | None:
    text = article.text
    near = _near(lo, cue.start)
    skip = _SKIPPABLE.search(text[near:cue.start])
    end = near + skip.start() if skip else cue.start
    while m := (_PARENTHETICAL_BEFORE.search(text, _near(lo, end), end)
                or _APPOSITIVE_BEFORE.search(text, _near(lo, end), end)):
        end = m.start()  # "Jim Jordan (R-Ohio), an oversight panel member, said"
    near = _runs_back(text, lo, end, 2, "’'-")  # the last word starts after the second last run
    word = _LAST_WORD.search(text[near:end])
    if not word:
        return None
    w = word.group(1)
    if w.lower() in PRONOUNS:
        return Source(w, (near + word.start(1), near + word.end(1)), PRONOUNS[w.lower()], pronoun=True)
    if w[:1].isupper() and not (fold(w) in source_nouns() and _blank_before(text, lo, near + word.start(1))):
        run = name_before(text, lo, end)
        if run:
            return name_source(article, mentions, run.start(1), run.end(1))
    np = _NP_BEFORE.search(text, _runs_back(text, lo, end, 6, "’'-"), end)  # at most 5 words
    if not np:
        return None
    a = np_start(text, np.start(1), np.end(1))
    head = np.group(2)
    if fold(head) in source_nouns():
        return Source(" ".join(text[a:np.end(1)].split()), (a, np.end(1)), source_nouns()[fold(head)])
    if is_role_noun(head) and _DETERMINED.match(text, a):
        return Source(" ".join(text[a:np.end(1)].split()), (a, np.end(1)), "anonymous")  # "the ad's narrator"
    return None


def is_role_noun(word: str) -> bool:
    """A noun naming a person by role ("strategist", "negotiator"), not a thing ("letter")."""
    return bool(_ROLE_NOUN.search(word)) and word.lower() not in _NOT_ROLES


def _runs_back(text: str, lo: int, end: int, n: int, joiners: str) -> int:
    """The start of the ``n``-th run of word characters (and ``joiners``) back from ``end``,
    or ``lo``: a pattern of at most ``n - 1`` such words before ``end`` starts at or after it,
    so searching from there finds the same leftmost match as searching from ``lo``."""
    i = end
    for _ in range(n):
        while i > lo and not (text[i - 1].isalnum() or text[i - 1] == "_" or text[i - 1] in joiners):
            i -= 1
        while i > lo and (text[i - 1].isalnum() or text[i - 1] == "_" or text[i - 1] in joiners):
            i -= 1
        if i == lo:
            return lo
    return i


def name_before(text: str, lo: int, end: int) -> re.Match | None:
    """:data:`NAME_BEFORE` in ``text[lo:end]``, searched from the eighth word back (it spans
    at most seven)."""
    return NAME_BEFORE.search(text, _runs_back(text, lo, end, 8, "’'.&-"), end)


_LAST_WORD = re.compile(r"([\w’'-]+)\s*$")


def _blank_before(text: str, lo: int, end: int) -> bool:
    """Whether ``text[lo:end]`` is only white space (read back from ``end``)."""
    while end > lo and text[end - 1].isspace():
        end -= 1
    return end == lo


_NP_FUNCTION_WORDS = frozenset("in which that who whom whose where when as of on at for with by from to and or but "
                                "while whereas although though because since if unless until".split())


def np_start(text: str, start: int, end: int) -> int:
    """The noun phrase starts after the last function word before its head ("in which the US
    president" -> "the US president")."""
    cut = start
    for m in re.finditer(r"[\w’'-]+", text[start:end]):
        if m.group(0).lower() in _NP_FUNCTION_WORDS:
            cut = start + m.end()
    while cut < end and text[cut].isspace():
        cut += 1
    return cut


def source_after(article: Article, mentions: list[Mention], pos: int, hi: int) -> Source | None:
    text = article.text
    m = _AFTER_NP.match(text, pos, hi)
    if not m:
        return None
    phrase = m.group(1)
    a, b = m.start(1), m.end(1)
    if phrase.lower() in PRONOUNS:
        return Source(phrase, (a, b), PRONOUNS[phrase.lower()], pronoun=True)
    bare = re.sub(r"^(?:the|a|an)\s+", "", phrase)
    if bare[:1].isupper():
        return name_source(article, mentions, b - len(bare), b)
    head = phrase.split()[-1]
    kind = source_nouns().get(fold(head))
    return Source(" ".join(phrase.split()), (a, b), kind) if kind else None
