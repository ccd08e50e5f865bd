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
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ._boundary import literal_values, merge_expression
from ._runtime import bindings, creation
from ._runtime._jsii import object_id
from ._runtime.cdk import Construct, IConstruct
from ._runtime.terraform_types import (
    Invalid,
    check_key,
    describe,
    normalization_clash,
    text_problem,
)
from ._runtime.tokens import is_unresolved
from .errors import AttributeTypeError, ConstructTypeError
from .validation import (
    MAX_METADATA_PAIRS,
    Rule,
    ValidationError,
    Violation,
    Violations,
    l2_rule,
    literal_text,
)

MAX_PAIRS = MAX_METADATA_PAIRS
"""The API's limit on pairs per object (declared once, with its rule, in ``validation``)."""
OWN_PRIORITY = 50
"""The priority of a construct's own pairs (AWS CDK: tags set on the resource itself)."""
ADD_PRIORITY = 100
"""The default priority of ``Metadata.of(...).add`` (AWS CDK: ``Tags.of(...).add``)."""
REMOVE_PRIORITY = 200
"""The default priority of ``Metadata.of(...).remove`` (AWS CDK: ``Tags.of(...).remove``)."""

METADATA_RESOURCE_TYPES = (
    "openai_beta_assistant",
    "openai_beta_thread",
    "openai_beta_thread_message",
    "openai_beta_thread_run",
)
"""The Terraform resource types whose objects carry ``metadata`` (the names
``include_resource_types`` and ``exclude_resource_types`` take)."""


@dataclass(frozen=True)
class _Operation:
    """One ``add`` (``value`` set) or ``remove`` (``value`` is ``None``) on a scope."""

    key: str
    value: Any
    priority: float
    include: frozenset[str]
    exclude: frozenset[str]

    def applies_to(self, resource_type: str) -> bool:
        if resource_type in self.exclude:
            return False
        return not self.include or resource_type in self.include


# Operations recorded by Metadata.of, in call order, keyed by the identity of the scope they
# were made on. jsii hands out a fresh Python proxy for constructs created in node
# (``Testing.app()``), so the key is jsii's object reference, the same for every proxy.
_RECORDED: dict[str, list[_Operation]] = {}


def _identity(construct: Any) -> str:
    ref = object_id(construct)
    return ref if ref is not None else f"python:{id(construct)}"


def operations_for(scopes: Iterable[IConstruct], resource_type: str) -> list[_Operation]:
    """The recorded operations that reach a ``resource_type`` object with these ``scopes``
    (root first, as ``node.scopes`` lists them), in the order they take effect."""
    found: list[_Operation] = []
    for scope in scopes:
        recorded = _RECORDED.get(_identity(scope))
        if recorded:
            found.extend(op for op in recorded if op.applies_to(resource_type))
    return found


def scope_operations(construct: IConstruct, resource_type: str) -> list[_Operation]:
    """The operations that reach ``construct`` (itself and its ancestors)."""
    if not _RECORDED:
        return []
    return operations_for(creation.scopes_of(construct), resource_type)


def _same(text: str) -> str:
    return text


def resolve(
    own: Any, operations: Sequence[_Operation], escape: Callable[[str], str] = _same
) -> Any:
    """The metadata to send: ``own`` pairs (in the order given) after ``operations`` (in the
    order they take effect), by the precedence rules of the module docstring.

    Literal keys and values contributed by the operations go through ``escape`` (the L1
    boundary escaping, or nothing for a value shown to the user); ``own`` is used as given.
    A referenced ``own`` map has keys only Terraform knows, so Terraform merges: pairs that
    rank below own pairs first, the map, then pairs that rank above; a key removed above
    priority 50 cannot be taken out of such a map (``remove`` reports it, see
    ``referenced_removals``).
    """
    if not operations:
        return own

    def text(value: Any) -> Any:
        return escape(value) if isinstance(value, str) else value

    if own is not None and is_unresolved(own):
        below: dict[str, tuple[float, Any]] = {}
        for op in operations:
            current = below.get(op.key)
            if current is None or op.priority >= current[0]:
                below[op.key] = (op.priority, op.value)
        # Literal pairs as written: merge_expression makes them exact (cdktf's Fn.merge
        # would not escape them, see _boundary).
        lower = {k: v for k, (p, v) in sorted(below.items()) if v is not None and p < OWN_PRIORITY}
        upper = {
            k: v for k, (p, v) in sorted(below.items()) if v is not None and p >= OWN_PRIORITY
        }
        if not lower and not upper:
            return own
        return merge_expression([part for part in (lower, own, upper) if part is own or part])

    own_pairs: Mapping[str, Any] = own or {}
    values: dict[str, Any] = dict(own_pairs)
    priorities: dict[str, float] = dict.fromkeys(own_pairs, OWN_PRIORITY)
    from_operations: set[str] = set()
    for op in operations:
        ranked = priorities.get(op.key)
        if ranked is not None and op.priority < ranked:
            continue
        priorities[op.key] = op.priority
        if op.value is None:
            values.pop(op.key, None)
            from_operations.discard(op.key)
        else:
            values[op.key] = op.value
            from_operations.add(op.key)
    out: dict[str, Any] = {}
    for key in own_pairs:
        if key in values:
            out[key] = text(values[key]) if key in from_operations else values[key]
    for key in sorted(k for k in values if k not in own_pairs):
        out[text(key)] = text(values[key])
    if not out and own_pairs:  # every pair removed: as if none had been given
        return None
    return out if out or own is not None else None


def referenced_removals(own: Any, operations: Sequence[_Operation]) -> list[str]:
    """Keys a ``remove`` ranking above own pairs should take out of a referenced map."""
    if own is None or not is_unresolved(own):
        return []
    last: dict[str, _Operation] = {}
    for op in operations:
        current = last.get(op.key)
        if current is None or op.priority >= current.priority:
            last[op.key] = op
    return sorted(k for k, op in last.items() if op.value is None and op.priority >= OWN_PRIORITY)


# ---------------------------------------------------------------------------------------
# Which constructs carry metadata
# ---------------------------------------------------------------------------------------


def bears_metadata(construct: Any) -> bool:
    """True for resources (generated L1 classes and their subclasses) with a ``metadata``
    argument; the L2 constructs carry theirs on such a resource."""
    return isinstance(construct, bindings.Resource) and "metadata" in type(construct)._FIELDS.by_key


def _owner_of(resource: Any) -> Any:
    """The L2 construct whose metadata this resource carries, or ``None``."""
    return resource.__dict__.get("_metadata_owner")


def render(resource: Any, operations: Sequence[_Operation] | None = None) -> None:
    """Give ``resource`` the metadata its own pairs and the operations above it make.

    Called when a resource with metadata is created or its ``metadata`` is set while
    operations are recorded (the hook in ``_runtime/bindings.py``), and by ``add``/``remove``.

    The pairs are merged in the user's form and escaped once, here, at the boundary: an L2
    construct's own pairs are taken as written (``_own_metadata``), not as the escaped text
    its resource holds, so a key such as ``x${y}`` is the same key for ``add``, ``remove``
    and the construct. A generated resource used directly holds Terraform text as given (its
    own pairs are not escaped; the pairs of operations are).
    """
    if operations is None:
        operations = scope_operations(resource, resource.TF_RESOURCE_TYPE)
    owner = _owner_of(resource)
    if owner is not None:
        resource._send("metadata", literal_values(resolve(owner._own_metadata, operations)))
        return
    resource._send("metadata", resolve(resource._input("metadata"), operations, literal_text))


def _on_resource(resource: Any, scope: Any) -> None:
    if not _RECORDED or not bears_metadata(resource):
        return
    if (scope is not None and callable(getattr(scope, "_metadata_target", None))
            and "_resource" not in scope.__dict__):
        return  # an L2 construct's own resource, being built: rendered when it is claimed
    render(resource)


def claim(owner: Any, resource: Any) -> None:
    """Mark ``resource`` as carrying the metadata of the L2 construct ``owner`` (checked
    against the limits, reported under the construct's path) and render it."""
    resource._metadata_owner = owner
    if _RECORDED:
        render(resource)


bindings.set_metadata_hook(_on_resource)


# ---------------------------------------------------------------------------------------
# The public API
# ---------------------------------------------------------------------------------------


_RESOURCE_TYPES = l2_rule(
    "metadata.resource_types",
    "include_resource_types",
    f"a list of resource types among {', '.join(METADATA_RESOURCE_TYPES)}",
)
_PRIORITY = l2_rule("metadata.priority", "priority", "a finite number")
REFERENCED_REMOVE = l2_rule(
    "metadata.referenced_remove",
    "metadata",
    "a literal map to remove keys from (the keys of a referenced map are only known to "
    "Terraform); lower the priority of remove below 50 or set the pairs on the construct",
)


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


def check_pair(where: str, key: Any, value: Any) -> None:
    """One metadata pair as ``add_metadata`` and ``Metadata.of(...).add`` take it: a literal
    string key that reaches the document (not ``//``), a string value (or a reference).
    """
    if not isinstance(key, str) or is_unresolved(key):
        got = "a reference" if isinstance(key, str) else describe(key)
        raise AttributeTypeError(
            f"{where}: metadata: the key must be a literal string, got {got}"
        )
    try:
        check_key(key)
    except Invalid as error:
        raise AttributeTypeError(f"{where}: metadata: {error.message}") from None
    if not isinstance(value, str):
        raise AttributeTypeError(
            f"{where}: metadata[{key!r}]: expects a string, got {describe(value)}; metadata "
            "values are strings (str(value) for a number)"
        )
    problem = text_problem(value) if not value.isascii() else None
    if problem is not None:
        raise AttributeTypeError(f"{where}: metadata[{key!r}]: {problem}")


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
            owner = _owner_of(target)
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
    ) -> _Operation:
        return _Operation(
            key,
            value,
            _priority(violations, priority),
            _types(violations, "include_resource_types", include),
            _types(violations, "exclude_resource_types", exclude),
        )

    def _record(self, operation: _Operation, call: str) -> None:
        identity = _identity(self._scope)
        previous = _RECORDED.get(identity)
        _RECORDED[identity] = [*(previous or ()), operation]
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
                _RECORDED.pop(identity, None)
            else:
                _RECORDED[identity] = previous
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


_NFC = Rule(
    "metadata.normalization",
    "metadata",
    "keys that stay distinct in Terraform, which normalizes strings to Unicode NFC",
    lambda value: None,
)


def _check_keys(resource: Any, operations: Sequence[_Operation], problems: list[Violation]
                ) -> None:
    """Keys the merge would send that Terraform's NFC normalization makes one (for every
    resource, generated ones used directly too: Terraform would refuse the object)."""
    owner = _owner_of(resource)
    own = owner._own_metadata if owner is not None else resource._input("metadata")
    merged = resolve(own, operations)
    if not isinstance(merged, Mapping) or all(k.isascii() for k in merged):
        return
    clash = normalization_clash(merged)
    if clash is not None:
        path = str((owner or resource).node.path)
        problems.append(Violation(f"{path}: metadata", _NFC, clash.removeprefix("has ")))


def _check(resource: Any, operations: Sequence[_Operation], problems: list[Violation]) -> None:
    """The limits on what ``resource`` would be sent, for resources of an L2 construct (a
    generated resource used directly is the unchecked escape hatch)."""
    owner = _owner_of(resource)
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
