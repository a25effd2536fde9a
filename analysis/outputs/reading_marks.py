"""The marks of the reading view: which spans of the article each layer draws, their legend
and styles, and how overlapping marks nest; plus the small HTML helpers the page is built with.

Read from the report alone (schema ``analysis-report/1``); :mod:`analysis.outputs.reading_view`
assembles the page.
"""
from __future__ import annotations

import html
from typing import NamedTuple

LAYERS = ("quote", "attribution", "claim", "device", "frame")
#: Tie-break for marks with the same span: outer first.
ORDER = {"content": 0, "quote": 1, "claim": 2, "source": 3, "cue": 4, "device": 5, "frame": 6}
BLOCK_TAGS = {"headline": "h1", "subhead": "h2", "body": "p", "standfirst": "p"}
KIND_LABELS = {
    "headline": "Headline", "standfirst": "Standfirst", "byline": "Byline", "dateline": "Dateline",
    "subhead": "Subhead", "caption": "Caption", "credit": "Photo credit", "body": "Body",
    "syndication": "Syndication notice: not body text", "boilerplate": "Boilerplate: site furniture, not body text",
    "other": "Not in any paragraph",
}
FRAME_SHORT = {
    "Economic": "Economic", "Capacity_and_resources": "Capacity & resources", "Morality": "Morality",
    "Fairness_and_equality": "Fairness & equality", "Legality_Constitutionality_and_jurisprudence": "Legality",
    "Policy_prescription_and_evaluation": "Policy", "Crime_and_punishment": "Crime & punishment",
    "Security_and_defense": "Security & defence", "Health_and_safety": "Health & safety",
    "Quality_of_life": "Quality of life", "Cultural_identity": "Cultural identity",
    "Public_opinion": "Public opinion", "Political": "Political",
    "External_regulation_and_reputation": "External relations", "Other": "Other",
}
DEVICE_NAMES = {"hedge": "hedge", "booster": "booster", "intensifier": "intensifier",
                "loaded_language": "loaded language", "agentless_passive": "agentless passive",
                "rhetorical_question": "rhetorical question"}

# Legend and styles, one table: (swatch, mark selector, CSS, legend word, what it means).
# Colours from Okabe and Ito's colour-blind-safe palette.
_CUE = "outline:1.5px {} {}"
_BAR = "box-shadow:inset 0 -.24em 0 {}"
_WAVY = "text-decoration:underline wavy {};text-decoration-thickness:1px;text-underline-offset:.16em"
STYLES = {
    "quote": ("Quotes", [
        ("q-direct", "[data-kind=direct]", "background:rgba(86,180,233,.33)", "direct",
         "speech given to a speaker as a statement"),
        ("q-partial", "[data-kind=partial]", "background:rgba(0,158,115,.2)", "partial",
         "a speaker's words inside the writer's sentence"),
        ("q-scare", "[data-kind=scare]", "background:rgba(240,228,66,.7)", "scare",
         "no source, no reporting cue: the writer holds the word at a distance"),
        ("q-title", "[data-kind=title]", "background:rgba(204,121,167,.25)", "title", "a name or title in quotation marks"),
        ("q-other", "[data-kind=other]", "background:rgba(140,140,140,.22)", "other", "a term being named, or none of the above"),
        ("q-unbalanced", "[data-balanced=false]", "outline:1px dashed #777", "unbalanced", "an opening or closing mark is missing"),
    ]),
    "attribution": ("Attributions", [
        ("a-source", "[data-role=source]", "font-weight:700;color:#0b4a73", "source", "who is given the words"),
        ("a-anonymous", "[data-role=source][data-source-type=anonymous]", _CUE.format("dashed", "#0072B2"), "anonymous",
         "an unnamed source (“officials said”)"),
        ("a-neutral", "[data-role=cue][data-kind=neutral]", _CUE.format("solid", "#6b6b6b"), "said", "neutral cue"),
        ("a-truth", "[data-role=cue][data-kind=truth]", _CUE.format("solid", "#009E73"), "revealed",
         "cue presenting the content as fact"),
        ("a-careful", "[data-role=cue][data-kind=careful]", _CUE.format("solid", "#56B4E9"), "noted",
         "cue marking care, resolve or belief"),
        ("a-doubt", "[data-role=cue][data-kind=doubt]", _CUE.format("solid", "#CC79A7"), "claimed", "cue casting doubt"),
        ("a-culpability", "[data-role=cue][data-kind=culpability]", _CUE.format("solid", "#D55E00"), "admitted", "cue implying fault"),
        ("a-hedge", "[data-role=cue][data-kind=hedge]", _CUE.format("dashed", "#E69F00"), "is believed",
         "agentless: passive or impersonal hedge, no one named"),
        ("a-content", "[data-role=content]",
         "text-decoration:underline dotted rgba(0,114,178,.75);text-decoration-thickness:2px;text-underline-offset:.34em",
         "content", "what is attributed (dotted)"),
    ]),
    "claim": ("Unsourced claims", [
        ("c-claim", "", _WAVY.format("#D55E00"), "figure",
         "a figure, date or superlative in the writer's voice that no attribution covers"),
        ("c-hedged", "[data-hedged=true]", _WAVY.format("#E69F00"), "hedged", "covered only by an agentless hedge"),
    ]),
    "device": ("Framing devices", [
        ("d-hedge", "[data-kind=hedge]", _BAR.format("#E69F00"), "hedge", "withholds commitment (Hyland 2005)"),
        ("d-booster", "[data-kind=booster]", _BAR.format("#009E73"), "booster", "closes down alternatives (Hyland 2005)"),
        ("d-intensifier", "[data-kind=intensifier]", _BAR.format("#CC79A7"), "intensifier", "amplifies degree (Quirk et al. 1985)"),
        ("d-loaded_language", "[data-kind=loaded_language]", _BAR.format("#D55E00") + ";color:#8a2f00", "loaded",
         "emotive or labelling words (Da San Martino et al. 2019)"),
        ("d-agentless_passive", "[data-kind=agentless_passive]", _BAR.format("#0072B2"), "was found", "agentless passive: no by-agent"),
        ("d-rhetorical_question", "[data-kind=rhetorical_question]", "box-shadow:inset 0 -.12em 0 #777", "why?", "rhetorical question"),
    ]),
    "frame": ("Frame cues", [
        ("f-cue", "", "border-bottom:1px solid rgba(0,0,0,.28)", "cue",
         "a word of the frame lexicon (Policy Frames Codebook); frames per sentence in the right margin"),
    ]),
}
RESET = ("background:none!important;box-shadow:none!important;outline:none!important;text-decoration:none!important;"
          "border-bottom-color:transparent!important;color:inherit!important;font-weight:inherit!important;--rv-on:0")


class Item(NamedTuple):
    """A span to open as an element: structure (rank 0 segment, 1 sentence) or a mark (rank 2)."""

    start: int
    end: int
    rank: int
    order: int
    key: str


class Mark(NamedTuple):
    start: int
    end: int
    layer: str
    kind: str
    role: str
    title: str
    extra: tuple = ()


def esc(value) -> str:
    return html.escape(str(value), quote=True)


def html_attrs(pairs) -> str:
    return "".join(f' {k}="{esc(v)}"' for k, v in pairs if v is not None)


def html_tag(name: str, content: str = "", **attrs) -> str:
    """An element; attribute names take ``data_x`` for ``data-x`` and ``cls`` for ``class``."""
    pairs = [("class" if k == "cls" else k.replace("_", "-"), v) for k, v in attrs.items()]
    return f"<{name}{html_attrs(pairs)}>{content}</{name}>"


def who_label(a: dict) -> str:
    """The name of an attribution's or roster row's source, or what kind of no-name it is."""
    return a.get("source") or {"agentless": "(no one: agentless)", "anonymous": "(unnamed)"}.get(a.get("source_type"), "(unknown)")


def span_of(pair, n: int):
    """(start, end) clipped to the text, or None when it is not a span."""
    try:
        a, b = int(pair[0]), int(pair[1])
    except (TypeError, ValueError, IndexError, KeyError):
        return None
    a, b = max(a, 0), min(b, n)
    return (a, b) if a < b else None


def frame_label(name: str) -> str:
    return FRAME_SHORT.get(name, str(name).replace("_", " "))


def fmt_num(value, digits: int = 1, pct: bool = False) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "—"
    if pct:
        return f"{100 * value:.{digits}f} %"
    return f"{value:,}" if isinstance(value, int) else f"{value:,.{digits}f}"


def fmt_signed(value: float) -> str:
    return f"{value:+.2f}".replace("-", "−")


def collect_marks(report: dict) -> list[Mark]:
    """Every mark of the report, clipped to the text, sorted, identical marks merged."""
    text = (report.get("article") or {}).get("text") or ""
    n = len(text)
    raw: list[Mark] = []
    for q in report.get("quotes") or []:
        sp = span_of((q.get("start"), q.get("end")), n)
        if sp:
            lines = [f"Quote: {q.get('kind')}" + ("" if q.get("balanced", True) else " (unbalanced marks)")]
            if q.get("speaker") or q.get("cue"):
                lines.append(f"Speaker: {q.get('speaker') or 'unknown'}" + (f", cue “{q['cue']}”" if q.get("cue") else ""))
            if q.get("reason"):
                lines.append(f"Why: {q['reason']}")
            if q.get("family"):
                lines.append(f"Family: {q['family']}")
            raw.append(Mark(*sp, "quote", str(q.get("kind")), "quote", "\n".join(lines),
                             (("data-balanced", "true" if q.get("balanced", True) else "false"),)))
    for a in report.get("attributions") or []:
        stype = a.get("source_type") or "other"
        who = a.get("source") or {"agentless": "no one (agentless)", "anonymous": "an unnamed source"}.get(stype, "unknown")
        cue = f"“{a['cue']}” ({a.get('cue_class') or 'no class'})" if a.get("cue") else "no cue"
        about = f"Attribution to {who} [{stype}]\nCue: {cue}, mode {a.get('mode')}\nRule: {a.get('rule')}"
        extra = (("data-source-type", stype), ("data-mode", a.get("mode")))
        kind = str(a.get("cue_class") or "none")
        parts = [("source", a.get("source_span")), ("cue", a.get("cue_span"))]
        parts += [("content", c) for c in a.get("content_spans") or []]
        for role, pair in parts:
            sp = span_of(pair, n) if pair else None
            if sp:
                raw.append(Mark(*sp, "attribution", kind, role, f"{role.capitalize()} · {about}", extra))
    for c in report.get("unsourced_claims") or []:
        sp = span_of((c.get("start"), c.get("end")), n)
        if sp:
            hedged = bool(c.get("hedged"))
            why = ("only an agentless hedge covers it" if hedged else "no attribution covers it")
            raw.append(Mark(*sp, "claim", str(c.get("kind")), "claim",
                             f"Unsourced claim: {c.get('kind')}\nWhy: a {c.get('kind')} in the writer's voice; {why}",
                             (("data-hedged", "true" if hedged else "false"),)))
    framing = report.get("framing") or {}
    for kind, spans in sorted((framing.get("devices") or {}).items()):
        if kind == "scare_quote":  # the scare quotes of the quote layer
            continue
        for d in spans or []:
            sp = span_of((d.get("start"), d.get("end")), n)
            if sp:
                raw.append(Mark(*sp, "device", kind, "device",
                                 f"Device: {DEVICE_NAMES.get(kind, kind)} ({d.get('voice') or '?'}'s voice)\nRule: {d.get('rule')}",
                                 (("data-voice", d.get("voice")),)))
    for s in framing.get("sentences") or []:
        for cue in s.get("cues") or []:
            sp = span_of((cue.get("start"), cue.get("end")), n)
            if sp:
                raw.append(Mark(*sp, "frame", str(cue.get("frame")), "frame",
                                 f"Frame cue: {frame_label(cue.get('frame'))}\nLexicon entry: “{cue.get('entry')}”"))
    merged: dict[tuple, Mark] = {}
    for m in raw:
        key = (m.start, m.end, m.layer, m.kind, m.role, m.extra)
        if key in merged and m.title not in merged[key].title.split("\n\n"):
            merged[key] = merged[key]._replace(title=merged[key].title + "\n\n" + m.title)
        else:
            merged.setdefault(key, m)
    return sorted(merged.values(), key=lambda m: (m.start, -m.end, ORDER[m.role], m.layer, m.kind, m.title, repr(m.extra)))


def nest(text: str, lo: int, hi: int, items: list[Item]) -> list[tuple]:
    """Open/close/text events for ``text[lo:hi]`` with the items properly nested.

    The text is cut at every item boundary; at each cut the open elements that still hold
    stay open (structure below marks), the rest close, and what still holds reopens as a
    new piece, longest first.
    """
    inside = [it._replace(start=max(it.start, lo), end=min(it.end, hi)) for it in items]
    inside = [it for it in inside if it.start < it.end]
    cuts = sorted({lo, hi, *(it.start for it in inside), *(it.end for it in inside)})
    stack: list[Item] = []
    out: list[tuple] = []
    for a, b in zip(cuts, cuts[1:]):
        active = {it for it in inside if it.start <= a and b <= it.end}
        keep = 0
        while keep < len(stack) and stack[keep] in active:
            keep += 1
        new = active - set(stack[:keep])
        while keep and new and stack[keep - 1].rank > min(it.rank for it in new):
            keep -= 1
            new.add(stack[keep])
        for it in reversed(stack[keep:]):
            out.append(("close", it))
        del stack[keep:]
        for it in sorted(new, key=lambda it: (it.rank, -it.end, it.order, it.start, it.key)):
            out.append(("open", it))
            stack.append(it)
        out.append(("text", text[a:b]))
    out.extend(("close", it) for it in reversed(stack))
    return out
