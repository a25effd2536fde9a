"""Report sections as pandas DataFrames: one conversion for notebooks, CSV and the command line.

Every function takes the report (the JSON mapping) and returns a DataFrame whose rows keep
the spans and words behind each number (``start``, ``end``, ``text``, ``rule``).
"""
from __future__ import annotations

import pandas as pd


def _text(report: dict, start: int, end: int) -> str:
    return " ".join(report["article"]["text"][start:end].split())


def segments(report: dict) -> pd.DataFrame:
    """The article's segments with their text and word counts."""
    rows = [{**s, "words": len(report["article"]["text"][s["start"]:s["end"]].split()),
             "text": _text(report, s["start"], s["end"])} for s in report["article"]["segments"]]
    return pd.DataFrame(rows)


def quotes(report: dict) -> pd.DataFrame:
    """Every quoted span: text, kind, the rule that decided it, speaker, family."""
    cols = ["text", "kind", "reason", "speaker", "cue", "family", "balanced", "sentence", "start", "end"]
    return pd.DataFrame([{c: q.get(c) for c in cols} for q in report["quotes"]], columns=cols)


def families(report: dict) -> pd.DataFrame:
    """Recurring quoted terms: one row per member with its context line."""
    rows = []
    for fam in report.get("quote_families", []):
        for member, kind, context in zip(fam["members"], fam["kinds"], fam["contexts"]):
            rows.append({"family": fam["family"], "quote": member, "kind": kind, "context": context})
    return pd.DataFrame(rows, columns=["family", "quote", "kind", "context"])


def attributions(report: dict) -> pd.DataFrame:
    """Every attribution with its source, cue, class, mode, rule and content text."""
    rows = []
    for a in report["attributions"]:
        content = " … ".join(_text(report, s, e) for s, e in a["content_spans"])
        rows.append({"sentence": a["sentence"], "source": a["source"], "source_type": a["source_type"], "cue": a["cue"],
                     "cue_class": a["cue_class"], "mode": a["mode"], "rule": a["rule"], "content": content})
    return pd.DataFrame(rows, columns=["sentence", "source", "source_type", "cue", "cue_class", "mode", "rule", "content"])


def sources(report: dict) -> pd.DataFrame:
    """The source roster."""
    return pd.DataFrame(report.get("sources", []),
                        columns=["source", "source_type", "attributions", "words", "modes", "cue_classes"])


def claims(report: dict) -> pd.DataFrame:
    """Unsourced claims with their sentence."""
    rows = [{**c, "in_sentence": _text(report, report["article"]["sentences"][c["sentence"]]["start"],
                                          report["article"]["sentences"][c["sentence"]]["end"])}
            for c in report.get("unsourced_claims", [])]
    return pd.DataFrame(rows, columns=["sentence", "kind", "text", "hedged", "start", "end", "in_sentence"])


def sentence_tone(report: dict) -> pd.DataFrame:
    """VADER per sentence with voice, source and the words that drove the score."""
    rows = []
    for s in report["sentiment"]["sentences"]:
        sent = report["article"]["sentences"][s["sentence"]]
        rows.append({"sentence": s["sentence"], "segment": sent["segment"], "compound": s["compound"], "voice": s["voice"],
                     "source": s["source"], "words": ", ".join(f"{w['word']} ({w['valence']:+.2f})" for w in s["words"]),
                     "text": _text(report, sent["start"], sent["end"])})
    return pd.DataFrame(rows, columns=["sentence", "segment", "compound", "voice", "source", "words", "text"])


def actors(report: dict) -> pd.DataFrame:
    """Sentiment toward each actor."""
    rows = [{"actor": a["actor"], "type": a["type"], "mentions": a["mentions"], "score_mean": a["score_mean"],
             "low": a["score_interval"][0], "high": a["score_interval"][1], **{f"share_{k}": v for k, v in a["label_shares"].items()},
             "agent_of_negative": a["agent_of_negative"], "target_of_negative": a["target_of_negative"],
             "aliases": ", ".join(a["aliases"])} for a in report["sentiment"].get("actors", [])]
    return pd.DataFrame(rows)


def devices(report: dict) -> pd.DataFrame:
    """Every framing-device span with its voice and the rule behind it."""
    rows = [{"device": kind, **d} for kind, spans in report["framing"].get("devices", {}).items() for d in spans]
    return pd.DataFrame(rows, columns=["device", "text", "voice", "rule", "start", "end"])


def frame_cues(report: dict) -> pd.DataFrame:
    """Frame cues per sentence: frame, cue text and lexicon entry."""
    rows = [{"sentence": s["sentence"], "primary": s["primary"], **c} for s in report["framing"]["sentences"] for c in s["cues"]]
    return pd.DataFrame(rows, columns=["sentence", "primary", "frame", "text", "entry", "start", "end"])


def metrics(report: dict) -> pd.DataFrame:
    """The flat metrics as a two-column table."""
    return pd.DataFrame(sorted(report["metrics"].items()), columns=["metric", "value"])
