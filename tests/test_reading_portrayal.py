"""The reading view's portrayal panel (``analysis.outputs.reading_portrayal``): each actor, its
role and confidence, its events linked to their sentences; escaped; inside the page."""
from __future__ import annotations

import json

import pytest
from test_html_view import SEED, Page, analyse, browse, check_marks, chromium

from analysis.outputs.reading_portrayal import portrayal_panel, sentence_id
from analysis.outputs.reading_view import ReadingView, render_html, write_html


@pytest.fixture(scope="module")
def report() -> dict:
    return analyse(SEED)


@pytest.fixture(scope="module")
def parsed(report) -> Page:
    return Page(render_html(report))


def _panel(parsed: Page) -> list[dict]:
    """The elements inside the portrayal panel (after its heading), in page order."""
    first = next(i for i, e in enumerate(parsed.elements) if "rv-por" in (e["attrs"].get("class") or "").split())
    return parsed.elements[first:]


def test_every_event_link_goes_to_its_sentence_on_the_page(report, parsed):
    ids = [e["attrs"]["id"] for e in parsed.elements if "id" in e["attrs"]]
    assert len(ids) == len(set(ids)), "an id is used twice"
    by_id = {e["attrs"]["id"]: e for e in parsed.elements if "id" in e["attrs"]}
    links = [e for e in parsed.elements if e["tag"] == "a"]
    events = [e for a in report["portrayal"]["actors"] for e in a["events"]]
    assert events and len(links) == len(events)  # every seed event is in a sentence
    text = report["article"]["text"]
    for link, event in zip(links, events):
        target = by_id[link["attrs"]["href"][1:]]
        assert "rv-s" in target["attrs"]["class"].split()
        assert target["attrs"]["data-sentence"] == link["attrs"]["data-sentence"] == str(event["sentence"])
        assert int(target["attrs"]["data-start"]) <= event["start"]  # the sentence the event starts in
        assert text[event["start"]:event["end"]] in link["attrs"]["title"]
        assert "".join(link["text"]).startswith(event["verb"])


def test_each_actor_is_listed_with_its_role_and_confidence(report, parsed):
    summaries = ["".join(e["text"]) for e in _panel(parsed) if e["tag"] == "summary"]
    actors = report["portrayal"]["actors"]
    assert len(summaries) == len(actors)
    for summary, actor in zip(summaries, actors):
        assert summary.startswith(actor["actor"]) and actor["role"] in summary
        assert f"{actor['confidence']:.2f}" in summary
    opened = ["open" in e["attrs"] for e in _panel(parsed) if e["tag"] == "details"]
    assert opened == [a["role"] != "neutral" for a in actors] and any(opened) and not all(opened)


def test_the_panel_leaves_the_article_marks_exact(report):
    check_marks(render_html(report), report)


def _tiny(actor: str, verb: str, sentence: int = 0) -> dict:
    text = "Gunmen beat the editors. They fled."
    return {"schema": "analysis-report/1",
            "article": {"text": text, "sentences": [{"index": 0, "start": 0, "end": 24}, {"index": 1, "start": 25, "end": 35}]},
            "portrayal": {"actors": [{
                "actor": actor, "type": "group<b>", "role": "perpetrator", "confidence": 0.333, "coarse_role": "antagonist",
                "counts": {"writer": {"harm_done": 1}},
                "events": [{"verb": verb, "relation": "subject", "effect": "harm_done", "voice": "writer",
                            "start": 0, "end": 10, "sentence": sentence, "enabled": "", "link": ""}],
                "descriptions": [{"text": "<i>armed</i>", "kind": "amod", "start": 0, "end": 6, "tone": "", "cue": ""}]}]},
            "metrics": {}}


def test_actor_text_is_escaped():
    page = render_html(_tiny('<img src=x onerror="alert(1)">&Co', "<script>beat</script>"))
    parsed = Page(page)
    for bad in ("<img", "<script>beat", "group<b>", "<i>armed"):
        assert bad not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;Co" in page and "group&lt;b&gt;" in page
    summary = next(e for e in parsed.elements if e["tag"] == "summary")
    assert "".join(summary["text"]).startswith('<img src=x onerror="alert(1)">&Co')  # shown as text
    assert not [k for e in parsed.elements for k in e["attrs"] if k.startswith("on")]


def test_an_event_outside_the_page_sentences_has_no_link():
    parsed = Page(render_html(_tiny("gunmen", "beat", sentence=7)))
    assert not [e for e in parsed.elements if e["tag"] == "a"]
    assert any("".join(e["text"]) == "beat" for e in parsed.elements if e["tag"] == "span")
    linked = Page(render_html(_tiny("gunmen", "beat")))
    (link,) = [e for e in linked.elements if e["tag"] == "a"]
    assert link["attrs"]["href"] == "#" + sentence_id(0) and "Gunmen beat" in link["attrs"]["title"]
    assert sum(e["attrs"].get("id") == sentence_id(0) for e in linked.elements) == 1


def test_no_portrayal_no_panel():
    rep = _tiny("gunmen", "beat")
    rep["portrayal"] = {}
    assert portrayal_panel(rep) == "" and "class=\"rv-por\"" not in render_html(rep)


def test_same_report_same_panel_and_the_notebook_view_has_it(report):
    assert portrayal_panel(report) == portrayal_panel(json.loads(json.dumps(report)))
    assert portrayal_panel(report) in ReadingView(report)._repr_html_()


@pytest.mark.slow
def test_following_an_event_link_lights_its_sentence(tmp_path, report):
    binary = chromium()
    page = write_html(report, tmp_path / "seed.html")
    event = next(e for a in report["portrayal"]["actors"] for e in a["events"] if e["effect"] == "harm_suffered")
    dom = browse(binary, tmp_path / "p", page.as_uri() + "#" + sentence_id(event["sentence"]), "--dump-dom")
    lit = {e["attrs"]["data-sentence"] for e in Page(dom).elements if "rv-hit" in (e["attrs"].get("class") or "").split()}
    assert lit == {str(event["sentence"])}


def test_the_panel_shows_the_harm_metrics_when_the_report_has_them(report):
    m = report["metrics"]
    panel = portrayal_panel(report)
    assert f"{m['harm_events']} (writer {m['harm_events_writer']})" in panel
    assert f"{100 * m['harm_agentless_share']:.0f} %" in panel
    assert "Harm events" not in portrayal_panel(_tiny("gunmen", "beat"))  # no harm metrics in that report
