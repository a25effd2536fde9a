"""The portrayal panel of the reading view: who the article casts as perpetrator, enabler,
victim or benefactor, and the events behind each role, each linked to its sentence.

Read from the report's ``portrayal.actors`` alone (schema ``analysis-report/1``; the rules
that make it are in :mod:`analysis.measures.sentiment.portrayal`), with the harm metrics
(``harm_events``, the writer's share with a named agent, the agentless share; rules in
:mod:`analysis.report.metrics`) at the top when the report has them. One block per actor in the
report's order (first mentioned first): its name, type, role with confidence, the coarse name
of SemEval-2025 Task 10, its counts over all voices (per voice on hover), and a table of its
events: verb, relation, effect, voice. Each event's verb links to ``#rv-s<N>``, the ``id`` the
reading view gives the first piece of sentence ``N`` (:func:`sentence_id`); its ``title`` holds
the evidence, ``text[start:end]``. An event whose sentence is not on the page has no link.
Actors with a role are open; neutral ones are folded (``<details>``, no script needed).

The rules of :mod:`analysis.outputs.reading_view` hold here: everything from the report is
escaped, nothing is loaded (the links stay inside the page), the same report gives the same
bytes.
"""
from __future__ import annotations

from analysis.outputs.reading_marks import esc, fmt_num, html_tag, span_of

EFFECT_LABELS = {"harm_done": "harm done", "harm_suffered": "harm suffered", "help_given": "help given",
                 "help_received": "help received", "enables_harm": "enables harm", "power": "power"}
ROLE_MEANING = {
    "perpetrator": "does harm most (harm done is its largest role count)",
    "enabler": "helps someone who harms most (enables harm is its largest role count)",
    "victim": "suffers harm most (harm suffered is its largest role count)",
    "benefactor": "helps most (help given is its largest role count)",
    "neutral": "no role events, or roles of opposite sides as often",
}
_VOICES = ("writer", "quoted", "attributed")


def sentence_id(index) -> str:
    """The element id of sentence ``index`` in the reading view (on its first piece)."""
    return f"rv-s{index}"


def page_sentences(report: dict) -> dict[int, tuple[int, int]]:
    """The sentences the reading view draws (and so gives an id), by index: those with a valid span."""
    article = report.get("article") or {}
    n = len(article.get("text") or "")
    return {s["index"]: sp for s in article.get("sentences") or []
            if isinstance(s.get("index"), int) and (sp := span_of((s.get("start"), s.get("end")), n))}


def _confidence(value) -> str:
    return f"{value:.2f}" if isinstance(value, (int, float)) and not isinstance(value, bool) else "—"


def _totals(counts: dict) -> dict[str, int]:
    out = dict.fromkeys(EFFECT_LABELS, 0)
    for by_effect in (counts or {}).values():
        for effect, k in (by_effect or {}).items():
            if effect in out and isinstance(k, int):
                out[effect] += k
    return out


def _counts_line(counts: dict) -> str:
    """The non-zero counts over all voices; the title gives them per voice."""
    totals = _totals(counts)
    shown = " · ".join(f"{EFFECT_LABELS[e]} {k}" for e, k in totals.items() if k) or "no events"
    per_voice = []
    for voice in sorted(counts or {}, key=lambda v: (_VOICES.index(v) if v in _VOICES else 9, str(v))):
        cells = ", ".join(f"{EFFECT_LABELS.get(e, e)} {k}" for e, k in (counts[voice] or {}).items() if k)
        per_voice.append(f"{voice}: {cells or 'none'}")
    return html_tag("div", esc(shown), cls="rv-pc", title="Counts by voice\n" + "\n".join(per_voice))


def _event_row(event: dict, text: str, on_page: dict[int, tuple[int, int]]) -> str:
    verb = esc(event.get("verb") or "?")
    if event.get("enabled"):
        verb += " " + html_tag("span", "→ " + esc(event["enabled"]), cls="rv-pe")
    sp = span_of((event.get("start"), event.get("end")), len(text))
    sentence = event.get("sentence")
    evidence = f"“{text[sp[0]:sp[1]]}”" if sp else "(no evidence span)"
    if isinstance(sentence, int) and sentence in on_page:
        a, b = on_page[sentence]
        whole = " ".join(text[a:b].split())
        title = (f"Evidence: {evidence}\nSentence {sentence}: {whole[:300] + ('…' if len(whole) > 300 else '')}"
                 + ("\nEnabling read across sentences: the one helped does harm elsewhere in the article"
                    if event.get("link") == "article" else ""))
        cell = html_tag("a", verb, cls="rv-ev", href="#" + sentence_id(sentence), data_sentence=sentence,
                        data_start=sp[0] if sp else None, data_end=sp[1] if sp else None, title=title)
    else:
        cell = html_tag("span", verb, title=f"Not in a sentence of the page: {evidence}")
    effect = event.get("effect") or "?"
    cells = [cell, esc(event.get("relation") or "?"),
             html_tag("span", esc(EFFECT_LABELS.get(effect, effect)), cls=f"rv-ef rv-ef-{esc(effect)}"),
             esc(event.get("voice") or "writer")]
    return html_tag("tr", "".join(html_tag("td", c) for c in cells))


def _actor(actor: dict, text: str, on_page: dict[int, tuple[int, int]]) -> str:
    role = actor.get("role") or "neutral"
    role_cls = role if role in ROLE_MEANING else "neutral"
    coarse = f" ({esc(actor['coarse_role'])})" if actor.get("coarse_role") else ""
    badge = html_tag("span", esc(role) + coarse, cls=f"rv-role rv-role-{role_cls}",
                     title=f"Main role: {ROLE_MEANING.get(role, role)}; confidence = largest role count / (role events + 2)")
    summary = (html_tag("b", esc(actor.get("actor") or "?")) + " " + html_tag("span", esc(actor.get("type") or ""), cls="rv-pt")
               + " " + badge + " " + html_tag("span", _confidence(actor.get("confidence")), cls="rv-pcf", title="confidence (0 to 1)"))
    events = [e for e in actor.get("events") or [] if isinstance(e, dict)]
    body = _counts_line(actor.get("counts") or {})
    if events:
        head = "".join(html_tag("th", h) for h in ("Verb", "Relation", "Effect", "Voice"))
        body += html_tag("table", html_tag("tr", head) + "".join(_event_row(e, text, on_page) for e in events), cls="rv-tbl rv-pev")
    descriptions = [d for d in actor.get("descriptions") or [] if isinstance(d, dict) and d.get("text")]
    if descriptions:
        words = "; ".join(esc(d["text"]) + (f" ({esc(d['tone'])})" if d.get("tone") else "") for d in descriptions)
        body += html_tag("div", "described as: " + words, cls="rv-pd")
    opened = " open" if role != "neutral" else ""
    return f'<details class="rv-pa"{opened}><summary>{summary}</summary>{body}</details>'


def portrayal_panel(report: dict) -> str:
    """The panel's HTML (empty when the report has no portrayal: made without the parse)."""
    actors = [a for a in (report.get("portrayal") or {}).get("actors") or [] if isinstance(a, dict)]
    if not actors:
        return ""
    text = (report.get("article") or {}).get("text") or ""
    on_page = page_sentences(report)
    intro = html_tag("div", "What each actor does and suffers, read from the parse with the connotation lexicon. "
                     "Click a verb to go to its sentence; hover it for the evidence.", cls="rv-about")
    return ('<h3 class="rv-por-h">Portrayal</h3><div class="rv-por">' + intro + _harm_numbers(report.get("metrics") or {})
            + "".join(_actor(a, text, on_page) for a in actors) + "</div>")


def _harm_numbers(m: dict) -> str:
    """The report's harm metrics (``harm_*``, see ``docs/report.md``), when it has them."""
    if not isinstance(m.get("harm_events"), int):
        return ""
    rows = [("Harm events", f"{fmt_num(m.get('harm_events'))} (writer {fmt_num(m.get('harm_events_writer'))})",
             "harm predicates with a portrayed participant (writer: in the writer's voice)"),
            ("Named agent (writer)", fmt_num(m.get("harm_named_agent_share_writer"), 0, pct=True),
             "share of the writer's harm events whose doer is a named actor"),
            ("Agentless", fmt_num(m.get("harm_agentless_share"), 0, pct=True),
             "share of harm events with no doer read (passive without by-agent, nominalisation without possessor)")]
    return html_tag("dl", "".join(html_tag("dt", esc(k), title=why) + html_tag("dd", v) for k, v, why in rows), cls="rv-nums")
