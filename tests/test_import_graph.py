"""Import cycles and the validation rule, counting what ``tests/test_layout.py``'s graph leaves
implicit (issue 12): importing ``analysis.report.metrics`` first runs ``analysis/report/__init__.py``
(which imports ``build``), so an import of a module is also an import of every package above it
that its importer is not itself inside; and a module named in a string (``import_module``,
``importlib.resources.files``) is imported all the same. Function-level imports, package
re-exports and ``analysis``'s lazy exports are already in the graph; ``if TYPE_CHECKING:`` imports
are not."""
from __future__ import annotations

import ast

from test_layout import GRAPH, MODULES, VALIDATION_USERS, _cycles, _resolve


def _packages_above(module: str) -> list[str]:
    parts = module.split(".")
    return [".".join(parts[:i]) for i in range(2, len(parts))]  # the root's exports are lazy: left out


def with_packages(graph: dict[str, set[str]], modules=MODULES) -> dict[str, set[str]]:
    """``graph`` plus an edge to each package above an imported module, when the importer is not
    inside that package (there Python has already started it, and does not run it again)."""
    out = {m: set(targets) for m, targets in graph.items()}
    for module, targets in graph.items():
        inside = set(_packages_above(module)) | {module}
        for target in targets:
            out[module].update(p for p in _packages_above(target) if p in modules and p not in inside)
    return out


FULL = with_packages(GRAPH)


def named_in_strings(module: str) -> set[str]:
    """Modules of the package named by a string given to ``import_module`` or ``resources.files``."""
    found = set()
    for node in ast.walk(ast.parse(MODULES[module].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None)) in {
                "import_module", "files", "__import__"}:
            for arg in node.args[:1]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value.startswith("analysis"):
                    found.add(_resolve(arg.value))
    found.discard(None)
    return found


def test_an_import_runs_the_packages_above_the_module():
    # corpus/run imports analysis.report.metrics: analysis/report/__init__.py runs, and imports build
    assert "analysis.report.metrics" in GRAPH["analysis.corpus.run"]
    assert "analysis.report" in FULL["analysis.corpus.run"] and "analysis.report.build" in GRAPH["analysis.report"]
    assert "analysis.report" not in FULL["analysis.report.build"]  # inside it: already running
    # a cycle that only a package __init__ closes: r.q.b imports r.p.x, so r/p/__init__ runs, which imports r.p.a
    toy = {"r.p": {"r.p.a"}, "r.p.a": {"r.q.b"}, "r.q.b": {"r.p.x"}, "r.p.x": set()}
    assert _cycles(toy) == []
    assert _cycles(with_packages(toy, set(toy))) == [["r.p", "r.p.a", "r.q.b"]]


def test_no_import_cycle_counting_the_packages_an_import_runs():
    assert _cycles(FULL) == []


def test_strings_name_modules_as_imports_do():
    assert "analysis.validation" in named_in_strings("analysis.validation.run")  # resources.files(...)
    assert "analysis.corpus" in named_in_strings("analysis.corpus.run")


def test_nothing_outside_validation_and_the_validate_command_imports_validation_even_by_name():
    users = {m for m in MODULES
             if any(t.startswith("analysis.validation") for t in FULL.get(m, set()) | named_in_strings(m))}
    assert {m for m in users if not m.startswith("analysis.validation")} <= VALIDATION_USERS
