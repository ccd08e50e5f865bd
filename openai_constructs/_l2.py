"""What the L2 constructs share: checking before anything is created, and metadata.

Each L2 names its L1 child ``Default``: ``node.default_child`` finds it without being set
(a round trip to node saved per construct) and the Terraform name is the L2's own.

Every L2 builds the attributes it is about to give its L1 resource, checks them against the
rules table of ``validation`` (plus the merged-metadata limit) and raises one
``ValidationError`` before the construct is added to the tree.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ._boundary import literal_values
from ._runtime.cdk import Construct, IConstruct
from ._runtime.l1 import create_construct
from ._runtime.tokens import is_unresolved
from .metadata import referenced_removals, resolve, scope_operations
from .validation import Rule, ValidationError, Violation, Violations, rule

MAX_METADATA_PAIRS = 16


def construct_path(scope: IConstruct, id: str) -> str:
    """The path a construct ``id`` under ``scope`` will have (errors come before it exists)."""
    parent = str(scope.node.path)
    return f"{parent}/{id}" if parent else id


def new_violations() -> Violations:
    """A collector for a construct not created yet; its path is only worked out (a call into
    node) when there is something to report.
    """
    return Violations("")


def raise_for(violations: Violations, scope: IConstruct, id: str) -> None:
    """Raise the collected violations, naming the path the construct would have had."""
    if violations:
        violations.construct_path = construct_path(scope, id)
        violations.raise_if_any()


def l2_rule(rule_id: str, attribute: str, text: str, check: Callable[[Any], str | None]) -> Rule:
    """A rule only an L2 construct knows (e.g. names that become construct ids)."""
    return Rule(rule_id, attribute, text, check)


def add_violation(violations: Violations, attribute: str, found: Rule, detail: str) -> None:
    violations.add(Violation(attribute, found, detail))


def check_merged_count(violations: Violations, own: Any, merged: Any) -> None:
    """The 16-pair limit on what is actually sent, saying where the pairs came from."""
    if not isinstance(merged, Mapping) or len(merged) <= MAX_METADATA_PAIRS:
        return
    own_count = len(own) if isinstance(own, Mapping) else 0
    add_violation(
        violations,
        "metadata",
        rule("metadata.size"),
        f"{len(merged)}: {own_count} set on the construct, {len(merged) - own_count} added "
        "with Metadata.of",
    )


def metadata_for_new(
    violations: Violations,
    scope: IConstruct,
    own: Mapping[str, str] | None,
    resource_type: str,
) -> Any:
    """Check the metadata a construct about to be created under ``scope`` would be sent;
    returns ``own`` (its resource adds the ``Metadata.of`` pairs itself).

    The construct's own pairs are checked by ``check_resource`` with the other attributes;
    here only the total, which ``Metadata.of`` pairs can push over the limit, and removals a
    referenced map cannot honour.
    """
    operations = scope_operations(scope, resource_type)
    if not operations or (isinstance(own, Mapping) and len(own) > MAX_METADATA_PAIRS):
        return own  # nothing inherited, or reported on the construct's own value already
    for key in referenced_removals(own, operations):
        add_violation(violations, "metadata", _REFERENCED_REMOVE, f"remove({key!r})")
    check_merged_count(violations, own, resolve(own, operations))
    return own


class MetadataOwner(Construct):
    """An L2 construct whose object has ``metadata``: its own pairs, to which its resource
    adds those of ``Metadata.of`` (see ``metadata.py`` for the precedence)."""

    _own_metadata: Any
    _resource_type: str

    def __init__(self, scope: IConstruct, id: str) -> None:
        # ``Construct.__init__`` with its per-object overhead done once per class.
        create_construct(self, scope, id)

    def _metadata_target(self) -> Any:
        """The L1 resource whose ``metadata`` this construct controls."""
        raise NotImplementedError

    def _claim_metadata(self, resource: Any) -> None:
        """Mark ``resource`` as carrying this construct's metadata, so ``Metadata.of``
        checks it against the limits and reports this construct's path."""
        resource._metadata_owner = self

    def _check_metadata_count(self, violations: Violations, own: Any, merged: Any) -> None:
        check_merged_count(violations, own, merged)

    def add_metadata(self, key: str, value: str) -> None:
        """Set one pair on this object, checked immediately. Own pairs have priority 50:
        ``Metadata.of(...).add`` (100 by default) replaces them, see ``Metadata``."""
        violations = Violations(str(self.node.path))
        if self._own_metadata is not None and is_unresolved(self._own_metadata):
            raise ValidationError(
                str(self.node.path),
                [Violation("metadata", _REFERENCE_METADATA, "a reference")],
            )
        own = {**(self._own_metadata or {}), key: value}
        violations.check_resource(self._resource_type, {"metadata": own})
        if not violations:
            target = self._metadata_target()
            merged = resolve(own, scope_operations(target, self._resource_type))
            check_merged_count(violations, own, merged)
        violations.raise_if_any()
        self._own_metadata = own
        self._metadata_target().metadata = literal_values(own)

    @property
    def metadata(self) -> Any:
        """The metadata sent with the object (before escaping): own pairs first, in the order
        given, then those from ``Metadata.of`` by key. Same as ``Metadata.of(self).pairs()``.
        """
        target = self._metadata_target()
        return resolve(self._own_metadata, scope_operations(target, self._resource_type))


_NON_EMPTY = l2_rule("import.id", "id", "a non-empty string or a reference", lambda value: None)


def non_empty_id(violations: Violations, attribute: str, value: Any) -> None:
    """Importers need an id: a non-empty string (a reference is fine)."""
    if not isinstance(value, str) or not value:
        add_violation(violations, attribute, _NON_EMPTY, repr(value))


_REFERENCED_REMOVE = l2_rule(
    "metadata.referenced_remove",
    "metadata",
    "a literal map to remove keys from (the keys of a referenced map are only known to "
    "Terraform); lower the priority of remove below 50 or set the pairs on the construct",
    lambda value: None,
)

_REFERENCE_METADATA = l2_rule(
    "metadata.literal",
    "metadata",
    "a literal map to add pairs to with add_metadata",
    lambda value: None,
)


__all__ = [
    "MetadataOwner",
    "add_violation",
    "check_merged_count",
    "construct_path",
    "l2_rule",
    "metadata_for_new",
    "new_violations",
    "non_empty_id",
    "raise_for",
]
