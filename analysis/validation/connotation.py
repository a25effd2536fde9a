"""Agreement of our connotation lexicon with the crowd-sourced connotation frames.

Ours: ``analysis/lexicons/connotation.tsv``, written by hand from the definitions (and
committed before these figures were first computed). Theirs, for validation only and never
copied: Rashkin et al. (2016) ``rashkin_full_frame_info.txt`` (about 950 verbs, the mean of
15 crowd ratings in -1..+1 per aspect) and Sap et al. (2017) ``sap_agency_power.csv`` (2,150
verbs, labels from 3 crowd workers), from ``shared/lexicons-reference/connotation-frames``.

For every dimension both have, on the verbs both list (matched by lemma; Sap's verbs also by
our third-person form):

- coverage: the shared verbs as a share of ours and of theirs;
- agreement: the share of shared verbs with the same label, and Cohen's kappa of the two
  labellings (3 classes);
- sign agreement: among the shared verbs that both give a non-neutral value, the share
  with the same sign (Rashkin's scores are cut at +-0.25, as in their readme).

Dimensions: effect_object ~ effect(t), effect_subject ~ effect(a), writer_perspective_object
~ writer_perspective(t), writer_perspective_subject ~ writer_perspective(a) (Rashkin);
power ~ power, agency ~ agency (Sap). Run: ``python -m analysis.validation.connotation``
(writes ``docs/validation/connotation.json``).
"""
from __future__ import annotations

import csv
import json
import os
from collections import Counter
from pathlib import Path

from analysis.lexicon import load_lexicon

FOLDER = ("lexicons-reference", "connotation-frames")
RASHKIN = {"effect_object": "effect(t)", "effect_subject": "effect(a)",
           "writer_perspective_object": "writer_perspective(t)",
           "writer_perspective_subject": "writer_perspective(a)"}
SAP = {"power": "power", "agency": "agency"}
CUT = 0.25
OUT = Path(__file__).resolve().parents[2] / "docs" / "validation" / "connotation.json"


def _unavailable(message: str) -> Exception:
    try:
        from analysis.config import DataUnavailable
    except ImportError:  # the config module moved: still a clear error
        return FileNotFoundError(message)
    return DataUnavailable(message)


def reference_dir() -> Path:
    """The folder of the crowd-sourced lexicons (``ANALYSIS_SHARED``, default ``../shared``)."""
    env = os.environ.get("ANALYSIS_SHARED")
    base = Path(env) if env else Path(__file__).resolve().parents[3] / "shared"
    path = base.joinpath(*FOLDER)
    if not path.is_dir():
        raise _unavailable(f"{path}: the crowd-sourced connotation frames are not there")
    return path


def _sign(value: float) -> int:
    return 1 if value > CUT else -1 if value < -CUT else 0


def rashkin(folder: Path) -> dict[str, dict[str, int]]:
    """verb -> {aspect: -1/0/+1} from Rashkin et al.'s mean ratings."""
    out = {}
    with open(folder / "rashkin_full_frame_info.txt", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            out[row["verb"].strip()] = {a: _sign(float(row[a])) for a in RASHKIN.values()}
    return out


def sap(folder: Path) -> dict[str, dict[str, str]]:
    """verb -> {power: agent/theme/equal, agency: pos/neg/equal} (empty labels left out)."""
    out = {}
    with open(folder / "sap_agency_power.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            labels = {}
            for key in SAP.values():
                value = (row.get(key) or "").strip()
                if value:
                    labels[key] = value.split("_", 1)[1]
            out[row["verb"].strip()] = labels
    return out


def kappa(pairs: list[tuple]) -> float:
    """Cohen's kappa of (ours, theirs) label pairs."""
    n = len(pairs)
    if not n:
        return 0.0
    observed = sum(a == b for a, b in pairs) / n
    ours, theirs = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(ours[k] * theirs.get(k, 0) for k in ours) / (n * n)
    return round((observed - expected) / (1 - expected), 4) if expected < 1 else 1.0


def agreement(pairs: list[tuple], n_ours: int, n_theirs: int, neutral) -> dict:
    """Coverage, agreement, kappa, sign agreement and the confusion counts of one dimension."""
    signed = [(a, b) for a, b in pairs if a != neutral and b != neutral]
    confusion = Counter(f"{a}|{b}" for a, b in pairs)
    return {
        "shared_verbs": len(pairs),
        "coverage_of_ours": round(len(pairs) / n_ours, 4) if n_ours else 0.0,
        "coverage_of_theirs": round(len(pairs) / n_theirs, 4) if n_theirs else 0.0,
        "agreement": round(sum(a == b for a, b in pairs) / len(pairs), 4) if pairs else 0.0,
        "kappa": kappa(pairs),
        "sign_agreement": round(sum(a == b for a, b in signed) / len(signed), 4) if signed else 0.0,
        "signed_verbs": len(signed),
        "confusion_ours_theirs": dict(sorted(confusion.items())),
    }


def run() -> dict:
    folder = reference_dir()
    ours = load_lexicon("connotation").rows
    frames, powers = rashkin(folder), sap(folder)
    out: dict = {"ours_verbs": len(ours), "rashkin_verbs": len(frames), "sap_verbs": len(powers),
                 "rashkin_cut": CUT, "dimensions": {}}
    for ours_key, their_key in RASHKIN.items():
        pairs = [(int(r[ours_key]), frames[r["lemma"]][their_key]) for r in ours if r["lemma"] in frames]
        out["dimensions"][ours_key] = {"reference": f"Rashkin et al. 2016, {their_key}",
                                       **agreement(pairs, len(ours), len(frames), 0)}
    for ours_key, their_key in SAP.items():
        pairs = []
        for r in ours:
            forms = [r["lemma"], *r["forms"].split(",")]
            match = next((f for f in forms if f in powers and their_key in powers[f]), None)
            if match is not None:
                pairs.append((r[ours_key], powers[match][their_key]))
        out["dimensions"][ours_key] = {"reference": f"Sap et al. 2017, {their_key}",
                                       **agreement(pairs, len(ours), len(powers), "equal")}
    shared = {r["lemma"] for r in ours} & set(frames)
    out["note"] = ("lexicon written and committed before these figures were computed; not "
                   "changed after. Shared with Rashkin et al.: %d verbs" % len(shared))
    return out


if __name__ == "__main__":
    result = run()
    OUT.write_text(json.dumps(result, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(json.dumps({k: {m: v[m] for m in ("shared_verbs", "agreement", "kappa", "sign_agreement")}
                      for k, v in result["dimensions"].items()}, indent=1))
