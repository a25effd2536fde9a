"""Portrayal events: what the parse says each participant does and suffers, one pass per sentence.

Participants are the article's actors (:func:`analysis.measures.sources.actors.read_actors`)
and the groups named by common nouns of ``lexicons/participant_nouns.tsv`` ("journalists",
"police"). A noun of that list with ``represents = yes`` that a named actor modifies ("the
Mexican government", "Israeli personnel", "Mexican police") is a mention of that actor.

Predicates are the verbs of ``lexicons/connotation.tsv`` (matched by lemma, tag VB*) and the
nominalisations of :data:`NOMINALS` ("crackdown", "killing"). Their arguments, from Universal
Dependencies v2 relations (conjuncts share their first conjunct's relation):

* ``subject``: ``nsubj``; a verb without one takes it from the verb it is a conjunct of, from
  the object of the verb it is the ``xcomp``/infinitive ``advcl`` of (or its subject when that
  has no object: "helped Mexico to crush"), and "that/who/which" of a relative clause is the
  noun the clause modifies;
* ``object``: ``obj``, ``iobj`` (and, for help and enable verbs, the recipient ``obl`` with "to"
  or "for": "sold weapons to Mexico"; for harm verbs an ``obl`` with "on" or "against": "spied
  on journalists", "fought against the rebels"); ``passive_subject``: ``nsubj:pass``, and the noun a past
  participle modifies ("journalists killed by police"); ``agent``: ``obl:agent`` ("by X");
* ``possessor``: ``nmod:poss`` of a nominalisation ("Israel's crackdown") or a named or
  ``represents`` participant as its ``compound`` ("a government crackdown"); the patient of a
  nominalisation is its ``nmod`` with "of", "on" or "against" ("the killing of journalists"),
  and, for the nouns of :data:`PATIENT_POSSESSOR` without such a patient, its possessor
  ("Meng's abduction", "his arrest": relation ``object``).
  A possessor of a noun whose infinitive ``acl`` is a predicate is that predicate's subject
  ("the government's efforts to quash dissent").

Effects, from the lexicon's ``kind``: harm -> ``harm_done`` for subject, agent and possessor,
``harm_suffered`` for object and passive subject; help (and an enable verb with no harm to
pass on) -> ``help_given`` / ``help_received``; loss verbs with the writer's sympathy for the
subject (``writer_perspective_subject = 1``: "died", "suffered") -> ``harm_suffered`` for the
subject; an enable verb whose doer the writer condemns (``writer_perspective_subject = -1``:
abet, incite, collude, conspire) -> ``enables_harm`` always, the help being for a wrong. **Enabling harm**: an enable verb (``enables = yes``: help, aid, arm, fund, train,
supply, ...) whose ``xcomp``/``ccomp`` is a harm verb ("helped the junta jail its critics"),
or whose object or oblique is a harm nominalisation or a noun with a harm verb in its
``acl``/``acl:relcl`` ("armed the militia that burned the villages", "funded efforts to jail
reporters", "aided in the government's efforts to quash dissent") gives its doer the relation
``enabler`` and the effect ``enables_harm`` instead of ``help_given``. ``power``: the argument
the lexicon's ``power`` column gives power (agent: the doer; theme: the object) gets one
``power`` event per predicate.

Negation cancels: a predicate with "not", "n't", "never" as ``advmod``/``neg``, or with "no"
on its object ("offered no help"), gives no event
(not attacking is not helping, so nothing is flipped); a negated harm complement makes the
enabling verb plain help. Cost: every token is visited once, plus its children and at most
two levels below an enabling verb's object.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from analysis.lexicon import load_lexicon

#: Nominalisations read as their verb (noun lemma -> connotation lemma); written by hand from
#: the nouns of news reports of repression, violence and support. "crackdown" reads as "repress".
NOMINALS = {
    "crackdown": "repress", "repression": "repress", "oppression": "oppress",
    "suppression": "suppress", "persecution": "persecute", "purge": "purge",
    "censorship": "censor", "surveillance": "surveil", "spying": "spy",
    "harassment": "harass", "intimidation": "intimidate", "killing": "kill",
    "murder": "murder", "massacre": "massacre", "assassination": "assassinate",
    "attack": "attack", "assault": "assault", "bombing": "bomb", "shelling": "shell",
    "invasion": "invade", "occupation": "occupy", "torture": "torture",
    "abduction": "abduct", "kidnapping": "kidnap", "detention": "detain", "arrest": "arrest",
    "imprisonment": "imprison", "deportation": "deport", "expulsion": "expel",
    "execution": "execute", "destruction": "destroy", "exploitation": "exploit",
    "abuse": "abuse", "violation": "violate", "siege": "besiege", "raid": "raid",
    "prosecution": "prosecute", "threat": "threaten", "criticism": "criticize",
    "condemnation": "condemn",
    "help": "help", "aid": "aid", "assistance": "assist", "support": "support",
    "backing": "back", "funding": "fund", "financing": "finance", "sponsorship": "sponsor",
    "training": "train", "sale": "sell", "supply": "supply", "delivery": "deliver",
    "protection": "protect", "rescue": "rescue", "defense": "defend", "release": "release",
    "liberation": "liberate", "praise": "praise",
}
#: Nominalisations whose possessor, without a patient of their own, is the one they befall:
#: "Meng's abduction", "his arrest" (but "Israel's crackdown", "Trump's attacks on the press").
PATIENT_POSSESSOR = frozenset({
    "arrest", "abduction", "kidnapping", "detention", "imprisonment", "deportation", "expulsion",
    "execution", "assassination", "killing", "murder", "torture", "prosecution", "persecution",
    "release", "rescue", "liberation", "protection", "defense", "training", "funding", "support"})
_NEGATORS = frozenset({"not", "n't", "never"})
#: obliques read as the object, by the verb's kind (only participants count, so "on Tuesday" is none)
_OBL_PATIENT = {"help": ("to", "for"), "enable": ("to", "for"), "harm": ("on", "against")}
_RELATIVE = frozenset({"that", "who", "whom", "which"})
_PATIENT_CASES = frozenset({"of", "on", "against"})
_CONJ_RELATIONS = {"nsubj": "subject", "obj": "object", "iobj": "object",
                   "nsubj:pass": "passive_subject", "obl:agent": "agent"}
DOER = frozenset({"subject", "agent", "possessor", "enabler"})


@dataclass(frozen=True)
class Verb:
    """One row of the connotation lexicon, as the events need it."""

    lemma: str
    kind: str
    power: str
    enables: bool
    sympathy_subject: int
    perspective_object: int
    perspective_subject: int


@dataclass(frozen=True)
class Participant:
    """Who an argument token stands for: the actor's name and type."""

    actor: str
    type: str


@dataclass(frozen=True)
class RawEvent:
    """An event before voices: participant, predicate, relation, effect, evidence offsets."""

    participant: Participant
    verb: str
    relation: str
    effect: str
    start: int
    end: int
    arg_start: int
    arg_end: int
    enabled: str
    perspective: int
    at: int  # the predicate's offset (where its voice is read)


@lru_cache(maxsize=1)
def verbs() -> dict[str, Verb]:
    """The connotation lexicon by lemma."""
    out = {}
    for r in load_lexicon("connotation").rows:
        out[r["lemma"]] = Verb(r["lemma"], r["kind"], r["power"], r["enables"] == "yes",
                               int(r["writer_perspective_subject"] or 0) if r["kind"] == "loss" else 0,
                               int(r["writer_perspective_object"] or 0),
                               int(r["writer_perspective_subject"] or 0))
    return out


@lru_cache(maxsize=1)
def participant_nouns() -> dict[str, list[dict]]:
    """``lexicons/participant_nouns.tsv`` by the last word of its singular and plural forms."""
    out: dict[str, list[dict]] = {}
    for row in load_lexicon("participant_nouns").rows:
        for form in {row["noun"].split()[-1], row["plural"].split()[-1]}:
            out.setdefault(form, []).append(row)
    return out


def _noun_entry(token) -> dict | None:
    # a capitalised noun counts when it is no name, or opens the sentence ("Rebels killed ...",
    # which the actors leave out as a common noun whatever the entity recogniser says)
    if token.tag_ not in ("NN", "NNS") and (token.tag_ not in ("NNP", "NNPS") or (token.ent_type_ and token.i != 0)):
        return None
    rows = participant_nouns().get(token.lemma_.lower()) or participant_nouns().get(token.lower_)
    if not rows:
        return None
    modifiers = {c.lower_ for c in token.children if c.dep_ in ("compound", "amod")}
    two = [r for r in rows if len(r["noun"].split()) > 1 and r["noun"].split()[0] in modifiers]
    one = [r for r in rows if len(r["noun"].split()) == 1]
    return (two or one or [None])[0]


def lexicon_entry(token) -> Verb | None:
    """The connotation row of a predicate token (a verb, or a nominalisation), or None."""
    if token.tag_.startswith("VB"):
        return verbs().get(token.lemma_.lower())
    if token.tag_ in ("NN", "NNS"):
        lemma = NOMINALS.get(token.lemma_.lower()) or NOMINALS.get(token.lower_)
        return verbs().get(lemma) if lemma else None
    return None


def negated(token) -> bool:
    """"not", "n't", "never" on the predicate, or "no" on its object ("offered no help")."""
    return any((c.dep_ in ("advmod", "neg") and c.lower_ in _NEGATORS)
               or (c.dep_ == "obj" and any(g.dep_ == "det" and g.lower_ == "no" for g in c.children))
               for c in token.children)


def _with_conjuncts(token) -> list:
    out, stack = [], [token]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON"))
    return out


def _children(token, *deps: str) -> list:
    return [c for c in token.children if c.dep_ in deps]


def _resolve(token, predicate):
    """A relative pronoun of a relative clause stands for the noun the clause modifies."""
    if token.lower_ in _RELATIVE and predicate.dep_ == "acl:relcl":
        return predicate.head
    return token


def _controller(token):
    """The subject of a verb without one: its first conjunct's, or its controller's."""
    for _ in range(4):
        if token.dep_ == "conj":
            token = token.head
            subj = _children(token, "nsubj")
            if subj:
                return subj[0]
            continue
        if token.dep_ in ("xcomp", "advcl") and token.head != token:
            head = token.head
            infinitive = token.dep_ == "xcomp" or any(c.lower_ == "to" for c in _children(token, "mark"))
            objects = _children(head, "obj") if infinitive else []
            return (objects or _children(head, "nsubj") or [None])[0]
        return None
    return None


def arguments(pred) -> list[tuple[str, object]]:
    """``(relation, token)`` for every argument of a predicate token (see the module rules)."""
    out = []
    if pred.pos_ in ("NOUN", "PROPN"):
        patients = [c for c in pred.children if c.dep_ == "nmod"
                    and any(g.dep_ == "case" and g.lower_ in _PATIENT_CASES for g in c.children)]
        undergoes = not patients and pred.lemma_.lower() in PATIENT_POSSESSOR
        for c in pred.children:
            if c.dep_ == "nmod:poss":
                out.append(("object" if undergoes else "possessor", c))
            elif c.dep_ == "compound" and not undergoes:
                out.append(("possessor", c))
        out += [("object", c) for c in patients]
        return [(rel, t) for rel, tok in out for t in _with_conjuncts(tok)]
    has_subject = False
    for c in pred.children:
        relation = _CONJ_RELATIONS.get(c.dep_)
        if relation:
            has_subject |= relation in ("subject", "passive_subject")
            out.append((relation, _resolve(c, pred)))
    if not has_subject:
        if pred.tag_ == "VBN" and pred.dep_ == "acl":
            out.append(("passive_subject", pred.head))
        elif pred.dep_ == "acl" and pred.head.pos_ == "NOUN":
            owner = _children(pred.head, "nmod:poss")
            if owner:
                out.append(("possessor", owner[0]))
        else:
            controller = _controller(pred)
            if controller is not None:
                out.append(("subject", controller))
    return [(rel, t) for rel, tok in out for t in _with_conjuncts(tok)]


def _is_harm(token) -> bool:
    entry = lexicon_entry(token)
    return entry is not None and entry.kind == "harm" and not negated(token)


def enabled_harm(pred):
    """The harm predicate an enabling verb passes its help on to, or None."""
    for c in pred.children:
        if c.dep_ in ("xcomp", "ccomp") and _is_harm(c):
            return c
        if c.dep_ == "advcl" and any(m.lower_ == "to" for m in _children(c, "mark")) and _is_harm(c):
            return c
        if c.dep_ in ("obj", "obl", "iobj", "nmod"):
            if _is_harm(c):
                return c
            for g in c.children:
                if g.dep_ in ("acl", "acl:relcl", "xcomp") and _is_harm(g):
                    return g
                if g.dep_ == "nmod" and _is_harm(g):
                    return g
    return None


def effects(entry: Verb, relation: str, enabling: bool) -> list[str]:
    """The effects of one argument of a predicate (before ``power``)."""
    doer = relation in DOER
    if entry.kind == "harm":
        return ["harm_done" if doer else "harm_suffered"]
    if entry.kind == "help" or entry.kind == "enable":
        if doer:  # abet, incite, collude: the help is for a wrong, whatever it is
            wrong = entry.kind == "enable" and entry.perspective_subject < 0
            return ["enables_harm" if enabling or wrong else "help_given"]
        return ["help_received"]
    if entry.kind == "loss" and relation == "subject" and entry.sympathy_subject > 0:
        return ["harm_suffered"]
    return []


def holds_power(entry: Verb, relation: str) -> bool:
    doer = relation in DOER
    return (entry.power == "agent" and doer) or (entry.power == "theme" and not doer)


def participant_map(parse, reading) -> dict[tuple[int, int], Participant]:
    """``(piece, token index) -> Participant`` for every token that names a participant."""
    kinds = {a.actor: a.type for a in reading.actors}
    by_offset = {}
    for piece, token in parse.tokens():
        by_offset[parse.starts[piece] + token.idx] = (piece, token)
    out: dict[tuple[int, int], Participant] = {}
    for actor in reading.actors:
        who = Participant(actor.actor, kinds[actor.actor])
        for m in actor.mentions:
            first = by_offset.get(m.start)
            if first is None:
                continue
            piece, token = first
            doc = token.doc
            covered = []
            for t in doc[token.i:]:  # the mention's own words only: linear in the mention
                if parse.starts[piece] + t.idx >= m.end:
                    break
                covered.append(t)
            inside = {t.i for t in covered}
            for t in covered:
                if t.head.i not in inside or t.head == t:
                    out[(piece, t.i)] = who
                    head = t.head
                    if t.dep_ in ("amod", "compound", "nmod:poss") and head != t:
                        for noun in _with_conjuncts(head):  # "Israeli weapons and personnel"
                            entry = _noun_entry(noun)
                            if entry and entry["represents"] == "yes":
                                out.setdefault((piece, noun.i), who)
                    break
    for piece, token in parse.tokens():
        if (piece, token.i) in out:
            continue
        entry = _noun_entry(token)
        if entry and not any(c.dep_ == "cop" for c in token.children):
            name = entry["plural"] if token.tag_ == "NNS" or token.lower_ == entry["plural"] else entry["noun"]
            out[(piece, token.i)] = Participant(name, "group")
    return out


def _doer_compound(token) -> bool:
    """A compound doer of a nominalisation: a name, or a noun that ``represents`` ("government")."""
    entry = _noun_entry(token)
    return entry is None or entry["represents"] == "yes"


def _span(parse, piece, tokens) -> tuple[int, int]:
    starts = [parse.span_of(piece, t) for t in tokens]
    return min(s for s, _ in starts), max(e for _, e in starts)


def sentence_events(parse, piece, doc, who: dict) -> list[RawEvent]:
    """Every event of one parsed piece, in token order."""
    out = []
    for pred in doc:
        entry = lexicon_entry(pred)
        if entry is None or negated(pred):
            continue
        harm = enabled_harm(pred) if entry.enables else None
        at = parse.span_of(piece, pred)[0]
        powered = False
        args = arguments(pred)
        cases = _OBL_PATIENT.get(entry.kind)
        if cases:  # the recipient: "sold weapons to Mexico"; the patient: "spied on journalists"
            args += [("object", t) for c in pred.children if c.dep_ == "obl"
                     and any(g.dep_ == "case" and g.lower_ in cases for g in c.children)
                     for t in _with_conjuncts(c)]
        for relation, arg in args:
            participant = who.get((piece, arg.i))
            if participant is None or (arg.dep_ == "compound" and not _doer_compound(arg)):
                continue
            enabling = harm is not None and relation in DOER
            rel = "enabler" if enabling else relation
            start, end = _span(parse, piece, [pred, arg] + ([harm] if enabling else []))
            a_start, a_end = parse.span_of(piece, arg)
            perspective = entry.perspective_subject if relation in DOER else entry.perspective_object
            for effect in effects(entry, relation, enabling):
                rel = "enabler" if effect == "enables_harm" else rel
                out.append(RawEvent(participant, entry.lemma, rel, effect, start, end, a_start, a_end,
                                    lexicon_entry(harm).lemma if enabling else "", perspective, at))
            if not powered and holds_power(entry, relation):
                powered = True
                out.append(RawEvent(participant, entry.lemma, rel, "power", start, end, a_start, a_end,
                                    "", 0, at))
    return out
