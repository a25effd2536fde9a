"""The shipped pipeline (analysis/nlp/pipeline.py, gazetteer.py) and the --spacy-model option."""
import json
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.nlp import ModelNotFound, load, pipeline_info
from analysis.nlp.pipeline import shipped_model_dir

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_8b45763ab15ca29f.txt"
pytestmark = pytest.mark.skipif(not (shipped_model_dir() / "config.cfg").exists(),
                                reason="the shipped spaCy model is not built (make model)")


def test_loads_offline_with_the_components_and_ontonotes_labels(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network refused in this test")

    monkeypatch.setattr(socket, "socket", refuse)
    load.cache_clear()
    nlp = load()
    assert {"tok2vec", "tagger", "parser", "ner", "lemmatizer", "analysis_gazetteer"} <= set(nlp.pipe_names)
    doc = nlp("Israeli officials said the talks in Mexico would resume.")
    labels = {(e.text, e.label_) for e in doc.ents}
    assert ("Israeli", "NORP") in labels and ("Mexico", "GPE") in labels
    assert [t.lemma_ for t in doc if t.text == "said"] == ["say"]
    assert {"PERSON", "ORG", "LOC", "MISC"} <= set(nlp.get_pipe("ner").labels)


def test_an_unknown_model_name_is_a_clear_error():
    with pytest.raises(ModelNotFound):
        load("no_such_pipeline_xyz")


def _report(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", "report", str(SEED), *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)


def test_spacy_model_option_records_the_pipeline_it_parsed_with(tmp_path):
    other = tmp_path / "my_pipeline"
    shutil.copytree(shipped_model_dir(), other)
    done = _report("--spacy-model", str(other))
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["generator"]["options"]["spacy_model"] == str(other)
    assert report["generator"]["pipeline"]["sha256"] == pipeline_info()["sha256"]
    assert report["actors"], "the copied pipeline found no actor"


def test_spacy_model_option_unknown_name_exits_2():
    done = _report("--spacy-model", "no_such_pipeline_xyz")
    assert done.returncode == 2
    assert "no_such_pipeline_xyz" in done.stderr and "Traceback" not in done.stderr
