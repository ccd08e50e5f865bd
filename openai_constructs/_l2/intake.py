"""Argument intake of the L2 constructs and patterns: what each parameter accepts, refused
with the public errors of :mod:`openai_constructs.errors` before anything is created.

Everything here runs on the caller's values as written. A refusal names the construct path
the construct would have, the parameter (``tools[2]``), what it accepts, what it got and the
fix when there is one. Checks are ``isinstance`` tests on the happy path; messages are only
built when something is wrong.

* :class:`Intake` is one call's context: the owner (``Assistant``, ``Thread.run``), scope
  and id, and the path worked out only when an error is raised.
* :func:`items` materialises an iterable parameter once, refusing a bare string (iterated
  per character), a set (no order), a mapping and non-iterables.
* :func:`mapping` takes a dict or a reference; :func:`construct_of` a construct of one kind.
* :func:`check_id` refuses ids that fail later in node or at synth.
* :func:`keyword_hints` (over ``_runtime/arguments.py``'s ``checked``, shared with the L1
  bindings) turns Python's refusal of a call's arguments into an ``AttributeTypeError``
  naming the construct path and the closest parameter, keeping the signature for mypy; on a
  constructor it also refuses an id a sibling already uses, asking node only on failure.
"""

from __future__ import annotations

import functools
import inspect
import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NoReturn, ParamSpec, TypeVar

from .._runtime.arguments import checked
from .._runtime.creation import construct_path
from .._runtime.terraform_types import describe
from .._runtime.tokens import is_resolvable_object, is_unresolved
from ..errors import (
    AttributeTypeError,
    ConstructIdError,
    ConstructTypeError,
    OpenAIConstructsError,
)

RESERVED_ID = "Default"
"""The id of every L2 construct's generated child; cdktf drops ``Default`` path components
when it names resources, so an L2 called ``Default`` leaves its resource without a name."""


class Intake:
    """The context of one public call: who is refusing, and the path it names."""

    __slots__ = ("id", "owner", "scope")

    def __init__(self, owner: str, scope: Any, id: Any = None) -> None:
        self.owner = owner
        self.scope = scope
        self.id = id

    @property
    def path(self) -> str:
        return construct_path(self.scope, self.id)

    def where(self) -> str:
        """``Assistant 'prod/Support'``; a value helper (no scope) is named alone."""
        if self.scope is None:
            return self.owner
        return f"{self.owner} {self.path!r}"

    def fail(
        self,
        attribute: str,
        message: str,
        kind: type[OpenAIConstructsError] = AttributeTypeError,
    ) -> NoReturn:
        prefix = f"{self.where()}: {attribute}: " if attribute else f"{self.where()}: "
        raise kind(prefix + message)


# -- ids ---------------------------------------------------------------------------------------


def check_id(intake: Intake, id: Any) -> None:
    """Refuse a scope that is not a construct, and an id node would refuse with a
    JavaScript error, or cdktf only at synth.

    An id already used by a sibling is refused by the constructor's :func:`keyword_hints`
    wrapper instead, only when the constructor fails (node refuses to create the construct,
    or another check refuses first): the happy path asks node nothing, and a taken id is
    still the error reported, before any other.
    """
    from .._runtime.cdk import Construct

    if not isinstance(intake.scope, Construct):
        raise ConstructTypeError(
            f"{intake.owner} {id!r}: scope: expects a construct (a TerraformStack or a "
            f"construct inside one), got {describe(intake.scope)}"
        )
    if isinstance(id, str) and id and id != RESERVED_ID and not is_unresolved(id):
        return
    if not isinstance(id, str):
        raise AttributeTypeError(
            f"{intake.owner} {construct_path(intake.scope)!r}: id: expects a string, "
            f"got {describe(id)}"
        )
    if not id:
        problem = "the id is empty; give the construct a name (only the app has an empty id)"
    elif id == RESERVED_ID:
        problem = (
            f"the id {RESERVED_ID!r} is reserved for the generated resource inside every "
            "construct of this library; choose another id"
        )
    else:
        problem = (
            "the id is a reference, whose value is only known when Terraform runs; construct "
            "ids name things in the program: use a literal string (for one construct per "
            "value of a variable, use for_each)"
        )
    raise ConstructIdError(f"{intake.owner} {construct_path(intake.scope)!r}: {problem}")


def _try_find_child(scope: Any, id: str) -> Any:
    try:
        return scope.node.try_find_child(id)
    except Exception:  # not a construct: the constructor reports the scope itself
        return None


def _taken(owner: str, construct: Any, args: tuple[Any, ...], kwargs: dict[str, Any]
           ) -> ConstructIdError | None:
    """The refusal of a constructor call whose ``id`` a sibling already uses, if it does.

    Asked only once the call has failed, for any reason: node refusing the duplicate, or a
    check refusing an argument first (the taken id is then the error reported, as when it
    was checked before everything else)."""
    from .._runtime.cdk import Construct

    scope = args[0] if args else kwargs.get("scope")
    id = args[1] if len(args) > 1 else kwargs.get("id")
    if not (isinstance(scope, Construct) and isinstance(id, str) and id and id != RESERVED_ID
            and not is_unresolved(id)):
        return None
    child = _try_find_child(scope, id)
    if child is None or child is construct:
        return None
    return ConstructIdError(
        f"{owner} {construct_path(scope, id)!r}: the id {id!r} is already used by a sibling; "
        "construct ids must be unique within their scope"
    )


_P = ParamSpec("_P")
_R = TypeVar("_R")


def keyword_hints(owner: str) -> Callable[[Callable[_P, _R]], Callable[_P, _R]]:
    """``@keyword_hints("Thread.run")``: Python's refusal of the arguments becomes an
    ``AttributeTypeError`` naming the construct path and the closest parameter (see
    ``_runtime/arguments.py``). On a constructor taking ``scope`` and ``id`` it also refuses
    an id a sibling already uses (:func:`check_id` leaves that to it), looked up only when the
    constructor fails.
    """

    def decorate(fn: Callable[_P, _R]) -> Callable[_P, _R]:
        parameters = list(inspect.signature(fn).parameters)
        if parameters[1:3] != ["scope", "id"]:
            return checked(fn, owner)

        @functools.wraps(fn)
        def taken_first(*args: _P.args, **kwargs: _P.kwargs) -> _R:
            try:
                return fn(*args, **kwargs)
            except (OpenAIConstructsError, RuntimeError):  # RuntimeError: node's refusal
                taken = _taken(owner, args[0], args[1:], kwargs)
                if taken is None:
                    raise
                raise taken from None

        return checked(taken_first, owner)

    return decorate


# -- collections -------------------------------------------------------------------------------


def items(intake: Intake, attribute: str, value: Any, what: str) -> list[Any] | Any:
    """``value`` as a list, read once; a reference to a whole list passes unchanged.

    ``what`` names one item (``"tool"``, ``"message"``) for the messages.
    """
    if isinstance(value, (list, tuple)):
        return value if is_unresolved(value) else list(value)
    if isinstance(value, (str, bytes, bytearray)):
        if isinstance(value, str) and is_unresolved(value):
            return value  # a reference to a whole list, encoded as a string token
        intake.fail(
            attribute,
            f"expects a list of {what}s, got {describe(value)}; a string is not iterated per "
            f"character: write [{_short(value)}] for one {what}",
        )
    if isinstance(value, (set, frozenset)):
        intake.fail(
            attribute,
            f"expects a list of {what}s, got a {type(value).__name__}, whose order changes from "
            "run to run; pass a list in the order meant (sorted(...) if any order will do)",
        )
    if isinstance(value, Mapping):
        intake.fail(
            attribute,
            f"expects a list of {what}s, got {describe(value)}; pass the values as a list",
        )
    if is_resolvable_object(value):
        return value
    if isinstance(value, Iterable):
        return list(value)  # generators and other iterables: read exactly once
    intake.fail(
        attribute,
        f"expects a list of {what}s, got {describe(value)}; write [{_short(value)}] for one "
        f"{what}",
    )


def mapping(intake: Intake, attribute: str, value: Any, what: str) -> Any:
    """A dict (copied) or a reference to a whole map; ``None`` passes."""
    if value is None:
        return None
    if isinstance(value, Mapping):
        return value if is_unresolved(value) else dict(value)
    if is_unresolved(value) or is_resolvable_object(value):
        return value
    intake.fail(attribute, f"expects {what}, got {describe(value)}")


def _short(value: Any) -> str:
    text = repr(value)
    if len(text) > 40:
        return f"{type(value).__name__}(...)"
    return text


# -- JSON values -------------------------------------------------------------------------------


def check_json(intake: Intake, attribute: str, value: Any) -> None:
    """Refuse what has no JSON form (NaN, sets, bytes, objects) inside a JSON dict value."""
    problem = _json_problem(value, attribute)
    if problem is not None:
        where, got = problem
        intake.fail(where, f"expects a JSON value, got {got}")


def _json_problem(value: Any, path: str) -> tuple[str, str] | None:
    if value is None or isinstance(value, (str, bool, int)):
        return None
    if isinstance(value, float):
        if math.isfinite(value) or is_unresolved(value):
            return None
        return path, f"{describe(value)} (JSON has no NaN or infinity)"
    if isinstance(value, Mapping):
        if is_unresolved(value):
            return None
        for key, item in value.items():
            if not isinstance(key, str):
                return path, f"a key {describe(key)} (JSON keys are strings)"
            found = _json_problem(item, f"{path}[{key!r}]")
            if found is not None:
                return found
        return None
    if isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            found = _json_problem(item, f"{path}[{index}]")
            if found is not None:
                return found
        return None
    if is_resolvable_object(value):
        return None
    if isinstance(value, (set, frozenset)):
        return path, f"a {type(value).__name__} (no JSON form and no order; use a list)"
    return path, describe(value)


# -- constructs --------------------------------------------------------------------------------


def _implements(value: Any, kind: type[Any]) -> bool:
    """``isinstance(value, kind)`` for a runtime-checkable protocol, reading the members from
    the class: Python 3.11's check reads them from the object, running properties such as
    ``thread_id``, which an iterated construct (``for_each``/``count``) refuses."""
    if not getattr(kind, "_is_protocol", False):
        return isinstance(value, kind)
    members = [name for name in vars(kind) if not name.startswith("_")]
    own = getattr(value, "__dict__", {})
    return all(hasattr(type(value), name) or name in own for name in members)


def construct_of(
    intake: Intake,
    attribute: str,
    value: Any,
    kind: type[Any],
    what: str,
    hint: str,
) -> Any:
    """``value`` when it is a ``kind`` (a runtime-checkable protocol), else a clear refusal.

    ``what`` names the kind (``"an assistant (IAssistant)"``); ``hint`` is the fix for an id
    string.
    """
    if _implements(value, kind):
        return value
    got = describe(value)
    node = getattr(value, "node", None)
    if node is not None:
        got = f"{type(value).__name__} {construct_path(value)!r}"
    message = f"expects {what}, got {got}"
    if isinstance(value, str):
        message += f"; {hint}"
    intake.fail(attribute, message, ConstructTypeError)


# -- keyword arguments -------------------------------------------------------------------------

_Class = TypeVar("_Class", bound=type)


def hinted(cls: _Class) -> _Class:
    """Class decorator (above ``@dataclass``): ``keyword_hints`` for the generated
    ``__init__``, so ``FunctionTool(nme="f")`` names the helper and the closest field."""
    cls.__init__ = keyword_hints(cls.__name__)(cls.__init__)  # type: ignore[misc]
    return cls


__all__ = [
    "RESERVED_ID",
    "Intake",
    "check_id",
    "check_json",
    "hinted",
    "construct_of",
    "items",
    "keyword_hints",
    "mapping",
]
