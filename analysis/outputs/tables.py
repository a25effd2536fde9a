"""Span tables across articles: every item the tool found, one table per kind of item.

``python -m analysis export REPORTS_OR_ARTICLES... --out DIR`` writes them as CSV; in Python
they are pandas DataFrames (``from analysis import tables``). Each row is one item of one
article: the article's id (``article``: its file stem, with the first 8 hex digits of its
hash added where two articles share a stem) and text hash (``article_sha256``), the item's
character offsets into that article's text (``start``, ``end``), its text, the tool's labels
and the evidence behind them (the rule that decided a quote's kind or a device, the words that
drove a sentence's tone, the events behind an actor's role), and ``corrected``/``rejected``
for what a coder changed (``report --corrections``). The columns of each kind are those of
:mod:`analysis.report.tables`, which makes the same tables for one report:

========== =========================================================================
kind       one row per
========== =========================================================================
quotes       quoted span: ``kind``, ``reason``, ``speaker``, ``cue``, ``family``
attributions attribution: ``source``, ``source_type``, ``cue``, ``cue_class``, ``mode``,
             ``rule``, ``content``, the source and cue offsets
actors       actor read from the parse: ``type``, ``mentions`` (first mention's
             offsets), portrayal ``role``, ``confidence``, ``events``
claims       unsourced claim: ``kind``, ``hedged``, the sentence holding it
devices      framing device: ``device``, ``voice``, ``rule``
sentences    sentence: ``segment``, ``compound`` (VADER), ``news_tone``, ``voice``,
             ``source``, ``words`` that drove the score
========== =========================================================================

A report with no actors section (corpus mode without ``--reports``) simply adds no actor rows.

>>> import analysis
>>> from analysis import tables
>>> text = 'The minister said the plan was "a success". The so-called "reform" has failed.'
>>> report = analysis.analyse_article(analysis.parse_text(text, meta={"title": "Plan"})).to_dict()
>>> print(tables.quotes([report])[["article", "text", "kind", "start", "end"]].to_string(index=False))
article      text    kind  start  end
   Plan a success partial     31   42
   Plan    reform   scare     58   66
>>> print(tables.devices(report)[["device", "text", "voice", "rule"]].to_string(index=False))
         device      text  voice              rule
loaded_language so-called writer         so-called
    scare_quote  "reform" writer after 'so-called'
>>> tables.attributions(report).loc[0, ["source", "cue", "cue_class", "content"]].tolist()
['The minister', 'said', 'neutral', 'the plan was "a success".']
>>> tables.sentences(report)[["sentence", "voice", "compound"]].values.tolist()
[[0, 'writer', 0.5719], [1, 'writer', -0.5106]]
>>> sorted(tables.all_tables(report))
['actors', 'attributions', 'claims', 'devices', 'quotes', 'sentences']
"""
from __future__ import annotations

import json
from pathlib import Path
import pandas as pd

from analysis.report import tables as one

__all__ = ["KINDS", "actors", "all_tables", "article_ids", "attributions", "claims", "devices", "quotes",
           "read_reports", "sentences", "table", "write_tables"]

#: kind -> the table of one report (analysis.report.tables)
KINDS = {"quotes": one.quotes, "attributions": one.attributions, "actors": one.portrayal, "claims": one.claims,
         "devices": one.devices, "sentences": one.sentence_tone}

#: a report with no item: the columns of a table of no report
_EMPTY = {"article": {"text": "", "sentences": []}, "quotes": [], "attributions": [], "unsourced_claims": [],
          "sentiment": {"sentences": []}, "framing": {"devices": {}}, "actors": []}


def read_reports(reports) -> list[dict]:
    """Report mappings from a report, a path to its JSON file, or an iterable of them."""
    if isinstance(reports, (dict, str, Path)) or hasattr(reports, "to_dict"):
        reports = [reports]
    out = []
    for r in reports:
        if hasattr(r, "to_dict"):
            r = r.to_dict()
        elif isinstance(r, (str, Path)):
            r = json.loads(Path(r).read_text(encoding="utf-8"))
        out.append(r)
    return out


def article_ids(reports: list[dict]) -> list[str]:
    """Each report's id in the tables: the stem of its input file (else its title, else its
    hash); where two share one, the first 8 hex digits of the hash are added."""
    def base(r: dict) -> str:
        path = (r.get("input") or {}).get("path")
        return Path(path).stem if path else (r.get("article") or {}).get("title") or _sha(r)[:12]

    names = [base(r) for r in reports]
    return [f"{n}-{_sha(r)[:8]}" if names.count(n) > 1 else n for n, r in zip(names, reports)]


def _sha(report: dict) -> str:
    return (report.get("input") or {}).get("sha256") or ""


def table(reports, kind: str) -> pd.DataFrame:
    """The ``kind`` table (a key of :data:`KINDS`) of every report, stacked in the order given,
    with ``article`` and ``article_sha256`` in front."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind of item {kind!r}; one of {', '.join(KINDS)}")
    reports = read_reports(reports)
    frames = []
    for name, report in zip(article_ids(reports) or [""], reports or [_EMPTY]):
        frame = KINDS[kind](report)
        frame.insert(0, "article_sha256", _sha(report))
        frame.insert(0, "article", name)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]


def quotes(reports) -> pd.DataFrame:
    """Every quoted span of every report."""
    return table(reports, "quotes")


def attributions(reports) -> pd.DataFrame:
    """Every attribution of every report."""
    return table(reports, "attributions")


def actors(reports) -> pd.DataFrame:
    """Every actor of every report, with its portrayal."""
    return table(reports, "actors")


def claims(reports) -> pd.DataFrame:
    """Every unsourced claim of every report."""
    return table(reports, "claims")


def devices(reports) -> pd.DataFrame:
    """Every framing device of every report."""
    return table(reports, "devices")


def sentences(reports) -> pd.DataFrame:
    """Every sentence of every report with its tone and voice."""
    return table(reports, "sentences")


def all_tables(reports) -> dict[str, pd.DataFrame]:
    """Every table, by kind."""
    reports = read_reports(reports)
    return {kind: table(reports, kind) for kind in KINDS}


def csv_text(frame: pd.DataFrame) -> str:
    """A table as CSV text: UTF-8, comma-separated, ``\\n`` line ends, empty cells for nulls."""
    return frame.to_csv(index=False, lineterminator="\n")


def write_tables(found: dict[str, pd.DataFrame], out: str | Path) -> list[Path]:
    """Write ``OUT/<kind>.csv`` for every table of ``found`` (as :func:`all_tables` gives them);
    the paths written."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, frame in found.items():
        (out / f"{kind}.csv").write_text(csv_text(frame), encoding="utf-8")
        written.append(out / f"{kind}.csv")
    return written
