"""The researcher's loop: code a sample of the tool's labels by hand, measure agreement, correct.

Reads saved reports only (their JSON field names, docs/report.md), never the measures:

- :func:`report_items`: the codable items of a report (quotes, attributions, actors,
  unsourced claims, devices; one per span and field), in :mod:`analysis.coding.items`;
- :func:`sample_items`, :func:`sheet_text`, :func:`read_sheet`: the coding sheet, a
  stratified random sample as CSV, and reading a coded one back with every check
  (:mod:`analysis.coding.sheet`);
- :func:`score_sheet`: Cohen's kappa with bootstrap intervals, Krippendorff's alpha,
  confusion tables, the tool's precision and recall per label (:mod:`analysis.coding.agreement`);
- :func:`sheet_corrections`, :func:`apply_corrections`: a coder's labels as corrections
  keyed by article hash and span, and a report with them applied
  (:mod:`analysis.coding.corrections`);
- :func:`main`: the command line ``analysis coding export|score|apply`` (:mod:`analysis.coding.cli`).

docs/working-with-results.md walks through the loop with a worked example.
"""
from importlib import import_module

_EXPORTS = {
    "report_items": "items", "load_report": "items", "Item": "items", "CodingError": "items",
    "sample_items": "sheet", "sheet_text": "sheet", "read_sheet": "sheet", "Sheet": "sheet",
    "score_sheet": "agreement",
    "Correction": "corrections", "sheet_corrections": "corrections", "corrections_json": "corrections",
    "load_corrections": "corrections", "corrections_for_article": "corrections", "apply_corrections": "corrections",
    "correct_report": "corrections",
    "main": "cli",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):  # imported on first use: scikit-learn only for scoring
    if name in _EXPORTS:
        return getattr(import_module(f"analysis.coding.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module 'analysis.coding' has no attribute {name!r}")
