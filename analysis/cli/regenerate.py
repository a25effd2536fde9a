"""Regenerate what the repository shows: every figure of ``figures/`` and the notebooks.

``python -m analysis figures [--article PATH] [--out DIR]`` writes the article's report
(``report.json``), every per-article figure (:mod:`analysis.outputs.plots`, PNG beside CSV), the
annotated reading view (HTML) and, where the reference corpus is available
(``ANALYSIS_SHARED``), the comparison figures; it says which figures it left as they are.
``python -m analysis notebooks [--out DIR]`` executes every notebook headlessly (nbclient)
into ``.cache/notebooks/`` (the committed notebooks carry no outputs: see the README).

The defaults (the seed, ``figures/``, ``notebooks/``) are the repository's. From a regular install,
which has no repository beside it, ``figures`` needs ``--article`` and writes to ``./figures``
unless ``--out`` says otherwise, and ``notebooks`` needs ``--notebooks DIR`` (a clone's folder).
"""
from __future__ import annotations

from pathlib import Path

from analysis.cli.common import err
from analysis.config import PROJECT_ROOT, cache_dir

SEED = PROJECT_ROOT / "seeds" / "000_8b45763ab15ca29f.txt"
NOTEBOOKS = PROJECT_ROOT / "notebooks"
FIGURES = PROJECT_ROOT / "figures"


def in_source_tree() -> bool:
    """Whether the package runs from the repository (a clone, an editable install), where the seed,
    ``figures/`` and ``notebooks/`` are; a regular install has none of them."""
    return (PROJECT_ROOT / "pyproject.toml").is_file() and SEED.is_file()


def regenerate_figures(article: Path = SEED, out: Path = FIGURES) -> list[Path]:
    """Write every figure of ``article`` into ``out``; returns the paths written."""
    import json

    import matplotlib

    matplotlib.use("Agg")  # headless and deterministic; set here, by the command that draws

    from analysis.outputs.plots import plot_all
    from analysis.report.build import analyse_file

    out.mkdir(parents=True, exist_ok=True)
    report = json.loads(analyse_file(article).to_json())
    report["input"]["path"] = str(Path(article).relative_to(PROJECT_ROOT)) if Path(article).is_relative_to(PROJECT_ROOT) else Path(article).name
    written = [out / "report.json"]
    (out / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    written += plot_all(report, out)
    written += _view_and_comparison(report, article, out)
    return written


def _view_and_comparison(report: dict, article: Path, out: Path) -> list[Path]:
    """The reading view, and the comparison figures where the reference corpus is available."""
    from analysis.config import shared_dir
    from analysis.outputs.reading_view import write_html

    written = [write_html(report, out / f"{Path(article).stem}.html")]
    if shared_dir() is None:
        err("figures: the reference corpus is absent (set ANALYSIS_SHARED): the comparison figures "
            "(06-*.png) are left as they are")
        return written
    from analysis.corpus.compare import compare_result
    from analysis.outputs.comparison_plots import plot_comparison

    comparison = compare_result([str(article)], progress=False)
    written += plot_comparison(comparison, comparison.reference_rows, out)
    return written


def execute_notebooks(out: Path | None = None, timeout: int = 600, notebooks: Path = NOTEBOOKS) -> list[Path]:
    """Execute every notebook of ``notebooks`` top to bottom; write the executed copies to ``out``."""
    import nbformat
    from nbclient import NotebookClient

    out = out or cache_dir("notebooks")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for path in sorted(notebooks.glob("[0-9][0-9]-*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                       resources={"metadata": {"path": str(notebooks)}}).execute()
        target = out / path.name
        nbformat.write(nb, target)
        err(f"notebooks: executed {path.name} -> {target}")
        written.append(target)
    return written
