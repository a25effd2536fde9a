"""The article's actors, read from the parse, for every measure that uses names.

One call per article (:func:`read_actors`): the prose sentences (``PROSE_KINDS``: never
bylines, credits, boilerplate, embedded posts, notes, widgets or related-links lines) are parsed
by the backbone (:mod:`analysis.nlp`), and :func:`analysis.nlp.actors.find_actors` merges the
entity mentions into actors. The result carries

* ``actors``: the report's ``actors`` section (canonical name, type, aliases, mentions);
* ``mentions``: the same mentions as :class:`~analysis.measures.sources.entities.Mention`
  objects for the measures that read names (attribution sources, talked-about, actor
  sentiment, frames by actor). An organisation keeps the finer type its own words give it
  (``government``, ``media`` from ``lexicons/org_words.tsv``: "Interior Ministry",
  "Associated Press"), as the source roster distinguishes them; a place is ``other``, which
  no source type takes. Pronoun mentions are kept out of this list (a pronoun is not a named
  source); ``names`` maps every mention's start, pronouns included, to its actor's name;
* ``parse``: the :class:`~analysis.nlp.parse.Parse`, for the measures that read syntax.
"""
from __future__ import annotations

from dataclasses import dataclass

from analysis.measures.sources.entities import Mention, _name_type, _title_case, gazetteer
from analysis.nlp import parse as parse_text
from analysis.nlp.actors import Actor, find_actors
from analysis.nlp.parse import Parse
from analysis.read.article import PROSE_KINDS, Article

_MENTION_TYPE = {"person": "person", "country": "country", "group": "group", "place": "other"}


@dataclass(frozen=True)
class ActorReading:
    """What :func:`read_actors` found: the actors, their mentions for the measures, the parse."""

    actors: tuple[Actor, ...]
    mentions: tuple[Mention, ...]
    names: dict
    parse: Parse

    def section(self) -> list[dict]:
        """The report's ``actors`` section."""
        return [{"actor": a.actor, "type": a.type, "aliases": list(a.aliases),
                 "mentions": [{"start": m.start, "end": m.end, "text": m.text, "via": m.via}
                              for m in a.mentions]}
                for a in self.actors]


def _mention_type(actor: Actor) -> str:
    if actor.type != "organization":
        return _MENTION_TYPE.get(actor.type, "other")
    kind = _name_type(actor.actor, gazetteer())
    return kind if kind in ("government", "media") else "organization"


def parse_prose(article: Article, nlp=None) -> Parse:
    """The parse of the article's prose sentences (``PROSE_KINDS``), as every reader of the
    parse sees it (``nlp``: a loaded pipeline, default ours)."""
    return parse_text(article.text, [(s.start, s.end) for s in article.sentences if s.segment in PROSE_KINDS], nlp)


def read_actors(article: Article, *, nlp=None, aliases: dict | None = None) -> ActorReading:
    """Parse the article's prose and read its actors (``nlp``: a loaded pipeline, default ours)."""
    sentences = [s for s in article.sentences if s.segment in PROSE_KINDS]
    parsed = parse_prose(article, nlp)
    titled = [(s.start, s.end) for s in sentences if s.segment in ("headline", "subhead")
              and _title_case(article.text[s.start:s.end])]
    weak = frozenset(i for i, start in enumerate(parsed.starts) if any(a <= start < b for a, b in titled))
    actors, names = find_actors(parsed, aliases, weak=weak)
    mentions = []
    for actor in actors:
        kind = _mention_type(actor)
        for m in actor.mentions:
            if m.via != "pronoun":
                mentions.append(Mention(m.start, m.end, m.text, actor.actor, kind, m.via))
    mentions.sort(key=lambda m: (m.start, m.end))
    return ActorReading(tuple(actors), tuple(mentions), names, parsed)
