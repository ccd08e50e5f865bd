"""Forgotten elements: generated resources written as Terraform ``removed`` blocks, data
sources left out, and the check that nothing still refers to them.

The runtime knows nothing about which types are forgotten or why (``openai_constructs.retire``
decides): :func:`forget` records a scope and the element addresses it forgets, in Python (for
the check and the listing) and in node (``batch.js``), where each generated element asks its
ancestors as it synthesizes. So an element declared below the scope after the call is
forgotten too, and a synth costs no extra round trip.

:func:`check_document` runs on every synthesized document (``App.synth()`` and the testing
kit's ``synth``) and costs one dictionary lookup while nothing is forgotten. A reference left
to a forgotten object would only fail later, in Terraform ("Reference to undeclared
resource"), naming none of the constructs: it is refused here, before anything is written,
as one :class:`~openai_constructs.errors.ForgottenReferenceError` naming both construct paths.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import ForgottenReferenceError
from . import batch, cdk
from ._jsii import object_id

__all__ = [
    "ForgottenElement", "check_app", "check_document", "forget", "forgotten_below", "identity",
    "recorded",
]


@dataclass(frozen=True)
class ForgottenElement:
    """One element ``forget`` reaches: its construct path, its Terraform address
    (``openai_beta_thread.Welcome_0A1B2C3D``, ``data.openai_beta_thread.Lookup_...``), the
    call that forgets it, and the element itself."""

    path: str
    address: str
    by: str
    element: Any

    @property
    def is_data_source(self) -> bool:
        return self.address.startswith("data.")


@dataclass
class _Record:
    scope: Any
    root: str
    addresses: set[str]
    by: str


# Recorded scopes by jsii identity (as Metadata.of keys them: a construct created in node
# comes back as a fresh proxy each time).
_RECORDED: dict[str, _Record] = {}


def identity(construct: Any) -> str:
    """The jsii identity of a construct (the same for every Python proxy of it)."""
    ref = object_id(construct)
    return ref if ref is not None else f"python:{id(construct)}"


_identity = identity


def identity_of_root(construct: Any) -> str:
    """The identity of the app (the root) ``construct`` belongs to."""
    return identity(construct.node.root)


def recorded() -> bool:
    """True once anything has been forgotten in this process."""
    return bool(_RECORDED)


def forget(scope: Any, addresses: Iterable[str], by: str) -> None:
    """Forget every generated element below ``scope`` (itself included) whose address
    (``openai_beta_thread``, ``data.openai_beta_thread``) is in ``addresses``; ``by`` names
    the call in messages (``Retire.of('prod').forget()``). Adds to earlier calls."""
    wanted = sorted(set(addresses))
    if not wanted:
        return
    identity = _identity(scope)
    record = _RECORDED.get(identity)
    if record is None:
        record = _RECORDED[identity] = _Record(scope, identity_of_root(scope), set(), by)
    record.addresses.update(wanted)
    batch.forget(scope, wanted)


def _type_address(element: Any) -> str | None:
    from .bindings import DataSource, Resource

    if isinstance(element, Resource):
        return str(element.TF_RESOURCE_TYPE)
    if isinstance(element, DataSource):
        return "data." + str(element.TF_RESOURCE_TYPE)
    return None


def forgotten_below(scope: Any) -> list[ForgottenElement]:
    """The generated elements below ``scope`` (itself included) that some ``forget`` call
    reaches, in construct order."""
    if not _RECORDED:
        return []
    from . import names

    root = identity_of_root(scope)
    records = [r for r in _RECORDED.values() if r.root == root]
    if not records:  # forget() was called in other apps only: one call to node, no walk
        return []
    below = names.find_all(scope)
    identities = {_identity(e) for e in below}
    # The elements each record reaches, by identity (a record of a scope outside this one
    # reaches none of them; paths alone could not tell two apps apart).
    reached: dict[str, _Record] = {}
    for record in records:
        for element in names.find_all(record.scope):
            identity = _identity(element)
            if identity in identities and identity not in reached:
                type_address = _type_address(element)
                if type_address is not None and type_address in record.addresses:
                    reached[identity] = record
    found: list[ForgottenElement] = []
    for element in below:
        by = reached.get(_identity(element))
        if by is None:
            continue
        type_address = _type_address(element)
        found.append(ForgottenElement(
            str(element.node.path), f"{type_address}.{element.friendly_unique_id}",
            by.by, element,
        ))
    return found


_ADDRESS = re.compile(r"(?<![\w.\-])((?:data\.)?[A-Za-z_][\w\-]*\.[A-Za-z_][\w\-]*)")


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            if key != "//":
                yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _element_paths(stack: Any) -> dict[tuple[str, str], str]:
    """Construct paths of the stack's outputs, locals, resources and data sources by (section,
    Terraform name or ``type.name``): the kit's documents carry no ``//`` metadata."""
    import sys

    from . import names

    local_type = sys.modules[cdk.runtime_name()].TerraformLocal
    paths: dict[tuple[str, str], str] = {}
    for element in names.find_all(stack):
        if isinstance(element, cdk.TerraformOutput):
            paths[("output", str(element.friendly_unique_id))] = str(element.node.path)
        elif isinstance(element, local_type):
            paths[("locals", str(element.friendly_unique_id))] = str(element.node.path)
        elif isinstance(element, (cdk.TerraformResource, cdk.TerraformDataSource)):
            section = "data" if isinstance(element, cdk.TerraformDataSource) else "resource"
            address = f"{element.terraform_resource_type}.{element.friendly_unique_id}"
            paths[(section, address)] = str(element.node.path)
    return paths


def _referrers(
    document: Mapping[str, Any], paths: Mapping[tuple[str, str], str]
) -> Iterator[tuple[str, Any]]:
    """(what, body) for every place of a document that can hold a reference."""
    for section in ("resource", "data"):
        for type_name, named in (document.get(section) or {}).items():
            if not isinstance(named, Mapping):
                continue
            for name, body in named.items():
                prefix = "data." if section == "data" else ""
                path = paths.get((section, f"{type_name}.{name}"))
                if path is None and isinstance(body, Mapping):  # cdktf's own "//" metadata
                    meta = body.get("//", {}).get("metadata", {})
                    path = meta.get("path") if isinstance(meta, Mapping) else None
                label = f"{prefix}{type_name}.{name}"
                yield (f"{path!r} ({label})" if path else label), body
    for name, body in (document.get("output") or {}).items():
        path = paths.get(("output", name))
        yield (f"output {path!r} (output.{name})" if path else f"output.{name}"), body
    locals_ = document.get("locals") or {}
    if isinstance(locals_, Mapping):
        for name, body in locals_.items():
            path = paths.get(("locals", name))
            yield (f"local {path!r} (local.{name})" if path else f"local.{name}"), body
    for section in ("module", "provider", "moved", "import", "check"):
        value = document.get(section)
        if value:
            yield section, value


def check_document(stack: Any, document: Mapping[str, Any]) -> None:
    """Refuse a document of ``stack`` that still refers to an element it forgets."""
    if not _RECORDED:
        return
    forgotten = {f.address: f for f in forgotten_below(stack)}
    if not forgotten:
        return
    problems: list[str] = []
    for what, body in _referrers(document, _element_paths(stack)):
        seen: set[str] = set()
        for text in _strings(body):
            for match in _ADDRESS.finditer(text):
                target = forgotten.get(match.group(1))
                if target is None or target.address in seen:
                    continue
                seen.add(target.address)
                kind = "data source" if target.is_data_source else "resource"
                problems.append(
                    f"{what} refers to {target.path!r} ({target.address}), a {kind} that "
                    f"{target.by} forgets; remove the reference, or leave its type out of "
                    f"forget() (exclude_resource_types)"
                )
    if problems:
        raise ForgottenReferenceError(str(stack.node.id), problems)


def check_app(app: Any, documents: Mapping[str, Mapping[str, Any]]) -> None:
    """:func:`check_document` for every stack of ``app`` (by name, as ``App.synth()`` reads
    them)."""
    if not _RECORDED:
        return
    from . import names

    stacks = {str(c.node.id): c for c in names.find_all(app) if isinstance(c, cdk.TerraformStack)}
    for name, document in documents.items():
        stack = stacks.get(name)
        if stack is not None:
            check_document(stack, document)
