"""Build ``analysis/lexicons/first_names.tsv``: the gender that news text gives each first name.

Read from the CoreNLP coreference chains PolNeAR's training split ships (silver, 2016 US
political news; the dev split is never read): for every chain whose representative mention
is a name CoreNLP tagged PERSON on both of its first two words ("Hillary Clinton"), count
the chain's he / him / his / himself and she / her / hers / herself mentions toward that first
word. A name is written when it was seen in at least ``MIN_CHAINS`` chains and one side has at
least 90 % of its pronouns. Only the names and counts are written, never text.
``python -m analysis.nlp.build_names`` (part of ``make model``).
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from analysis.nlp.corpora import read_conllu
from analysis.config import SharedMissing, require_shared

MALE = frozenset("he him his himself".split())
FEMALE = frozenset("she her hers herself".split())
MIN_CHAINS = 2
OUT = Path(__file__).resolve().parent.parent / "lexicons" / "first_names.tsv"

HEADER = """# First names and the pronouns news text uses for the people who bear them, for agreement in
# pronoun resolution (analysis/nlp/actors.py): "m" when at least 90 % of the pronouns in the
# coreference chains of people with this first name were he/him/his, "f" for she/her.
# Built by analysis/nlp/build_names.py from the CoreNLP coreference chains shipped with the
# PolNeAR training split (Newell, Margolin and Ruths 2018; research use): counts only, no text.
# Columns: name, gender (m/f), chains (chains counted), male, female (pronoun counts)
name\tgender\tchains\tmale\tfemale
"""


def count(folder: Path) -> dict[str, Counter]:
    names: dict[str, Counter] = {}
    for path in sorted(folder.glob("*.coref.json")):
        ner = [[cols[9].rpartition("NER=")[2].split("|")[0] for cols in rows]
               for _, rows, _ in read_conllu(path.with_name(path.name.replace(".coref.json", ".conllu")))]
        for chain in json.loads(path.read_text(encoding="utf-8")):
            rep = next((m for m in chain if m.get("representative")), chain[0])
            words = rep["text"].split()
            tags = ner[rep["sentence"] - 1][rep["start"] - 1:rep["start"] + 1]
            if len(words) < 2 or tags != ["PERSON", "PERSON"]:
                continue
            texts = [m["text"].lower() for m in chain]
            male = sum(t in MALE for t in texts)
            female = sum(t in FEMALE for t in texts)
            if male + female == 0:
                continue
            c = names.setdefault(words[0], Counter())
            c["chains"] += 1
            c["male"] += male
            c["female"] += female
    return names


def main() -> int:
    try:
        folder = require_shared("benchmarks", "polnear", "train", "corenlp")
    except SharedMissing as exc:
        print(f"analysis: {exc}", file=sys.stderr)
        return 2
    rows = []
    for name, c in sorted(count(folder).items()):
        total = c["male"] + c["female"]
        if c["chains"] < MIN_CHAINS:
            continue
        if c["male"] >= 0.9 * total:
            gender = "m"
        elif c["female"] >= 0.9 * total:
            gender = "f"
        else:
            continue
        rows.append(f"{name}\t{gender}\t{c['chains']}\t{c['male']}\t{c['female']}\n")
    OUT.write_text(HEADER + "".join(rows), encoding="utf-8")
    print(f"{OUT}: {len(rows)} names")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
