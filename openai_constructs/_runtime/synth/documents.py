"""The documents of a staged synth: read back for the checks, and written as native syntax.

Node synthesizes every stack into the staging folder; the checks that run before the commit
read each stack's Terraform JSON document from there (or, for a stack written as HCL, ask
node for it), and a stack synthesized as HCL gets its ``cdk.tf`` rendered from that document
by ``hcl.stack`` (the runtime's own writer gets cdktf's elements wrong).
"""

from __future__ import annotations

import json
import os
from typing import Any

from .. import batch, cdk, names
from ..hcl import stack as hcl_stack


def staged_documents(app: Any, staging: str) -> dict[str, dict[str, Any]]:
    """The Terraform JSON document of every stack node synthesized into ``staging``, by the
    stack's name in ``manifest.json``: the checks that run before the commit read these.

    A stack written as JSON is read back from its file. One written as HCL (``hcl_output``)
    has no JSON file, so its document is asked of node (``stack.toTerraform()``, the object
    ``cdk.tf.json`` would have held).
    """
    manifest_path = os.path.join(staging, "manifest.json")
    if not os.path.exists(manifest_path):
        return {}
    with open(manifest_path, encoding="utf-8") as handle:
        manifest = json.load(handle)
    stacks: dict[str, Any] | None = None
    documents: dict[str, dict[str, Any]] = {}
    for name, entry in (manifest.get("stacks", {}) or {}).items():
        synthesized = entry.get("synthesizedStackPath")
        if not isinstance(synthesized, str):
            continue
        if synthesized.endswith(".json"):
            with open(os.path.join(staging, synthesized), encoding="utf-8") as handle:
                documents[name] = json.load(handle)
            continue
        if stacks is None:
            stacks = _stacks_by_name(app)
        documents[name] = json.loads(batch.full_document(stacks[name]))
    return documents


def write_native_syntax(app: Any, staging: str, documents: dict[str, dict[str, Any]]) -> None:
    """Write ``cdk.tf`` (and ``metadata.json``) of every stack synthesized as HCL, rendered
    from its JSON document by ``hcl.stack`` (the runtime's own writer gets cdktf's elements
    wrong, and under cdktf 0.21 ``hcl_output=True`` alone puts the JSON text in ``cdk.tf``).
    Every stack is rendered before any file is written, so a refusal leaves ``staging`` as
    node wrote it (and the commit never runs)."""
    with open(os.path.join(staging, "manifest.json"), encoding="utf-8") as handle:
        entries = (json.load(handle).get("stacks", {}) or {})
    stacks: dict[str, Any] | None = None
    known = _known_types()
    writes: list[tuple[str, str]] = []
    for name, entry in entries.items():
        synthesized = entry.get("synthesizedStackPath")
        if not isinstance(synthesized, str) or synthesized.endswith(".json"):
            continue
        if stacks is None:
            stacks = _stacks_by_name(app)
        document = documents[name]
        text = native_syntax(stacks[name], document, known)
        writes.append((synthesized, text))
        meta = entry.get("stackMetadataPath")
        if isinstance(meta, str):
            writes.append((meta, json.dumps(hcl_stack.metadata(document), indent=2,
                                            sort_keys=True, ensure_ascii=False) + "\n"))
    for relative, text in writes:
        with open(os.path.join(staging, relative), "w", encoding="utf-8", newline="") as out:
            out.write(text)


def native_syntax(stack: Any, document: dict[str, Any],
                  known: frozenset[tuple[str, str]] | None = None) -> str:
    """``cdk.tf`` of ``stack`` from its JSON ``document``, as ``App.synth()`` writes it (the
    testing kit reads the same text back)."""
    types = _known_types() if known is None else known
    return hcl_stack.render(str(stack.node.id), document, _describer(stack), types)


def _known_types() -> frozenset[tuple[str, str]]:
    """(section, type) of every generated class: their schema has attributes only."""
    from ..bindings import DataSource, Provider, Resource

    known: set[tuple[str, str]] = set()
    for base, section in ((Resource, "resource"), (DataSource, "data"), (Provider, "provider")):
        pending = list(base.__subclasses__())
        while pending:
            cls = pending.pop()
            pending += cls.__subclasses__()
            kind = getattr(cls, "TF_RESOURCE_TYPE", None)
            if isinstance(kind, str):
                known.add((section, kind))
    return frozenset(known)


def _describer(stack: Any) -> hcl_stack.Describe:
    """The shape an element's own HCL descriptors give (cdktf's generated bindings say
    ``isBlock`` per attribute): how the blocks of a type this package has no schema for are
    told from attributes. Looked up only for bodies that hold an object."""
    elements: dict[str, Any] = {}

    def describe(section: str, type_name: str, body: Any) -> hcl_stack.Shape | None:
        if not elements:
            elements.update((str(c.node.path), c) for c in names.find_all(stack)
                            if isinstance(c, cdk.TerraformElement))
        if section == "provider":
            alias = body.get("alias") or None
            found = [e for e in elements.values() if isinstance(e, cdk.TerraformProvider)
                     and str(e.terraform_resource_type) == type_name
                     and (e.alias or None) == alias]
            element = found[0] if len(found) == 1 else None
        else:
            meta = body.get("//", {}).get("metadata", {}) if isinstance(body, dict) else {}
            element = elements.get(str(meta.get("path")))
        if element is None:
            return None
        try:
            fragment = element.to_hcl_terraform()
        except Exception:  # no descriptors: the caller refuses the object
            return None
        section_body = fragment.get(section, {}) if isinstance(fragment, dict) else {}
        typed = section_body.get(type_name) if isinstance(section_body, dict) else None
        if section == "provider":
            configs = typed if isinstance(typed, list) else [typed]
            return hcl_stack.shape_from_descriptors(configs[0] if configs else None)
        if isinstance(typed, dict) and len(typed) == 1:
            return hcl_stack.shape_from_descriptors(next(iter(typed.values())))
        return None

    return describe


def _stacks_by_name(app: Any) -> dict[str, Any]:
    return {str(c.node.id): c for c in names.find_all(app) if isinstance(c, cdk.TerraformStack)}
