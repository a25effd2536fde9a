"""Recount a report's label-dependent metrics from its items (after a coder's corrections).

A coder's corrections (:mod:`analysis.coding.corrections`) change labels in the report's
items: a quote's ``kind``, an attribution's ``source_type``, ``cue_class`` or ``source``, a
claim or device ``rejected``, a device moved to another kind. :func:`recount` gives back the
metrics that depend on those labels, counted from the report's JSON by the same rules the
measures use (``docs/report.md``): quote counts by kind and ``scare_quotes_per_1k`` (quotes in
body and standfirst sentences), the attribution counts, ``named_sources`` and
``loaded_cue_share``, ``unsourced_claims``, and every device rate by voice. Items marked
``"rejected": true`` are not counted. Metrics that no label changes (words, sentences, voice
shares, tone) are left out, and so are the actors and portrayal sections, which no metric reads.

:func:`recount_sources` rebuilds the ``sources`` roster from the (corrected) attributions,
and :func:`recount_talked_about` the number of attributions of each actor in
``talked_about``. On a report as the tool wrote it, all three give back exactly what the
report holds (the tests check it on the seed).
"""
from __future__ import annotations

from collections import Counter

from analysis.measures.framing.profile import DEVICE_KINDS
from analysis.measures.rates import rate_per_1k, share
from analysis.measures.sources.voices import VOICES
from analysis.read.article import BODY_KINDS, Article
from analysis.read.sentences import words

QUOTE_KINDS = ("direct", "partial", "scare", "title", "other")
LOADED_CUES = frozenset({"truth", "careful", "doubt", "culpability"})
UNNAMED = frozenset({"anonymous", "agentless"})

__all__ = ["recount", "recount_sources", "recount_talked_about"]


def _kept(items) -> list[dict]:
    return [x for x in items or [] if not x.get("rejected")]


def _in_body(article: Article, start: int) -> bool:
    i = article.sentence_at(start)
    return i is not None and article.sentences[i].segment in BODY_KINDS


def quote_metrics(report: dict, article: Article) -> dict[str, float]:
    """Quote counts by kind (all quotes) and scare quotes per 1,000 body words (body quotes)."""
    quotes = _kept(report.get("quotes"))
    counts = {k: sum(q.get("kind") == k for q in quotes) for k in QUOTE_KINDS}
    body_scare = sum(q.get("kind") == "scare" and q.get("sentence") is not None
                     and article.sentences[q["sentence"]].segment in BODY_KINDS for q in quotes)
    return {**{f"quotes_{k}": v for k, v in counts.items()},
            "scare_quotes_per_1k": rate_per_1k(body_scare, article.body_words)}


def attribution_metrics(report: dict) -> dict[str, float]:
    """Attribution counts by kind of source, distinct named sources, the loaded-cue share and
    the unsourced claims not rejected."""
    attributions = report.get("attributions") or []
    with_cue = [a for a in attributions if a.get("cue_class")]
    return {
        "attributions": len(attributions),
        "anonymous_attributions": sum(a.get("source_type") == "anonymous" for a in attributions),
        "agentless_attributions": sum(a.get("source_type") == "agentless" for a in attributions),
        "named_sources": len({a["source"] for a in attributions if a.get("source") and a.get("source_type") not in UNNAMED}),
        "loaded_cue_share": share(sum(a["cue_class"] in LOADED_CUES for a in with_cue), len(with_cue)),
        "unsourced_claims": len(_kept(report.get("unsourced_claims"))),
    }


def device_metrics(report: dict, article: Article) -> dict[str, float]:
    """Every device rate per 1,000 body words, overall and by voice (devices in body sentences)."""
    devices = (report.get("framing") or {}).get("devices") or {}
    out = {}
    for kind in DEVICE_KINDS:
        in_body = [d for d in _kept(devices.get(kind)) if _in_body(article, d["start"])]
        out[f"{kind}_per_1k"] = rate_per_1k(len(in_body), article.body_words)
        for voice in VOICES:
            out[f"{kind}_per_1k_{voice}"] = rate_per_1k(sum(d.get("voice") == voice for d in in_body), article.body_words)
    return out


def recount(report: dict) -> dict[str, float]:
    """The label-dependent metrics of a report (a JSON mapping), counted from its items."""
    article = Article.from_dict(report["article"])
    return {**quote_metrics(report, article), **attribution_metrics(report), **device_metrics(report, article)}


def recount_sources(report: dict) -> list[dict]:
    """The ``sources`` roster from the report's attributions: one row per source (per source
    type for those without a name), with attributions, attributed words, modes and cue classes,
    largest first."""
    text = report["article"]["text"]
    rows: dict[tuple, dict] = {}
    for a in report.get("attributions") or []:
        key = (a.get("source"), a.get("source_type") if a.get("source") is None else None)
        row = rows.setdefault(key, {"source": a.get("source"), "source_type": a.get("source_type"), "attributions": 0,
                                    "words": 0, "modes": Counter(), "cue_classes": Counter()})
        row["attributions"] += 1
        row["words"] += sum(len(words(text, s, e)) for s, e in a.get("content_spans") or [])
        row["modes"][a.get("mode")] += 1
        if a.get("cue_class"):
            row["cue_classes"][a["cue_class"]] += 1
    return [{**r, "modes": dict(sorted(r["modes"].items())), "cue_classes": dict(sorted(r["cue_classes"].items()))}
            for r in sorted(rows.values(), key=lambda r: (-r["words"], r["source"] or ""))]


def recount_talked_about(report: dict) -> list[dict]:
    """``talked_about`` with each actor's attributions counted from the report's attributions
    (the actors and their mentions stay as the tool found them), in the tool's order: most
    mentions plus attributions first."""
    speaks = Counter(a["source"] for a in report.get("attributions") or [] if a.get("source"))
    rows = [{**r, "attributions": speaks[r["actor"]]} for r in report.get("talked_about") or []]
    return sorted(rows, key=lambda r: (-r["mentions"] - r["attributions"], r["actor"]))
