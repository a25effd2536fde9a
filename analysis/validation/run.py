"""``python -m analysis validate``: run the validations, record their figures, check the floors.

Each validation is a module of this package with a ``run() -> dict``. Its figures are
written to ``docs/validation/<name>.json``; ``floors.json`` names, for some figures, the
floor they must not drop below (or the ceiling they must not rise above). The command
exits 1 when any figure crosses its floor, 0 otherwise. Without the shared data folder
every validation is skipped with a message (exit 0): there is nothing to validate against;
likewise a validation whose data cannot be fetched (no package registry) is skipped.
"""
from __future__ import annotations

import importlib
import json
import sys
import time
from importlib import resources
from pathlib import Path

from analysis.config import PROJECT_ROOT, DataUnavailable

#: name -> module (in run order: cheap first)
VALIDATIONS = {
    "quotes": "analysis.validation.quotes",
    "attribution": "analysis.validation.attribution",
    "frames": "analysis.validation.semeval_frames",
    "devices": "analysis.validation.ptc_devices",
    "genre": "analysis.validation.genre_devices",
    "sentiment": "analysis.validation.sentiment",
    "sentences": "analysis.validation.sentences",
    "failures": "analysis.validation.failures",
    "backbone": "analysis.validation.backbone",
    "connotation": "analysis.validation.connotation",
    "portrayal": "analysis.validation.portrayal",
}
FLOORS = Path(str(resources.files("analysis.validation") / "floors.json"))


def lookup(result: dict, dotted: str):
    """The value at ``a.b.c`` in a nested mapping (KeyError when absent)."""
    value = result
    for key in dotted.split("."):
        value = value[key]
    return value


def check_floors(name: str, result: dict, floors: dict) -> list[str]:
    """Messages for every figure of ``result`` that crosses its recorded floor or ceiling."""
    problems = []
    for dotted, bound in floors.get(name, {}).items():
        try:
            value = lookup(result, dotted)
        except (KeyError, TypeError):
            problems.append(f"{name}: {dotted} is missing from the results")
            continue
        if "min" in bound and value < bound["min"]:
            problems.append(f"{name}: {dotted} = {value} is below its floor {bound['min']}")
        if "max" in bound and value > bound["max"]:
            problems.append(f"{name}: {dotted} = {value} is above its ceiling {bound['max']}")
    return problems


def main(names: list[str] | None = None, out_dir: Path | None = None) -> int:
    names = names or list(VALIDATIONS)
    unknown = [n for n in names if n not in VALIDATIONS]
    if unknown:
        print(f"unknown validation(s): {', '.join(unknown)}; known: {', '.join(VALIDATIONS)}", file=sys.stderr)
        return 2
    out_dir = out_dir or PROJECT_ROOT / "docs" / "validation"
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    problems: list[str] = []
    for name in names:
        started = time.perf_counter()
        try:
            result = importlib.import_module(VALIDATIONS[name]).run()
        except DataUnavailable as exc:
            print(f"{name}: skipped: {exc}", file=sys.stderr)
            continue
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / f"{name}.json").write_text(json.dumps(result, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        found = check_floors(name, result, floors)
        problems += found
        status = "FAILED" if found else "ok"
        print(f"{name}: {status} ({time.perf_counter() - started:.0f} s) -> {out_dir / (name + '.json')}", file=sys.stderr)
    for line in problems:
        print(line, file=sys.stderr)
    return 1 if problems else 0
