"""Validate portrayal events against NewsMTSC's polarity toward a target, and show the seed's roles.

NewsMTSC (Hamborg and Donnay, EACL 2021) labels each target mention of a news sentence with
the sentence's polarity toward it: 2.0 negative, 4.0 neutral, 6.0 positive. Every sentence of
dev-rw and dev-mt is read as a one-sentence article (after a fixed one-line headline, so the
sentence is body text) by :func:`analysis.measures.sentiment.portrayal.portray`. Portrayal
*fires on a target* when one of its events has its argument's head word inside the target span.

What each effect predicts for how the target is portrayed (decided before the figures were
computed):

* ``harm_done`` -> negative (the writer has it harm someone);
* ``enables_harm`` -> negative (it helps someone harm);
* ``help_given`` -> positive (it helps, protects, praises);
* ``harm_suffered`` -> no sign: a victim is portrayed sympathetically, which is not a negative
  portrayal, yet annotators of "sentiment toward" may call what befalls it negative; its gold
  labels are reported, not scored;
* ``help_received``, ``power`` -> no sign; gold labels reported.

Figures per split: ``participant_share`` (share of targets holding a participant's word:
an unresolved pronoun, "He" alone in a sentence, is none), ``coverage`` (share of targets with
at least one event; ``coverage_of_participants``: among participant targets), ``coverage_signed``
(with at least one signed event); per effect the number of targets it fires on, their gold
labels and, for the signed effects, ``agreement`` (share whose gold label is the predicted sign)
and ``agreement_polar`` (the same among targets whose gold label is not neutral); ``overall``:
each covered target's sign by majority of its signed events (ties left out), its agreement
and polar agreement. Not strictly out of sample: three rules of the events (enable verbs whose doer the writer
condemns enable a wrong; the possessor of "arrest", "abduction", ... is its patient; "no" on the
object negates) were added after reading the dev hits of the first run (dev-mt polar agreement
0.526 before, 0.667 after; dev-rw unchanged). Run: ``python -m analysis.validation.portrayal`` (writes
``docs/validation/portrayal.json``). Raises :class:`analysis.config.SharedMissing` when the
shared data folder is absent.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from analysis.config import SharedMissing, require_shared
from analysis.measures.sentiment.portrayal import EFFECTS, portray
from analysis.measures.sentiment.portrayal_events import participant_map
from analysis.measures.sources.actors import read_actors
from analysis.read.reader import parse_text

SPLITS = ("dev-rw", "dev-mt")
POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
SIGN = {"harm_done": "negative", "enables_harm": "negative", "help_given": "positive"}
HEADLINE = "Story Headline\n\n"
SEED = "seeds/000_8b45763ab15ca29f.txt"
OUT = Path(__file__).resolve().parents[2] / "docs" / "validation" / "portrayal.json"


def _rate(hits: int, n: int) -> float | None:
    return round(hits / n, 4) if n else None


def _targets_effects(record: dict) -> list[tuple[str, list[str]]]:
    """``(gold label, effects fired on the target)`` for every target of one record."""
    text = record["sentence_normalized"]
    article = parse_text(HEADLINE + text)
    reading = read_actors(article)
    events = [e for a in portray(article, reading).actors for e in a.events]
    parse = reading.parse
    named = [parse.span_of(piece, parse.docs[piece][i]) for piece, i in participant_map(parse, reading)]
    shift = len(HEADLINE)
    out = []
    for target in record["targets"]:
        start, end = target["from"] + shift, target["to"] + shift
        fired = [e.effect for e in events if e.arg_start < end and start < e.arg_end]
        participant = any(a < end and start < b for a, b in named)
        out.append((POLARITY[target["polarity"]], fired, participant))
    return out


def validate_split(split: str) -> dict:
    path = require_shared("benchmarks", "newsmtsc", f"{split}.jsonl")
    rows = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            rows.extend(_targets_effects(json.loads(line)))
    per_effect = {}
    participants = sum(p for _, _, p in rows)
    rows = [(g, f) for g, f, _ in rows]
    for effect in EFFECTS:
        gold = [g for g, fired in rows if effect in fired]
        entry = {"targets": len(gold), "gold": dict(sorted(Counter(gold).items()))}
        if effect in SIGN:
            polar = [g for g in gold if g != "neutral"]
            entry.update(predicts=SIGN[effect],
                         agreement=_rate(sum(g == SIGN[effect] for g in gold), len(gold)),
                         agreement_polar=_rate(sum(g == SIGN[effect] for g in polar), len(polar)))
        per_effect[effect] = entry
    decided = []
    for gold, fired in rows:
        signs = Counter(SIGN[e] for e in fired if e in SIGN)
        if signs and len(set(signs.values())) == len(signs):  # no tie between the two signs
            decided.append((gold, signs.most_common(1)[0][0]))
    polar = [(g, p) for g, p in decided if g != "neutral"]
    return {
        "targets": len(rows),
        "gold": dict(sorted(Counter(g for g, _ in rows).items())),
        "participant_share": _rate(participants, len(rows)),
        "coverage": _rate(sum(bool(f) for _, f in rows), len(rows)),
        "coverage_of_participants": _rate(sum(bool(f) for _, f in rows), participants),
        "coverage_signed": _rate(sum(any(e in SIGN for e in f) for _, f in rows), len(rows)),
        "effects": per_effect,
        "overall": {"targets": len(decided), "agreement": _rate(sum(g == p for g, p in decided), len(decided)),
                    "polar_targets": len(polar),
                    "agreement_polar": _rate(sum(g == p for g, p in polar), len(polar))},
    }


def seed_roles() -> dict:
    """The seed's portrayed actors with events: role, confidence and counts of all voices."""
    from analysis.config import PROJECT_ROOT
    from analysis.read.reader import read_article

    article, _ = read_article(PROJECT_ROOT / SEED)
    out = {}
    for a in portray(article, read_actors(article)).actors:
        if a.events:
            total = {e: sum(c[e] for c in a.counts.values()) for e in EFFECTS}
            out[a.actor] = {"role": a.role, "confidence": a.confidence,
                            "counts": {e: n for e, n in total.items() if n}}
    return out


def run() -> dict:
    """``{split: figures}`` for dev-rw and dev-mt, and ``seed``: the seed's roles."""
    results = {split: validate_split(split) for split in SPLITS}
    results["seed"] = seed_roles()
    return results


def main() -> None:
    try:
        result = run()
    except SharedMissing as error:
        raise SystemExit(f"portrayal validation skipped: {error}") from None
    OUT.write_text(json.dumps(result, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    for split in SPLITS:
        r = result[split]
        print(split, "coverage", r["coverage"], "signed", r["coverage_signed"], "overall", r["overall"])
        for effect, entry in r["effects"].items():
            print("  ", effect, entry)


if __name__ == "__main__":
    main()
