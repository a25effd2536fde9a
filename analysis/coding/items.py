"""The codable items of a report: each labelled span, one item per span and field.

An item is one decision of the tool that a human coder can check: the kind of a quote, the
speaker of a quote, the source type, cue class and source of an attribution, the type of an
actor (and its portrayal role, when the report has them), whether an unsourced claim is a
checkable claim, and the kind of a framing device. Items are read from the report's JSON
field names (schema ``analysis-report/1`` or ``/2``, docs/report.md), never from the
package's internals, so a sheet can be made from any saved report.

Every item carries its span (``start``/``end``, character offsets into ``article.text``), the
sentence holding it (``context``), the tool's label and the label set a coder chooses from
(``allowed``). Its ``item_id`` is derived from the article's text hash, the kind, the offsets
and the field (``<sha256[:12]>:<kind>:<start>-<end>:<field>``; a device adds its device
kind), so it does not depend on the order of rows or reports. Labels the report writes as
null are written ``none``. The attribution's span runs from the first to the last of its
source, cue and content spans; an actor's span is its first mention.

The label sets follow docs/report.md and ``shared/tools/check-report``, plus the answers a
coder needs that the tool never gives: ``not_an_actor`` for an actor type, ``none`` for a
device that is no device, ``no`` for a listed claim that is not a checkable unsourced claim,
``none`` and ``other`` for a speaker or source that is nobody or somebody not in the
article's list of names.
"""
from __future__ import annotations

import bisect
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

SCHEMAS = ("analysis-report/1", "analysis-report/2")

QUOTE_KINDS = ("direct", "partial", "scare", "title", "other")
SOURCE_TYPES = ("person", "organization", "government", "media", "document", "anonymous", "agentless",
                "author", "other")
CUE_CLASSES = ("neutral", "truth", "careful", "doubt", "culpability", "hedge", "unlisted", "none")
ACTOR_TYPES = ("person", "organization", "country", "place", "group", "government", "media", "other",
               "not_an_actor")
ROLES = ("perpetrator", "enabler", "victim", "benefactor", "neutral")
DEVICES = ("hedge", "booster", "intensifier", "loaded_language", "agentless_passive", "scare_quote",
           "rhetorical_question", "none")
YES_NO = ("yes", "no")

NONE = "none"
OTHER = "other"
NOT_AN_ACTOR = "not_an_actor"

#: kind -> its fields, in sheet order; field -> the report's JSON key it labels
FIELDS: dict[str, tuple[str, ...]] = {
    "quote": ("quote_kind", "speaker"),
    "attribution": ("source_type", "cue_class", "source"),
    "actor": ("actor_type", "role"),
    "claim": ("unsourced_claim",),
    "device": ("device_kind",),
}
JSON_KEYS = {"quote_kind": "kind", "speaker": "speaker", "source_type": "source_type", "cue_class": "cue_class",
             "source": "source", "actor_type": "type", "role": "role", "unsourced_claim": "checkable",
             "device_kind": "device"}
KINDS = tuple(FIELDS)
NAME_FIELDS = ("speaker", "source")


class CodingError(ValueError):
    """Bad input for the coding workflow: ``str()`` is ``"<file>: <reason>"``."""

    def __init__(self, where: str, reason: str):
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason


@dataclass(frozen=True)
class Item:
    """One codable decision: a span, the field coded, the tool's label and the label set."""

    item_id: str
    article: str
    article_sha256: str
    tool_version: str
    kind: str
    field: str
    start: int
    end: int
    text: str
    context: str
    tool_label: str
    allowed: tuple[str, ...]


@dataclass(frozen=True)
class Located:
    """Where an item's label lives in the report: ``section`` and index (``key`` for devices)."""

    kind: str
    field: str
    start: int
    end: int
    tool_label: str
    section: str
    index: int
    key: str | None = None


def _where(source) -> str:
    if isinstance(source, dict):
        return "<report>"
    if isinstance(source, str) and source.lstrip().startswith("{"):
        return "<report text>"
    return str(source)


def load_report(source: str | Path | dict, *, where: str | None = None) -> dict:
    """A report as a dict, from a path to its JSON file, JSON text or the parsed dict.

    Raises :class:`CodingError` naming the file when it cannot be read or is not a report."""
    where = where or _where(source)
    if isinstance(source, dict):
        report = source
    elif isinstance(source, str) and source.lstrip().startswith("{"):
        try:
            report = json.loads(source)
        except ValueError as exc:
            raise CodingError(where, f"not JSON: {exc}") from None
    else:
        try:
            report = json.loads(Path(source).read_text(encoding="utf-8"))
        except OSError as exc:
            raise CodingError(where, f"cannot read: {exc.strerror or exc}") from None
        except ValueError as exc:
            raise CodingError(where, f"not a JSON report: {exc}") from None
    if not isinstance(report, dict) or report.get("schema") not in SCHEMAS:
        schema = report.get("schema") if isinstance(report, dict) else None
        raise CodingError(where, f"not an analysis report (schema {schema!r}, expected one of {', '.join(SCHEMAS)})")
    if not isinstance((report.get("article") or {}).get("text"), str):
        raise CodingError(where, "the report has no article.text")
    if not (report.get("input") or {}).get("sha256"):
        raise CodingError(where, "the report has no input.sha256")
    return report


def article_id(report: dict) -> str:
    """The article's id in a sheet: the stem of the report's input file, else its title, else its hash."""
    path = (report.get("input") or {}).get("path")
    if path:
        return Path(path).stem
    title = (report.get("article") or {}).get("title")
    return title or report["input"]["sha256"][:12]


def label(value: Any) -> str:
    """A report value as a sheet label: null becomes ``none``; ``|`` (the separator) becomes ``/``."""
    return NONE if value is None else str(value).replace("|", "/")


def make_item_id(sha256: str, kind: str, start: int, end: int, field: str, key: str | None = None) -> str:
    """``<sha256[:12]>:<kind>:<start>-<end>:<field>[:<device kind>]``."""
    base = f"{sha256[:12]}:{kind}:{start}-{end}:{field}"
    return f"{base}:{key}" if key else base


def _extent(attribution: dict) -> tuple[int, int] | None:
    spans = [attribution.get("source_span"), attribution.get("cue_span"), *(attribution.get("content_spans") or [])]
    spans = [s for s in spans if isinstance(s, list) and len(s) == 2]
    if not spans:
        return None
    return min(s[0] for s in spans), max(s[1] for s in spans)


def _first_mention(actor: dict) -> tuple[int, int] | None:
    mentions = [m for m in actor.get("mentions") or [] if isinstance(m.get("start"), int)]
    if not mentions:
        return None
    first = min(mentions, key=lambda m: (m["start"], m["end"]))
    return first["start"], first["end"]


def locate(report: dict) -> Iterator[Located]:
    """Every codable label of a report with where it lives, in report order."""
    for i, q in enumerate(report.get("quotes") or []):
        yield Located("quote", "quote_kind", q["start"], q["end"], label(q.get("kind")), "quotes", i)
        yield Located("quote", "speaker", q["start"], q["end"], label(q.get("speaker")), "quotes", i)
    for i, a in enumerate(report.get("attributions") or []):
        span = _extent(a)
        if span is None:
            continue
        for field in FIELDS["attribution"]:
            yield Located("attribution", field, *span, label(a.get(field)), "attributions", i)
    roles = {p.get("actor"): (j, p) for j, p in enumerate((report.get("portrayal") or {}).get("actors") or [])}
    for i, actor in enumerate(report.get("actors") or []):
        span = _first_mention(actor)
        if span is None:
            continue
        yield Located("actor", "actor_type", *span, label(actor.get("type")), "actors", i)
        if actor.get("actor") in roles:
            j, p = roles[actor["actor"]]
            yield Located("actor", "role", *span, label(p.get("role")), "portrayal", j)
    for i, c in enumerate(report.get("unsourced_claims") or []):
        yield Located("claim", "unsourced_claim", c["start"], c["end"], "no" if c.get("checkable") is False else "yes",
                      "unsourced_claims", i)
    for key, spans in ((report.get("framing") or {}).get("devices") or {}).items():
        for i, d in enumerate(spans):
            yield Located("device", "device_kind", d["start"], d["end"], label(key), "devices", i, key)


def _names(report: dict) -> tuple[str, ...]:
    names = {s.get("source") for s in report.get("sources") or []}
    names |= {a.get("source") for a in report.get("attributions") or []}
    names |= {q.get("speaker") for q in report.get("quotes") or []}
    names |= {a.get("actor") for a in report.get("talked_about") or []}
    names |= {a.get("actor") for a in report.get("actors") or []}
    names |= {a.get("actor") for a in (report.get("sentiment") or {}).get("actors") or []}
    return tuple(sorted({label(n) for n in names if isinstance(n, str) and n} - {NONE, OTHER}))


def allowed_labels(report: dict, field: str) -> tuple[str, ...]:
    """The labels a coder may give in ``field`` for an item of this report."""
    if field in NAME_FIELDS:
        return _names(report) + (NONE, OTHER)
    return {"quote_kind": QUOTE_KINDS, "source_type": SOURCE_TYPES, "cue_class": CUE_CLASSES,
            "actor_type": ACTOR_TYPES, "role": ROLES, "unsourced_claim": YES_NO, "device_kind": DEVICES}[field]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def report_items(source: str | Path | dict, *, where: str | None = None) -> list[Item]:
    """The codable items of one report (a path, JSON text or the parsed dict), in report order.

    ``text`` and ``context`` are shown on one line (runs of white space made one space); the
    offsets stay exact. An item whose id would repeat (two attributions over the same extent)
    gets ``~2``, ``~3``... appended, in report order."""
    report = load_report(source, where=where)
    try:
        return _items(report)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise CodingError(where or _where(source), f"malformed report ({type(exc).__name__}: {exc})") from None


def _items(report: dict) -> list[Item]:
    text = report["article"]["text"]
    sha = report["input"]["sha256"]
    version = str((report.get("generator") or {}).get("version"))
    article = article_id(report)
    sentences = sorted((s["start"], s["end"]) for s in report["article"].get("sentences") or [])
    starts = [s for s, _ in sentences]
    allowed = {field: allowed_labels(report, field) for fields in FIELDS.values() for field in fields}

    def context(start: int, end: int) -> str:
        i = bisect.bisect_right(starts, start) - 1
        if i >= 0 and start < sentences[i][1]:
            return _one_line(text[sentences[i][0]:max(sentences[i][1], end)])
        return _one_line(text[max(0, start - 100):min(len(text), end + 100)])

    items: list[Item] = []
    seen: dict[str, int] = {}
    for loc in locate(report):
        item_id = make_item_id(sha, loc.kind, loc.start, loc.end, loc.field, loc.key)
        seen[item_id] = seen.get(item_id, 0) + 1
        if seen[item_id] > 1:
            item_id = f"{item_id}~{seen[item_id]}"
        labels = allowed[loc.field]
        if loc.tool_label not in labels:  # a label newer than this module: keep it codable
            labels = labels + (loc.tool_label,)
        items.append(Item(item_id, article, sha, version, loc.kind, loc.field, loc.start, loc.end,
                          _one_line(text[loc.start:loc.end]), context(loc.start, loc.end), loc.tool_label, labels))
    return items
