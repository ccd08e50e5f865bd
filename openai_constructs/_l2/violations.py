"""The violation collector: every broken rule of one construct, reported together.

:class:`Violations` is fed the attributes an L2 construct is about to hand its L1 resource
(:meth:`Violations.check_resource` applies every rule of ``rules.RULES`` that targets the
resource type, walked along a plan compiled once per type), plus the construct's own checks,
and raises one :class:`ValidationError` naming the construct path, the attribute and the rule.
The public names are exported by :mod:`openai_constructs.validation`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .._public import public
from .._runtime.hcl.terraform_form import terraform_form
from .._runtime.tokens import is_unresolved
from ..errors import ValidationError
from .rules import RULES, Rule, rule


@public("openai_constructs.validation")
@dataclass(frozen=True)
class Violation:
    """One broken rule at one concrete attribute path (``tools[3].function.name``)."""

    attribute: str
    rule: Rule
    detail: str

    def __str__(self) -> str:
        return f"{self.attribute}: {self.rule.text} (got {self.detail})"


@public("openai_constructs.validation")
class Violations:
    """Collects violations for one construct; :meth:`raise_if_any` reports them together.

    The L2 constructs create one with their construct path (``node.path``), feed it the
    attributes they are about to hand to the L1 resource, add checks of their own, then raise.
    """

    def __init__(self, construct_path: str) -> None:
        self.construct_path = construct_path
        self._items: list[Violation] = []

    def check(self, rule_id: str, value: Any, attribute: str | None = None) -> bool:
        """Check ``value`` against one rule; records a violation and returns False if broken.

        ``attribute`` is the concrete path for the message (default: the rule's attribute).
        """
        found = rule(rule_id)
        detail = found.detail(value)
        if detail is None:
            return True
        self._items.append(Violation(attribute or found.attribute, found, detail))
        return False

    def check_resource(self, resource_type: str, attributes: Mapping[str, Any]) -> None:
        """Apply every rule of :data:`RULES` that targets ``resource_type``.

        ``attributes`` are keyed by Terraform attribute name, as given to the L1 constructor;
        values may be plain dicts/lists, value helpers (rendered first) or tokens.
        """
        plan = _PLANS.get(resource_type)  # compiled once from RULES: see _Plan
        if plan is None:
            return
        found: list[tuple[str, Violation]] = []
        for item, path_values, top in plan.walk(attributes):
            for path, value in path_values:
                detail = item.detail(value)
                if detail is not None:
                    found.append((top, Violation(path, item, detail)))
        if len(found) > 1:
            # Report in the order the attributes were given, which is how the user reads them.
            order = {name: index for index, name in enumerate(attributes)}
            found.sort(key=lambda pair: order.get(pair[0], len(order)))
        self._items.extend(violation for _, violation in found)

    def add(self, violation: Violation) -> None:
        self._items.append(violation)

    def __iter__(self) -> Iterator[Violation]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __bool__(self) -> bool:
        return bool(self._items)

    def error(self) -> ValidationError:
        return ValidationError(self.construct_path, self._items)

    def raise_if_any(self) -> None:
        if self._items:
            raise self.error()


@public("openai_constructs.validation")
def validate_resource(
    resource_type: str, attributes: Mapping[str, Any], construct_path: str
) -> None:
    """Raise one :class:`ValidationError` listing every rule ``attributes`` break."""
    violations = Violations(construct_path)
    violations.check_resource(resource_type, attributes)
    violations.raise_if_any()


@public("openai_constructs.validation")
def check_value(owner: str, checks: Iterable[tuple[str, str, Any]]) -> None:
    """Eager checks for value helpers: ``(rule id, attribute, value)`` triples, one error.

    ``owner`` names the helper (``"FunctionTool"``) where a construct would give its path.
    """
    violations = Violations(owner)
    for rule_id, attribute, value in checks:
        violations.check(rule_id, value, attribute)
    violations.raise_if_any()


def _plain(value: Any) -> Any:
    """A value the walker can look into: helpers are rendered, L1 structs encoded
    (``terraform_form``); one that cannot be encoded is skipped here."""
    try:
        return terraform_form(value)
    except Exception:  # a type error: the L1 layer reports it with the attribute path
        return None


_Node = tuple[str, Any]
"""A (concrete path, value) pair found while walking an attribute path pattern."""


def _mappings(nodes: Sequence[_Node]) -> list[tuple[str, Mapping[str, Any]]]:
    """The nodes a walk can step into: values rendered, tokens and non-mappings dropped."""
    mappings: list[tuple[str, Mapping[str, Any]]] = []
    for path, value in nodes:
        value = _plain(value)
        if not is_unresolved(value) and isinstance(value, Mapping):
            mappings.append((path, value))
    return mappings


def _step(parents: Sequence[tuple[str, Mapping[str, Any]]], key: str, many: bool) -> list[_Node]:
    """The children at ``key`` (every list item when ``many``); stops at tokens and gaps."""
    children: list[_Node] = []
    for path, value in parents:
        child = _plain(value.get(key))
        if child is None or is_unresolved(child):
            continue
        child_path = f"{path}.{key}" if path else key
        if not many:
            children.append((child_path, child))
        elif isinstance(child, (list, tuple)):
            children.extend((f"{child_path}[{i}]", item) for i, item in enumerate(child))
    return children


def _leaves(nodes: Sequence[_Node]) -> list[_Node]:
    """The nodes a rule checks: values rendered, gaps dropped."""
    leaves: list[_Node] = []
    for path, value in nodes:
        plain = _plain(value)
        if plain is not None:
            leaves.append((path, plain))
    return leaves


class _Plan:
    """Where the rules for one resource type look, compiled once from :data:`RULES`.

    ``check_resource`` runs for every construct, so the table is not scanned and the patterns
    are not re-split per call. Patterns share prefixes (``tools``, ``tools[*]``,
    ``tools[*].function``...), so each distinct prefix is a node walked once per call from
    its parent node; node 0 is the attributes themselves. Helpers are immutable, so rendering
    a value once per call instead of once per pattern finds the same values.
    """

    def __init__(self, resource_type: str) -> None:
        ids: dict[tuple[str, ...], int] = {(): 0}
        steps: list[tuple[int, str, bool]] = []
        targets: list[tuple[Rule, int, str]] = []
        for item in RULES:  # RULES order, then ``where`` order: the order violations are found
            for owner, pattern in item.where:
                if owner != resource_type:
                    continue
                segments = tuple(pattern.split(".")) if pattern else ()
                for depth in range(1, len(segments) + 1):
                    prefix = segments[:depth]
                    if prefix not in ids:
                        ids[prefix] = len(ids)
                        segment = prefix[-1]
                        many = segment.endswith("[*]")
                        steps.append((ids[prefix[:-1]], segment[:-3] if many else segment, many))
                # Every path found starts with this name, the sort key of the violation.
                top = re.split(r"[.\[]", pattern)[0]
                targets.append((item, ids[segments], top))
        self.steps: tuple[tuple[int, str, bool], ...] = tuple(steps)
        """(parent node, key, walks every list item) for nodes 1, 2, ...; parents first."""
        self.rule_targets: tuple[tuple[Rule, int, str], ...] = tuple(targets)
        """(rule, node, top-level attribute name) for every place a rule applies."""

    def walk(self, attributes: Mapping[str, Any]) -> Iterator[tuple[Rule, list[_Node], str]]:
        """(rule, the (path, value) pairs it checks, top-level attribute) in RULES order."""
        nodes: list[Sequence[_Node]] = [(("", attributes),)]
        parents: dict[int, list[tuple[str, Mapping[str, Any]]]] = {}
        for parent, key, many in self.steps:
            if not nodes[parent]:
                nodes.append(())
                continue
            opened = parents.get(parent)
            if opened is None:
                opened = parents[parent] = _mappings(nodes[parent])
            nodes.append(_step(opened, key, many))
        leaves: dict[int, list[_Node]] = {}
        for item, node, top in self.rule_targets:
            found = leaves.get(node)
            if found is None:
                found = leaves[node] = _leaves(nodes[node])
            yield item, found, top


_PLANS: dict[str, _Plan] = {
    owner: _Plan(owner) for owner in dict.fromkeys(o for item in RULES for o, _ in item.where)
}
"""The plan for every resource type some rule targets; other types have nothing to check."""
