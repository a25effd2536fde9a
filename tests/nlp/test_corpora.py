"""The conversion of the training treebanks (analysis/nlp/corpora.py), on small written samples."""
from pathlib import Path

import pytest

from analysis.nlp import corpora


def _conllu(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sample.conllu"
    path.write_text(text.strip("\n") + "\n\n", encoding="utf-8")
    return path


def _row(i, form, upos, xpos, head, rel, misc="_"):
    return f"{i}\t{form}\t{form.lower()}\t{upos}\t{xpos}\t_\t{head}\t{rel}\t_\t{misc}"


def test_ud1_relations_become_ud2_names():
    rows = [
        _row(1, "The", "_", "DT", 2, "det"),
        _row(2, "law", "_", "NN", 4, "nsubjpass"),
        _row(3, "was", "_", "VBD", 4, "auxpass"),
        _row(4, "signed", "_", "VBN", 0, "root"),
        _row(5, "by", "_", "IN", 6, "case"),
        _row(6, "Obama", "_", "NNP", 4, "nmod"),
        _row(7, "in", "_", "IN", 8, "case"),
        _row(8, "May", "_", "NNP", 4, "nmod"),
        _row(9, "not", "_", "RB", 4, "neg"),
        _row(10, "quietly", "_", "RB", 4, "advmod"),
        _row(11, "bills", "_", "NNS", 4, "dobj"),
        _row(12, "of", "_", "IN", 13, "case"),
        _row(13, "state", "_", "NN", 11, "nmod"),
    ]
    tokens = corpora._tokens([tuple(r.split("\t")) for r in rows], offsets=False)
    corpora.ud1_to_ud2(tokens)
    rels = [t.deprel for t in tokens]
    assert rels[1] == "nsubj:pass" and rels[2] == "aux:pass"
    assert rels[5] == "obl:agent"      # passive "by" phrase on a verb
    assert rels[7] == "obl"            # other nmod on a verb
    assert rels[8] == "advmod"         # neg
    assert rels[10] == "obj"
    assert rels[12] == "nmod"          # nmod on a noun stays


def test_gum_named_mentions_are_trimmed_to_the_name(tmp_path):
    path = _conllu(tmp_path, "\n".join([
        "# newdoc id = sample",
        _row(1, "the", "DET", "DT", 3, "det", "Entity=(1-place-new-x-x-x-x"),
        _row(2, "United", "VERB", "NNP", 3, "amod"),
        _row(3, "Kingdom", "PROPN", "NNP", 6, "nsubj", "Entity=1)"),
        _row(4, "'s", "PART", "POS", 3, "case"),
        _row(5, "new", "ADJ", "JJ", 6, "amod"),
        _row(6, "president", "NOUN", "NN", 0, "root", "Entity=(2-person-new-x-x-x-x)"),
        _row(7, "Jane", "PROPN", "NNP", 6, "appos", "Entity=(3-person-new-x-x-x-x"),
        _row(8, "Doe", "PROPN", "NNP", 7, "flat", "Entity=3)|SpaceAfter=No"),
        _row(9, ".", "PUNCT", ".", 6, "punct"),
    ]))
    (doc,) = corpora.read_gum(tmp_path)
    (sentence,) = doc.sentences
    spans = [(" ".join(t.form for t in sentence.tokens[a:b]), label) for a, b, label in sentence.ents]
    # "the" dropped, "United" (VERB but NNP) kept; the common-noun mention is not a name
    assert spans == [("United Kingdom", "LOC"), ("Jane Doe", "PERSON")]
    assert sentence.tokens[7].space is False


@pytest.mark.parametrize("tags, spans", [
    (["I-PER", "I-PER", "O", "I-LOC"], [(0, 2, "PERSON"), (3, 4, "LOC")]),                 # IOB1
    (["B-ORG", "I-ORG", "B-ORG", "O"], [(0, 2, "ORG"), (2, 3, "ORG")]),                     # IOB2
    (["I-MISC", "I-ORG", "O"], [(0, 1, "MISC"), (1, 2, "ORG")]),                           # type change
])
def test_iob_tags_to_spans(tags, spans):
    assert corpora._iob(tags) == spans


def test_corenlp_label_runs():
    assert corpora._runs(["PERSON", "PERSON", "O", "ORG"]) == [(0, 2, "PERSON"), (3, 4, "ORG")]


def test_tuning_split_is_by_document():
    names = [corpora.split_name("polnear", i) for i in range(40)]
    assert names.count("tune") == 2 and names[19] == "tune"
    assert all(corpora.split_name("wikigold", i) == "train" for i in range(40))
