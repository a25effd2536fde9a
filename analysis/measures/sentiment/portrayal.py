"""Portrayal: what each actor does and suffers in an article, and the role that casts it in.

Method: connotation frames read from the parse (Rashkin et al. 2016, "Connotation Frames";
Sap et al. 2017, "Connotation Frames of Power and Agency"), as Riveter (Sap et al. 2023) does
for personas, with our own lexicon (``lexicons/connotation.tsv``) and our own rules for
enabling harm; the events and their rules are in :mod:`.portrayal_events`. Participants: the
article's actors and the groups of ``lexicons/participant_nouns.tsv``.

Per actor and per voice (``writer``, ``quoted``, ``attributed``: ``voice_at(offset)`` of the
predicate; default every event is the writer's) the events are counted by effect (an
enable verb's help to a recipient the article has harm others counts as ``enables_harm``:
"supplying someone who harms", see :func:`_link_enabling`):
``harm_done``, ``harm_suffered``, ``help_given``, ``help_received``, ``enables_harm``,
``power``.

**Main role** (over all voices; ``role_by_voice`` gives the same rule per voice). Role counts:
perpetrator = harm_done, enabler = enables_harm, victim = harm_suffered, benefactor =
help_given (help_received and power cast no role). With n the sum of the four and c the
largest: n = 0 -> ``neutral``; the largest shared by roles of different coarse classes
(a perpetrator as often as a victim) -> ``neutral`` with confidence 0; shared by perpetrator
and enabler -> perpetrator; otherwise the largest role. **Confidence** = c / (n + 2): the
role's share of the role events (c / n) shrunk toward 0 for few events by n / (n + 2) (one
event 0.33, two of two 0.5, four of four 0.67, three of four 0.5); for ``neutral`` with
n = 0 it is e / (e + 2), e the actor's other events (0 when it has none). Coarse names of
SemEval-2025 Task 10 (entity framing): perpetrator and enabler -> ``antagonist``, victim ->
``innocent``, benefactor -> ``protagonist``, neutral -> None.

**Descriptions** (evidence, no count): adjectives (``amod``, not quantifiers such as
"several", not capitalised words such as demonyms) of the mention's head and of its compound words, appositions
(``appos``, not dates or numbers), and predicate nominals or adjectives with a copula ("Israel
is a major exporter"), each as its phrase (determiners, modifiers, ``nmod`` and case words), each with its tone when ``lexicons/loaded.tsv`` lists one of
its words (praise -> positive; political, emotion, spending -> no tone; any other category
-> negative).

Only actors with at least one event or description are listed, first-mentioned first.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from analysis.lexicon import load_lexicon
from analysis.measures.sentiment.portrayal_events import participant_map, sentence_events, verbs
from analysis.measures.sources.voices import VOICES

EFFECTS = ("harm_done", "harm_suffered", "help_given", "help_received", "enables_harm", "power")
ROLE_OF_EFFECT = {"harm_done": "perpetrator", "enables_harm": "enabler",
                  "harm_suffered": "victim", "help_given": "benefactor"}
COARSE = {"perpetrator": "antagonist", "enabler": "antagonist", "victim": "innocent",
          "benefactor": "protagonist", "neutral": None}
SHRINK = 2
_PRIORITY = ("perpetrator", "enabler", "victim", "benefactor")
_NO_TONE = frozenset({"political", "emotion", "spending"})
_ADJECTIVE = frozenset({"JJ", "JJR", "JJS", "VBN", "VBG"})
_QUANTIFIERS = frozenset({"several", "many", "few", "other", "own", "certain", "various", "numerous",
                          "such", "same", "more", "most", "much", "last", "next", "first"})
#: relations that stay inside a described phrase ("one of the world's top weapons exporters")
_PHRASE = frozenset({"det", "amod", "advmod", "nmod", "case", "compound", "nmod:poss", "nummod",
                     "flat", "fixed", "obl"})


@dataclass(frozen=True)
class PortrayalEvent:
    """One thing the text says an actor does or suffers: ``text[start:end]`` is the evidence.

    ``verb``: the connotation lemma (a nominalisation reads as its verb: "crackdown" ->
    "repress"); ``enabled``: for ``enables_harm``, the lemma of the harm enabled; ``perspective``:
    the lexicon's writer perspective toward this argument (-1, 0, +1); ``link``: how an enabling
was read ("clause" or "article", see :func:`_link_enabling`); ``arg_start``/``arg_end``:
    the argument's head word; ``sentence``: index into ``article.sentences`` (-1 if none).
    """

    actor: str
    verb: str
    relation: str  # subject, object, passive_subject, agent, possessor, enabler
    effect: str    # one of EFFECTS
    voice: str
    start: int
    end: int
    sentence: int
    arg_start: int
    arg_end: int
    enabled: str = ""
    perspective: int = 0
    link: str = ""  # for enables_harm: "clause" (read in one clause) or "article" (see _link_enabling)

    def to_dict(self) -> dict:
        return {"verb": self.verb, "relation": self.relation, "effect": self.effect,
                "voice": self.voice, "start": self.start, "end": self.end,
                "sentence": self.sentence, "enabled": self.enabled, "link": self.link}


@dataclass(frozen=True)
class Description:
    """How the text describes an actor: ``kind`` amod, appos or predicate; tone from loaded.tsv."""

    text: str
    kind: str
    start: int
    end: int
    tone: str  # negative, positive or "" (none)
    cue: str   # the loaded word that gave the tone

    def to_dict(self) -> dict:
        return {"text": self.text, "kind": self.kind, "start": self.start, "end": self.end,
                "tone": self.tone, "cue": self.cue}


@dataclass(frozen=True)
class ActorPortrayal:
    """One actor's events, counts by voice and effect, main role and its confidence (0..1)."""

    actor: str
    type: str
    role: str
    confidence: float
    coarse_role: str | None
    counts: dict
    role_by_voice: dict
    events: tuple[PortrayalEvent, ...]
    descriptions: tuple[Description, ...]

    def to_dict(self) -> dict:
        return {"actor": self.actor, "type": self.type, "role": self.role,
                "confidence": self.confidence, "coarse_role": self.coarse_role,
                "counts": self.counts, "role_by_voice": self.role_by_voice,
                "events": [e.to_dict() for e in self.events],
                "descriptions": [d.to_dict() for d in self.descriptions]}


@dataclass(frozen=True)
class Portrayal:
    """The report's ``portrayal`` section: every portrayed actor."""

    actors: tuple[ActorPortrayal, ...]

    def to_dict(self) -> dict:
        return {"actors": [a.to_dict() for a in self.actors]}

    def actor(self, name: str) -> ActorPortrayal | None:
        """The portrayal of the actor named ``name``, or None."""
        return next((a for a in self.actors if a.actor == name), None)


def main_role(counts: dict[str, int]) -> tuple[str, float]:
    """``(role, confidence)`` from effect counts, by the rule of the module docstring."""
    roles = {ROLE_OF_EFFECT[e]: counts.get(e, 0) for e in ROLE_OF_EFFECT}
    n = sum(roles.values())
    if n == 0:
        other = sum(counts.values())
        return "neutral", round(other / (other + SHRINK), 3)
    best = max(roles.values())
    tied = [r for r in _PRIORITY if roles[r] == best]
    if len({COARSE[r] for r in tied}) > 1:
        return "neutral", 0.0
    return tied[0], round(best / (n + SHRINK), 3)


@lru_cache(maxsize=1)
def _tones() -> dict[str, tuple[str, str]]:
    out = {}
    for row in load_lexicon("loaded").rows:
        entry = row["entry"].lower()
        if row["status"] != "use" or " " in entry or row["category"] in _NO_TONE:
            continue
        out[entry] = ("positive" if row["category"] == "praise" else "negative", entry)
    return out


def _tone(tokens) -> tuple[str, str]:
    for t in tokens:
        hit = _tones().get(t.lower_)
        if hit:
            return hit
    return "", ""


def _describe(parse, piece, head, named) -> list[Description]:
    """Descriptions of the participant whose head word is ``head`` (``named``: participant tokens)."""
    found = []
    words = [head] + [c for c in head.children if c.dep_ in ("compound", "flat")]
    for w in words:
        for c in w.children:
            if (c.dep_ == "amod" and c.tag_ in _ADJECTIVE and c.lower_ not in _QUANTIFIERS
                    and c.text.isalpha() and not c.text[0].isupper()
                    and (piece, c.i) not in named and c.ent_type_ not in ("NORP", "GPE")):
                found.append(("amod", _phrase(c)))
    for c in head.children:
        if c.dep_ == "appos" and c.tag_ != "CD" and c.ent_type_ not in ("DATE", "TIME", "CARDINAL"):
            found.append(("appos", _phrase(c)))
    pred = head.head
    if (head.dep_ == "nsubj" and pred.pos_ in ("NOUN", "ADJ", "PROPN", "NUM")
            and any(c.dep_ == "cop" for c in pred.children)):
        found.append(("predicate", _phrase(pred)))
    out = []
    for kind, tokens in found:
        tokens = [t for t in tokens if t.dep_ != "punct" or t.i not in (tokens[0].i, tokens[-1].i)]
        if not tokens:
            continue
        start, _ = parse.span_of(piece, tokens[0])
        _, end = parse.span_of(piece, tokens[-1])
        text = tokens[0].doc.text[tokens[0].idx:tokens[-1].idx + len(tokens[-1].text)]
        tone, cue = _tone(tokens)
        out.append(Description(text, kind, start, end, tone, cue))
    return out


def _phrase(top) -> list:
    """``top`` and the words of its noun or adjective phrase (:data:`_PHRASE` relations only)."""
    out, stack = [], [top]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ in _PHRASE)
    return sorted(out, key=lambda t: t.i)


def _link_enabling(raws: list) -> list[tuple]:
    """Every event with its ``link``; help to someone the article has harm others becomes enabling.

    The second pass of the enabling rule: when the doer of an enable verb (``enables = yes``:
    help, aid, arm, supply, sell, train, fund, ...) gives help (``help_given``) to a recipient
    that is the doer of a ``harm_done`` event anywhere in the article, the event becomes
    ``enables_harm`` (relation ``enabler``, ``enabled``: the recipient's first harm verb, link
    ``article``): "Russia armed the militia. The militia burned the villages." Enabling read
    inside one clause has link ``clause``; other events ``""``.
    """
    lexicon = verbs()
    first_harm: dict[str, str] = {}
    for raw in raws:
        if raw.effect == "harm_done":
            first_harm.setdefault(raw.participant.actor, raw.verb)
    recipients: dict[int, list[str]] = {}
    for raw in raws:
        if raw.effect == "help_received":
            recipients.setdefault(raw.at, []).append(raw.participant.actor)
    out = []
    for raw in raws:
        link = "clause" if raw.effect == "enables_harm" else ""
        if raw.effect == "help_given" and lexicon[raw.verb].enables:
            harmful = [r for r in recipients.get(raw.at, []) if r in first_harm and r != raw.participant.actor]
            if harmful:
                raw = replace(raw, relation="enabler", effect="enables_harm", enabled=first_harm[harmful[0]])
                link = "article"
        out.append((raw, link))
    return out


def portray(article, reading, *, voice_at: Callable[[int], str] | None = None) -> Portrayal:
    """The portrayal of every participant of ``article``.

    ``reading``: :func:`analysis.measures.sources.actors.read_actors` of the same article (its
    actors and parse). ``voice_at(offset) -> "writer" | "quoted" | "attributed"`` gives the
    voice of the predicate at a character offset (default: always ``"writer"``).
    """
    voice_at = voice_at or (lambda offset: "writer")
    parse = reading.parse
    who = participant_map(parse, reading)
    sentence_starts = [s.start for s in article.sentences]
    events: dict[str, list[PortrayalEvent]] = {}
    descriptions: dict[str, list[Description]] = {}
    types: dict[str, str] = {}
    first: dict[str, int] = {}
    for (piece, i), participant in sorted(who.items()):
        token = parse.docs[piece][i]
        name = participant.actor
        types.setdefault(name, participant.type)
        first.setdefault(name, parse.span_of(piece, token)[0])
        descriptions.setdefault(name, []).extend(_describe(parse, piece, token, who))
    raws = [raw for piece, doc in enumerate(parse.docs) for raw in sentence_events(parse, piece, doc, who)]
    for raw, link in _link_enabling(raws):
        name = raw.participant.actor
        events.setdefault(name, []).append(PortrayalEvent(
            name, raw.verb, raw.relation, raw.effect, voice_at(raw.at),
            raw.start, raw.end, bisect_right(sentence_starts, raw.start) - 1,
            raw.arg_start, raw.arg_end, raw.enabled, raw.perspective, link))
    out = []
    for name in sorted(types, key=lambda n: (first[n], n)):
        evs = tuple(sorted(events.get(name, []), key=lambda e: (e.start, e.end, e.effect)))
        descs = tuple(sorted(set(descriptions.get(name, [])), key=lambda d: (d.start, d.end, d.kind)))
        if not evs and not descs:
            continue
        counts = {v: {e: 0 for e in EFFECTS} for v in sorted({e.voice for e in evs} | {"writer"})}
        for e in evs:
            counts[e.voice][e.effect] += 1
        total = {e: sum(c[e] for c in counts.values()) for e in EFFECTS}
        role, confidence = main_role(total)
        by_voice = {v: main_role(c)[0] for v, c in counts.items()}
        out.append(ActorPortrayal(name, types[name], role, confidence, COARSE[role], counts,
                                  by_voice, evs, descs))
    return Portrayal(tuple(out))
