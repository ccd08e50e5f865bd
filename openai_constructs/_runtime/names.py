"""Terraform names, checked in Python when a construct is created.

cdktf names every resource, data source and output of a stack after the construct path below
the stack (``allocateLogicalId``, its ``makeUniqueId``): an element directly in the stack gets
its id with every character other than ``A-Z a-z 0-9 _ -`` dropped; a deeper element gets the
sanitised ids joined by ``_`` (``Default`` left out, ``Resource`` left out of the readable
part, a component ending like the one before it dropped) plus 8 hex digits of an MD5 of the
raw path. So ``a.b``, ``ab``, ``a b`` and ``a\\x00b`` are all ``ab``; cdktf merges two such
elements into one in the document without a word, and an id that sanitises to nothing, or to
a name starting with a digit, is only refused by ``terraform validate``.

This module computes the same name from the ids alone (no node round trip: each scope's path
below its stack is cached on the Python object) and keeps, per stack, the names taken in each
Terraform namespace (``resource.<type>``, ``data.<type>``, ``output``, ``variable``,
``local``). A clash or a name Terraform refuses raises ``ConstructIdError`` naming both
construct paths before the construct reaches node.

Names given later are not known here (a stack's own ``_allocate_logical_id``, an
``override_logical_id`` that node ignores because it had read the name already, a token, a
rename in node or in an aspect), so each synthesized document is checked once more, by
``App.synth()`` and by the testing kit's ``synth``: that final check is
``synth/final_names.py``, which reads the places and the renames recorded here.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import weakref
from collections.abc import Iterable, Sequence
from typing import Any

import jsii

from ..errors import ConstructIdError
from . import cdk

_DISALLOWED = re.compile(r"[^A-Za-z0-9_-]")
_SEPARATORS = re.compile(r"[/\n]")  # what constructs turns into "--" in an id
TERRAFORM_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
_HIDDEN = "Default"
_HIDDEN_FROM_HUMAN = "Resource"
_MAX_ID = 255
_MAX_HUMAN = 240

TERRAFORM_RULE = (
    "Terraform names must start with a letter or _ and contain only letters, digits, _ and -"
)
# Terraform refuses these as variable names.
RESERVED_VARIABLES = frozenset(
    ("source", "version", "providers", "count", "for_each", "lifecycle", "depends_on",
     "locals")
)

Key = tuple[str, str]  # (namespace, name): namespace "resource.<type>", "output", ...


def sanitize_id(id: str) -> str:
    """The id as the construct tree stores it (``/`` and newlines become ``--``)."""
    return _SEPARATORS.sub("--", id) if ("/" in id or "\n" in id) else id


def logical_id(components: Sequence[str]) -> str:
    """cdktf's name for an element at ``components`` below its stack (``makeUniqueId``)."""
    kept = [c for c in components if c != _HIDDEN]
    if not kept:
        return ""
    if len(kept) == 1:
        candidate = _DISALLOWED.sub("", kept[0])
        if len(candidate) <= _MAX_ID:
            return candidate
    digest = hashlib.md5(
        "/".join(kept).encode("utf-8", "replace"), usedforsecurity=False
    ).hexdigest()[:8].upper()
    deduped: list[str] = []
    for component in kept:
        if not deduped or not deduped[-1].endswith(component):
            deduped.append(component)
    human = "_".join(
        _DISALLOWED.sub("", c) for c in deduped if c != _HIDDEN_FROM_HUMAN
    )[:_MAX_HUMAN]
    return f"{human}_{digest}"


class StackNames:
    """The Terraform names taken in one stack, with the construct path below the stack that
    took each.
    """

    __slots__ = ("own_naming", "stack", "taken")

    def __init__(self, stack: Any, own_naming: bool = False) -> None:
        self.stack = stack
        # The stack allocates names its own way (``_allocate_logical_id`` overridden): the
        # Python names would be wrong, so nothing is checked at construction; the final check
        # of the synthesized document still is.
        self.own_naming = own_naming
        self.taken: dict[Key, tuple[str, ...]] = {}

    def holds(self, components: Sequence[str]) -> bool:
        """Whether a construct is still at ``components`` (one that failed half-way is
        removed from the tree again); only asked when a name clashes.
        """
        scope: Any = self.stack
        for component in components:
            scope = scope.node.try_find_child(component)
            if scope is None:
                return False
        return True

    def path(self, components: Sequence[str]) -> str:
        return "/".join((str(self.stack.node.path), *components))


# A scope's ``_oc_names``: its stack's names (``None`` outside a stack) and its path below
# the stack.
Place = tuple[StackNames | None, tuple[str, ...]]
OUTSIDE: Place = (None, ())


def place_of(scope: Any) -> Place:
    """Where ``scope`` is: cached on the scope, else found with a few node calls once."""
    found: Place | None = getattr(scope, "_oc_names", None)
    if found is not None:
        return found
    found = _find(scope)
    with contextlib.suppress(AttributeError):  # an object refusing attributes: look up again
        scope._oc_names = found
    return found


def _find(scope: Any) -> Place:
    if not isinstance(scope, cdk.Construct):
        return OUTSIDE
    if isinstance(scope, cdk.TerraformStack):
        return (_names_of(scope), ())
    try:
        stack = cdk.TerraformStack.of(scope)
    except Exception:  # not in a stack: cdktf reports that itself
        return OUTSIDE
    stack_place = place_of(stack)
    stack_path = str(stack.node.path)
    path = str(scope.node.path)
    below = path[len(stack_path) + 1:] if stack_path else path
    return (stack_place[0], tuple(below.split("/")) if below else ())


def _names_of(stack: Any) -> StackNames:
    for method in ("_allocate_logical_id", "get_logical_id"):
        base = getattr(cdk.TerraformStack, method)
        if getattr(type(stack), method, base) is not base:
            return StackNames(stack, own_naming=True)  # it names its elements its own way
    return StackNames(stack)


def checked(names: StackNames | None) -> StackNames | None:
    """The names to check at construction: none outside a stack or in a stack that
    allocates names its own way."""
    return None if names is None or names.own_naming else names


def remember(construct: Any, place: Place) -> None:
    """Cache ``place`` on ``construct`` (created at it), for the constructs created inside."""
    construct._oc_names = place


def child_place(scope: Any, id: str) -> Place:
    names, components = place_of(scope)
    return (names, (*components, sanitize_id(id)))


# ---------------------------------------------------------------------------------------
# Checking and claiming
# ---------------------------------------------------------------------------------------


_last_refused: list[str] = []  # the message of the last refusal, see refusal_behind


def refused(message: str) -> ConstructIdError:
    _last_refused[:] = [message]
    return ConstructIdError(message)


def refusal_behind(error: BaseException) -> ConstructIdError | None:
    """The ``ConstructIdError`` that ``error`` carries the message of. Raised in Python
    inside a node callback (an aspect that renames an element or creates one), a refusal
    reaches the caller as jsii's ``RuntimeError`` with its text only; this gives it back.
    """
    if _last_refused and str(error) == _last_refused[0]:
        return ConstructIdError(_last_refused[0])
    return None


def _owner(kind: str, names: StackNames | None, components: Sequence[str]) -> str:
    path = names.path(components) if names is not None else "/".join(components)
    return f"{kind} {path!r}"


def written(components: Sequence[str]) -> tuple[str, ...]:
    """The path the user wrote for an element: an L2 construct's generated child
    (``.../Default``, which cdktf also leaves out of the Terraform name) is named by the
    construct itself."""
    if len(components) > 1 and components[-1] == "Default":
        return tuple(components[:-1])
    return tuple(components)


def describe_namespace(namespace: str) -> str:
    if namespace.startswith("resource."):
        return f"resource name (of {namespace[len('resource.'):]})"
    if namespace.startswith("data."):
        return f"data source name (of {namespace[len('data.'):]})"
    if namespace.startswith("ephemeral."):
        return f"ephemeral resource name (of {namespace[len('ephemeral.'):]})"
    return f"{namespace} name"


def check_name(kind: str, place: Place, namespace: str, name: str,
               id: str | None = None, fix: str | None = None) -> Key | None:
    """Raise ``ConstructIdError`` if ``name`` is not a Terraform name or is taken in its
    namespace of the stack; return the key to :func:`claim` once the construct exists.
    ``None`` when the place is not checked (outside a stack, custom naming).
    """
    names, components = place
    names = checked(names)
    if names is None:
        return None
    if not TERRAFORM_NAME.match(name):
        raise refused(_refusal(kind, place, namespace, name, id))
    if namespace == "variable" and name in RESERVED_VARIABLES:
        raise refused(
            f"{_owner(kind, names, components)}: the variable name {name!r} is reserved by "
            f"Terraform ({', '.join(sorted(RESERVED_VARIABLES))}); choose another id"
        )
    key = (namespace, name)
    other = names.taken.get(key)
    if other is not None and other != tuple(components) and not names.holds(other):
        del names.taken[key]  # its construct was removed from the tree again
        other = None
    if other is not None and other != tuple(components):
        raise refused(
            f"{_owner(kind, names, components)}: its Terraform {describe_namespace(namespace)} "
            f"{name!r} is already the name of {names.path(written(other))!r}; the two would be "
            f"merged into one in the synthesized document; "
            f"{fix or _FIX.format(why=_why(components, name))}"
        )
    return key


_FIX = ("{why}choose ids that differ in letters, digits, _ or -, or give one of them its own "
        "name with override_logical_id(...)")


def _named_after(components: Sequence[str]) -> str | None:
    """The one id a top-level name comes from (``Default`` components are left out)."""
    kept = [c for c in components if c != _HIDDEN]
    return kept[0] if len(kept) == 1 else None


def _why(components: Sequence[str], name: str) -> str:
    id = _named_after(components)
    if id is None or id == name or logical_id(components) != name:
        return ""  # not derived from one id by dropping characters (a given name, a hash)
    return (f"cdktf derives the name from the id {id!r} by dropping every character other "
            "than letters, digits, _ and -, so ")


def _refusal(kind: str, place: Place, namespace: str, name: str, id: str | None) -> str:
    names, components = place
    owner = _owner(kind, names, components)
    source = _named_after(components) if id is not None else None
    if source is not None and source != name:
        given = f"the id {source!r} gives the Terraform {describe_namespace(namespace)} {name!r}"
    else:
        given = f"the Terraform {describe_namespace(namespace)} {name!r}"
    problem = name_problem(name)
    if not name and all(c == _HIDDEN for c in components):
        problem = "cdktf leaves the id 'Default' out of Terraform names, and nothing else is left"
        fix = "; use another id"
    elif not name:
        problem = ("nothing is left once cdktf drops the characters other than letters, "
                   "digits, _ and -")
        fix = "; use an id with ASCII letters"
    elif name[0].isdigit() or name[0] == "-":
        fix = f"; start the id with a letter, e.g. {'r' + name.lstrip('-')!r}"
    else:
        fix = ""
    return f"{owner}: {given}, which Terraform refuses: {problem} ({TERRAFORM_RULE}){fix}"


def name_problem(name: str) -> str:
    """Why Terraform refuses ``name`` (one that does not match the rule)."""
    if not name:
        return "it is empty"
    if name[0].isdigit() or name[0] == "-":
        return f"it starts with {'a digit' if name[0].isdigit() else '-'}"
    return "it has characters other than letters, digits, _ and -"


def claim(place: Place, key: Key | None) -> None:
    """Record that the construct at ``place`` now holds ``key``."""
    names, components = place
    if names is not None and key is not None:
        names.taken[key] = tuple(components)


def release(place: Place, key: Key | None) -> None:
    names, components = place
    if names is not None and key is not None and names.taken.get(key) == tuple(components):
        del names.taken[key]


def check_scope_id(kind: str, scope: Any, id: str) -> Place:
    """For a construct that is not itself an element (an L2 construct or pattern): directly
    in a stack, its id starts the name of every element inside it, so it must not start the
    name with a digit or ``-``. Returns the construct's own place.
    """
    place = child_place(scope, id)
    names, components = place
    names = checked(names)
    if names is not None and len(components) == 1 and id != _HIDDEN:
        head = _DISALLOWED.sub("", components[0])[:1]
        if head and (head.isdigit() or head == "-"):
            raise refused(
                f"{_owner(kind, names, components)}: the id {id!r} starts the Terraform "
                f"name of every resource inside it, which Terraform refuses: it starts with "
                f"{'a digit' if head.isdigit() else '-'} ({TERRAFORM_RULE}); start it with a "
                "letter"
            )
    return place


def check_free(kind: str, place: Place, namespace: str,
               wanted: Iterable[tuple[str, str]], fix: str) -> None:
    """Check, before a pattern creates anything, the names it will give constructs below
    ``place``: ``(id path below place, Terraform name)`` pairs, unique among themselves and
    free in the stack.
    """
    names, components = place
    names = checked(names)
    if names is None:
        return
    seen: dict[str, str] = {}
    for child, name in wanted:
        child_components = (*components, *child.split("/"))
        if name in seen and seen[name] != child:
            other = names.path((*components, *seen[name].split("/")))
            raise refused(
                f"{_owner(kind, names, child_components)}: its Terraform {namespace} name "
                f"{name!r} would also be the name of {other!r}; {fix}"
            )
        seen[name] = child
        check_name(kind, (names, child_components), namespace, name, fix=fix)


# ---------------------------------------------------------------------------------------
# Read at synth (``synth/final_names.py`` checks the synthesized documents)
# ---------------------------------------------------------------------------------------


def find_all(scope: Any) -> list[Any]:
    """``scope.node.find_all()`` in one jsii call, without the generated wrapper's typeguard
    check of its argument (whose first use in a process imports typeguard and reads package
    metadata: ~0.1 s, more than the call itself)."""
    return list(jsii.invoke(scope.node, "findAll", []))


# Elements of this package renamed with ``override_logical_id``, and the name asked for.
_renamed: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()


def expect_name(element: Any, name: str | None) -> None:
    """Remember that ``element`` was renamed to ``name`` (``None``: the rename was undone)."""
    if name is None:
        _renamed.pop(element, None)
    else:
        _renamed[element] = name


def renamed_elements() -> list[tuple[Any, str]]:
    """The elements of this package renamed with ``override_logical_id``, with the name
    asked for (checked against node's at synth)."""
    return list(_renamed.items())


__all__ = [
    "TERRAFORM_RULE",
    "StackNames",
    "check_free",
    "check_name",
    "check_scope_id",
    "child_place",
    "expect_name",
    "find_all",
    "claim",
    "logical_id",
    "remember",
    "place_of",
    "refusal_behind",
    "renamed_elements",
    "release",
    "sanitize_id",
]
