"""Report sections as pandas DataFrames: one conversion for notebooks, CSV and the command line.

Every function takes the report (the JSON mapping) and returns a DataFrame whose rows keep
the spans and words behind each number (``start``, ``end``, ``text``, ``rule``). The span
tables of what a coder can correct (quotes, attributions, portrayal, claims, devices) also
say whether a coder corrected the item (``corrected``) or rejected it (``rejected``: a claim
or device that is not one, a name that is not an actor), and the tool's own values of what
was corrected (``tool_labels``, JSON text); see ``report --corrections``.
:mod:`analysis.outputs.tables` stacks them across articles.
"""
from __future__ import annotations

import json

import pandas as pd


def _text(report: dict, start: int, end: int) -> str:
    return " ".join(report["article"]["text"][start:end].split())


def segments(report: dict) -> pd.DataFrame:
    """The article's segments with their text and word counts."""
    rows = [{**s, "words": len(report["article"]["text"][s["start"]:s["end"]].split()),
             "text": _text(report, s["start"], s["end"])} for s in report["article"]["segments"]]
    return pd.DataFrame(rows)


FLAGS = ["corrected", "rejected", "tool_labels"]


def _flags(item: dict, *more: dict) -> dict:
    """Whether a coder corrected or rejected the item, and the tool's own values of what was
    corrected (JSON text, empty when nothing was)."""
    original = {k: v for x in (item, *more) for k, v in (x.get("tool_labels") or {}).items()}
    return {"corrected": any(x.get("corrected") for x in (item, *more)), "rejected": bool(item.get("rejected")),
            "tool_labels": json.dumps(original, ensure_ascii=False, sort_keys=True) if original else ""}


def _pair(span) -> tuple:
    return tuple(span) if isinstance(span, list) and len(span) == 2 else (None, None)


def quotes(report: dict) -> pd.DataFrame:
    """Every quoted span: text, kind, the rule that decided it, speaker, family."""
    cols = ["text", "kind", "reason", "speaker", "cue", "family", "balanced", "sentence", "start", "end"]
    return pd.DataFrame([{**{c: q.get(c) for c in cols}, **_flags(q)} for q in report["quotes"]], columns=cols + FLAGS)


def families(report: dict) -> pd.DataFrame:
    """Recurring quoted terms: one row per member with its context line."""
    rows = []
    for fam in report.get("quote_families", []):
        for member, kind, context in zip(fam["members"], fam["kinds"], fam["contexts"]):
            rows.append({"family": fam["family"], "quote": member, "kind": kind, "context": context})
    return pd.DataFrame(rows, columns=["family", "quote", "kind", "context"])


def attributions(report: dict) -> pd.DataFrame:
    """Every attribution with its source, cue, class, mode, rule and content text; ``start`` and
    ``end`` run from the first to the last of its source, cue and content spans."""
    cols = ["sentence", "source", "source_type", "cue", "cue_class", "mode", "rule", "content", "start", "end",
            "source_start", "source_end", "cue_start", "cue_end"]
    rows = []
    for a in report["attributions"]:
        content = " … ".join(_text(report, s, e) for s, e in a["content_spans"])
        spans = [s for s in (a.get("source_span"), a.get("cue_span"), *a["content_spans"]) if _pair(s)[0] is not None]
        start, end = (min(s[0] for s in spans), max(s[1] for s in spans)) if spans else (None, None)
        rows.append({"sentence": a["sentence"], "source": a["source"], "source_type": a["source_type"], "cue": a["cue"],
                     "cue_class": a["cue_class"], "mode": a["mode"], "rule": a["rule"], "content": content,
                     "start": start, "end": end, **dict(zip(cols[10:12], _pair(a.get("source_span")))),
                     **dict(zip(cols[12:14], _pair(a.get("cue_span")))), **_flags(a)})
    frame = pd.DataFrame(rows, columns=cols + FLAGS)
    return frame.astype({c: "Int64" for c in cols[8:]})  # offsets stay whole numbers where some are missing


def sources(report: dict) -> pd.DataFrame:
    """The source roster."""
    return pd.DataFrame(report.get("sources", []),
                        columns=["source", "source_type", "attributions", "words", "modes", "cue_classes"])


def claims(report: dict) -> pd.DataFrame:
    """Unsourced claims with their sentence."""
    rows = [{**c, "in_sentence": _text(report, report["article"]["sentences"][c["sentence"]]["start"],
                                          report["article"]["sentences"][c["sentence"]]["end"])}
            for c in report.get("unsourced_claims", [])]
    return pd.DataFrame([{**r, **_flags(r)} for r in rows],
                        columns=["sentence", "kind", "text", "hedged", "start", "end", "in_sentence", *FLAGS])


def sentence_tone(report: dict) -> pd.DataFrame:
    """VADER per sentence (and the news tone, when the report has it) with voice, source, the
    words that drove the score and the sentence's offsets."""
    cols = ["sentence", "segment", "compound", "news_tone", "voice", "source", "words", "text", "start", "end"]
    rows = []
    for s in report["sentiment"]["sentences"]:
        sent = report["article"]["sentences"][s["sentence"]]
        rows.append({"sentence": s["sentence"], "segment": sent["segment"], "compound": s["compound"],
                     "news_tone": s.get("news_tone"), "voice": s["voice"], "source": s["source"],
                     "words": ", ".join(f"{w['word']} ({w['valence']:+.2f})" for w in s["words"]),
                     "text": _text(report, sent["start"], sent["end"]), "start": sent["start"], "end": sent["end"]})
    return pd.DataFrame(rows, columns=cols)


def actors(report: dict) -> pd.DataFrame:
    """Sentiment toward each actor."""
    rows = [{"actor": a["actor"], "type": a["type"], "mentions": a["mentions"], "score_mean": a["score_mean"],
             "low": a["score_interval"][0], "high": a["score_interval"][1], **{f"share_{k}": v for k, v in a["label_shares"].items()},
             "agent_of_negative": a["agent_of_negative"], "target_of_negative": a["target_of_negative"],
             "aliases": ", ".join(a["aliases"])} for a in report["sentiment"].get("actors", [])]
    return pd.DataFrame(rows)


def portrayal(report: dict) -> pd.DataFrame:
    """The actors read from the parse (``actors``) with their portrayal: type, mentions, the first
    mention's offsets, role and confidence (by voice too), and the events behind the role
    (``verb effect`` as ``relation``, in text order)."""
    cols = ["actor", "type", "aliases", "mentions", "start", "end", "text", "role", "confidence", "role_by_voice",
            "events", *FLAGS]
    roles = {p["actor"]: p for p in (report.get("portrayal") or {}).get("actors") or []}
    rows = []
    for a in report.get("actors") or []:
        first = min(a.get("mentions") or [{}], key=lambda m: (m.get("start", 0), m.get("end", 0)))
        p = roles.get(a["actor"], {})
        rows.append({"actor": a["actor"], "type": a["type"], "aliases": ", ".join(a.get("aliases") or []),
                     "mentions": len(a.get("mentions") or []), "start": first.get("start"), "end": first.get("end"),
                     "text": first.get("text"), "role": p.get("role"), "confidence": p.get("confidence"),
                     "role_by_voice": ", ".join(f"{v} {r}" for v, r in (p.get("role_by_voice") or {}).items()),
                     "events": "; ".join(f"{e['verb']} {e['effect']} as {e['relation']}" for e in p.get("events") or []),
                     **_flags(a, p)})
    return pd.DataFrame(rows, columns=cols)


def devices(report: dict) -> pd.DataFrame:
    """Every framing-device span with its voice and the rule behind it."""
    rows = [{"device": kind, **d, **_flags(d)} for kind, spans in report["framing"].get("devices", {}).items() for d in spans]
    return pd.DataFrame(rows, columns=["device", "text", "voice", "rule", "start", "end", *FLAGS])


def frame_cues(report: dict) -> pd.DataFrame:
    """Frame cues per sentence: frame, cue text and lexicon entry."""
    rows = [{"sentence": s["sentence"], "primary": s["primary"], **c} for s in report["framing"]["sentences"] for c in s["cues"]]
    return pd.DataFrame(rows, columns=["sentence", "primary", "frame", "text", "entry", "start", "end"])


def metrics(report: dict) -> pd.DataFrame:
    """The flat metrics as a two-column table."""
    return pd.DataFrame(sorted(report["metrics"].items()), columns=["metric", "value"])
