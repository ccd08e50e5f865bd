"""What Terraform evaluates a document to, read from a real plan (``terraform show -json``).

The kit's ``TerraformRunner.plan`` reports changes and diagnostics, not planned values, so
this runs ``plan -out`` and ``show -json`` through the runner's worker. The stub provider
plans configured values as given, so a resource's planned ``after`` value is exactly what
Terraform would send to the provider, hence to the API.
"""

from __future__ import annotations

import json
from typing import Any

from openai_constructs.testing.document import to_document

_INIT = ["init", "-input=false", "-no-color"]
_PLAN = ["plan", "-input=false", "-no-color", "-lock=false", "-out=tfplan"]
_SHOW = ["show", "-json", "-no-color", "tfplan"]


class PlanFailed(AssertionError):
    """Terraform could not plan the document; the message holds its diagnostics."""


def planned(runner: Any, subject: Any) -> dict[str, Any]:
    """The ``show -json`` form of the plan of ``subject`` (a stack, JSON text or dict)."""
    results = runner._run(to_document(subject), [_INIT, _PLAN, _SHOW])
    if len(results) < 3 or results[2][0] != 0:
        code, out, err = results[-1]
        raise PlanFailed(f"terraform {['init', 'plan', 'show'][len(results) - 1]} exited "
                         f"{code}:\n{err or out}")
    parsed: dict[str, Any] = json.loads(results[2][1])
    return parsed


def planned_after(runner: Any, subject: Any) -> dict[str, Any]:
    """``{address: planned value}`` of every resource in the plan."""
    plan = planned(runner, subject)
    return {
        change["address"]: change["change"]["after"]
        for change in plan.get("resource_changes", [])
    }
