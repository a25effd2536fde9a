"""The package layout: imports run one way through the stages, no import cycle, small modules.

Read from the source with ``ast`` (nothing is imported): every ``import`` and ``from ... import``
counts, at module level or inside a function, including a package ``__init__``'s re-exports and
the lazy exports of ``analysis/__init__.py``; only imports under ``if TYPE_CHECKING:`` are left
out. The coding sheet (``analysis/coding/``) reads reports, as outputs do; its command line
(``coding/cli.py``) belongs to the command-line stage.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "analysis"
NOT_YET: tuple[str, ...] = ()
MAX_LINES = 400

#: The stages, lowest first: a module may import its own stage or a lower one, never a higher.
#: A name covers the module or package and everything inside it (the root ``analysis`` only itself).
STAGES = (
    ("analysis.version", "analysis.config", "analysis.lexicon"),
    ("analysis.read",),
    ("analysis.nlp",),
    ("analysis.measures", "analysis.measures.rates", "analysis.measures.cues", "analysis.measures.clauses",
     "analysis.measures.quotes"),
    ("analysis.measures.sources",),
    ("analysis.measures.sentiment", "analysis.measures.framing"),
    ("analysis.report",),
    ("analysis.corpus", "analysis.outputs", "analysis.coding"),  # siblings: all read reports
    ("analysis.cli", "analysis.__main__", "analysis", "analysis.coding.cli", "analysis.coding.__main__"),
    ("analysis.validation",),
)
#: The only modules outside ``validation/`` that may import it: the ``validate`` command.
VALIDATION_USERS = {"analysis.cli.main"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _resolve(name: str) -> str | None:
    """The module of the package that an imported dotted name is, or is defined in."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def imports(module: str) -> set[str]:
    """The package's modules that ``module`` imports, anywhere in its body."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(filter(None, (_resolve(a.name) for a in node.names)))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            for alias in node.names:
                target = _resolve(f"{base}.{alias.name}") if base else None
                found.add(target if target and target != _resolve(base) else _resolve(base))
        elif (isinstance(node, ast.Assign) and module == "analysis"
              and any(isinstance(t, ast.Name) and t.id == "_EXPORTS" for t in node.targets)):
            found.update(_resolve(v.value) for v in node.value.values)  # the lazy re-exports
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    found.discard(None)
    found.discard(module)
    return found


GRAPH = {m: imports(m) for m in MODULES if not m.startswith(NOT_YET)}


def stage(module: str) -> int:
    best = None
    for rank, prefixes in enumerate(STAGES):
        for prefix in prefixes:
            if module == prefix or (prefix != "analysis" and module.startswith(prefix + ".")):
                if best is None or len(prefix) > best[1]:
                    best = (rank, len(prefix))
    assert best is not None, f"{module} belongs to no stage: add it to STAGES"
    return best[0]


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in graph:
                continue
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            connect(v)
    return out


def test_the_import_reader_sees_function_level_and_relative_imports():
    assert "analysis.cli.regenerate" in GRAPH["analysis.cli.main"]  # imported inside cmd_figures
    assert "analysis.validation.run" in GRAPH["analysis.cli.main"]
    assert "analysis.report.build" in GRAPH["analysis"]  # a lazy export
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycle():
    assert _cycles(GRAPH) == []


def test_outputs_and_corpus_read_reports_without_importing_each_other():
    for module, targets in GRAPH.items():
        for a, b in (("analysis.outputs", "analysis.corpus"), ("analysis.corpus", "analysis.outputs")):
            if module.startswith(a):
                assert not [t for t in targets if t.startswith(b)], f"{module} imports {b}"


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_imports_run_downward(module):
    allowed = ("analysis.validation",) if module in VALIDATION_USERS else ()
    upward = sorted(t for t in GRAPH[module] if stage(t) > stage(module) and not t.startswith(allowed))
    assert not upward, f"{module} (stage {stage(module)}) imports a later stage: {upward}"


def test_only_validation_and_the_validate_command_import_validation():
    users = {m for m, targets in GRAPH.items() if any(t.startswith("analysis.validation") for t in targets)}
    assert {m for m in users if not m.startswith("analysis.validation")} <= VALIDATION_USERS


@pytest.mark.parametrize("module", sorted(m for m in MODULES if not m.startswith(NOT_YET)))
def test_no_module_over_400_lines(module):
    lines = MODULES[module].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{MODULES[module]} has {lines} lines; split it by task"
