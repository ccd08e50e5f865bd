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
``App.synth()`` and by the testing kit's ``synth`` (:func:`check_document`): per namespace,
as many entries as elements, and only names Terraform accepts.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import sys
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import jsii

from ..errors import ConstructIdError
from . import cdk
from .tokens import contains_token

_DISALLOWED = re.compile(r"[^A-Za-z0-9_-]")
_SEPARATORS = re.compile(r"[/\n]")  # what constructs turns into "--" in an id
_TERRAFORM_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
_HIDDEN = "Default"
_HIDDEN_FROM_HUMAN = "Resource"
_MAX_ID = 255
_MAX_HUMAN = 240

TERRAFORM_RULE = (
    "Terraform names must start with a letter or _ and contain only letters, digits, _ and -"
)
# Terraform refuses these as variable names.
_RESERVED_VARIABLES = frozenset(
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


def _checked(names: StackNames | None) -> StackNames | None:
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


def _refused(message: str) -> ConstructIdError:
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


def _describe(namespace: str) -> str:
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
    names = _checked(names)
    if names is None:
        return None
    if not _TERRAFORM_NAME.match(name):
        raise _refused(_refusal(kind, place, namespace, name, id))
    if namespace == "variable" and name in _RESERVED_VARIABLES:
        raise _refused(
            f"{_owner(kind, names, components)}: the variable name {name!r} is reserved by "
            f"Terraform ({', '.join(sorted(_RESERVED_VARIABLES))}); choose another id"
        )
    key = (namespace, name)
    other = names.taken.get(key)
    if other is not None and other != tuple(components) and not names.holds(other):
        del names.taken[key]  # its construct was removed from the tree again
        other = None
    if other is not None and other != tuple(components):
        raise _refused(
            f"{_owner(kind, names, components)}: its Terraform {_describe(namespace)} "
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
        given = f"the id {source!r} gives the Terraform {_describe(namespace)} {name!r}"
    else:
        given = f"the Terraform {_describe(namespace)} {name!r}"
    problem = _problem(name)
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


def _problem(name: str) -> str:
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
    names = _checked(names)
    if names is not None and len(components) == 1 and id != _HIDDEN:
        head = _DISALLOWED.sub("", components[0])[:1]
        if head and (head.isdigit() or head == "-"):
            raise _refused(
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
    names = _checked(names)
    if names is None:
        return
    seen: dict[str, str] = {}
    for child, name in wanted:
        child_components = (*components, *child.split("/"))
        if name in seen and seen[name] != child:
            other = names.path((*components, *seen[name].split("/")))
            raise _refused(
                f"{_owner(kind, names, child_components)}: its Terraform {namespace} name "
                f"{name!r} would also be the name of {other!r}; {fix}"
            )
        seen[name] = child
        check_name(kind, (names, child_components), namespace, name, fix=fix)


# ---------------------------------------------------------------------------------------
# At synth: the elements the package did not create, and the final document
# ---------------------------------------------------------------------------------------

# The sections of a Terraform JSON document that hold named elements, and whether an entry
# is named within its type (``resource.<type>.<name>``) or directly (``output.<name>``).
_SECTIONS = (("resource", True), ("data", True), ("ephemeral", True), ("output", False),
             ("variable", False), ("locals", False), ("module", False))
_COMMENT = "//"


class _Elements:
    """The Terraform elements one stack's construct tree holds, by the document section each
    one adds one entry to, and those this package did not create (with their section)."""

    __slots__ = ("by_section", "names", "plain")

    def __init__(self, names: StackNames) -> None:
        self.names = names
        self.by_section: dict[str, list[Any]] = {}
        self.plain: list[Any] = []


def _section_of(construct: Any, runtime: Any) -> str | None:
    """The document section an element is an entry of: Python ``isinstance`` only."""
    for cls_name, section in (("TerraformResource", "resource"),
                              ("TerraformDataSource", "data"),
                              ("TerraformRemoteState", "data"),
                              ("TerraformOutput", "output"),
                              ("TerraformVariable", "variable"),
                              ("TerraformLocal", "locals"),
                              ("TerraformModule", "module"),
                              ("TerraformEphemeralResource", "ephemeral")):  # cdktn only
        cls = getattr(runtime, cls_name, None)
        if cls is not None and isinstance(construct, cls):
            return section
    return None  # providers, backends, import blocks: not named entries of a section


def _namespace_of(construct: Any, runtime: Any) -> str:
    """The Terraform namespace of an element (a jsii call for a type the package did not
    generate): ``resource.<type>``, ``data.<type>``, ``output``, ..."""
    if hasattr(construct, "_oc_name_key"):
        return str(construct._namespace())
    for cls_name, namespace in (("TerraformOutput", "output"),
                                ("TerraformVariable", "variable"),
                                ("TerraformLocal", "local"),
                                ("TerraformModule", "module"),
                                ("TerraformRemoteState", "data.terraform_remote_state")):
        if isinstance(construct, getattr(runtime, cls_name)):
            return namespace
    cls = getattr(runtime, "TerraformEphemeralResource", None)
    prefix = ("ephemeral." if cls is not None and isinstance(construct, cls) else
              "data." if isinstance(construct, runtime.TerraformDataSource) else "resource.")
    return prefix + str(construct.terraform_resource_type)


def _collect(root: Any, runtime: Any, only: Any = None) -> list[_Elements]:
    """The elements below ``root``, grouped by stack (``only``: that stack's alone), in tree
    order, from one ``find_all``. The package's own elements know their stack in Python; the
    others are placed by one more ``find_all`` per stack, and only when there are several.
    """
    found = find_all(root)
    stacks = [c for c in found if isinstance(c, runtime.TerraformStack)]
    groups: dict[int, _Elements] = {}
    for stack in stacks if only is None else [only]:
        names = _stack_names(stack)
        groups[id(names)] = _Elements(names)
    nested = any(stack is not only for stack in stacks) if only is not None else None
    sole = next(iter(groups.values())) if len(stacks) == 1 or nested is False else None
    owners: dict[int, _Elements] | None = None
    for construct in found:
        if not isinstance(construct, runtime.TerraformElement):
            continue
        section = _section_of(construct, runtime)
        if section is None:
            continue
        own = hasattr(construct, "_oc_name_key")
        place: Place | None = getattr(construct, "_oc_names", None) if own else None
        group = groups.get(id(place[0])) if place is not None and place[0] is not None else None
        if group is None and sole is not None:
            group = sole
        elif group is None:
            if owners is None:
                owners = _owners(stacks, groups)
            group = owners.get(id(construct))
        if group is None:
            continue  # in a stack nested in ``only``: a document of its own
        group.by_section.setdefault(section, []).append(construct)
        if not own:
            group.plain.append(construct)
    return list(groups.values())


def find_all(scope: Any) -> list[Any]:
    """``scope.node.find_all()`` in one jsii call, without the generated wrapper's typeguard
    check of its argument (whose first use in a process imports typeguard and reads package
    metadata: ~0.1 s, more than the call itself)."""
    return list(jsii.invoke(scope.node, "findAll", []))


def _owners(stacks: Sequence[Any], groups: Mapping[int, _Elements]) -> dict[int, _Elements]:
    """Every construct's group, by ``id``: the innermost stack holding it (``find_all`` lists a
    stack before the stacks nested in it, so an inner stack's claim comes later)."""
    owners: dict[int, _Elements] = {}
    for stack in stacks:
        group = groups.get(id(_stack_names(stack)))
        for construct in find_all(stack):
            if group is None:
                owners.pop(id(construct), None)
            else:
                owners[id(construct)] = group
    return owners


def _stack_names(stack: Any) -> StackNames:
    names = place_of(stack)[0]
    assert names is not None  # a stack's place is its own names
    return names


PathsAndNames = Callable[[Sequence[Any]], "list[tuple[str, str]]"]


def _each_path_and_name(elements: Sequence[Any]) -> list[tuple[str, str]]:
    return [(str(c.node.path), str(c.friendly_unique_id)) for c in elements]


def _check_plain(group: _Elements, runtime: Any, read: PathsAndNames) -> None:
    """Claim the final names of the elements the package did not create (their own classes:
    the checks and messages of construction, for elements only node names)."""
    names = _checked(group.names)
    if names is None or not group.plain:
        return
    stack_path = str(names.stack.node.path)
    for construct, (path, name) in zip(group.plain, read(group.plain), strict=True):
        place: Place = (names, tuple(path[len(stack_path) + 1:].split("/")))
        if contains_token(name):
            continue  # the final check below resolves it
        namespace = _namespace_of(construct, runtime)
        key = check_name(type(construct).__name__, place, namespace, name)
        claim(place, key)


def _document_names(document: Mapping[str, Any]) -> dict[str, dict[str, list[str]]]:
    """The names a stack's document holds, by section and namespace (``//`` left out)."""
    found: dict[str, dict[str, list[str]]] = {}
    for section, typed in _SECTIONS:
        entries = document.get(section)
        if not isinstance(entries, Mapping):
            continue
        if typed:
            found[section] = {
                f"{_SINGULAR.get(section, section)}.{type_name}":
                    [n for n in named if n != _COMMENT]
                for type_name, named in entries.items()
                if type_name != _COMMENT and isinstance(named, Mapping)
            }
        else:
            found[section] = {_SINGULAR.get(section, section): [
                n for n in entries if n != _COMMENT]}
    return found


_SINGULAR = {"locals": "local"}


def _check_document(group: _Elements, document: Mapping[str, Any], runtime: Any) -> None:
    """The final check, against what was synthesized, whoever named the elements: every
    name is one Terraform accepts, and each section has as many entries as the tree has
    elements in it (cdktf merges two elements of one name into one entry). Python counting
    on the way; node is asked for names only when a count is off or a name refused.
    """
    taken = _document_names(document)
    for section, namespaces in taken.items():
        for namespace, found in namespaces.items():
            for name in found:
                if not _TERRAFORM_NAME.match(name) or (
                        namespace == "variable" and name in _RESERVED_VARIABLES):
                    _refuse_final(group, section, namespace, name, runtime)
    overridden = _stack_overrides(document)
    for section, elements in group.by_section.items():
        entries = sum(len(found) for found in taken.get(section, {}).values())
        if len(elements) != entries or section in overridden:
            _find_merged(group, elements, runtime)


def _stack_overrides(document: Mapping[str, Any]) -> frozenset[str]:
    """The sections the stack's own ``add_override`` wrote to, when the document says so
    (``//`` metadata, kept by ``App.synth()``): an entry added there could hide a merge from
    the count, so those sections are looked at element by element."""
    comment = document.get(_COMMENT)
    metadata = comment.get("metadata") if isinstance(comment, Mapping) else None
    overrides = metadata.get("overrides") if isinstance(metadata, Mapping) else None
    stack = overrides.get("stack") if isinstance(overrides, Mapping) else None
    return frozenset(s for s in stack if isinstance(s, str)) if isinstance(stack, list) else (
        frozenset())


def _final_name(group: _Elements, element: Any) -> str:
    name = str(element.friendly_unique_id)
    if contains_token(name):  # a token given to override_logical_id: resolved at synth
        name = str(cdk.Tokenization.resolve(
            name, scope=group.names.stack, preparing=False,
            resolver=cdk.DefaultTokenResolver(cdk.StringConcat())))
    return name


def _find_merged(group: _Elements, elements: Sequence[Any], runtime: Any) -> None:
    """Raise for two elements with one final name in one namespace (a count was off; it may
    also be the stack's own ``add_override``, which is left alone)."""
    seen: dict[Key, Any] = {}
    for element in elements:
        key = (_namespace_of(element, runtime), _final_name(group, element))
        first = seen.setdefault(key, element)
        if first is not element:
            namespace, name = key
            raise _refused(
                f"{_kind_path(element)}: its Terraform {_describe(namespace)} {name!r} in the "
                f"synthesized document is also the name of {_kind_path(first)}; cdktf merged "
                f"the two into one entry, so one of them would be lost; {_rename_fix(group)}"
            )


def _kind_path(element: Any) -> str:
    return f"{type(element).__name__} {str(element.node.path)!r}"


def _rename_fix(group: _Elements) -> str:
    if group.names.own_naming:
        return (f"the stack's own naming ({type(group.names.stack).__name__}."
                "_allocate_logical_id) gives both this name: make it return distinct names, "
                "or give one of them its own name with override_logical_id(...)")
    return ("the name was given after the element was created (override_logical_id(...), "
            "also in an aspect, or a rename after its name was read): give each its own name "
            "with override_logical_id(...) or choose different ids")


def _refuse_final(group: _Elements, section: str, namespace: str, name: str,
                  runtime: Any) -> None:
    holder = next((element for element in group.by_section.get(section, ())
                   if _final_name(group, element) == name
                   and _namespace_of(element, runtime) == namespace), None)
    if holder is None:  # not an element's name: the stack's own add_override wrote it
        owner = f"{type(group.names.stack).__name__} {str(group.names.stack.node.path)!r}"
        fix = "change the stack's add_override(...)"
    else:
        owner = _kind_path(holder)
        fix = ("make the stack's _allocate_logical_id return names Terraform accepts"
               if group.names.own_naming else
               "give it a name Terraform accepts with override_logical_id(...)")
    if namespace == "variable" and name in _RESERVED_VARIABLES:
        problem = ("it is reserved by Terraform for variables "
                   f"({', '.join(sorted(_RESERVED_VARIABLES))})")
    else:
        problem = f"{_problem(name)} ({TERRAFORM_RULE})"
    raise _refused(
        f"{owner}: the Terraform {_describe(namespace)} {name!r} in the synthesized document "
        f"is one Terraform refuses: {problem}; {fix}"
    )


# Elements of this package renamed with ``override_logical_id``, and the name asked for.
_renamed: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()


def expect_name(element: Any, name: str | None) -> None:
    """Remember that ``element`` was renamed to ``name`` (``None``: the rename was undone)."""
    if name is None:
        _renamed.pop(element, None)
    else:
        _renamed[element] = name


def _check_renames(belongs: Callable[[Any], bool]) -> None:
    """node fixes an element's name the first time it is read (a reference such as ``.id``,
    a synth) and ignores a later ``override_logical_id`` without a word: refuse that rename
    rather than let the element keep a name nobody asked for. One node call per renamed
    element of this package, at synth."""
    for element, wanted in list(_renamed.items()):
        if not belongs(element):
            continue
        actual = str(element.friendly_unique_id)
        if actual != wanted:
            raise _refused(
                f"{type(element).__name__} {str(element.node.path)!r}: "
                f"override_logical_id({wanted!r}) came after its Terraform name was already "
                f"fixed as {actual!r} (node fixes it the first time something reads it: a "
                "reference such as .id, or a synth), so the rename would be ignored; call "
                "override_logical_id right after creating the element, before anything refers "
                "to it"
            )


def check_synthesized(app: Any, documents: Mapping[str, Mapping[str, Any]] | None = None,
                      read: PathsAndNames = _each_path_and_name) -> None:
    """Check the names of a synthesized app before anything is written (``App.synth()``
    calls it with the JSON document of every stack by its name, ``documents``).

    First the elements the package did not create (cdktf's own ``TerraformOutput``,
    ``TerraformVariable``, ``TerraformLocal``, plain resources, data sources and modules, the
    cross-stack outputs cdktf adds), now that node has given them their final names, with the
    checks of construction. Then each document itself (:func:`check_document`), which no
    renaming gets past: a stack's own ``allocate_logical_id``, ``override_logical_id`` after
    construction or in an aspect. The generated elements cost a few Python operations here;
    ``read`` gives the construct path and Terraform name of each of the others
    (``batch.paths_and_names`` asks node for all of them in one request; by default each is
    asked for on its own).
    """
    runtime = sys.modules[cdk.runtime_name()]
    if _renamed:
        _check_renames(lambda element: element.node.root is app)
    groups = _collect(app, runtime)
    for group in groups:
        _check_plain(group, runtime, read)
    if not documents:
        return
    by_name = {str(group.names.stack.node.id): group for group in groups}
    for name, document in documents.items():
        found = by_name.get(name)
        if found is not None:
            _check_document(found, document, runtime)


def check_document(stack: Any, document: Mapping[str, Any]) -> None:
    """Check the synthesized ``document`` of ``stack`` (with or without cdktf's ``//``
    metadata) against its construct tree: ``ConstructIdError`` for two elements that ended
    up with one Terraform name (merged into one entry) and for a name Terraform refuses.
    The testing kit's ``synth`` runs it; ``App.synth()`` through :func:`check_synthesized`.
    """
    runtime = sys.modules[cdk.runtime_name()]
    if _renamed:
        _check_renames(lambda element: runtime.TerraformStack.of(element) is stack)
    for group in _collect(stack, runtime, only=stack):
        _check_document(group, document, runtime)


__all__ = [
    "TERRAFORM_RULE",
    "StackNames",
    "check_free",
    "check_document",
    "check_name",
    "check_scope_id",
    "check_synthesized",
    "child_place",
    "expect_name",
    "find_all",
    "claim",
    "logical_id",
    "remember",
    "place_of",
    "refusal_behind",
    "release",
    "sanitize_id",
]
