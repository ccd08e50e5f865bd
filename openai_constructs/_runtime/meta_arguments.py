"""The meta-arguments of an element (``count``, ``for_each``, ``depends_on``), checked in Python.

cdktf hands them to node as given. There, a ``count`` of ``nan`` or ``inf`` is not JSON and
kills the jsii kernel, ``2**60`` is written with other digits, a string or a bool fails with a
deserialization trace, a plain list as ``for_each`` too; a construct that is not itself a
Terraform element (an L2 construct, a pattern) in ``depends_on`` is silently written as
nothing (``"depends_on": []``).

:func:`checked_meta` runs only when one of them is given (never on the happy path of an
element without meta-arguments, and without a call into node for literal values). It raises
one ``AttributeTypeError`` naming the element's path, the argument and the rule, and turns a
construct in ``depends_on`` into the Terraform elements below it, as the AWS CDK does for a
dependency on a construct: an L2 construct stands for its resource, a pattern for all of its.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from ..errors import AttributeTypeError
from . import cdk
from .creation import construct_path
from .terraform_types import MAX_EXACT_INTEGER, describe
from .tokens import is_unresolved

COUNT_RULE = (
    "expects an int from 0 to 2**53 (what Terraform's JSON numbers carry exactly), a number "
    "reference or a TerraformCount"
)


def _where(kind: str, scope: Any, id: Any) -> str:
    return f"{kind} {construct_path(scope, id)!r}"


def count_problem(count: Any) -> str | None:
    """Why ``count`` cannot be a count, or ``None``."""
    if isinstance(count, cdk.TerraformCount):
        return None
    if isinstance(count, bool) or not isinstance(count, (int, float)):
        fix = ""
        if isinstance(count, str) and count.strip().isascii() and count.strip().isdigit():
            fix = f"; pass count={count.strip()}"
        return f"{COUNT_RULE}, got {describe(count)}{fix}"
    if not math.isfinite(count):  # before is_unresolved: -inf looks like a number token
        return f"{COUNT_RULE}, got {count!r}"
    if is_unresolved(count):
        return None
    if count < 0 or count != int(count) or count > MAX_EXACT_INTEGER:
        return f"{COUNT_RULE}, got {count!r}"
    return None


def for_each_problem(for_each: Any) -> str | None:
    """Why ``for_each`` cannot be iterated over, or ``None``."""
    if isinstance(for_each, cdk.TerraformIterator):
        return None
    if isinstance(for_each, (list, tuple, set, frozenset)):
        fix = "; wrap it: for_each=TerraformIterator.from_list(...)"
    elif isinstance(for_each, Mapping):
        fix = "; wrap it: for_each=TerraformIterator.from_map(...)"
    else:
        fix = ""
    return (
        "expects a TerraformIterator (TerraformIterator.from_list, from_map or "
        f"from_resources), got {describe(for_each)}{fix}"
    )


def is_element(item: Any) -> bool:
    """A Terraform element that ``depends_on`` can name (resource, data source, module)."""
    runtime = _runtime()
    return isinstance(
        item, (runtime.TerraformResource, runtime.TerraformDataSource, runtime.TerraformModule)
    )


def _runtime() -> Any:
    import sys

    return sys.modules[cdk.runtime_name()]


def dependencies(where: str, depends_on: Any) -> list[Any]:
    """``depends_on`` with every construct that is not an element replaced by the elements
    below it (in tree order); refuses anything else."""
    if isinstance(depends_on, (str, bytes)) or not isinstance(depends_on, (list, tuple)):
        raise AttributeTypeError(
            f"{where}: depends_on: expects a list of resources, data sources, modules or "
            f"constructs, got {describe(depends_on)}"
        )
    if all(is_element(item) for item in depends_on):
        return list(depends_on)
    out: list[Any] = []
    for index, item in enumerate(depends_on):
        if is_element(item):
            out.append(item)
            continue
        if not isinstance(item, cdk.Construct):
            raise AttributeTypeError(
                f"{where}: depends_on[{index}]: expects a resource, data source, module or "
                f"construct, got {describe(item)}"
            )
        below = [c for c in item.node.find_all() if is_element(c)]
        if not below:
            raise AttributeTypeError(
                f"{where}: depends_on[{index}]: {item.node.path!r} has no Terraform element "
                "below it (an imported or looked-up object declares nothing to wait for); "
                "remove it from depends_on"
            )
        out.extend(below)
    return out


def checked_meta(kind: str, scope: Any, id: Any, meta: dict[str, Any]) -> dict[str, Any]:
    """``meta`` (the meta-arguments given) checked, ``depends_on`` expanded; raises an
    ``AttributeTypeError`` naming the element."""
    count = meta.get("count")
    if count is not None:
        problem = count_problem(count)
        if problem is not None:
            raise AttributeTypeError(f"{_where(kind, scope, id)}: count: {problem}")
    for_each = meta.get("for_each")
    if for_each is not None:
        problem = for_each_problem(for_each)
        if problem is not None:
            raise AttributeTypeError(f"{_where(kind, scope, id)}: for_each: {problem}")
    depends_on = meta.get("depends_on")
    if depends_on is not None:
        meta = {**meta, "depends_on": dependencies(_where(kind, scope, id), depends_on)}
    return meta


__all__ = [
    "COUNT_RULE",
    "checked_meta",
    "count_problem",
    "dependencies",
    "for_each_problem",
    "is_element",
]
