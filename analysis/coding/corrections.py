"""Corrections: a coder's labels where they differ from the tool's, and applying them to a report.

A correction is keyed by the article's text hash (``input.sha256``) and the span, so it still
finds its item in a report made again of the same article (``analysis-corrections/1``)::

    {"schema": "analysis-corrections/1",
     "corrections": [{"article_sha256", "kind", "field", "start", "end", "tool_label", "label", "coder"}]}

:func:`apply_corrections` sets the corrected value in the report's own field (``kind`` of a
quote, ``speaker``, ``source_type``, ``cue_class``, ``source``, an actor's ``type``, a
portrayal ``role``) and marks the item ``"corrected": true`` with the tool's original values
beside it in ``"tool_labels"`` (``{json field: original value}``). The label ``none`` sets the
value to null; ``other`` for a speaker or source (somebody not among the article's names) sets
it to null too and marks the item ``"unlisted": true``. What the coder rejects stays in place, marked ``"rejected": true``: an actor labelled
``not_an_actor``, a claim labelled ``no`` (also ``"checkable": false``), a device labelled
``none``. ``none`` as a cue class says the attribution has no cue: its ``cue`` becomes null
too (a cue class without a cue is outside the report's contract; ``cue_span`` stays, so the
item keeps its span). A
device given another kind moves to that kind's list (kept in offset order), with
``"tool_labels": {"device": <its old kind>}``. A correction whose item is not in the report
(the span no longer exists, or a device is no longer of its ``tool_label`` kind) is returned
in ``unmatched`` and nothing is changed for it. Corrections for other articles are skipped.
Two attributions over exactly the same extent cannot be told apart by a span: a correction goes
to the first.
:func:`correct_report` is what ``report --corrections`` does: it applies the corrections,
keeps the scare-quote devices in step with the corrected quote kinds, recounts the metrics
that depend on labels (:mod:`analysis.report.recount`; nothing ``rejected`` is counted) and
records the corrections file in ``generator.corrections``.
"""
from __future__ import annotations

import copy
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable

from analysis.coding.items import (FIELDS, JSON_KEYS, NAME_FIELDS, NONE, NOT_AN_ACTOR, OTHER, CodingError, Located,
                                   allowed_labels, locate)
from analysis.coding.sheet import Sheet

SCHEMA = "analysis-corrections/1"
KEYS = ("article_sha256", "kind", "field", "start", "end", "tool_label", "label", "coder")


@dataclass(frozen=True)
class Correction:
    """A coder's label for one item where it differs from the tool's."""

    article_sha256: str
    kind: str
    field: str
    start: int
    end: int
    tool_label: str
    label: str
    coder: str

    def as_dict(self) -> dict:
        return asdict(self)


def coder_column(sheet: Sheet, coder: str) -> str:
    """The sheet's column of ``coder`` (``NAME`` or ``coder_NAME``); CodingError when absent."""
    for column in (coder, f"coder_{coder}"):
        if column in sheet.coders:
            return column
    raise CodingError(sheet.path, f"no coder {coder!r} in the sheet (its coders: {', '.join(sheet.coders)})")


def sheet_corrections(sheet: Sheet, coder: str) -> list[Correction]:
    """The corrections of one coder: every coded row whose label differs from the tool's, sorted
    by article, offsets, kind and field."""
    column = coder_column(sheet, coder)
    found = [Correction(r.item.article_sha256, r.item.kind, r.item.field, r.item.start, r.item.end,
                        r.item.tool_label, r.labels[column], column)
             for r in sheet.rows if r.labels[column] is not None and r.labels[column] != r.item.tool_label]
    return sorted(found, key=lambda c: (c.article_sha256, c.start, c.end, c.kind, c.field, c.tool_label))


def corrections_json(corrections: list[Correction]) -> str:
    """The ``analysis-corrections/1`` document, as JSON text (sorted keys, one correction per line)."""
    body = ",\n".join("    " + json.dumps(c.as_dict(), ensure_ascii=False, sort_keys=True) for c in corrections)
    return f'{{\n  "schema": "{SCHEMA}",\n  "corrections": [\n{body}\n  ]\n}}\n' if corrections else \
        f'{{\n  "schema": "{SCHEMA}",\n  "corrections": []\n}}\n'


def load_corrections(source: str | Path | dict | Iterable, *, where: str | None = None) -> list[Correction]:
    """Corrections from a path, JSON text, the parsed document, or a list of dicts or Corrections."""
    if isinstance(source, (str, Path)) and not str(source).lstrip().startswith("{"):
        where = where or str(source)
        try:
            source = json.loads(Path(source).read_text(encoding="utf-8"))
        except OSError as exc:
            raise CodingError(where, f"cannot read: {exc.strerror or exc}") from None
        except ValueError as exc:
            raise CodingError(where, f"not JSON: {exc}") from None
    elif isinstance(source, str):
        where = where or "<corrections text>"
        try:
            source = json.loads(source)
        except ValueError as exc:
            raise CodingError(where, f"not JSON: {exc}") from None
    where = where or "<corrections>"
    if isinstance(source, dict):
        if source.get("schema") != SCHEMA:
            raise CodingError(where, f"not a corrections file (schema {source.get('schema')!r}, expected {SCHEMA!r})")
        source = source.get("corrections")
    if not isinstance(source, Iterable):
        raise CodingError(where, "corrections must be a list")
    out = []
    for i, c in enumerate(source):
        if isinstance(c, Correction):
            out.append(c)
            continue
        if not isinstance(c, dict) or set(KEYS) - set(c):
            raise CodingError(where, f"correction {i}: needs the keys {', '.join(KEYS)}")
        if c["kind"] not in FIELDS or c["field"] not in FIELDS[c["kind"]]:
            raise CodingError(where, f"correction {i}: unknown kind and field {c['kind']!r}, {c['field']!r}")
        if not (isinstance(c["start"], int) and isinstance(c["end"], int)):
            raise CodingError(where, f"correction {i}: start and end must be whole numbers")
        if c["field"] not in NAME_FIELDS and c["label"] not in allowed_labels({}, c["field"]):
            raise CodingError(where, f"correction {i}: label {c['label']!r} is not a {c['field']} label")
        out.append(Correction(*(c[k] for k in KEYS)))
    return out


def corrections_for_article(corrections, sha256: str) -> list[Correction]:
    """The corrections (as accepted by :func:`apply_corrections`) made for the article with this
    text hash: an empty list tells a caller the file is for other articles."""
    return [c for c in load_corrections(corrections) if c.article_sha256 == sha256]


def _value(field: str, label: str):
    """The report value of a sheet label: ``none`` (and ``other`` for names) is null."""
    if label == NONE or (field in NAME_FIELDS and label == OTHER):
        return None
    return label


def _mark(obj: dict, key: str, original) -> None:
    obj["corrected"] = True
    obj.setdefault("tool_labels", {}).setdefault(key, original)


def apply_corrections(report_dict: dict, corrections) -> tuple[dict, list[Correction]]:
    """A copy of the report with the corrections for its article applied, and the corrections
    for its article whose item no longer exists (nothing is changed for those). ``corrections``:
    a list of :class:`Correction` or dicts, or an ``analysis-corrections/1`` document. The input
    report is not changed; metrics are not recomputed here."""
    corrections = load_corrections(corrections)
    report = copy.deepcopy(report_dict)
    sha = (report.get("input") or {}).get("sha256")
    where: dict[tuple, Located] = {}
    for loc in locate(report):
        where.setdefault((loc.kind, loc.field, loc.start, loc.end, loc.key), loc)
    unmatched: list[Correction] = []
    moves: list[tuple[Located, str]] = []
    for c in corrections:
        if c.article_sha256 != sha:
            continue
        loc = where.get((c.kind, c.field, c.start, c.end, c.tool_label if c.kind == "device" else None))
        if loc is None:
            unmatched.append(c)
            continue
        if loc.section == "devices":
            obj = report["framing"]["devices"][loc.key][loc.index]
        elif loc.section == "portrayal":
            obj = report["portrayal"]["actors"][loc.index]
        else:
            obj = report[loc.section][loc.index]
        key = JSON_KEYS[c.field]
        if c.field == "device_kind":
            _mark(obj, "device", loc.key)
            if c.label == NONE:
                obj["rejected"] = True
            elif c.label != loc.key:
                moves.append((loc, c.label))
        elif c.field == "unsourced_claim":
            if c.label == "no":
                _mark(obj, key, True)
                obj["checkable"], obj["rejected"] = False, True
        elif c.field == "actor_type" and c.label == NOT_AN_ACTOR:
            _mark(obj, key, obj.get(key))
            obj["rejected"] = True
        elif c.field in NAME_FIELDS and c.label == OTHER:  # wrong, and the right name is not in the list
            _mark(obj, key, obj.get(key))
            obj[key], obj["unlisted"] = None, True
        elif obj.get(key) != _value(c.field, c.label):
            _mark(obj, key, obj.get(key))
            obj[key] = _value(c.field, c.label)
            if c.field == "cue_class" and c.label == NONE and obj.get("cue") is not None:  # no cue, then
                _mark(obj, "cue", obj["cue"])
                obj["cue"] = None
    if moves:
        devices = report["framing"]["devices"]
        moving = {(loc.key, loc.index): label for loc, label in moves}
        for (old, index), new in moving.items():
            devices.setdefault(new, []).append(devices[old][index])
        for old in {old for old, _ in moving}:
            devices[old] = [d for i, d in enumerate(devices[old]) if (old, i) not in moving]
        for new in set(moving.values()):
            devices[new].sort(key=lambda d: (d["start"], d["end"]))
    return report, unmatched


def _sync_scare_devices(report: dict) -> None:
    """Keep ``framing.devices.scare_quote`` (every scare quote, writer's voice) in step with the
    corrected quote kinds: a quote no longer a scare quote rejects its device, a quote corrected
    to one adds it (``rule`` "coder")."""
    devices = report.get("framing", {}).get("devices")
    if devices is None:
        return
    spans = devices.setdefault("scare_quote", [])
    at = {(d["start"], d["end"]): d for d in spans}
    for q in report.get("quotes") or []:
        if "kind" not in q.get("tool_labels", {}):
            continue
        device = at.get((q["start"], q["end"]))
        if q["kind"] != "scare" and device is not None and not device.get("rejected"):
            _mark(device, "device", "scare_quote")
            device["rejected"] = True
        elif q["kind"] == "scare" and device is None:
            spans.append({"start": q["start"], "end": q["end"], "text": report["article"]["text"][q["start"]:q["end"]],
                          "voice": "writer", "rule": "coder", "corrected": True, "tool_labels": {"device": None}})
    spans.sort(key=lambda d: (d["start"], d["end"]))


def correct_report(report_dict: dict, corrections, *, file_name: str, file_sha256: str) -> tuple[dict, list[Correction]]:
    """The report with the corrections applied (:func:`apply_corrections`) and its label-dependent
    metrics, ``sources`` and ``talked_about`` recounted from the corrected items
    (:mod:`analysis.report.recount`), and the corrections whose span no longer exists.

    ``generator.corrections`` records ``{"file", "sha256", "applied", "unmatched": [...]}`` (the
    corrections for this article that were applied, and those that were not, in full)."""
    from analysis.report.recount import recount, recount_sources, recount_talked_about

    mine = corrections_for_article(corrections, (report_dict.get("input") or {}).get("sha256"))
    report, unmatched = apply_corrections(report_dict, mine)
    _sync_scare_devices(report)
    report["metrics"] = {**report.get("metrics", {}), **recount(report)}
    report["sources"] = recount_sources(report)
    report["talked_about"] = recount_talked_about(report)
    report.setdefault("generator", {})["corrections"] = {
        "file": file_name, "sha256": file_sha256, "applied": len(mine) - len(unmatched),
        "unmatched": [c.as_dict() for c in unmatched]}
    return report, unmatched
