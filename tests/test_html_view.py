"""The reading view: exact, properly nested marks, escaping, determinism, the command, a browser.

The browser test drives headless Chromium from Debian's ``chromium`` package (installed with
apt-get when missing and we are root; skipped with a message otherwise) with ``--dump-dom``
and ``--screenshot`` only: no driver, no download.
"""
from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import types
from html.parser import HTMLParser
from pathlib import Path

import pytest

from analysis.cli.html import main
from analysis.outputs.reading_view import LAYERS, ReadingView, asset, render_html, write_html

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_8b45763ab15ca29f.txt"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
HOSTILE = """Officials “deny” the <script>alert(1)</script> plan

By Eve <b>Bold</b>

The minister said <img src=x onerror=alert(2)> was “so-called <i>aid</i>” & more, apparently.

“We will never accept </textarea><script>alert(3)</script> this,” the minister said on Friday.

Around 150 firms & 3 <iframe src="javascript:alert(4)"> agencies were found to have failed.
"""


class Page(HTMLParser):
    """Every element with its text, and the article offsets its text covers (strict nesting)."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[dict] = []
        self.stack: list[dict] = []
        self.pos = 0
        self.blocks: list[dict] = []
        self.feed(page)
        self.close()
        assert not [e for e in self.stack if e["tag"] not in {"html", "body"}], "unclosed elements"

    def in_text(self) -> bool:
        return any("rv-text" in (e["attrs"].get("class") or "").split() for e in self.stack)

    def handle_starttag(self, tag, attrs):
        rec = {"tag": tag, "attrs": dict(attrs), "text": [], "first": self.pos, "last": None}
        self.elements.append(rec)
        if "rv-text" in (rec["attrs"].get("class") or "").split():
            self.blocks.append(rec)
        if tag in VOID:
            rec["last"] = self.pos
        else:
            self.stack.append(rec)

    def handle_startendtag(self, tag, attrs):
        self.elements.append({"tag": tag, "attrs": dict(attrs), "text": [], "first": self.pos, "last": self.pos})

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1]["tag"] == tag, f"</{tag}> closes <{self.stack[-1]['tag'] if self.stack else None}>"
        self.stack.pop()["last"] = self.pos

    def handle_data(self, data):
        inside = self.in_text()
        for rec in self.stack:
            rec["text"].append(data)
        if inside:
            self.pos += len(data)

    def marks(self) -> list[dict]:
        return [e for e in self.elements if "data-layer" in e["attrs"]]


def check_marks(page: str, report: dict) -> Page:
    """Every mark's pieces join to exactly text[start:end], in order, at the right offsets."""
    text = report["article"]["text"]
    parsed = Page(page)
    assert "".join("".join(b["text"]) for b in parsed.blocks) == text
    for b in parsed.blocks:
        assert b["first"] == int(b["attrs"]["data-start"]) and b["last"] == int(b["attrs"]["data-end"])
    groups: dict[str, list[dict]] = {}
    for e in parsed.marks():
        a = e["attrs"]
        assert a["data-layer"] in LAYERS and a["data-kind"] and a.get("title")
        groups.setdefault(a["data-id"], []).append(e)
    for pieces in groups.values():
        first = pieces[0]["attrs"]
        start, end = int(first["data-start"]), int(first["data-end"])
        assert "".join("".join(p["text"]) for p in pieces) == text[start:end]
        at = start
        for k, p in enumerate(pieces, 1):  # contiguous pieces, each at its own offsets
            assert {x: y for x, y in p["attrs"].items() if x != "data-part"} == \
                   {x: y for x, y in first.items() if x != "data-part"}
            assert p["attrs"].get("data-part") == (f"{k}/{len(pieces)}" if len(pieces) > 1 else None)
            assert p["first"] == at < p["last"] and "".join(p["text"]) == text[p["first"]:p["last"]]
            at = p["last"]
        assert at == end
    return parsed


def fake_target_sentiment(monkeypatch) -> None:
    """A stand-in for ``analysis.measures.sentiment.targets`` while it does not exist yet."""
    if importlib.util.find_spec("analysis.measures.sentiment.targets") is not None:
        return

    class Result:
        label = "neutral"
        probabilities = {"negative": 0.2, "neutral": 0.6, "positive": 0.2}

    module = types.ModuleType("analysis.measures.sentiment.targets")
    module.score_targets = lambda items: [Result() for _ in items]
    monkeypatch.setitem(sys.modules, "analysis.measures.sentiment.targets", module)


def analyse(path: Path) -> dict:
    from analysis.report import analyse_file

    with pytest.MonkeyPatch.context() as mp:
        fake_target_sentiment(mp)
        return json.loads(analyse_file(path).to_json())


@pytest.fixture(scope="module")
def report() -> dict:
    return analyse(SEED)


@pytest.fixture(scope="module")
def page(report) -> str:
    return render_html(report)


def synthetic() -> dict:
    """A two-paragraph article whose marks cross each other, a sentence and a paragraph."""
    text = "Alpha said “beta gamma” delta.\n\nEpsilon zeta eta."
    at = text.index
    q = (at("“"), at("”") + 1)
    p2 = at("Epsilon")
    return {
        "schema": "analysis-report/1",
        "article": {
            "text": text, "title": "T", "segments": [{"kind": "body", "start": 0, "end": p2 - 2}, {"kind": "body", "start": p2, "end": len(text)}],
            "paragraphs": [{"index": 0, "start": 0, "end": p2 - 2, "kind": "body"}, {"index": 1, "start": p2, "end": len(text), "kind": "body"}],
            "sentences": [{"index": 0, "paragraph": 0, "segment": "body", "start": 0, "end": p2 - 2},
                          {"index": 1, "paragraph": 1, "segment": "body", "start": p2, "end": len(text)}],
        },
        "quotes": [{"text": "beta gamma", "start": q[0], "end": q[1], "kind": "direct", "balanced": True, "speaker": "Alpha",
                    "cue": "said", "reason": "a statement with the cue 'said'"}],
        "attributions": [{"source": "Alpha", "source_span": [0, 5], "source_type": "person", "cue": "said", "cue_span": [6, 10],
                          "cue_class": "neutral", "mode": "direct", "content_spans": [list(q)], "sentence": 0, "rule": "source before the cue"}],
        "unsourced_claims": [{"sentence": 0, "start": at("delta"), "end": at("zeta") + 4, "text": "", "kind": "count", "hedged": False}],
        "framing": {
            "sentences": [{"sentence": 0, "frames": ["Economic"], "primary": "Economic",
                           "cues": [{"frame": "Economic", "start": at("gamma"), "end": at("delta") + 5, "text": "", "entry": "gamma delta"},
                                    {"frame": "Political", "start": at("beta"), "end": at("beta") + 4, "text": "beta", "entry": "beta"}]}],
            "devices": {"hedge": [{"start": at("gamma"), "end": at("delta") + 5, "text": "", "voice": "writer", "rule": "gamma"}],
                        "scare_quote": [{"start": q[0], "end": q[1], "text": "", "voice": "writer", "rule": "x"}]},
        },
        "metrics": {},
    }


def test_overlapping_and_nested_spans_are_split_and_exact():
    rep = synthetic()
    parsed = check_marks(render_html(rep), rep)
    parts = {}
    for e in parsed.marks():
        parts.setdefault((e["attrs"]["data-layer"], e["attrs"]["data-kind"]), []).append(e)
    assert len(parts[("device", "hedge")]) == 2  # crosses the end of the quote
    assert len(parts[("frame", "Economic")]) == 2
    assert len(parts[("claim", "count")]) >= 2  # crosses a sentence and a paragraph
    assert len(parts[("quote", "direct")]) == 1 and len(parts[("frame", "Political")]) == 1
    assert ("device", "scare_quote") not in parts  # drawn once, as the quote
    quote = parts[("quote", "direct")][0]
    beta = parts[("frame", "Political")][0]
    assert quote["first"] <= beta["first"] and beta["last"] <= quote["last"]
    roles = sorted(e["attrs"]["data-role"] for e in parsed.marks() if e["attrs"]["data-layer"] == "attribution")
    assert roles == ["content", "cue", "source"]


@pytest.mark.parametrize("report", [
    {"schema": "analysis-report/1", "article": {"text": "Only text, no sections."}},
    {"schema": "analysis-report/1", "article": {"text": "Bad spans here.", "paragraphs": [{"start": 5, "end": 99, "kind": "body"}],
                                                "sentences": [{"index": 0, "start": -4, "end": 3}]},
     "quotes": [{"start": 3, "end": 2, "kind": "scare"}, {"start": 0, "end": 400, "kind": "direct"}, {"start": "x", "end": None}],
     "attributions": [{"source_span": [1], "cue_span": None, "content_spans": [[2, 9]]}],
     "framing": {"devices": {"hedge": [{"start": 0, "end": 4}]}, "sentences": [{"cues": [{}]}]}, "metrics": {"body_words": 3}},
])
def test_thin_or_broken_reports_still_render(report):
    """A report with empty sections or spans out of range renders what it can, text intact."""
    check_marks(render_html(report), report)


def test_seed_marks_are_exact(report, page):
    check_marks(page, report)


def test_page_loads_nothing(page):
    parsed = Page(page)
    assert not [e for e in parsed.elements if {"src", "srcset", "data", "action"} & set(e["attrs"])]
    # the only links are the portrayal panel's, each to an element of this very page
    ids = {e["attrs"]["id"] for e in parsed.elements if "id" in e["attrs"]}
    links = [e for e in parsed.elements if "href" in e["attrs"]]
    assert links and all(e["tag"] == "a" for e in links)
    assert all(e["attrs"]["href"].startswith("#") and e["attrs"]["href"][1:] in ids for e in links)
    assert {e["tag"] for e in parsed.elements}.isdisjoint({"link", "img", "iframe", "object", "embed", "base", "form"})
    css = "".join("".join(e["text"]) for e in parsed.elements if e["tag"] == "style")
    assert "url(" not in css and "@import" not in css and "@font-face" not in css


def test_every_quote_and_layer_is_marked(report, page):
    marks = Page(page).marks()
    spans = {(e["attrs"]["data-layer"], e["attrs"]["data-kind"], int(e["attrs"]["data-start"]), int(e["attrs"]["data-end"])) for e in marks}
    assert report["quotes"]
    for q in report["quotes"]:
        assert ("quote", q["kind"], q["start"], q["end"]) in spans
    for c in report["unsourced_claims"]:
        assert ("claim", c["kind"], c["start"], c["end"]) in spans
    for kind, devices in report["framing"]["devices"].items():
        for d in devices if kind != "scare_quote" else []:
            assert ("device", kind, d["start"], d["end"]) in spans
    assert {e["attrs"]["data-layer"] for e in marks} == set(LAYERS)
    agentless = [e for e in marks if e["attrs"].get("data-source-type") == "agentless" and e["attrs"]["data-role"] == "cue"]
    assert agentless and all(e["attrs"]["data-kind"] == "hedge" for e in agentless)
    scare = next(e for e in marks if e["attrs"]["data-kind"] == "scare")
    assert "Why: no source or reporting cue" in scare["attrs"]["title"]


def test_same_report_same_bytes(tmp_path, report, page):
    assert render_html(report) == page
    path = tmp_path / "r.json"
    path.write_text(json.dumps(report), encoding="utf-8")
    code = ("import json,sys;from analysis.outputs.reading_view import render_html;"
            "sys.stdout.buffer.write(render_html(json.load(open(sys.argv[1]))).encode())")
    outs = [subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "999")]
    assert outs[0] == outs[1] == page.encode()


def test_hostile_article_runs_nothing(tmp_path):
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    rep = analyse(path)
    assert "<script>" in rep["article"]["text"]
    page = render_html(rep)
    check_marks(page, rep)
    parsed = Page(page)
    tags = {e["tag"] for e in parsed.elements}
    assert tags <= {"html", "head", "meta", "title", "style", "body", "div", "header", "main", "aside", "span", "p", "h1", "h2",
                    "h3", "i", "b", "em", "label", "input", "ul", "li", "dl", "dt", "dd", "table", "tr", "th", "td", "output",
                    "script", "br", "a", "details", "summary"}, tags
    assert not [e for e in parsed.elements if e["tag"] == "a" and not e["attrs"].get("href", "").startswith("#rv-s")]
    assert not [k for e in parsed.elements for k in e["attrs"] if k.startswith("on")]
    scripts = [e for e in parsed.elements if e["tag"] == "script"]
    assert ["".join(s["text"]) for s in scripts if "type" not in s["attrs"]] == [asset("reading_view.js")]
    data = [s for s in scripts if "type" in s["attrs"]]
    assert [s["attrs"]["type"] for s in data] == ["application/json"]
    raw = page[page.index('class="rv-report">'):]
    raw = raw[raw.index(">") + 1:raw.index("</script>")]
    assert "<" not in raw and ">" not in raw and "&" not in raw
    assert json.loads(raw) == rep
    for bad in ("<script>alert", "<img", "<iframe", "</textarea", "<b>Bold", "<i>aid"):
        assert bad not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # shown as text


def test_reading_view_in_a_notebook(report, page):
    fragment = ReadingView(report)._repr_html_()
    assert fragment.startswith("<style>") and "<html" not in fragment and "<body" not in fragment
    css = fragment[len("<style>"):fragment.index("</style>")]
    selectors = [sel.strip() for head in re.findall(r"([^{}]+)\{", css) if not head.strip().startswith("@media")
                 for sel in head.split(",")]
    assert selectors and all(sel.startswith(".rv") for sel in selectors), "styles leak out of the view"
    marks = lambda html: sorted((e["attrs"]["data-id"], "".join(e["text"])) for e in Page(html).marks())  # noqa: E731
    assert marks(fragment) == marks(page)


def test_write_html(tmp_path, report, page):
    out = write_html(report, tmp_path / "seed.html")
    assert out == tmp_path / "seed.html" and out.read_text(encoding="utf-8") == page


def test_cli_writes_pages_and_reports_failures(tmp_path, report, capsys, monkeypatch):
    fake_target_sentiment(monkeypatch)
    rep = tmp_path / "in" / "seed-report.json"
    rep.parent.mkdir()
    rep.write_text(json.dumps(report), encoding="utf-8")
    other = tmp_path / "in" / "other-schema.json"
    other.write_text(json.dumps({"schema": "analysis-report/9", "article": {"text": "x"}}), encoding="utf-8")
    out = tmp_path / "new" / "dir"
    code = main(["html", str(rep), str(SEED), str(tmp_path / "missing.txt"), str(other), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    assert "missing.txt: no such file" in err and "unsupported report schema 'analysis-report/9'" in err
    assert (out / "seed-report.html").read_text(encoding="utf-8") == render_html(report)
    assert (out / "000_8b45763ab15ca29f.html").is_file()
    assert not (out / "other-schema.html").exists() and not (out / "missing.html").exists()
    monkeypatch.chdir(tmp_path)
    assert main(["html", str(rep)]) == 0 and (tmp_path / "seed-report.html").is_file()
    twin = tmp_path / "twin" / "seed-report.json"
    twin.parent.mkdir()
    twin.write_text(json.dumps(report), encoding="utf-8")
    capsys.readouterr()
    assert main(["html", str(rep), str(twin), "--out", str(tmp_path / "o")]) == 1
    assert "another input already wrote" in capsys.readouterr().err


def test_cli_usage_errors_exit_2(capsys):
    for argv in (["html"], ["html", "x.txt", "--format", "pdf"], ["html", "x.txt", "--bogus"]):
        with pytest.raises(SystemExit) as exc:
            main(argv)
        assert exc.value.code == 2
    assert main(["html", "x.txt", "--aliases", "/nonexistent/aliases.tsv"]) == 2


# The browser test ---------------------------------------------------------------------

def chromium() -> str:
    found = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if found:
        return found
    if os.name != "posix" or os.geteuid() != 0 or not shutil.which("apt-get"):
        pytest.skip("headless Chromium is absent and cannot be installed here (needs root and apt-get): "
                    "install Debian's 'chromium' package to run the browser test")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-q", "chromium"]
    if subprocess.run(install, capture_output=True, env=env, timeout=900).returncode != 0:
        subprocess.run(["apt-get", "update", "-q"], capture_output=True, env=env, timeout=900)
        proc = subprocess.run(install, capture_output=True, text=True, env=env, timeout=900)
        if proc.returncode != 0:
            pytest.skip(f"apt-get install chromium failed: {proc.stderr.strip()[-300:]}")
    return shutil.which("chromium") or "/usr/bin/chromium"


def browse(binary: str, profile: Path, url: str, *args: str) -> str:
    proc = subprocess.run(
        [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
         "--hide-scrollbars", f"--user-data-dir={profile}", *args, url],
        capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def yellow_pixels(png: Path) -> tuple[int, float]:
    """The number of scare-quote yellow pixels and the share of pixels that are not near white."""
    from matplotlib.image import imread

    img = imread(png)[..., :3]
    yellow = (img[..., 0] > 0.88) & (img[..., 1] > 0.84) & (img[..., 2] < 0.55)
    ink = (img < 0.9).any(axis=-1)
    return int(yellow.sum()), float(ink.mean())


@pytest.mark.slow
def test_in_a_browser(tmp_path, report):
    binary = chromium()
    page = write_html(report, tmp_path / "seed.html")
    url = page.as_uri()
    status = lambda dom: next(e for e in Page(dom).elements if "rv-status" in (e["attrs"].get("class") or ""))  # noqa: E731

    dom = browse(binary, tmp_path / "p1", url, "--dump-dom")
    st = status(dom)["attrs"]
    assert st.get("data-ready") == "1", "the page's script did not run"
    assert int(st["data-quote"]) == len(report["quotes"])
    assert st["data-shown"].split() == list(LAYERS) and st["data-hidden"] == ""
    marked = {(int(e["attrs"]["data-start"]), int(e["attrs"]["data-end"])) for e in Page(dom).marks() if e["attrs"]["data-layer"] == "quote"}
    assert {(q["start"], q["end"]) for q in report["quotes"]} == marked

    dom = browse(binary, tmp_path / "p2", url + "#hide=quote,frame", "--dump-dom")
    st = status(dom)["attrs"]
    assert st["data-hidden"] == "quote frame"
    assert st["data-shown"].split() == ["attribution", "claim", "device"]  # computed style of the first mark per layer
    boxes = {e["attrs"]["data-toggle"]: "checked" in e["attrs"] for e in Page(dom).elements if e["tag"] == "input"}
    assert boxes == {**{k: True for k in LAYERS + ("tone", "notes")}, "quote": False, "frame": False}

    shot, hidden = tmp_path / "seed.png", tmp_path / "seed-hide-quote.png"
    browse(binary, tmp_path / "p3", url, "--window-size=1440,1800", f"--screenshot={shot}")
    browse(binary, tmp_path / "p4", url + "#hide=quote", "--window-size=1440,1800", f"--screenshot={hidden}")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 50_000
    yellow, ink = yellow_pixels(shot)
    assert ink > 0.05, "the screenshot is blank"
    assert yellow > 200, "no scare quote is highlighted"
    assert yellow_pixels(hidden)[0] < yellow / 20, "switching the quote layer off left the highlights"
    keep = ROOT / ".cache" / "html_view"  # ignored by git: for a person to look at
    keep.mkdir(parents=True, exist_ok=True)
    shutil.copy(shot, keep / "seed.png")
