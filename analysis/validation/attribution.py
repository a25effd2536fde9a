"""Validation of source attribution on PolNeAR dev, scored as the anchors score.

- Citron-style (Newell et al.; BBC R&D): exact-span and token-overlap precision, recall and F1
  for cues, sources and contents (tokens: runs of letters and digits).
- GGT-style (Gender Gap Tracker): a gold quote (a content holding a quotation mark) is
  matched at overlap >= 0.3 and >= 0.8 (|gold ∩ predicted| / |gold| characters); speaker
  match: the matched prediction's source overlaps the gold source.
- Coverage scoring, for (a) direct and mixed attributions (the content holds a quotation
  mark) and (b) all attributions: a gold content is found when one predicted content covers
  at least half of it; a predicted content is correct when at least half of it lies inside
  one gold content ((a) counts only predictions holding a quotation mark). Source overlap:
  among found contents, the share whose predicted source overlaps the gold source (a gold
  attribution without source needs a prediction without one).
- Recall of the cues of ``Attribution-no-source`` relations (hedged attributions).
- Wire detection against ``metadata.tsv`` (``wire``).
Every figure is given with the parse of the shipped pipeline (as a report makes them: quote kinds
and the learned cues of :mod:`analysis.measures.sources.cue_model` read from it) and, under
``rules_only``, for the rules alone (corpus runs without the parse). The cue classifier is trained
on PolNeAR train only; the rules have no fitted parameters; nothing is tuned on these scores.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass

from analysis.measures.sources.attribution import find_attributions
from analysis.measures.sources.entities import find_mentions
from analysis.measures.quotes.kinds import analyse_quotes
from analysis.read.reader import parse_text
from analysis.validation.polnear import GoldAttribution, load_dev
from analysis.validation.scoring import prf

QUOTE_MARKS = "\"“”"
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class _Pred:
    source: tuple[tuple[int, int], ...]
    cue: tuple[tuple[int, int], ...]
    content: tuple[tuple[int, int], ...]
    has_source: bool


def _chars(spans) -> set[int]:
    return {i for a, b in spans for i in range(a, b)}


def _holds_quote(text: str, spans) -> bool:
    return any(c in QUOTE_MARKS for a, b in spans for c in text[a:b])


def _tokens(text: str, spans) -> set[int]:
    return {m.start() for a, b in spans for m in _TOKEN.finditer(text, a, b)}


def predict(text: str, parsed=None) -> list[_Pred]:
    """The predictions for one article: the rules alone, or (``parsed``: the article and its
    parse, as :func:`analysis.validation.polnear_parse.parsed_split` gives them) as a report
    makes them, with the learned cues and the quote kinds read from the parse."""
    if parsed is None:
        article, parse = parse_text(text, "txt"), None
    else:
        article, parse = parsed
    quotes = analyse_quotes(article, parse=parse).quotes
    atts = find_attributions(article, quotes, find_mentions(article), parse)
    return [_Pred((a.source_span,) if a.source_span else (), (a.cue_span,) if a.cue_span else (),
                  a.content_spans, a.source is not None or a.source_type not in {"agentless", "other"}) for a in atts]


def _coverage(text: str, gold: list[GoldAttribution], preds: list[_Pred], direct_only: bool) -> dict:
    golds = [g for g in gold if g.contents and (not direct_only or _holds_quote(text, g.contents))]
    cands = [p for p in preds if p.content and (not direct_only or _holds_quote(text, p.content))]
    found = src_ok = src_total = 0
    for g in golds:
        gc = _chars(g.contents)
        best = max(cands, key=lambda p: len(gc & _chars(p.content)), default=None)
        if best is None or len(gc & _chars(best.content)) < 0.5 * len(gc):
            continue
        found += 1
        src_total += 1
        if g.sources:
            src_ok += bool(_chars(g.sources) & _chars(best.source))
        else:
            src_ok += not best.source
    correct = 0
    for p in cands:
        pc = _chars(p.content)
        if any(len(pc & _chars(g.contents)) >= 0.5 * len(pc) for g in gold if g.contents):
            correct += 1
    return {"tp_gold": found, "gold": len(golds), "tp_pred": correct, "pred": len(cands),
            "source_ok": src_ok, "source_total": src_total}


def _exact_and_tokens(text: str, gold: list[GoldAttribution], preds: list[_Pred], part: str) -> dict:
    g_spans = {s for g in gold for s in getattr(g, part + "s")}
    p_spans = {s for p in preds for s in getattr(p, part)}
    g_tok, p_tok = _tokens(text, g_spans), _tokens(text, p_spans)
    return {"exact_tp": len(g_spans & p_spans), "gold": len(g_spans), "pred": len(p_spans),
            "tok_tp": len(g_tok & p_tok), "tok_gold": len(g_tok), "tok_pred": len(p_tok)}


def _ggt(text: str, gold: list[GoldAttribution], preds: list[_Pred]) -> dict:
    out = {"gold": 0, "m03": 0, "m08": 0, "speaker_ok": 0, "pred": 0, "pred_ok03": 0}
    quoted_preds = [p for p in preds if _holds_quote(text, p.content)]
    out["pred"] = len(quoted_preds)
    for g in gold:
        if not g.contents or not _holds_quote(text, g.contents):
            continue
        out["gold"] += 1
        gc = _chars(g.contents)
        best = max(preds, key=lambda p: len(gc & _chars(p.content)), default=None)
        ratio = len(gc & _chars(best.content)) / len(gc) if best else 0.0
        if ratio >= 0.3:
            out["m03"] += 1
            out["speaker_ok"] += bool(_chars(g.sources) & _chars(best.source)) if g.sources else not best.source
        out["m08"] += ratio >= 0.8
    for p in quoted_preds:
        pc = _chars(p.content)
        out["pred_ok03"] += any(len(pc & _chars(g.contents)) >= 0.3 * len(_chars(g.contents)) for g in gold if g.contents)
    return out


def _add(total: dict, part: dict) -> None:
    for k, v in part.items():
        total[k] = total.get(k, 0) + v


def _wire(doc) -> tuple[bool, bool]:
    gold = doc.meta.get("wire", "None") not in {"None", "NA", ""}
    article = parse_text(doc.text, "txt")
    return gold, bool(article.wire)


def run() -> dict:
    """The figures with the parse (as a report makes them), and ``rules_only`` beside them."""
    from analysis.validation.polnear_parse import parsed_split

    parsed = parsed_split("dev")
    out = score(lambda doc: predict(doc.text, parsed[doc.name]))
    out["rules_only"] = {k: v for k, v in score(lambda doc: predict(doc.text)).items() if k not in ("articles", "wire")}
    return out


def score(predictor, docs=None) -> dict:
    """Every figure of the module docstring for ``predictor(doc) -> list[_Pred]`` over ``docs``
    (default dev)."""
    docs = load_dev() if docs is None else docs
    totals: dict[str, dict] = {k: {} for k in ("direct", "all", "cue", "source", "content", "ggt")}
    nosource = {"gold": 0, "found": 0}
    wire = {"tp": 0, "fp": 0, "fn": 0}
    for doc in docs:
        text, gold = doc.text, list(doc.attributions)
        preds = predictor(doc)
        _add(totals["direct"], _coverage(text, gold, preds, True))
        _add(totals["all"], _coverage(text, gold, preds, False))
        for part in ("cue", "source", "content"):
            _add(totals[part], _exact_and_tokens(text, gold, preds, part))
        _add(totals["ggt"], _ggt(text, gold, preds))
        pred_cues = _chars(s for p in preds for s in p.cue)
        for g in gold:
            if g.relation == "Attribution-no-source" and g.cues:
                nosource["gold"] += 1
                nosource["found"] += bool(_chars(g.cues) & pred_cues)
        g_w, p_w = _wire(doc)
        wire["tp"] += g_w and p_w
        wire["fp"] += p_w and not g_w
        wire["fn"] += g_w and not p_w

    def cov(t):
        p = t["tp_pred"] / t["pred"] if t["pred"] else 0.0
        r = t["tp_gold"] / t["gold"] if t["gold"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "gold": t["gold"], "pred": t["pred"],
                "source_overlap": round(t["source_ok"] / t["source_total"], 4) if t["source_total"] else 0.0}

    def citron(t):
        return {"exact": prf(t["exact_tp"], t["pred"] - t["exact_tp"], t["gold"] - t["exact_tp"]),
                "token": prf(t["tok_tp"], t["tok_pred"] - t["tok_tp"], t["tok_gold"] - t["tok_tp"])}

    g = totals["ggt"]
    return {
        "articles": len(docs),
        "direct_mixed": cov(totals["direct"]),
        "all": cov(totals["all"]),
        "citron": {part: citron(totals[part]) for part in ("cue", "source", "content")},
        "ggt": {"gold_quotes": g["gold"], "recall_overlap_0.3": round(g["m03"] / g["gold"], 4) if g["gold"] else 0.0,
                "recall_overlap_0.8": round(g["m08"] / g["gold"], 4) if g["gold"] else 0.0,
                "precision_overlap_0.3": round(g["pred_ok03"] / g["pred"], 4) if g["pred"] else 0.0,
                "speaker_match": round(g["speaker_ok"] / g["m03"], 4) if g["m03"] else 0.0},
        "no_source_cue_recall": round(nosource["found"] / nosource["gold"], 4) if nosource["gold"] else 0.0,
        "no_source_cues": nosource["gold"],
        "wire": {**prf(wire["tp"], wire["fp"], wire["fn"]), **wire},
    }


def _print(r: dict) -> None:
    print(f"PolNeAR dev, {r['articles']} articles (with the parse; the rules alone after)")
    _print_one(r)
    print("rules alone:")
    _print_one(r["rules_only"])
    print(f"  wire F1 {r['wire']['f1']:.3f}")


def _print_one(r: dict) -> None:
    for name in ("direct_mixed", "all"):
        v = r[name]
        print(f"  {name:13} P {v['precision']:.3f} R {v['recall']:.3f} F1 {v['f1']:.3f}  source overlap {v['source_overlap']:.3f}"
              f"  (gold {v['gold']}, predicted {v['pred']})")
    for part, v in r["citron"].items():
        print(f"  {part:8} exact F1 {v['exact']['f1']:.3f}  token F1 {v['token']['f1']:.3f} "
              f"(P {v['token']['precision']:.3f} R {v['token']['recall']:.3f})")
    print(f"  GGT quotes: recall@0.3 {r['ggt']['recall_overlap_0.3']:.3f} recall@0.8 {r['ggt']['recall_overlap_0.8']:.3f} "
          f"precision@0.3 {r['ggt']['precision_overlap_0.3']:.3f} speaker {r['ggt']['speaker_match']:.3f}")
    print(f"  no-source cue recall {r['no_source_cue_recall']:.3f} of {r['no_source_cues']}")


if __name__ == "__main__":
    _print(run())
    sys.exit(0)
