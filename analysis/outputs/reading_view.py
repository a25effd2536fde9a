"""The annotated reading view: one self-contained HTML page per article, built from its report.

The page reads the report JSON alone (schema ``analysis-report/1``), never the measures, and
lays the analysis over the article's own words: quoted spans by kind, attributions (source,
cue by class, attributed content; agentless and anonymous ones drawn dashed), unsourced
claims, framing devices and frame cues; sentence tone as a bar in the left margin; frames,
voice and attributions per sentence in the right margin; the key numbers, the source roster,
the portrayal panel (:mod:`.reading_portrayal`) and a legend with layer switches at the side.

Rules of the markup (the tests check them):

- Every mark is a ``<span>`` with ``data-layer`` (quote, attribution, claim, device, frame),
  ``data-kind`` (quote kind, cue class, claim kind, device kind or frame), ``data-start`` and
  ``data-end`` (offsets into ``article.text``), ``data-id`` and a ``title`` saying what was
  measured and by which rule (the report's ``reason``, ``rule`` or lexicon ``entry``).
- Marks nest properly: the text is cut at every start and end; a mark that crosses another's
  boundary, a sentence's or a paragraph's is split into pieces that carry the same attributes
  plus ``data-part="k/n"``; the pieces' text, joined, is exactly ``text[start:end]``. The
  ``.rv-text`` blocks, joined, are exactly ``article.text`` (white-space-only gaps between
  paragraphs are kept hidden); a sentence's first piece has ``id="rv-s<N>"`` (links: ``#rv-s<N>``).
  Labels live in the margins and attributes, never between words.
- Everything from the article is escaped. The page loads nothing: inline CSS, one small inline
  script (layer switches, ``#hide=quote,frame`` in the address, the details under the
  pointer); the switches also work without the script (CSS ``:has``). Same report, same bytes.

Scare-quote devices are not drawn twice: they are the scare quotes of the quote layer.
"""
from __future__ import annotations

import html
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

from analysis.outputs.reading_marks import (BLOCK_TAGS, KIND_LABELS, LAYERS, ORDER, RESET, STYLES, Item, Mark,
                                            collect_marks, esc, fmt_num, fmt_signed, frame_label, html_attrs,
                                            html_tag, nest, span_of, who_label)
from analysis.outputs.reading_portrayal import portrayal_panel, sentence_id

ASSETS = resources.files("analysis.outputs") / "assets"


@lru_cache(maxsize=2)
def asset(name: str) -> str:
    """A stylesheet or script shipped with the package (``analysis/outputs/assets/``)."""
    return (ASSETS / name).read_text(encoding="utf-8")


def _blocks(article: dict) -> list[tuple[int, int, str]]:
    """The paragraphs as (start, end, kind), with the text between them as ``gap`` blocks."""
    text = article.get("text") or ""
    n = len(text)
    paras = [(sp, p.get("kind") or "body") for p in article.get("paragraphs") or []
             if (sp := span_of((p.get("start"), p.get("end")), n))]
    if not paras:
        paras = [(sp, s.get("kind") or "body") for s in article.get("segments") or []
                 if (sp := span_of((s.get("start"), s.get("end")), n))]
    if not paras and n:
        paras = [((0, n), "body")]
    out, at = [], 0
    for (a, b), kind in sorted(paras):
        if a < at:  # overlapping paragraphs: keep the text once
            a = at
            if a >= b:
                continue
        if at < a:
            out.append((at, a, "gap" if not text[at:a].strip() else "other"))
        out.append((a, b, kind))
        at = b
    if at < n:
        out.append((at, n, "gap" if not text[at:].strip() else "other"))
    return out


def _tone_colour(c: float) -> str:
    if abs(c) < 0.05:
        return "rgba(160,160,160,.25)"
    alpha = round(0.3 + 0.65 * min(abs(c), 1.0), 2)
    return f"rgba(0,114,178,{alpha})" if c > 0 else f"rgba(213,94,0,{alpha})"


def _tone_bar(a: int, b: int, sentences: list[dict], tones: dict) -> str:
    """One cell per sentence, as tall as its share of the paragraph's characters."""
    cells, at = [], a
    for s in sentences:
        start, end = max(s["start"], a), min(s["end"], b)
        if start > at:
            cells.append(f'<i style="flex:{start - at} 1 0"></i>')
        t = tones.get(s["index"])
        style = f"flex:{end - start} 1 0"
        title = None
        if t is not None and isinstance(t.get("compound"), (int, float)):
            style += f";background:{_tone_colour(t['compound'])}"
            words = ", ".join(f"{w.get('word')} {fmt_signed(w.get('valence', 0))}" for w in t.get("words") or [])
            title = (f"Sentence {s['index']}: tone {fmt_signed(t['compound'])} (VADER compound, −1 to +1; "
                     f"positive ≥ +0.05, negative ≤ −0.05), {t.get('voice') or 'writer'}'s voice"
                     + (f"\nWords: {words}" if words else ""))
        cells.append(html_tag("i", cls="rv-tb", style=style, title=title, data_sentence=s["index"]))
        at = max(at, end)
    if at < b:
        cells.append(f'<i style="flex:{b - at} 1 0"></i>')
    return '<div class="rv-tone">' + "".join(cells) + "</div>"


def _note(i: int, idx: dict) -> str:
    """The right-margin note of sentence ``i``: frames, tone, voice, attributions, claims."""
    bits = []
    fr = idx["frames"].get(i)
    if fr and fr.get("frames"):
        names = [html_tag("b", esc(frame_label(f))) if f == fr.get("primary") else esc(frame_label(f)) for f in fr["frames"]]
        bits.append(html_tag("span", " · ".join(names), cls="rv-fr", title="Frames of this sentence (primary in bold)"))
    t = idx["tones"].get(i)
    if t is not None and isinstance(t.get("compound"), (int, float)) and abs(t["compound"]) >= 0.05:
        colour = "#0a5d91" if t["compound"] > 0 else "#a34300"
        bits.append(html_tag("span", fmt_signed(t["compound"]), cls="rv-tn", style=f"color:{colour}", title="Sentence tone (VADER compound)"))
    v = idx["voice"].get(i)
    if v and isinstance(v.get("writer_share"), (int, float)) and v["writer_share"] < 1:
        shares = [(k, v.get(f"{name}_share") or 0) for k, name in (("w", "writer"), ("q", "quoted"), ("a", "attributed"))]
        title = (f"Voice: writer {shares[0][1]:.0%}, quoted {shares[1][1]:.0%}, attributed {shares[2][1]:.0%}"
                 + (f" ({', '.join(v.get('sources') or [])})" if v.get("sources") else ""))
        cells = "".join(html_tag("i", cls=k, style=f"width:{100 * x:.1f}%") for k, x in shares)
        bits.append(html_tag("span", cells, cls="rv-vo", title=title))
    for a in idx["attributions"].get(i, []):
        cue = " " + html_tag("em", esc(a["cue"])) if a.get("cue") else ""
        line = f"{esc(who_label(a))}{cue} · {esc(a.get('cue_class') or '—')} · {esc(a.get('mode') or '')}"
        bits.append(html_tag("span", line, cls="rv-at", title=a.get("rule")))
    claims = idx["claims"].get(i, [])
    if claims:
        kinds = ", ".join(c.get("kind") or "?" for c in claims)
        bits.append(html_tag("span", "unsourced: " + esc(kinds), cls="rv-at", style="color:#a34300"))
    return html_tag("div", html_tag("span", str(i), cls="rv-sn") + " ".join(bits), cls="rv-note", data_sentence=i) if bits else ""


def _notes(kind: str, sentences: list[dict], idx: dict) -> str:
    label = "" if kind == "body" else html_tag("span", esc(KIND_LABELS.get(kind, kind)), cls="rv-kind")
    return html_tag("div", label + "".join(_note(s["index"], idx) for s in sentences), cls="rv-notes")


def _article(report: dict, marks: list[Mark]) -> str:
    article = report.get("article") or {}
    text = article.get("text") or ""
    n = len(text)
    sentences = sorted((dict(s, start=sp[0], end=sp[1]) for s in article.get("sentences") or []
                        if isinstance(s.get("index"), int) and (sp := span_of((s.get("start"), s.get("end")), n))),
                       key=lambda s: (s["start"], s["index"]))
    segments = [(sp, s.get("kind")) for s in article.get("segments") or [] if (sp := span_of((s.get("start"), s.get("end")), n))]
    idx = {"frames": {s.get("sentence"): s for s in (report.get("framing") or {}).get("sentences") or []},
           "tones": {s.get("sentence"): s for s in (report.get("sentiment") or {}).get("sentences") or []},
           "voice": {v.get("sentence"): v for v in report.get("voice") or []},
           "attributions": {}, "claims": {}}
    for a in report.get("attributions") or []:
        idx["attributions"].setdefault(a.get("sentence"), []).append(a)
    for c in report.get("unsourced_claims") or []:
        idx["claims"].setdefault(c.get("sentence"), []).append(c)
    by_key = {f"s{j}": s for j, s in enumerate(sentences)}
    mark_items = [Item(m.start, m.end, 2, ORDER[m.role], f"m{i}") for i, m in enumerate(marks)]
    blocks = []
    for a, b, kind in _blocks(article):
        items = [it for it in mark_items if it.start < b and a < it.end]
        items += [Item(s["start"], s["end"], 1, 0, key) for key, s in by_key.items() if s["start"] < b and a < s["end"]]
        items += [Item(sa, sb, 0, 0, f"g{j}:{k}") for j, ((sa, sb), k) in enumerate(segments)
                  if sa < b and a < sb and k != kind and kind != "gap"]
        blocks.append((a, b, kind, nest(text, a, b, items)))
    pieces: dict[str, int] = {}
    for *_, events in blocks:
        for it in (x for ev, x in events if ev == "open"):
            pieces[it.key] = pieces.get(it.key, 0) + 1
    seen: dict[str, int] = {}

    def open_tag(it: Item) -> str:
        seen[it.key] = seen.get(it.key, 0) + 1
        part = f"{seen[it.key]}/{pieces[it.key]}" if pieces[it.key] > 1 else None
        if it.rank == 2:
            m = marks[int(it.key[1:])]
            cls = f"rv-m rv-{m.layer}"
            pairs = [("class", cls), ("data-layer", m.layer), ("data-kind", m.kind), ("data-start", m.start),
                     ("data-end", m.end), ("data-id", it.key), ("data-part", part),
                     ("data-role", m.role if m.layer == "attribution" else None), *m.extra, ("title", m.title)]
            return f"<span{html_attrs(pairs)}>"
        if it.rank == 1:
            s = by_key[it.key]
            pairs = [("class", "rv-s"), ("id", sentence_id(s["index"]) if seen[it.key] == 1 else None),
                     ("data-sentence", s["index"]), ("data-start", s["start"]), ("data-end", s["end"]), ("data-part", part)]
            return f"<span{html_attrs(pairs)}>"
        kind = it.key.split(":", 1)[1]
        return f"<span{html_attrs([('class', f'rv-seg rv-seg-{kind}'), ('title', KIND_LABELS.get(kind, kind)), ('data-part', part)])}>"

    rows = []
    for a, b, kind, events in blocks:
        body = "".join(open_tag(x) if ev == "open" else "</span>" if ev == "close" else html.escape(x, quote=False)
                       for ev, x in events)
        if kind == "gap":
            rows.append(f'<div class="rv-text rv-gap" data-start="{a}" data-end="{b}">{body}</div>')
            continue
        tag = BLOCK_TAGS.get(kind, "div")
        inner = [s for s in sentences if s["start"] < b and a < s["end"]]
        starting = [s for s in inner if a <= s["start"]]  # a note once, beside the sentence's start
        rows.append(f'<div class="rv-row rv-k-{esc(kind)}">{_tone_bar(a, b, inner, idx["tones"])}'
                    f'<{tag} class="rv-text" data-start="{a}" data-end="{b}">{body}</{tag}>'
                    f'{_notes(kind, starting, idx)}</div>')
    return '<main class="rv-article">' + "".join(rows) + "</main>"


def _tone_swatch(colour: str) -> str:
    return html_tag("span", cls="rv-tsw", style=f"background:{colour}")


def _switch(layer: str, label: str, items: str, hide: tuple[str, ...]) -> str:
    box = f'<input type="checkbox" data-toggle="{layer}"{"" if layer in hide else " checked"}>'
    return html_tag("div", f"<label>{box} {esc(label)}</label><ul>{items}</ul>", cls="rv-layer")


def _legend(hide: tuple[str, ...]) -> str:
    """The layer switches, each with what its marks look like and mean."""
    out = ["<h3>Layers</h3>"]
    for layer, (label, rows) in STYLES.items():
        items = "".join(html_tag("li", html_tag("span", esc(word), cls=f"rv-sw rv-sw-{sw}") + esc(what)) for sw, _, _, word, what in rows)
        out.append(_switch(layer, label, items, hide))
    tone = "".join(map(_tone_swatch, ("rgba(213,94,0,.8)", "rgba(160,160,160,.25)", "rgba(0,114,178,.8)")))
    out.append(_switch("tone", "Sentence tone (left bar)", f"<li>{tone} negative · neutral · positive "
                       "(VADER compound; deeper is stronger)</li>", hide))
    voice = " ".join(_tone_swatch(c) + w for c, w in (("#ddd", "writer"), ("#56B4E9", "quoted"), ("#0072B2", "attributed")))
    out.append(_switch("notes", "Margin notes (right)", f"<li>sentence number, frames (primary in bold), tone, voice bar "
                       f"({voice}), attributions: source, cue · class · mode</li>", hide))
    return "".join(out)


def _numbers(report: dict) -> str:
    """The key numbers of ``metrics`` with what each means (hover), and the frames' shares."""
    m = report.get("metrics") or {}
    framing = report.get("framing") or {}
    quotes = " · ".join(f"{k} {fmt_num(m.get(f'quotes_{k}'))}" for k in ("direct", "partial", "scare", "title", "other"))
    if m.get("quotes_unbalanced"):
        quotes += f" (unbalanced {fmt_num(m['quotes_unbalanced'])})"
    tone = fmt_signed(m["tone_mean"]) if isinstance(m.get("tone_mean"), (int, float)) else "—"
    per_1k = "per 1,000 body words"
    rows = [
        ("Body words", fmt_num(m.get("body_words")), "words in body and standfirst sentences: the base of every rate"),
        ("Quotes", quotes, "quoted spans by kind"),
        ("Scare quotes / 1,000 words", fmt_num(m.get("scare_quotes_per_1k")), f"scare quotes {per_1k}"),
        ("Quoted words", fmt_num(m.get("quoted_word_share"), pct=True), "share of body words inside direct or partial quotes"),
        ("Writer's voice", fmt_num(m.get("writer_voice_share"), pct=True), "share of body words neither quoted nor attributed"),
        ("Attributions", f"{fmt_num(m.get('attributions'))} (named sources {fmt_num(m.get('named_sources'))})",
         "attributions found (source, cue, content), and distinct named sources"),
        ("Anonymous · agentless", f"{fmt_num(m.get('anonymous_attributions'))} · {fmt_num(m.get('agentless_attributions'))}",
         "attributions to an unnamed source · to no one (passive or impersonal hedge)"),
        ("Loaded cues", fmt_num(m.get("loaded_cue_share"), pct=True),
         "share of cues that are not neutral (truth, careful, doubt, culpability)"),
        ("Unsourced claims", fmt_num(m.get("unsourced_claims")),
         "figures, dates and superlatives in the writer's voice that no attribution covers"),
        ("Tone mean", tone, "mean VADER compound of body sentences (−1 to +1)"),
        ("Primary frame", esc(frame_label(framing["primary_frame"])) if framing.get("primary_frame") else "—",
         "the frame with the largest share of cue hits"),
        ("Loaded language / 1,000", fmt_num(m.get("loaded_language_per_1k")), per_1k),
        ("Hedges / 1,000", fmt_num(m.get("hedge_per_1k")), per_1k),
        ("Boosters / 1,000", fmt_num(m.get("booster_per_1k")), per_1k),
        ("Intensifiers / 1,000", fmt_num(m.get("intensifier_per_1k")), per_1k),
        ("Agentless passives / 1,000", fmt_num(m.get("agentless_passive_per_1k")), per_1k),
    ]
    out = ["<h3>Key numbers</h3>",
           html_tag("dl", "".join(html_tag("dt", esc(label), title=why) + html_tag("dd", value) for label, value, why in rows), cls="rv-nums")]
    frames = [f for f in framing.get("frames") or [] if isinstance(f.get("share"), (int, float))]
    if frames:
        top = max(f["share"] for f in frames) or 1
        bars = "".join(html_tag("li", html_tag("span", esc(frame_label(f.get("frame"))))
                            + html_tag("span", cls="b", style=f"width:{100 * f['share'] / top:.1f}%") + html_tag("span", f"{f['share']:.0%}"),
                            cls="p" if f.get("frame") == framing.get("primary_frame") else None,
                            title=f"{f.get('frame')}: {f.get('hits')} cue hits") for f in frames)
        out.append("<h3>Frames</h3>" + html_tag("ul", bars, cls="rv-bars"))
    return "".join(out)


def _table(title: str, head: tuple[str, ...], rows: list[tuple], numeric: set[int]) -> str:
    cells = ["".join(html_tag("th", esc(h)) for h in head)]
    cells += ["".join(html_tag("td", esc(v if v is not None else "—"), cls="n" if j in numeric else None) for j, v in enumerate(r))
              for r in rows]
    return f"<h3>{esc(title)}</h3>" + html_tag("table", "".join(html_tag("tr", c) for c in cells), cls="rv-tbl")


def _roster(report: dict) -> str:
    """Who speaks (the source roster) and who is talked about."""
    out = []
    sources = report.get("sources") or []
    if sources:
        rows = [(who_label(s), s.get("source_type"), s.get("attributions"), s.get("words"),
                 ", ".join(f"{k} {v}" for k, v in sorted((s.get("cue_classes") or {}).items()))) for s in sources]
        out.append(_table("Who speaks", ("Source", "Type", "Attr.", "Words", "Cues"), rows, {2, 3}))
    about = report.get("talked_about") or []
    if about:
        rows = [(t.get("actor"), t.get("type"), t.get("mentions"), t.get("attributions")) for t in about[:12]]
        out.append(_table("Talked about", ("Actor", "Type", "Mentions", "Speaks"), rows, {2, 3}))
    return "".join(out)


def _top(report: dict) -> str:
    """The metadata line; the title too when the text has no headline of its own."""
    a = report.get("article") or {}
    bits = [f"<b>{esc(a.get('publisher') or 'Reading view')}</b>"]
    if a.get("published"):
        bits.append(esc(a["published"]))
    if a.get("bylines"):
        bits.append("by " + esc(", ".join(map(str, a["bylines"]))))
    if a.get("syndicated_by"):
        bits.append("syndicated by " + esc(", ".join(map(str, a["syndicated_by"]))))
    if a.get("photo_credits"):
        bits.append("photos " + esc("; ".join(map(str, a["photo_credits"]))))
    title = ""
    if a.get("title") and not any(p.get("kind") == "headline" for p in a.get("paragraphs") or []):
        title = html_tag("div", esc(a["title"]), cls="rv-title", title="the article's title (from its metadata, not in its text)")
    return '<header class="rv-top">' + " · ".join(bits) + title + "</header>"


def _about(report: dict) -> str:
    inp, gen = report.get("input") or {}, report.get("generator") or {}
    lines = [f"Schema {report.get('schema')}; {gen.get('name', '?')} {gen.get('version', '')}".strip()]
    if inp.get("path"):
        lines.append(f"Input {inp['path']} ({inp.get('format') or '?'}), sha256 {str(inp.get('sha256') or '')[:12]}")
    lines.append("Every mark is an exact span of the article text; hover for the rule behind it. "
                 "Open with #hide=frame,device in the address to start with layers off.")
    return '<h3>About</h3><div class="rv-about">' + "<br>".join(esc(x) for x in lines) + "</div>"


def _css() -> str:
    rules = [asset("reading_view.css")]
    for layer, (_, rows) in STYLES.items():
        for sw, sel, decl, _, _ in rows:
            rules.append(f".rv .rv-text [data-layer={layer}]{sel},.rv .rv-sw-{sw}{{{decl}}}")
    for layer in LAYERS:
        rules.append(f".rv:has(input[data-toggle={layer}]:not(:checked)) .rv-text [data-layer={layer}]{{{RESET}}}")
        rules.append(f".rv[data-hide~={layer}] .rv-text [data-layer={layer}]{{{RESET}}}")
    for sel in (".rv:has(input[data-toggle=tone]:not(:checked))", ".rv[data-hide~=tone]"):
        rules.append(f"{sel} .rv-tone i{{background:none!important}}")
    for sel in (".rv:has(input[data-toggle=notes]:not(:checked))", ".rv[data-hide~=notes]"):
        rules.append(f"{sel} .rv-notes{{visibility:hidden}}")
    return "\n".join(r.strip() for r in rules)


def _json_script(report: dict) -> str:
    data = json.dumps(report, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, safe in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        data = data.replace(raw, safe)
    return f'<script type="application/json" class="rv-report">{data}</script>'


def _fragment(report: dict, hide: tuple[str, ...], *, style: bool) -> str:
    marks = collect_marks(report)
    hidden = " ".join(h for h in hide if h in LAYERS + ("tone", "notes"))
    return "".join([
        f"<style>{_css()}</style>" if style else "",
        f'<div class="rv" data-hide="{esc(hidden)}">', _top(report), '<div class="rv-layout">', _article(report, marks),
        '<aside class="rv-side">', _legend(hide),
        '<h3 class="rv-pointer">Under the pointer</h3><div class="rv-detail">Point at a marked word.</div>',
        _numbers(report), _roster(report), portrayal_panel(report), _about(report),
        '<output class="rv-status" hidden></output></aside></div>',
        f"<script>{asset('reading_view.js')}</script></div>",
    ])


def render_html(report: dict, *, hide: tuple[str, ...] = ()) -> str:
    """The reading view as one self-contained HTML page (it loads nothing from anywhere).

    ``hide``: layers switched off when the page opens (quote, attribution, claim, device,
    frame, tone, notes); the reader can switch them back on. The report itself is embedded
    as ``<script type="application/json" class="rv-report">`` (``<``, ``>``, ``&`` escaped).
    """
    title = (report.get("article") or {}).get("title") or "Article"
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
            f"<title>{esc(title)} · reading view</title><style>body{{margin:0;background:#fcfbf8}}\n{_css()}</style></head>"
            f"<body>{_fragment(report, hide, style=False)}{_json_script(report)}</body></html>\n")


def write_html(report: dict, path: str | Path, *, hide: tuple[str, ...] = ()) -> Path:
    """Write :func:`render_html` to ``path`` (UTF-8) and return the path."""
    path = Path(path)
    path.write_text(render_html(report, hide=hide), encoding="utf-8")
    return path


class ReadingView:
    """The reading view in a notebook: ``ReadingView(report)`` as a cell's last line.

    Jupyter shows ``_repr_html_``: the same view as :func:`render_html` as a fragment whose
    styles are scoped to ``.rv`` (the layer switches work without the script, which trusted
    notebooks run for the details under the pointer).
    """

    def __init__(self, report: dict, *, hide: tuple[str, ...] = ()):
        self.report = report
        self.hide = tuple(hide)

    def _repr_html_(self) -> str:
        return _fragment(self.report, self.hide, style=True)

    def to_html(self) -> str:
        return render_html(self.report, hide=self.hide)

    def write(self, path: str | Path) -> Path:
        return write_html(self.report, path, hide=self.hide)
