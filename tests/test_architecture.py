"""The layers of docs/architecture.md, checked: the import graph of the package has no cycle,
counting imports written inside functions (and under ``if TYPE_CHECKING:``), and the
import-linter contracts of pyproject.toml (``make lint``) refuse an import that goes up.

The graph is built here from the source with :mod:`ast` (every ``import`` statement wherever
it is written), independently of import-linter's own parser (grimp), and the two are compared.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - tomli comes with build and mypy on 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "openai_constructs"


def _modules(root: Path) -> dict[str, tuple[Path, bool]]:
    found: dict[str, tuple[Path, bool]] = {}
    for path in sorted((root / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        found[".".join(parts)] = (path, is_package)
    return found


def import_graph(root: Path = ROOT) -> dict[str, dict[str, int]]:
    """module -> {module of the package it imports: line of the first such import}."""
    modules = _modules(root)

    def known(name: str) -> str:
        while name not in modules:
            name = name.rsplit(".", 1)[0]
        return name

    graph: dict[str, dict[str, int]] = {}
    for name, (path, is_package) in modules.items():
        edges = graph.setdefault(name, {})
        here = name.split(".") if is_package else name.split(".")[:-1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names if a.name.split(".")[0] == PACKAGE]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = here[: len(here) - node.level + 1]
                    source = ".".join(base + ([node.module] if node.module else []))
                else:
                    source = node.module or ""
                if source.split(".")[0] != PACKAGE:
                    continue
                targets = [
                    f"{source}.{a.name}" if f"{source}.{a.name}" in modules else source
                    for a in node.names
                ]
            for target in targets:
                imported = known(target)
                if imported != name:
                    edges.setdefault(imported, node.lineno)
    return graph


def cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, {}):
            if w not in index:
                visit(w)
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
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def _describe(graph: dict[str, dict[str, int]], component: list[str]) -> str:
    members = set(component)
    return "\n".join(
        f"  {m} imports {w} (line {line})"
        for m in component
        for w, line in sorted(graph[m].items())
        if w in members
    )


def test_the_import_graph_has_no_cycle_counting_imports_inside_functions() -> None:
    graph = import_graph()
    found = cycles(graph)
    assert not found, "import cycles:\n" + "\n\n".join(_describe(graph, c) for c in found)


def test_the_graph_sees_imports_written_inside_functions() -> None:
    # Only written inside a method: the renderer is loaded for HCL synthesis alone.
    graph = import_graph()
    renderer = "openai_constructs._runtime.hcl.attributes"
    assert renderer in graph["openai_constructs._runtime.bindings"]
    # And a cycle hidden in a function is found (the one the seam had before this test).
    graph["openai_constructs._runtime.cdk"]["openai_constructs._runtime.app"] = 1
    assert any("openai_constructs._runtime.cdk" in c for c in cycles(graph))


def test_the_thread_family_package_imports_its_children_and_never_the_reverse() -> None:
    # As openai-python's resources/beta/threads imports runs/: the parent package holds
    # Thread and imports Message and Run; they know their thread through threads._base.
    graph = import_graph()
    parent = "openai_constructs.threads"
    children = [f"{parent}._messages", f"{parent}._runs"]
    assert all(child in graph[parent] for child in children)
    for child in [*children, f"{parent}._base"]:
        assert parent not in graph[child], f"{child} imports its parent"
    assert f"{parent}._runs" in graph["openai_constructs.runs"]  # the public home of Run
    graph[f"{parent}._runs"][parent] = 1  # a run importing Thread back would be a cycle
    assert any(f"{parent}._runs" in c for c in cycles(graph))


def test_import_linter_counts_every_import_the_ast_graph_sees() -> None:
    grimp = pytest.importorskip("grimp")
    built = grimp.build_graph(PACKAGE, cache_dir=None)
    missing = [
        (importer, imported)
        for importer, edges in import_graph().items()
        for imported in edges
        if not built.direct_import_exists(importer=importer, imported=imported)
    ]
    assert missing == []


def _contracts() -> list[dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts: list[dict[str, object]] = config["tool"]["importlinter"]["contracts"]
    return contracts


def test_every_module_of_the_package_has_a_place_in_the_layers() -> None:
    # A new module or package (a resource family's L2 module, ...) is placed deliberately:
    # add it to the "layers" contract in pyproject.toml (docs/architecture.md says where).
    layers = next(c for c in _contracts() if c["id"] == "layers")["layers"]
    assert isinstance(layers, list)
    names = [name.strip() for layer in layers for name in layer.replace("|", ":").split(":")]
    placed = {name.strip("()") for name in names}
    optional = {name.strip("()") for name in names if name.startswith("(")}
    children = {
        path.stem if path.suffix == ".py" else path.name
        for path in (ROOT / PACKAGE).iterdir()
        if (path.suffix == ".py" and path.stem != "__init__")
        or (path.is_dir() and (path / "__init__.py").exists())
    }
    assert sorted(children - placed) == []
    assert sorted(placed - children - optional) == []


def test_make_lint_runs_the_contracts() -> None:
    lint = (ROOT / "Makefile").read_text(encoding="utf-8").split("\nlint:", 1)[1].split("\n\n")[0]
    assert "$(BIN)/lint-imports" in lint
    assert "import-linter" in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def _lint_imports(tmp_path: Path, edits: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` with this project's contracts on a copy of the package with ``edits``
    (module path -> text appended)."""
    lint = Path(sys.executable).with_name("lint-imports")
    if not lint.exists():
        pytest.skip("lint-imports is not installed (pip install -e '.[dev]')")
    shutil.copytree(ROOT / PACKAGE, tmp_path / PACKAGE,
                    ignore=shutil.ignore_patterns("__pycache__", "*.json", "*.md", "*.js"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    for relative, text in edits.items():
        with open(tmp_path / PACKAGE / relative, "a", encoding="utf-8") as handle:
            handle.write(text)
    env = dict(os.environ, PYTHONPATH=str(tmp_path))
    return subprocess.run([str(lint), "--no-cache"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)


def test_the_contracts_pass_on_a_copy_of_the_package(tmp_path: Path) -> None:
    done = _lint_imports(tmp_path, {})
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_the_contracts_refuse_an_upward_import_written_inside_a_function(tmp_path: Path) -> None:
    done = _lint_imports(tmp_path, {
        "_runtime/tokens.py": "\n\ndef _upward():\n    from ..assistants import Assistant\n"
                              "    return Assistant\n",
    })
    assert done.returncode == 1, done.stdout + done.stderr
    assert "openai_constructs._runtime.tokens -> openai_constructs.assistants" in done.stdout
    broken = " ".join(line for line in done.stdout.splitlines() if line.endswith("BROKEN"))
    assert "rules > generated L1 > runtime > errors BROKEN" in broken, done.stdout


def test_the_contracts_refuse_a_cycle_hidden_inside_a_function(tmp_path: Path) -> None:
    # A run takes an assistant (runs -> threads._runs -> assistants); assistants and runs
    # share a layer, so only the no-cycles contract can see an import back.
    done = _lint_imports(tmp_path, {
        "assistants.py": "\n\ndef _back():\n    from .runs import Run\n    return Run\n",
    })
    assert done.returncode == 1, done.stdout + done.stderr
    broken = [line for line in done.stdout.splitlines() if line.endswith("BROKEN")]
    assert any("No cycles" in line for line in broken), done.stdout
    assert not any("Imports only go down" in line for line in broken), done.stdout


def test_the_contracts_refuse_the_testing_kit_importing_l2(tmp_path: Path) -> None:
    done = _lint_imports(tmp_path, {
        "testing/snapshot.py": "\n\ndef _l2():\n    from openai_constructs.threads import Thread\n"
                               "    return Thread\n",
    })
    assert done.returncode == 1, done.stdout + done.stderr
    broken = [line for line in done.stdout.splitlines() if line.endswith("BROKEN")]
    assert any("testing kit" in line for line in broken), done.stdout


def test_the_architecture_page_shows_the_checked_layers() -> None:
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = page.split("## The layers (checked)", 1)[1].split("\n## ", 1)[0]
    blocks = [block.split("```", 1)[0].strip().splitlines()
              for block in section.split("```text\n")[1:]]
    contracts = {c["id"]: c for c in _contracts()}
    assert blocks == [contracts["layers"]["layers"], contracts["runtime-layers"]["layers"]]


def test_the_architecture_page_names_every_module_of_the_package_and_the_runtime() -> None:
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    missing = [
        str(path.relative_to(ROOT / PACKAGE))
        for path in sorted((ROOT / PACKAGE).glob("*.py")) + sorted(
            (ROOT / PACKAGE / "_runtime").glob("*.py"))
        if path.stem != "__init__" and f"{path.name}`" not in page
    ]
    assert missing == []
