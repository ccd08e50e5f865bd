"""``for_each`` and ``count`` on the L2 constructs: one declaration, many objects.

An L2 construct declared with ``for_each`` (a cdktf ``TerraformIterator``: from a list, a map,
a variable or another resource) or ``count`` (a number, a number reference or a
``TerraformCount``) hands the meta-argument to its L1 resource, so Terraform makes one object
per entry. The iterator's values (``iterator.key``, ``iterator.value``,
``iterator.get_string(...)``, ``count.index``) are references like any other: they pass every
check untouched and may appear in any attribute, while literal parts are still checked and
escaped.

Chaining keeps the instances together. A message or run declared on an iterated thread is
iterated the same way (the same ``for_each`` expression or the same ``count``), so
``each.key``, ``each.value`` and ``count.index`` mean the same thing in the thread and in
everything declared on it, and it refers to its own thread instance:
``openai_beta_thread.T[each.key].id`` (``[count.index]`` with count). An iterated assistant
is referred to by key: ``assistant_key=``, or, when it is iterated by the very same iterator
(or count) as the thread, the instance with the same key.
"""

from __future__ import annotations

from typing import Any, NoReturn

from .._runtime import cdk
from .._runtime.hcl.attributes import expression_token as _expression
from .._runtime.hcl.strings import exact_string
from .._runtime.meta_arguments import count_problem, for_each_problem
from .._runtime.tokens import is_unresolved
from ..errors import AttributeTypeError, ValidationError
from .rules import rule
from .violations import Violation

ONE_OF = rule("iteration.one_of")
COUNT = rule("iteration.count")
INHERITED = rule("iteration.inherited")
KEY_NEEDED = rule("iteration.assistant_key")
KEY_UNUSED = rule("iteration.assistant_key_unused")
NOT_ITERATED = rule("iteration.not_iterated")
SINGLE = rule("iteration.single")


class Iteration:
    """How many objects one L2 declaration stands for: one, ``for_each`` or ``count``."""

    __slots__ = ("count", "for_each")

    def __init__(self, for_each: Any = None, count: Any = None) -> None:
        self.for_each = for_each
        self.count = count

    @property
    def iterated(self) -> bool:
        return self.for_each is not None or self.count is not None

    def meta(self) -> dict[str, Any]:
        """The meta-arguments for the L1 resource."""
        if self.for_each is not None:
            return {"for_each": self.for_each}
        if self.count is not None:
            return {"count": self.count}
        return {}

    def key(self) -> Any:
        """``each.key`` or ``count.index``: the instance being declared."""
        if self.for_each is not None:
            return self.for_each.key
        return self.count.index

    def same_as(self, other: Iteration) -> bool:
        """Iterated by the very same iterator or count object (so keys correspond)."""
        if self.for_each is not None:
            return self.for_each is other.for_each
        return self.count is not None and self.count is other.count


SINGLE_ITERATION = Iteration()


def take_iteration(violations: Any, for_each: Any, count: Any, intake: Any = None) -> Iteration:
    """Check ``for_each``/``count`` as given to an L2 construct; ``count`` becomes a
    ``TerraformCount`` (whose ``index`` chained constructs use).

    Refused here, in Python, before anything reaches node: a ``for_each`` that is not a
    ``TerraformIterator`` (a plain list or dict: the fix is ``TerraformIterator.from_list``
    or ``from_map``) and a ``count`` that is a string or a bool (``AttributeTypeError``); a
    ``count`` that is negative, fractional, not finite or beyond 2**53 (which JSON numbers
    carry exactly) is a ``ValidationError`` of rule ``iteration.count``. ``intake`` names
    the construct path in the message.
    """
    if for_each is None and count is None:
        return SINGLE_ITERATION
    if for_each is not None and count is not None:
        violations.add(Violation("for_each", ONE_OF, "both"))
        return SINGLE_ITERATION
    if for_each is not None:
        problem = for_each_problem(for_each)
        if problem is not None:
            _type_error(intake, "for_each", problem)
        return Iteration(for_each=for_each)
    if isinstance(count, cdk.TerraformCount):
        return Iteration(count=count)
    problem = count_problem(count)
    if problem is not None:
        if isinstance(count, bool) or not isinstance(count, (int, float)):
            _type_error(intake, "count", problem)
        violations.add(Violation("count", COUNT, repr(count)))
        return SINGLE_ITERATION
    return Iteration(count=cdk.TerraformCount.of(count if is_unresolved(count) else int(count)))


def _type_error(intake: Any, attribute: str, message: str) -> NoReturn:
    if intake is not None:
        intake.fail(attribute, message)
    raise AttributeTypeError(f"{attribute}: {message}")








def instance_key(key: Any, attribute: str = "assistant_key") -> Any:
    """The index expression for ``key``: references as they are, literal strings quoted and
    escaped (``["pt-BR"]``), literal integers as numbers."""
    if is_unresolved(key):
        return key
    if isinstance(key, bool) or not isinstance(key, (str, int)):
        raise AttributeTypeError(
            f"{attribute}: expects a key (str), an index (int) or a reference, got "
            f"{type(key).__name__} {key!r:.60}"
        )
    return _expression(exact_string(key) if isinstance(key, str) else str(key))


def instance_attribute(
    resource: Any, iteration: Iteration, key: Any, attribute: str, argument: str = "assistant_key"
) -> str:
    """A reference to ``attribute`` of one instance of an iterated ``resource``:
    ``type.name[key].attribute``."""
    del iteration  # the key alone picks the instance, for for_each and count alike
    access = cdk.Fn.lookup_nested(resource, [instance_key(key, argument), attribute])
    return str(cdk.Token.as_string(access))


def all_instances(resource: Any, iteration: Iteration, attribute: str) -> Any:
    """``attribute`` of every instance: a map by key (for_each) or a list (count)."""
    if iteration.for_each is not None:
        every = cdk.TerraformIterator.from_resources(resource)
        return every.for_expression_for_map("key", f"val.{attribute}")
    return cdk.Fn.lookup_nested(resource, ["*", attribute])


def refuse_single(path: str, attribute: str) -> ValidationError:
    return ValidationError(path, [Violation(attribute, SINGLE, "for_each or count is set")])


__all__ = [
    "Iterated",
    "Iteration",
    "iteration_of",
    "SINGLE_ITERATION",
    "all_instances",
    "instance_attribute",
    "refuse_single",
    "take_iteration",
]


def iteration_of(construct: Any) -> Iteration:
    """The iteration of an L2 construct (one object for anything else)."""
    found = getattr(construct, "_iteration", None)
    return found if isinstance(found, Iteration) else SINGLE_ITERATION


class Iterated:
    """What the L2 constructs with ``for_each``/``count`` share: single-object attributes
    refuse clearly on an iterated construct, and the attributes of every instance."""

    _iteration: Iteration
    node: Any

    def _iterated_resource(self) -> Any:
        return self.__dict__["_resource"]

    @property
    def iteration(self) -> Iteration:
        """``for_each``/``count`` of this construct (``iterated`` is False for one object)."""
        return self._iteration

    def _single(self, attribute: str) -> Any:
        """``attribute`` of the one object; an iterated construct has none."""
        if self._iteration.iterated:
            raise refuse_single(str(self.node.path), attribute)
        return getattr(self._iterated_resource(), attribute)

    def _every(self, attribute: str) -> Any:
        """``attribute`` of every instance: a map by key (for_each) or a list (count); for a
        construct that is not iterated, the attribute of its one object."""
        if not self._iteration.iterated:
            return getattr(self._iterated_resource(), attribute)
        return all_instances(self._iterated_resource(), self._iteration, attribute)

    def _for(self, key: Any, attribute: str) -> str:
        """``attribute`` of the instance ``key`` (a for_each key or a count index)."""
        if not self._iteration.iterated:
            raise ValidationError(
                str(self.node.path),
                [Violation("key", NOT_ITERATED, repr(key))],
            )
        return instance_attribute(
            self._iterated_resource(), self._iteration, key, attribute, "key"
        )


def collection_iterator(where: str, attribute: str, value: Any, *, text: bool = False) -> Any:
    """The ``TerraformIterator`` for a pattern's collection given as an iterator or as a
    ``TerraformVariable`` of a map, object, list or set type; ``None`` for anything else (a
    literal collection, handled by the pattern).

    A sensitive variable is refused (Terraform refuses sensitive values as ``for_each``, which
    would expose them as instance keys), and with ``text`` (each value is used as a string,
    e.g. a user) so is a collection of objects or collections: both would fail only at plan.
    """
    if isinstance(value, cdk.TerraformIterator):
        return value
    if not isinstance(value, cdk.TerraformVariable):
        return None
    declared = (value.type or "").replace(" ", "")
    if value.sensitive:
        raise AttributeTypeError(
            f"{where}: {attribute}: the TerraformVariable {value.node.id!r} is sensitive, and "
            "Terraform refuses sensitive values as for_each (they would show as instance "
            "keys); declare it without sensitive=True, or iterate over "
            "Fn.nonsensitive(variable.value) if its entries may be shown"
        )
    if text:
        inner = declared
        for outer in ("map(", "list(", "set("):
            if declared.startswith(outer) and declared.endswith(")"):
                inner = declared[len(outer):-1]
        if inner.startswith(("object(", "map(", "list(", "set(", "tuple(")) or inner in (
                "object", "tuple"):
            raise AttributeTypeError(
                f"{where}: {attribute}: the TerraformVariable {value.node.id!r} has type "
                f"{value.type!r}, whose entries are not text, but each entry is used as a "
                "string here; declare map(string), list(string) or set(string)"
            )
    if declared.startswith(("map(", "object(")) or declared in ("map", "object"):
        return cdk.TerraformIterator.from_map(cdk.Token.as_any_map(value.value))
    if declared.startswith(("list(", "set(")) or declared in ("list", "set"):
        return cdk.TerraformIterator.from_list(cdk.Token.as_list(value.value))
    raise AttributeTypeError(
        f"{where}: {attribute}: a TerraformVariable needs a map, object, list or set type to "
        f"iterate over, got type={value.type!r}; declare the type or pass "
        "TerraformIterator.from_map(...)/from_list(...)"
    )
