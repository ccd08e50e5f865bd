"""Generated modules take from the runtime only what they declare with: the CDK seam (``cdk``)
and the base classes and tables of ``_runtime.bindings``, through its ``__all__``."""

from __future__ import annotations

import ast
from pathlib import Path

from openai_constructs._runtime import bindings

GENERATED = Path(__file__).resolve().parents[2] / "openai_constructs" / "l1"


def test_a_generated_module_imports_cdk_and_bindings_only() -> None:
    seen: dict[str, set[str]] = {}
    for path in sorted(GENERATED.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                    "openai_constructs"):
                seen.setdefault(node.module or "", set()).update(a.name for a in node.names)
            elif isinstance(node, ast.Import):
                assert not any(a.name.startswith("openai_constructs") for a in node.names)
    runtime = {m: names for m, names in seen.items() if not m.startswith("openai_constructs.l1")}
    assert sorted(runtime) == ["openai_constructs._runtime", "openai_constructs._runtime.bindings"]
    assert runtime["openai_constructs._runtime"] == {"cdk"}
    # every name a generated module uses is one bindings lists (it lists a few more that other
    # schemas need: ObjectType, StructMapInput)
    assert runtime["openai_constructs._runtime.bindings"] <= set(bindings.__all__)
    assert {"Resource", "DataSource", "Provider", "Struct", "Fields"} <= runtime[
        "openai_constructs._runtime.bindings"]
