"""Property-based: arbitrary Unicode text goes through the whole report without an exception,
and every span stays inside the text, ordered and consistent."""
from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.read.reader import parse_text
from analysis.report import analyse_article

NEWSY = st.sampled_from(["“", "”", "‘", "’", '"', "'", "«", "»", ".", "?", "!", "\n", "\n\n", " ", "—",
                         "By ", "said", "Mr.", "U.S.", "(AP/X)", "Comments are closed.", "# ", "<p>", "–"])
TEXT = st.lists(st.one_of(st.text(min_size=1, max_size=12), NEWSY), min_size=1, max_size=60).map("".join)


def spans_of(report):
    yield from ((s["start"], s["end"]) for s in report["article"]["segments"])
    yield from ((p["start"], p["end"]) for p in report["article"]["paragraphs"])
    yield from ((s["start"], s["end"]) for s in report["article"]["sentences"])
    yield from ((q["start"], q["end"]) for q in report.get("quotes", []))


#: Long runs of one hostile piece (marks, capitals, dots, words without punctuation), the
#: shapes that once made a stage quadratic or a pattern backtrack, mixed with newsy text.
RUN = st.tuples(st.sampled_from(["“", "”", '"', "'", "« ", "“word ", "“a” ", "U.", "ABC ", "Word ", "the said ",
                                 "*", "_", "**a ", " — ", ", but ", "said: ", "\n\n"]),
                st.integers(min_value=50, max_value=2_000)).map(lambda r: r[0] * r[1])
ADVERSARIAL = st.lists(st.one_of(RUN, TEXT), min_size=1, max_size=4).map("".join)


def check_report(text: str, fmt: str, *, actors: bool = True) -> None:
    if not text.strip():
        return
    try:
        article = parse_text(text, fmt)
    except ValueError:  # InputError: a clear refusal (no text at all) is allowed
        return
    report = json.loads(analyse_article(article, actors=actors).to_json())
    n = len(report["article"]["text"])
    for start, end in spans_of(report):
        assert 0 <= start <= end <= n
    sentences = report["article"]["sentences"]
    for a, b in zip(sentences, sentences[1:]):
        assert a["end"] <= b["start"]
    for i, s in enumerate(sentences):
        assert s["index"] == i
        para = report["article"]["paragraphs"][s["paragraph"]]
        assert para["start"] <= s["start"] and s["end"] <= para["end"]
    for key, value in report["metrics"].items():
        assert isinstance(value, (int, float)), key


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, st.sampled_from(["txt", "md", "html"]))
def test_any_text_gives_a_consistent_report(text, fmt):
    check_report(text, fmt)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(ADVERSARIAL, st.sampled_from(["txt", "md"]))
def test_large_adversarial_text_gives_a_consistent_report(text, fmt):
    check_report(text, fmt, actors=False)  # the parse is linear by pieces; the rules are what is tested
