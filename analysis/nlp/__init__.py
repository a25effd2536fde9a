"""The linguistic backbone: the project's spaCy pipeline and the parse of an article.

``load()`` gives the shipped pipeline (tok2vec, tagger, attribute ruler, lemmatizer, parser
with Universal Dependencies v2 labels, ner), cached per process, with the gazetteer component
that names countries and nationalities (GPE, NORP); ``load("en_core_web_sm")`` or a path loads
another installed pipeline instead. ``parse(text, spans)`` runs it over the article's own
sentence spans and returns a :class:`Parse` whose offsets index into the article's text.
See ``analysis/models/spacy/MODEL_CARD.md`` for the model's data, licence and scores.
"""
from analysis.nlp.parse import Entity, Parse, parse
from analysis.nlp.pipeline import DEFAULT_MODEL, ModelNotFound, load, pipeline_info

__all__ = ["DEFAULT_MODEL", "Entity", "ModelNotFound", "Parse", "load", "parse", "pipeline_info"]
