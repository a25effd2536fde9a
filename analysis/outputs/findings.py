"""Findings in plain sentences, computed from a report so they stay true for any article.

The notebooks print these under their charts; each function returns a list of sentences.
"""
from __future__ import annotations

from collections import Counter

from analysis.report.metrics import VOICES


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def structure(report: dict) -> list[str]:
    art, m = report["article"], report["metrics"]
    kinds = Counter(s["kind"] for s in art["segments"])
    out = [f"The article has {m['body_words']} body words in {_plural(m['body_paragraphs'], 'body paragraph')} "
           f"and {_plural(m['body_sentences'], 'body sentence')}."]
    names = {"subhead": ("subhead", None), "caption": ("photo caption", None), "credit": ("credit", None),
             "boilerplate": ("block of boilerplate", "blocks of boilerplate")}
    extra = [_plural(kinds[k], *names[k]) for k in names if kinds[k]]
    if extra:
        out.append("Besides the body it has " + ", ".join(extra) + ".")
    if art.get("bylines"):
        out.append(f"Byline: {', '.join(art['bylines'])}.")
    if art.get("publisher") or art.get("syndicated_by"):
        out.append(f"Published by {art.get('publisher') or 'an unnamed outlet'}"
                   + (f", syndicated by {', '.join(art['syndicated_by'])}" if art.get("syndicated_by") else "") + ".")
    if art.get("photo_credits"):
        out.append(f"Photo credits: {'; '.join(art['photo_credits'])}.")
    return out


def quotes(report: dict) -> list[str]:
    m = report["metrics"]
    n = len(report["quotes"])
    if not n:
        return ["The article has no quoted spans."]
    out = [f"The article has {_plural(n, 'quoted span')}: {m['quotes_direct']} direct, {m['quotes_partial']} partial, "
           f"{m['quotes_scare']} scare, {m['quotes_title']} title and {m['quotes_other']} other."]
    if m["quotes_scare"]:
        out.append(f"That is {m['scare_quotes_per_1k']:.1f} scare quotes per 1,000 body words.")
    for fam in report.get("quote_families", []):
        texts = sorted({report["quotes"][i]["text"].strip(" ,.") for i in fam["members"]})
        out.append(f"The family “{fam['family']}” recurs {len(fam['members'])} times ({', '.join(texts)}), as "
                   f"{', '.join(f'{k} ×{c}' for k, c in Counter(fam['kinds']).most_common())}"
                   + (f"; the same stem appears {len(fam['unquoted'])} more times without quotation marks." if fam.get("unquoted") else "."))
    unbalanced = [q for q in report["quotes"] if not q["balanced"]]
    if unbalanced:
        out.append(f"{_plural(len(unbalanced), 'quote')} had a mark without a partner and was recovered locally: "
                   + ", ".join(f"“{q['text']}”" for q in unbalanced) + ".")
    return out


def attribution(report: dict) -> list[str]:
    m = report["metrics"]
    atts = report["attributions"]
    if not atts:
        return ["No attribution was found: everything is in the writer's own voice."]
    named = [s for s in report.get("sources", []) if s["source"] and s["source_type"] not in {"anonymous", "agentless"}]
    out = [f"{_plural(len(atts), 'attribution')}: {m['anonymous_attributions']} to anonymous sources, "
           f"{m['agentless_attributions']} agentless (no source at all), {len(named)} named "
           f"{'source' if len(named) == 1 else 'sources'}."]
    out.append(f"{100 * m['writer_voice_share']:.0f} % of the body words are in the writer's own voice.")
    if named:
        top = named[0]
        out.append(f"The most-heard named source is {top['source']} ({top['source_type']}), with "
                   f"{_plural(top['attributions'], 'attribution')} and {top['words']} words.")
    classes = Counter(a["cue_class"] for a in atts if a["cue_class"])
    if classes:
        out.append("Cue classes: " + ", ".join(f"{k} {v}" for k, v in classes.most_common()) + ".")
    silent = [r["actor"] for r in report.get("talked_about", []) if r["mentions"] >= 2 and not r["attributions"]]
    if silent:
        out.append("Mentioned at least twice but never given a voice: " + ", ".join(silent[:8]) + ".")
    if report.get("unsourced_claims"):
        out.append(f"{len(report['unsourced_claims'])} figures, dates or superlatives in the writer's voice "
                   f"carry no attribution, for example " + "; ".join(f"“{c['text']}”" for c in report["unsourced_claims"][:3]) + ".")
    return out


def sentiment(report: dict) -> list[str]:
    m = report["metrics"]
    out = [f"Mean sentence tone (VADER compound) over the body is {m['tone_mean']:+.2f}; "
           f"{100 * m['tone_negative_share']:.0f} % of body sentences are negative and "
           f"{100 * m['tone_positive_share']:.0f} % positive."]
    parts = [f"{v} {m[f'tone_mean_{v}']:+.2f} ({_plural(m[f'tone_sentences_{v}'], 'sentence')})"
             for v in VOICES if m.get(f"tone_sentences_{v}")]
    out.append("By voice: " + "; ".join(parts) + ".")
    actors = report["sentiment"].get("actors", [])
    if actors:
        neg = sorted(actors, key=lambda a: a["score_mean"])[0]
        out.append(f"Of {_plural(len(actors), 'actor')}, the most negatively portrayed is {neg['actor']} "
                   f"(mean {neg['score_mean']:+.2f}, interval {neg['score_interval'][0]:+.2f} to {neg['score_interval'][1]:+.2f}, "
                   f"{_plural(neg['mentions'], 'mention')}).")
    return out


def framing(report: dict) -> list[str]:
    fr, m = report["framing"], report["metrics"]
    if not fr.get("frames"):
        return ["No frame cue was found."]
    out = [f"The primary frame is {fr['primary_frame'].replace('_', ' ')}; the article uses "
           + ", ".join(f.replace("_", " ") for f in fr["article_frames"]) + "."]
    dev = {d: m.get(f"{d}_per_1k_writer", 0.0) for d in ("loaded_language", "hedge", "booster", "scare_quote")}
    out.append("In the writer's own voice, per 1,000 body words: " + ", ".join(f"{k.replace('_', ' ')} {v:.1f}" for k, v in dev.items()) + ".")
    for c in fr.get("contrast", []):
        if c["frames"]:
            top = ", ".join(f"{k.replace('_', ' ')} ({v})" for k, v in list(c["frames"].items())[:3])
            out.append(f"Around the quoted family “{c['family']}” the frames are {top}.")
    return out


def validation(name: str) -> dict | None:
    """The recorded figures of a validation, or None when it has none.

    They are read from the installed package (``analysis/validation/recorded/<name>.json``, the
    repository's ``docs/validation/`` under the name the package data gives it), so they are there
    in a regular install too; the package of the validations itself is not imported."""
    import json
    from importlib import resources

    path = resources.files("analysis") / "validation" / "recorded" / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None
