"""Planning a synthesized stack folder as ``cdktf deploy`` would: its document *and* the assets
beside it (``File.from_path`` documents, read by Terraform's ``file()`` at plan time).

``assert_plans`` takes a document alone; a stack with assets needs its folder.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.runtime.hclcheck import run_terraform


def has_assets(stack_dir: Path) -> bool:
    return (stack_dir / "assets").is_dir()


def plan_stack_dir(
    runner: Any, stack_dir: Path, variables: dict[str, str] | None = None
) -> dict[str, Any]:
    """``terraform init/validate/plan/show -json`` in a copy of ``stack_dir`` (backend removed,
    stub provider); returns the shown plan."""
    document = json.loads((stack_dir / "cdk.tf.json").read_text(encoding="utf-8"))
    document.get("terraform", {}).pop("backend", None)
    files = {str(p.relative_to(stack_dir)): p.read_text(encoding="utf-8")
             for p in sorted((stack_dir / "assets").rglob("*")) if p.is_file()} if has_assets(
        stack_dir) else {}
    files["cdk.tf.json"] = json.dumps(document)
    plan = ["plan", "-input=false", "-no-color", "-lock=false", "-out=tfplan"]
    plan += [f"-var={k}={v}" for k, v in sorted((variables or {}).items())]
    results = run_terraform(runner, files, document, [
        ["init", "-input=false", "-no-color"], ["validate", "-no-color"], plan,
        ["show", "-json", "-no-color", "tfplan"]])
    for code, out, err in results:
        assert code in (0, 2), out + err
    shown: dict[str, Any] = json.loads(results[-1][1])
    return shown


def planned_after(shown: dict[str, Any]) -> dict[str, Any]:
    """``{address: planned values}`` of the resource changes."""
    return {c["address"]: c["change"]["after"] for c in shown.get("resource_changes", [])}
