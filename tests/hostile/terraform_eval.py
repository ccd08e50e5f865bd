"""What Terraform evaluates a document to, read from a real plan (``terraform show -json``).

The kit's ``TerraformRunner.plan`` reports changes and diagnostics, not planned values, so
this runs ``plan -out`` and ``show -json`` through the runner's worker. The stub provider
plans configured values as given, so a resource's planned ``after`` value is exactly what
Terraform would send to the provider, hence to the API.

``variables`` are given as ``-var`` flags: the values Terraform reads at plan time, never
written into the document. ``planned_after_hcl`` plans the HCL form of the same stack
(``stack.to_hcl_terraform()``), for the parity of the two forms.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from openai_constructs.testing.document import to_document

_INIT = ["init", "-input=false", "-no-color"]
_PLAN = ["plan", "-input=false", "-no-color", "-lock=false", "-out=tfplan"]
_SHOW = ["show", "-json", "-no-color", "tfplan"]


class PlanFailed(AssertionError):
    """Terraform could not plan the document; the message holds its diagnostics."""


def _plan(variables: Mapping[str, str] | None) -> list[str]:
    return [*_PLAN, *(f"-var={k}={v}" for k, v in sorted((variables or {}).items()))]


def _shown(results: list[list[Any]]) -> dict[str, Any]:
    if len(results) < 3 or results[2][0] != 0:
        code, out, err = results[-1]
        raise PlanFailed(f"terraform {['init', 'plan', 'show'][len(results) - 1]} exited "
                         f"{code}:\n{err or out}")
    parsed: dict[str, Any] = json.loads(results[2][1])
    return parsed


def planned(
    runner: Any, subject: Any, variables: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """The ``show -json`` form of the plan of ``subject`` (a stack, JSON text or dict)."""
    return _shown(runner._run(to_document(subject), [_INIT, _plan(variables), _SHOW]))


def _after(plan: dict[str, Any]) -> dict[str, Any]:
    out = {
        change["address"]: change["change"]["after"]
        for change in plan.get("resource_changes", [])
    }
    for name, output in plan.get("planned_values", {}).get("outputs", {}).items():
        out[f"output.{name}"] = output.get("value")
    return out


def planned_after(
    runner: Any, subject: Any, variables: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """``{address: planned value}`` of every resource (and ``output.<name>``) in the plan."""
    return _after(planned(runner, subject, variables))


def planned_after_hcl(
    runner: Any, stack: Any, variables: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """``planned_after`` of the HCL form of ``stack`` (its backend removed, as ``plan`` does)."""
    from tests.runtime.hclcheck import run_terraform

    document = to_document(stack)
    text = str(stack.to_hcl_terraform()["hcl"])
    results = run_terraform(runner, {"cdk.tf": text}, document,
                            [_INIT, _plan(variables), _SHOW])
    return _after(_shown(results))
