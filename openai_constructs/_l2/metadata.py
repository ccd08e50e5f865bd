"""The engine behind ``Metadata.of`` and the L2 constructs' ``metadata``: the operations
recorded on scopes, the precedence that merges them with a construct's own pairs, and the
rendering of the result onto each resource that carries metadata.

The rules of precedence and why the work is eager are told where users read them, in the
docstring of :mod:`openai_constructs.metadata` (the public ``Metadata`` class, which records
operations here). The L2 base class (``base.py``) claims its resource with :func:`claim` and
reads its pairs with :func:`resolve`; the generated resources call back through the hook
installed below (``_runtime/bindings.py``'s ``set_metadata_hook``) when one is created or its
``metadata`` set while operations are recorded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .._public import public
from .._runtime import bindings, creation
from .._runtime._jsii import object_id
from .._runtime.cdk import IConstruct
from .._runtime.hcl.templates import literal_text
from .._runtime.terraform_types import Invalid, check_key, describe, text_problem
from .._runtime.tokens import is_unresolved
from ..errors import AttributeTypeError
from .boundary import literal_values, merge_expression

OWN_PRIORITY = 50
"""The priority of a construct's own pairs (AWS CDK: tags set on the resource itself)."""

@dataclass(frozen=True)
class Operation:
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
RECORDED: dict[str, list[Operation]] = {}


def identity(construct: Any) -> str:
    ref = object_id(construct)
    return ref if ref is not None else f"python:{id(construct)}"


@public("openai_constructs.metadata")
def operations_for(scopes: Iterable[IConstruct], resource_type: str) -> list[Operation]:
    """The recorded operations that reach a ``resource_type`` object with these ``scopes``
    (root first, as ``node.scopes`` lists them), in the order they take effect."""
    found: list[Operation] = []
    for scope in scopes:
        recorded = RECORDED.get(identity(scope))
        if recorded:
            found.extend(op for op in recorded if op.applies_to(resource_type))
    return found


@public("openai_constructs.metadata")
def scope_operations(construct: IConstruct, resource_type: str) -> list[Operation]:
    """The operations that reach ``construct`` (itself and its ancestors)."""
    if not RECORDED:
        return []
    return operations_for(creation.scopes_of(construct), resource_type)


def _same(text: str) -> str:
    return text


@public("openai_constructs.metadata")
def resolve(
    own: Any, operations: Sequence[Operation], escape: Callable[[str], str] = _same
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
        # would not escape them, see boundary.py).
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


def referenced_removals(own: Any, operations: Sequence[Operation]) -> list[str]:
    """Keys a ``remove`` ranking above own pairs should take out of a referenced map."""
    if own is None or not is_unresolved(own):
        return []
    last: dict[str, Operation] = {}
    for op in operations:
        current = last.get(op.key)
        if current is None or op.priority >= current.priority:
            last[op.key] = op
    return sorted(k for k, op in last.items() if op.value is None and op.priority >= OWN_PRIORITY)


# ---------------------------------------------------------------------------------------
# Which constructs carry metadata
# ---------------------------------------------------------------------------------------


@public("openai_constructs.metadata")
def bears_metadata(construct: Any) -> bool:
    """True for resources (generated L1 classes and their subclasses) with a ``metadata``
    argument; the L2 constructs carry theirs on such a resource."""
    return isinstance(construct, bindings.Resource) and "metadata" in type(construct)._FIELDS.by_key


def owner_of(resource: Any) -> Any:
    """The L2 construct whose metadata this resource carries, or ``None``."""
    return resource.__dict__.get("_metadata_owner")


def render(resource: Any, operations: Sequence[Operation] | None = None) -> None:
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
    owner = owner_of(resource)
    if owner is not None:
        resource._send("metadata", literal_values(resolve(owner._own_metadata, operations)))
        return
    resource._send("metadata", resolve(resource._input("metadata"), operations, literal_text))


def _on_resource(resource: Any, scope: Any) -> None:
    if not RECORDED or not bears_metadata(resource):
        return
    if (scope is not None and callable(getattr(scope, "_metadata_target", None))
            and "_resource" not in scope.__dict__):
        return  # an L2 construct's own resource, being built: rendered when it is claimed
    render(resource)


def claim(owner: Any, resource: Any) -> None:
    """Mark ``resource`` as carrying the metadata of the L2 construct ``owner`` (checked
    against the limits, reported under the construct's path) and render it."""
    resource._metadata_owner = owner
    if RECORDED:
        render(resource)


bindings.set_metadata_hook(_on_resource)


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
