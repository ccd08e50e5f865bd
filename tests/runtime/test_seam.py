"""Every module reaches the CDK runtime through ``openai_constructs._runtime.cdk`` only."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "openai_constructs"
SEAM = PACKAGE / "_runtime" / "cdk.py"
RUNTIME_MODULES = {"cdktf", "cdktn", "constructs"}


def _imported_roots(path: Path) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "import_module":
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    roots.add(arg.value.split(".")[0])
    return roots


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p != SEAM)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_direct_runtime_import(path: Path) -> None:
    assert not _imported_roots(path) & RUNTIME_MODULES


def test_the_audit_sees_imports() -> None:
    assert _imported_roots(SEAM) >= {"constructs"}
    assert len(MODULES) > 20
