"""``Metadata.of(scope)``: add or remove key-value pairs on every OpenAI object below a scope.

The counterpart of ``Tags.of`` in the AWS CDK, with its precedence rules, reaching every
resource that has ``metadata``: the L2 constructs, the generated L1 resources used directly
and user subclasses of either.

Precedence, per key, as in the AWS CDK:

1. **priority**: an operation (``add`` or ``remove``) takes effect when its priority is at
   least that of whatever set the key so far. Defaults: ``add`` 100, ``remove`` 200, and the
   construct's own pairs (its ``metadata=`` and ``add_metadata``) 50.
2. **nearest scope**: at equal priority, operations on a scope nearer the construct win over
   those on its ancestors; on one scope, the later call wins.
3. **own value**: the construct's own pairs count first, at priority 50, so a default
   ``add`` replaces them and an ``add(..., priority=49)`` only fills in missing keys.

It works without cdktf Aspects (which call back from node into Python once per construct at
synth time). The work happens eagerly, in Python, when metadata can change:

* ``Metadata.of(scope).add``/``remove`` records the operation on the scope and re-renders
  every resource with metadata already below it (one ``find_all`` call), after checking them
  all: if any object would break a limit, nothing is recorded and nothing changes;
* a resource created later asks its ancestors for recorded operations (``node.scopes``,
  known in Python for the constructs of this package), and so does a resource whose
  ``metadata`` is set again.

So the values handed to cdktf are always complete, and a limit violation is raised at the line
that caused it, before ``app.synth()`` can write anything. Own pairs keep the order they were
given in; pairs from ``Metadata.of`` follow, sorted by key, so the document does not depend on
the order of calls on different scopes.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from ._l2.metadata import (
    OWN_PRIORITY,
    RECORDED,
    Operation,
    bears_metadata,
    check_pair,
    identity,
    operations_for,
    owner_of,
    referenced_removals,
    render,
    resolve,
    scope_operations,
)
from ._l2.rules import MAX_METADATA_PAIRS, METADATA_RESOURCE_TYPES, rule
from ._l2.violations import Violation, Violations
from ._runtime.cdk import Construct, IConstruct
from ._runtime.terraform_types import describe, normalization_clash
from .errors import AttributeTypeError, ConstructTypeError, ValidationError

MAX_PAIRS = MAX_METADATA_PAIRS
"""The API's limit on pairs per object (declared once, with its rule, in ``_l2/rules.py``)."""
ADD_PRIORITY = 100
"""The default priority of ``Metadata.of(...).add`` (AWS CDK: ``Tags.of(...).add``)."""
REMOVE_PRIORITY = 200
"""The default priority of ``Metadata.of(...).remove`` (AWS CDK: ``Tags.of(...).remove``)."""

_RESOURCE_TYPES = rule("metadata.resource_types")
_PRIORITY = rule("metadata.priority")
_NFC = rule("metadata.normalization")
REFERENCED_REMOVE = rule("metadata.referenced_remove")


def _types(
    violations: Violations, attribute: str, value: Sequence[str] | None
) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, str) or not isinstance(value, (list, tuple, set, frozenset)):
        violations.add(Violation(attribute, _RESOURCE_TYPES, repr(value)))
        return frozenset()
    unknown = [t for t in value if t not in METADATA_RESOURCE_TYPES]
    if unknown:
        violations.add(Violation(attribute, _RESOURCE_TYPES, ", ".join(map(repr, unknown))))
    return frozenset(value)


def _priority(violations: Violations, value: Any) -> float:
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or (isinstance(value, float) and not math.isfinite(value))
    ):
        violations.add(Violation("priority", _PRIORITY, repr(value)))
        return 0.0
    return float(value)



class Metadata:
    """Adds and removes metadata pairs on every assistant, thread, message and run below a
    scope (L2 constructs and generated resources alike), with the AWS CDK's precedence:
    priority, then the nearest scope, then the construct's own pairs (priority 50).
    """

    __slots__ = ("_scope",)

    def __init__(self, scope: IConstruct) -> None:
        if not isinstance(scope, Construct):
            raise ConstructTypeError(
                f"Metadata.of: scope: expects a construct (an App, a stack or any construct "
                f"below them), got {describe(scope)}"
            )
        self._scope = scope

    @staticmethod
    def of(scope: IConstruct) -> Metadata:
        """The metadata of ``scope``, applied to ``scope`` and everything below it."""
        return Metadata(scope)

    def _where(self) -> str:
        scope_path = str(self._scope.node.path)
        return f"Metadata.of({scope_path or '<app>'!r})"

    def add(
        self,
        key: str,
        value: str,
        *,
        include_resource_types: Sequence[str] | None = None,
        exclude_resource_types: Sequence[str] | None = None,
        priority: float = ADD_PRIORITY,
    ) -> None:
        """Add ``key: value`` to every object below the scope.

        :param include_resource_types: Only objects of these Terraform types (e.g.
            ``["openai_beta_thread"]``). Default: every type with metadata.
        :param exclude_resource_types: Not objects of these types. Default: none.
        :param priority: Takes effect over whatever set the key with a lower or equal
            priority. Default: 100 (own pairs have 50, ``remove`` 200).

        Raises (and changes nothing) for a key or value that is not a string or is too long
        (``AttributeTypeError``, ``ValidationError``), an invalid option, or when any object
        would exceed 16 pairs.
        """
        where = self._where()
        check_pair(f"{where}.add", key, value)
        violations = Violations(where)
        violations.check_resource("openai_beta_assistant", {"metadata": {key: value}})
        operation = self._operation(
            violations, key, value, include_resource_types, exclude_resource_types, priority
        )
        violations.raise_if_any()
        self._record(operation, f"{where}.add({key!r}, ...)")

    def remove(
        self,
        key: str,
        *,
        include_resource_types: Sequence[str] | None = None,
        exclude_resource_types: Sequence[str] | None = None,
        priority: float = REMOVE_PRIORITY,
    ) -> None:
        """Remove ``key`` from every object below the scope, own pairs included (they have
        priority 50), unless something with a higher priority sets it.

        :param priority: Default: 200. Options as for ``add``.
        """
        where = self._where()
        check_pair(f"{where}.remove", key, "")
        violations = Violations(where)
        operation = self._operation(
            violations, key, None, include_resource_types, exclude_resource_types, priority
        )
        violations.raise_if_any()
        self._record(operation, f"{where}.remove({key!r})")

    def pairs(self, resource_type: str | None = None) -> Any:
        """The metadata the object of this construct will be sent (``None`` if none).

        On a construct with metadata (an L2 construct or a generated resource) it is exactly
        what synthesizes, before escaping. On any other scope, pass ``resource_type``: the
        pairs an object of that type declared directly in the scope without pairs of its own
        would get.
        """
        target = _target(self._scope)
        if target is not None:
            owner = owner_of(target)
            own = owner._own_metadata if owner is not None else target._input("metadata")
            return resolve(own, scope_operations(target, target.TF_RESOURCE_TYPE))
        if resource_type not in METADATA_RESOURCE_TYPES:
            raise AttributeTypeError(
                f"{self._where()}.pairs: the scope has no metadata of its own; pass "
                f"resource_type, one of {', '.join(METADATA_RESOURCE_TYPES)}"
            )
        assert resource_type is not None
        return resolve(None, scope_operations(self._scope, resource_type))

    # -- internals ------------------------------------------------------------------------

    def _operation(
        self,
        violations: Violations,
        key: str,
        value: Any,
        include: Sequence[str] | None,
        exclude: Sequence[str] | None,
        priority: Any,
    ) -> Operation:
        return Operation(
            key,
            value,
            _priority(violations, priority),
            _types(violations, "include_resource_types", include),
            _types(violations, "exclude_resource_types", exclude),
        )

    def _record(self, operation: Operation, call: str) -> None:
        scope = identity(self._scope)
        previous = RECORDED.get(scope)
        RECORDED[scope] = [*(previous or ()), operation]
        try:
            targets = [
                (c, scope_operations(c, c.TF_RESOURCE_TYPE))  # type: ignore[attr-defined]
                for c in self._scope.node.find_all()
                if bears_metadata(c)
            ]
            problems: list[Violation] = []
            for resource, operations in targets:
                _check(resource, operations, problems)
                _check_keys(resource, operations, problems)
            if problems:
                raise ValidationError(call, problems)
        except BaseException:
            if previous is None:
                RECORDED.pop(scope, None)
            else:
                RECORDED[scope] = previous
            raise
        for resource, operations in targets:
            render(resource, operations)


def _target(scope: Any) -> Any:
    """The resource whose metadata ``scope`` controls: itself, or an L2's resource."""
    if bears_metadata(scope):
        return scope
    target = getattr(scope, "_metadata_target", None)
    if callable(target):
        return target()
    return None


def _check_keys(resource: Any, operations: Sequence[Operation], problems: list[Violation]
                ) -> None:
    """Keys the merge would send that Terraform's NFC normalization makes one (for every
    resource, generated ones used directly too: Terraform would refuse the object)."""
    owner = owner_of(resource)
    own = owner._own_metadata if owner is not None else resource._input("metadata")
    merged = resolve(own, operations)
    if not isinstance(merged, Mapping) or all(k.isascii() for k in merged):
        return
    clash = normalization_clash(merged)
    if clash is not None:
        path = str((owner or resource).node.path)
        problems.append(Violation(f"{path}: metadata", _NFC, clash.removeprefix("has ")))


def _check(resource: Any, operations: Sequence[Operation], problems: list[Violation]) -> None:
    """The limits on what ``resource`` would be sent, for resources of an L2 construct (a
    generated resource used directly is the unchecked escape hatch)."""
    owner = owner_of(resource)
    if owner is None:
        return
    own = owner._own_metadata
    removals = referenced_removals(own, operations)
    found = Violations("")
    owner._check_metadata_count(found, own, resolve(own, operations))
    if not removals and not found:
        return  # the path (a node round trip) only for a problem
    path = str(owner.node.path)
    for key in removals:
        problems.append(Violation(f"{path}: metadata", REFERENCED_REMOVE, f"remove({key!r})"))
    problems.extend(Violation(f"{path}: {v.attribute}", v.rule, v.detail) for v in found)


__all__ = [
    "ADD_PRIORITY",
    "MAX_PAIRS",
    "METADATA_RESOURCE_TYPES",
    "Metadata",
    "OWN_PRIORITY",
    "REMOVE_PRIORITY",
    "bears_metadata",
    "operations_for",
    "resolve",
    "scope_operations",
]
