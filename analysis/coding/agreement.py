"""Agreement of a coded sheet, per field: coders against the tool and against each other.

For every field of the sheet (``quote_kind``, ``speaker``, ...), over the rows that have at
least one coded cell (blank cells are missing codes, never disagreement):

- ``kappa``: Cohen's kappa of each coder against the tool (scikit-learn's
  ``cohen_kappa_score``), over the rows that coder coded, with ``kappa_interval``: the 2.5th and
  97.5th percentiles of kappa over ``n_boot`` bootstrap resamples of those rows
  (``numpy.random.default_rng(seed)``, resamples where kappa is undefined left out);
  ``kappa_between``: the same for every pair of coders, over the rows both coded. Kappa is -1…1
  (1 perfect, 0 chance level) and null where it is undefined (one label only on both sides).
- ``alpha``: Krippendorff's alpha, nominal (the ``krippendorff`` package), with the tool as one
  more coder, over all coded rows, missing cells allowed; ``alpha_coders``: the coders alone
  (null with one coder). Null where undefined (a single value, or no row coded twice).
- ``agreement``: the share of each coder's rows where the coder gave the tool's label.
- ``confusion``: rows the tool's label, columns the coders' majority label (the most frequent
  label of a row's coders; a tie has no majority and is counted in ``majority_ties``).
- ``labels``: per label, the tool's ``precision`` (of the rows the tool gave this label, the
  share the majority gave it too) and ``recall`` (of the rows the majority gave it, the share
  the tool gave it), with the counts; null where the count they divide by is 0.

Numbers are rounded to 6 decimals; the same sheet and seed give the same result.
"""
from __future__ import annotations

import warnings
from collections import Counter
from dataclasses import dataclass
from itertools import combinations

import krippendorff
import numpy as np
from sklearn.metrics import cohen_kappa_score

from analysis.coding.sheet import Row, Sheet

N_BOOT = 1000


def _num(value: float | None) -> float | None:
    if value is None or not np.isfinite(value):
        return None
    return round(float(value), 6)


def kappa(a: list[str], b: list[str]) -> float | None:
    """Cohen's kappa of two label lists (scikit-learn), None where undefined."""
    if len(a) < 1:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _num(cohen_kappa_score(a, b))


def bootstrap_kappa(a: list[str], b: list[str], *, n_boot: int = N_BOOT, seed: int = 0) -> list[float] | None:
    """The 95 % percentile bootstrap interval of Cohen's kappa, resampling rows; None with fewer
    than two rows or no resample where kappa is defined. Vectorised: the same formula as
    scikit-learn's, ``(p_o - p_e) / (1 - p_e)``, on each resample's confusion table."""
    n = len(a)
    if n < 2:
        return None
    labels = sorted(set(a) | set(b))
    k = len(labels)
    code = {lab: i for i, lab in enumerate(labels)}
    x = np.array([code[v] for v in a])
    y = np.array([code[v] for v in b])
    idx = np.random.default_rng(seed).integers(0, n, size=(n_boot, n))
    flat = (np.arange(n_boot)[:, None] * k * k + x[idx] * k + y[idx]).ravel()
    table = np.bincount(flat, minlength=n_boot * k * k).reshape(n_boot, k, k) / n
    p_o = np.trace(table, axis1=1, axis2=2)
    p_e = (table.sum(axis=2) * table.sum(axis=1)).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        values = (p_o - p_e) / (1 - p_e)
    values = values[np.isfinite(values)]
    if values.size == 0:
        return None
    low, high = np.percentile(values, [2.5, 97.5])
    return [_num(low), _num(high)]


def alpha(data: list[list[str | None]]) -> float | None:
    """Krippendorff's alpha (nominal) of raters x units, None for a missing cell; None where undefined."""
    values = sorted({v for rater in data for v in rater if v is not None})
    if len(data) < 2 or len(values) < 2:
        return None
    code = {v: float(i) for i, v in enumerate(values)}
    matrix = np.array([[np.nan if v is None else code[v] for v in rater] for rater in data])
    if not ((~np.isnan(matrix)).sum(axis=0) >= 2).any():
        return None
    try:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _num(krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal"))
    except ValueError:
        return None


def majority(labels: list[str | None]) -> str | None:
    """The most frequent non-missing label; None when there is none or a tie."""
    counts = Counter(v for v in labels if v is not None).most_common()
    if not counts or (len(counts) > 1 and counts[0][1] == counts[1][1]):
        return None
    return counts[0][0]


@dataclass(frozen=True)
class FieldScore:
    """The agreement figures of one field (see the module docstring for each)."""

    field: str
    kind: str
    rows: int
    n: int
    coded: dict
    agreement: dict
    kappa: dict
    kappa_interval: dict
    kappa_between: dict
    kappa_between_interval: dict
    alpha: float | None
    alpha_coders: float | None
    majority_ties: int
    confusion: dict
    labels: dict

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in self.__dataclass_fields__ if name != "field"}


def score_field(field: str, rows: list[Row], coders: tuple[str, ...], *, n_boot: int = N_BOOT,
                seed: int = 0) -> FieldScore:
    """The agreement figures of one field's rows."""
    coded = [r for r in rows if any(v is not None for v in r.labels.values())]
    tool = [r.item.tool_label for r in coded]
    counts, agree, kap, kap_iv = {}, {}, {}, {}
    for c in coders:
        pairs = [(r.item.tool_label, r.labels[c]) for r in coded if r.labels[c] is not None]
        counts[c] = len(pairs)
        if not pairs:
            continue
        a, b = [p[0] for p in pairs], [p[1] for p in pairs]
        agree[c] = _num(sum(x == y for x, y in pairs) / len(pairs))
        kap[c] = kappa(a, b)
        kap_iv[c] = bootstrap_kappa(a, b, n_boot=n_boot, seed=seed)
    between, between_iv = {}, {}
    for c, d in combinations(coders, 2):
        pairs = [(r.labels[c], r.labels[d]) for r in coded if r.labels[c] is not None and r.labels[d] is not None]
        if pairs:
            a, b = [p[0] for p in pairs], [p[1] for p in pairs]
            between[f"{c}/{d}"] = kappa(a, b)
            between_iv[f"{c}/{d}"] = bootstrap_kappa(a, b, n_boot=n_boot, seed=seed)
    human = [[r.labels[c] for r in coded] for c in coders]
    maj = [majority([r.labels[c] for c in coders]) for r in coded]
    allowed_order = list(dict.fromkeys(lab for r in rows for lab in r.item.allowed))
    present = {lab for lab in tool} | {m for m in maj if m is not None}
    names = [lab for lab in allowed_order if lab in present] + sorted(present - set(allowed_order))
    pos = {lab: i for i, lab in enumerate(names)}
    matrix = [[0] * len(names) for _ in names]
    for t, m in zip(tool, maj):
        if m is not None:
            matrix[pos[t]][pos[m]] += 1
    per_label = {}
    for lab, i in pos.items():
        hit = matrix[i][i]
        n_tool = sum(matrix[i])
        n_major = sum(row[i] for row in matrix)
        per_label[lab] = {"precision": _num(hit / n_tool) if n_tool else None,
                          "recall": _num(hit / n_major) if n_major else None, "tool": n_tool, "majority": n_major}
    return FieldScore(field, rows[0].item.kind, len(rows), len(coded), counts, agree, kap, kap_iv, between,
                      between_iv, alpha([tool] + human) if coded else None,
                      alpha(human) if len(coders) > 1 else None, sum(m is None for m in maj),
                      {"labels": names, "matrix": matrix}, per_label)


def score_sheet(sheet: Sheet, *, n_boot: int = N_BOOT, seed: int = 0) -> dict:
    """``{"sheet", "coders", "coded_cells", "fields": {FIELD: {...}}}`` for a read sheet; fields
    without a coded cell are left out (``fields`` is empty when nothing is coded yet)."""
    by_field: dict[str, list[Row]] = {}
    for row in sorted(sheet.rows, key=lambda r: r.item.item_id):
        by_field.setdefault(row.item.field, []).append(row)
    fields = {}
    for field in sorted(by_field):
        score = score_field(field, by_field[field], sheet.coders, n_boot=n_boot, seed=seed)
        if score.n:
            fields[field] = score.as_dict()
    return {"sheet": sheet.path, "coders": list(sheet.coders), "coded_cells": sheet.coded_cells, "fields": fields}


def _fmt(value) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def score_text(result: dict) -> str:
    """The agreement figures as plain text, one block per field."""
    lines = [f"{result['sheet']}: {result['coded_cells']} coded cells; coders {', '.join(result['coders'])}"]
    for field, s in result["fields"].items():
        lines.append("")
        lines.append(f"{field} ({s['kind']}): {s['n']} of {s['rows']} rows coded")
        for c, value in s["kappa"].items():
            iv = s["kappa_interval"].get(c)
            interval = f" [{_fmt(iv[0])}, {_fmt(iv[1])}]" if iv else ""
            lines.append(f"  {c} vs tool: n {s['coded'][c]}, agreement {_fmt(s['agreement'][c])}, "
                         f"kappa {_fmt(value)}{interval}")
        for pair, value in s["kappa_between"].items():
            iv = s["kappa_between_interval"].get(pair)
            interval = f" [{_fmt(iv[0])}, {_fmt(iv[1])}]" if iv else ""
            lines.append(f"  {pair.replace('/', ' vs ')}: kappa {_fmt(value)}{interval}")
        alpha_line = f"  alpha (tool and coders) {_fmt(s['alpha'])}"
        if len(result["coders"]) > 1:
            alpha_line += f"; alpha (coders) {_fmt(s['alpha_coders'])}; majority ties {s['majority_ties']}"
        lines.append(alpha_line)
        names = s["confusion"]["labels"]
        width = max([len(n) for n in names] + [5])
        lines.append("  confusion: rows tool, columns coders' majority")
        lines.append("    " + " " * width + " " + " ".join(f"{n:>{width}}" for n in names))
        for name, row in zip(names, s["confusion"]["matrix"]):
            lines.append(f"    {name:>{width}} " + " ".join(f"{v:>{width}}" for v in row))
        lines.append(f"  {'label':>{width}}  precision  recall  tool  majority")
        for name, p in s["labels"].items():
            lines.append(f"  {name:>{width}}  {_fmt(p['precision']):>9}  {_fmt(p['recall']):>6}  {p['tool']:>4}  "
                         f"{p['majority']:>8}")
    return "\n".join(lines) + "\n"
