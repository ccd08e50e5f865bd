"""The final check of Terraform names, against what was synthesized.

``_runtime/names.py`` computes and checks every name this package gives when a construct is
created. Names given later are not known there (a stack's own ``_allocate_logical_id``, an
``override_logical_id`` that node ignores because it had read the name already, a token, a
rename in node or in an aspect), so each synthesized document is checked once more, here, by
``App.synth()`` (through ``synth.checks``) and by the testing kit's ``synth``
(:func:`check_document`): per namespace, as many entries as elements, and only names
Terraform accepts.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .. import batch, cdk
from ..names import (
    RESERVED_VARIABLES,
    TERRAFORM_NAME,
    TERRAFORM_RULE,
    Key,
    Place,
    StackNames,
    check_name,
    checked,
    claim,
    describe_namespace,
    find_all,
    name_problem,
    place_of,
    refused,
    renamed_elements,
)
from ..tokens import contains_token

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


def _check_plain(group: _Elements, runtime: Any) -> None:
    """Claim the final names of the elements the package did not create (their own classes:
    the checks and messages of construction, for elements only node names)."""
    names = checked(group.names)
    if names is None or not group.plain:
        return
    stack_path = str(names.stack.node.path)
    # node is asked for the path and Terraform name of all of them in one request (batch.py)
    for construct, (path, name) in zip(
        group.plain, batch.paths_and_names(group.plain), strict=True
    ):
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
                if not TERRAFORM_NAME.match(name) or (
                        namespace == "variable" and name in RESERVED_VARIABLES):
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
            raise refused(
                f"{_kind_path(element)}: its Terraform {describe_namespace(namespace)} "
                f"{name!r} in the synthesized document is also the name of "
                f"{_kind_path(first)}; cdktf merged "
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
    if namespace == "variable" and name in RESERVED_VARIABLES:
        problem = ("it is reserved by Terraform for variables "
                   f"({', '.join(sorted(RESERVED_VARIABLES))})")
    else:
        problem = f"{name_problem(name)} ({TERRAFORM_RULE})"
    raise refused(
        f"{owner}: the Terraform {describe_namespace(namespace)} {name!r} in the synthesized "
        f"document is one Terraform refuses: {problem}; {fix}"
    )


def _check_renames(belongs: Callable[[Any], bool]) -> None:
    """node fixes an element's name the first time it is read (a reference such as ``.id``,
    a synth) and ignores a later ``override_logical_id`` without a word: refuse that rename
    rather than let the element keep a name nobody asked for. One node call per renamed
    element of this package, at synth."""
    for element, wanted in renamed_elements():
        if not belongs(element):
            continue
        actual = str(element.friendly_unique_id)
        if actual != wanted:
            raise refused(
                f"{type(element).__name__} {str(element.node.path)!r}: "
                f"override_logical_id({wanted!r}) came after its Terraform name was already "
                f"fixed as {actual!r} (node fixes it the first time something reads it: a "
                "reference such as .id, or a synth), so the rename would be ignored; call "
                "override_logical_id right after creating the element, before anything refers "
                "to it"
            )


def check_synthesized(app: Any, documents: Mapping[str, Mapping[str, Any]] | None = None
                      ) -> None:
    """Check the names of a synthesized app before anything is written (``App.synth()``
    calls it with the JSON document of every stack by its name, ``documents``).

    First the elements the package did not create (cdktf's own ``TerraformOutput``,
    ``TerraformVariable``, ``TerraformLocal``, plain resources, data sources and modules, the
    cross-stack outputs cdktf adds), now that node has given them their final names, with the
    checks of construction. Then each document itself (:func:`check_document`), which no
    renaming gets past: a stack's own ``allocate_logical_id``, ``override_logical_id`` after
    construction or in an aspect. The generated elements cost a few Python operations here;
    node is asked for the names of the others in one request.
    """
    runtime = sys.modules[cdk.runtime_name()]
    _check_renames(lambda element: element.node.root is app)
    groups = _collect(app, runtime)
    for group in groups:
        _check_plain(group, runtime)
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
    _check_renames(lambda element: runtime.TerraformStack.of(element) is stack)
    for group in _collect(stack, runtime, only=stack):
        _check_document(group, document, runtime)


__all__ = ["check_document", "check_synthesized"]
